// Times in imported files: NYC 311's "03/01/2011 02:27:57 PM" and ISO 8601 with or without an offset. A time
// without an offset is the agency's wall clock, resolved with domain/local-time (a time in a DST gap moves forward
// by the gap, a time that occurs twice is the earlier instant). Resolution is memoised per local hour.
import { zonedDateTime } from '../../../domain/local-time.ts';

const US_DATE_TIME =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?\s*([AaPp][Mm])?)?$/;
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

const hourStarts = new Map<string, number | null>();
const HOUR_CACHE_LIMIT = 100_000;
const pad = (n: number) => String(n).padStart(2, '0');

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
  const date = `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
  const start = hourStart(date, hour, timeZone);
  if (start !== null) return new Date(start + (minute * 60 + second) * 1000 + millis);
  return new Date(zonedDateTime(date, `${pad(hour)}:${pad(minute)}:${pad(second)}`, timeZone).getTime() + millis);
}

/**
 * Parses an imported time: MM/DD/YYYY [hh:mm[:ss] [AM|PM]] or ISO 8601; without an offset it is wall-clock time in
 * `timeZone`. Returns null when the text is not a valid time.
 */
export function parseImportTime(text: string, timeZone: string): Date | null {
  const value = text.trim();
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
