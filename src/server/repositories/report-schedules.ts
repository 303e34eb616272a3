// SQL for scheduled reports and their deliveries: schedules of an agency, one by id (locked for a change), the
// active schedules of every agency with the agency's zone and calendar (for the sweep), and the delivery rows whose
// unique (schedule, period) key keeps a month from being sent twice.
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { BusinessCalendar } from '../../domain/types.ts';

export type ReportFormatName = 'pdf' | 'xlsx' | 'csv';
export type DeliveryStatus = 'queued' | 'sent' | 'failed';

export interface ReportScheduleRecord {
  id: number;
  name: string;
  reportKind: string;
  savedReportId: number | null;
  formats: ReportFormatName[];
  recipients: string[];
  runOn: string;
  /** HH:MM. */
  runAtLocal: string;
  active: boolean;
  ownerUserId: number;
  ownerName: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface ReportScheduleValues {
  name: string;
  reportKind: string;
  savedReportId: number | null;
  formats: ReportFormatName[];
  recipients: string[];
  runOn: string;
  runAtLocal: string;
  active: boolean;
  ownerUserId: number;
}

export interface ReportDeliveryRecord {
  id: number;
  scheduleId: number;
  periodKey: string;
  status: DeliveryStatus;
  trigger: 'schedule' | 'send_now';
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
  messageId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

function scheduleQuery(db: Db, agencyId: number) {
  return db
    .selectFrom('report_schedules as s')
    .innerJoin('users as u', (j) => j.onRef('u.agency_id', '=', 's.agency_id').onRef('u.id', '=', 's.owner_user_id'))
    .select([
      's.id',
      's.name',
      's.report_kind',
      's.saved_report_id',
      's.formats',
      's.recipients',
      's.run_on',
      sql<string>`to_char(s.run_at_local, 'HH24:MI')`.as('run_at_local'),
      's.active',
      's.owner_user_id',
      'u.name as owner_name',
      's.created_at',
      's.updated_at',
      's.version',
    ])
    .where('s.agency_id', '=', agencyId);
}

type ScheduleRow = Awaited<ReturnType<ReturnType<typeof scheduleQuery>['executeTakeFirstOrThrow']>>;

const toSchedule = (r: ScheduleRow): ReportScheduleRecord => ({
  id: r.id,
  name: r.name,
  reportKind: r.report_kind,
  savedReportId: r.saved_report_id,
  formats: r.formats as ReportFormatName[],
  recipients: r.recipients,
  runOn: r.run_on,
  runAtLocal: r.run_at_local,
  active: r.active,
  ownerUserId: r.owner_user_id,
  ownerName: r.owner_name,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

/** Every schedule of the agency, by name. */
export async function listSchedules(db: Db, agencyId: number): Promise<ReportScheduleRecord[]> {
  const rows = await scheduleQuery(db, agencyId).orderBy('s.name').orderBy('s.id').execute();
  return rows.map(toSchedule);
}

/** One schedule, or null; `lock` takes a row lock for a change in the caller's transaction. */
export async function findSchedule(
  db: Db,
  agencyId: number,
  id: number,
  lock = false,
): Promise<ReportScheduleRecord | null> {
  let query = scheduleQuery(db, agencyId).where('s.id', '=', id);
  if (lock) query = query.forUpdate('s');
  const row = await query.executeTakeFirst();
  return row ? toSchedule(row) : null;
}

const columns = (values: ReportScheduleValues) => ({
  name: values.name,
  report_kind: values.reportKind,
  saved_report_id: values.savedReportId,
  formats: values.formats,
  recipients: values.recipients,
  run_on: values.runOn,
  run_at_local: values.runAtLocal,
  active: values.active,
  owner_user_id: values.ownerUserId,
});

/** Adds a schedule and returns its id. */
export async function insertSchedule(db: Db, agencyId: number, values: ReportScheduleValues): Promise<number> {
  const row = await db
    .insertInto('report_schedules')
    .values({ agency_id: agencyId, ...columns(values) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Replaces a schedule's settings and bumps its version. */
export async function updateSchedule(
  db: Db,
  agencyId: number,
  id: number,
  values: ReportScheduleValues,
): Promise<void> {
  await db
    .updateTable('report_schedules')
    .set({ ...columns(values), updated_at: new Date(), version: sql`version + 1` })
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .execute();
}

/** Removes a schedule (its delivery history goes with it). */
export async function deleteSchedule(db: Db, agencyId: number, id: number): Promise<void> {
  await db.deleteFrom('report_schedules').where('agency_id', '=', agencyId).where('id', '=', id).execute();
}

export interface ActiveSchedule {
  agencyId: number;
  timeZone: string;
  calendar: BusinessCalendar;
  id: number;
  runOn: string;
  runAtLocal: string;
  createdAt: Date;
}

/** The active schedules of every agency, with what deciding "is it due?" needs. */
export async function activeSchedules(db: Db): Promise<ActiveSchedule[]> {
  const rows = await db
    .selectFrom('report_schedules as s')
    .innerJoin('agencies as a', 'a.id', 's.agency_id')
    .select([
      's.agency_id',
      'a.time_zone',
      'a.calendar',
      's.id',
      's.run_on',
      sql<string>`to_char(s.run_at_local, 'HH24:MI')`.as('run_at_local'),
      's.created_at',
    ])
    .where('s.active', '=', true)
    .orderBy('s.agency_id')
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({
    agencyId: r.agency_id,
    timeZone: r.time_zone,
    calendar: r.calendar,
    id: r.id,
    runOn: r.run_on,
    runAtLocal: r.run_at_local,
    createdAt: r.created_at,
  }));
}

function deliveryQuery(db: Db, agencyId: number) {
  return db
    .selectFrom('report_deliveries')
    .select([
      'id',
      'schedule_id',
      'period_key',
      'status',
      'trigger',
      'attempts',
      'last_error',
      'sent_at',
      'message_id',
      'created_at',
      'updated_at',
    ])
    .where('agency_id', '=', agencyId);
}

type DeliveryRow = Awaited<ReturnType<ReturnType<typeof deliveryQuery>['executeTakeFirstOrThrow']>>;

const toDelivery = (r: DeliveryRow): ReportDeliveryRecord => ({
  id: r.id,
  scheduleId: r.schedule_id,
  periodKey: r.period_key,
  status: r.status,
  trigger: r.trigger,
  attempts: r.attempts,
  lastError: r.last_error,
  sentAt: r.sent_at,
  messageId: r.message_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** The latest `limit` deliveries of each of these schedules, newest first: one statement for a whole list. */
export async function listDeliveries(
  db: Db,
  agencyId: number,
  scheduleIds: number[],
  limit: number,
): Promise<Map<number, ReportDeliveryRecord[]>> {
  const bySchedule = new Map<number, ReportDeliveryRecord[]>(scheduleIds.map((id) => [id, []]));
  if (!scheduleIds.length) return bySchedule;
  const ranked = deliveryQuery(db, agencyId)
    .select(sql<number>`row_number() over (partition by schedule_id order by created_at desc, id desc)`.as('n'))
    .where('schedule_id', 'in', scheduleIds);
  const rows = await db
    .selectFrom(ranked.as('d'))
    .selectAll()
    .where('n', '<=', limit)
    .orderBy('schedule_id')
    .orderBy('n')
    .execute();
  for (const { n: _n, ...row } of rows) bySchedule.get(row.schedule_id)?.push(toDelivery(row));
  return bySchedule;
}

/** One delivery, or null; `lock` for a change in the caller's transaction. */
export async function findDelivery(
  db: Db,
  agencyId: number,
  id: number,
  lock = false,
): Promise<ReportDeliveryRecord | null> {
  let query = deliveryQuery(db, agencyId).where('id', '=', id);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toDelivery(row) : null;
}

/** The delivery of a schedule for a period, or null. */
export async function findDeliveryFor(
  db: Db,
  agencyId: number,
  scheduleId: number,
  periodKey: string,
  lock = false,
): Promise<ReportDeliveryRecord | null> {
  let query = deliveryQuery(db, agencyId).where('schedule_id', '=', scheduleId).where('period_key', '=', periodKey);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toDelivery(row) : null;
}

/**
 * Creates the delivery of a schedule for a period; returns its id, or null when one exists already (another worker
 * or an earlier sweep created it), which is what keeps a month from going out twice.
 */
export async function claimDelivery(
  db: Db,
  agencyId: number,
  scheduleId: number,
  periodKey: string,
  trigger: 'schedule' | 'send_now',
  requestedBy: number | null,
): Promise<number | null> {
  const row = await db
    .insertInto('report_deliveries')
    .values({
      agency_id: agencyId,
      schedule_id: scheduleId,
      period_key: periodKey,
      trigger,
      requested_by: requestedBy,
    })
    .onConflict((oc) => oc.columns(['agency_id', 'schedule_id', 'period_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Puts a finished delivery back in the queue for another sending (send-now of a period already sent or failed). */
export async function requeueDelivery(db: Db, agencyId: number, id: number, requestedBy: number): Promise<void> {
  await db
    .updateTable('report_deliveries')
    .set({
      status: 'queued',
      trigger: 'send_now',
      requested_by: requestedBy,
      attempts: 0,
      last_error: null,
      updated_at: new Date(),
    })
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .execute();
}

/** Records the outcome of one attempt: sent (with the Message-ID), failed for good, or still queued with its error. */
export async function recordDeliveryAttempt(
  db: Db,
  agencyId: number,
  id: number,
  outcome: { status: DeliveryStatus; attempts: number; error: string | null; messageId?: string | null },
): Promise<void> {
  await db
    .updateTable('report_deliveries')
    .set({
      status: outcome.status,
      attempts: outcome.attempts,
      last_error: outcome.error === null ? null : outcome.error.slice(0, 2000),
      updated_at: new Date(),
      ...(outcome.status === 'sent' ? { sent_at: new Date(), message_id: outcome.messageId ?? null } : {}),
    })
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .execute();
}
