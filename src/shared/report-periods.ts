// The periods reports are asked for: a month, a quarter, a city fiscal year (July–June, named by the year it ends
// in, so FY2027 runs from 1 July 2026 to 30 June 2027) or a range of days. Dates are local dates of the agency;
// `from` is the first day and `to` the last day, both inclusive. Instants are made with the agency's time zone.
import { addLocalDays, localDaysBetween, startOfLocalDay } from './local-time.ts';

export type PeriodKind = 'month' | 'quarter' | 'fiscal_year' | 'range';

export interface ReportPeriod {
  kind: PeriodKind;
  /** The text it was written as, normalised: 2026-10, 2026-Q3, FY2027, 2026-01-05..2026-02-04. */
  key: string;
  /** A label for a person: "October 2026", "Q3 2026", "Fiscal year 2027", "5 Jan 2026 – 4 Feb 2026". */
  label: string;
  /** First local day, inclusive (YYYY-MM-DD). */
  from: string;
  /** Last local day, inclusive (YYYY-MM-DD). */
  to: string;
}

/** English month names, January first. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): string {
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`;
  return addLocalDays(next, -1);
}

function isRealDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return date <= lastDayOfMonth(y, mo);
}

/** A date (YYYY-MM-DD) as "5 Mar 2026". */
export function shortDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTH_NAMES[m - 1]!.slice(0, 3)} ${y}`;
}

/** A month as a period. */
export function monthPeriod(year: number, month: number): ReportPeriod {
  return {
    kind: 'month',
    key: `${year}-${pad(month)}`,
    label: `${MONTH_NAMES[month - 1]} ${year}`,
    from: `${year}-${pad(month)}-01`,
    to: lastDayOfMonth(year, month),
  };
}

/**
 * Reads a period written as YYYY-MM, YYYY-Qn, FYyyyy or YYYY-MM-DD..YYYY-MM-DD; throws a RangeError that says what
 * is accepted when the text is none of these (callers turn it into a validation error naming their field).
 */
export function parsePeriod(text: string): ReportPeriod {
  const value = text.trim();
  let m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) {
    const month = Number(m[2]);
    if (month >= 1 && month <= 12) return monthPeriod(Number(m[1]), month);
  }
  m = /^(\d{4})-?Q([1-4])$/i.exec(value);
  if (m) {
    const year = Number(m[1]);
    const q = Number(m[2]);
    const first = (q - 1) * 3 + 1;
    return {
      kind: 'quarter',
      key: `${year}-Q${q}`,
      label: `Q${q} ${year}`,
      from: `${year}-${pad(first)}-01`,
      to: lastDayOfMonth(year, first + 2),
    };
  }
  m = /^FY ?(\d{4})$/i.exec(value);
  if (m) {
    const year = Number(m[1]);
    return {
      kind: 'fiscal_year',
      key: `FY${year}`,
      label: `Fiscal year ${year}`,
      from: `${year - 1}-07-01`,
      to: `${year}-06-30`,
    };
  }
  m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(value);
  if (m && isRealDate(m[1]!) && isRealDate(m[2]!) && m[1]! <= m[2]!) {
    if (localDaysBetween(m[1]!, m[2]!) > 3660) throw new RangeError('a date range can be at most ten years long');
    return {
      kind: 'range',
      key: `${m[1]}..${m[2]}`,
      label: `${shortDate(m[1]!)} – ${shortDate(m[2]!)}`,
      from: m[1]!,
      to: m[2]!,
    };
  }
  throw new RangeError(
    'write a month (2026-10), a quarter (2026-Q3), a city fiscal year (FY2027, July–June) or a range of days (2026-01-01..2026-03-31, the first day not after the last)',
  );
}

/** The same period one year earlier (a month a year before, FY2026 for FY2027, a range shifted by a year). */
export function periodYearEarlier(period: ReportPeriod): ReportPeriod {
  const shift = (date: string) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    const candidate = `${y - 1}-${pad(m)}-${pad(d)}`;
    return isRealDate(candidate) ? candidate : lastDayOfMonth(y - 1, m);
  };
  if (period.kind === 'range') return parsePeriod(`${shift(period.from)}..${shift(period.to)}`);
  if (period.kind === 'fiscal_year') return parsePeriod(`FY${Number(period.key.slice(2)) - 1}`);
  if (period.kind === 'quarter') return parsePeriod(`${Number(period.key.slice(0, 4)) - 1}${period.key.slice(4)}`);
  const [y, m] = period.key.split('-').map(Number) as [number, number];
  return monthPeriod(y - 1, m);
}

/** The month before a month (December 2025 for January 2026). */
export function previousMonth(period: ReportPeriod): ReportPeriod {
  if (period.kind !== 'month') throw new RangeError('previousMonth needs a month');
  const [y, m] = period.key.split('-').map(Number) as [number, number];
  return m === 1 ? monthPeriod(y - 1, 12) : monthPeriod(y, m - 1);
}

/** The instants a period covers in a time zone: [start, end) — end is the first instant of the day after `to`. */
export function periodInstants(period: ReportPeriod, timeZone: string): { start: Date; end: Date } {
  return { start: startOfLocalDay(period.from, timeZone), end: startOfLocalDay(addLocalDays(period.to, 1), timeZone) };
}
