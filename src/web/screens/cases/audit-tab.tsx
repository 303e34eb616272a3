// The case's audit trail: who did what, each field's old and new value, and when; with a CSV download.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { AuditEvent, CaseRecord } from '../../api/types.ts';
import { FormError } from '../../components/form-error.tsx';
import { formatDateTime } from '../../format.ts';
import { caseKeys } from './use-case-action.ts';
import { TableWrap } from '../../components/table-wrap.tsx';

const show = (value: unknown) =>
  value === null || value === undefined || value === ''
    ? '—'
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);

/** The audit tab. */
export function AuditTab({ current: c }: { current: CaseRecord }) {
  const tn = encodeURIComponent(c.trackingNumber);
  const audit = useQuery({
    queryKey: caseKeys.part(c.trackingNumber, 'audit'),
    queryFn: () => api<AuditEvent[]>('GET', `/cases/${tn}/audit`),
  });
  const rows = (audit.data ?? []).flatMap((event) =>
    (event.changes.length ? event.changes : [null]).map((change, i) => ({ event, change, first: i === 0 })),
  );
  return (
    <>
      <div className="section-heading">
        <h2>Audit trail</h2>
        <a href={`/api/v1/cases/${tn}/audit?format=csv`} download>
          Download the audit trail as CSV
        </a>
      </div>
      <FormError error={audit.error} />
      <TableWrap label="Audit trail">
        <table className="data-table audit-table">
          <caption className="visually-hidden">Audit trail of case {c.trackingNumber}, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Field</th>
              <th scope="col">Old → new</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ event, change, first }, i) => (
              <tr key={`${event.id}-${i}`} className={first ? 'group-start' : undefined}>
                <td data-label="When">{first ? formatDateTime(event.at) : ''}</td>
                <td data-label="Who">{first ? event.actor : ''}</td>
                <td data-label="Action">
                  {first ? event.action : ''}
                  {first && event.reason && <span className="muted block">Reason: {event.reason}</span>}
                </td>
                <td data-label="Field">{change?.field ?? '—'}</td>
                <td data-label="Old → new" className="change">
                  {change ? (
                    <>
                      <span className="old">{show(change.old)}</span> <span aria-hidden="true">→</span>
                      <span className="visually-hidden">changed to</span>{' '}
                      <span className="new">{show(change.new)}</span>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
