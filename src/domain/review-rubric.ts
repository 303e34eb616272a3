// The rubric a supervisor scores a closed case's response with: accuracy, completeness, timeliness, tone and
// compassion, language access, each 1 (poor) to 5 (excellent); the review's score is their mean weighted by each
// criterion's weight. An administrator may replace it with the agency's own (criteria, weights, scale), each edit a
// new version; a review keeps the version it was scored with. Pure.

export interface RubricCriterion {
  key: string;
  name: string;
  question: string;
  /** How much the criterion counts in the review's score (all 1 in the built-in rubric). */
  weight: number;
}

/** A version of a rubric: null is the built-in one. */
export interface Rubric {
  version: number | null;
  scaleMin: number;
  scaleMax: number;
  criteria: RubricCriterion[];
}

export const DEFAULT_RUBRIC: RubricCriterion[] = [
  { key: 'accuracy', name: 'Accuracy', question: 'Were the facts, rules and next steps stated correctly?' },
  { key: 'completeness', name: 'Completeness', question: 'Did the response answer everything the writer raised?' },
  { key: 'timeliness', name: 'Timeliness', question: 'Was it sent within the service standard?' },
  { key: 'tone', name: 'Tone and compassion', question: 'Was it respectful, plain and kind?' },
  {
    key: 'language_access',
    name: 'Language access',
    question: 'Was it in the writer’s language, with interpretation offered?',
  },
].map((c) => ({ ...c, weight: 1 }));

export const MIN_SCORE = 1;
export const MAX_SCORE = 5;

/** The built-in rubric, used until an administrator saves the agency's own. */
export const BUILT_IN_RUBRIC: Rubric = {
  version: null,
  scaleMin: MIN_SCORE,
  scaleMax: MAX_SCORE,
  criteria: DEFAULT_RUBRIC,
};

export const MAX_CRITERIA = 20;

/** A criterion's key from its name: lower case letters, digits and underscores. */
export function criterionKey(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40) || 'criterion'
  );
}

/** An edit of the rubric as typed: criteria with a name, description and weight, and the scale. */
export interface RubricDraft {
  scaleMin: number;
  scaleMax: number;
  criteria: { key?: string | undefined; name: string; description: string; weight: number }[];
}

/**
 * The rubric an edit gives (keys kept when given, else made from the name and kept unique), and the problems of the
 * edit as [field, message] pairs (field paths like criteria.2.weight).
 */
export function rubricFromDraft(draft: RubricDraft): { criteria: RubricCriterion[]; problems: [string, string][] } {
  const problems: [string, string][] = [];
  const { scaleMin, scaleMax } = draft;
  if (!Number.isInteger(scaleMin) || scaleMin < 0 || scaleMin > 99) {
    problems.push(['scaleMin', 'must be a whole number from 0 to 99']);
  }
  if (!Number.isInteger(scaleMax) || scaleMax < 1 || scaleMax > 100) {
    problems.push(['scaleMax', 'must be a whole number from 1 to 100']);
  } else if (Number.isInteger(scaleMin) && scaleMax <= scaleMin) {
    problems.push(['scaleMax', 'must be above the lowest score']);
  }
  if (draft.criteria.length === 0) problems.push(['criteria', 'needs at least one criterion']);
  if (draft.criteria.length > MAX_CRITERIA) problems.push(['criteria', `may hold at most ${MAX_CRITERIA} criteria`]);
  const taken = new Set<string>();
  const criteria = draft.criteria.map((c, i) => {
    const name = c.name.trim();
    const question = c.description.trim();
    if (!name) problems.push([`criteria.${i}.name`, 'is required']);
    else if (name.length > 80) problems.push([`criteria.${i}.name`, 'must be at most 80 characters']);
    if (question.length > 500) problems.push([`criteria.${i}.description`, 'must be at most 500 characters']);
    if (!Number.isFinite(c.weight) || c.weight <= 0 || c.weight > 100) {
      problems.push([`criteria.${i}.weight`, 'must be a number above 0 and at most 100']);
    }
    let key = c.key?.trim() || criterionKey(name);
    if (!/^[a-z0-9_]{1,40}$/.test(key)) {
      problems.push([`criteria.${i}.key`, 'must be lower-case letters, digits and underscores']);
    }
    if (taken.has(key)) {
      if (c.key?.trim()) problems.push([`criteria.${i}.key`, 'is the key of another criterion']);
      for (let n = 2; taken.has(`${key}_${n}`) || taken.has(key); n += 1) key = `${criterionKey(name)}_${n}`;
    }
    taken.add(key);
    return { key, name, question, weight: c.weight };
  });
  return { criteria, problems };
}

/** The problems of a set of scores against a rubric, as [criterion key, message] pairs (empty when fine). */
export function rubricProblems(
  rubric: RubricCriterion[],
  scores: Record<string, unknown>,
  scale: { scaleMin: number; scaleMax: number } = BUILT_IN_RUBRIC,
): [string, string][] {
  const problems: [string, string][] = [];
  const { scaleMin, scaleMax } = scale;
  for (const c of rubric) {
    const value = scores[c.key];
    if (value === undefined) problems.push([c.key, 'is required']);
    else if (typeof value !== 'number' || !Number.isInteger(value) || value < scaleMin || value > scaleMax) {
      problems.push([c.key, `must be a whole number from ${scaleMin} to ${scaleMax}`]);
    }
  }
  for (const key of Object.keys(scores)) {
    if (!rubric.some((c) => c.key === key)) problems.push([key, `is not a criterion of the rubric`]);
  }
  return problems;
}

/** The mean of the scores weighted by each criterion's weight, one decimal. */
export function reviewAverage(rubric: RubricCriterion[], scores: Record<string, number>): number {
  const weights = rubric.reduce((sum, c) => sum + c.weight, 0);
  const total = rubric.reduce((sum, c) => sum + (scores[c.key] ?? 0) * c.weight, 0);
  return Math.round((total / weights) * 10) / 10;
}
