// One chart on a screen: its heading and what it counts, the drawing, a "Show as table" toggle that opens the same
// numbers as a real table (caption, scoped headers), and a link that downloads the table as CSV.
import { useId, useState, type ReactNode } from 'react';
import type { ReportCell, ReportColumn, ReportTable } from '../../../shared/report-document.ts';
import { TableWrap } from '../table-wrap.tsx';
import { formatNumber, shortDate } from './chart-scale.ts';
import './charts.css';

/** A cell as the table shows it. */
export function formatCell(value: ReportCell | undefined, format: ReportColumn['format']): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return format === 'date' ? shortDate(value) : value;
  if (format === 'percent') return `${formatNumber(value)}%`;
  if (format === 'days') return value.toFixed(1);
  return formatNumber(value);
}

const isNumeric = (column: ReportColumn) => column.format !== 'text' && column.format !== 'date';

/** The chart's numbers as a table. */
function ChartTable({ table, id }: { table: ReportTable; id: string }) {
  const [first, ...rest] = table.columns;
  return (
    <div id={id} className="chart-table">
      <TableWrap label={`${table.title} (table)`}>
        <table>
          <caption>{table.title}</caption>
          <thead>
            <tr>
              {table.columns.map((column) => (
                <th key={column.key} scope="col" className={isNumeric(column) ? 'number' : undefined}>
                  {column.format === 'date' && column !== first ? shortDate(column.label) : column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i}>
                {first && <th scope="row">{formatCell(row[first.key], first.format)}</th>}
                {rest.map((column) => (
                  <td key={column.key} className={isNumeric(column) ? 'number' : undefined}>
                    {formatCell(row[column.key], column.format)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {table.rows.length === 0 && <p className="muted">Nothing to count for these filters.</p>}
    </div>
  );
}

/** A chart section with its table view and download. */
export function ChartPanel(props: {
  title: string;
  description: string;
  notes?: string[];
  table: ReportTable;
  downloadHref: string;
  wide?: boolean;
  children: ReactNode;
}) {
  const [showTable, setShowTable] = useState(false);
  const headingId = useId();
  const tableId = useId();
  return (
    <section className={`panel chart-panel${props.wide ? ' chart-wide' : ''}`} aria-labelledby={headingId}>
      <h2 id={headingId}>{props.title}</h2>
      <p className="chart-description">{props.description}</p>
      {props.children}
      {props.notes && props.notes.length > 0 && (
        <ul className="chart-notes">
          {props.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <div className="chart-actions">
        <button
          type="button"
          aria-expanded={showTable}
          aria-controls={tableId}
          onClick={() => setShowTable(!showTable)}
        >
          {showTable ? 'Hide table' : 'Show as table'}
        </button>
        <a href={props.downloadHref} download>
          Download CSV<span className="visually-hidden"> of {props.title}</span>
        </a>
      </div>
      {showTable ? <ChartTable table={props.table} id={tableId} /> : <div id={tableId} hidden />}
    </section>
  );
}
