import { describe, expect, it } from 'vitest';
import { courseMeetsVersion, obligationDueOn, obligationStanding } from './procedure-obligations.ts';

describe('procedure obligations', () => {
  it.each([
    ['2026-01-15', '2026-02-14'],
    ['2026-02-10', '2026-03-12'],
    ['2026-12-20', '2027-01-19'],
    ['2028-02-01', '2028-03-02'], // leap year
  ])('a version effective on %s is due by %s', (effectiveOn, dueOn) => {
    expect(obligationDueOn(effectiveOn)).toBe(dueOn);
  });

  it.each([
    ['2026-03-01', '2026-03-01', 'owed'],
    ['2026-03-01', '2026-03-31', 'owed'], // the due date itself
    ['2026-03-01', '2026-04-01', 'overdue'],
    ['2026-05-01', '2026-03-01', 'owed'], // not yet effective
  ] as const)('effective %s, today %s: %s', (effectiveOn, today, standing) => {
    expect(obligationStanding(effectiveOn, today)).toBe(standing);
  });

  it.each([
    [null, '2026-03-01', '2026-03-01', false],
    ['2026-02-28', '2026-03-01', '2026-03-01', false],
    ['2026-03-01', '2026-03-01', '2026-03-01', true],
    ['2026-02-20', '2026-02-15', '2026-03-01', true], // trained after approval, before going live
    ['2026-02-10', '2026-02-15', '2026-03-01', false],
    ['2026-03-05', null, '2026-03-01', true],
    ['2026-03-02', '2026-03-10', '2026-03-01', true], // approved with a past effective date
  ] as const)('completed %s, approved %s, effective %s: meets %s', (last, approvedOn, effectiveOn, meets) => {
    expect(courseMeetsVersion(last, { effectiveOn, approvedOn })).toBe(meets);
  });
});
