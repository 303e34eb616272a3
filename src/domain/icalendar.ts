// iCalendar (RFC 5545) writing for the engagements calendar feed: text escaping, line folding at 75 octets, UTC
// date-times, CRLF line endings. Pure: the caller hands in the events, the stamp and the host for the UIDs. The
// reading half (unfold, unescape, a small event reader) exists so tests and clients can check what was written.
// A recurring event is written with its RRULE in the agency's zone, with that zone's VTIMEZONE.
import { localParts } from '../shared/local-time.ts';

export interface CalendarEvent {
  /** Unique and stable per event, e.g. "engagement-3-17@civicdesk.example.gov". */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description?: string | undefined;
  location?: string | undefined;
  url?: string | undefined;
  categories?: string[] | undefined;
  /** When the event last changed (LAST-MODIFIED). */
  lastModified?: Date | undefined;
  /**
   * A recurring event: its RRULE value and the IANA zone its wall-clock times repeat in. DTSTART and DTEND are then
   * written as local times with TZID, and the calendar carries the zone's VTIMEZONE.
   */
  recurrence?: { rule: string; timeZone: string; until?: Date | undefined } | undefined;
}

export interface CalendarInput {
  /** PRODID, e.g. "-//civicdesk//engagements//EN". */
  productId: string;
  /** X-WR-CALNAME: the name calendar applications show. */
  name?: string | undefined;
  /** DTSTAMP of every event: when the file was produced. */
  stamp: Date;
  events: CalendarEvent[];
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** Control characters a TEXT value cannot hold (RFC 5545 §3.3.11 allows HTAB; line breaks are escaped). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** The text as it will be written: line breaks made \n, other control characters removed. */
export function normalizeText(value: string): string {
  return value.replace(/\r\n|\r/g, '\n').replace(CONTROL, '');
}

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return normalizeText(value).replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\n/g, '\\n');
}

/** Reads an escaped TEXT value back (\n and \N are line breaks). */
export function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

const utf8Length = (codePoint: number) => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

/**
 * Folds one content line so that no physical line is longer than 75 octets (UTF-8), never splitting a character;
 * continuation lines start with a space. Returned with CRLF between the physical lines and none at the end.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0)!);
    const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.map((part, index) => (index === 0 ? part : ` ${part}`)).join(CRLF);
}

/** Joins folded lines back (a CRLF followed by a space or tab is removed). */
export function unfoldLines(text: string): string {
  return text.replace(/\r\n[ \t]/g, '');
}

/** A UTC DATE-TIME: 20260315T140000Z. */
export function formatUtc(instant: Date): string {
  return instant
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** Parses a UTC DATE-TIME written by formatUtc. */
export function parseUtc(value: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) throw new Error(`not a UTC date-time: ${value}`);
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

/** A URI value is written as is, but may not hold line breaks or control characters. */
// eslint-disable-next-line no-control-regex
const uriValue = (value: string) => value.replace(/[\s\u0000-\u001F\u007F]+/g, '');

/** The UTC offset of `timeZone` at `instant`, in minutes east of UTC. */
function offsetMinutes(instant: number, timeZone: string): number {
  const p = localParts(new Date(instant), timeZone);
  return Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - instant) / 60_000);
}

const offsetText = (minutes: number) => {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
};

/** A local DATE-TIME without zone (20260315T180000), the wall clock of `instant` at `offset` minutes. */
const formatFloating = (instant: number, offset: number) => formatUtc(new Date(instant + offset * 60_000)).slice(0, -1);

/**
 * The VTIMEZONE lines of an IANA zone between two instants: one observance for the offset in force at `from`, then
 * one per change of offset (found day by day, then to the minute), each STANDARD or DAYLIGHT by whether the clocks
 * went back or forward.
 */
export function timeZoneLines(timeZone: string, from: Date, to: Date): string[] {
  const day = 86_400_000;
  const start = from.getTime() - day;
  const first = offsetMinutes(start, timeZone);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  lines.push('BEGIN:STANDARD', 'DTSTART:19700101T000000', `TZOFFSETFROM:${offsetText(first)}`);
  lines.push(`TZOFFSETTO:${offsetText(first)}`, 'END:STANDARD');
  let previous = first;
  for (let t = start; t < to.getTime() + day; t += day) {
    const next = offsetMinutes(t + day, timeZone);
    if (next === previous) continue;
    let low = t;
    let high = t + day;
    while (high - low > 60_000) {
      const middle = low + Math.floor((high - low) / 120_000) * 60_000;
      if (offsetMinutes(middle, timeZone) === previous) low = middle;
      else high = middle;
    }
    const kind = next > previous ? 'DAYLIGHT' : 'STANDARD';
    lines.push(`BEGIN:${kind}`, `DTSTART:${formatFloating(high, previous)}`);
    lines.push(`TZOFFSETFROM:${offsetText(previous)}`, `TZOFFSETTO:${offsetText(next)}`, `END:${kind}`);
    previous = next;
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

/** The whole VCALENDAR: CRLF line endings, folded lines, one VEVENT per event. */
export function buildCalendar(input: CalendarInput): string {
  const lines: string[] = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${escapeText(input.productId)}`];
  lines.push('CALSCALE:GREGORIAN', 'METHOD:PUBLISH');
  if (input.name) lines.push(`X-WR-CALNAME:${escapeText(input.name)}`);
  const zones = new Map<string, { from: Date; to: Date }>();
  for (const event of input.events) {
    if (!event.recurrence) continue;
    const span = zones.get(event.recurrence.timeZone);
    const until = event.recurrence.until ?? new Date(event.start.getTime() + 366 * 86_400_000);
    zones.set(event.recurrence.timeZone, {
      from: span && span.from < event.start ? span.from : event.start,
      to: span && span.to > until ? span.to : until,
    });
  }
  for (const [zone, span] of zones) lines.push(...timeZoneLines(zone, span.from, span.to));
  const stamp = formatUtc(input.stamp);
  for (const event of input.events) {
    lines.push('BEGIN:VEVENT', `UID:${escapeText(event.uid)}`, `DTSTAMP:${stamp}`);
    if (event.recurrence) {
      const zone = event.recurrence.timeZone;
      const at = (instant: Date) => formatFloating(instant.getTime(), offsetMinutes(instant.getTime(), zone));
      lines.push(`DTSTART;TZID=${zone}:${at(event.start)}`, `DTEND;TZID=${zone}:${at(event.end)}`);
      lines.push(`RRULE:${event.recurrence.rule}`);
    } else {
      lines.push(`DTSTART:${formatUtc(event.start)}`, `DTEND:${formatUtc(event.end)}`);
    }
    lines.push(`SUMMARY:${escapeText(event.summary)}`);
    if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
    if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
    if (event.url) lines.push(`URL:${uriValue(event.url)}`);
    if (event.categories?.length) lines.push(`CATEGORIES:${event.categories.map(escapeText).join(',')}`);
    if (event.lastModified) lines.push(`LAST-MODIFIED:${formatUtc(event.lastModified)}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}

export interface ReadProperty {
  name: string;
  params: string;
  value: string;
}

/** Splits an unfolded content line at the first colon outside a quoted parameter value. */
function readProperty(line: string): ReadProperty {
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) {
      const head = line.slice(0, i);
      const semicolon = head.indexOf(';');
      return {
        name: (semicolon < 0 ? head : head.slice(0, semicolon)).toUpperCase(),
        params: semicolon < 0 ? '' : head.slice(semicolon + 1),
        value: line.slice(i + 1),
      };
    }
  }
  return { name: line.toUpperCase(), params: '', value: '' };
}

/** Reads the VEVENTs of a calendar back as property name → raw (still escaped) value. */
export function readEvents(text: string): Record<string, string>[] {
  const events: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of unfoldLines(text).split(CRLF)) {
    if (!line) continue;
    const property = readProperty(line);
    if (property.name === 'BEGIN' && property.value === 'VEVENT') current = {};
    else if (property.name === 'END' && property.value === 'VEVENT') {
      if (current) events.push(current);
      current = null;
    } else if (current) current[property.name] = property.value;
  }
  return events;
}
