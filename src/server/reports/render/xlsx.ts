// A ReportDocument as an Excel workbook: an "About" sheet with the title and context lines, then one sheet per table
// with a bold, frozen title row and header row. Numbers stay numeric cells (formatted by their column's format, a
// percent of the document, 0–100, is written as its fraction with a percent format: 33.3 → 0.333 shown 33.3%), dates
// are date cells, so a reader can sum and chart them.
import ExcelJS from 'exceljs';
import type { ReportCell, ReportColumn, ReportDocument, ReportTable } from '../../../shared/report-document.ts';
import { percentFraction } from '../../../shared/value-format.ts';

const MAX_SHEET_NAME = 31;
const ABOUT_SHEET = 'About';
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

/** Excel number formats by column format; a percent cell holds the fraction (0.333), which Excel shows as 33.3%. */
const NUMBER_FORMATS: Record<NonNullable<ReportColumn['format']>, string | undefined> = {
  text: undefined,
  count: '#,##0',
  percent: '0.0%',
  days: '#,##0.0',
  seconds: '#,##0.0',
  date: 'yyyy-mm-dd',
};

/**
 * A sheet name Excel accepts: no : \ / ? * [ ], no leading or trailing apostrophe, at most 31 characters, not
 * "History" (reserved), and unique without regard to case among `taken` (a suffix " (2)", " (3)"… when needed).
 */
export function sheetName(wanted: string, taken: Set<string>): string {
  let base = wanted
    // Control characters cannot be in a sheet name either.
    // eslint-disable-next-line no-control-regex
    .replace(/[:\\/?*[\]\u0000-\u001f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'+|'+$/g, '')
    .trim();
  if (!base || base.toLowerCase() === 'history') base = base ? `${base} table` : 'Table';
  for (let n = 1; ; n += 1) {
    const suffix = n === 1 ? '' : ` (${n})`;
    const candidate = `${Array.from(base)
      .slice(0, MAX_SHEET_NAME - suffix.length)
      .join('')
      .trimEnd()}${suffix}`;
    if (!taken.has(candidate.toLowerCase())) {
      taken.add(candidate.toLowerCase());
      return candidate;
    }
  }
}

/** A local date written YYYY-MM-DD as the Date Excel shows as that day (midnight UTC, no time zone shift). */
function dateValue(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(date.getTime()) ? null : date;
}

function cellValue(value: ReportCell | undefined, column: ReportColumn): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    return column.format === 'percent' ? percentFraction(value) : value;
  }
  if (column.format === 'date') return dateValue(value) ?? value;
  return value;
}

function displayLength(value: ReportCell | undefined, column: ReportColumn): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return value.toLocaleString('en-US', { maximumFractionDigits: 1 }).length + 1;
  return column.format === 'date' ? 10 : Math.max(...value.split('\n').map((line) => Array.from(line).length));
}

function addTableSheet(workbook: ExcelJS.Workbook, table: ReportTable, name: string): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.addRow([table.title]).font = { bold: true, size: 13 };
  sheet.addRow(table.columns.map((column) => column.label)).font = { bold: true };
  for (const row of table.rows) sheet.addRow(table.columns.map((column) => cellValue(row[column.key], column)));
  table.columns.forEach((column, index) => {
    const sheetColumn = sheet.getColumn(index + 1);
    const format = NUMBER_FORMATS[column.format ?? 'text'];
    // Only the data rows take the number format; the title and header rows stay text.
    if (format) for (let r = 3; r <= table.rows.length + 2; r += 1) sheet.getCell(r, index + 1).numFmt = format;
    const longest = Math.max(
      Array.from(column.label).length,
      ...table.rows.map((row) => displayLength(row[column.key], column)),
    );
    sheetColumn.width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2));
  });
  if (table.description) sheet.getCell(1, 1).note = table.description;
}

function addAboutSheet(workbook: ExcelJS.Workbook, doc: ReportDocument, names: string[]): void {
  const sheet = workbook.addWorksheet(ABOUT_SHEET);
  sheet.addRow([doc.title]).font = { bold: true, size: 14 };
  for (const line of doc.subtitle) sheet.addRow([line]);
  if (doc.tables.length === 0) return;
  sheet.addRow([]);
  sheet.addRow(['Sheet', 'Table', 'What it counts']).font = { bold: true };
  doc.tables.forEach((table, index) => sheet.addRow([names[index], table.title, table.description ?? '']));
  sheet.getColumn(1).width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, ...names.map((n) => n.length + 2)));
  sheet.getColumn(2).width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, ...doc.tables.map((t) => t.title.length + 2)));
  sheet.getColumn(3).width = MAX_WIDTH;
}

/** The document as an XLSX workbook. */
export async function renderXlsx(doc: ReportDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'civicdesk';
  workbook.lastModifiedBy = 'civicdesk';
  workbook.title = doc.title;
  workbook.subject = doc.subtitle.join(' · ');
  workbook.created = new Date();
  workbook.modified = workbook.created;
  const taken = new Set([ABOUT_SHEET.toLowerCase()]);
  const names = doc.tables.map((table) => sheetName(table.name, taken));
  addAboutSheet(workbook, doc, names);
  doc.tables.forEach((table, index) => addTableSheet(workbook, table, names[index]!));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
