import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addBusinessDays,
  addBusinessHours,
  addBusinessMillis,
  businessMillisBetween,
  isBusinessDay,
  nextBusinessDay,
} from './business-calendar.ts';
import { calendarPreset } from './holidays.ts';
import { addLocalDays, zonedDateTime } from '../shared/local-time.ts';
import type { BusinessCalendar } from './types.ts';

const NEW_YORK = 'America/New_York';
const LOS_ANGELES = 'America/Los_Angeles';
const nyc = calendarPreset('nyc', 2025, 2028);
const california = calendarPreset('california', 2025, 2028);
const HOUR = 3_600_000;

describe('business days', () => {
  it.each([
    ['2026-03-02', true],
    ['2026-03-07', false],
    ['2026-03-08', false],
    ['2026-07-03', false],
    ['2026-11-03', false],
    ['2026-11-27', true],
  ])('NYC: %s is a business day: %s', (date, expected) => {
    expect(isBusinessDay(date, nyc)).toBe(expected);
  });

  it('knows the California holidays', () => {
    expect(isBusinessDay('2026-03-31', california)).toBe(false);
    expect(isBusinessDay('2026-11-27', california)).toBe(false);
    expect(isBusinessDay('2026-11-03', california)).toBe(true);
  });

  it('finds the next business day on or after a date', () => {
    expect(nextBusinessDay('2026-03-02', nyc)).toBe('2026-03-02');
    expect(nextBusinessDay('2026-07-03', nyc)).toBe('2026-07-06');
    expect(nextBusinessDay('2026-12-25', nyc)).toBe('2026-12-28');
  });

  it.each([
    ['2026-07-02', 1, '2026-07-06'],
    ['2026-07-02', 3, '2026-07-08'],
    ['2026-07-04', 1, '2026-07-06'],
    ['2026-11-02', 1, '2026-11-04'],
    ['2026-11-25', 2, '2026-11-30'],
    ['2026-07-06', -1, '2026-07-02'],
    ['2026-07-04', 0, '2026-07-04'],
  ])('addBusinessDays(%s, %i) = %s', (date, days, expected) => {
    expect(addBusinessDays(date, days, nyc)).toBe(expected);
  });

  it('refuses to search forever in a calendar with no working days', () => {
    const closed: BusinessCalendar = { workingHours: {}, holidays: [] };
    expect(() => nextBusinessDay('2026-01-01', closed)).toThrow(/no working day/);
    expect(() => addBusinessHours(new Date('2026-01-01T00:00:00Z'), 1, closed, NEW_YORK)).toThrow(/no working day/);
  });
});

describe('addBusinessHours', () => {
  it.each([
    // Friday 15:00 EST + 3 h: two hours Friday, one on Monday after the spring change (09:00 EDT).
    ['2026-03-06T20:00:00Z', 3, NEW_YORK, '2026-03-09T14:00:00.000Z'],
    // Friday 16:00 EDT + 2 h: one hour Friday, one on Monday after the autumn change (09:00 EST).
    ['2026-10-30T20:00:00Z', 2, NEW_YORK, '2026-11-02T15:00:00.000Z'],
    // Received on Saturday: counting starts at Monday's opening.
    ['2026-03-07T15:00:00Z', 4, NEW_YORK, '2026-03-09T17:00:00.000Z'],
    // Received before opening: counting starts at 09:00.
    ['2026-03-02T12:00:00Z', 1, NEW_YORK, '2026-03-02T15:00:00.000Z'],
    // Ends exactly at closing time and stays there.
    ['2026-03-02T14:00:00Z', 8, NEW_YORK, '2026-03-02T22:00:00.000Z'],
    // Over the observed Independence Day (Friday July 3, 2026).
    ['2026-07-02T20:00:00Z', 2, NEW_YORK, '2026-07-06T14:00:00.000Z'],
    // Los Angeles across its spring change, and over Cesar Chavez Day.
    ['2026-03-07T00:00:00Z', 3, LOS_ANGELES, '2026-03-09T18:00:00.000Z'],
    ['2026-03-30T23:00:00Z', 2, LOS_ANGELES, '2026-04-01T17:00:00.000Z'],
    ['2026-03-02T18:00:00Z', 0.5, LOS_ANGELES, '2026-03-02T18:30:00.000Z'],
    ['2026-03-02T18:00:00Z', 0, LOS_ANGELES, '2026-03-02T18:00:00.000Z'],
  ])('%s + %d h in %s', (start, hours, zone, expected) => {
    const calendar = zone === NEW_YORK ? nyc : california;
    expect(addBusinessHours(new Date(start), hours, calendar, zone).toISOString()).toBe(expected);
  });

  it('rejects negative hours', () => {
    expect(() => addBusinessHours(new Date(), -1, nyc, NEW_YORK)).toThrow(RangeError);
  });

  it('counts the real length of a working day that spans a DST change', () => {
    const allDay: BusinessCalendar = {
      workingHours: Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((d) => [String(d), { start: '00:00', end: '24:00' }])),
      holidays: [],
    };
    const start = zonedDateTime('2026-03-08', '00:00', NEW_YORK);
    expect(businessMillisBetween(start, zonedDateTime('2026-03-09', '00:00', NEW_YORK), allDay, NEW_YORK)).toBe(
      23 * HOUR,
    );
    expect(addBusinessHours(start, 24, allDay, NEW_YORK).toISOString()).toBe('2026-03-09T05:00:00.000Z');
  });
});

describe('businessMillisBetween', () => {
  it.each([
    ['2026-03-06T20:00:00Z', '2026-03-09T14:00:00Z', 3 * HOUR],
    ['2026-03-07T00:00:00Z', '2026-03-08T23:00:00Z', 0],
    ['2026-07-02T13:00:00Z', '2026-07-06T21:00:00Z', 16 * HOUR],
    ['2026-03-09T14:00:00Z', '2026-03-06T20:00:00Z', -3 * HOUR],
  ])('%s → %s', (a, b, expected) => {
    expect(businessMillisBetween(new Date(a), new Date(b), nyc, NEW_YORK)).toBe(expected);
  });
});

// A start inside working hours: a business day in 2026–2027 and a minute offset within its 8-hour window.
const startInsideHours = fc
  .tuple(fc.integer({ min: 0, max: 700 }), fc.integer({ min: 0, max: 8 * 60 }), fc.constantFrom(NEW_YORK, LOS_ANGELES))
  .map(([dayOffset, minute, zone]) => {
    const calendar = zone === NEW_YORK ? nyc : california;
    const day = nextBusinessDay(addLocalDays('2026-01-01', dayOffset), calendar);
    const start = new Date(zonedDateTime(day, '09:00', zone).getTime() + minute * 60_000);
    return { start, zone, calendar };
  });

describe('business-time properties', () => {
  it('adding a + b hours equals adding a, then b', () => {
    fc.assert(
      fc.property(
        startInsideHours,
        fc.integer({ min: 0, max: 200 * 60 }),
        fc.integer({ min: 0, max: 200 * 60 }),
        ({ start, zone, calendar }, aMinutes, bMinutes) => {
          const a = aMinutes / 60;
          const b = bMinutes / 60;
          const once = addBusinessHours(start, a + b, calendar, zone);
          const twice = addBusinessHours(addBusinessHours(start, a, calendar, zone), b, calendar, zone);
          expect(twice.toISOString()).toBe(once.toISOString());
        },
      ),
      { numRuns: 200 },
    );
  });

  it('businessMillisBetween measures back what addBusinessMillis added', () => {
    fc.assert(
      fc.property(startInsideHours, fc.integer({ min: 0, max: 300 * HOUR }), ({ start, zone, calendar }, millis) => {
        const end = addBusinessMillis(start, millis, calendar, zone);
        expect(businessMillisBetween(start, end, calendar, zone)).toBe(millis);
      }),
      { numRuns: 200 },
    );
  });
});
