import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_RUBRIC, reviewAverage, rubricProblems } from './review-rubric.ts';

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
});
