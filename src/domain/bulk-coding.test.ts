import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nextTags, planBulkCase, summarizeBulkCoding, type BulkCaseFacts } from './bulk-coding.ts';

const open: BulkCaseFacts = {
  trackingNumber: 'C-1',
  status: 'new',
  restricted: false,
  merged: false,
  mayUpdate: true,
  mayRoute: true,
  subject: null,
  priority: 'normal',
  tags: ['heat'],
  unit: 'SNAP',
};

describe('planBulkCase', () => {
  it.each([
    ['restricted', { restricted: true }, { subject: 'snap' }, 'restricted'],
    ['merged', { merged: true }, { subject: 'snap' }, 'merged'],
    ['closed', { status: 'closed' }, { priority: 'high' }, 'closed'],
    ['not allowed to code', { mayUpdate: false }, { priority: 'high' }, 'not_permitted'],
    ['not allowed to route', { mayRoute: false }, { unit: 'FIA' }, 'not_permitted'],
    ['same subject', { subject: 'snap' }, { subject: 'snap' }, 'unchanged'],
    ['tag already there', {}, { addTags: ['heat'] }, 'unchanged'],
    ['removing a missing tag', {}, { removeTags: ['cold'] }, 'unchanged'],
    ['same unit', {}, { unit: 'SNAP' }, 'unchanged'],
  ] as const)('skips a case that is %s', (_name, facts, change, reason) => {
    expect(planBulkCase({ ...open, ...facts }, change)).toEqual({ trackingNumber: 'C-1', skip: reason });
  });

  it('keeps only the parts that differ', () => {
    expect(
      planBulkCase({ ...open, priority: 'high' }, { subject: 'snap', priority: 'high', addTags: ['x'], unit: 'FIA' }),
    ).toEqual({ trackingNumber: 'C-1', edits: { subject: 'snap', tags: ['heat', 'x'], unit: 'FIA' } });
  });

  it('lets a liaison-like actor route but not code', () => {
    const facts = { ...open, mayUpdate: false };
    expect(planBulkCase(facts, { unit: 'FIA' })).toEqual({ trackingNumber: 'C-1', edits: { unit: 'FIA' } });
    expect(planBulkCase(facts, { unit: 'FIA', priority: 'high' }).skip).toBe('not_permitted');
  });
});

describe('nextTags', () => {
  it('removes before adding and keeps the order', () => {
    expect(nextTags(['a', 'b', 'c'], { removeTags: ['b'], addTags: [' d ', 'a', 'd'] })).toEqual(['a', 'c', 'd']);
  });
  it('never duplicates a tag and always holds the added ones, never the removed ones', () => {
    const tag = fc.constantFrom('a', 'b', 'c', 'd', 'e');
    fc.assert(
      fc.property(fc.uniqueArray(tag), fc.array(tag), fc.array(tag), (current, addTags, removeTags) => {
        const next = nextTags(current, { addTags, removeTags });
        expect(new Set(next).size).toBe(next.length);
        for (const t of addTags) expect(next).toContain(t);
        for (const t of removeTags) if (!addTags.includes(t)) expect(next).not.toContain(t);
      }),
    );
  });
});

describe('summarizeBulkCoding', () => {
  it('counts each change and groups the skipped cases by reason', () => {
    const facts: BulkCaseFacts[] = [
      { ...open, trackingNumber: 'A' },
      { ...open, trackingNumber: 'B', tags: ['x'] },
      { ...open, trackingNumber: 'C', restricted: true },
      { ...open, trackingNumber: 'D', status: 'closed' },
      { ...open, trackingNumber: 'E', status: 'closed' },
    ];
    const change = { priority: 'high', addTags: ['x'] };
    const summary = summarizeBulkCoding(
      facts,
      facts.map((f) => planBulkCase(f, change)),
      change,
    );
    expect(summary.matched).toBe(5);
    expect(summary.willChange).toBe(2);
    expect(summary.changes).toEqual([
      { field: 'priority', value: 'high', count: 2 },
      { field: 'addTag', value: 'x', count: 1 },
    ]);
    expect(summary.skipped.map((s) => [s.reason, s.count, s.trackingNumbers])).toEqual([
      ['restricted', 1, ['C']],
      ['closed', 2, ['D', 'E']],
    ]);
  });
});
