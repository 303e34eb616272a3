import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_OCCURRENCES,
  expandRecurrence,
  nthWeekdayOfMonth,
  recurrenceDates,
  recurrenceProblem,
  toRRule,
  type RecurrenceRule,
} from './recurrence.ts';
import { buildCalendar, readEvents, timeZoneLines } from './icalendar.ts';
import { localDate, weekdayOf } from '../shared/local-time.ts';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString().replace('.000Z', 'Z'));

describe('expandRecurrence keeps the wall-clock time across daylight-saving changes', () => {
  it.each<[string, RecurrenceRule, string, string, string, string[]]>([
    [
      'weekly Tuesday 18:00 in New York over the March change',
      { frequency: 'weekly', interval: 1, count: 3 },
      'America/New_York',
      '2026-03-03T23:00:00Z',
      '2026-03-04T00:30:00Z',
      ['2026-03-03T23:00:00Z', '2026-03-10T22:00:00Z', '2026-03-17T22:00:00Z'],
    ],
    [
      'monthly second Tuesday 10:00 over the November change',
      { frequency: 'monthly', interval: 1, count: 3 },
      'America/New_York',
      '2026-10-13T14:00:00Z',
      '2026-10-13T15:00:00Z',
      ['2026-10-13T14:00:00Z', '2026-11-10T15:00:00Z', '2026-12-08T15:00:00Z'],
    ],
    [
      'monthly last Friday until the end of March',
      { frequency: 'monthly', interval: 1, weekOfMonth: -1, until: '2026-03-31' },
      'America/New_York',
      '2026-01-30T15:00:00Z',
      '2026-01-30T16:00:00Z',
      ['2026-01-30T15:00:00Z', '2026-02-27T15:00:00Z', '2026-03-27T14:00:00Z'],
    ],
    [
      'every other week on Monday and Wednesday, four meetings',
      { frequency: 'weekly', interval: 2, weekdays: [1, 3], count: 4 },
      'America/New_York',
      '2026-03-04T17:00:00Z',
      '2026-03-04T18:00:00Z',
      ['2026-03-04T17:00:00Z', '2026-03-16T16:00:00Z', '2026-03-18T16:00:00Z', '2026-03-30T16:00:00Z'],
    ],
    [
      'a 01:30 meeting in London: the skipped hour moves it past the gap',
      { frequency: 'weekly', interval: 1, count: 3 },
      'Europe/London',
      '2026-03-22T01:30:00Z',
      '2026-03-22T02:30:00Z',
      ['2026-03-22T01:30:00Z', '2026-03-29T01:30:00Z', '2026-04-05T00:30:00Z'],
    ],
    [
      'a 01:30 meeting in New York: the repeated hour takes its first reading',
      { frequency: 'weekly', interval: 1, until: '2026-11-08' },
      'America/New_York',
      '2026-10-25T05:30:00Z',
      '2026-10-25T06:30:00Z',
      ['2026-10-25T05:30:00Z', '2026-11-01T05:30:00Z', '2026-11-08T06:30:00Z'],
    ],
  ])('%s', (_, rule, zone, start, end, expected) => {
    const first = { start: new Date(start), end: new Date(end) };
    expect(recurrenceProblem(rule, localDate(first.start, zone))).toBeNull();
    const occurrences = expandRecurrence(rule, first, zone);
    expect(iso(occurrences.map((o) => o.start))).toEqual(expected);
    const length = first.end.getTime() - first.start.getTime();
    for (const o of occurrences) expect(o.end.getTime() - o.start.getTime()).toBe(length);
  });

  it('keeps only the meetings overlapping the window', () => {
    const rule: RecurrenceRule = { frequency: 'weekly', interval: 1, count: 10 };
    const first = { start: new Date('2026-03-03T23:00:00Z'), end: new Date('2026-03-04T00:30:00Z') };
    const within = expandRecurrence(rule, first, 'America/New_York', {
      from: new Date('2026-03-10T23:00:00Z'),
      to: new Date('2026-03-24T22:00:00Z'),
    });
    expect(iso(within.map((o) => o.start))).toEqual([
      '2026-03-10T22:00:00Z',
      '2026-03-17T22:00:00Z',
      '2026-03-24T22:00:00Z',
    ]);
  });
});

describe('recurrenceProblem', () => {
  it.each<[RecurrenceRule, string, string | null]>([
    [{ frequency: 'weekly', interval: 1, count: 2 }, '2026-03-03', null],
    [{ frequency: 'weekly', interval: 0, count: 2 }, '2026-03-03', 'the interval must be a whole number from 1 to 12'],
    [{ frequency: 'weekly', interval: 1 }, '2026-03-03', 'give an end date or a number of meetings'],
    [
      { frequency: 'weekly', interval: 1, until: '2026-03-01' },
      '2026-03-03',
      'the end date is before the first meeting',
    ],
    [
      { frequency: 'weekly', interval: 1, weekdays: [1], count: 2 },
      '2026-03-03',
      "the first meeting's weekday must be one of the weekdays",
    ],
    [
      { frequency: 'monthly', interval: 1, weekOfMonth: -1, count: 2 },
      '2026-03-03',
      'the first meeting is not on the last weekday of its month',
    ],
    [
      { frequency: 'monthly', interval: 1, weekOfMonth: 5, count: 2 },
      '2026-03-31',
      'the week of the month must be 1, 2, 3, 4 or -1 (the last)',
    ],
    [
      { frequency: 'weekly', interval: 1, count: MAX_OCCURRENCES + 1 },
      '2026-03-03',
      `the number of meetings must be from 1 to ${MAX_OCCURRENCES}`,
    ],
  ])('%j from %s → %s', (rule, date, problem) => {
    expect(recurrenceProblem(rule, date)).toBe(problem);
  });
});

describe('toRRule', () => {
  it.each<[RecurrenceRule, string, string | undefined, string]>([
    [{ frequency: 'weekly', interval: 1, count: 3 }, '2026-03-03', undefined, 'FREQ=WEEKLY;BYDAY=TU;COUNT=3;WKST=MO'],
    [
      { frequency: 'weekly', interval: 2, weekdays: [3, 1], until: '2026-06-30' },
      '2026-03-04',
      '20260630T220000Z',
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20260630T220000Z;WKST=MO',
    ],
    [{ frequency: 'monthly', interval: 1, count: 6 }, '2026-10-13', undefined, 'FREQ=MONTHLY;BYDAY=2TU;COUNT=6'],
    [
      { frequency: 'monthly', interval: 3, weekOfMonth: -1, count: 4 },
      '2026-01-30',
      undefined,
      'FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR;COUNT=4',
    ],
  ])('%j → %s', (rule, date, until, expected) => {
    expect(toRRule(rule, date, until)).toBe(expected);
  });
});

describe('properties of the series', () => {
  it('every date falls on an allowed weekday, in order, within the end, never more than asked', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2060-12-31'), noInvalidDate: true }),
        fc.constantFrom<'weekly' | 'monthly'>('weekly', 'monthly'),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 40 }),
        (day, frequency, interval, count) => {
          const first = day.toISOString().slice(0, 10);
          const rule: RecurrenceRule = { frequency, interval, count };
          if (frequency === 'monthly' && Number(first.slice(8, 10)) > 28) rule.weekOfMonth = -1;
          if (recurrenceProblem(rule, first) !== null) return;
          const dates = recurrenceDates(rule, first);
          expect(dates.length).toBe(count);
          expect(dates[0]).toBe(first);
          for (let i = 1; i < dates.length; i++) expect(dates[i]! > dates[i - 1]!).toBe(true);
          for (const d of dates) expect(weekdayOf(d)).toBe(weekdayOf(first));
        },
      ),
    );
  });

  it('nthWeekdayOfMonth finds the days of a month by hand', () => {
    expect(nthWeekdayOfMonth(2026, 3, 2, 2)).toBe('2026-03-10');
    expect(nthWeekdayOfMonth(2026, 1, 5, -1)).toBe('2026-01-30');
    expect(nthWeekdayOfMonth(2026, 2, 0, 4)).toBe('2026-02-22');
  });
});

describe('a recurring event in the iCalendar file', () => {
  it("writes local times with the zone, the RRULE and the zone's changes of offset", () => {
    const text = buildCalendar({
      productId: '-//civicdesk//test//EN',
      stamp: new Date('2026-01-01T00:00:00Z'),
      events: [
        {
          uid: 'engagement-1-1@example.gov',
          start: new Date('2026-03-03T23:00:00Z'),
          end: new Date('2026-03-04T00:30:00Z'),
          summary: 'Shelter advocates',
          recurrence: {
            rule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=3;WKST=MO',
            timeZone: 'America/New_York',
            until: new Date('2026-03-17T22:00:00Z'),
          },
        },
      ],
    });
    const [event] = readEvents(text);
    expect(event!.DTSTART).toBe('20260303T180000');
    expect(event!.DTEND).toBe('20260303T193000');
    expect(event!.RRULE).toBe('FREQ=WEEKLY;BYDAY=TU;COUNT=3;WKST=MO');
    expect(text).toContain('DTSTART;TZID=America/New_York:20260303T180000\r\n');
    expect(text).toContain(
      'BEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nEND:DAYLIGHT',
    );
  });

  it('lists both changes of a year for New York', () => {
    const lines = timeZoneLines('America/New_York', new Date('2026-01-15T00:00:00Z'), new Date('2026-12-15T00:00:00Z'));
    expect(lines.filter((l) => l.startsWith('DTSTART'))).toEqual([
      'DTSTART:19700101T000000',
      'DTSTART:20260308T020000',
      'DTSTART:20261101T020000',
    ]);
    expect(lines).toContain('TZOFFSETFROM:-0400');
  });
});
