import { describe, expect, it } from 'vitest';
import { calendarPreset, holidaysFor } from './holidays.ts';
import { weekdayOf } from '../shared/local-time.ts';

describe('holidaysFor', () => {
  it('lists New York City holidays for 2026 with observed dates', () => {
    expect(holidaysFor('nyc', 2026)).toEqual([
      { date: '2026-01-01', name: "New Year's Day" },
      { date: '2026-01-19', name: 'Martin Luther King Jr. Day' },
      { date: '2026-02-12', name: "Lincoln's Birthday" },
      { date: '2026-02-16', name: "Washington's Birthday" },
      { date: '2026-05-25', name: 'Memorial Day' },
      { date: '2026-06-19', name: 'Juneteenth' },
      { date: '2026-07-03', name: 'Independence Day (observed)' },
      { date: '2026-09-07', name: 'Labor Day' },
      { date: '2026-10-12', name: 'Columbus Day' },
      { date: '2026-11-03', name: 'Election Day' },
      { date: '2026-11-11', name: 'Veterans Day' },
      { date: '2026-11-26', name: 'Thanksgiving Day' },
      { date: '2026-12-25', name: 'Christmas Day' },
    ]);
    expect(weekdayOf('2026-11-03')).toBe(2);
    expect(weekdayOf('2026-12-25')).toBe(5);
  });

  it('puts Election Day on the Tuesday after the first Monday, never on November 1', () => {
    // 2022: November 1 is a Tuesday, so Election Day is November 8.
    expect(holidaysFor('nyc', 2022).find((h) => h.name === 'Election Day')?.date).toBe('2022-11-08');
    expect(holidaysFor('nyc', 2027).find((h) => h.name === 'Election Day')?.date).toBe('2027-11-02');
  });

  it('observes a Sunday holiday on Monday', () => {
    const nyc2027 = holidaysFor('nyc', 2027);
    expect(nyc2027).toContainEqual({ date: '2027-07-05', name: 'Independence Day (observed)' });
    expect(holidaysFor('us-federal', 2022)).toContainEqual({ date: '2022-12-26', name: 'Christmas Day (observed)' });
  });

  it("takes a Saturday New Year's Day on the previous December 31", () => {
    expect(holidaysFor('us-federal', 2021)).toContainEqual({ date: '2021-12-31', name: "New Year's Day (observed)" });
    expect(holidaysFor('us-federal', 2022).some((h) => h.name.startsWith("New Year's Day"))).toBe(false);
  });

  it('lists California state holidays, including Cesar Chavez Day and the day after Thanksgiving', () => {
    const dates = holidaysFor('california', 2026).map((h) => `${h.date} ${h.name}`);
    expect(dates).toEqual([
      "2026-01-01 New Year's Day",
      '2026-01-19 Martin Luther King Jr. Day',
      "2026-02-16 Presidents' Day",
      '2026-03-31 Cesar Chavez Day',
      '2026-05-25 Memorial Day',
      '2026-07-03 Independence Day (observed)',
      '2026-09-07 Labor Day',
      '2026-09-25 Native American Day',
      '2026-11-11 Veterans Day',
      '2026-11-26 Thanksgiving Day',
      '2026-11-27 Day after Thanksgiving',
      '2026-12-25 Christmas Day',
    ]);
    // 2024: March 31 is a Sunday.
    expect(holidaysFor('california', 2024)).toContainEqual({ date: '2024-04-01', name: 'Cesar Chavez Day (observed)' });
  });

  it('includes Juneteenth federally from 2021 only', () => {
    expect(holidaysFor('us-federal', 2020).some((h) => h.name.startsWith('Juneteenth'))).toBe(false);
    expect(holidaysFor('us-federal', 2021)).toContainEqual({ date: '2021-06-18', name: 'Juneteenth (observed)' });
  });

  it('never puts a holiday on a weekend', () => {
    for (const preset of ['nyc', 'california', 'us-federal'] as const) {
      for (let year = 2020; year <= 2035; year++) {
        for (const holiday of holidaysFor(preset, year)) expect([0, 6]).not.toContain(weekdayOf(holiday.date));
      }
    }
  });
});

describe('calendarPreset', () => {
  it('builds a Monday–Friday 09:00–17:00 calendar with the years asked for', () => {
    const calendar = calendarPreset('nyc', 2025, 2027);
    expect(calendar.preset).toBe('nyc');
    expect(calendar.workingHours['0']).toBeNull();
    expect(calendar.workingHours['6']).toBeNull();
    expect(calendar.workingHours['3']).toEqual({ start: '09:00', end: '17:00' });
    expect(calendar.holidays[0]?.date).toBe('2025-01-01');
    // 2028 begins on a Saturday, so its New Year's Day is taken on Friday 2027-12-31.
    expect(calendar.holidays.slice(-2).map((h) => h.date)).toEqual(['2027-12-24', '2027-12-31']);
    expect(calendar.holidays).toHaveLength(40);
  });
});
