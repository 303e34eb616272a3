// The ombudsperson's inquiries and hearings queues: compact rows with a visible clock, sortable by column. An open
// inquiry is closed here with the participant's satisfaction; a dissatisfied one is offered its complaint, opened in
// one action with the inquiry's facts.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, queryString } from '../../api/client.ts';
import type { Complaint, HearingQueueItem, Inquiry } from '../../../shared/complaints.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { FormError } from '../../components/form-error.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { SelectField } from '../../components/fields.tsx';
import { useAnnounce } from '../../components/announcer.tsx';
import { humanize } from '../../format.ts';
import { DueClock, NextDeadlineClock } from './complaint-clock.tsx';
import { SortHeader, type Sort } from '../../components/sort-header.tsx';

const INQUIRY_VIEWS = [
  { key: 'open', label: 'Open', query: { status: 'open' } },
  { key: 'repeat', label: 'Repeat contacts', query: { repeat: 'true' } },
  { key: 'dissatisfied', label: 'Dissatisfied', query: { satisfied: 'false' } },
  { key: 'all', label: 'All', query: {} },
] as const;

const ROLES = [
  { value: 'custodial_party', label: 'Custodial party' },
  { value: 'noncustodial_parent', label: 'Noncustodial parent' },
  { value: 'authorized_representative', label: 'Authorized representative' },
];
const CATEGORIES = [
  { value: 'application', label: 'Application' },
  { value: 'case_handling', label: 'Case handling' },
  { value: 'distribution', label: 'Distribution or arrears' },
  { value: 'case_closure', label: 'Case closure' },
];

/** The complaint offered to a dissatisfied participant: role and category, one button. */
function OpenComplaintForm({ inquiry }: { inquiry: Inquiry }) {
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const open = useMutation({
    mutationFn: (body: { role: string; category: string }) =>
      api<Complaint>('POST', `/inquiries/${inquiry.trackingNumber}/complaint`, body),
    onSuccess: async (complaint) => {
      announce(`Complaint ${complaint.complaintNumber} opened from inquiry ${inquiry.trackingNumber}.`);
      await queryClient.invalidateQueries({ queryKey: ['inquiries'] });
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    open.mutate({ role: String(data.get('role')), category: String(data.get('category')) });
  };
  return (
    <form
      onSubmit={submit}
      className="field-row compact"
      aria-label={`Open a complaint from ${inquiry.trackingNumber}`}
    >
      <SelectField
        label="Role"
        name="role"
        defaultValue={inquiry.participantRole ?? 'custodial_party'}
        options={ROLES}
      />
      <SelectField label="Issue" name="category" defaultValue="case_handling" options={CATEGORIES} />
      <button type="submit" disabled={open.isPending}>
        Open complaint
      </button>
      <FormError error={open.error} />
    </form>
  );
}

/** Close buttons of an open inquiry: satisfied or not. */
function CloseButtons({ inquiry }: { inquiry: Inquiry }) {
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const close = useMutation({
    mutationFn: (satisfied: boolean) =>
      api<Inquiry>('POST', `/inquiries/${inquiry.trackingNumber}/close`, { satisfied }),
    onSuccess: async (closed) => {
      announce(
        closed.satisfied
          ? `Inquiry ${closed.trackingNumber} closed; the participant was satisfied.`
          : `Inquiry ${closed.trackingNumber} closed; the participant was not satisfied — offer the complaint.`,
      );
      await queryClient.invalidateQueries({ queryKey: ['inquiries'] });
    },
  });
  return (
    <span className="button-row">
      <button type="button" onClick={() => close.mutate(true)} disabled={close.isPending}>
        Close: satisfied<span className="visually-hidden"> ({inquiry.trackingNumber})</span>
      </button>
      <button type="button" onClick={() => close.mutate(false)} disabled={close.isPending}>
        Close: not satisfied<span className="visually-hidden"> ({inquiry.trackingNumber})</span>
      </button>
      <FormError error={close.error} />
    </span>
  );
}

/** The inquiries queue. */
export function InquiriesScreen() {
  const [view, setView] = useState<(typeof INQUIRY_VIEWS)[number]['key']>('open');
  const [sort, setSort] = useState<Sort<'due' | 'received' | 'tracking'>>({ key: 'due', direction: 'asc' });
  const query = INQUIRY_VIEWS.find((v) => v.key === view)!.query;
  const list = useQuery({
    queryKey: ['inquiries', view, sort],
    queryFn: () =>
      api<{ items: Inquiry[]; total: number }>(
        'GET',
        `/inquiries${queryString({ ...query, sort: sort.key, direction: sort.direction, limit: 200 })}`,
      ),
  });
  return (
    <>
      <PageHeading>Inquiries</PageHeading>
      <nav aria-label="Inquiry views" className="queue-nav">
        <ul>
          {INQUIRY_VIEWS.map((v) => (
            <li key={v.key}>
              <button
                type="button"
                className={view === v.key ? 'active' : undefined}
                aria-pressed={view === v.key}
                onClick={() => setView(v.key)}
              >
                {v.label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <FormError error={list.error} />
      {list.data && (
        <>
          <p>
            {list.data.total} inquir{list.data.total === 1 ? 'y' : 'ies'}.
          </p>
          <TableWrap label="Inquiries">
            <table className="compact">
              <thead>
                <tr>
                  <SortHeader label="Inquiry" column="tracking" sort={sort} onSort={setSort} />
                  <th scope="col">Participant</th>
                  <th scope="col">Subject</th>
                  <SortHeader label="Received" column="received" sort={sort} onSort={setSort} />
                  <SortHeader label="First response" column="due" sort={sort} onSort={setSort} />
                  <th scope="col">Repeat of</th>
                  <th scope="col">Outcome</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((i) => (
                  <tr key={i.trackingNumber}>
                    <th scope="row">
                      <Link to="/cases/$trackingNumber" params={{ trackingNumber: i.trackingNumber }}>
                        {i.trackingNumber}
                      </Link>
                    </th>
                    <td>
                      {i.participantName || '—'}
                      {i.programCaseNumber && <span className="muted"> · {i.programCaseNumber}</span>}
                    </td>
                    <td>{i.subjectName ?? '—'}</td>
                    <td>
                      <time dateTime={i.receivedOn}>{i.receivedOn}</time>
                    </td>
                    <td>
                      {i.firstResponseOn ? (
                        <>
                          Answered <time dateTime={i.firstResponseOn}>{i.firstResponseOn}</time>
                        </>
                      ) : i.status === 'closed' ? (
                        '—'
                      ) : (
                        <DueClock dueOn={i.firstResponseDueOn} />
                      )}
                    </td>
                    <td>
                      {i.repeatOf ?? '—'}
                      {i.repeatAction && <span className="badge"> {humanize(i.repeatAction)}</span>}
                    </td>
                    <td>
                      {i.complaintNumbers.map((n) => (
                        <Link key={n} to="/complaints/$complaintNumber" params={{ complaintNumber: n }}>
                          {n}{' '}
                        </Link>
                      ))}
                      {i.status !== 'closed' ? (
                        <CloseButtons inquiry={i} />
                      ) : i.satisfied === null ? (
                        'Closed'
                      ) : i.satisfied ? (
                        'Satisfied'
                      ) : (
                        'Not satisfied'
                      )}
                      {i.offerComplaint && <OpenComplaintForm inquiry={i} />}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </>
  );
}

const STAGES = [
  { value: '', label: 'Every stage' },
  { value: 'requested', label: 'Requested' },
  { value: 'scheduled', label: 'Scheduled' },
  { value: 'decided', label: 'Decided, compliance report due' },
  { value: 'dismissed', label: 'Dismissed' },
  { value: 'closed', label: 'Closed' },
];

/** The hearings queue. */
export function HearingsScreen() {
  const [stage, setStage] = useState('');
  const [sort, setSort] = useState<Sort<'next' | 'requested' | 'hearing'>>({ key: 'next', direction: 'asc' });
  const list = useQuery({
    queryKey: ['hearings', stage, sort],
    queryFn: () =>
      api<{ items: HearingQueueItem[]; total: number }>(
        'GET',
        `/hearings${queryString({ stage: stage || undefined, sort: sort.key, direction: sort.direction, limit: 200 })}`,
      ),
  });
  return (
    <>
      <PageHeading>State hearings</PageHeading>
      <SelectField label="Stage" value={stage} onChange={(e) => setStage(e.target.value)} options={STAGES} />
      <FormError error={list.error} />
      {list.data && (
        <>
          <p>
            {list.data.total} hearing request{list.data.total === 1 ? '' : 's'}.
          </p>
          <TableWrap label="State hearings">
            <table className="compact">
              <thead>
                <tr>
                  <th scope="col">Complaint</th>
                  <th scope="col">Complainant</th>
                  <SortHeader label="Requested" column="requested" sort={sort} onSort={setSort} />
                  <th scope="col">Stage</th>
                  <SortHeader label="Hearing" column="hearing" sort={sort} onSort={setSort} />
                  <SortHeader label="Next deadline" column="next" sort={sort} onSort={setSort} />
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((h) => (
                  <tr key={h.id}>
                    <th scope="row">
                      <Link to="/complaints/$complaintNumber" params={{ complaintNumber: h.complaintNumber }}>
                        {h.complaintNumber}
                      </Link>
                    </th>
                    <td>
                      {h.complainantName} <span className="muted">· {h.programCaseNumber}</span>
                    </td>
                    <td>
                      <time dateTime={h.requestedOn}>{h.requestedOn}</time>
                      {!h.eligible && <span className="badge"> Not eligible</span>}
                    </td>
                    <td>{humanize(h.stage)}</td>
                    <td>
                      {h.hearingOn ? <time dateTime={h.hearingOn}>{h.hearingOn}</time> : '—'}
                      {h.hearingPlace && <span className="muted"> · {h.hearingPlace}</span>}
                    </td>
                    <td>
                      <NextDeadlineClock deadline={h.nextDeadline} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </>
  );
}
