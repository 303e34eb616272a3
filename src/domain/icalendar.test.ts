import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildCalendar,
  escapeText,
  foldLine,
  formatUtc,
  normalizeText,
  parseUtc,
  readEvents,
  unescapeText,
  unfoldLines,
} from './icalendar.ts';

const stamp = new Date('2026-03-01T12:00:00Z');
const event = {
  uid: 'engagement-1-7@civicdesk.example.gov',
  start: new Date('2026-03-15T14:00:00Z'),
  end: new Date('2026-03-15T15:30:00Z'),
  summary: 'Advocate meeting',
};

const octets = (s: string) => Buffer.byteLength(s, 'utf8');

describe('escapeText', () => {
  it.each([
    ['a,b', 'a\\,b'],
    ['a;b', 'a\\;b'],
    ['back\\slash', 'back\\\\slash'],
    ['line\nbreak', 'line\\nbreak'],
    ['windows\r\nbreak', 'windows\\nbreak'],
    ['bell\u0007', 'bell'],
    ['tab\tkept', 'tab\tkept'],
  ])('%j → %j', (input, expected) => {
    expect(escapeText(input)).toBe(expected);
  });
});

describe('foldLine', () => {
  it('leaves a line of 75 octets alone and folds one of 76', () => {
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
  });

  it('never splits a multi-byte character', () => {
    const folded = foldLine(`SUMMARY:${'中'.repeat(40)}`);
    for (const line of folded.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(unfoldLines(folded)).toBe(`SUMMARY:${'中'.repeat(40)}`);
  });
});

describe('formatUtc', () => {
  it('writes the Z form without milliseconds', () => {
    expect(formatUtc(new Date('2026-03-15T14:00:00.123Z'))).toBe('20260315T140000Z');
    expect(parseUtc('20260315T140000Z').toISOString()).toBe('2026-03-15T14:00:00.000Z');
  });
});

describe('buildCalendar', () => {
  it('writes a calendar with the required properties and CRLF line endings', () => {
    const text = buildCalendar({ productId: '-//civicdesk//engagements//EN', stamp, events: [event] });
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//civicdesk//engagements//EN\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(text).toContain('UID:engagement-1-7@civicdesk.example.gov\r\n');
    expect(text).toContain('DTSTAMP:20260301T120000Z\r\n');
    expect(text).toContain('DTSTART:20260315T140000Z\r\nDTEND:20260315T153000Z\r\n');
  });

  it('writes an empty calendar when there are no events', () => {
    const text = buildCalendar({ productId: 'p', stamp, events: [] });
    expect(readEvents(text)).toEqual([]);
    expect(text).toContain('END:VCALENDAR');
  });

  it('any title round-trips through folding and escaping', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (title) => {
        const text = buildCalendar({ productId: 'p', stamp, events: [{ ...event, summary: title }] });
        for (const line of text.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
        const [read] = readEvents(text);
        expect(unescapeText(read!.SUMMARY!)).toBe(normalizeText(title));
      }),
    );
  });

  it('titles without control characters come back exactly', () => {
    fc.assert(
      fc.property(
        // eslint-disable-next-line no-control-regex
        fc.string({ unit: 'grapheme', maxLength: 200 }).filter((s) => !/[\u0000-\u001F\u007F]/.test(s)),
        (title) => {
          const text = buildCalendar({ productId: 'p', stamp, events: [{ ...event, summary: title }] });
          expect(unescapeText(readEvents(text)[0]!.SUMMARY!)).toBe(title);
        },
      ),
    );
  });

  it('keeps the event times in UTC', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (d) => {
        const start = new Date(Math.floor(d.getTime() / 1000) * 1000);
        const end = new Date(start.getTime() + 3_600_000);
        const [read] = readEvents(buildCalendar({ productId: 'p', stamp, events: [{ ...event, start, end }] }));
        expect(parseUtc(read!.DTSTART!).getTime()).toBe(start.getTime());
        expect(parseUtc(read!.DTEND!).getTime()).toBe(end.getTime());
      }),
    );
  });
});
