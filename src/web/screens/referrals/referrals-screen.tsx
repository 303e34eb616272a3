// A unit's referrals queue: what other units asked it, the earliest due first, with the due date as the local
// date it is and the reply written right there.
import { useState } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../api/client.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { FormError } from '../../components/form-error.tsx';
import { SelectField, TextAreaField } from '../../components/fields.tsx';
import { useAnnounce } from '../../components/announcer.tsx';
import { useUnits } from '../../api/reference.ts';
import { useUser } from '../../session.tsx';
import { formatDateTime } from '../../format.ts';
import type { ReferralQueue, ReferralQueueItem } from '../../../shared/referrals.ts';

function ReplyForm({ item }: { item: ReferralQueueItem }) {
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const reply = useMutation({
    mutationFn: (text: string) =>
      api<unknown>('POST', `/cases/${encodeURIComponent(item.trackingNumber)}/referrals/${item.id}/reply`, {
        reply: text,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['referrals'] });
      void queryClient.invalidateQueries({ queryKey: ['case', item.trackingNumber] });
      announce(`Reply sent for case ${item.trackingNumber}.`);
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const text = String(new FormData(e.currentTarget).get('reply') ?? '').trim();
        if (text) reply.mutate(text);
      }}
    >
      <TextAreaField
        label={`Reply for case ${item.trackingNumber}`}
        name="reply"
        rows={3}
        required
        field="reply"
        error={reply.error}
      />
      <FormError error={reply.error} />
      <button type="submit" className="button-primary" disabled={reply.isPending}>
        Send reply
      </button>
    </form>
  );
}

/** The referrals screen. */
export function ReferralsScreen() {
  const user = useUser();
  const units = useUnits();
  const mine = (units.data ?? []).filter((u) => user.unitIds?.includes(u.id));
  const [unit, setUnit] = useState('');
  const [status, setStatus] = useState('open');
  const query = useQuery({
    queryKey: ['referrals', unit, status],
    queryFn: () => api<ReferralQueue>('GET', `/referrals${queryString({ unit, status })}`),
  });
  const items = query.data?.items ?? [];
  return (
    <>
      <PageHeading>Referrals to my units</PageHeading>
      <div className="filter-bar">
        <SelectField
          label="Unit"
          value={unit}
          onChange={(e) => setUnit(e.target.value)}
          placeholder="All my units"
          options={(unit ? (units.data ?? []) : mine.length ? mine : (units.data ?? [])).map((u) => ({
            value: u.code,
            label: u.name,
          }))}
        />
        <SelectField
          label="Status"
          value={status}
          onChange={(e) => setStatus(e.target.value)}
          options={[
            { value: 'open', label: 'Waiting for our reply' },
            { value: 'answered', label: 'Answered' },
            { value: 'all', label: 'All' },
          ]}
        />
      </div>
      {query.isPending && <p role="status">Loading referrals…</p>}
      <FormError error={query.error} />
      {query.data && items.length === 0 && <p>No referrals here.</p>}
      <ul className="referral-queue">
        {items.map((item) => (
          <li key={item.id} className="panel">
            <h2 className="referral-title">
              <Link to="/cases/$trackingNumber" params={{ trackingNumber: item.trackingNumber }}>
                Case {item.trackingNumber}
              </Link>{' '}
              <span className="muted">to {item.unitName}</span>
            </h2>
            <p className="hint">
              From {item.referredBy ?? 'civicdesk'}, {formatDateTime(item.createdAt)}
              {item.dueDate && (
                <>
                  {' · '}
                  <span className={item.overdue ? 'overdue' : undefined}>
                    reply due {item.dueDate}
                    {item.overdue ? ' (overdue)' : ''}
                  </span>
                </>
              )}
            </p>
            <p className="pre">{item.request}</p>
            {item.status === 'open' ? (
              <ReplyForm item={item} />
            ) : (
              <p>
                <strong>Reply{item.repliedAt ? `, ${formatDateTime(item.repliedAt)}` : ''}:</strong> {item.reply}
              </p>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
