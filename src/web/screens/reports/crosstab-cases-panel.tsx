// The cases behind one number of the cross-tab: the exact cases the cell counts (or times), a page at a time, each a
// link to the case. The panel's heading takes focus when it opens so a keyboard or screen-reader user lands on it.
import { useEffect, useId, useRef } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api } from '../../api/client.ts';
import type { ReportSearch } from '../../route-search.ts';
import { FormError } from '../../components/form-error.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import {
  RecordRows,
  byTrackingNumber,
  trackingNumberColumn,
  type RecordColumn,
} from '../../components/record-rows.tsx';
import { formatDateTime, humanize } from '../../format.ts';
import type { CrosstabCasePage } from '../../../shared/reports.ts';
import type { CrosstabResult, DefinitionInput, DrillCell } from './crosstab-search.ts';
import { formatValue } from '../../../shared/value-format.ts';

const PAGE_SIZE = 50;

type CrosstabCase = CrosstabCasePage['items'][number];

function describeCell(result: CrosstabResult, cell: DrillCell): string {
  const find = (headers: CrosstabResult['rowHeaders'], key: unknown[] | null, all: string) =>
    key === null ? all : (headers.find((h) => JSON.stringify(h.key) === JSON.stringify(key))?.labels.join(', ') ?? all);
  const parts = [
    result.rowDimensions.length ? find(result.rowHeaders, cell.row, 'all rows') : null,
    result.columnDimensions.length ? find(result.columnHeaders, cell.column, 'all columns') : null,
  ].filter(Boolean);
  return parts.length ? parts.join(' × ') : 'all cases';
}

/** The drill-down panel. */
export function CrosstabCasesPanel(props: {
  definition: DefinitionInput;
  result: CrosstabResult;
  cell: DrillCell;
  search: ReportSearch;
}) {
  const { definition, result, cell } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const pages = useInfiniteQuery({
    queryKey: ['crosstab-cases', definition, cell, result.asOf],
    queryFn: ({ pageParam }) =>
      api<CrosstabCasePage>('POST', '/reports/crosstab/cases', {
        definition,
        row: cell.row,
        column: cell.column,
        asOf: result.asOf,
        limit: PAGE_SIZE,
        ...(pageParam ? { cursor: pageParam } : {}),
      }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  useEffect(() => heading.current?.focus(), [cell.row, cell.column]);
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const total = pages.data?.pages[0]?.total;
  const showValue = result.measure.key !== 'count';
  const percent = result.measure.format === 'percent';
  const columns: RecordColumn<CrosstabCase>[] = [
    trackingNumberColumn,
    { label: 'Received', cell: (c) => formatDateTime(c.receivedAt) },
    { label: 'Subject', cell: (c) => c.subjectName ?? c.subject ?? 'Not coded' },
    { label: 'Unit', cell: (c) => c.unitName ?? '—' },
    { label: 'Status', cell: (c) => humanize(c.status) },
    ...(showValue
      ? [
          {
            label: percent ? 'On time' : 'Days',
            cell: (c: CrosstabCase) =>
              c.value === null ? '—' : percent ? (c.value === 100 ? 'Yes' : 'No') : formatValue(c.value, 'days'),
          },
        ]
      : []),
  ];
  return (
    <section aria-labelledby={headingId} className="panel">
      <div className="section-heading">
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          Cases behind {describeCell(result, cell)}
        </h2>
        <Link to="/reports/$section" params={{ section: 'crosstab' }} search={{ ...props.search, drill: undefined }}>
          Close the case list
        </Link>
      </div>
      <FormError error={pages.error} />
      {pages.isPending ? (
        <p role="status">Loading cases…</p>
      ) : (
        <>
          <p role="status">
            {total === 1 ? '1 case' : `${(total ?? 0).toLocaleString('en-US')} cases`}
            {showValue ? ` that ${result.measure.label.toLowerCase()} is computed over` : ''}.
          </p>
          <TableWrap label="Cases behind the number">
            <table className="data-table">
              <RecordRows columns={columns} items={items} rowKey={byTrackingNumber} />
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
      )}
    </section>
  );
}
