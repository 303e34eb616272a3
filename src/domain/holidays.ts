// Built-in holiday presets (New York City employees, California state, US federal) and the starter business
// calendar built from them. Presets are a starting point: an administrator edits the agency's calendar to add
// holidays a preset lacks (local days off, new holidays) or drop ones the office works through.

import type { BusinessCalendar } from './types.ts';
import { addLocalDays, weekdayOf } from '../shared/local-time.ts';

export type HolidayPreset = 'nyc' | 'california' | 'us-federal';

export interface Holiday {
  date: string;
  name: string;
}

const SUNDAY = 0;
const MONDAY = 1;
const THURSDAY = 4;
const FRIDAY = 5;
const SATURDAY = 6;

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// The n-th given weekday of a month, e.g. the 3rd Monday of January.
function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  const first = isoDate(year, month, 1);
  const shift = (weekday - weekdayOf(first) + 7) % 7;
  return addLocalDays(first, shift + (n - 1) * 7);
}

function lastWeekday(year: number, month: number, weekday: number): string {
  const nextMonthFirst = month === 12 ? isoDate(year + 1, 1, 1) : isoDate(year, month + 1, 1);
  const last = addLocalDays(nextMonthFirst, -1);
  const shift = (weekdayOf(last) - weekday + 7) % 7;
  return addLocalDays(last, -shift);
}

// A fixed-date holiday on a weekend is taken on the nearest weekday: Saturday → Friday, Sunday → Monday.
function observed(year: number, month: number, day: number, name: string): Holiday {
  const date = isoDate(year, month, day);
  const weekday = weekdayOf(date);
  if (weekday === SATURDAY) return { date: addLocalDays(date, -1), name: `${name} (observed)` };
  if (weekday === SUNDAY) return { date: addLocalDays(date, 1), name: `${name} (observed)` };
  return { date, name };
}

// The holidays that belong to `year`'s cycle; New Year's Day may be observed on December 31 of the year before.
function holidaysOfCycle(preset: HolidayPreset, year: number): Holiday[] {
  const newYear = observed(year, 1, 1, "New Year's Day");
  const mlk = { date: nthWeekday(year, 1, MONDAY, 3), name: 'Martin Luther King Jr. Day' };
  const memorial = { date: lastWeekday(year, 5, MONDAY), name: 'Memorial Day' };
  // Juneteenth became a federal holiday in 2021, and New York City's first one was the same year.
  const juneteenth = year >= 2021 ? [observed(year, 6, 19, 'Juneteenth')] : [];
  const independence = observed(year, 7, 4, 'Independence Day');
  const labor = { date: nthWeekday(year, 9, MONDAY, 1), name: 'Labor Day' };
  const columbus = { date: nthWeekday(year, 10, MONDAY, 2), name: 'Columbus Day' };
  const veterans = observed(year, 11, 11, 'Veterans Day');
  const thanksgiving = { date: nthWeekday(year, 11, THURSDAY, 4), name: 'Thanksgiving Day' };
  const christmas = observed(year, 12, 25, 'Christmas Day');

  switch (preset) {
    case 'us-federal':
      return [
        newYear,
        mlk,
        { date: nthWeekday(year, 2, MONDAY, 3), name: "Washington's Birthday" },
        memorial,
        ...juneteenth,
        independence,
        labor,
        columbus,
        veterans,
        thanksgiving,
        christmas,
      ];
    case 'nyc':
      return [
        newYear,
        mlk,
        observed(year, 2, 12, "Lincoln's Birthday"),
        { date: nthWeekday(year, 2, MONDAY, 3), name: "Washington's Birthday" },
        memorial,
        ...juneteenth,
        independence,
        labor,
        columbus,
        // General Election Day: the Tuesday after the first Monday in November.
        { date: addLocalDays(nthWeekday(year, 11, MONDAY, 1), 1), name: 'Election Day' },
        veterans,
        thanksgiving,
        christmas,
      ];
    case 'california':
      // Juneteenth is left out on purpose: whether and since when it is a paid California state holiday was not
      // verified, so the preset does not guess. An administrator adds holidays the preset lacks.
      return [
        newYear,
        mlk,
        { date: nthWeekday(year, 2, MONDAY, 3), name: "Presidents' Day" },
        observed(year, 3, 31, 'Cesar Chavez Day'),
        memorial,
        independence,
        labor,
        { date: nthWeekday(year, 9, FRIDAY, 4), name: 'Native American Day' },
        veterans,
        thanksgiving,
        { date: addLocalDays(thanksgiving.date, 1), name: 'Day after Thanksgiving' },
        christmas,
      ];
  }
}

/** The preset's days off whose (observed) date falls in `year`, in date order. */
export function holidaysFor(preset: HolidayPreset, year: number): Holiday[] {
  if (!Number.isInteger(year)) throw new RangeError(`holidaysFor needs a whole year, not ${year}.`);
  const prefix = `${String(year).padStart(4, '0')}-`;
  // Next year's New Year's Day, when it falls on a Saturday, is taken on this year's December 31.
  return [...holidaysOfCycle(preset, year), ...holidaysOfCycle(preset, year + 1)]
    .filter((holiday) => holiday.date.startsWith(prefix))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** A Monday–Friday 09:00–17:00 calendar carrying the preset's holidays for `fromYear`…`toYear` inclusive. */
export function calendarPreset(preset: HolidayPreset, fromYear: number, toYear: number): BusinessCalendar {
  if (toYear < fromYear) throw new RangeError(`calendarPreset: toYear ${toYear} is before fromYear ${fromYear}.`);
  const workday = { start: '09:00', end: '17:00' };
  const holidays: Holiday[] = [];
  for (let year = fromYear; year <= toYear; year++) holidays.push(...holidaysFor(preset, year));
  return {
    preset,
    workingHours: {
      '0': null,
      '1': { ...workday },
      '2': { ...workday },
      '3': { ...workday },
      '4': { ...workday },
      '5': { ...workday },
      '6': null,
    },
    holidays,
  };
}
