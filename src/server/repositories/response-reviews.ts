// SQL for response reviews (migration 0025): a random sample of closed cases the reviewer may see and that nobody
// reviewed yet, inserting a review, the reviews of a worker or of everyone, and averages by worker and by unit.
import { sql } from 'kysely';
import type { CommandContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { visibleCasesFilter } from '../policies/case-access.ts';

export interface SampleFilter {
  count: number;
  unitId?: number | undefined;
  workerId?: number | undefined;
  channel?: string | undefined;
  subject?: string | undefined;
  language?: string | undefined;
  /** Instants bounding closed_at: [closedFrom, closedBefore). */
  closedFrom?: Date | undefined;
  closedBefore?: Date | undefined;
}

/** Closed, unreviewed cases drawn at random from those the actor may see. */
export async function sampleClosedCases(ctx: CommandContext, filter: SampleFilter) {
  let query = ctx.db
    .selectFrom('cases as c')
    .leftJoin('units as u', (j) => j.onRef('u.agency_id', '=', 'c.agency_id').onRef('u.id', '=', 'c.unit_id'))
    .leftJoin('users as w', (j) => j.onRef('w.agency_id', '=', 'c.agency_id').onRef('w.id', '=', 'c.assignee_id'))
    .select([
      'c.id',
      'c.tracking_number',
      'c.closed_at',
      'c.channel',
      'c.subject_code',
      'c.language',
      'u.name as unit_name',
      'c.assignee_id',
      'w.name as worker_name',
    ])
    .where(visibleCasesFilter(ctx))
    .where('c.status', '=', 'closed')
    .where('c.merged_into_id', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('response_reviews as r')
            .select('r.id')
            .whereRef('r.agency_id', '=', 'c.agency_id')
            .whereRef('r.case_id', '=', 'c.id'),
        ),
      ),
    );
  if (filter.unitId !== undefined) query = query.where('c.unit_id', '=', filter.unitId);
  if (filter.workerId !== undefined) query = query.where('c.assignee_id', '=', filter.workerId);
  if (filter.channel) query = query.where('c.channel', '=', filter.channel);
  if (filter.subject) query = query.where('c.subject_code', '=', filter.subject);
  if (filter.language) query = query.where('c.language', '=', filter.language);
  if (filter.closedFrom) query = query.where('c.closed_at', '>=', filter.closedFrom);
  if (filter.closedBefore) query = query.where('c.closed_at', '<', filter.closedBefore);
  return query
    .orderBy(sql`random()`)
    .limit(filter.count)
    .execute();
}

/** The case a review is about, if the actor may see it. */
export async function findVisibleCase(ctx: CommandContext, db: Db, trackingNumber: string) {
  return db
    .selectFrom('cases as c')
    .select(['c.id', 'c.status', 'c.assignee_id'])
    .where(visibleCasesFilter(ctx))
    .where('c.tracking_number', '=', trackingNumber)
    .executeTakeFirst();
}

/** Inserts a review; returns its id, or undefined when the case was reviewed already. */
export async function insertReview(
  db: Db,
  agencyId: number,
  v: {
    caseId: number;
    workerUserId: number | null;
    reviewerUserId: number | null;
    scores: Record<string, number>;
    average: number;
    comment: string;
    rubricVersion: number | null;
  },
): Promise<number | undefined> {
  const row = await db
    .insertInto('response_reviews')
    .values({
      agency_id: agencyId,
      case_id: v.caseId,
      worker_user_id: v.workerUserId,
      reviewer_user_id: v.reviewerUserId,
      scores: JSON.stringify(v.scores),
      average: v.average,
      comment: v.comment,
      rubric_version: v.rubricVersion,
    })
    .onConflict((oc) => oc.columns(['agency_id', 'case_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

function reviewQuery(db: Db, agencyId: number) {
  return db
    .selectFrom('response_reviews as r')
    .innerJoin('cases as c', (j) => j.onRef('c.agency_id', '=', 'r.agency_id').onRef('c.id', '=', 'r.case_id'))
    .leftJoin('units as u', (j) => j.onRef('u.agency_id', '=', 'c.agency_id').onRef('u.id', '=', 'c.unit_id'))
    .leftJoin('users as w', (j) => j.onRef('w.agency_id', '=', 'r.agency_id').onRef('w.id', '=', 'r.worker_user_id'))
    .leftJoin('users as v', (j) => j.onRef('v.agency_id', '=', 'r.agency_id').onRef('v.id', '=', 'r.reviewer_user_id'))
    .leftJoin('training_courses as t', (j) =>
      j.onRef('t.agency_id', '=', 'r.agency_id').onRef('t.id', '=', 'r.assigned_course_id'),
    )
    .select([
      'r.id',
      'c.tracking_number',
      'r.worker_user_id',
      'w.name as worker_name',
      'v.name as reviewer_name',
      'c.unit_id',
      'u.name as unit_name',
      'r.scores',
      'r.average',
      'r.comment',
      'r.rubric_version',
      'r.assigned_course_id',
      't.title as assigned_course_title',
      'r.created_at',
    ])
    .where('r.agency_id', '=', agencyId);
}

export type ReviewRow = Awaited<ReturnType<ReturnType<typeof reviewQuery>['execute']>>[number];

/** Reviews, newest first: of one worker, or all of them. */
export async function listReviews(db: Db, agencyId: number, workerId?: number): Promise<ReviewRow[]> {
  let query = reviewQuery(db, agencyId);
  if (workerId !== undefined) query = query.where('r.worker_user_id', '=', workerId);
  return query.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(1000).execute();
}

/** One review by id. */
export async function findReview(db: Db, agencyId: number, id: number): Promise<ReviewRow | undefined> {
  return reviewQuery(db, agencyId).where('r.id', '=', id).executeTakeFirst();
}

/** Records the course a review's finding assigned (one per review); false when one was assigned already. */
export async function setReviewCourse(db: Db, agencyId: number, reviewId: number, courseId: number): Promise<boolean> {
  const result = await db
    .updateTable('response_reviews')
    .set({ assigned_course_id: courseId })
    .where('agency_id', '=', agencyId)
    .where('id', '=', reviewId)
    .where('assigned_course_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
