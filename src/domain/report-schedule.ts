// When a scheduled report is due: each month a schedule sends the report of the month before, on its run day (the
// first business day of the month, or a fixed day of the month) at its local time in the agency's time zone. Pure.
import { isBusinessDay } from './business-calendar.ts';
import { addLocalDays, localDate, zonedDateTime } from '../shared/local-time.ts';
import { monthPeriod, type ReportPeriod } from '../shared/report-periods.ts';
import type { BusinessCalendar } from './types.ts';

export type RunOn = { kind: 'first_business_day' } | { kind: 'day_of_month'; day: number };

export interface ScheduleTiming {
  /** 'first_business_day' or 'day_of_month:N' (N from 1 to 31; a month shorter than N runs on its last day). */
  runOn: string;
  /** Local wall time, HH:MM. */
  runAtLocal: string;
}

export interface DueReport {
  /** The month the report covers: the month before the run. */
  period: ReportPeriod;
  /** The instant the run became due. */
  dueAt: Date;
}

const RUN_AT = /^([01]\d|2[0-3]):([0-5]\d)$/;
// A month without a single business day can only be a misconfigured calendar; run on its first day rather than never.
const DAYS_TO_SEARCH = 31;

/** Reads a run_on value; throws a RangeError saying what is accepted. */
export function parseRunOn(text: string): RunOn {
  if (text === 'first_business_day') return { kind: 'first_business_day' };
  const m = /^day_of_month:(\d{1,2})$/.exec(text);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 31) return { kind: 'day_of_month', day: Number(m[1]) };
  throw new RangeError('write "first_business_day" or "day_of_month:N" with N from 1 to 31');
}

/** Whether a time of day is written HH:MM (24-hour). */
export function isRunAtLocal(text: string): boolean {
  return RUN_AT.test(text);
}

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The local date a schedule runs on in a month (YYYY-MM-DD). */
export function runDate(runOn: RunOn, year: number, month: number, calendar: BusinessCalendar): string {
  const first = `${year}-${pad(month)}-01`;
  if (runOn.kind === 'day_of_month') {
    return `${year}-${pad(month)}-${pad(Math.min(runOn.day, lastDayOfMonth(year, month)))}`;
  }
  let day = first;
  for (let i = 0; i < DAYS_TO_SEARCH && day.startsWith(first.slice(0, 8)); i += 1) {
    if (isBusinessDay(day, calendar)) return day;
    day = addLocalDays(day, 1);
  }
  return first;
}

/** The instant a schedule runs in a month, in the agency's zone (a wall time skipped by DST moves past the gap). */
export function runInstant(
  timing: ScheduleTiming,
  year: number,
  month: number,
  timeZone: string,
  calendar: BusinessCalendar,
): Date {
  if (!isRunAtLocal(timing.runAtLocal)) throw new RangeError('the run time must be written HH:MM');
  return zonedDateTime(runDate(parseRunOn(timing.runOn), year, month, calendar), timing.runAtLocal, timeZone);
}

function monthBefore(year: number, month: number): [number, number] {
  return month === 1 ? [year - 1, 12] : [year, month - 1];
}

/**
 * The latest run at or before `now`: the month it reports on (the month before the run) and when it became due.
 * Callers send it once per period, so a run missed while the worker was down still goes out when it is back.
 */
export function latestDueReport(
  timing: ScheduleTiming,
  timeZone: string,
  calendar: BusinessCalendar,
  now: Date,
): DueReport {
  let [year, month] = localDate(now, timeZone).split('-').map(Number) as [number, number];
  let dueAt = runInstant(timing, year, month, timeZone, calendar);
  if (dueAt.getTime() > now.getTime()) {
    [year, month] = monthBefore(year, month);
    dueAt = runInstant(timing, year, month, timeZone, calendar);
  }
  const [reportYear, reportMonth] = monthBefore(year, month);
  return { period: monthPeriod(reportYear, reportMonth), dueAt };
}

/** The next run after `now` (for showing "next delivery" to a person). */
export function nextRun(timing: ScheduleTiming, timeZone: string, calendar: BusinessCalendar, now: Date): DueReport {
  const [year, month] = localDate(now, timeZone).split('-').map(Number) as [number, number];
  for (const [y, m] of [[year, month], month === 12 ? [year + 1, 1] : [year, month + 1]] as const) {
    const dueAt = runInstant(timing, y, m, timeZone, calendar);
    if (dueAt.getTime() > now.getTime()) {
      const [reportYear, reportMonth] = monthBefore(y, m);
      return { period: monthPeriod(reportYear, reportMonth), dueAt };
    }
  }
  throw new RangeError('no run within two months');
}
