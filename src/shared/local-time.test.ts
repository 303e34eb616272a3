import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addLocalDays,
  endOfLocalDay,
  isCalendarDate,
  localDate,
  localDaysBetween,
  localParts,
  startOfLocalDay,
  weekdayOf,
  zonedDateTime,
} from './local-time.ts';

const NEW_YORK = 'America/New_York';
const LOS_ANGELES = 'America/Los_Angeles';

describe('localParts', () => {
  it.each([
    ['2026-03-08T06:59:59Z', NEW_YORK, { year: 2026, month: 3, day: 8, hour: 1, minute: 59, second: 59, weekday: 0 }],
    ['2026-03-08T07:00:00Z', NEW_YORK, { year: 2026, month: 3, day: 8, hour: 3, minute: 0, second: 0, weekday: 0 }],
    ['2026-11-01T05:30:00Z', NEW_YORK, { year: 2026, month: 11, day: 1, hour: 1, minute: 30, second: 0, weekday: 0 }],
    ['2026-11-01T06:30:00Z', NEW_YORK, { year: 2026, month: 11, day: 1, hour: 1, minute: 30, second: 0, weekday: 0 }],
    [
      '2026-01-01T07:59:59Z',
      LOS_ANGELES,
      { year: 2025, month: 12, day: 31, hour: 23, minute: 59, second: 59, weekday: 3 },
    ],
    [
      '2026-07-04T00:00:00Z',
      'Asia/Kolkata',
      { year: 2026, month: 7, day: 4, hour: 5, minute: 30, second: 0, weekday: 6 },
    ],
  ])('%s in %s', (instant, zone, expected) => {
    expect(localParts(new Date(instant), zone)).toEqual(expected);
  });

  it('rejects an unknown zone', () => {
    expect(() => localParts(new Date(), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('zonedDateTime', () => {
  it.each([
    // Ordinary times either side of the changes.
    ['2026-01-15', '09:00', NEW_YORK, '2026-01-15T14:00:00.000Z'],
    ['2026-07-15', '09:00', NEW_YORK, '2026-07-15T13:00:00.000Z'],
    ['2026-03-08', '01:59:59', NEW_YORK, '2026-03-08T06:59:59.000Z'],
    ['2026-03-08', '03:00', NEW_YORK, '2026-03-08T07:00:00.000Z'],
    // Spring gap: 02:30 does not exist and moves forward by the hour to 03:30 EDT.
    ['2026-03-08', '02:00', NEW_YORK, '2026-03-08T07:00:00.000Z'],
    ['2026-03-08', '02:30', NEW_YORK, '2026-03-08T07:30:00.000Z'],
    // Autumn overlap: 01:30 happens twice; the earlier (EDT) one is chosen.
    ['2026-11-01', '01:30', NEW_YORK, '2026-11-01T05:30:00.000Z'],
    ['2026-11-01', '00:59:59', NEW_YORK, '2026-11-01T04:59:59.000Z'],
    ['2026-11-01', '02:00', NEW_YORK, '2026-11-01T07:00:00.000Z'],
    ['2026-03-08', '02:30', LOS_ANGELES, '2026-03-08T10:30:00.000Z'],
    ['2026-11-01', '01:30', LOS_ANGELES, '2026-11-01T08:30:00.000Z'],
    ['2026-11-01', '17:00', LOS_ANGELES, '2026-11-02T01:00:00.000Z'],
    // Half-hour shift of Lord Howe Island, and a zone without DST.
    ['2026-10-04', '02:15', 'Australia/Lord_Howe', '2026-10-03T15:45:00.000Z'],
    ['2026-03-08', '02:30', 'Asia/Kolkata', '2026-03-07T21:00:00.000Z'],
    // '24:00' closes a working day at midnight.
    ['2026-03-07', '24:00', NEW_YORK, '2026-03-08T05:00:00.000Z'],
  ])('%s %s in %s', (date, time, zone, expected) => {
    expect(zonedDateTime(date, time, zone).toISOString()).toBe(expected);
  });

  it.each([['2026-02-30'], ['2026-3-1'], ['tomorrow']])('rejects the date %s', (date) => {
    expect(() => zonedDateTime(date, '09:00', NEW_YORK)).toThrow(RangeError);
  });

  it.each([['25:00'], ['9:00'], ['09:60'], ['24:30']])('rejects the time %s', (time) => {
    expect(() => zonedDateTime('2026-03-02', time, NEW_YORK)).toThrow(RangeError);
  });

  it('round-trips every instant, choosing the earlier one of a repeated wall time', () => {
    const zones = [NEW_YORK, LOS_ANGELES, 'Europe/London', 'Australia/Sydney', 'America/Santiago'];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (instant, zone) => {
          const whole = new Date(Math.floor(instant.getTime() / 1000) * 1000);
          const p = localParts(whole, zone);
          const time = [p.hour, p.minute, p.second].map((n) => String(n).padStart(2, '0')).join(':');
          const back = zonedDateTime(localDate(whole, zone), time, zone);
          expect(localParts(back, zone)).toEqual(p);
          expect(back.getTime()).toBeLessThanOrEqual(whole.getTime());
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('local dates', () => {
  it('takes the date in the zone, not in UTC', () => {
    expect(localDate(new Date('2026-03-02T03:00:00Z'), NEW_YORK)).toBe('2026-03-01');
    expect(localDate(new Date('2026-03-02T03:00:00Z'), 'Europe/Paris')).toBe('2026-03-02');
  });

  it.each([
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-01', 14, '2026-03-15'],
    ['2026-03-01', 0, '2026-03-01'],
  ])('addLocalDays(%s, %i) = %s', (date, days, expected) => {
    expect(addLocalDays(date, days)).toBe(expected);
    expect(localDaysBetween(date, expected)).toBe(days);
  });

  it('knows weekdays', () => {
    expect(weekdayOf('2026-07-04')).toBe(6);
    expect(weekdayOf('2026-11-03')).toBe(2);
    expect(weekdayOf('2026-03-08')).toBe(0);
  });

  it('finds day boundaries on DST days', () => {
    expect(startOfLocalDay('2026-03-08', NEW_YORK).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(endOfLocalDay('2026-03-08', NEW_YORK).toISOString()).toBe('2026-03-09T03:59:59.999Z');
    expect(endOfLocalDay('2026-11-01', NEW_YORK).toISOString()).toBe('2026-11-02T04:59:59.999Z');
    // Santiago skips local midnight when its clocks go forward (2026-09-06 00:00 → 01:00).
    expect(startOfLocalDay('2026-09-06', 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
    expect(endOfLocalDay('2026-09-05', 'America/Santiago').toISOString()).toBe('2026-09-06T03:59:59.999Z');
  });
});

describe('isCalendarDate', () => {
  it('recognises real calendar dates only', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('03/02/2026')).toBe(false);
    expect(isCalendarDate(20260302)).toBe(false);
  });
});
