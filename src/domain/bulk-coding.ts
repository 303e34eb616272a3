// Bulk coding: which of the selected cases a change of subject, priority, tags or unit applies to, which are skipped
// and why, and the counts the preview shows before anyone confirms. Pure; the command applies what this decides.

/** What a bulk coding sets: each part optional, at least one given. */
export interface BulkCodingChange {
  subject?: string | undefined;
  priority?: string | undefined;
  addTags?: readonly string[] | undefined;
  removeTags?: readonly string[] | undefined;
  unit?: string | undefined;
}

/** What the planner needs to know about one selected case. */
export interface BulkCaseFacts {
  trackingNumber: string;
  status: string;
  restricted: boolean;
  merged: boolean;
  /** The actor may change its coding (subject, priority, tags). */
  mayUpdate: boolean;
  /** The actor may route it to another unit. */
  mayRoute: boolean;
  subject: string | null;
  priority: string;
  tags: readonly string[];
  unit: string | null;
}

export type BulkSkipReason =
  'restricted' | 'closed' | 'merged' | 'not_permitted' | 'unchanged' | 'changed_meanwhile' | 'refused';

/** Why a case was left alone, in words for the preview. */
export const BULK_SKIP_TEXT: Record<BulkSkipReason, string> = {
  restricted: 'restricted: change a restricted case on its own page',
  closed: 'closed: reopen a case before recoding it',
  merged: 'merged into another case: code that one',
  not_permitted: 'you may not change these cases',
  unchanged: 'already coded this way',
  changed_meanwhile: 'changed by someone else while the bulk change ran',
  refused: 'refused by the case itself (open it to see why)',
};

export interface BulkCaseEdits {
  subject?: string;
  priority?: string;
  tags?: string[];
  unit?: string;
}

export type BulkCasePlan =
  { trackingNumber: string; skip: BulkSkipReason } | { trackingNumber: string; skip?: undefined; edits: BulkCaseEdits };

const clean = (tags: readonly string[] | undefined) => [...new Set((tags ?? []).map((t) => t.trim()).filter(Boolean))];

/** The tags a case ends with: removals first, then additions not already there, order kept. */
export function nextTags(current: readonly string[], change: BulkCodingChange): string[] {
  const remove = new Set(clean(change.removeTags));
  const kept = current.filter((t) => !remove.has(t));
  return [...kept, ...clean(change.addTags).filter((t) => !kept.includes(t))];
}

/** What happens to one case: skipped with a reason, or the edits that differ from what it has. */
export function planBulkCase(facts: BulkCaseFacts, change: BulkCodingChange): BulkCasePlan {
  const { trackingNumber } = facts;
  if (facts.restricted) return { trackingNumber, skip: 'restricted' };
  if (facts.merged) return { trackingNumber, skip: 'merged' };
  if (facts.status === 'closed') return { trackingNumber, skip: 'closed' };
  const codes = change.subject !== undefined || change.priority !== undefined || change.addTags || change.removeTags;
  if ((codes && !facts.mayUpdate) || (change.unit !== undefined && !facts.mayRoute)) {
    return { trackingNumber, skip: 'not_permitted' };
  }
  const edits: BulkCaseEdits = {};
  if (change.subject !== undefined && change.subject !== facts.subject) edits.subject = change.subject;
  if (change.priority !== undefined && change.priority !== facts.priority) edits.priority = change.priority;
  if (change.addTags?.length || change.removeTags?.length) {
    const tags = nextTags(facts.tags, change);
    if (tags.join('\u0000') !== facts.tags.join('\u0000')) edits.tags = tags;
  }
  if (change.unit !== undefined && change.unit !== facts.unit) edits.unit = change.unit;
  return Object.keys(edits).length ? { trackingNumber, edits } : { trackingNumber, skip: 'unchanged' };
}

export interface BulkChangeCount {
  field: 'subject' | 'priority' | 'addTag' | 'removeTag' | 'unit';
  value: string;
  count: number;
}

export interface BulkSkipCount {
  reason: BulkSkipReason;
  message: string;
  count: number;
  /** The first few cases skipped for this reason. */
  trackingNumbers: string[];
}

export interface BulkCodingSummary {
  matched: number;
  willChange: number;
  changes: BulkChangeCount[];
  skipped: BulkSkipCount[];
}

/** How many cases each part of the change touches, and the skipped cases grouped by reason. */
export function summarizeBulkCoding(
  facts: readonly BulkCaseFacts[],
  plans: readonly BulkCasePlan[],
  change: BulkCodingChange,
  sampleSize = 10,
): BulkCodingSummary {
  const byNumber = new Map(facts.map((f) => [f.trackingNumber, f]));
  const counts = new Map<string, BulkChangeCount>();
  const bump = (field: BulkChangeCount['field'], value: string) => {
    const key = `${field}\u0000${value}`;
    const entry = counts.get(key) ?? { field, value, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  };
  const skipped = new Map<BulkSkipReason, BulkSkipCount>();
  let willChange = 0;
  for (const plan of plans) {
    if (plan.skip) {
      const entry = skipped.get(plan.skip) ?? {
        reason: plan.skip,
        message: BULK_SKIP_TEXT[plan.skip],
        count: 0,
        trackingNumbers: [],
      };
      entry.count += 1;
      if (entry.trackingNumbers.length < sampleSize) entry.trackingNumbers.push(plan.trackingNumber);
      skipped.set(plan.skip, entry);
      continue;
    }
    willChange += 1;
    const before = byNumber.get(plan.trackingNumber);
    if (plan.edits.subject !== undefined) bump('subject', plan.edits.subject);
    if (plan.edits.priority !== undefined) bump('priority', plan.edits.priority);
    if (plan.edits.unit !== undefined) bump('unit', plan.edits.unit);
    if (plan.edits.tags) {
      for (const tag of clean(change.addTags)) if (!before?.tags.includes(tag)) bump('addTag', tag);
      for (const tag of clean(change.removeTags)) if (before?.tags.includes(tag)) bump('removeTag', tag);
    }
  }
  return { matched: plans.length, willChange, changes: [...counts.values()], skipped: [...skipped.values()] };
}
