// Read models of response reviews: a random sample of closed cases to review, the reviews a reader may see (a
// worker sees their own; supervisors and administrators everyone's), and averages by worker and by unit.
import type { CommandContext } from '../context.ts';
import { managesQuality, requireQualityManager } from '../policies/quality.ts';
import { listReviews, sampleClosedCases, type ReviewRow } from '../repositories/response-reviews.ts';
import type { Rubric } from '../../domain/review-rubric.ts';
import { currentRubric } from './review-rubric.ts';
import { addLocalDays, startOfLocalDay, isCalendarDate } from '../../shared/local-time.ts';
import { FieldProblems } from '../commands/common.ts';
import type { Review, ReviewSummary, SampledCase } from '../../shared/quality.ts';

/** A review as the API shows it. */
export function presentReview(r: ReviewRow): Review {
  return {
    id: r.id,
    trackingNumber: r.tracking_number,
    workerId: r.worker_user_id,
    workerName: r.worker_name ?? null,
    reviewerName: r.reviewer_name ?? null,
    unitName: r.unit_name ?? null,
    scores: r.scores,
    average: Number(r.average),
    comment: r.comment,
    rubricVersion: r.rubric_version,
    assignedCourse:
      r.assigned_course_id === null ? null : { id: r.assigned_course_id, title: r.assigned_course_title ?? '' },
    createdAt: r.created_at.toISOString(),
  };
}

type RubricInUse = Pick<ReviewSummary, 'rubric' | 'rubricVersion' | 'scaleMin' | 'scaleMax'>;

const rubricInUse = (rubric: Rubric): RubricInUse => ({
  rubric: rubric.criteria,
  rubricVersion: rubric.version,
  scaleMin: rubric.scaleMin,
  scaleMax: rubric.scaleMax,
});

/** Draws closed, unreviewed cases at random (by unit, worker, channel, subject, language, closing dates). */
export async function sampleCases(
  ctx: CommandContext,
  input: {
    count: number;
    unitId?: number | undefined;
    workerId?: number | undefined;
    channel?: string | undefined;
    subject?: string | undefined;
    language?: string | undefined;
    closedFrom?: string | undefined;
    closedTo?: string | undefined;
  },
): Promise<RubricInUse & { cases: SampledCase[] }> {
  requireQualityManager(ctx, 'sample cases for review');
  const problems = new FieldProblems();
  if (input.closedFrom && !isCalendarDate(input.closedFrom))
    problems.add('closedFrom', 'must be a date written YYYY-MM-DD');
  if (input.closedTo && !isCalendarDate(input.closedTo)) problems.add('closedTo', 'must be a date written YYYY-MM-DD');
  problems.throwIfAny();
  const tz = ctx.agency.timeZone;
  const rows = await sampleClosedCases(ctx, {
    ...input,
    closedFrom: input.closedFrom ? startOfLocalDay(input.closedFrom, tz) : undefined,
    closedBefore: input.closedTo ? startOfLocalDay(addLocalDays(input.closedTo, 1), tz) : undefined,
  });
  return {
    ...rubricInUse(await currentRubric(ctx.db, ctx.agency.id)),
    cases: rows.map((r) => ({
      trackingNumber: r.tracking_number,
      closedAt: r.closed_at?.toISOString() ?? null,
      channel: r.channel,
      subjectCode: r.subject_code,
      language: r.language,
      unitName: r.unit_name ?? null,
      workerId: r.assignee_id,
      workerName: r.worker_name ?? null,
    })),
  };
}

/** Reviews the reader may see: their own as a worker, or (managers) everyone's or one worker's. */
export async function reviewsFor(ctx: CommandContext, workerId?: number): Promise<Review[]> {
  const who = managesQuality(ctx.actor) || ctx.actor.role === 'auditor' ? workerId : ctx.actor.userId;
  return (await listReviews(ctx.db, ctx.agency.id, who)).map(presentReview);
}

function summarise(
  rubric: Rubric,
  reviews: ReviewRow[],
  key: (r: ReviewRow) => [number | null, string],
): ReviewSummary['byWorker'] {
  const groups = new Map<string, { id: number | null; name: string; rows: ReviewRow[] }>();
  for (const r of reviews) {
    const [id, name] = key(r);
    const group = groups.get(`${id}`) ?? { id, name, rows: [] };
    group.rows.push(r);
    groups.set(`${id}`, group);
  }
  const mean = (values: number[]) => Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
  return [...groups.values()]
    .map((g) => ({
      id: g.id,
      name: g.name,
      reviews: g.rows.length,
      average: mean(g.rows.map((r) => Number(r.average))),
      // Each criterion of the rubric in use over the reviews that scored it (an older version may not have it).
      byCriterion: Object.fromEntries(
        rubric.criteria.flatMap((c) => {
          const scored = g.rows.filter((r) => typeof r.scores[c.key] === 'number').map((r) => r.scores[c.key]!);
          return scored.length ? [[c.key, mean(scored)]] : [];
        }),
      ),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Averages by worker and by unit over every review (managers and auditors). */
export async function reviewSummary(ctx: CommandContext): Promise<ReviewSummary> {
  if (ctx.actor.role !== 'auditor') requireQualityManager(ctx, 'see review results by worker and unit');
  const reviews = await listReviews(ctx.db, ctx.agency.id);
  const rubric = await currentRubric(ctx.db, ctx.agency.id);
  return {
    ...rubricInUse(rubric),
    byWorker: summarise(rubric, reviews, (r) => [r.worker_user_id, r.worker_name ?? 'Nobody assigned']),
    byUnit: summarise(rubric, reviews, (r) => [r.unit_id, r.unit_name ?? 'No unit']),
  };
}
