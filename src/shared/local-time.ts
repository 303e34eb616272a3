// Conversions between UTC instants and an IANA time zone's wall-clock date and time, built on Intl alone.
// Local dates travel as 'YYYY-MM-DD' strings; their arithmetic is zone-free, so it runs on UTC dates.
// Deadline math calls these for every case at intake, so formatters are cached per zone.

/** A wall-clock reading in some time zone; weekday 0 = Sunday … 6 = Saturday. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const MILLIS_PER_DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
// Every case received on a day asks for the same openings and day ends, so resolved wall times are memoised.
const resolvedWallTimes = new Map<string, number>();
const RESOLVED_WALL_TIMES_LIMIT = 50_000;

// Creating an Intl.DateTimeFormat costs far more than using one, and the zone set is small.
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock reading of `instant` in `timeZone` (throws RangeError for an unknown zone). */
export function localParts(instant: Date, timeZone: string): LocalParts {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new RangeError('localParts needs a valid Date.');
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let beforeCommonEra = false;
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      case 'era':
        beforeCommonEra = part.value === 'BC' || part.value === 'B';
        break;
    }
  }
  // Intl counts years by era; proleptic ISO years make Date.UTC round-trips exact.
  if (beforeCommonEra) year = 1 - year;
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return { year, month, day, hour, minute, second, weekday };
}

// Offset of the zone from UTC at `time`, in milliseconds (positive east of Greenwich).
function offsetAt(time: number, timeZone: string): number {
  const p = localParts(new Date(time), timeZone);
  const wall = utcMillis(p.year, p.month, p.day, p.hour, p.minute, p.second, 0);
  return wall - (time - mod(time, 1000));
}

function mod(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}

// Date.UTC treats years 0–99 as 1900–1999; setUTCFullYear does not.
function utcMillis(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millisecond: number,
): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime() + ((hour * 60 + minute) * 60 + second) * 1000 + millisecond;
}

const LOCAL_DATE = /^(-?\d{4,6})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

function parseLocalDate(localDate: string): { year: number; month: number; day: number } {
  const match = LOCAL_DATE.exec(localDate);
  if (!match) throw new RangeError(`"${localDate}" is not a local date; write it as YYYY-MM-DD.`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const check = new Date(utcMillis(year, month, day, 0, 0, 0, 0));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`"${localDate}" is not a date on the calendar.`);
  }
  return { year, month, day };
}

// '24:00' is accepted so that a calendar can say a working day ends at midnight.
function parseLocalTime(localTime: string): { hour: number; minute: number; second: number; millisecond: number } {
  const match = LOCAL_TIME.exec(localTime);
  if (!match) throw new RangeError(`"${localTime}" is not a time of day; write it as HH:MM or HH:MM:SS.`);
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  const second = match[3] === undefined ? 0 : Number(match[3]);
  const millisecond = match[4] === undefined ? 0 : Number(match[4].padEnd(3, '0'));
  const isMidnightEnd = hour === 24 && minute === 0 && second === 0 && millisecond === 0;
  if ((hour > 23 && !isMidnightEnd) || minute > 59 || second > 59) {
    throw new RangeError(`"${localTime}" is not a time of day.`);
  }
  return { hour, minute, second, millisecond };
}

function formatLocalDate(year: number, month: number, day: number): string {
  const yearText = year < 0 ? `-${String(-year).padStart(6, '0')}` : String(year).padStart(4, '0');
  return `${yearText}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The UTC instant at which the wall clock in `timeZone` shows `localTime` on `localDate`; a time skipped by a
 * DST gap moves forward by the gap's length, and a time that occurs twice resolves to the earlier instant.
 */
export function zonedDateTime(localDate: string, localTime: string, timeZone: string): Date {
  const key = `${timeZone}|${localDate}|${localTime}`;
  let resolved = resolvedWallTimes.get(key);
  if (resolved === undefined) {
    resolved = resolveWallTime(localDate, localTime, timeZone);
    if (resolvedWallTimes.size >= RESOLVED_WALL_TIMES_LIMIT) resolvedWallTimes.clear();
    resolvedWallTimes.set(key, resolved);
  }
  return new Date(resolved);
}

function resolveWallTime(localDate: string, localTime: string, timeZone: string): number {
  const { year, month, day } = parseLocalDate(localDate);
  const { hour, minute, second, millisecond } = parseLocalTime(localTime);
  const wall = utcMillis(year, month, day, hour, minute, second, millisecond);
  // Any offset in force around this wall time is the one before or after the nearest transition; zones do
  // not change offset twice within two days, so these two samples see every candidate.
  const offsetBefore = offsetAt(wall - MILLIS_PER_DAY, timeZone);
  const offsetAfter = offsetAt(wall + MILLIS_PER_DAY, timeZone);
  let earliest: number | null = null;
  for (const offset of offsetBefore === offsetAfter ? [offsetBefore] : [offsetBefore, offsetAfter]) {
    const candidate = wall - offset;
    if (offsetAt(candidate, timeZone) === offset && (earliest === null || candidate < earliest)) earliest = candidate;
  }
  if (earliest !== null) return earliest;
  // In a gap neither offset reproduces the wall time; reading it with the earlier offset lands past the gap.
  return wall - offsetBefore;
}

/** The local date ('YYYY-MM-DD') of `instant` in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  return formatLocalDate(p.year, p.month, p.day);
}

/** The local date `days` calendar days after (or before, if negative) `date`. */
export function addLocalDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`addLocalDays needs a whole number of days, not ${days}.`);
  const { year, month, day } = parseLocalDate(date);
  const shifted = new Date(utcMillis(year, month, day, 0, 0, 0, 0) + days * MILLIS_PER_DAY);
  return formatLocalDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** The weekday of a local date, 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  const { year, month, day } = parseLocalDate(date);
  return new Date(utcMillis(year, month, day, 0, 0, 0, 0)).getUTCDay();
}

/** The first instant of `date` in `timeZone` (later than 00:00 where a DST gap swallows midnight). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  return zonedDateTime(date, '00:00', timeZone);
}

/** The last millisecond of `date` in `timeZone` — one millisecond before the next local day begins. */
export function endOfLocalDay(date: string, timeZone: string): Date {
  return new Date(startOfLocalDay(addLocalDays(date, 1), timeZone).getTime() - 1);
}

/** Whole days from local date `from` to local date `to` (negative when `to` is earlier). */
export function localDaysBetween(from: string, to: string): number {
  const a = parseLocalDate(from);
  const b = parseLocalDate(to);
  return Math.round(
    (utcMillis(b.year, b.month, b.day, 0, 0, 0, 0) - utcMillis(a.year, a.month, a.day, 0, 0, 0, 0)) / MILLIS_PER_DAY,
  );
}

/** Whether `text` is a real calendar date written YYYY-MM-DD (2028-02-29 is one, 2026-02-29 and 2026-13-01 are not). */
export function isCalendarDate(text: unknown): text is string {
  const parts = typeof text === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(text) : null;
  if (!parts) return false;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}
