import { describe, expect, it } from 'vitest';
import { planVersionDecision } from './version-approval.ts';

describe('planVersionDecision', () => {
  const versions = [
    { version: 3, status: 'draft' as const },
    { version: 2, status: 'approved' as const },
    { version: 1, status: 'retired' as const },
  ];

  it.each([
    [3, 'approve', { ok: true, to: 'approved', retires: 2 }],
    [2, 'retire', { ok: true, to: 'retired', retires: null }],
  ] as const)('version %i, %s', (version, decision, expected) => {
    expect(planVersionDecision(versions, version, decision)).toEqual(expected);
  });

  it('approves a first draft without retiring anything', () => {
    expect(planVersionDecision([{ version: 1, status: 'draft' }], 1, 'approve')).toEqual({
      ok: true,
      to: 'approved',
      retires: null,
    });
  });

  it.each([
    [2, 'approve', 'Version 2 is approved; only a draft version can be approved.'],
    [1, 'retire', 'Version 1 is retired; only an approved version can be retired.'],
    [3, 'retire', 'Version 3 is draft; only an approved version can be retired.'],
    [9, 'approve', 'there is no version 9'],
  ] as const)('refuses version %i, %s', (version, decision, problem) => {
    expect(planVersionDecision(versions, version, decision)).toEqual({ ok: false, problem });
  });
});
