// A supervisor's review of a closed case's response: a score for each rubric criterion and a comment, attached to
// the case's worker (its assignee), scored on the rubric in use and keeping its version. One review per case; one
// transaction, one audit event on the case.
import type { CommandContext } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { findReview, findVisibleCase, insertReview } from '../../repositories/response-reviews.ts';
import { requireQualityManager } from '../../policies/quality.ts';
import { reviewAverage, rubricProblems } from '../../../domain/review-rubric.ts';
import { currentRubric } from '../../queries/review-rubric.ts';
import { presentReview } from '../../queries/response-reviews.ts';
import type { Review } from '../../../shared/quality.ts';
import { FieldProblems } from '../common.ts';
import { cleanText } from './action-plan-input.ts';

/** Records a review of a closed case the reviewer may see; supervisors and administrators. */
export async function createReview(
  ctx: CommandContext,
  input: { trackingNumber: string; scores: Record<string, number>; comment?: string | undefined },
): Promise<Review> {
  requireQualityManager(ctx, 'review responses');
  return ctx.db.transaction().execute(async (tx) => {
    const rubric = await currentRubric(tx, ctx.agency.id);
    const problems = new FieldProblems();
    for (const [key, message] of rubricProblems(rubric.criteria, input.scores, rubric)) {
      problems.add(`scores.${key}`, message);
    }
    const comment = cleanText(problems, 'comment', input.comment, 4000, false);
    problems.throwIfAny();
    const found = await findVisibleCase(ctx, tx, input.trackingNumber.trim());
    if (!found) throw notFound(`Case ${input.trackingNumber}`);
    if (found.status !== 'closed') {
      throw new AppError('validation_failed', 'trackingNumber: only closed cases are reviewed.', [
        { field: 'trackingNumber', message: 'is not closed yet' },
      ]);
    }
    const average = reviewAverage(rubric.criteria, input.scores);
    const id = await insertReview(tx, ctx.agency.id, {
      caseId: found.id,
      workerUserId: found.assignee_id,
      reviewerUserId: ctx.actor.userId || null,
      scores: input.scores,
      average,
      comment,
      rubricVersion: rubric.version,
    });
    if (id === undefined) throw new AppError('conflict', `Case ${input.trackingNumber} has been reviewed already.`);
    await recordAudit(tx, ctx, {
      action: 'case.reviewed',
      entityType: 'case',
      entityId: input.trackingNumber,
      caseId: found.id,
      after: { review_average: average, scores: input.scores, comment, rubric_version: rubric.version },
    });
    return presentReview((await findReview(tx, ctx.agency.id, id))!);
  });
}
