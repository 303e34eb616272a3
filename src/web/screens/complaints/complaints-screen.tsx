// The ombudsperson's workspace: open complaints by their next deadline with a visible clock, the hearing windows
// still running, and the way to file a new complaint.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { Static } from '@sinclair/typebox';
import { api, queryString } from '../../api/client.ts';
import type { ComplaintListSchema } from '../../../shared/complaints.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { FormError } from '../../components/form-error.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { agencyToday, humanize } from '../../format.ts';
import { NextDeadlineClock } from './complaint-clock.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';

type ComplaintList = Static<typeof ComplaintListSchema>;

const VIEWS = [
  { status: 'open', label: 'Open complaints' },
  { status: 'resolved', label: 'Resolved (hearing window)' },
  { status: '', label: 'All' },
] as const;

/** The complaints queue. */
export function ComplaintsScreen() {
  const [status, setStatus] = useState<string>('open');
  const list = useQuery({
    queryKey: ['complaints', status],
    queryFn: () => api<ComplaintList>('GET', `/complaints${queryString({ status: status || undefined, limit: 200 })}`),
  });
  return (
    <>
      <PageHeading>Complaints</PageHeading>
      <p>
        <Link to="/complaints/new" className="button">
          New complaint
        </Link>{' '}
        <Link to="/inquiries">Inquiries queue</Link> · <Link to="/hearings">Hearings queue</Link>
      </p>
      <nav aria-label="Complaint views" className="queue-nav">
        <ul>
          {VIEWS.map((view) => (
            <li key={view.label}>
              <button
                type="button"
                className={status === view.status ? 'active' : undefined}
                aria-pressed={status === view.status}
                onClick={() => setStatus(view.status)}
              >
                {view.label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <FormError error={list.error} />
      {list.data && (
        <>
          <p>
            {list.data.total} complaint{list.data.total === 1 ? '' : 's'}, the nearest deadline first.
          </p>
          <TableWrap label="Complaints by next deadline">
            <table>
              <thead>
                <tr>
                  <th scope="col">Complaint</th>
                  <th scope="col">Complainant</th>
                  <th scope="col">Program case</th>
                  <th scope="col">Issues</th>
                  <th scope="col">Received</th>
                  <th scope="col">Status</th>
                  <th scope="col">Next deadline</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((c) => (
                  <tr key={c.complaintNumber}>
                    <th scope="row">
                      <Link to="/complaints/$complaintNumber" params={{ complaintNumber: c.complaintNumber }}>
                        {c.complaintNumber}
                      </Link>
                    </th>
                    <td>
                      {c.complainantName} <span className="muted">({humanize(c.complainantRole)})</span>
                    </td>
                    <td>{c.programCaseNumber}</td>
                    <td>{c.categories.map(humanize).join(', ')}</td>
                    <td>
                      <time dateTime={c.receiptDate}>{c.receiptDate}</time> via {humanize(c.receivedVia)}
                      {c.filedLate && <span className="badge"> Filed late</span>}
                    </td>
                    <td>
                      {humanize(c.status)}
                      {c.extensions > 0 && ' (extended)'}
                    </td>
                    <td>
                      <NextDeadlineClock deadline={c.nextDeadline} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
      <section aria-labelledby="log-heading">
        <h2 id="log-heading">Complaint log</h2>
        <p>The log the state requires: complainant, role, case, received, nature, resolution, actions and notices.</p>
        <form method="get" action="/api/v1/complaints/log" className="field-row">
          <TextField
            label="Received from"
            name="from"
            type="date"
            defaultValue={`${agencyToday().slice(0, 4)}-01-01`}
          />
          <TextField label="Received to" name="to" type="date" defaultValue={agencyToday()} />
          <SelectField
            label="Format"
            name="format"
            defaultValue="xlsx"
            options={[
              { value: 'xlsx', label: 'Excel (XLSX)' },
              { value: 'csv', label: 'CSV' },
              { value: 'pdf', label: 'PDF' },
            ]}
          />
          <button type="submit">Download the log</button>
        </form>
      </section>
    </>
  );
}
