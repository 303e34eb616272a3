// SQL of the ombudsperson's office: complaints (numbers per agency and year, versioned updates, visibility through
// the case they come from), their issues, state-hearing requests, the agency's complaint settings, and the case
// details (kind, program case number) kept beside cases. Local dates are read back as 'YYYY-MM-DD' text.
import { sql, type Insertable, type RawBuilder, type Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ComplaintsTable, Database } from '../db/schema.ts';
import type { CommandContext } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { visibleCasesFilter } from '../policies/case-access.ts';
import type { BusinessCalendar } from '../../domain/types.ts';
import { complaintSettings, type ComplaintSettings } from '../../domain/complaint-clocks.ts';

export interface ComplaintClockSettings {
  timeZone: string;
  calendar: BusinessCalendar;
  trackingPrefix: string;
  settings: ComplaintSettings;
}

/** The agency's zone, calendar, number prefix and complaint settings (over the defaults). */
export async function complaintClockSettings(db: Db, agencyId: number): Promise<ComplaintClockSettings> {
  const row = await db
    .selectFrom('agencies')
    .select(['time_zone', 'calendar', 'tracking_prefix', 'settings'])
    .where('id', '=', agencyId)
    .executeTakeFirstOrThrow();
  return {
    timeZone: row.time_zone,
    calendar: row.calendar,
    trackingPrefix: row.tracking_prefix,
    settings: complaintSettings((row.settings as { complaints?: unknown } | null)?.complaints),
  };
}

/** The next complaint number of the agency for the year of receipt (a counter row, so a failed write leaves no gap). */
export async function nextComplaintSequence(tx: Db, agencyId: number, year: number): Promise<number> {
  const row = await tx
    .insertInto('complaint_counters')
    .values({ agency_id: agencyId, year, last_value: 1 })
    .onConflict((oc) =>
      oc.columns(['agency_id', 'year']).doUpdateSet({ last_value: sql`complaint_counters.last_value + 1` }),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return row.last_value;
}

const DATE_COLUMNS = [
  'received_on',
  'postmarked_on',
  'knew_of_action_on',
  'receipt_date',
  'filing_deadline_on',
  'resolution_due_on',
  'transfer_due_on',
  'extended_on',
  'resolved_on',
  'resolution_notice_mailed_on',
  'hearing_request_deadline_on',
  'transferred_on',
] as const;

const dateText = (column: string) => sql<string>`to_char(${sql.ref(`k.${column}`)}, 'YYYY-MM-DD')`.as(column);

function complaintColumns(db: Db) {
  return db
    .selectFrom('complaints as k')
    .leftJoin('cases as c', (j) => j.onRef('c.agency_id', '=', 'k.agency_id').onRef('c.id', '=', 'k.case_id'))
    .select([
      'k.agency_id',
      'k.id',
      'k.complaint_number',
      'k.status',
      'k.case_id',
      'c.tracking_number as case_tracking_number',
      'k.restricted',
      'k.program_case_number',
      'k.complainant_first_name',
      'k.complainant_last_name',
      'k.complainant_role',
      'k.complainant_email',
      'k.complainant_phone',
      'k.language',
      'k.received_via',
      'k.filed_late',
      'k.late_reason',
      'k.extensions',
      'k.extension_reason',
      'k.findings',
      'k.investigator_user_id',
      'k.investigator_override_reason',
      'k.transferred_to',
      'k.created_by',
      'k.version',
      'k.created_at',
      'k.updated_at',
      ...DATE_COLUMNS.map(dateText),
    ]);
}

export interface ComplaintRow {
  agency_id: number;
  id: number;
  complaint_number: string;
  status: ComplaintsTable['status']['__select__'];
  case_id: number | null;
  case_tracking_number: string | null;
  restricted: boolean;
  program_case_number: string;
  complainant_first_name: string;
  complainant_last_name: string;
  complainant_role: ComplaintsTable['complainant_role'];
  complainant_email: string | null;
  complainant_phone: string | null;
  language: string;
  received_via: ComplaintsTable['received_via'];
  received_on: string;
  postmarked_on: string | null;
  knew_of_action_on: string | null;
  receipt_date: string;
  filing_deadline_on: string | null;
  filed_late: boolean;
  late_reason: string | null;
  resolution_due_on: string;
  transfer_due_on: string;
  extensions: number;
  extension_reason: string | null;
  extended_on: string | null;
  findings: string | null;
  resolved_on: string | null;
  resolution_notice_mailed_on: string | null;
  hearing_request_deadline_on: string | null;
  investigator_user_id: number | null;
  investigator_override_reason: string | null;
  transferred_to: string | null;
  transferred_on: string | null;
  created_by: number | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** Only complaints the actor may see: those of no case, or of a case visible to them (restricted stays so). */
export function visibleComplaint(ctx: CommandContext): RawBuilder<boolean> {
  if (ctx.actor.via === 'system') return sql<boolean>`k.agency_id = ${ctx.agency.id}`;
  const visibleCase = ctx.db
    .selectFrom('cases as c')
    .select('c.id')
    .where(visibleCasesFilter(ctx))
    .where(sql<boolean>`c.agency_id = k.agency_id and c.id = k.case_id`);
  return sql<boolean>`k.agency_id = ${ctx.agency.id} and (k.case_id is null or exists (${visibleCase}))`;
}

/** The complaint with this number if the actor may see it; optionally locked for update (404 otherwise). */
export async function findVisibleComplaint(
  db: Db,
  ctx: CommandContext,
  complaintNumber: string,
  forUpdate = false,
): Promise<ComplaintRow> {
  let query = complaintColumns(db).where(visibleComplaint(ctx)).where('k.complaint_number', '=', complaintNumber);
  if (forUpdate) query = query.forUpdate('k');
  const row = await query.executeTakeFirst();
  if (!row) throw notFound(`Complaint ${complaintNumber}`);
  return row as unknown as ComplaintRow;
}

/** Writes a new complaint and its issues; returns its id. */
export async function insertComplaint(
  tx: Db,
  values: Insertable<Database['complaints']>,
  issues: { category: string; description: string }[],
): Promise<number> {
  const { id } = await tx.insertInto('complaints').values(values).returning('id').executeTakeFirstOrThrow();
  if (issues.length) {
    await tx
      .insertInto('complaint_issues')
      .values(
        issues.map((issue, index) => ({
          agency_id: values.agency_id,
          complaint_id: id,
          position: index + 1,
          category: issue.category,
          description: issue.description,
        })),
      )
      .execute();
  }
  return id;
}

/** Applies a change to a complaint it read (and locked) at `expectedVersion`; 409 if someone changed it meanwhile. */
export async function updateComplaint(
  tx: Db,
  current: ComplaintRow,
  patch: Updateable<Database['complaints']>,
  expectedVersion?: number,
): Promise<void> {
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw new AppError(
      'version_conflict',
      `Complaint ${current.complaint_number} changed since you read it; reload it.`,
    );
  }
  await tx
    .updateTable('complaints')
    .set({ ...patch, version: current.version + 1, updated_at: new Date() })
    .where('agency_id', '=', current.agency_id)
    .where('id', '=', current.id)
    .execute();
}

export interface ComplaintIssueRow {
  complaint_id: number;
  position: number;
  category: string;
  description: string;
}

/** The issues of the given complaints, in their order. */
export async function complaintIssues(db: Db, agencyId: number, complaintIds: number[]): Promise<ComplaintIssueRow[]> {
  if (!complaintIds.length) return [];
  return db
    .selectFrom('complaint_issues')
    .select(['complaint_id', 'position', 'category', 'description'])
    .where('agency_id', '=', agencyId)
    .where('complaint_id', 'in', complaintIds)
    .orderBy('complaint_id')
    .orderBy('position')
    .execute();
}

export interface HearingRequestRow {
  id: number;
  complaint_id: number;
  requested_on: string;
  eligible: boolean;
  issues: { category: string; eligible: boolean; reasons: string[] }[];
  reasons: string[];
  request_deadline_on: string;
  hearing_on: string | null;
  hearing_place: string | null;
  interpreter_language: string | null;
  dismissal_notice_on: string | null;
  dismissal_effective_on: string | null;
  decision_adopted_on: string | null;
  decision_presumed_received_on: string | null;
  decision_outcomes: { category: string; outcome: 'granted' | 'denied' }[] | null;
  compliance_report_due_on: string | null;
  compliance_report_filed_on: string | null;
  created_at: Date;
}

const hearingColumns = (db: Db) =>
  db
    .selectFrom('hearing_requests as h')
    .select([
      'h.id',
      'h.complaint_id',
      sql<string>`to_char(h.requested_on, 'YYYY-MM-DD')`.as('requested_on'),
      'h.eligible',
      'h.issues',
      'h.reasons',
      sql<string>`to_char(h.request_deadline_on, 'YYYY-MM-DD')`.as('request_deadline_on'),
      'h.hearing_place',
      'h.interpreter_language',
      'h.decision_outcomes',
      ...(
        [
          'hearing_on',
          'dismissal_notice_on',
          'dismissal_effective_on',
          'decision_adopted_on',
          'decision_presumed_received_on',
          'compliance_report_due_on',
          'compliance_report_filed_on',
        ] as const
      ).map((column) => sql<string | null>`to_char(${sql.ref(`h.${column}`)}, 'YYYY-MM-DD')`.as(column)),
      'h.created_at',
    ]);

/** Records a hearing request with its judgement; returns it as stored. */
export async function insertHearingRequest(
  tx: Db,
  values: Insertable<Database['hearing_requests']>,
): Promise<HearingRequestRow> {
  const { id } = await tx.insertInto('hearing_requests').values(values).returning('id').executeTakeFirstOrThrow();
  return hearingColumns(tx)
    .where('h.agency_id', '=', values.agency_id)
    .where('h.id', '=', id)
    .executeTakeFirstOrThrow() as Promise<HearingRequestRow>;
}

/** The hearing requests of a complaint, oldest first. */
export async function hearingRequestsOf(db: Db, agencyId: number, complaintId: number): Promise<HearingRequestRow[]> {
  return (await hearingColumns(db)
    .where('h.agency_id', '=', agencyId)
    .where('h.complaint_id', '=', complaintId)
    .orderBy('h.id')
    .execute()) as HearingRequestRow[];
}

export interface ComplaintListFilter {
  status?: string[];
  category?: string;
  programCaseNumber?: string;
  receivedFrom?: string;
  receivedTo?: string;
  /** Open complaints whose resolution due date is before this local date. */
  overdueBefore?: string;
  notOverdueOn?: string;
  limit: number;
}

/** Visible complaints matching the filter, the ones due soonest first (resolved ones after, newest first). */
export async function listComplaints(
  ctx: CommandContext,
  filter: ComplaintListFilter,
): Promise<{ rows: ComplaintRow[]; total: number }> {
  let query = complaintColumns(ctx.db).where(visibleComplaint(ctx));
  if (filter.status?.length) query = query.where('k.status', 'in', filter.status as ComplaintRow['status'][]);
  if (filter.programCaseNumber) query = query.where('k.program_case_number', '=', filter.programCaseNumber);
  if (filter.receivedFrom) query = query.where('k.receipt_date', '>=', filter.receivedFrom);
  if (filter.receivedTo) query = query.where('k.receipt_date', '<=', filter.receivedTo);
  if (filter.overdueBefore) {
    query = query.where('k.status', '=', 'open').where('k.resolution_due_on', '<', filter.overdueBefore);
  }
  if (filter.notOverdueOn) {
    query = query.where((eb) =>
      eb.or([eb('k.status', '!=', 'open'), eb('k.resolution_due_on', '>=', filter.notOverdueOn!)]),
    );
  }
  if (filter.category) {
    const category = filter.category;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('complaint_issues as i')
          .select('i.position')
          .whereRef('i.agency_id', '=', 'k.agency_id')
          .whereRef('i.complaint_id', '=', 'k.id')
          .where('i.category', '=', category),
      ),
    );
  }
  const counted = await query
    .clearSelect()
    .select(sql<number>`count(*)::int`.as('total'))
    .executeTakeFirstOrThrow();
  const rows = await query
    .orderBy(sql`case when k.status = 'open' then 0 else 1 end`)
    .orderBy(sql`case when k.status = 'open' then k.resolution_due_on end`)
    .orderBy('k.id', 'desc')
    .limit(filter.limit)
    .execute();
  return { rows: rows as unknown as ComplaintRow[], total: Number(counted.total) };
}

export interface CaseDetailsRow {
  case_id: number;
  kind: 'case' | 'inquiry';
  program_case_number: string | null;
}

/** Records what kind of contact a case is and its program case number. */
export async function saveCaseDetails(
  tx: Db,
  agencyId: number,
  caseId: number,
  details: { kind: 'case' | 'inquiry'; programCaseNumber: string | null },
): Promise<void> {
  await tx
    .insertInto('case_details')
    .values({
      agency_id: agencyId,
      case_id: caseId,
      kind: details.kind,
      program_case_number: details.programCaseNumber,
    })
    .onConflict((oc) =>
      oc
        .columns(['agency_id', 'case_id'])
        .doUpdateSet({ kind: details.kind, program_case_number: details.programCaseNumber }),
    )
    .execute();
}

/** The details of the given cases; a case without a row is a plain case with no program case number. */
export async function caseDetailsOf(db: Db, agencyId: number, caseIds: number[]): Promise<Map<number, CaseDetailsRow>> {
  if (!caseIds.length) return new Map();
  const rows = await db
    .selectFrom('case_details')
    .select(['case_id', 'kind', 'program_case_number'])
    .where('agency_id', '=', agencyId)
    .where('case_id', 'in', caseIds)
    .execute();
  return new Map(rows.map((r) => [r.case_id, r]));
}

export interface ComplaintNoticeRow {
  id: number;
  complaint_id: number;
  code: string;
  language: string;
  subject: string;
  body: string;
  mailed_on: string | null;
  created_at: Date;
}

const noticeColumns = (db: Db) =>
  db
    .selectFrom('complaint_notices as n')
    .select([
      'n.id',
      'n.complaint_id',
      'n.code',
      'n.language',
      'n.subject',
      'n.body',
      sql<string | null>`to_char(n.mailed_on, 'YYYY-MM-DD')`.as('mailed_on'),
      'n.created_at',
    ]);

/** Stores a merged notice of a complaint; returns its id. */
export async function insertComplaintNotice(
  tx: Db,
  values: Insertable<Database['complaint_notices']>,
): Promise<number> {
  const { id } = await tx.insertInto('complaint_notices').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** The notices of a complaint, oldest first. */
export async function complaintNoticesOf(db: Db, agencyId: number, complaintId: number): Promise<ComplaintNoticeRow[]> {
  return noticeColumns(db)
    .where('n.agency_id', '=', agencyId)
    .where('n.complaint_id', '=', complaintId)
    .orderBy('n.id')
    .execute();
}

/** One notice of a complaint, or null. */
export async function findComplaintNotice(
  db: Db,
  agencyId: number,
  complaintId: number,
  noticeId: number,
): Promise<ComplaintNoticeRow | null> {
  const row = await noticeColumns(db)
    .where('n.agency_id', '=', agencyId)
    .where('n.complaint_id', '=', complaintId)
    .where('n.id', '=', noticeId)
    .executeTakeFirst();
  return row ?? null;
}

/** Records the day a notice was mailed. */
export async function setNoticeMailed(tx: Db, agencyId: number, noticeId: number, mailedOn: string): Promise<void> {
  await tx
    .updateTable('complaint_notices')
    .set({ mailed_on: mailedOn })
    .where('agency_id', '=', agencyId)
    .where('id', '=', noticeId)
    .execute();
}

export interface ComplaintActionRow {
  id: number;
  action: string;
  responsible_kind: 'unit' | 'employee' | 'other_agency' | 'third_party';
  responsible_name: string;
  due_on: string | null;
  completed_on: string | null;
}

const actionColumns = (db: Db) =>
  db
    .selectFrom('complaint_actions as a')
    .select([
      'a.id',
      'a.action',
      'a.responsible_kind',
      'a.responsible_name',
      sql<string | null>`to_char(a.due_on, 'YYYY-MM-DD')`.as('due_on'),
      sql<string | null>`to_char(a.completed_on, 'YYYY-MM-DD')`.as('completed_on'),
    ]);

/** The actions a complaint's resolution requires, in the order they were added. */
export async function complaintActionsOf(db: Db, agencyId: number, complaintId: number): Promise<ComplaintActionRow[]> {
  return actionColumns(db)
    .where('a.agency_id', '=', agencyId)
    .where('a.complaint_id', '=', complaintId)
    .orderBy('a.id')
    .execute();
}

/** One action of a complaint, or null. */
export async function findComplaintAction(
  db: Db,
  agencyId: number,
  complaintId: number,
  actionId: number,
): Promise<ComplaintActionRow | null> {
  const row = await actionColumns(db)
    .where('a.agency_id', '=', agencyId)
    .where('a.complaint_id', '=', complaintId)
    .where('a.id', '=', actionId)
    .executeTakeFirst();
  return row ?? null;
}

/** Adds a required action; returns its id. */
export async function insertComplaintAction(
  tx: Db,
  values: Insertable<Database['complaint_actions']>,
): Promise<number> {
  const { id } = await tx.insertInto('complaint_actions').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Records the day an action was completed. */
export async function completeComplaintAction(tx: Db, agencyId: number, actionId: number, completedOn: string) {
  await tx
    .updateTable('complaint_actions')
    .set({ completed_on: completedOn })
    .where('agency_id', '=', agencyId)
    .where('id', '=', actionId)
    .execute();
}

/** Adds issues to a complaint after its existing ones. */
export async function appendComplaintIssues(
  tx: Db,
  agencyId: number,
  complaintId: number,
  issues: { category: string; description: string }[],
): Promise<void> {
  const last = await tx
    .selectFrom('complaint_issues')
    .select(sql<number>`coalesce(max(position), 0)::int`.as('position'))
    .where('agency_id', '=', agencyId)
    .where('complaint_id', '=', complaintId)
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('complaint_issues')
    .values(
      issues.map((issue, index) => ({
        agency_id: agencyId,
        complaint_id: complaintId,
        position: Number(last.position) + index + 1,
        category: issue.category,
        description: issue.description,
      })),
    )
    .execute();
}

/** An active user of the agency (name), or undefined. */
export async function activeUser(db: Db, agencyId: number, userId: number) {
  return db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('agency_id', '=', agencyId)
    .where('id', '=', userId)
    .where('active', '=', true)
    .executeTakeFirst();
}

/** The caseworker (assignee) of a case, or null. */
export async function caseAssignee(db: Db, agencyId: number, caseId: number): Promise<number | null> {
  const row = await db
    .selectFrom('cases')
    .select('assignee_id')
    .where('agency_id', '=', agencyId)
    .where('id', '=', caseId)
    .executeTakeFirst();
  return row?.assignee_id ?? null;
}

/** The actions and notices of many complaints at once (the complaint log), by complaint id. */
export async function actionsAndNoticesOf(
  db: Db,
  agencyId: number,
  complaintIds: number[],
): Promise<{
  actions: (ComplaintActionRow & { complaint_id: number })[];
  notices: { complaint_id: number; code: string; mailed_on: string | null }[];
}> {
  if (!complaintIds.length) return { actions: [], notices: [] };
  const [actions, notices] = await Promise.all([
    actionColumns(db)
      .select('a.complaint_id')
      .where('a.agency_id', '=', agencyId)
      .where('a.complaint_id', 'in', complaintIds)
      .orderBy('a.id')
      .execute(),
    db
      .selectFrom('complaint_notices as n')
      .select(['n.complaint_id', 'n.code', sql<string | null>`to_char(n.mailed_on, 'YYYY-MM-DD')`.as('mailed_on')])
      .where('n.agency_id', '=', agencyId)
      .where('n.complaint_id', 'in', complaintIds)
      .orderBy('n.id')
      .execute(),
  ]);
  return { actions, notices };
}

/** One hearing request of a complaint, optionally locked, or null. */
export async function findHearingRequest(
  db: Db,
  agencyId: number,
  complaintId: number,
  id: number,
): Promise<HearingRequestRow | null> {
  const row = await hearingColumns(db)
    .where('h.agency_id', '=', agencyId)
    .where('h.complaint_id', '=', complaintId)
    .where('h.id', '=', id)
    .executeTakeFirst();
  return (row as HearingRequestRow | undefined) ?? null;
}

/** Records what happened to a hearing request (schedule, dismissal, decision). */
export async function updateHearingRequest(
  tx: Db,
  agencyId: number,
  id: number,
  patch: Updateable<Database['hearing_requests']>,
): Promise<void> {
  await tx.updateTable('hearing_requests').set(patch).where('agency_id', '=', agencyId).where('id', '=', id).execute();
}

export interface HearingQueueFilter {
  stage?: 'requested' | 'scheduled' | 'decided' | 'dismissed' | 'closed';
  eligible?: boolean;
  sort: 'next' | 'requested' | 'hearing';
  direction: 'asc' | 'desc';
  limit: number;
}

export type HearingQueueRow = HearingRequestRow & {
  complaint_number: string;
  complainant_first_name: string;
  complainant_last_name: string;
  program_case_number: string;
};

// A hearing's stage: dismissed, decided (a compliance report pending or not), scheduled, or only requested.
const hearingStage = sql<string>`case
  when h.dismissal_notice_on is not null then 'dismissed'
  when h.decision_adopted_on is not null and h.compliance_report_due_on is not null
    and h.compliance_report_filed_on is null then 'decided'
  when h.decision_adopted_on is not null then 'closed'
  when h.hearing_on is not null then 'scheduled'
  else 'requested' end`;
// The next date the office owes: the hearing while it is pending, then the compliance report.
const hearingNextDate = sql`coalesce(
  case when h.hearing_on is not null and h.decision_adopted_on is null and h.dismissal_notice_on is null
    then h.hearing_on end,
  case when h.compliance_report_due_on is not null and h.compliance_report_filed_on is null
    then h.compliance_report_due_on end)`;

/** State-hearing requests of the complaints the reader may see, filtered and sorted (next date first by default). */
export async function hearingQueue(
  ctx: CommandContext,
  filter: HearingQueueFilter,
): Promise<{ rows: HearingQueueRow[]; total: number }> {
  let query = hearingColumns(ctx.db)
    .innerJoin('complaints as k', (j) =>
      j.onRef('k.agency_id', '=', 'h.agency_id').onRef('k.id', '=', 'h.complaint_id'),
    )
    .where(visibleComplaint(ctx));
  if (filter.stage) query = query.where(sql<boolean>`${hearingStage} = ${filter.stage}`);
  if (filter.eligible !== undefined) query = query.where('h.eligible', '=', filter.eligible);
  const counted = await query
    .clearSelect()
    .select(sql<number>`count(*)::int`.as('total'))
    .executeTakeFirstOrThrow();
  const sortColumn =
    filter.sort === 'requested' ? sql`h.requested_on` : filter.sort === 'hearing' ? sql`h.hearing_on` : hearingNextDate;
  const rows = await query
    .select(['k.complaint_number', 'k.complainant_first_name', 'k.complainant_last_name', 'k.program_case_number'])
    .orderBy(sql`${sortColumn} ${sql.raw(filter.direction)} nulls last`)
    .orderBy('h.id', filter.direction)
    .limit(filter.limit)
    .execute();
  return { rows: rows as unknown as HearingQueueRow[], total: Number(counted.total) };
}
