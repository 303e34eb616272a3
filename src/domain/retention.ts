// Retention: after how many years closed a case is anonymised or deleted. A rule is per case kind: a subject code, '*'
// for every case whose subject has no rule of its own, '#restricted' for restricted cases (they follow only their own
// rule, never the others: a confidential unit's records are kept as that unit's rule says, or not touched at all). The
// years count from the local date the case was closed, in the agency's time zone: closed on 2019-03-10 with a
// 5-year rule, the case is due on 2024-03-10; one closed on 29 February is due on 1 March (never before N full years).
import { localDate } from '../shared/local-time.ts';

export type RetentionAction = 'anonymise' | 'delete';

export interface RetentionRule {
  caseKind: string;
  years: number;
  action: RetentionAction;
}

export const RESTRICTED_KIND = '#restricted';
export const DEFAULT_KIND = '*';

export interface RetentionCase {
  subjectCode: string | null;
  restricted: boolean;
  status: string;
  closedAt: Date | null;
}

/** The rule a case falls under, or null when none applies. */
export function retentionRuleFor(
  rules: readonly RetentionRule[],
  c: Pick<RetentionCase, 'subjectCode' | 'restricted'>,
) {
  if (c.restricted) return rules.find((r) => r.caseKind === RESTRICTED_KIND) ?? null;
  return (
    (c.subjectCode ? rules.find((r) => r.caseKind === c.subjectCode) : undefined) ??
    rules.find((r) => r.caseKind === DEFAULT_KIND) ??
    null
  );
}

/** The local date `years` after the local date of `closedAt` (29 February moves to 1 March). */
export function retentionDueOn(closedAt: Date, years: number, timeZone: string): string {
  const [y, m, d] = localDate(closedAt, timeZone).split('-').map(Number) as [number, number, number];
  const year = y + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (m === 2 && d === 29 && !leap) return `${year}-03-01`;
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export interface RetentionDecision {
  action: RetentionAction;
  rule: RetentionRule;
  dueOn: string;
}

/** What retention does to a case now: null while it is open, has no rule, or is not yet due. */
export function retentionDecision(
  rules: readonly RetentionRule[],
  c: RetentionCase,
  now: Date,
  timeZone: string,
): RetentionDecision | null {
  if (c.status !== 'closed' || !c.closedAt) return null;
  const rule = retentionRuleFor(rules, c);
  if (!rule) return null;
  const dueOn = retentionDueOn(c.closedAt, rule.years, timeZone);
  return localDate(now, timeZone) >= dueOn ? { action: rule.action, rule, dueOn } : null;
}

/**
 * The latest closing instant a case can have and be due now under `years` (a coarse pre-filter for the database;
 * retentionDecision decides each case): the end of the local day `years` before today, plus a day for 29 February.
 */
export function retentionClosedBefore(now: Date, years: number, timeZone: string): Date {
  const [y, m, d] = localDate(now, timeZone).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y - years, m - 1, d + 2));
}

/** Problems of a rule as given, by field, in plain words. */
export function retentionRuleProblems(rule: { caseKind: string; years: number; action: string }) {
  const problems: { field: string; message: string }[] = [];
  if (!rule.caseKind.trim())
    problems.push({ field: 'caseKind', message: 'must name a subject code, * or #restricted' });
  if (!Number.isInteger(rule.years) || rule.years < 1 || rule.years > 100)
    problems.push({ field: 'years', message: 'must be a whole number of years from 1 to 100' });
  if (rule.action !== 'anonymise' && rule.action !== 'delete')
    problems.push({ field: 'action', message: 'must be anonymise or delete' });
  return problems;
}
