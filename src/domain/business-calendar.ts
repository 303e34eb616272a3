// Business days and business time of an agency's calendar: which local dates are working days, stepping over
// weekends and holidays, and arithmetic that counts only the time inside working hours (in the agency's zone).
// Calendars are treated as immutable values: holiday look-ups are cached per holidays array.

import type { BusinessCalendar } from './types.ts';
import { addLocalDays, localDate, localDaysBetween, weekdayOf, zonedDateTime } from '../shared/local-time.ts';

const MILLIS_PER_HOUR = 3_600_000;
// Ten years without a single working day can only be a misconfigured calendar; stop instead of looping forever.
const SEARCH_LIMIT_DAYS = 3660;

const holidaySets = new WeakMap<BusinessCalendar['holidays'], Set<string>>();

function holidaySet(calendar: BusinessCalendar): Set<string> {
  let set = holidaySets.get(calendar.holidays);
  if (!set) {
    set = new Set(calendar.holidays.map((holiday) => holiday.date));
    holidaySets.set(calendar.holidays, set);
  }
  return set;
}

// A day whose end is not after its start has no working time, so it counts as closed.
function hoursOf(date: string, calendar: BusinessCalendar): { start: string; end: string } | null {
  const hours = calendar.workingHours[String(weekdayOf(date))];
  if (!hours || hours.end <= hours.start) return null;
  return hours;
}

function noBusinessDayError(date: string): Error {
  return new RangeError(
    `The business calendar has no working day within ten years of ${date}; check its working hours.`,
  );
}

/** Whether `date` ('YYYY-MM-DD') is a working weekday of the calendar and not one of its holidays. */
export function isBusinessDay(date: string, calendar: BusinessCalendar): boolean {
  return hoursOf(date, calendar) !== null && !holidaySet(calendar).has(date);
}

/** The first business day on or after `date`. */
export function nextBusinessDay(date: string, calendar: BusinessCalendar): string {
  let day = date;
  for (let step = 0; step <= SEARCH_LIMIT_DAYS; step++) {
    if (isBusinessDay(day, calendar)) return day;
    day = addLocalDays(day, 1);
  }
  throw noBusinessDayError(date);
}

/**
 * The `days`-th business day after `date` (before it, if negative), not counting `date` itself; 0 returns `date`
 * unchanged even when it is not a business day.
 */
export function addBusinessDays(date: string, days: number, calendar: BusinessCalendar): string {
  if (!Number.isInteger(days)) throw new RangeError(`addBusinessDays needs a whole number of days, not ${days}.`);
  const direction = days < 0 ? -1 : 1;
  let remaining = Math.abs(days);
  let day = date;
  let idle = 0;
  while (remaining > 0) {
    day = addLocalDays(day, direction);
    if (isBusinessDay(day, calendar)) {
      remaining--;
      idle = 0;
    } else if (++idle > SEARCH_LIMIT_DAYS) {
      throw noBusinessDayError(date);
    }
  }
  return day;
}

/** The opening and closing instants of a business day, or null when `date` is not a business day. */
export function businessWindow(
  date: string,
  calendar: BusinessCalendar,
  timeZone: string,
): { open: Date; close: Date } | null {
  const hours = hoursOf(date, calendar);
  if (!hours || holidaySet(calendar).has(date)) return null;
  return { open: zonedDateTime(date, hours.start, timeZone), close: zonedDateTime(date, hours.end, timeZone) };
}

/**
 * The instant reached after `millis` of working time from `start`; a start outside working hours begins counting at
 * the next opening, and a result that lands exactly on a closing time stays there.
 */
export function addBusinessMillis(start: Date, millis: number, calendar: BusinessCalendar, timeZone: string): Date {
  if (!Number.isFinite(millis) || millis < 0) {
    throw new RangeError(`Business time to add must be a finite, non-negative amount, not ${millis}.`);
  }
  let remaining = millis;
  let cursor = start.getTime();
  let day = localDate(start, timeZone);
  let idle = 0;
  for (;;) {
    const window = businessWindow(day, calendar, timeZone);
    if (window && cursor <= window.close.getTime()) {
      idle = 0;
      const from = Math.max(cursor, window.open.getTime());
      const available = window.close.getTime() - from;
      if (remaining <= available) return new Date(from + remaining);
      remaining -= available;
      cursor = window.close.getTime();
    } else if (++idle > SEARCH_LIMIT_DAYS) {
      throw noBusinessDayError(day);
    }
    day = addLocalDays(day, 1);
  }
}

/** The instant reached after `hours` of working time from `start` (see addBusinessMillis), DST-correct. */
export function addBusinessHours(start: Date, hours: number, calendar: BusinessCalendar, timeZone: string): Date {
  if (!Number.isFinite(hours) || hours < 0) {
    throw new RangeError(`Business hours to add must be a finite, non-negative number, not ${hours}.`);
  }
  return addBusinessMillis(start, Math.round(hours * MILLIS_PER_HOUR), calendar, timeZone);
}

/** Working time between two instants in milliseconds; negative when `b` is before `a`. */
export function businessMillisBetween(a: Date, b: Date, calendar: BusinessCalendar, timeZone: string): number {
  const from = a.getTime();
  const to = b.getTime();
  if (to < from) return -businessMillisBetween(b, a, calendar, timeZone);
  let total = 0;
  const firstDay = localDate(a, timeZone);
  const dayCount = localDaysBetween(firstDay, localDate(b, timeZone));
  for (let offset = 0; offset <= dayCount; offset++) {
    const window = businessWindow(addLocalDays(firstDay, offset), calendar, timeZone);
    if (!window) continue;
    total += Math.max(0, Math.min(to, window.close.getTime()) - Math.max(from, window.open.getTime()));
  }
  return total;
}
