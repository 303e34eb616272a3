import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeDeadlines, computeDueAt, timeLeft } from './deadlines.ts';
import { isBusinessDay } from './business-calendar.ts';
import { calendarPreset } from './holidays.ts';
import { addLocalDays, endOfLocalDay, localDate } from '../shared/local-time.ts';
import type { BusinessCalendar, Pause, Target } from './types.ts';

const NEW_YORK = 'America/New_York';
const LOS_ANGELES = 'America/Los_Angeles';
const nyc = calendarPreset('nyc', 2025, 2028);
const california = calendarPreset('california', 2025, 2028);
const everyDay: BusinessCalendar = {
  workingHours: Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((d) => [String(d), { start: '09:00', end: '17:00' }])),
  holidays: [],
};
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const calendarDays = (amount: number): Target => ({ amount, unit: 'calendar_days' });
const businessDays = (amount: number): Target => ({ amount, unit: 'business_days' });
const businessHours = (amount: number): Target => ({ amount, unit: 'business_hours' });

describe('computeDueAt without pauses', () => {
  it.each([
    // The city's 14-day measure: received March 1, due at the end of March 15 (a Sunday, so open every day here).
    ['2026-03-01T15:00:00Z', calendarDays(14), everyDay, NEW_YORK, '2026-03-16T03:59:59.999Z'],
    // With weekends closed, Sunday March 15 moves to the end of Monday March 16 (after the spring change).
    ['2026-03-01T15:00:00Z', calendarDays(14), nyc, NEW_YORK, '2026-03-17T03:59:59.999Z'],
    // 22:00 on Sunday March 1 in New York is already March 2 in UTC; the local date counts.
    ['2026-03-02T03:00:00Z', calendarDays(1), everyDay, NEW_YORK, '2026-03-03T04:59:59.999Z'],
    // Lands on Christmas (Friday), moves to Monday December 28.
    ['2026-12-11T15:00:00Z', calendarDays(14), nyc, NEW_YORK, '2026-12-29T04:59:59.999Z'],
    // Lands on Election Day.
    ['2026-10-20T15:00:00Z', calendarDays(14), nyc, NEW_YORK, '2026-11-05T04:59:59.999Z'],
    // Across the autumn change: end of Monday November 2 in EST.
    ['2026-10-19T15:00:00Z', calendarDays(14), nyc, NEW_YORK, '2026-11-03T04:59:59.999Z'],
    ['2026-03-02T15:00:00Z', calendarDays(0), nyc, NEW_YORK, '2026-03-03T04:59:59.999Z'],
    // Business days skip the observed Independence Day (Friday July 3) and the weekend.
    ['2026-07-02T15:00:00Z', businessDays(3), nyc, NEW_YORK, '2026-07-09T03:59:59.999Z'],
    ['2026-11-02T15:00:00Z', businessDays(1), nyc, NEW_YORK, '2026-11-05T04:59:59.999Z'],
    ['2026-11-25T15:00:00Z', businessDays(1), nyc, NEW_YORK, '2026-11-28T04:59:59.999Z'],
    // Received on a Saturday: the receipt day is not counted, Monday is day 1.
    ['2026-03-07T15:00:00Z', businessDays(1), nyc, NEW_YORK, '2026-03-10T03:59:59.999Z'],
    // Zero business days from a Saturday: the end of the receipt day moves to the end of Monday.
    ['2026-03-07T15:00:00Z', businessDays(0), nyc, NEW_YORK, '2026-03-10T03:59:59.999Z'],
    // California: Thanksgiving and the day after.
    ['2026-11-25T18:00:00Z', businessDays(1), california, LOS_ANGELES, '2026-12-01T07:59:59.999Z'],
    // California: 30 calendar days from March 1 lands on Cesar Chavez Day (Tuesday March 31).
    ['2026-03-01T18:00:00Z', calendarDays(30), california, LOS_ANGELES, '2026-04-02T06:59:59.999Z'],
    // Three business days for an ombudsperson inquiry received on Friday before the spring change.
    ['2026-03-06T18:00:00Z', businessDays(3), california, LOS_ANGELES, '2026-03-12T06:59:59.999Z'],
    // Business hours across both DST changes and holidays.
    ['2026-03-06T20:00:00Z', businessHours(8), nyc, NEW_YORK, '2026-03-09T19:00:00.000Z'],
    ['2026-10-30T20:00:00Z', businessHours(2), nyc, NEW_YORK, '2026-11-02T15:00:00.000Z'],
    ['2026-03-07T00:00:00Z', businessHours(3), california, LOS_ANGELES, '2026-03-09T18:00:00.000Z'],
    ['2026-11-02T15:00:00Z', businessHours(8), nyc, NEW_YORK, '2026-11-04T15:00:00.000Z'],
    // Received Saturday: counting starts Monday at 09:00.
    ['2026-03-07T15:00:00Z', businessHours(4), nyc, NEW_YORK, '2026-03-09T17:00:00.000Z'],
  ])('%s + %o', (receivedAt, target, calendar, zone, expected) => {
    expect(computeDueAt(new Date(receivedAt), target, calendar, zone).toISOString()).toBe(expected);
  });

  it.each([[calendarDays(-1)], [businessDays(1.5)], [businessHours(Number.NaN)]])('rejects %o', (target) => {
    expect(() => computeDueAt(new Date('2026-03-02T15:00:00Z'), target, nyc, NEW_YORK)).toThrow(RangeError);
  });
});

describe('computeDueAt with pauses', () => {
  const received = new Date('2026-03-02T15:00:00Z'); // Monday 10:00 EST; 14 days → end of Monday March 16.
  const pause = (from: string, to: string | null): Pause => ({ from: new Date(from), to: to ? new Date(to) : null });

  it('moves a calendar-day deadline later by exactly the paused time', () => {
    const due = computeDueAt(received, calendarDays(14), nyc, NEW_YORK, [
      pause('2026-03-04T15:00:00Z', '2026-03-07T15:00:00Z'),
    ]);
    expect(due.toISOString()).toBe('2026-03-20T03:59:59.999Z');
  });

  it('merges overlapping pauses and ignores time before receipt', () => {
    const due = computeDueAt(received, calendarDays(14), nyc, NEW_YORK, [
      pause('2026-02-20T00:00:00Z', '2026-03-03T15:00:00Z'), // only March 2 15:00 → March 3 15:00 counts
      pause('2026-03-05T00:00:00Z', '2026-03-06T00:00:00Z'),
      pause('2026-03-05T12:00:00Z', '2026-03-06T12:00:00Z'),
    ]);
    // 1 day + 1.5 days after the end of March 16 → 12:00 on March 19.
    expect(due.getTime()).toBe(new Date('2026-03-17T03:59:59.999Z').getTime() + 2.5 * DAY);
  });

  it('ignores a pause that starts after the deadline', () => {
    const due = computeDueAt(received, calendarDays(14), nyc, NEW_YORK, [
      pause('2026-03-18T15:00:00Z', '2026-03-25T15:00:00Z'),
    ]);
    expect(due.toISOString()).toBe('2026-03-17T03:59:59.999Z');
  });

  it('counts a pause that is still running up to now', () => {
    const due = computeDueAt(
      received,
      calendarDays(14),
      nyc,
      NEW_YORK,
      [pause('2026-03-05T15:00:00Z', null)],
      new Date('2026-03-07T15:00:00Z'),
    );
    expect(due.toISOString()).toBe('2026-03-19T03:59:59.999Z');
    expect(() =>
      computeDueAt(received, calendarDays(14), nyc, NEW_YORK, [pause('2026-03-05T15:00:00Z', null)]),
    ).toThrow(/now/);
  });

  it('moves a business deadline by paused working time only', () => {
    // Paused over a weekend: no working time stood still.
    expect(
      computeDueAt(received, businessDays(3), nyc, NEW_YORK, [
        pause('2026-03-07T00:00:00Z', '2026-03-09T05:00:00Z'),
      ]).toISOString(),
    ).toBe('2026-03-06T04:59:59.999Z');
    // Eight hours received at Monday 10:00 → Tuesday 10:00; a one-hour pause on Monday → Tuesday 11:00.
    expect(
      computeDueAt(received, businessHours(8), nyc, NEW_YORK, [
        pause('2026-03-02T16:00:00Z', '2026-03-02T17:00:00Z'),
      ]).toISOString(),
    ).toBe('2026-03-03T16:00:00.000Z');
    // A two-hour pause against a business-day deadline: two working hours into the next business day.
    expect(
      computeDueAt(received, businessDays(3), nyc, NEW_YORK, [
        pause('2026-03-03T15:00:00Z', '2026-03-03T17:00:00Z'),
      ]).toISOString(),
    ).toBe('2026-03-06T16:00:00.000Z');
  });

  it('extends a deadline already moved off the weekend, including by a pause in that weekend', () => {
    // 12 calendar days from Monday March 2 → Saturday March 14, carried to the end of Monday March 16.
    const due = computeDueAt(received, calendarDays(12), nyc, NEW_YORK, [
      pause('2026-03-15T15:00:00Z', '2026-03-17T15:00:00Z'),
    ]);
    expect(due.toISOString()).toBe('2026-03-19T03:59:59.999Z');
    // A short pause cannot eat into the weekend grace: end of Monday + 3 hours.
    const short = computeDueAt(received, calendarDays(12), nyc, NEW_YORK, [
      pause('2026-03-03T15:00:00Z', '2026-03-03T18:00:00Z'),
    ]);
    expect(short.toISOString()).toBe('2026-03-17T06:59:59.999Z');
  });
});

describe('computeDeadlines and timeLeft', () => {
  it('computes both deadlines, null where no target', () => {
    const result = computeDeadlines({
      receivedAt: new Date('2026-03-02T15:00:00Z'),
      firstResponse: businessDays(3),
      resolution: null,
      calendar: nyc,
      timeZone: NEW_YORK,
    });
    expect(result.firstResponseDueAt?.toISOString()).toBe('2026-03-06T04:59:59.999Z');
    expect(result.resolutionDueAt).toBeNull();
  });

  it('reports time left in elapsed and working time, negative when overdue', () => {
    const dueAt = new Date('2026-03-09T19:00:00Z'); // Monday 15:00 EDT
    const friday = new Date('2026-03-06T20:00:00Z'); // Friday 15:00 EST
    expect(timeLeft(dueAt, friday, nyc, NEW_YORK)).toEqual({
      overdue: false,
      calendarMillis: 3 * DAY - HOUR,
      businessMillis: 8 * HOUR,
    });
    const later = new Date('2026-03-10T14:00:00Z'); // Tuesday 10:00 EDT
    expect(timeLeft(dueAt, later, nyc, NEW_YORK)).toEqual({
      overdue: true,
      calendarMillis: -19 * HOUR,
      businessMillis: -3 * HOUR,
    });
  });
});

describe('deadline properties', () => {
  const zone = fc.constantFrom(NEW_YORK, LOS_ANGELES);
  const instant = fc.date({
    min: new Date('2025-01-01T00:00:00Z'),
    max: new Date('2027-12-31T00:00:00Z'),
    noInvalidDate: true,
  });
  const target = fc.oneof(
    fc.integer({ min: 0, max: 60 }).map(calendarDays),
    fc.integer({ min: 0, max: 40 }).map(businessDays),
    fc.integer({ min: 0, max: 200 * 4 }).map((quarters) => businessHours(quarters / 4)),
  );
  const calendarFor = (tz: string) => (tz === NEW_YORK ? nyc : california);
  const pauseArb = fc
    .tuple(instant, fc.integer({ min: 0, max: 20 * DAY }), fc.boolean())
    .map(([from, length, open]): Pause => ({ from, to: open ? null : new Date(from.getTime() + length) }));
  const now = new Date('2028-01-01T00:00:00Z');

  it('is never before receipt and always on a business day', () => {
    fc.assert(
      fc.property(instant, target, zone, fc.array(pauseArb, { maxLength: 3 }), (receivedAt, t, tz, pauses) => {
        const due = computeDueAt(receivedAt, t, calendarFor(tz), tz, pauses, now);
        expect(due.getTime()).toBeGreaterThanOrEqual(receivedAt.getTime());
        expect(isBusinessDay(localDate(due, tz), calendarFor(tz))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('is monotonic in the receipt time', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 10 * DAY }), target, zone, (receivedAt, gap, t, tz) => {
        const earlier = computeDueAt(receivedAt, t, calendarFor(tz), tz);
        const later = computeDueAt(new Date(receivedAt.getTime() + gap), t, calendarFor(tz), tz);
        expect(later.getTime()).toBeGreaterThanOrEqual(earlier.getTime());
      }),
      { numRuns: 200 },
    );
  });

  it('is monotonic in the amount', () => {
    fc.assert(
      fc.property(instant, target, fc.integer({ min: 0, max: 10 }), zone, (receivedAt, t, extra, tz) => {
        const smaller = computeDueAt(receivedAt, t, calendarFor(tz), tz);
        const larger = computeDueAt(receivedAt, { ...t, amount: t.amount + extra }, calendarFor(tz), tz);
        expect(larger.getTime()).toBeGreaterThanOrEqual(smaller.getTime());
      }),
      { numRuns: 200 },
    );
  });

  it('never moves earlier when a pause is added', () => {
    fc.assert(
      fc.property(
        instant,
        target,
        zone,
        fc.array(pauseArb, { maxLength: 3 }),
        pauseArb,
        (receivedAt, t, tz, pauses, extra) => {
          const before = computeDueAt(receivedAt, t, calendarFor(tz), tz, pauses, now);
          const after = computeDueAt(receivedAt, t, calendarFor(tz), tz, [...pauses, extra], now);
          expect(after.getTime()).toBeGreaterThanOrEqual(before.getTime());
        },
      ),
      { numRuns: 200 },
    );
  });

  it('calendar days on an always-open calendar end N local days after receipt', () => {
    const alwaysOpen: BusinessCalendar = { ...everyDay, holidays: [] };
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 400 }), zone, (receivedAt, days, tz) => {
        const due = computeDueAt(receivedAt, calendarDays(days), alwaysOpen, tz);
        expect(due.toISOString()).toBe(endOfLocalDay(addLocalDays(localDate(receivedAt, tz), days), tz).toISOString());
      }),
      { numRuns: 200 },
    );
  });
});
