// One template's versions, newest first, with what may happen to each: submit a draft, approve or reject a
// submitted version (not your own), retire the approved one; and a form to write a new version.
import type { FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { TemplateDetail, TemplateVersion } from '../../api/types.ts';
import { TextAreaField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { formatDateTime, humanize, languageName, textDirection } from '../../format.ts';
import { useUser } from '../../session.tsx';
import { useAdminMutation } from './admin-helpers.ts';

const STATUS_CLASS: Record<TemplateVersion['status'], string> = {
  draft: 'status-new',
  submitted: 'status-in_progress',
  approved: 'status-responded',
  rejected: 'priority-urgent',
  retired: 'status-closed',
};

/** The detail panel of a template. */
export function TemplateDetailPanel({ id }: { id: number }) {
  const user = useUser();
  const key = ['templates', id] as const;
  const detail = useQuery({ queryKey: key, queryFn: () => api<TemplateDetail>('GET', `/templates/${id}`) });
  const decide = useAdminMutation<{
    version: number;
    action: 'submit' | 'approve' | 'reject' | 'retire';
    note?: string;
  }>(
    ({ version, action, note }) => ({
      method: 'POST',
      path: `/templates/${id}/versions/${version}/${action}`,
      body: action === 'approve' || action === 'reject' ? { note: note ?? null } : undefined,
    }),
    [key, ['templates']],
    ({ version, action }) =>
      `Version ${version} ${{ submit: 'submitted for approval', approve: 'approved', reject: 'rejected', retire: 'retired' }[action]}.`,
  );
  const addVersion = useAdminMutation<{ subject: string; body: string }>(
    (body) => ({ method: 'POST', path: `/templates/${id}/versions`, body }),
    [key, ['templates']],
    () => 'New draft version saved.',
  );
  const t = detail.data;
  if (!t) return <FormError error={detail.error} />;
  const latest = t.versions[0];
  const mayDecide = ['supervisor', 'administrator'].includes(user.role);
  const submitVersion = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    addVersion.mutate({ subject: String(form.get('subject') ?? ''), body: String(form.get('body') ?? '') });
  };
  const direction = textDirection(t.language);
  return (
    <section className="panel" aria-labelledby="template-heading">
      <h2 id="template-heading">
        {t.name}{' '}
        <span className="muted">
          ({t.code}, {humanize(t.channel)}, {languageName(t.language)})
        </span>
      </h2>
      <FormError error={decide.error} />
      <ol className="plain-list stack">
        {t.versions.map((v) => (
          <li key={v.version} className="timeline-entry">
            <p className="entry-meta">
              <strong>Version {v.version}</strong>{' '}
              <span className={`badge ${STATUS_CLASS[v.status]}`}>{humanize(v.status)}</span> · by{' '}
              {v.createdBy?.name ?? 'the system'}, {formatDateTime(v.createdAt)}
              {v.decidedBy && (
                <>
                  {' '}
                  · decided by {v.decidedBy.name}, {formatDateTime(v.decidedAt)}
                </>
              )}
            </p>
            {v.decisionNote && <p className="notice">Note: {v.decisionNote}</p>}
            <p className="entry-subject" {...direction}>
              {v.subject}
            </p>
            <div className="entry-body" {...direction}>
              {v.body}
            </div>
            <div className="actions">
              {v.status === 'draft' && (
                <button type="button" onClick={() => decide.mutate({ version: v.version, action: 'submit' })}>
                  Submit for approval
                </button>
              )}
              {v.status === 'submitted' && mayDecide && (
                <form
                  className="inline-form"
                  onSubmit={(e) => {
                    e.preventDefault();
                    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
                    const note = String(new FormData(e.currentTarget).get('note') ?? '').trim();
                    decide.mutate({
                      version: v.version,
                      action: submitter?.value === 'reject' ? 'reject' : 'approve',
                      ...(note ? { note } : {}),
                    });
                  }}
                >
                  <TextField label={`Note on version ${v.version} (optional)`} name="note" />
                  <button type="submit" value="approve" className="button-primary">
                    Approve version {v.version}
                  </button>
                  <button type="submit" value="reject" className="button-danger">
                    Reject version {v.version}
                  </button>
                </form>
              )}
              {v.status === 'approved' && user.role === 'administrator' && (
                <button type="button" onClick={() => decide.mutate({ version: v.version, action: 'retire' })}>
                  Retire version {v.version}
                </button>
              )}
            </div>
          </li>
        ))}
      </ol>
      <form onSubmit={submitVersion} aria-labelledby="new-version-heading" key={latest?.version}>
        <h3 id="new-version-heading">Write a new version</h3>
        <p className="muted">
          Merge fields such as {'{{firstName}}'}, {'{{trackingNumber}}'}, {'{{firstResponseDue}}'} and{' '}
          {'{{responseText}}'} are filled in when a response is sent.
        </p>
        <TextField
          label="Subject"
          name="subject"
          defaultValue={latest?.subject ?? ''}
          field="subject"
          error={addVersion.error}
          {...direction}
        />
        <TextAreaField
          label="Body"
          name="body"
          rows={8}
          defaultValue={latest?.body ?? ''}
          field="body"
          error={addVersion.error}
          {...direction}
        />
        <FormError error={addVersion.error} />
        <button type="submit" className="button-primary" disabled={addVersion.isPending}>
          Save as a new draft
        </button>
      </form>
    </section>
  );
}
