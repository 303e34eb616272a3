// A ReportDocument as CSV for a spreadsheet: RFC 4180 (CRLF, quotes doubled), UTF-8 with a byte-order mark so Excel
// reads every script, numbers written plainly, and no text cell that a spreadsheet would run as a formula.
import { stringify } from 'csv-stringify/sync';
import { neutralizeCell } from '../../../domain/csv-safety.ts';
import type { ReportCell, ReportDocument, ReportTable } from '../../../shared/report-document.ts';

const BOM = '\uFEFF';

/** A number as plain digits: no thousands separators, no exponent, no floating-point noise past 10 decimals. */
export function plainNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value)) return BigInt(value).toString();
  const fixed = value.toFixed(10).replace(/0+$/, '').replace(/\.$/, '');
  return fixed === '-0' ? '0' : fixed;
}

// A number is never neutralised: -4.5 is a value, not a formula. Only text is.
function csvCell(value: ReportCell | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return plainNumber(value);
  return neutralizeCell(value);
}

function tableRecords(table: ReportTable): string[][] {
  return [
    table.columns.map((column) => neutralizeCell(column.label)),
    ...table.rows.map((row) => table.columns.map((column) => csvCell(row[column.key]))),
  ];
}

/**
 * The document as CSV. One table is a plain table (header row, then rows); several tables are sections, each
 * headed by its title on a line of its own and separated from the next by a blank line.
 */
export function renderCsv(doc: ReportDocument): string {
  // A line break of either kind inside a cell is quoted (csv-stringify alone quotes only the record delimiter).
  const write = (records: string[][]) => stringify(records, { record_delimiter: '\r\n', quoted_match: /[\r\n]/ });
  if (doc.tables.length === 1) return BOM + write(tableRecords(doc.tables[0]!));
  const sections = doc.tables.map((table) => write([[neutralizeCell(table.title)], ...tableRecords(table)]));
  return BOM + sections.join('\r\n');
}
