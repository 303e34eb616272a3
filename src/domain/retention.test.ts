import { describe, expect, it } from 'vitest';
import {
  retentionDecision,
  retentionDueOn,
  retentionRuleFor,
  retentionRuleProblems,
  type RetentionRule,
} from './retention.ts';

const NY = 'America/New_York';
const rules: RetentionRule[] = [
  { caseKind: '*', years: 7, action: 'anonymise' },
  { caseKind: 'NOISE', years: 2, action: 'delete' },
  { caseKind: '#restricted', years: 10, action: 'delete' },
];

describe('retentionRuleFor', () => {
  it.each([
    [{ subjectCode: 'NOISE', restricted: false }, 'NOISE'],
    [{ subjectCode: 'HEAT', restricted: false }, '*'],
    [{ subjectCode: null, restricted: false }, '*'],
    [{ subjectCode: 'NOISE', restricted: true }, '#restricted'],
  ])('%o falls under %s', (c, kind) => {
    expect(retentionRuleFor(rules, c)?.caseKind).toBe(kind);
  });

  it('leaves restricted cases alone without a rule of their own', () => {
    expect(retentionRuleFor(rules.slice(0, 2), { subjectCode: 'NOISE', restricted: true })).toBeNull();
  });
});

describe('retentionDueOn', () => {
  it.each([
    // closed at (UTC instant), years, due on (local date)
    ['2019-03-10T15:00:00Z', 5, '2024-03-10'],
    // 02:30 UTC on 1 January is still 31 December in New York
    ['2020-01-01T02:30:00Z', 2, '2021-12-31'],
    ['2020-02-29T12:00:00Z', 1, '2021-03-01'],
    ['2020-02-29T12:00:00Z', 4, '2024-02-29'],
  ])('closed %s, %i years: due %s', (closed, years, due) => {
    expect(retentionDueOn(new Date(closed), years, NY)).toBe(due);
  });
});

describe('retentionDecision', () => {
  const closed = (at: string, extra: Partial<{ subjectCode: string; restricted: boolean; status: string }> = {}) => ({
    subjectCode: extra.subjectCode ?? 'HEAT',
    restricted: extra.restricted ?? false,
    status: extra.status ?? 'closed',
    closedAt: new Date(at),
  });
  it.each([
    // case, now, expected action (null = nothing)
    [closed('2017-06-01T16:00:00Z'), '2024-06-01T03:59:00Z', null], // 23:59 on 31 May in New York: not yet
    [closed('2017-06-01T16:00:00Z'), '2024-06-01T04:00:00Z', 'anonymise'], // midnight local: due
    [closed('2022-01-05T16:00:00Z', { subjectCode: 'NOISE' }), '2024-01-05T12:00:00Z', 'delete'],
    [closed('2022-01-05T16:00:00Z', { subjectCode: 'NOISE' }), '2024-01-04T12:00:00Z', null],
    [closed('2010-01-05T16:00:00Z', { status: 'in_progress' }), '2024-01-04T12:00:00Z', null],
    [closed('2016-01-05T16:00:00Z', { restricted: true }), '2024-01-05T12:00:00Z', null], // its own 10 years
    [closed('2014-01-05T16:00:00Z', { restricted: true }), '2024-01-05T12:00:00Z', 'delete'],
  ])('%o at %s: %s', (c, now, action) => {
    expect(retentionDecision(rules, c, new Date(now), NY)?.action ?? null).toBe(action);
  });

  it('does nothing to a case without a closing date', () => {
    expect(retentionDecision(rules, { ...closed('2000-01-01T00:00:00Z'), closedAt: null }, new Date(), NY)).toBeNull();
  });
});

describe('retentionRuleProblems', () => {
  it('names each wrong field', () => {
    expect(retentionRuleProblems({ caseKind: ' ', years: 0, action: 'shred' }).map((p) => p.field)).toEqual([
      'caseKind',
      'years',
      'action',
    ]);
    expect(retentionRuleProblems({ caseKind: '*', years: 7, action: 'anonymise' })).toEqual([]);
  });
});
