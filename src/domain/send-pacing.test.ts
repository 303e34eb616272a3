import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pacedSendTime } from './send-pacing.ts';

describe('pacedSendTime', () => {
  const start = new Date('2026-03-02T14:00:00Z');

  it.each([
    [0, 60, '2026-03-02T14:00:00.000Z'],
    [59, 60, '2026-03-02T14:00:00.000Z'],
    [60, 60, '2026-03-02T14:01:00.000Z'],
    [250, 100, '2026-03-02T14:02:00.000Z'],
    [3, 1, '2026-03-02T14:03:00.000Z'],
  ])('message %i at %i a minute goes at %s', (index, perMinute, expected) => {
    expect(pacedSendTime(start, index, perMinute).toISOString()).toBe(expected);
  });

  it('never lets more than perMinute messages share a minute, and never sends before the start', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 3000 }), (perMinute, count) => {
        const perSlot = new Map<number, number>();
        for (let i = 0; i < count; i++) {
          const at = pacedSendTime(start, i, perMinute).getTime();
          expect(at).toBeGreaterThanOrEqual(start.getTime());
          perSlot.set(at, (perSlot.get(at) ?? 0) + 1);
        }
        expect(Math.max(...perSlot.values())).toBeLessThanOrEqual(perMinute);
      }),
      { numRuns: 50 },
    );
  });

  it('refuses a rate below one a minute', () => {
    expect(() => pacedSendTime(start, 0, 0)).toThrow(RangeError);
  });
});
