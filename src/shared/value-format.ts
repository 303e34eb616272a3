// How a report number is written for a person (PDF tables, chart labels): counts with thousands separators, percents
// (0–100 in the document) with one decimal and the locale's percent sign (en-US 33.3%, fr-FR 33,3 %), days with one
// decimal, seconds whole. CSV keeps the raw numbers; XLSX keeps numbers with a number format.
import type { ReportCell, ReportColumn } from './report-document.ts';

export type ValueFormat = NonNullable<ReportColumn['format']>;

const OPTIONS: Record<ValueFormat, Intl.NumberFormatOptions> = {
  text: { minimumFractionDigits: 0, maximumFractionDigits: 2 },
  count: { minimumFractionDigits: 0, maximumFractionDigits: 2 },
  percent: { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 },
  days: { minimumFractionDigits: 1, maximumFractionDigits: 1 },
  seconds: { minimumFractionDigits: 0, maximumFractionDigits: 0 },
  date: { minimumFractionDigits: 0, maximumFractionDigits: 0 },
};
const formatters = new Map<string, Intl.NumberFormat>();
function formatter(locale: string, format: ValueFormat): Intl.NumberFormat {
  const key = `${locale} ${format}`;
  let found = formatters.get(key);
  if (!found) formatters.set(key, (found = new Intl.NumberFormat(locale, OPTIONS[format])));
  return found;
}

/** A percent of the document (0–100) as the fraction spreadsheets and Intl take (0.333), without float noise. */
export function percentFraction(value: number): number {
  return Number((value / 100).toPrecision(12));
}

/** A cell as shown to a reader (en-US unless a locale is given); an empty cell is an empty string. */
export function formatValue(value: ReportCell | undefined, format: ValueFormat = 'text', locale = 'en-US'): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '';
  return formatter(locale, format).format(format === 'percent' ? percentFraction(value) : value);
}

/** Whether a column holds numbers (right-aligned in tables, drawable in charts). */
export function isNumericFormat(format: ValueFormat | undefined): boolean {
  return format === 'count' || format === 'percent' || format === 'days' || format === 'seconds';
}
