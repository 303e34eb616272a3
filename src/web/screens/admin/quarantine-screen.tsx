// Mail quarantine: inbound mail kept raw instead of joining a case (unparsable, auto-replies, bounces, loops, and
// messages from an unverified sender naming a restricted case). Mail held back from a case waits until someone who
// may see that case accepts it into the case or turns it away; the list shows only what the reader may see.
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { Static } from '@sinclair/typebox';
import { api } from '../../api/client.ts';
import type { QuarantinedMailSchema } from '../../../shared/email.ts';
import type { AcceptedQuarantinedMail } from '../../../shared/email/quarantine.ts';
import { FormError } from '../../components/form-error.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { formatDateTime, humanize } from '../../format.ts';
import { useAdminMutation } from './admin-helpers.ts';

/** As it arrives over JSON: the receiving time is an ISO 8601 string. */
type QuarantinedMail = Omit<Static<typeof QuarantinedMailSchema>, 'receivedAt'> & { receivedAt: string };
type Accepted = Static<typeof AcceptedQuarantinedMail>;

const QUARANTINE_KEY = ['email-quarantine'] as const;

/** The mail quarantine screen. */
export function QuarantineScreen() {
  const list = useQuery({
    queryKey: QUARANTINE_KEY,
    queryFn: () => api<{ items: QuarantinedMail[] }>('GET', '/email/quarantine?limit=200'),
  });
  const accept = useAdminMutation<QuarantinedMail>(
    (m) => ({ method: 'POST', path: `/email/quarantine/${m.id}/accept` }),
    [QUARANTINE_KEY],
    (m, answer) => `Message “${m.subject ?? 'without subject'}” accepted into ${(answer as Accepted).trackingNumber}.`,
  );
  const reject = useAdminMutation<QuarantinedMail>(
    (m) => ({ method: 'POST', path: `/email/quarantine/${m.id}/reject` }),
    [QUARANTINE_KEY],
    (m, answer) =>
      `Message “${m.subject ?? 'without subject'}” turned away from ${(answer as Accepted).trackingNumber}.`,
  );
  const items = list.data?.items ?? [];
  const waiting = items.filter((m) => m.flagged && m.kind === 'unverified_sender' && m.trackingNumber);
  const kept = items.filter((m) => !waiting.includes(m));
  const busy = accept.isPending || reject.isPending;
  return (
    <>
      <PageHeading>Mail quarantine</PageHeading>
      <p>
        Mail that did not become a case or join one. A message from an unknown sender that names a restricted case waits
        here until someone who may see that case accepts it into the case or turns it away.
      </p>
      {list.isPending && <p role="status">Loading…</p>}
      <FormError error={list.error ?? accept.error ?? reject.error} />
      <section className="panel" aria-labelledby="waiting-heading">
        <h2 id="waiting-heading">Waiting for a decision</h2>
        {waiting.length === 0 ? (
          <p>No message is waiting.</p>
        ) : (
          <TableWrap label="Messages waiting for a decision">
            <table className="data-table">
              <caption className="visually-hidden">Messages held back from a case, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Subject</th>
                  <th scope="col">From</th>
                  <th scope="col">Case</th>
                  <th scope="col">Received</th>
                  <th scope="col">Decision</th>
                </tr>
              </thead>
              <tbody>
                {waiting.map((m) => (
                  <tr key={m.id}>
                    <th scope="row" dir="auto">
                      {m.subject ?? 'No subject'}
                    </th>
                    <td dir="auto">{m.envelopeFrom || 'Unknown sender'}</td>
                    <td>
                      <Link to="/cases/$trackingNumber" params={{ trackingNumber: m.trackingNumber! }} search={{}}>
                        {m.trackingNumber}
                      </Link>
                    </td>
                    <td>{formatDateTime(m.receivedAt)}</td>
                    <td>
                      <div className="button-row">
                        <button
                          type="button"
                          className="button-primary"
                          disabled={busy}
                          aria-label={`Accept “${m.subject ?? 'no subject'}” into ${m.trackingNumber}`}
                          onClick={() => accept.mutate(m)}
                        >
                          Accept into case
                        </button>
                        <button
                          type="button"
                          disabled={busy}
                          aria-label={`Reject “${m.subject ?? 'no subject'}”`}
                          onClick={() => reject.mutate(m)}
                        >
                          Reject
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
      <section className="panel" aria-labelledby="kept-heading">
        <h2 id="kept-heading">Kept on record</h2>
        {kept.length === 0 ? (
          <p>Nothing is kept.</p>
        ) : (
          <TableWrap label="Messages kept on record">
            <table className="data-table">
              <caption className="visually-hidden">Quarantined messages, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Subject</th>
                  <th scope="col">Kind</th>
                  <th scope="col">From</th>
                  <th scope="col">Why</th>
                  <th scope="col">Received</th>
                </tr>
              </thead>
              <tbody>
                {kept.map((m) => (
                  <tr key={m.id}>
                    <th scope="row" dir="auto">
                      {m.subject ?? 'No subject'}
                    </th>
                    <td>{humanize(m.kind)}</td>
                    <td dir="auto">{m.envelopeFrom || 'Unknown sender'}</td>
                    <td dir="auto">{m.reason ?? '—'}</td>
                    <td>{formatDateTime(m.receivedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
    </>
  );
}
