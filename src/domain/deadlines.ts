// Deadline math: when a case's first response and resolution are due under a service-standard target, given the
// agency's business calendar and time zone, and how much time is left. Deadlines are legal facts, so the rules
// are spelled out here and every caller (intake, re-routing, sweeps, reports) goes through these functions.
//
// Rules:
// - calendar_days N: due at the end (23:59:59.999 local) of the local receipt date + N. The receipt day is day 0,
//   so 14 days for an item received on March 1 is due at the end of March 15 (the city's "within 14 calendar days").
// - business_days N: due at the end (23:59:59.999 local) of the N-th business day after the local receipt date; the
//   receipt day is not counted, whether or not it is a business day. N = 0 means the end of the receipt day.
// - business_hours N: N hours of working time counted from receipt; an item received outside working hours starts
//   counting at the next opening (see addBusinessMillis).
// - Whatever the unit, a due instant that falls on a non-business day (weekend or holiday) moves to the end of the
//   next business day.
// - Pauses (waiting on the constituent) stop the clock. Overlapping pauses are merged and time before receipt is
//   ignored. Each pause that starts before the current due instant (already moved off any non-business day) pushes
//   it later by exactly the paused time, in the unit's own kind of time: elapsed time for calendar_days, working
//   time for business units. A calendar-day deadline pushed onto a non-business day moves as above, and one pushed
//   onto the first business day after non-business days moves to that day's end (so that a longer pause can never
//   give an earlier deadline). A pause starting at or after the due instant changes nothing (the item was already
//   late). A pause with no end (still paused) counts up to `now`, which is then required.

import type { BusinessCalendar, Pause, Target } from './types.ts';
import {
  addBusinessDays,
  addBusinessMillis,
  businessMillisBetween,
  businessWindow,
  isBusinessDay,
  nextBusinessDay,
} from './business-calendar.ts';
import { addLocalDays, endOfLocalDay, localDate } from '../shared/local-time.ts';

export interface DeadlineInput {
  receivedAt: Date;
  firstResponse: Target | null;
  resolution: Target | null;
  calendar: BusinessCalendar;
  timeZone: string;
  pauses?: Pause[];
  now?: Date;
}

export interface Deadlines {
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
}

/** Time left until a deadline; both amounts are negative once the deadline has passed. */
export interface TimeLeft {
  overdue: boolean;
  calendarMillis: number;
  businessMillis: number;
}

interface Interval {
  from: number;
  to: number;
}

function validateTarget(target: Target): void {
  if (!Number.isFinite(target.amount) || target.amount < 0) {
    throw new RangeError(`A target amount must be a finite, non-negative number, not ${target.amount}.`);
  }
  if (target.unit !== 'business_hours' && !Number.isInteger(target.amount)) {
    throw new RangeError(`A target in ${target.unit} must be a whole number, not ${target.amount}.`);
  }
}

// Pauses as sorted, disjoint intervals inside [receivedAt, ∞).
function mergedPauses(pauses: Pause[], receivedAt: Date, now: Date | undefined): Interval[] {
  const intervals: Interval[] = [];
  for (const pause of pauses) {
    let to: number;
    if (pause.to) to = pause.to.getTime();
    else if (now) to = now.getTime();
    else throw new RangeError('A pause that has not ended counts up to now; pass `now` to compute the deadline.');
    const from = Math.max(pause.from.getTime(), receivedAt.getTime());
    if (to > from) intervals.push({ from, to });
  }
  intervals.sort((a, b) => a.from - b.from);
  const merged: Interval[] = [];
  for (const interval of intervals) {
    const last = merged[merged.length - 1];
    if (last && interval.from <= last.to) last.to = Math.max(last.to, interval.to);
    else merged.push({ ...interval });
  }
  return merged;
}

// The deadline before the non-business-day rule and before pauses.
function undisturbedDueAt(receivedAt: Date, target: Target, calendar: BusinessCalendar, timeZone: string): number {
  const receivedDate = localDate(receivedAt, timeZone);
  switch (target.unit) {
    case 'calendar_days':
      return endOfLocalDay(addLocalDays(receivedDate, target.amount), timeZone).getTime();
    case 'business_days':
      return endOfLocalDay(addBusinessDays(receivedDate, target.amount, calendar), timeZone).getTime();
    case 'business_hours':
      return addBusinessMillis(receivedAt, Math.round(target.amount * 3_600_000), calendar, timeZone).getTime();
  }
}

// Moves a due instant off a non-business day. A window closing at '24:00' ends on the next day's first instant,
// which still belongs to the day it closes.
function onBusinessDay(due: number, calendar: BusinessCalendar, timeZone: string): number {
  const day = localDate(new Date(due), timeZone);
  if (isBusinessDay(day, calendar)) return due;
  const dayBefore = addLocalDays(day, -1);
  if (businessWindow(dayBefore, calendar, timeZone)?.close.getTime() === due) return due;
  return endOfLocalDay(nextBusinessDay(day, calendar), timeZone).getTime();
}

/** When an item received at `receivedAt` is due under `target`, honouring the calendar, the zone and pauses. */
export function computeDueAt(
  receivedAt: Date,
  target: Target,
  calendar: BusinessCalendar,
  timeZone: string,
  pauses: Pause[] = [],
  now?: Date,
): Date {
  validateTarget(target);
  let due = onBusinessDay(undisturbedDueAt(receivedAt, target, calendar, timeZone), calendar, timeZone);
  for (const pause of mergedPauses(pauses, receivedAt, now)) {
    if (pause.from >= due) break;
    // Extending the deadline as already moved off a weekend (not the raw one) keeps that grace intact, so a pause
    // can never make an item due earlier.
    due =
      target.unit === 'calendar_days'
        ? afterClosedDays(due + (pause.to - pause.from), calendar, timeZone)
        : extendByWorkingTime(due, pause, calendar, timeZone);
  }
  return new Date(due);
}

// A calendar-day deadline pushed by a pause lands at any time of day. Moving only instants on closed days would let
// a slightly longer pause give an earlier deadline (Sunday 23:59 → end of Monday, but Monday 00:00 stays), so an
// instant on the first business day after closed days also moves to that day's end.
function afterClosedDays(due: number, calendar: BusinessCalendar, timeZone: string): number {
  const moved = onBusinessDay(due, calendar, timeZone);
  if (moved !== due) return moved;
  const day = localDate(new Date(due), timeZone);
  if (isBusinessDay(addLocalDays(day, -1), calendar)) return due;
  return endOfLocalDay(day, timeZone).getTime();
}

// Working-time extensions always land inside working hours of a business day, so they need no moving.
function extendByWorkingTime(due: number, pause: Interval, calendar: BusinessCalendar, timeZone: string): number {
  const paused = businessMillisBetween(new Date(pause.from), new Date(pause.to), calendar, timeZone);
  // Adding nothing must not move an end-of-day deadline to the next opening.
  if (paused === 0) return due;
  return addBusinessMillis(new Date(due), paused, calendar, timeZone).getTime();
}

/** The first-response and resolution deadlines of an item; a null target gives a null deadline. */
export function computeDeadlines(input: DeadlineInput): Deadlines {
  const { receivedAt, calendar, timeZone, pauses = [], now } = input;
  return {
    firstResponseDueAt: input.firstResponse
      ? computeDueAt(receivedAt, input.firstResponse, calendar, timeZone, pauses, now)
      : null,
    resolutionDueAt: input.resolution
      ? computeDueAt(receivedAt, input.resolution, calendar, timeZone, pauses, now)
      : null,
  };
}

/** Elapsed and working time from `now` until `dueAt`, negative once overdue (for the case view). */
export function timeLeft(dueAt: Date, now: Date, calendar: BusinessCalendar, timeZone: string): TimeLeft {
  return {
    overdue: now.getTime() > dueAt.getTime(),
    calendarMillis: dueAt.getTime() - now.getTime(),
    businessMillis: businessMillisBetween(now, dueAt, calendar, timeZone),
  };
}
