// When scheduled reports are due: examples (New Year's Day, months starting on a weekend, DST changes, local dates)
// and properties over random schedules, zones and instants (fast-check).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isBusinessDay } from './business-calendar.ts';
import { calendarPreset } from './holidays.ts';
import { addLocalDays, localDate, localParts } from '../shared/local-time.ts';
import { latestDueReport, nextRun, parseRunOn, runDate, runInstant, type ScheduleTiming } from './report-schedule.ts';
import type { BusinessCalendar } from './types.ts';

const NEW_YORK = 'America/New_York';
const LOS_ANGELES = 'America/Los_Angeles';
const nyc = calendarPreset('nyc', 2024, 2030);
const weekdays: BusinessCalendar = {
  workingHours: Object.fromEntries(
    [0, 1, 2, 3, 4, 5, 6].map((d) => [String(d), d === 0 || d === 6 ? null : { start: '09:00', end: '17:00' }]),
  ),
  holidays: [],
};
const firstBusinessDay: ScheduleTiming = { runOn: 'first_business_day', runAtLocal: '08:00' };

describe('runDate', () => {
  it.each([
    // 1 January 2027 is a Friday and New Year's Day: the first business day is Monday 4 January.
    [2027, 1, nyc, '2027-01-04'],
    // Without the holiday it is the Friday itself.
    [2027, 1, weekdays, '2027-01-01'],
    // August 2026 starts on a Saturday: Monday 3 August.
    [2026, 8, nyc, '2026-08-03'],
    // November 2026 starts on a Sunday: Monday 2 November.
    [2026, 11, nyc, '2026-11-02'],
    // September 2025 starts on Labor Day (Monday 1 September): Tuesday 2 September.
    [2025, 9, nyc, '2025-09-02'],
    // January 2028 starts on a Saturday, and New Year's Day is observed on Friday 31 December 2027: Monday 3 January.
    [2028, 1, nyc, '2028-01-03'],
  ])('the first business day of %i-%i is %s', (year, month, calendar, expected) => {
    expect(runDate(parseRunOn('first_business_day'), year, month, calendar)).toBe(expected);
  });

  it('runs a fixed day on that calendar day, and on the last day of a shorter month', () => {
    expect(runDate(parseRunOn('day_of_month:5'), 2026, 12, nyc)).toBe('2026-12-05');
    expect(runDate(parseRunOn('day_of_month:31'), 2026, 2, nyc)).toBe('2026-02-28');
    expect(runDate(parseRunOn('day_of_month:30'), 2028, 2, nyc)).toBe('2028-02-29');
  });

  it('refuses run_on values it does not know', () => {
    for (const bad of ['', 'day_of_month:0', 'day_of_month:32', 'day_of_month:x', 'last_business_day', 'daily'])
      expect(() => parseRunOn(bad)).toThrow(RangeError);
  });

  it('runs on the first of the month when a calendar has no business day at all', () => {
    const closed: BusinessCalendar = { workingHours: {}, holidays: [] };
    expect(runDate(parseRunOn('first_business_day'), 2026, 5, closed)).toBe('2026-05-01');
  });
});

describe('latestDueReport examples', () => {
  it('sends October on the first business day of November at 08:00 New York time (after the autumn change)', () => {
    // Monday 2 November 2026, 08:00 EST = 13:00 UTC.
    expect(latestDueReport(firstBusinessDay, NEW_YORK, nyc, new Date('2026-11-02T13:00:00Z'))).toMatchObject({
      period: { key: '2026-10', label: 'October 2026' },
      dueAt: new Date('2026-11-02T13:00:00Z'),
    });
    // A minute earlier the latest run is still September's, due on Thursday 1 October at 08:00 EDT.
    expect(latestDueReport(firstBusinessDay, NEW_YORK, nyc, new Date('2026-11-02T12:59:00Z'))).toMatchObject({
      period: { key: '2026-09' },
      dueAt: new Date('2026-10-01T12:00:00Z'),
    });
    // Sunday 1 November is not a business day: nothing new is due on it.
    expect(latestDueReport(firstBusinessDay, NEW_YORK, nyc, new Date('2026-11-01T15:00:00Z')).period.key).toBe(
      '2026-09',
    );
  });

  it('sends December after New Year on Monday 4 January 2027', () => {
    const due = latestDueReport(firstBusinessDay, NEW_YORK, nyc, new Date('2027-01-04T13:00:00Z'));
    expect(due).toMatchObject({ period: { key: '2026-12' }, dueAt: new Date('2027-01-04T13:00:00Z') });
    expect(latestDueReport(firstBusinessDay, NEW_YORK, nyc, new Date('2027-01-01T20:00:00Z')).period.key).toBe(
      '2026-11',
    );
  });

  it('takes the local date of "now": 23:00 on 31 March in Los Angeles is already April in UTC', () => {
    const timing = { runOn: 'day_of_month:1', runAtLocal: '00:30' };
    // 2027-04-01T06:00Z is 23:00 on 31 March in Los Angeles (PDT): April's run is not due yet.
    expect(latestDueReport(timing, LOS_ANGELES, nyc, new Date('2027-04-01T06:00:00Z')).period.key).toBe('2027-02');
    // 00:30 PDT on 1 April = 07:30 UTC.
    expect(latestDueReport(timing, LOS_ANGELES, nyc, new Date('2027-04-01T07:30:00Z'))).toMatchObject({
      period: { key: '2027-03' },
      dueAt: new Date('2027-04-01T07:30:00Z'),
    });
  });

  it('moves a run time skipped by the spring change past the gap', () => {
    // 02:30 on Sunday 8 March 2026 does not exist in New York; it runs at 03:30 EDT = 07:30 UTC.
    const timing = { runOn: 'day_of_month:8', runAtLocal: '02:30' };
    expect(runInstant(timing, 2026, 3, NEW_YORK, nyc)).toEqual(new Date('2026-03-08T07:30:00Z'));
    // On the autumn change 01:30 happens twice; the first one counts (EDT, 05:30 UTC).
    expect(runInstant({ runOn: 'day_of_month:1', runAtLocal: '01:30' }, 2026, 11, NEW_YORK, nyc)).toEqual(
      new Date('2026-11-01T05:30:00Z'),
    );
  });

  it('says when the next delivery is', () => {
    expect(nextRun(firstBusinessDay, NEW_YORK, nyc, new Date('2026-11-02T13:00:00Z'))).toMatchObject({
      period: { key: '2026-11' },
      dueAt: new Date('2026-12-01T13:00:00Z'),
    });
    expect(nextRun(firstBusinessDay, NEW_YORK, nyc, new Date('2026-11-01T13:00:00Z'))).toMatchObject({
      period: { key: '2026-10' },
      dueAt: new Date('2026-11-02T13:00:00Z'),
    });
  });
});

const zones = fc.constantFrom(NEW_YORK, LOS_ANGELES, 'Europe/London', 'Asia/Kolkata', 'Australia/Sydney', 'UTC');
const instants = fc.date({
  min: new Date('2024-02-01T00:00:00Z'),
  max: new Date('2030-11-30T00:00:00Z'),
  noInvalidDate: true,
});
const timings = fc.record({
  runOn: fc.oneof(
    fc.constant('first_business_day'),
    fc.integer({ min: 1, max: 31 }).map((d) => `day_of_month:${d}`),
  ),
  runAtLocal: fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
});

describe('latestDueReport properties', () => {
  it('is due at or before now, and the following run is after now', () => {
    fc.assert(
      fc.property(timings, zones, instants, (timing, zone, now) => {
        const due = latestDueReport(timing, zone, nyc, now);
        expect(due.dueAt.getTime()).toBeLessThanOrEqual(now.getTime());
        const next = nextRun(timing, zone, nyc, now);
        expect(next.dueAt.getTime()).toBeGreaterThan(now.getTime());
        // The next run reports on the month after the one just due.
        const [y, m] = due.period.key.split('-').map(Number) as [number, number];
        expect(next.period.key).toBe(m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`);
      }),
      { numRuns: 400 },
    );
  });

  it('runs in the month after the period, at the local time (DST gaps aside), on the right day', () => {
    fc.assert(
      fc.property(timings, zones, instants, (timing, zone, now) => {
        const { period, dueAt } = latestDueReport(timing, zone, nyc, now);
        const runDay = localDate(dueAt, zone);
        // The run day is in the month after the reported month.
        expect(addLocalDays(period.to, 1).slice(0, 7)).toBe(runDay.slice(0, 7));
        const parts = localParts(dueAt, zone);
        const shown = `${String(parts.hour).padStart(2, '0')}:${String(parts.minute).padStart(2, '0')}`;
        const gapShift =
          (Number(shown.slice(0, 2)) * 60 +
            Number(shown.slice(3)) -
            (Number(timing.runAtLocal.slice(0, 2)) * 60 + Number(timing.runAtLocal.slice(3))) +
            1440) %
          1440;
        expect([0, 60]).toContain(gapShift);
        if (timing.runOn === 'first_business_day') {
          expect(isBusinessDay(runDay, nyc)).toBe(true);
          for (let day = `${runDay.slice(0, 8)}01`; day < runDay; day = addLocalDays(day, 1))
            expect(isBusinessDay(day, nyc)).toBe(false);
        } else {
          const wanted = Number(timing.runOn.split(':')[1]);
          const lastDay = Number(
            addLocalDays(`${addLocalDays(`${runDay.slice(0, 8)}28`, 4).slice(0, 8)}01`, -1).slice(8),
          );
          expect(Number(runDay.slice(8))).toBe(Math.min(wanted, lastDay));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('reports each month exactly once as time passes', () => {
    fc.assert(
      fc.property(timings, zones, fc.integer({ min: 0, max: 20 }), (timing, zone, startMonth) => {
        const start = Date.UTC(2026, startMonth, 1);
        const seen: string[] = [];
        for (let t = start; t < start + 370 * 86_400_000; t += 12 * 3_600_000) {
          const key = latestDueReport(timing, zone, nyc, new Date(t)).period.key;
          if (seen[seen.length - 1] !== key) seen.push(key);
        }
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen.length).toBeGreaterThanOrEqual(12);
        expect(seen.length).toBeLessThanOrEqual(14);
      }),
      { numRuns: 20 },
    );
  });
});
