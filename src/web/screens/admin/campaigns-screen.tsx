// Email campaigns: near-identical mail from many senders (same subject and text within a week), grouped so that a
// supervisor sees how many cases and people are behind each and answers the open ones at once with one approved
// template (the same bulk answer the queue offers). Only cases the reader may see are counted.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { Static } from '@sinclair/typebox';
import { api } from '../../api/client.ts';
import type { CampaignSchema } from '../../../shared/email.ts';
import { FormError } from '../../components/form-error.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { formatDateTime } from '../../format.ts';
import { BulkRespond } from '../queues/bulk-respond.tsx';

/** As it arrives over JSON: the dates are ISO 8601 strings. */
type Campaign = Omit<Static<typeof CampaignSchema>, 'firstReceivedAt' | 'lastReceivedAt'> & {
  firstReceivedAt: string;
  lastReceivedAt: string;
};

function CampaignPanel({ campaign: c, index }: { campaign: Campaign; index: number }) {
  const [answering, setAnswering] = useState(false);
  const headingId = `campaign-${index}-heading`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId} dir="auto">
        {c.subject || 'No subject'}
      </h2>
      <dl className="facts">
        <div>
          <dt>Cases</dt>
          <dd>{c.count}</dd>
        </div>
        <div>
          <dt>Senders</dt>
          <dd>{c.senders}</dd>
        </div>
        <div>
          <dt>Still open</dt>
          <dd>{c.openCount}</dd>
        </div>
        <div>
          <dt>First received</dt>
          <dd>{formatDateTime(c.firstReceivedAt)}</dd>
        </div>
        <div>
          <dt>Last received</dt>
          <dd>{formatDateTime(c.lastReceivedAt)}</dd>
        </div>
        <div>
          <dt>Tag</dt>
          <dd>{c.tag}</dd>
        </div>
      </dl>
      <details>
        <summary>Tracking numbers ({c.trackingNumbers.length})</summary>
        <ul className="tracking-list">
          {c.trackingNumbers.map((tn) => (
            <li key={tn}>
              <Link to="/cases/$trackingNumber" params={{ trackingNumber: tn }} search={{}}>
                {tn}
              </Link>
              {!c.openTrackingNumbers.includes(tn) && ' (closed)'}
            </li>
          ))}
        </ul>
      </details>
      {c.openCount === 0 ? (
        <p>Every case of this campaign is closed.</p>
      ) : answering ? (
        <BulkRespond trackingNumbers={c.openTrackingNumbers} idPrefix={`campaign-${index}`} />
      ) : (
        <button type="button" onClick={() => setAnswering(true)}>
          Answer all {c.openCount} open
        </button>
      )}
    </section>
  );
}

/** The email campaigns screen. */
export function CampaignsScreen() {
  const list = useQuery({
    queryKey: ['campaigns'],
    queryFn: () => api<{ items: Campaign[] }>('GET', '/campaigns?limit=100'),
  });
  const items = list.data?.items ?? [];
  return (
    <>
      <PageHeading>Email campaigns</PageHeading>
      <p>
        Near-identical emails from many senders (same subject and text within a week), newest activity first. Answer the
        open cases of a campaign at once with an approved email template; each answer goes to its own sender.
      </p>
      {list.isPending && <p role="status">Loading…</p>}
      <FormError error={list.error} />
      {list.isSuccess && items.length === 0 && <p>No campaign has come in.</p>}
      {items.map((c, i) => (
        <CampaignPanel key={c.key} campaign={c} index={i} />
      ))}
    </>
  );
}
