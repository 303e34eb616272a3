// Feedback after an engagement: its public link (the code's digest for the public lookup, the code sealed at rest for
// staff to copy again) and the anonymous answers — satisfaction 1–5, resolved yes/no, a comment — with their counts.
// Every statement is scoped to one agency; answers carry no personal data.
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

export interface FeedbackLinkRow {
  engagementId: number;
  codeSealed: string;
  createdAt: Date;
}

/** The feedback link of an engagement, if it has one. */
export async function getFeedbackLink(
  db: Db,
  agencyId: number,
  engagementId: number,
): Promise<FeedbackLinkRow | undefined> {
  const row = await db
    .selectFrom('engagement_feedback_links')
    .select(['engagement_id', 'code_sealed', 'created_at'])
    .where('agency_id', '=', agencyId)
    .where('engagement_id', '=', engagementId)
    .executeTakeFirst();
  return row && { engagementId: row.engagement_id, codeSealed: row.code_sealed, createdAt: row.created_at };
}

/** Gives an engagement its feedback link, or replaces its code (the old link stops working). */
export async function saveFeedbackLink(
  tx: Db,
  values: { agencyId: number; engagementId: number; codeHash: string; codeSealed: string; userId: number | null },
): Promise<void> {
  await tx
    .insertInto('engagement_feedback_links')
    .values({
      agency_id: values.agencyId,
      engagement_id: values.engagementId,
      code_hash: values.codeHash,
      code_sealed: values.codeSealed,
      created_by_user_id: values.userId,
    })
    .onConflict((c) =>
      c.columns(['agency_id', 'engagement_id']).doUpdateSet({
        code_hash: values.codeHash,
        code_sealed: values.codeSealed,
        created_by_user_id: values.userId,
        created_at: sql<Date>`now()`,
      }),
    )
    .execute();
}

export interface FeedbackEngagement {
  id: number;
  title: string;
  endsAt: Date;
  seriesEndsAt: Date | null;
  recurring: boolean;
  status: string;
}

/** The engagement behind a feedback code of the agency. */
export async function findFeedbackEngagement(
  db: Db,
  agencyId: number,
  codeHash: string,
): Promise<FeedbackEngagement | undefined> {
  const row = await db
    .selectFrom('engagement_feedback_links as l')
    .innerJoin('engagements as e', (j) =>
      j.onRef('e.agency_id', '=', 'l.agency_id').onRef('e.id', '=', 'l.engagement_id'),
    )
    .select(['e.id', 'e.title', 'e.ends_at', 'e.series_ends_at', 'e.recurrence', 'e.status'])
    .where('l.agency_id', '=', agencyId)
    .where('l.code_hash', '=', codeHash)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      title: row.title,
      endsAt: row.ends_at,
      seriesEndsAt: row.series_ends_at,
      recurring: row.recurrence !== null,
      status: row.status,
    }
  );
}

/** Stores one answer; returns its id. */
export async function insertFeedback(
  tx: Db,
  values: {
    agencyId: number;
    engagementId: number;
    satisfaction: number;
    resolved: boolean | null;
    comment: string;
    language: string;
  },
): Promise<number> {
  const row = await tx
    .insertInto('engagement_feedback')
    .values({
      agency_id: values.agencyId,
      engagement_id: values.engagementId,
      satisfaction: values.satisfaction,
      resolved: values.resolved,
      comment: values.comment,
      language: values.language,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface FeedbackCounts {
  answers: number;
  /** Answers giving 1, 2, 3, 4 and 5, in that order. */
  bySatisfaction: [number, number, number, number, number];
  average: number | null;
  resolvedYes: number;
  resolvedNo: number;
}

/** How an engagement's answers add up. */
export async function feedbackCounts(db: Db, agencyId: number, engagementId: number): Promise<FeedbackCounts> {
  const row = await db
    .selectFrom('engagement_feedback')
    .select([
      sql<number>`count(*)::int`.as('answers'),
      sql<number>`count(*) filter (where satisfaction = 1)::int`.as('s1'),
      sql<number>`count(*) filter (where satisfaction = 2)::int`.as('s2'),
      sql<number>`count(*) filter (where satisfaction = 3)::int`.as('s3'),
      sql<number>`count(*) filter (where satisfaction = 4)::int`.as('s4'),
      sql<number>`count(*) filter (where satisfaction = 5)::int`.as('s5'),
      sql<string | null>`avg(satisfaction)::text`.as('average'),
      sql<number>`count(*) filter (where resolved)::int`.as('yes'),
      sql<number>`count(*) filter (where not resolved)::int`.as('no'),
    ])
    .where('agency_id', '=', agencyId)
    .where('engagement_id', '=', engagementId)
    .executeTakeFirstOrThrow();
  return {
    answers: row.answers,
    bySatisfaction: [row.s1, row.s2, row.s3, row.s4, row.s5],
    average: row.average === null ? null : Number(row.average),
    resolvedYes: row.yes,
    resolvedNo: row.no,
  };
}

export interface FeedbackComment {
  id: number;
  satisfaction: number;
  comment: string;
  language: string;
  createdAt: Date;
}

/** An engagement's answers that carry a comment, newest first. */
export async function feedbackComments(
  db: Db,
  agencyId: number,
  engagementId: number,
  limit: number,
): Promise<FeedbackComment[]> {
  const rows = await db
    .selectFrom('engagement_feedback')
    .select(['id', 'satisfaction', 'comment', 'language', 'created_at'])
    .where('agency_id', '=', agencyId)
    .where('engagement_id', '=', engagementId)
    .where('comment', '<>', '')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    satisfaction: r.satisfaction,
    comment: r.comment,
    language: r.language,
    createdAt: r.created_at,
  }));
}
