// The media desk: inquiries as a queue ordered by the reporter's deadline with its clock, a form to log one, and the
// answer's path — assign a spokesperson, draft, approve (supervisors and administrators), release the approved
// text, link the published coverage.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import { api } from '../../api/client.ts';
import { MEDIA_STATUS_LABELS, type MediaInquiryList, type MediaInquiryView } from '../../../shared/community.ts';
import { useColleagues } from '../../api/reference.ts';
import { useUser } from '../../session.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { formatDateTime, fromLocalInputValue, timeLeft } from '../../format.ts';
import { useAnnounce } from '../../components/announcer.tsx';

type Inquiries = Static<typeof MediaInquiryList>;

/** The deadline clock in words, marked when due soon or overdue. */
function Clock({ inquiry }: { inquiry: MediaInquiryView }) {
  const { state } = inquiry.clock;
  if (state === 'met') return <span className="time-met">Answered on time</span>;
  if (state === 'missed') return <span className="time-overdue">Answered after the deadline</span>;
  if (state === 'closed') return <span>Closed</span>;
  const left = timeLeft(inquiry.deadlineAt);
  return <span className={state === 'on_time' ? undefined : 'time-overdue'}>{left.text}</span>;
}

/** The media desk screen. */
export function MediaDeskScreen() {
  const [showAll, setShowAll] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);
  const [logging, setLogging] = useState(false);
  const list = useQuery({
    queryKey: ['media-inquiries', showAll],
    queryFn: () => api<Inquiries>('GET', `/media-inquiries?status=${showAll ? 'all' : 'open'}`),
    refetchInterval: 60_000,
  });
  const items = list.data?.items ?? [];
  return (
    <>
      <div className="section-heading">
        <PageHeading>Media desk</PageHeading>
        <button type="button" className="button-primary" aria-expanded={logging} onClick={() => setLogging((l) => !l)}>
          Log an inquiry
        </button>
      </div>
      {logging && (
        <NewInquiryForm
          onCreated={(id) => {
            setLogging(false);
            setSelected(id);
          }}
        />
      )}
      <label className="checkbox-inline">
        <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} /> Show released and
        declined inquiries
      </label>
      <p role="status" className="result-count">
        {list.isPending
          ? 'Loading…'
          : `${items.length} inquir${items.length === 1 ? 'y' : 'ies'}, nearest deadline first.`}
      </p>
      <FormError error={list.error} />
      {items.length > 0 && (
        <TableWrap label="Media inquiries">
          <table className="data-table">
            <caption className="visually-hidden">Media inquiries by deadline</caption>
            <thead>
              <tr>
                <th scope="col">Deadline</th>
                <th scope="col">Topic</th>
                <th scope="col">Outlet and reporter</th>
                <th scope="col">Status</th>
                <th scope="col">Spokesperson</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.id}>
                  <td>
                    {formatDateTime(i.deadlineAt)}
                    <br />
                    <Clock inquiry={i} />
                  </td>
                  <th scope="row" dir="auto">
                    <button type="button" className="link-button" onClick={() => setSelected(i.id)}>
                      {i.topic}
                    </button>
                  </th>
                  <td>
                    {i.outlet} — {i.reporter}
                  </td>
                  <td>{MEDIA_STATUS_LABELS[i.status as keyof typeof MEDIA_STATUS_LABELS]}</td>
                  <td>{i.spokesperson?.name ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {selected !== null && <SelectedInquiry key={selected} id={selected} />}
    </>
  );
}

function NewInquiryForm({ onCreated }: { onCreated: (id: number) => void }) {
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<MediaInquiryView>('POST', '/media-inquiries', body),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ['media-inquiries'] });
      onCreated(created.id);
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim();
    create.mutate({
      outlet: value('outlet'),
      reporter: value('reporter'),
      topic: value('topic'),
      deadlineAt: fromLocalInputValue(value('deadlineAt')) ?? value('deadlineAt'),
      ...(value('reporterContact') ? { reporterContact: value('reporterContact') } : {}),
    });
  };
  return (
    <form className="panel form-grid" aria-label="Log a media inquiry" onSubmit={submit}>
      <h2>Log a media inquiry</h2>
      <FormError error={create.error} />
      <TextField label="Outlet" name="outlet" required field="outlet" error={create.error} />
      <TextField label="Reporter" name="reporter" required field="reporter" error={create.error} />
      <TextField label="Reporter's email or phone" name="reporterContact" />
      <TextAreaField label="Topic" name="topic" rows={2} required field="topic" error={create.error} />
      <TextField
        label="Reporter's deadline"
        name="deadlineAt"
        type="datetime-local"
        required
        field="deadlineAt"
        error={create.error}
      />
      <div className="actions">
        <button type="submit" className="button-primary" disabled={create.isPending}>
          Save inquiry
        </button>
      </div>
    </form>
  );
}

/** The chosen inquiry, read on its own so that it stays open after it leaves the open queue. */
function SelectedInquiry({ id }: { id: number }) {
  const inquiry = useQuery({
    queryKey: ['media-inquiries', 'one', id],
    queryFn: () => api<MediaInquiryView>('GET', `/media-inquiries/${id}`),
  });
  if (inquiry.error) return <FormError error={inquiry.error} />;
  return inquiry.data ? <InquiryPanel inquiry={inquiry.data} /> : <p role="status">Loading…</p>;
}

function InquiryPanel({ inquiry }: { inquiry: MediaInquiryView }) {
  const queryClient = useQueryClient();
  const user = useUser();
  const colleagues = useColleagues();
  const announce = useAnnounce();
  const step = useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown }) =>
      api<MediaInquiryView>('POST', `/media-inquiries/${inquiry.id}/${path}`, body ?? {}),
    onSuccess: async (next) => {
      announce(`Saved: ${MEDIA_STATUS_LABELS[next.status as keyof typeof MEDIA_STATUS_LABELS]}.`);
      await queryClient.invalidateQueries({ queryKey: ['media-inquiries'] });
    },
  });
  const form = (path: string, read: (f: FormData) => unknown) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    step.mutate({ path, body: read(new FormData(event.currentTarget)) });
  };
  const open = inquiry.status !== 'released' && inquiry.status !== 'declined';
  const canApprove = user.role === 'administrator' || user.role === 'supervisor';
  return (
    <section className="panel" aria-labelledby="inquiry-topic">
      <h2 id="inquiry-topic" dir="auto">
        {inquiry.topic}
      </h2>
      <p>
        {inquiry.outlet} — {inquiry.reporter}
        {inquiry.reporterContact && ` (${inquiry.reporterContact})`} · deadline {formatDateTime(inquiry.deadlineAt)} ·{' '}
        <Clock inquiry={inquiry} />
      </p>
      <FormError error={step.error} />
      {open && (
        <form
          className="form-grid"
          aria-label="Assign a spokesperson"
          onSubmit={form('assign', (f) => ({ spokespersonUserId: Number(f.get('spokespersonUserId')) }))}
        >
          <SelectField
            label="Spokesperson"
            name="spokespersonUserId"
            required
            placeholder="Choose"
            defaultValue={inquiry.spokesperson ? String(inquiry.spokesperson.id) : ''}
            options={(colleagues.data ?? []).map((c) => ({ value: String(c.id), label: c.name }))}
          />
          <div className="actions">
            <button type="submit">Assign</button>
          </div>
        </form>
      )}
      {open && (
        <form
          className="form-grid"
          aria-label="Draft the answer"
          onSubmit={form('draft', (f) => ({ answer: String(f.get('answer') ?? '') }))}
        >
          <TextAreaField
            label="Drafted answer"
            name="answer"
            rows={5}
            required
            defaultValue={inquiry.draftAnswer}
            field="answer"
            error={step.error}
            hint="Saving a changed draft sends it back for approval."
          />
          <div className="actions">
            <button type="submit">Save draft</button>
          </div>
        </form>
      )}
      {inquiry.draftedAt && (
        <p>
          Drafted by {inquiry.draftedBy ?? '—'} on {formatDateTime(inquiry.draftedAt)}.
          {inquiry.approvedAt && ` Approved by ${inquiry.approvedBy ?? '—'} on ${formatDateTime(inquiry.approvedAt)}.`}
        </p>
      )}
      <div className="actions">
        {inquiry.status === 'drafted' &&
          (canApprove ? (
            <button type="button" className="button-primary" onClick={() => step.mutate({ path: 'approve' })}>
              Approve for release
            </button>
          ) : (
            <p>Waiting for a supervisor's approval.</p>
          ))}
        {inquiry.status === 'approved' && (
          <button type="button" className="button-primary" onClick={() => step.mutate({ path: 'release' })}>
            Release the approved answer
          </button>
        )}
      </div>
      {inquiry.releasedText !== null && (
        <>
          <h3>Released {formatDateTime(inquiry.releasedAt)}</h3>
          <blockquote dir="auto">{inquiry.releasedText}</blockquote>
          <form
            className="form-grid"
            aria-label="Published coverage"
            onSubmit={form('coverage', (f) => ({ url: String(f.get('url') ?? '') }))}
          >
            <TextField
              label="Link to the published coverage"
              name="url"
              type="url"
              defaultValue={inquiry.coverageUrl ?? ''}
              field="url"
              error={step.error}
            />
            <div className="actions">
              <button type="submit">Save link</button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
