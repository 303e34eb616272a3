// The cross-tab as a table: header row and first columns stay in view while it scrolls, numbers are formatted for
// their measure, and every number is a link to the cases behind it (the drill-down opens below the table).
import type { CSSProperties } from 'react';
import { Link } from '@tanstack/react-router';
import type { ReportSearch } from '../../route-search.ts';
import { formatValue } from '../../../shared/value-format.ts';
import { encodeDrill, type CrosstabResult, type DimensionValue } from './crosstab-search.ts';

const stickyTop: CSSProperties = { position: 'sticky', insetBlockStart: 0, zIndex: 2 };
const stickyStart: CSSProperties = { position: 'sticky', insetInlineStart: 0, zIndex: 1, background: 'var(--surface)' };
const numeric: CSSProperties = { textAlign: 'end', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' };

interface CellProps {
  value: number | null;
  result: CrosstabResult;
  row: DimensionValue[] | null;
  column: DimensionValue[] | null;
  /** Words for the cell's position, read out with the number. */
  where: string;
  search: ReportSearch;
}

function Cell({ value, result, row, column, where, search }: CellProps) {
  if (value === null) {
    return (
      <td style={numeric}>
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">no value for {where}</span>
      </td>
    );
  }
  const text = formatValue(value, result.measure.format);
  // A count of nothing has no cases to show.
  if (value === 0 && result.measure.format === 'count') return <td style={numeric}>{text}</td>;
  return (
    <td style={numeric}>
      <Link
        to="/reports/$section"
        params={{ section: 'crosstab' }}
        search={{ ...search, drill: encodeDrill({ row, column }) }}
        aria-label={`${text}, ${where}: show the cases`}
      >
        {text}
      </Link>
    </td>
  );
}

/** The result table. */
export function CrosstabTable({ result, search }: { result: CrosstabResult; search: ReportSearch }) {
  const hasRows = result.rowDimensions.length > 0;
  const hasColumns = result.columnDimensions.length > 0;
  const columnTitle = (labels: string[]) => (hasColumns ? labels.join(' / ') : result.measure.label);
  const rowDimensionHeaders = hasRows ? result.rowDimensions : [{ key: 'all', label: 'Cases' }];
  return (
    <div
      className="table-wrap"
      role="region"
      aria-label="Cross-tab result"
      tabIndex={0}
      style={{ maxBlockSize: '70vh', overflow: 'auto' }}
    >
      <table className="data-table">
        <caption>
          {result.measure.label}
          {hasRows || hasColumns
            ? ` by ${[...result.rowDimensions, ...result.columnDimensions].map((d) => d.label.toLowerCase()).join(' and ')}`
            : ''}
          , cases received {result.period.label}
        </caption>
        <thead>
          <tr>
            {rowDimensionHeaders.map((d, i) => (
              <th
                key={d.key}
                scope="col"
                style={i === 0 ? { ...stickyTop, insetInlineStart: 0, zIndex: 3 } : stickyTop}
              >
                {d.label}
              </th>
            ))}
            {result.columnHeaders.map((h) => (
              <th key={JSON.stringify(h.key)} scope="col" style={{ ...stickyTop, ...numeric }}>
                {columnTitle(h.labels)}
              </th>
            ))}
            {hasColumns && (
              <th scope="col" style={{ ...stickyTop, ...numeric }}>
                Total
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {result.rowHeaders.map((h, i) => {
            const rowWords = h.labels.join(', ');
            return (
              <tr key={JSON.stringify(h.key)}>
                {h.labels.map((label, k) => (
                  <th key={k} scope="row" style={k === 0 ? stickyStart : undefined}>
                    {label}
                  </th>
                ))}
                {result.columnHeaders.map((c, j) => (
                  <Cell
                    key={JSON.stringify(c.key)}
                    value={result.cells[i]![j]!}
                    result={result}
                    row={hasRows ? h.key : null}
                    column={hasColumns ? c.key : null}
                    where={hasColumns ? `${rowWords}, ${c.labels.join(', ')}` : rowWords}
                    search={search}
                  />
                ))}
                {hasColumns && (
                  <Cell
                    value={result.rowTotals[i]!}
                    result={result}
                    row={hasRows ? h.key : null}
                    column={null}
                    where={`${rowWords}, all columns`}
                    search={search}
                  />
                )}
              </tr>
            );
          })}
        </tbody>
        {hasRows && (
          <tfoot>
            <tr>
              <th scope="row" colSpan={result.rowDimensions.length} style={stickyStart}>
                Total
              </th>
              {result.columnHeaders.map((c, j) => (
                <Cell
                  key={JSON.stringify(c.key)}
                  value={result.columnTotals[j]!}
                  result={result}
                  row={null}
                  column={hasColumns ? c.key : null}
                  where={hasColumns ? `all rows, ${c.labels.join(', ')}` : 'all rows'}
                  search={search}
                />
              ))}
              {hasColumns && (
                <Cell
                  value={result.grandTotal}
                  result={result}
                  row={null}
                  column={null}
                  where="all cases"
                  search={search}
                />
              )}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
