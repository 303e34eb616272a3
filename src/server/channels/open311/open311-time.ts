// Open311 dates: instants written in ISO 8601 with the agency's UTC offset (2026-03-01T09:30:00-05:00), and the
// start_date / end_date filters read back — with an offset or Z as given, without one in the agency's local time.
import { endOfLocalDay, localParts, startOfLocalDay, zonedDateTime } from '../../../shared/local-time.ts';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** An instant as ISO 8601 in the agency's zone with its explicit offset, to the second. */
export function formatOpen311DateTime(instant: Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  const wholeSeconds = Math.floor(instant.getTime() / 1000) * 1000;
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const offsetMinutes = Math.round((wall - wholeSeconds) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Reads an ISO 8601 date or date-time; a bare date is the start (or, with `endOfDay`, the end) of that local
 * day and a date-time without offset is agency-local. Null when the text is not a valid ISO 8601 value.
 */
export function parseOpen311DateTime(text: string, timeZone: string, endOfDay = false): Date | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const millis = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) return null;
  const date = `${y}-${mo}-${d}`;
  if (h === undefined) return endOfDay ? endOfLocalDay(date, timeZone) : startOfLocalDay(date, timeZone);
  if (zone === undefined) {
    return new Date(zonedDateTime(date, `${h}:${mi}:${pad(second)}`, timeZone).getTime() + millis);
  }
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    const hours = Number(digits.slice(1, 3));
    const minutes = Number(digits.slice(3, 5));
    if (hours > 23 || minutes > 59) return null;
    offsetMinutes = (hours * 60 + minutes) * (digits[0] === '-' ? -1 : 1);
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  return new Date(utc);
}
