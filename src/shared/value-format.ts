// How a report number is written for a person (PDF tables, chart labels): counts with thousands separators, percents
// (0–100) with one decimal and a % sign, days with one decimal, seconds whole. CSV and XLSX keep the raw numbers.
import type { ReportCell, ReportColumn } from './report-document.ts';

export type ValueFormat = NonNullable<ReportColumn['format']>;

const decimals = (min: number, max: number) =>
  new Intl.NumberFormat('en-US', { minimumFractionDigits: min, maximumFractionDigits: max });
const FORMATTERS: Record<ValueFormat, Intl.NumberFormat> = {
  text: decimals(0, 2),
  count: decimals(0, 2),
  percent: decimals(1, 1),
  days: decimals(1, 1),
  seconds: decimals(0, 0),
  date: decimals(0, 0),
};

/** A cell as shown to a reader; an empty cell is an empty string. */
export function formatValue(value: ReportCell | undefined, format: ValueFormat = 'text'): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '';
  const text = FORMATTERS[format].format(value);
  return format === 'percent' ? `${text}%` : text;
}

/** Whether a column holds numbers (right-aligned in tables, drawable in charts). */
export function isNumericFormat(format: ValueFormat | undefined): boolean {
  return format === 'count' || format === 'percent' || format === 'days' || format === 'seconds';
}
