// The items behind one number of an MMR indicator: the cases (each a link to the case), calls or interpretation
// requests the number counts, a page at a time, taken at the same moment as the table so the count matches it.
// The panel's heading takes focus when it opens, so a keyboard or screen-reader user lands on the list.
import { useEffect, useId, useRef } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, queryString } from '../../api/client.ts';
import type { ReportSearch } from '../../route-search.ts';
import { FormError } from '../../components/form-error.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import {
  RecordRows,
  byTrackingNumber,
  trackingNumberColumn,
  type RecordColumn,
} from '../../components/record-rows.tsx';
import { formatDateTime, humanize, languageName } from '../../format.ts';
import type {
  IndicatorCallItem as CallItem,
  IndicatorCaseItem as CaseItem,
  IndicatorInterpretationItem as InterpretationItem,
  IndicatorItemsPage,
} from '../../../shared/reports.ts';

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

const CASE_COLUMNS: RecordColumn<CaseItem>[] = [
  trackingNumberColumn,
  { label: 'Received', cell: (c) => formatDateTime(c.receivedAt) },
  { label: 'First response', cell: (c) => formatDateTime(c.firstResponseAt) },
  { label: 'Resolution due', cell: (c) => formatDateTime(c.resolutionDueAt) },
  { label: 'Closed', cell: (c) => formatDateTime(c.closedAt) },
  { label: 'Channel', cell: (c) => humanize(c.channel) },
  { label: 'Subject', cell: (c) => c.subjectName ?? c.subject ?? 'Not coded' },
  { label: 'Unit', cell: (c) => c.unitName ?? '—' },
];

const CALL_COLUMNS: RecordColumn<CallItem>[] = [
  { label: 'Call', cell: (c) => c.callId },
  { label: 'Queue', cell: (c) => c.queue || '—' },
  { label: 'Offered', cell: (c) => formatDateTime(c.offeredAt) },
  { label: 'Answered', cell: (c) => formatDateTime(c.answeredAt) },
  { label: 'Abandoned', cell: (c) => formatDateTime(c.abandonedAt) },
  { label: 'Wait', cell: (c) => seconds(c.waitSeconds) },
];

const INTERPRETATION_COLUMNS: RecordColumn<InterpretationItem>[] = [
  { label: 'Request', cell: (r) => r.id },
  { label: 'Requested', cell: (r) => formatDateTime(r.requestedAt) },
  { label: 'Completed', cell: (r) => formatDateTime(r.completedAt) },
  { label: 'Language', cell: (r) => languageName(r.language) },
  { label: 'Mode', cell: (r) => humanize(r.mode) },
];

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
                  <RecordRows columns={CASE_COLUMNS} items={items as CaseItem[]} rowKey={byTrackingNumber} />
                ) : first.kind === 'calls' ? (
                  <RecordRows columns={CALL_COLUMNS} items={items as CallItem[]} rowKey={(c) => c.callId} />
                ) : (
                  <RecordRows
                    columns={INTERPRETATION_COLUMNS}
                    items={items as InterpretationItem[]}
                    rowKey={(r) => r.id}
                  />
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
