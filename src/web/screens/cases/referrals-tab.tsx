// Referrals: ask another unit for findings (with an optional due date), see their status, and record the reply.
import type { FormEvent } from 'react';
import type { CaseRecord, Referral } from '../../api/types.ts';
import { unitOptions, useUnits } from '../../api/reference.ts';
import { SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { FormError } from '../../components/form-error.tsx';
import { StatusBadge, TimeLeft } from '../../components/badges.tsx';
import { formatDateTime } from '../../format.ts';
import { useCaseAction } from './use-case-action.ts';
import { useTimeline } from './case-timeline-tab.tsx';
import { unitLabel } from './case-header.tsx';

function ReferralItem({ trackingNumber, referral }: { trackingNumber: string; referral: Referral }) {
  const reply = useCaseAction<string>(
    trackingNumber,
    (text) => ({ path: `/referrals/${referral.id}/reply`, body: { reply: text } }),
    () => `Reply recorded for the referral to ${referral.unit}.`,
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get('reply') ?? '').trim();
    if (text) reply.mutate(text);
  };
  return (
    <li className="panel">
      <h3>
        To {unitLabel(referral)} <StatusBadge status={referral.status} />
      </h3>
      <p className="muted">
        Sent {formatDateTime(referral.createdAt)}
        {referral.dueDate && !referral.repliedAt && (
          <>
            {' '}
            · reply due {referral.dueDate}
            {referral.dueAt && (
              <>
                {' '}
                · <TimeLeft dueAt={referral.dueAt} />
              </>
            )}
          </>
        )}
      </p>
      <p className="pre">{referral.request}</p>
      {referral.reply ? (
        <>
          <h4>Reply, {formatDateTime(referral.repliedAt)}</h4>
          <p className="pre">{referral.reply}</p>
        </>
      ) : (
        <form onSubmit={submit}>
          <TextAreaField
            label={`Reply from ${referral.unit}`}
            name="reply"
            rows={3}
            field="reply"
            error={reply.error}
          />
          <FormError error={reply.error} />
          <button type="submit" disabled={reply.isPending}>
            Record the reply
          </button>
        </form>
      )}
    </li>
  );
}

/** The referrals tab. */
export function ReferralsTab({ current: c }: { current: CaseRecord }) {
  const units = useUnits();
  const timeline = useTimeline(c.trackingNumber);
  const create = useCaseAction<{ unit: string; request: string; dueDate?: string }>(
    c.trackingNumber,
    (input) => ({ path: '/referrals', body: input }),
    (input) => `Referred to ${input.unit}.`,
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const dueDate = String(form.get('dueDate') ?? '');
    const target = event.currentTarget;
    create.mutate(
      {
        unit: String(form.get('unit')),
        request: String(form.get('request') ?? '').trim(),
        ...(dueDate ? { dueDate } : {}),
      },
      { onSuccess: () => target.reset() },
    );
  };
  const referrals = timeline.data?.referrals ?? [];
  return (
    <>
      <h2>Referrals</h2>
      {referrals.length === 0 ? (
        <p>No referrals yet.</p>
      ) : (
        <ul className="plain-list stack">
          {referrals.map((r) => (
            <ReferralItem key={r.id} trackingNumber={c.trackingNumber} referral={r} />
          ))}
        </ul>
      )}
      <form className="panel" onSubmit={submit} aria-labelledby="new-referral-heading">
        <h3 id="new-referral-heading">Refer to a unit</h3>
        <SelectField label="Unit" name="unit" options={unitOptions(units.data)} field="unit" error={create.error} />
        <TextAreaField
          label="What you need from them"
          name="request"
          rows={3}
          required
          field="request"
          error={create.error}
        />
        <TextField label="Reply needed by (optional)" name="dueDate" type="date" field="dueDate" error={create.error} />
        <FormError error={create.error} />
        <button type="submit" className="button-primary" disabled={create.isPending}>
          Send referral
        </button>
      </form>
    </>
  );
}
