// Merging a duplicate case into another from the case view: type the other case's tracking number, see both
// cases side by side with what will happen, then confirm. The merged case closes and its correspondence, files
// and referrals move to the other case, which the console then opens.
import { useState, type FormEvent } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { CaseRecord } from '../../api/types.ts';
import { useAnnounce } from '../../components/announcer.tsx';
import { TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { formatDateTime, humanize } from '../../format.ts';

const personName = (c: CaseRecord) =>
  c.person ? [c.person.firstName, c.person.lastName].filter(Boolean).join(' ') || 'no name' : 'no person';

function CaseFacts({ c, caption }: { c: CaseRecord; caption: string }) {
  return (
    <section className="panel" aria-label={caption}>
      <h4>{caption}</h4>
      <dl className="facts">
        <dt>Tracking number</dt>
        <dd>{c.trackingNumber}</dd>
        <dt>Subject</dt>
        <dd>{c.subjectName ?? c.subject ?? 'Not coded yet'}</dd>
        <dt>Person</dt>
        <dd>{personName(c)}</dd>
        <dt>Status</dt>
        <dd>{humanize(c.status)}</dd>
        <dt>Received</dt>
        <dd>{formatDateTime(c.receivedAt)}</dd>
      </dl>
    </section>
  );
}

/** The "Merge into another case" panel of the attachments-and-links tab. */
export function CaseMergePanel({ current: c }: { current: CaseRecord }) {
  const tn = c.trackingNumber;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const [other, setOther] = useState<CaseRecord | null>(null);

  const preview = useMutation({
    mutationFn: (into: string) => api<CaseRecord>('GET', `/cases/${encodeURIComponent(into)}`),
    onSuccess: (found) => setOther(found),
  });
  const merge = useMutation({
    mutationFn: (into: string) => api<CaseRecord>('POST', `/cases/${encodeURIComponent(tn)}/merge`, { into }),
    onSuccess: (survivor) => {
      void queryClient.invalidateQueries({ queryKey: ['case'] });
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
      void queryClient.invalidateQueries({ queryKey: ['queue-counts'] });
      announce(`Case ${tn} was merged into ${survivor.trackingNumber}.`);
      void navigate({
        to: '/cases/$trackingNumber',
        params: { trackingNumber: survivor.trackingNumber },
        search: { tab: 'timeline' },
      });
    },
  });

  if (c.mergedInto !== null) return <p>This case was merged into another case and closed.</p>;

  const submitPreview = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const into = String(new FormData(event.currentTarget).get('into') ?? '').trim();
    setOther(null);
    merge.reset();
    if (into) preview.mutate(into);
  };

  return (
    <form className="panel" onSubmit={submitPreview} aria-labelledby="merge-heading">
      <h3 id="merge-heading">Merge into another case</h3>
      <p>
        Use this when this case is a duplicate. Its correspondence, files and referrals move to the other case, and this
        case closes.
      </p>
      <div className="field-row">
        <TextField label="Tracking number of the case to keep" name="into" required field="into" error={merge.error} />
      </div>
      <FormError error={preview.error} />
      <button type="submit" disabled={preview.isPending}>
        Preview the merge
      </button>
      {other &&
        (other.trackingNumber === tn ? (
          <p role="alert">A case cannot be merged into itself: type the tracking number of the other case.</p>
        ) : (
          <div role="region" aria-label="Merge preview">
            <div className="field-row">
              <CaseFacts c={c} caption="This case closes" />
              <CaseFacts c={other} caption="This case is kept" />
            </div>
            {personName(c) !== personName(other) && (
              <p className="notice">The two cases are about different people. Check that they are the same matter.</p>
            )}
            <FormError error={merge.error} />
            <span className="inline-actions">
              <button
                type="button"
                className="button-danger"
                disabled={merge.isPending}
                onClick={() => merge.mutate(other.trackingNumber)}
              >
                Merge {tn} into {other.trackingNumber}
              </button>
              <button type="button" onClick={() => setOther(null)}>
                Cancel
              </button>
            </span>
          </div>
        ))}
    </form>
  );
}
