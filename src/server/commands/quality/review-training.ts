// A review's finding assigns a course to the reviewed worker: the assignment feeds the training-needs view until the
// worker completes the course, the review keeps which course it assigned (one per review), and the worker is told.
import type { CommandContext } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { findReview, setReviewCourse } from '../../repositories/response-reviews.ts';
import { courseTitle, insertTrainingAssignment } from '../../repositories/training.ts';
import { requireQualityManager } from '../../policies/quality.ts';
import { presentReview } from '../../queries/response-reviews.ts';
import { localDate } from '../../../shared/local-time.ts';
import type { Review } from '../../../shared/quality.ts';
import { FieldProblems } from '../common.ts';
import { cleanText } from './action-plan-input.ts';
import { notify } from '../notifications/notify.ts';

/** Assigns `courseId` to the worker of review `reviewId`, with what the review found; supervisors and administrators. */
export async function assignReviewTraining(
  ctx: CommandContext,
  reviewId: number,
  input: { courseId: number; reason: string },
): Promise<Review> {
  requireQualityManager(ctx, 'assign training from a review');
  const problems = new FieldProblems();
  const reason = cleanText(problems, 'reason', input.reason, 1000);
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    const review = await findReview(tx, ctx.agency.id, reviewId);
    if (!review) throw notFound(`Review ${reviewId}`);
    if (review.worker_user_id === null) {
      throw new AppError(
        'conflict',
        `Review ${reviewId}: the case had no assigned worker, so nobody can be assigned training.`,
      );
    }
    const title = await courseTitle(tx, ctx.agency.id, input.courseId);
    if (title === null) {
      throw new AppError('validation_failed', `courseId: there is no course ${input.courseId}.`, [
        { field: 'courseId', message: 'is not a course of this agency' },
      ]);
    }
    if (!(await setReviewCourse(tx, ctx.agency.id, reviewId, input.courseId))) {
      throw new AppError('conflict', `Review ${reviewId} has assigned a course already.`);
    }
    await insertTrainingAssignment(tx, ctx.agency.id, {
      userId: review.worker_user_id,
      courseId: input.courseId,
      reviewId,
      reason,
      assignedBy: ctx.actor.userId || null,
      assignedOn: localDate(new Date(), ctx.agency.timeZone),
    });
    const txCtx = { ...ctx, db: tx };
    await recordAudit(tx, txCtx, {
      action: 'training.assigned',
      entityType: 'training_course',
      entityId: input.courseId,
      after: { user_id: review.worker_user_id, review_id: reviewId, tracking_number: review.tracking_number },
      reason,
    });
    await notify(tx, txCtx, {
      kind: 'training_due',
      to: { userIds: [review.worker_user_id] },
      summary: `A review of ${review.tracking_number} assigned you the training “${title}”`,
      subjectDetail: title,
      consolePath: '/quality/training',
    });
    return presentReview((await findReview(tx, ctx.agency.id, reviewId))!);
  });
}
