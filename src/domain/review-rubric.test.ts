import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_RUBRIC, reviewAverage, rubricFromDraft, rubricProblems } from './review-rubric.ts';

const full = { accuracy: 5, completeness: 4, timeliness: 3, tone: 5, language_access: 4 };

describe('review rubric', () => {
  it('accepts a score for each criterion and averages them', () => {
    expect(rubricProblems(DEFAULT_RUBRIC, full)).toEqual([]);
    expect(reviewAverage(DEFAULT_RUBRIC, full)).toBe(4.2);
  });

  it.each([
    [{ ...full, accuracy: 0 }, 'accuracy'],
    [{ ...full, tone: 2.5 }, 'tone'],
    [{ ...full, extra: 3 }, 'extra'],
    [{ accuracy: 5, completeness: 4, timeliness: 3, tone: 5 }, 'language_access'],
  ])('names the criterion at fault in %j', (scores, key) => {
    expect(rubricProblems(DEFAULT_RUBRIC, scores).map(([k]) => k)).toEqual([key]);
  });

  it('the average lies between the lowest and the highest score', () => {
    const score = fc.integer({ min: 1, max: 5 });
    fc.assert(
      fc.property(fc.tuple(score, score, score, score, score), (s) => {
        const scores = Object.fromEntries(DEFAULT_RUBRIC.map((c, i) => [c.key, s[i]!]));
        const average = reviewAverage(DEFAULT_RUBRIC, scores);
        expect(average).toBeGreaterThanOrEqual(Math.min(...s));
        expect(average).toBeLessThanOrEqual(Math.max(...s));
      }),
    );
  });

  it('weighs each criterion by its weight and scores on the rubric’s scale', () => {
    const rubric = [
      { key: 'a', name: 'A', question: '', weight: 3 },
      { key: 'b', name: 'B', question: '', weight: 1 },
    ];
    expect(reviewAverage(rubric, { a: 10, b: 2 })).toBe(8);
    expect(rubricProblems(rubric, { a: 10, b: 0 }, { scaleMin: 0, scaleMax: 10 })).toEqual([]);
    expect(rubricProblems(rubric, { a: 11, b: 0 }, { scaleMin: 0, scaleMax: 10 })).toEqual([
      ['a', 'must be a whole number from 0 to 10'],
    ]);
  });

  it('makes criteria from an edit, keeping given keys, and names each problem by its field', () => {
    const good = rubricFromDraft({
      scaleMin: 1,
      scaleMax: 4,
      criteria: [
        { key: 'accuracy', name: 'Accuracy', description: 'Right facts.', weight: 2 },
        { name: 'Plain language', description: '', weight: 1 },
        { name: 'Plain  language!', description: '', weight: 1 },
      ],
    });
    expect(good.problems).toEqual([]);
    expect(good.criteria.map((c) => c.key)).toEqual(['accuracy', 'plain_language', 'plain_language_2']);
    const bad = rubricFromDraft({
      scaleMin: 5,
      scaleMax: 5,
      criteria: [
        { name: ' ', description: '', weight: 0 },
        { key: 'BAD KEY', name: 'x', description: '', weight: 1 },
      ],
    });
    expect(bad.problems.map(([field]) => field)).toEqual([
      'scaleMax',
      'criteria.0.name',
      'criteria.0.weight',
      'criteria.1.key',
    ]);
    expect(rubricFromDraft({ scaleMin: 1, scaleMax: 5, criteria: [] }).problems).toEqual([
      ['criteria', 'needs at least one criterion'],
    ]);
  });
});
