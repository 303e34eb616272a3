// SQL of the deadline sweep (jobs/deadline-sweep.ts): the agencies with their escalation ladders, the cases that may
// need a warning or an escalation now (keyset by id), a case's warning or escalation written only while its level is
// unchanged, and open referrals past their local due date with their one-level climb.
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/** Every agency with what the sweep needs of it. */
export async function agenciesToSweep(db: Db) {
  return db.selectFrom('agencies').select(['id', 'slug', 'name', 'time_zone', 'escalation_levels']).execute();
}

export interface SweepCandidate {
  id: number;
  tracking_number: string;
  received_at: Date;
  due_at: Date;
  warning_percent: number | null;
  escalation_level: number;
  escalated_at: Date | null;
  warned_at: Date | null;
  unit_id: number | null;
  assignee_id: number | null;
  writer_type: 'constituent' | 'representative' | 'advocate' | 'elected_official' | 'media';
}

/** Cases of one agency that may need a warning or an escalation now, after the given id (keyset), `limit` at most. */
export async function sweepCandidates(
  db: Db,
  agencyId: number,
  now: Date,
  afterId: number,
  limit: number,
): Promise<SweepCandidate[]> {
  const result = await sql<SweepCandidate>`
    select c.id, c.tracking_number, c.received_at, c.escalation_level, c.escalated_at, c.warned_at, c.writer_type,
           c.unit_id, c.assignee_id,
           coalesce(case when c.first_response_at is null then c.first_response_due_at end, c.resolution_due_at) as due_at,
           s.warning_percent
    from cases c
    left join service_standards s on s.agency_id = c.agency_id and s.id = c.service_standard_id
    where c.agency_id = ${agencyId} and c.id > ${afterId}
      and c.status not in ('closed', 'waiting_on_constituent') and c.paused_at is null and c.merged_into_id is null
      and coalesce(case when c.first_response_at is null then c.first_response_due_at end, c.resolution_due_at) is not null
      and (
        coalesce(case when c.first_response_at is null then c.first_response_due_at end, c.resolution_due_at) < ${now}
        or (c.warned_at is null and c.received_at + (coalesce(case when c.first_response_at is null then c.first_response_due_at end, c.resolution_due_at) - c.received_at) * (coalesce(s.warning_percent, 75) / 100.0) <= ${now})
      )
    order by c.id
    limit ${limit}`.execute(db);
  return result.rows;
}

/**
 * Writes a case's warning and/or escalation (and bumps its version) only while its escalation level is still
 * `fromLevel`; false when another writer moved it first.
 */
export async function markCaseDeadlineStep(
  tx: Db,
  agencyId: number,
  caseId: number,
  fromLevel: number,
  patch: { warned_at?: Date; escalation_level?: number; escalated_at?: Date },
  now: Date,
): Promise<boolean> {
  const updated = await tx
    .updateTable('cases')
    .set({ ...patch, version: sql<number>`version + 1`, updated_at: now })
    .where('agency_id', '=', agencyId)
    .where('id', '=', caseId)
    .where('escalation_level', '=', fromLevel)
    .returning('id')
    .executeTakeFirst();
  return updated !== undefined;
}

/**
 * Open referrals whose local due date is before `today`, below level `top`, not escalated since `dayAgo`, with the
 * case's tracking number and the referred unit's code; `limit` at most, by id.
 */
export async function overdueReferrals(
  db: Db,
  agencyId: number,
  today: string,
  top: number,
  dayAgo: Date,
  limit: number,
) {
  return db
    .selectFrom('referrals as r')
    .innerJoin('cases as c', (j) => j.onRef('c.agency_id', '=', 'r.agency_id').onRef('c.id', '=', 'r.case_id'))
    .innerJoin('units as u', (j) => j.onRef('u.agency_id', '=', 'r.agency_id').onRef('u.id', '=', 'r.unit_id'))
    .select([
      'r.id',
      'r.case_id',
      'r.unit_id',
      'r.created_by',
      'r.escalation_level',
      sql<string>`to_char(r.due_date, 'YYYY-MM-DD')`.as('due_date'),
      'c.tracking_number',
      'u.code as unit_code',
    ])
    .where('r.agency_id', '=', agencyId)
    .where('r.status', '=', 'open')
    .where('r.due_date', '<', today)
    .where('r.escalation_level', '<', top)
    .where((eb) => eb.or([eb('r.escalated_at', 'is', null), eb('r.escalated_at', '<=', dayAgo)]))
    .orderBy('r.id')
    .limit(limit)
    .execute();
}

/** Raises an open referral from `fromLevel` to `toLevel`; false when it is no longer open at that level. */
export async function raiseReferralLevel(
  tx: Db,
  agencyId: number,
  referralId: number,
  fromLevel: number,
  toLevel: number,
  now: Date,
): Promise<boolean> {
  const updated = await tx
    .updateTable('referrals')
    .set({ escalation_level: toLevel, escalated_at: now })
    .where('agency_id', '=', agencyId)
    .where('id', '=', referralId)
    .where('escalation_level', '=', fromLevel)
    .where('status', '=', 'open')
    .returning('id')
    .executeTakeFirst();
  return updated !== undefined;
}
