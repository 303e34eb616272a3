// Files on the case (upload, list), links to other cases (duplicate of, related, parent, child), merging a
// duplicate into another case and splitting off a second matter.
import type { FormEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { CaseRecord } from '../../api/types.ts';
import { SelectField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { formatDateTime, humanize } from '../../format.ts';
import { caseKeys, useCaseAction } from './use-case-action.ts';
import { useTimeline } from './case-timeline-tab.tsx';
import { CaseMergePanel } from './case-merge-panel.tsx';
import { CaseSplitPanel } from './case-split-panel.tsx';

interface CaseLink {
  kind: string;
  /** null for a restricted case the reader may not see. */
  trackingNumber: string | null;
  status: string | null;
}

const LINK_KINDS = ['related', 'duplicate_of', 'parent_of', 'child_of'];

/** The attachments and links tab. */
export function AttachmentsTab({ current: c }: { current: CaseRecord }) {
  const tn = c.trackingNumber;
  const timeline = useTimeline(tn);
  const links = useQuery({
    queryKey: caseKeys.part(tn, 'links'),
    queryFn: () => api<CaseLink[]>('GET', `/cases/${encodeURIComponent(tn)}/links`),
  });
  const upload = useCaseAction<FormData>(
    tn,
    (data) => ({ path: '/attachments', body: data }),
    () => 'File attached.',
  );
  const link = useCaseAction<{ other: string; kind: string }>(
    tn,
    (input) => ({ path: '/links', body: input }),
    (input) => `Linked to ${input.other}.`,
  );

  const attachments = (timeline.data?.entries ?? []).flatMap((e) =>
    e.attachments.map((a) => ({ ...a, at: e.createdAt, author: e.author })),
  );

  const submitUpload = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const target = event.currentTarget;
    const data = new FormData(target);
    const file = data.get('file');
    if (!(file instanceof File) || file.size === 0) return;
    upload.mutate(data, { onSuccess: () => target.reset() });
  };
  const submitLink = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const target = event.currentTarget;
    const form = new FormData(target);
    link.mutate(
      { other: String(form.get('other') ?? '').trim(), kind: String(form.get('kind')) },
      { onSuccess: () => target.reset() },
    );
  };

  return (
    <>
      <h2>Attachments</h2>
      {attachments.length === 0 ? (
        <p>No files yet.</p>
      ) : (
        <ul className="plain-list">
          {attachments.map((a) => (
            <li key={a.id}>
              <a href={`/api/v1/cases/${encodeURIComponent(tn)}/attachments/${a.id}`}>{a.filename}</a> (
              {Math.ceil(a.sizeBytes / 1024)} KB) · {formatDateTime(a.at)}
              {a.author && ` · ${a.author}`}
            </li>
          ))}
        </ul>
      )}
      <form className="panel" onSubmit={submitUpload} aria-labelledby="upload-heading">
        <h3 id="upload-heading">Attach a file</h3>
        <TextField label="File" name="file" type="file" field="file" error={upload.error} />
        <TextField label="Note about the file (optional)" name="note" field="note" error={upload.error} />
        <FormError error={upload.error} />
        <button type="submit" disabled={upload.isPending}>
          Upload
        </button>
      </form>

      <h2>Linked cases</h2>
      {links.data && links.data.length > 0 ? (
        <ul className="plain-list">
          {links.data.map((l, i) => (
            <li key={`${l.kind}-${l.trackingNumber ?? i}`}>
              {humanize(l.kind)}:{' '}
              {l.trackingNumber ? (
                <>
                  <Link to="/cases/$trackingNumber" params={{ trackingNumber: l.trackingNumber }} search={{}}>
                    {l.trackingNumber}
                  </Link>
                  {l.status && <> · {humanize(l.status)}</>}
                </>
              ) : (
                'a restricted case you may not see'
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>No linked cases.</p>
      )}
      <form className="panel" onSubmit={submitLink} aria-labelledby="link-heading">
        <h3 id="link-heading">Link to another case</h3>
        <div className="field-row">
          <SelectField
            label="This case is"
            name="kind"
            options={LINK_KINDS.map((k) => ({ value: k, label: humanize(k) }))}
            field="kind"
            error={link.error}
          />
          <TextField label="Tracking number of the other case" name="other" required field="other" error={link.error} />
        </div>
        <FormError error={link.error} />
        <button type="submit" disabled={link.isPending}>
          Link
        </button>
      </form>
      <CaseMergePanel current={c} />
      <CaseSplitPanel current={c} files={attachments} />
    </>
  );
}
