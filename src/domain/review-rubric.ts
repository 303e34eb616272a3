// The rubric a supervisor scores a closed case's response with: accuracy, completeness, timeliness, tone and
// compassion, language access, each 1 (poor) to 5 (excellent); the review's score is their mean. Pure.

export interface RubricCriterion {
  key: string;
  name: string;
  question: string;
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
];

export const MIN_SCORE = 1;
export const MAX_SCORE = 5;

/** The problems of a set of scores against a rubric, as [criterion key, message] pairs (empty when fine). */
export function rubricProblems(rubric: RubricCriterion[], scores: Record<string, unknown>): [string, string][] {
  const problems: [string, string][] = [];
  for (const c of rubric) {
    const value = scores[c.key];
    if (value === undefined) problems.push([c.key, 'is required']);
    else if (typeof value !== 'number' || !Number.isInteger(value) || value < MIN_SCORE || value > MAX_SCORE) {
      problems.push([c.key, `must be a whole number from ${MIN_SCORE} to ${MAX_SCORE}`]);
    }
  }
  for (const key of Object.keys(scores)) {
    if (!rubric.some((c) => c.key === key)) problems.push([key, `is not a criterion of the rubric`]);
  }
  return problems;
}

/** The mean of the scores, one decimal. */
export function reviewAverage(rubric: RubricCriterion[], scores: Record<string, number>): number {
  const values = rubric.map((c) => scores[c.key] ?? 0);
  return Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
}
