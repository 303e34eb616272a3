// The SQL of stored new-issue alerts (new-issue-alerts.ts decides and tells): listing and locking alerts within the
// reader's reach, acknowledging, storing a detected rise once, the managers to tell and their queued e-mail, and the
// record of the days the detection has judged.
import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { IssueAlertsTable } from '../db/schema.ts';
import type { CommandContext } from '../context.ts';
import type { ReportPeriod } from '../../shared/report-periods.ts';
import type { DetectedIssue } from './new-issues.ts';

type AlertRow = Omit<Selectable<IssueAlertsTable>, 'period_from' | 'period_to'> & {
  period_from: string;
  period_to: string;
};

/** A stored alert with its unit and who acknowledged it. */
export type ListedRow = AlertRow & {
  unit_code: string | null;
  unit_name: string | null;
  acknowledged_by_name: string | null;
};

/** The alerts of the agency, all or (seesAll false) those of the reader's units. */
function alertQuery(ctx: CommandContext, seesAll: boolean) {
  let query = ctx.db
    .selectFrom('issue_alerts as a')
    .leftJoin('units as u', (j) => j.onRef('u.agency_id', '=', 'a.agency_id').onRef('u.id', '=', 'a.unit_id'))
    .leftJoin('users as k', (j) => j.onRef('k.agency_id', '=', 'a.agency_id').onRef('k.id', '=', 'a.acknowledged_by'))
    .selectAll('a')
    .select([
      sql<string>`to_char(a.period_from, 'YYYY-MM-DD')`.as('period_from'),
      sql<string>`to_char(a.period_to, 'YYYY-MM-DD')`.as('period_to'),
      'u.code as unit_code',
      'u.name as unit_name',
      'k.name as acknowledged_by_name',
    ])
    .where('a.agency_id', '=', ctx.agency.id);
  if (!seesAll) {
    query = query.where('a.unit_id', 'in', ctx.actor.unitIds.length ? ctx.actor.unitIds : [-1]);
  }
  return query;
}

/** The alerts the reader may see, newest first: open ones only or all, optionally those ending inside a period. */
export async function alertRows(
  ctx: CommandContext,
  seesAll: boolean,
  options: { status: 'open' | 'all'; period?: ReportPeriod; limit: number },
): Promise<ListedRow[]> {
  let query = alertQuery(ctx, seesAll);
  if (options.status === 'open') query = query.where('a.acknowledged_at', 'is', null);
  if (options.period) {
    query = query.where('a.period_to', '>=', options.period.from).where('a.period_to', '<=', options.period.to);
  }
  const rows = await query.orderBy('a.period_to', 'desc').orderBy('a.id', 'desc').limit(options.limit).execute();
  return rows as ListedRow[];
}

/** One alert the reader may see, locked for update (inside a transaction). */
export async function lockedAlertRow(
  ctx: CommandContext,
  seesAll: boolean,
  id: number,
): Promise<ListedRow | undefined> {
  return (await alertQuery(ctx, seesAll).where('a.id', '=', id).forUpdate('a').executeTakeFirst()) as
    ListedRow | undefined;
}

export async function markAlertAcknowledged(tx: Db, agencyId: number, id: number, userId: number, at: Date) {
  await tx
    .updateTable('issue_alerts')
    .set({ acknowledged_by: userId, acknowledged_at: at })
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .execute();
}

/** A week alert is not raised again while an earlier alert of the same key covers part of the same days. */
export async function overlapsEarlierWeek(tx: Db, agencyId: number, issue: DetectedIssue): Promise<boolean> {
  const row = await tx
    .selectFrom('issue_alerts')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('dimension', '=', issue.dimension)
    .where('key', '=', issue.key)
    .where('window', '=', 'week')
    .where('period_to', '>=', issue.from)
    .where('period_to', '<', issue.to)
    .executeTakeFirst();
  return row !== undefined;
}

/** Stores a rise unless it is stored already; true when it was new. */
export async function insertAlert(tx: Db, agencyId: number, issue: DetectedIssue): Promise<boolean> {
  const row = await tx
    .insertInto('issue_alerts')
    .values({
      agency_id: agencyId,
      dimension: issue.dimension,
      key: issue.key,
      label: issue.label,
      window: issue.window,
      period_from: issue.from,
      period_to: issue.to,
      observed: issue.observed,
      expected: issue.expected,
      probability: issue.probability,
      history: issue.history,
      unit_id: issue.unitId,
    })
    .onConflict((oc) => oc.columns(['agency_id', 'dimension', 'key', 'window', 'period_to']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** The active managers of the units, with the unit each row is for. */
export async function activeUnitManagers(tx: Db, agencyId: number, unitIds: number[]) {
  const managers = await tx
    .selectFrom('unit_memberships as m')
    .innerJoin('users as u', (j) => j.onRef('u.agency_id', '=', 'm.agency_id').onRef('u.id', '=', 'm.user_id'))
    .innerJoin('units as n', (j) => j.onRef('n.agency_id', '=', 'm.agency_id').onRef('n.id', '=', 'm.unit_id'))
    .select(['u.id', 'u.name', 'u.email', 'm.unit_id', 'n.name as unit_name'])
    .where('m.agency_id', '=', agencyId)
    .where('m.is_manager', '=', true)
    .where('u.active', '=', true)
    .where('m.unit_id', 'in', unitIds)
    .orderBy('u.id')
    .execute();
  return managers;
}

/** Queues a notification e-mail in the outbox (sent by the e-mail job); returns its id. */
export async function queueNotificationEmail(
  tx: Db,
  mail: { agencyId: number; from: string; to: string; toName: string; subject: string; body: string },
): Promise<{ id: number }> {
  return tx
    .insertInto('outbox')
    .values({
      agency_id: mail.agencyId,
      case_id: null,
      entry_id: null,
      kind: 'notification',
      message_id: `civicdesk.${randomUUID()}@${mail.from.split('@')[1] ?? 'localhost'}`,
      from_address: mail.from,
      to_address: mail.to,
      to_name: mail.toName,
      subject: mail.subject,
      body: mail.body,
      auto_submitted: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function loadAgency(db: Db, agencyId: number) {
  return db
    .selectFrom('agencies')
    .select(['id', 'slug', 'name', 'time_zone'])
    .where('id', '=', agencyId)
    .executeTakeFirstOrThrow();
}

/** The days from `from` to `to` (local dates, inclusive) the detection has judged already. */
export async function judgedDays(db: Db, agencyId: number, from: string, to: string): Promise<string[]> {
  const judged = await db
    .selectFrom('issue_detection_runs')
    .select(sql<string>`to_char(as_of, 'YYYY-MM-DD')`.as('as_of'))
    .where('agency_id', '=', agencyId)
    .where('as_of', '>=', from)
    .where('as_of', '<=', to)
    .execute();
  return judged.map((r) => r.as_of);
}

/** Records that the detection judged a day, and how many alerts it raised (a second run overwrites). */
export async function recordDetectionRun(tx: Db, agencyId: number, day: string, raised: number) {
  await tx
    .insertInto('issue_detection_runs')
    .values({ agency_id: agencyId, as_of: day, raised })
    .onConflict((oc) => oc.columns(['agency_id', 'as_of']).doUpdateSet({ raised, ran_at: new Date() }))
    .execute();
}

/** Every agency with its time zone (for scheduling the daily detection). */
export async function agencyTimeZones(db: Db) {
  return db.selectFrom('agencies').select(['id', 'time_zone']).execute();
}
