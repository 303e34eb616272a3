// Times in imported files: NYC 311's "03/01/2011 02:27:57 PM" and ISO 8601 with or without an offset. A time
// without an offset is the agency's wall clock, resolved with shared/local-time (a time in a DST gap moves forward
// by the gap, a time that occurs twice is the earlier instant). Resolution is memoised per local day (per local
// hour on a day the offset changes), and the local date of an instant per six-hour span of UTC (a zone's offset
// does not change twice within one).
import { localDate, localParts, zonedDateTime } from '../../../shared/local-time.ts';

const US_DATE_TIME =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?\s*([AaPp][Mm])?)?$/;
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

const hourStarts = new Map<string, number | null>();
const HOUR_CACHE_LIMIT = 100_000;
const dayStarts = new Map<string, Map<number, number | null>>();
const DAY_CACHE_LIMIT = 50_000;
const pad = (n: number) => String(n).padStart(2, '0');
const dateText = (year: number, month: number, day: number) =>
  `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;

// The instant of a local day's midnight, or null when the offset changes during that day (then the hours are
// resolved one by one). Keyed by YYYYMMDD per zone, so that a look-up builds no string.
function dayStart(year: number, month: number, day: number, timeZone: string): number | null {
  let days = dayStarts.get(timeZone);
  if (!days) {
    days = new Map();
    dayStarts.set(timeZone, days);
  }
  const key = year * 10_000 + month * 100 + day;
  let start = days.get(key);
  if (start === undefined) {
    const text = dateText(year, month, day);
    const first = zonedDateTime(text, '00:00:00', timeZone).getTime();
    const last = zonedDateTime(text, '23:59:59', timeZone).getTime();
    start = last - first === 86_399_000 ? first : null;
    if (days.size >= DAY_CACHE_LIMIT) days.clear();
    days.set(key, start);
  }
  return start;
}

// The instant of a local hour's start, or null when a DST change falls inside that hour (then every reading in it
// goes through zonedDateTime itself).
function hourStart(date: string, hour: number, timeZone: string): number | null {
  const key = `${timeZone}|${date}|${hour}`;
  let start = hourStarts.get(key);
  if (start === undefined) {
    const base = zonedDateTime(date, `${pad(hour)}:00:00`, timeZone).getTime();
    const last = zonedDateTime(date, `${pad(hour)}:59:59`, timeZone).getTime();
    start = last - base === 3_599_000 ? base : null;
    if (hourStarts.size >= HOUR_CACHE_LIMIT) hourStarts.clear();
    hourStarts.set(key, start);
  }
  return start;
}

function localInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
  timeZone: string,
): Date | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  const midnight = dayStart(year, month, day, timeZone);
  if (midnight !== null) return new Date(midnight + ((hour * 60 + minute) * 60 + second) * 1000 + millis);
  const date = dateText(year, month, day);
  const start = hourStart(date, hour, timeZone);
  if (start !== null) return new Date(start + (minute * 60 + second) * 1000 + millis);
  return new Date(zonedDateTime(date, `${pad(hour)}:${pad(minute)}:${pad(second)}`, timeZone).getTime() + millis);
}

// Two decimal digits of `text` at `at`, or -1.
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 48;
  const ones = text.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

// 311's own layout in full, "03/01/2011 02:27:57 PM", read without a regular expression (the import reads millions
// of them); undefined when the text is not exactly that shape (the general patterns then decide).
function fullUsDateTime(text: string, timeZone: string): Date | null | undefined {
  if (text[2] !== '/' || text[5] !== '/' || text[10] !== ' ' || text[13] !== ':' || text[16] !== ':') return undefined;
  if (text[19] !== ' ' || (text[21] !== 'M' && text[21] !== 'm')) return undefined;
  const meridiem = text[20];
  const pm = meridiem === 'P' || meridiem === 'p';
  if (!pm && meridiem !== 'A' && meridiem !== 'a') return undefined;
  const month = twoDigits(text, 0);
  const day = twoDigits(text, 3);
  const century = twoDigits(text, 6);
  const years = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if ((month | day | century | years | hour | minute | second) < 0) return undefined; // a -1 among them
  if (hour < 1 || hour > 12) return null;
  return localInstant(century * 100 + years, month, day, (hour % 12) + (pm ? 12 : 0), minute, second, 0, timeZone);
}

/**
 * Parses an imported time: MM/DD/YYYY [hh:mm[:ss] [AM|PM]] or ISO 8601; without an offset it is wall-clock time in
 * `timeZone`. Returns null when the text is not a valid time.
 */
export function parseImportTime(text: string, timeZone: string): Date | null {
  const value = text.trim();
  if (value.length === 22) {
    const fast = fullUsDateTime(value, timeZone);
    if (fast !== undefined) return fast;
  }
  let match = US_DATE_TIME.exec(value);
  if (match) {
    let hour = match[4] === undefined ? 0 : Number(match[4]);
    const meridiem = match[8]?.toUpperCase();
    if (meridiem) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (meridiem === 'PM' ? 12 : 0);
    }
    return localInstant(
      Number(match[3]),
      Number(match[1]),
      Number(match[2]),
      hour,
      Number(match[5] ?? 0),
      Number(match[6] ?? 0),
      Number((match[7] ?? '0').padEnd(3, '0')),
      timeZone,
    );
  }
  match = ISO_DATE_TIME.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((k) => Number(match![k] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const millis = Number((match[7] ?? '0').slice(0, 3).padEnd(3, '0'));
  const local = localInstant(year, month, day, hour, minute, second, millis, 'UTC');
  if (!local) return null;
  const zone = match[8];
  if (zone === undefined) return localInstant(year, month, day, hour, minute, second, millis, timeZone);
  if (zone === 'Z' || zone === 'z') return local;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  if (offsetMinutes > 18 * 60) return null;
  return new Date(local.getTime() - sign * offsetMinutes * 60_000);
}

/** The local calendar date ('YYYY-MM-DD') and year of an instant in a time zone. */
export interface LocalDay {
  date: string;
  year: number;
}

const SPAN = 6 * 3_600_000;
const SPAN_CACHE_LIMIT = 100_000;

// The zone's offset from UTC at `time` (ms, positive east), from the wall clock reading of that second.
function offsetAt(time: number, timeZone: string): number {
  const p = localParts(new Date(time), timeZone);
  const wall = new Date(0);
  wall.setUTCFullYear(p.year, p.month - 1, p.day);
  wall.setUTCHours(p.hour, p.minute, p.second);
  return wall.getTime() - (time - (((time % 1000) + 1000) % 1000));
}

/**
 * A reader of local days for one time zone, the same as shared/local-time's localDate and localParts(...).year
 * but asking Intl only twice per six hours of UTC: within a span whose two ends have the same offset the offset
 * is constant, so the local day is the UTC day of the shifted instant; a span with a change in it asks Intl.
 */
export function localDayReader(timeZone: string): (instant: Date) => LocalDay {
  const offsets = new Map<number, number | null>();
  return (instant) => {
    const time = instant.getTime();
    const span = Math.floor(time / SPAN);
    let offset = offsets.get(span);
    if (offset === undefined) {
      const first = offsetAt(span * SPAN, timeZone);
      offset = first === offsetAt(span * SPAN + SPAN - 1, timeZone) ? first : null;
      if (offsets.size >= SPAN_CACHE_LIMIT) offsets.clear();
      offsets.set(span, offset);
    }
    if (offset === null) return { date: localDate(instant, timeZone), year: localParts(instant, timeZone).year };
    const shifted = new Date(time + offset);
    const year = shifted.getUTCFullYear();
    const yearText = year < 0 ? `-${String(-year).padStart(6, '0')}` : String(year).padStart(4, '0');
    return { date: `${yearText}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`, year };
  };
}
