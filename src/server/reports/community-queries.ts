// The numbers of the community reports for a period (local dates of the agency, inclusive): engagements held and
// their reach by kind, audience and language; issues raised and how far their follow-up got; media inquiries and
// their turnaround against the reporter's deadline; and the projects' status. SQL kept with its report.
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

export interface PeriodInstants {
  from: Date;
  /** Exclusive: the first instant after the period. */
  until: Date;
}

/** Engagements starting in the period, not cancelled: count and attendance by kind, audience and each language. */
export async function outreachReach(db: Db, agencyId: number, period: PeriodInstants) {
  const base = db
    .selectFrom('engagements as e')
    .where('e.agency_id', '=', agencyId)
    .where('e.status', '<>', 'cancelled')
    .where('e.starts_at', '>=', period.from)
    .where('e.starts_at', '<', period.until);
  const byKind = await base
    .select([
      'e.kind as key',
      sql<number>`count(*)::int`.as('engagements'),
      sql<number>`coalesce(sum(e.attendance), 0)::int`.as('attendance'),
    ])
    .groupBy('e.kind')
    .orderBy('e.kind')
    .execute();
  const byAudience = await base
    .select([
      sql<string>`coalesce(nullif(trim(e.audience), ''), '(not given)')`.as('key'),
      sql<number>`count(*)::int`.as('engagements'),
      sql<number>`coalesce(sum(e.attendance), 0)::int`.as('attendance'),
    ])
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .execute();
  const byArea = await base
    .select([
      sql<string>`coalesce(e.area, '(not given)')`.as('key'),
      sql<number>`count(*)::int`.as('engagements'),
      sql<number>`coalesce(sum(e.attendance), 0)::int`.as('attendance'),
    ])
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .execute();
  const byLanguage = await db
    .selectFrom('engagements as e')
    .innerJoin(sql<{ language: string }>`unnest(e.languages)`.as('l'), (j) => j.onTrue())
    .select([
      sql<string>`l.l`.as('key'),
      sql<number>`count(*)::int`.as('engagements'),
      sql<number>`coalesce(sum(e.attendance), 0)::int`.as('attendance'),
    ])
    .where('e.agency_id', '=', agencyId)
    .where('e.status', '<>', 'cancelled')
    .where('e.starts_at', '>=', period.from)
    .where('e.starts_at', '<', period.until)
    .groupBy(sql`l.l`)
    .orderBy(sql`l.l`)
    .execute();
  return { byKind, byAudience, byArea, byLanguage };
}

/** Issues raised at engagements in the period, by subject: how many, by outcome and follow-up, reported back. */
export function issuesRaised(db: Db, agencyId: number, period: PeriodInstants) {
  return db
    .selectFrom('engagement_issues as i')
    .innerJoin('engagements as e', (j) =>
      j.onRef('e.agency_id', '=', 'i.agency_id').onRef('e.id', '=', 'i.engagement_id'),
    )
    .select([
      'i.subject_code as subject',
      sql<number>`count(*)::int`.as('raised'),
      sql<number>`count(*) filter (where i.outcome = 'case')::int`.as('cases'),
      sql<number>`count(*) filter (where i.outcome = 'procedure_change')::int`.as('procedureChanges'),
      sql<number>`count(*) filter (where i.outcome = 'action_plan_action')::int`.as('planActions'),
      sql<number>`count(*) filter (where i.follow_up_status = 'closed')::int`.as('closed'),
      sql<number>`count(*) filter (where i.reported_back_at is not null)::int`.as('reportedBack'),
    ])
    .where('i.agency_id', '=', agencyId)
    .where('e.starts_at', '>=', period.from)
    .where('e.starts_at', '<', period.until)
    .groupBy('i.subject_code')
    .orderBy('i.subject_code')
    .execute();
}

/** Media inquiries received in the period: how many, released, released by the deadline, hours to release. */
export async function mediaTurnaround(db: Db, agencyId: number, period: PeriodInstants) {
  return db
    .selectFrom('media_inquiries as m')
    .select([
      sql<number>`count(*)::int`.as('received'),
      sql<number>`count(*) filter (where m.status = 'released')::int`.as('released'),
      sql<number>`count(*) filter (where m.status = 'released' and m.released_at <= m.deadline_at)::int`.as('onTime'),
      sql<number>`count(*) filter (where m.status = 'declined')::int`.as('declined'),
      sql<
        number | null
      >`percentile_cont(0.5) within group (order by extract(epoch from m.released_at - m.received_at) / 3600) filter (where m.status = 'released')`.as(
        'medianHours',
      ),
    ])
    .where('m.agency_id', '=', agencyId)
    .where('m.received_at', '>=', period.from)
    .where('m.received_at', '<', period.until)
    .executeTakeFirstOrThrow();
}

/** Feedback from the public on engagements starting in the period (cancelled left out): answers and their average. */
export function engagementFeedbackTotals(db: Db, agencyId: number, period: PeriodInstants) {
  return db
    .selectFrom('engagements as e')
    .innerJoin('engagement_feedback as f', (j) =>
      j.onRef('f.agency_id', '=', 'e.agency_id').onRef('f.engagement_id', '=', 'e.id'),
    )
    .select([
      'e.id',
      'e.title',
      'e.kind',
      sql<string>`min(e.starts_at)::text`.as('startsAt'),
      sql<number>`count(*)::int`.as('answers'),
      sql<number>`round(avg(f.satisfaction), 2)::float8`.as('average'),
      sql<number>`count(*) filter (where f.resolved)::int`.as('resolvedYes'),
      sql<number>`count(*) filter (where not f.resolved)::int`.as('resolvedNo'),
      sql<number>`count(*) filter (where f.comment <> '')::int`.as('comments'),
    ])
    .where('e.agency_id', '=', agencyId)
    .where('e.status', '<>', 'cancelled')
    .where('e.starts_at', '>=', period.from)
    .where('e.starts_at', '<', period.until)
    .groupBy(['e.id', 'e.title', 'e.kind'])
    .orderBy(sql`min(e.starts_at)`)
    .orderBy('e.id')
    .execute();
}
