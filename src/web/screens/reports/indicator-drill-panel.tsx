// The items behind one number of an MMR indicator: the cases (each a link to the case), calls or interpretation
// requests the number counts, a page at a time, taken at the same moment as the table so the count matches it.
// The panel's heading takes focus when it opens, so a keyboard or screen-reader user lands on the list.
import { useEffect, useId, useRef } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, queryString } from '../../api/client.ts';
import type { ReportSearch } from '../../router.tsx';
import { FormError } from '../../components/form-error.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import { formatDateTime, humanize, languageName } from '../../format.ts';
import type {
  CallItem,
  CaseItem,
  IndicatorItemsPage,
  InterpretationItem,
} from '../../../server/reports/indicator-items.ts';

const PAGE_SIZE = 100;

/** How each group is named above its list. */
export const GROUP_LABELS: Record<string, string> = {
  numerator: 'counted in the numerator',
  late: 'late (in the denominator only)',
  pending: 'pending (still inside 14 days)',
  denominator: 'in the denominator',
  excluded: 'excluded from both numbers',
};

const seconds = (value: number | null) => (value === null ? '—' : `${value.toLocaleString('en-US')} s`);

function CaseRows({ items }: { items: CaseItem[] }) {
  return (
    <>
      <thead>
        <tr>
          <th scope="col">Tracking number</th>
          <th scope="col">Received</th>
          <th scope="col">First response</th>
          <th scope="col">Resolution due</th>
          <th scope="col">Closed</th>
          <th scope="col">Channel</th>
          <th scope="col">Subject</th>
          <th scope="col">Unit</th>
        </tr>
      </thead>
      <tbody>
        {items.map((c) => (
          <tr key={c.trackingNumber}>
            <th scope="row">
              <Link to="/cases/$trackingNumber" params={{ trackingNumber: c.trackingNumber }} search={{}}>
                {c.trackingNumber}
              </Link>
            </th>
            <td data-label="Received">{formatDateTime(c.receivedAt)}</td>
            <td data-label="First response">{formatDateTime(c.firstResponseAt)}</td>
            <td data-label="Resolution due">{formatDateTime(c.resolutionDueAt)}</td>
            <td data-label="Closed">{formatDateTime(c.closedAt)}</td>
            <td data-label="Channel">{humanize(c.channel)}</td>
            <td data-label="Subject">{c.subjectName ?? c.subject ?? 'Not coded'}</td>
            <td data-label="Unit">{c.unitName ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </>
  );
}

function CallRows({ items }: { items: CallItem[] }) {
  return (
    <>
      <thead>
        <tr>
          <th scope="col">Call</th>
          <th scope="col">Queue</th>
          <th scope="col">Offered</th>
          <th scope="col">Answered</th>
          <th scope="col">Abandoned</th>
          <th scope="col">Wait</th>
        </tr>
      </thead>
      <tbody>
        {items.map((c) => (
          <tr key={c.callId}>
            <th scope="row">{c.callId}</th>
            <td data-label="Queue">{c.queue || '—'}</td>
            <td data-label="Offered">{formatDateTime(c.offeredAt)}</td>
            <td data-label="Answered">{formatDateTime(c.answeredAt)}</td>
            <td data-label="Abandoned">{formatDateTime(c.abandonedAt)}</td>
            <td data-label="Wait">{seconds(c.waitSeconds)}</td>
          </tr>
        ))}
      </tbody>
    </>
  );
}

function InterpretationRows({ items }: { items: InterpretationItem[] }) {
  return (
    <>
      <thead>
        <tr>
          <th scope="col">Request</th>
          <th scope="col">Requested</th>
          <th scope="col">Completed</th>
          <th scope="col">Language</th>
          <th scope="col">Mode</th>
        </tr>
      </thead>
      <tbody>
        {items.map((r) => (
          <tr key={r.id}>
            <th scope="row">{r.id}</th>
            <td data-label="Requested">{formatDateTime(r.requestedAt)}</td>
            <td data-label="Completed">{formatDateTime(r.completedAt)}</td>
            <td data-label="Language">{languageName(r.language)}</td>
            <td data-label="Mode">{humanize(r.mode)}</td>
          </tr>
        ))}
      </tbody>
    </>
  );
}

/** The drill-down panel of one indicator, group and period. */
export function IndicatorDrillPanel(props: {
  indicatorKey: string;
  name: string;
  group: string;
  period: string;
  periodLabel: string;
  asOf: string;
  search: ReportSearch;
}) {
  const { indicatorKey, group, period, asOf } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const pages = useInfiniteQuery({
    queryKey: ['indicator-items', indicatorKey, group, period, asOf],
    queryFn: ({ pageParam }) =>
      api<IndicatorItemsPage>(
        'GET',
        `/reports/indicators/${encodeURIComponent(indicatorKey)}/items${queryString({
          period,
          group,
          asOf,
          limit: PAGE_SIZE,
          cursor: pageParam || undefined,
        })}`,
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  useEffect(() => heading.current?.focus(), [indicatorKey, group, period]);
  const first = pages.data?.pages[0];
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const noun = first?.kind === 'calls' ? 'call' : first?.kind === 'interpretation_requests' ? 'request' : 'case';
  const total = first?.total ?? 0;
  return (
    <section aria-labelledby={headingId} className="panel">
      <div className="section-heading">
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          {props.name}, {props.periodLabel}: {GROUP_LABELS[group] ?? group}
        </h2>
        <Link
          to="/reports/$section"
          params={{ section: 'indicators' }}
          search={{ ...props.search, drill: undefined, group: undefined, drillPeriod: undefined }}
        >
          Close the list
        </Link>
      </div>
      <FormError error={pages.error} />
      {pages.isPending ? (
        <p role="status">Loading the items…</p>
      ) : (
        first && (
          <>
            <p role="status">
              {total.toLocaleString('en-US')} {noun}
              {total === 1 ? '' : 's'}, as of {formatDateTime(asOf)}.
            </p>
            <TableWrap label={`Items behind ${props.name}`}>
              <table className="data-table card-table">
                <caption className="visually-hidden">
                  {props.name}, {props.periodLabel}: {GROUP_LABELS[group] ?? group}, oldest first
                </caption>
                {first.kind === 'cases' ? (
                  <CaseRows items={items as CaseItem[]} />
                ) : first.kind === 'calls' ? (
                  <CallRows items={items as CallItem[]} />
                ) : (
                  <InterpretationRows items={items as InterpretationItem[]} />
                )}
              </table>
            </TableWrap>
            {pages.hasNextPage && (
              <div className="actions">
                <button type="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
                  Show {PAGE_SIZE} more
                </button>
              </div>
            )}
          </>
        )
      )}
    </section>
  );
}
