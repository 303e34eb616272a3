// The supervisor's landing screen: how many open cases sit in the queues that need a manager's eye (overdue,
// escalated, due today, unassigned, from elected officials), each a link into that queue, and the most overdue cases.
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, queryString } from '../../api/client.ts';
import type { CaseList, CaseRecord, Role } from '../../api/types.ts';
import { PageHeading } from '../../components/page-heading.tsx';
import { FormError } from '../../components/form-error.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import {
  RecordRows,
  byTrackingNumber,
  trackingNumberColumn,
  type RecordColumn,
} from '../../components/record-rows.tsx';
import { TimeLeft } from '../../components/badges.tsx';
import { currentDeadline } from '../../format.ts';

const OVERVIEW_ROLES: Role[] = ['supervisor', 'administrator'];

/** Whether the role has the overview (supervisors land on it; administrators reach it from the menu). */
export const seesOverview = (role: Role) => OVERVIEW_ROLES.includes(role);

const TILES = [
  { apiQueue: 'overdue', slug: 'overdue', label: 'Overdue', alarm: true },
  { apiQueue: 'escalated', slug: 'escalated', label: 'Escalated', alarm: true },
  { apiQueue: 'due_today', slug: 'due-today', label: 'Due today', alarm: false },
  { apiQueue: 'unassigned', slug: 'unassigned', label: 'Unassigned', alarm: false },
  { apiQueue: 'elected_official', slug: 'elected-officials', label: 'From elected officials', alarm: false },
] as const;

const MOST_OVERDUE = 10;

const dueTime = (c: CaseRecord) => {
  const deadline = currentDeadline(c);
  return deadline ? new Date(deadline.dueAt).getTime() : Number.POSITIVE_INFINITY;
};

function DeadlineCell({ c }: { c: CaseRecord }) {
  const deadline = currentDeadline(c);
  if (!deadline) return <>—</>;
  return (
    <>
      <span className="deadline-kind">{deadline.label}: </span>
      <TimeLeft dueAt={deadline.dueAt} />
    </>
  );
}

const OVERDUE_COLUMNS: RecordColumn<CaseRecord>[] = [
  trackingNumberColumn,
  { label: 'Subject', cell: (c) => c.subjectName ?? 'Not coded' },
  { label: 'Unit', cell: (c) => c.unit ?? '—' },
  { label: 'Assignee', cell: (c) => c.assignee?.name ?? 'Unassigned' },
  { label: 'Deadline', cell: (c) => <DeadlineCell c={c} /> },
  { label: 'Escalation', cell: (c) => (c.escalationLevel > 0 ? `Level ${c.escalationLevel}` : 'None') },
];

/** The overview screen. */
export function OverviewScreen() {
  const counts = useQuery({
    queryKey: ['queue-counts'],
    queryFn: () => api<Record<string, number>>('GET', '/queues/counts'),
    staleTime: 0,
    refetchInterval: 60_000,
  });
  const overdue = useQuery({
    queryKey: ['cases', 'overdue', 'overview'],
    queryFn: () => api<CaseList>('GET', `/cases${queryString({ queue: 'overdue', limit: MOST_OVERDUE })}`),
    staleTime: 0,
  });
  // The longest overdue first, whichever of its two deadlines it missed.
  const cases = [...(overdue.data?.items ?? [])].sort((a, b) => dueTime(a) - dueTime(b));

  return (
    <>
      <PageHeading>Overview</PageHeading>
      <p>Open cases you can see. Each number opens its queue.</p>
      <section aria-labelledby="queues-at-a-glance">
        <h2 id="queues-at-a-glance">Queues at a glance</h2>
        <FormError error={counts.error} />
        <ul className="stat-list">
          {TILES.map((tile) => {
            const count = counts.data?.[tile.apiQueue];
            return (
              <li key={tile.slug}>
                <Link
                  to="/queues/$queue"
                  params={{ queue: tile.slug }}
                  search={{}}
                  className={`stat-link${tile.alarm && count ? ' stat-alarm' : ''}`}
                >
                  <span className="stat-number">{count ?? '…'}</span>{' '}
                  <span className="stat-label">
                    {tile.label}
                    <span className="visually-hidden">{count === 1 ? ' case' : ' cases'}</span>
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby="most-overdue-heading">
        <h2 id="most-overdue-heading">Most overdue</h2>
        <FormError error={overdue.error} />
        {overdue.isPending ? (
          <p role="status">Loading overdue cases…</p>
        ) : cases.length === 0 ? (
          <p>No case is overdue.</p>
        ) : (
          <>
            <TableWrap label="Most overdue cases">
              <table className="data-table card-table">
                <caption className="visually-hidden">
                  The {cases.length} most overdue cases, the longest overdue first
                </caption>
                <RecordRows columns={OVERDUE_COLUMNS} items={cases} rowKey={byTrackingNumber} />
              </table>
            </TableWrap>
            {(overdue.data?.total ?? 0) > cases.length && (
              <p>
                <Link to="/queues/$queue" params={{ queue: 'overdue' }} search={{}}>
                  All {overdue.data?.total} overdue cases
                </Link>
              </p>
            )}
          </>
        )}
      </section>
    </>
  );
}
