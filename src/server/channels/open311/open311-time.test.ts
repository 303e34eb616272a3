// Open311 dates: written with the agency's offset (DST included), read back with offset, Z or agency-local time.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatOpen311DateTime, parseOpen311DateTime } from './open311-time.ts';

const NY = 'America/New_York';

describe('formatOpen311DateTime', () => {
  it('writes the local time with the offset in force', () => {
    expect(formatOpen311DateTime(new Date('2026-03-01T14:30:00Z'), NY)).toBe('2026-03-01T09:30:00-05:00');
    expect(formatOpen311DateTime(new Date('2026-07-01T14:30:00Z'), NY)).toBe('2026-07-01T10:30:00-04:00');
    expect(formatOpen311DateTime(new Date('2026-07-01T14:30:00Z'), 'Asia/Kolkata')).toBe('2026-07-01T20:00:00+05:30');
    expect(formatOpen311DateTime(new Date('2026-07-01T14:30:00Z'), 'UTC')).toBe('2026-07-01T14:30:00+00:00');
  });

  it('round-trips every instant to the second in several zones', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }),
        fc.constantFrom(NY, 'America/Los_Angeles', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe'),
        (date, zone) => {
          const text = formatOpen311DateTime(date, zone);
          expect(parseOpen311DateTime(text, zone)!.getTime()).toBe(Math.floor(date.getTime() / 1000) * 1000);
        },
      ),
    );
  });
});

describe('parseOpen311DateTime', () => {
  it('reads offsets, Z, local times and bare dates', () => {
    expect(parseOpen311DateTime('2026-03-01T09:30:00-05:00', NY)!.toISOString()).toBe('2026-03-01T14:30:00.000Z');
    expect(parseOpen311DateTime('2026-03-01T09:30:00.250Z', NY)!.toISOString()).toBe('2026-03-01T09:30:00.250Z');
    expect(parseOpen311DateTime('2026-03-01T09:30:00+0100', NY)!.toISOString()).toBe('2026-03-01T08:30:00.000Z');
    expect(parseOpen311DateTime('2026-03-01T09:30', NY)!.toISOString()).toBe('2026-03-01T14:30:00.000Z');
    expect(parseOpen311DateTime('2026-03-01', NY)!.toISOString()).toBe('2026-03-01T05:00:00.000Z');
    expect(parseOpen311DateTime('2026-03-01', NY, true)!.toISOString()).toBe('2026-03-02T04:59:59.999Z');
  });

  it('refuses what is not ISO 8601 or not a real date', () => {
    for (const text of [
      '',
      'yesterday',
      '2026-02-30',
      '2026-13-01',
      '2026-03-01T24:00:00Z',
      '2026-03-01T10:00:00+25:00',
      '03/01/2026',
    ]) {
      expect(parseOpen311DateTime(text, NY), text).toBeNull();
    }
  });
});
