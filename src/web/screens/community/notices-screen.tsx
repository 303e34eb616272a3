// Notices to the public: compose a notice (audience by subject, unit, language, organisation and open cases; the
// approved template; email, letter or email else letter), preview who receives it by language and channel and who is
// left out and why, send it after a confirmation, and read the notices sent with each one's delivery log.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import { api } from '../../api/client.ts';
import type { TemplateSummary } from '../../api/types.ts';
import { useSubjects, useUnits } from '../../api/reference.ts';
import {
  NOTICE_DELIVERY_LABELS,
  SUPPRESSION_LABELS,
  SUPPRESSION_REASONS,
  type NoticeDelivery,
  type NoticeInput,
  type NoticeList,
  type NoticePreviewView,
  type NoticeView,
  type SuppressionReason,
} from '../../../shared/notices.ts';
import type { OrganizationList } from '../../../shared/community.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { CheckboxField, SelectField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import { formatDateTime, humanize, languageName } from '../../format.ts';
import { useAnnounce } from '../../components/announcer.tsx';
import { languageOptions } from './community-options.ts';

const deliveryOptions = Object.entries(NOTICE_DELIVERY_LABELS).map(([value, label]) => ({ value, label }));
const deliveryLabel = (d: string) => NOTICE_DELIVERY_LABELS[d as NoticeDelivery] ?? d;
const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`;

/** The notices screen: the composer and the notices sent. */
export function NoticesScreen() {
  const [composing, setComposing] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);
  const list = useQuery({ queryKey: ['notices'], queryFn: () => api<Static<typeof NoticeList>>('GET', '/notices') });
  const items = list.data?.items ?? [];
  return (
    <>
      <div className="section-heading">
        <PageHeading>Notices to the public</PageHeading>
        <button
          type="button"
          className="button-primary"
          aria-expanded={composing}
          onClick={() => setComposing((c) => !c)}
        >
          Compose a notice
        </button>
      </div>
      {composing && (
        <ComposeNotice
          onSent={(id) => {
            setComposing(false);
            setSelected(id);
          }}
        />
      )}
      <h2>Notices sent</h2>
      <p role="status" className="result-count">
        {list.isPending ? 'Loading…' : `${items.length} notice${items.length === 1 ? '' : 's'}, newest first.`}
      </p>
      <FormError error={list.error} />
      {items.length > 0 && (
        <TableWrap label="Notices sent">
          <table className="data-table">
            <caption className="visually-hidden">Notices sent</caption>
            <thead>
              <tr>
                <th scope="col">Sent</th>
                <th scope="col">Title</th>
                <th scope="col">Template</th>
                <th scope="col">Delivery</th>
                <th scope="col">Recipients</th>
                <th scope="col">Left out</th>
              </tr>
            </thead>
            <tbody>
              {items.map((n) => (
                <tr key={n.id}>
                  <td>
                    {formatDateTime(n.sentAt)}
                    <br />
                    {n.sentBy ?? '—'}
                  </td>
                  <th scope="row" dir="auto">
                    <button type="button" className="link-button" onClick={() => setSelected(n.id)}>
                      {n.title}
                    </button>
                  </th>
                  <td>{n.templateCode}</td>
                  <td>{deliveryLabel(n.delivery)}</td>
                  <td>{n.recipientCount}</td>
                  <td>{n.suppressedCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {selected !== null && <SelectedNotice key={selected} id={selected} />}
    </>
  );
}

/** The notice the form describes; the server names what is missing or wrong on preview. */
function readNotice(form: FormData): NoticeInput {
  const value = (name: string) => String(form.get(name) ?? '').trim();
  const languages = form.getAll('languages').map(String).filter(Boolean);
  return {
    title: value('title'),
    templateCode: value('templateCode'),
    delivery: value('delivery'),
    audience: {
      ...(value('subjectCode') ? { subjectCode: value('subjectCode') } : {}),
      ...(value('unitId') ? { unitId: Number(value('unitId')) } : {}),
      ...(value('organizationId') ? { organizationId: Number(value('organizationId')) } : {}),
      ...(languages.length ? { languages } : {}),
      ...(form.get('openCasesOnly') ? { openCasesOnly: true } : {}),
    },
  };
}

function ComposeNotice({ onSent }: { onSent: (id: number) => void }) {
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const subjects = useSubjects();
  const units = useUnits();
  const organizations = useQuery({
    queryKey: ['organizations', 'for-notices'],
    queryFn: () => api<Static<typeof OrganizationList>>('GET', '/organizations?limit=100'),
  });
  const templates = useQuery({
    queryKey: ['templates', 'approved-list'],
    queryFn: () => api<TemplateSummary[]>('GET', '/templates?status=approved'),
  });
  const templateOptions = [...new Map((templates.data ?? []).map((t) => [t.code, t.name])).entries()].map(
    ([code, name]) => ({ value: code, label: `${name} (${code})` }),
  );
  const [notice, setNotice] = useState<NoticeInput | null>(null);
  const [confirming, setConfirming] = useState(false);
  const preview = useMutation({
    mutationFn: (body: NoticeInput) => api<NoticePreviewView>('POST', '/notices/preview', body),
  });
  const send = useMutation({
    mutationFn: (body: NoticeInput) => api<NoticeView>('POST', '/notices', body),
    onSuccess: async (sent) => {
      setConfirming(false);
      announce(`Notice sent: ${people(sent.recipientCount)}, ${sent.suppressedCount} left out.`);
      await queryClient.invalidateQueries({ queryKey: ['notices'] });
      onSent(sent.id);
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = readNotice(new FormData(event.currentTarget));
    setNotice(body);
    preview.mutate(body);
  };
  const ready = preview.data && notice && preview.data.problems.length === 0 && preview.data.recipients > 0;
  return (
    <section className="panel" aria-labelledby="compose-heading">
      <h2 id="compose-heading">Compose a notice</h2>
      <form className="form-grid" aria-label="The notice and its audience" onSubmit={submit}>
        <FormError error={preview.error} />
        <TextField label="Title" name="title" required field="title" error={preview.error} hint="For the log." />
        <SelectField
          label="Template"
          name="templateCode"
          required
          placeholder="Choose"
          defaultValue=""
          options={templateOptions}
          field="templateCode"
          error={preview.error}
          hint="Sent in each person's language; English where a language has no approved version."
        />
        <SelectField
          label="Delivery"
          name="delivery"
          required
          defaultValue="email_else_letter"
          options={deliveryOptions}
          field="delivery"
          error={preview.error}
        />
        <fieldset>
          <legend>Audience</legend>
          <SelectField
            label="Subject of their case"
            name="subjectCode"
            placeholder="Any"
            defaultValue=""
            options={(subjects.data ?? []).map((s) => ({ value: s.code, label: s.name }))}
            field="audience.subjectCode"
            error={preview.error}
          />
          <SelectField
            label="Unit"
            name="unitId"
            placeholder="Any"
            defaultValue=""
            options={(units.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
            field="audience.unitId"
            error={preview.error}
          />
          <SelectField
            label="Organisation"
            name="organizationId"
            placeholder="Any"
            defaultValue=""
            options={(organizations.data?.items ?? []).map((o) => ({ value: String(o.id), label: o.name }))}
            field="audience.organizationId"
            error={preview.error}
          />
          <fieldset className="checkbox-group">
            <legend>Preferred languages (none chosen: every language)</legend>
            {languageOptions.map((l) => (
              <CheckboxField key={l.value} label={l.label} name="languages" value={l.value} />
            ))}
          </fieldset>
          <CheckboxField label="Only people with an open case" name="openCasesOnly" value="yes" />
        </fieldset>
        <div className="actions">
          <button type="submit" disabled={preview.isPending}>
            Preview
          </button>
        </div>
      </form>
      {preview.data && <PreviewReport preview={preview.data} />}
      {ready && (
        <div className="actions">
          <button type="button" className="button-primary" onClick={() => setConfirming(true)}>
            Send the notice…
          </button>
        </div>
      )}
      <ModalDialog open={confirming} title="Send this notice?" onClose={() => setConfirming(false)}>
        {preview.data && notice && (
          <>
            <p>
              “{notice.title}” goes to {people(preview.data.recipients)} ({deliveryLabel(notice.delivery)}). Emails go
              out at the mail relay’s rate, the last at {formatDateTime(preview.data.lastSendAt)}; letters join the
              print batch. This cannot be undone.
            </p>
            <FormError error={send.error} />
            <div className="actions">
              <button
                type="button"
                className="button-primary"
                disabled={send.isPending}
                onClick={() => send.mutate(notice)}
              >
                Send to {people(preview.data.recipients)}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </div>
          </>
        )}
      </ModalDialog>
    </section>
  );
}

function PreviewReport({ preview }: { preview: NoticePreviewView }) {
  const left = SUPPRESSION_REASONS.reduce((sum, r) => sum + preview.suppressed[r], 0);
  return (
    <div aria-labelledby="preview-heading" role="region">
      <h3 id="preview-heading">Preview</h3>
      <p role="status">
        {people(preview.recipients)} will receive the notice; {people(left)} left out.
      </p>
      {preview.problems.length > 0 && (
        <div role="alert" className="form-error">
          <p>The notice cannot be sent yet:</p>
          <ul>
            {preview.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {preview.byLanguage.length > 0 && (
        <TableWrap label="Recipients by language and channel">
          <table className="data-table">
            <caption>Recipients by language and channel</caption>
            <thead>
              <tr>
                <th scope="col">Language</th>
                <th scope="col">Email</th>
                <th scope="col">Letter</th>
              </tr>
            </thead>
            <tbody>
              {preview.byLanguage.map((l) => (
                <tr key={l.language}>
                  <th scope="row">
                    {languageName(l.language)}
                    {l.fallback && ' (no approved version: sent in English)'}
                  </th>
                  <td>{l.email}</td>
                  <td>{l.letter}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <h4>Left out, and why</h4>
      <dl className="facts">
        {SUPPRESSION_REASONS.map((r) => (
          <div key={r}>
            <dt>{SUPPRESSION_LABELS[r]}</dt>
            <dd>{preview.suppressed[r]}</dd>
          </div>
        ))}
      </dl>
      {preview.recipients > 0 && (
        <p>
          Emails go from {formatDateTime(preview.firstSendAt)} to {formatDateTime(preview.lastSendAt)}.
        </p>
      )}
    </div>
  );
}

function SelectedNotice({ id }: { id: number }) {
  const notice = useQuery({
    queryKey: ['notices', 'one', id],
    queryFn: () => api<NoticeView>('GET', `/notices/${id}`),
  });
  if (notice.error) return <FormError error={notice.error} />;
  const n = notice.data;
  if (!n) return <p role="status">Loading…</p>;
  return (
    <section className="panel" aria-labelledby="notice-heading">
      <h2 id="notice-heading" dir="auto">
        {n.title}
      </h2>
      <p>
        Sent {formatDateTime(n.sentAt)} by {n.sentBy ?? '—'} · template {n.templateCode} · {deliveryLabel(n.delivery)}
      </p>
      <dl className="facts">
        <div>
          <dt>Emails</dt>
          <dd>
            {n.delivered.email.queued} queued, {n.delivered.email.sent} sent, {n.delivered.email.failed} failed
          </dd>
        </div>
        <div>
          <dt>Letters</dt>
          <dd>
            {n.delivered.letter.toPrint} to print, {n.delivered.letter.printed} printed, {n.delivered.letter.mailed}{' '}
            mailed
          </dd>
        </div>
      </dl>
      <h3>Delivery log</h3>
      <TableWrap label="Delivery log">
        <table className="data-table">
          <caption className="visually-hidden">Delivery log of {n.title}</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Language</th>
              <th scope="col">Channel</th>
              <th scope="col">Status</th>
              <th scope="col">Reference</th>
            </tr>
          </thead>
          <tbody>
            {n.recipients.map((r) => (
              <tr key={r.personId}>
                <th scope="row" dir="auto">
                  {r.name}
                </th>
                <td>{languageName(r.language)}</td>
                <td>{r.channel ? humanize(r.channel) : '—'}</td>
                <td>
                  {r.suppressedReason
                    ? `Left out: ${SUPPRESSION_LABELS[r.suppressedReason as SuppressionReason]}`
                    : humanize(r.deliveryStatus)}
                  {r.sendAfter && r.deliveryStatus === 'queued' && ` (from ${formatDateTime(r.sendAfter)})`}
                </td>
                <td>{r.trackingNumber ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
