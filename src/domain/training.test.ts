import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addLocalDays } from '../shared/local-time.ts';
import { addMonths, trainingStatus } from './training.ts';

describe('training status', () => {
  it.each([
    [null, 12, '2026-06-01', 'never', null],
    ['2025-01-10', null, '2030-01-01', 'current', null],
    ['2025-06-15', 12, '2026-03-01', 'current', '2026-06-15'],
    ['2025-06-15', 12, '2026-05-16', 'due_soon', '2026-06-15'],
    ['2025-06-15', 12, '2026-06-15', 'due_soon', '2026-06-15'],
    ['2025-06-15', 12, '2026-06-16', 'overdue', '2026-06-15'],
    ['2026-01-31', 1, '2026-02-27', 'due_soon', '2026-02-28'],
  ] as const)('completed %s, renewed every %s months, on %s: %s', (done, months, today, status, dueOn) => {
    expect(trainingStatus(done, months, today)).toEqual({ status, dueOn });
  });

  it('a later completion is never in a worse standing', () => {
    const day = fc.integer({ min: 0, max: 3650 }).map((n) => addLocalDays('2020-01-01', n));
    const rank = { never: 3, overdue: 2, due_soon: 1, current: 0 };
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1, max: 36 }),
        day,
        (done, later, months, today) => {
          const a = trainingStatus(done, months, today).status;
          const b = trainingStatus(addLocalDays(done, later), months, today).status;
          expect(rank[b]).toBeLessThanOrEqual(rank[a]);
        },
      ),
    );
  });

  it('adds months, keeping the end of the month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
  });
});
