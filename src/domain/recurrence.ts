// Recurring engagements: a rule (weekly on some weekdays, or monthly on the nth / last weekday, every N weeks or
// months, ending on a local date or after a count) expanded into occurrences that keep the first meeting's wall-clock
// time in the agency's time zone across daylight-saving changes, and written as an RFC 5545 RRULE. Pure.
import { addLocalDays, localParts, weekdayOf, zonedDateTime } from '../shared/local-time.ts';

export type RecurrenceFrequency = 'weekly' | 'monthly';

export interface RecurrenceRule {
  frequency: RecurrenceFrequency;
  /** Every `interval` weeks or months (1 = every week / month). */
  interval: number;
  /** Weekly: the weekdays it meets on, 0 = Sunday … 6 = Saturday; the first meeting's weekday when left out. */
  weekdays?: number[] | undefined;
  /** Monthly: which of the month's weekdays (1–4, or -1 for the last); the first meeting's when left out. */
  weekOfMonth?: number | undefined;
  /** The last local date a meeting may fall on (inclusive). */
  until?: string | undefined;
  /** How many meetings in all, the first included. */
  count?: number | undefined;
}

export interface Occurrence {
  start: Date;
  end: Date;
}

/** No series runs longer than this, whatever its rule: a rule without an end stops here. */
export const MAX_OCCURRENCES = 520;

const ICAL_DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** The ordinal of a local date's weekday within its month (1–5). */
const ordinalInMonth = (date: string) => Math.ceil(Number(date.slice(8, 10)) / 7);

function isLastOfMonth(date: string): boolean {
  return addLocalDays(date, 7).slice(5, 7) !== date.slice(5, 7);
}

/** The local date of the `week`th (or last, -1) `weekday` of a month, or undefined when the month has none. */
export function nthWeekdayOfMonth(year: number, month: number, weekday: number, week: number): string | undefined {
  const first = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
  const firstMatch = addLocalDays(first, (weekday - weekdayOf(first) + 7) % 7);
  if (week > 0) {
    const date = addLocalDays(firstMatch, 7 * (week - 1));
    return date.slice(0, 7) === first.slice(0, 7) ? date : undefined;
  }
  let date = firstMatch;
  while (addLocalDays(date, 7).slice(0, 7) === first.slice(0, 7)) date = addLocalDays(date, 7);
  return date;
}

/**
 * What is wrong with a rule for a series whose first meeting falls on `firstDate` (a local date), in plain words,
 * or null when it is sound. The first meeting must itself follow the rule.
 */
export function recurrenceProblem(rule: RecurrenceRule, firstDate: string): string | null {
  if (!Number.isInteger(rule.interval) || rule.interval < 1 || rule.interval > 12) {
    return 'the interval must be a whole number from 1 to 12';
  }
  if (rule.count !== undefined && (!Number.isInteger(rule.count) || rule.count < 1 || rule.count > MAX_OCCURRENCES)) {
    return `the number of meetings must be from 1 to ${MAX_OCCURRENCES}`;
  }
  if (rule.until !== undefined && rule.until < firstDate) return 'the end date is before the first meeting';
  if (rule.until === undefined && rule.count === undefined) return 'give an end date or a number of meetings';
  const weekday = weekdayOf(firstDate);
  if (rule.frequency === 'weekly') {
    const days = rule.weekdays ?? [weekday];
    if (days.length === 0 || days.some((d) => !Number.isInteger(d) || d < 0 || d > 6)) {
      return 'the weekdays must be from 0 (Sunday) to 6 (Saturday)';
    }
    if (!days.includes(weekday)) return "the first meeting's weekday must be one of the weekdays";
    return null;
  }
  if (rule.weekdays !== undefined) return 'a monthly series meets on the weekday of its first meeting';
  const week = rule.weekOfMonth ?? ordinalInMonth(firstDate);
  if (![1, 2, 3, 4, -1].includes(week)) return 'the week of the month must be 1, 2, 3, 4 or -1 (the last)';
  const matches = week === -1 ? isLastOfMonth(firstDate) : ordinalInMonth(firstDate) === week;
  if (!matches) return `the first meeting is not on the ${week === -1 ? 'last' : `week ${week}`} weekday of its month`;
  return null;
}

/** The local dates of the series in order, from the first meeting's, up to the rule's end or MAX_OCCURRENCES. */
export function recurrenceDates(rule: RecurrenceRule, firstDate: string): string[] {
  const dates: string[] = [];
  const limit = Math.min(rule.count ?? MAX_OCCURRENCES, MAX_OCCURRENCES);
  const accept = (date: string) => {
    if (date < firstDate) return true;
    if (rule.until !== undefined && date > rule.until) return false;
    dates.push(date);
    return dates.length < limit;
  };
  if (rule.frequency === 'weekly') {
    // Weeks start on Monday (WKST=MO, the iCalendar default), counted from the first meeting's week.
    const monday = addLocalDays(firstDate, -((weekdayOf(firstDate) + 6) % 7));
    const offsets = [...new Set(rule.weekdays ?? [weekdayOf(firstDate)])].map((d) => (d + 6) % 7).sort((a, b) => a - b);
    for (let week = 0; ; week += rule.interval) {
      const start = addLocalDays(monday, 7 * week);
      for (const offset of offsets) if (!accept(addLocalDays(start, offset))) return dates;
      if (rule.until !== undefined && start > rule.until) return dates;
    }
  }
  const weekday = weekdayOf(firstDate);
  const week = rule.weekOfMonth ?? ordinalInMonth(firstDate);
  const year = Number(firstDate.slice(0, 4));
  const month = Number(firstDate.slice(5, 7)) - 1;
  for (let step = 0; ; step += rule.interval) {
    const y = year + Math.floor((month + step) / 12);
    const m = ((month + step) % 12) + 1;
    const date = nthWeekdayOfMonth(y, m, weekday, week);
    if (date !== undefined && !accept(date)) return dates;
    if (rule.until !== undefined && `${y}-${String(m).padStart(2, '0')}-01` > rule.until) return dates;
  }
}

const two = (n: number) => String(n).padStart(2, '0');

/** The wall-clock time (HH:MM:SS) of an instant in a time zone. */
export function wallTime(instant: Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  return `${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
}

/**
 * The meetings of a series that overlap [from, to]: each starts at the first meeting's wall-clock time on its local
 * date in `timeZone` (so 18:00 stays 18:00 when the clocks change) and lasts as long as the first.
 */
export function expandRecurrence(
  rule: RecurrenceRule,
  first: Occurrence,
  timeZone: string,
  window: { from?: Date | undefined; to?: Date | undefined } = {},
): Occurrence[] {
  const firstParts = localParts(first.start, timeZone);
  const firstDate = `${String(firstParts.year).padStart(4, '0')}-${two(firstParts.month)}-${two(firstParts.day)}`;
  const time = wallTime(first.start, timeZone);
  const duration = first.end.getTime() - first.start.getTime();
  const occurrences: Occurrence[] = [];
  for (const date of recurrenceDates(rule, firstDate)) {
    const start = date === firstDate ? first.start : zonedDateTime(date, time, timeZone);
    const end = new Date(start.getTime() + duration);
    if (window.to && start.getTime() > window.to.getTime()) break;
    if (window.from && end.getTime() <= window.from.getTime()) continue;
    occurrences.push({ start, end });
  }
  return occurrences;
}

/** The last instant a series can reach (the end of its last meeting), for finding series that overlap a range. */
export function recurrenceEnd(rule: RecurrenceRule, first: Occurrence, timeZone: string): Date {
  const all = expandRecurrence(rule, first, timeZone);
  return all.at(-1)?.end ?? first.end;
}

/**
 * The rule as an RFC 5545 RRULE value. `untilUtc` is the instant the series' last possible meeting starts (RFC 5545
 * wants UNTIL in UTC when DTSTART carries a time zone), written by the caller's formatter.
 */
export function toRRule(rule: RecurrenceRule, firstDate: string, untilUtc?: string): string {
  const parts = [`FREQ=${rule.frequency === 'weekly' ? 'WEEKLY' : 'MONTHLY'}`];
  if (rule.interval > 1) parts.push(`INTERVAL=${rule.interval}`);
  const weekday = weekdayOf(firstDate);
  if (rule.frequency === 'weekly') {
    const days = [...new Set(rule.weekdays ?? [weekday])].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
    parts.push(`BYDAY=${days.map((d) => ICAL_DAYS[d]).join(',')}`);
  } else {
    parts.push(`BYDAY=${rule.weekOfMonth ?? ordinalInMonth(firstDate)}${ICAL_DAYS[weekday]}`);
  }
  if (rule.count !== undefined) parts.push(`COUNT=${rule.count}`);
  if (rule.until !== undefined && untilUtc) parts.push(`UNTIL=${untilUtc}`);
  if (rule.frequency === 'weekly') parts.push('WKST=MO');
  return parts.join(';');
}
