// SQL of the complaint deadlines the deadline sweep watches: the complaints that still owe something (open, or with a
// scheduled hearing or a compliance report pending), their hearings, the LCR002 mailing, and what the sweep already
// did to each deadline (complaint_deadline_steps, migration 0031).
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ComplaintsTable } from '../db/schema.ts';
import type { HearingForDeadlines } from '../../domain/complaint-deadlines.ts';

export interface SweptComplaint {
  id: number;
  complaint_number: string;
  status: ComplaintsTable['status']['__select__'];
  case_id: number | null;
  unit_id: number | null;
  assignee_id: number | null;
  investigator_user_id: number | null;
  created_by: number | null;
  receipt_date: string;
  resolution_due_on: string;
  extensions: number;
  extended_on: string | null;
  acknowledgement_mailed_on: string | null;
}

/** Complaints of the agency after `afterId` (keyset) that may owe a deadline, with their hearings. */
export async function complaintsOwingDeadlines(
  db: Db,
  agencyId: number,
  afterId: number,
  limit: number,
): Promise<{ complaint: SweptComplaint; hearings: HearingForDeadlines[] }[]> {
  const pendingHearing = sql<boolean>`exists (
    select 1 from hearing_requests h where h.agency_id = k.agency_id and h.complaint_id = k.id and (
      (h.hearing_on is not null and h.decision_adopted_on is null and h.dismissal_notice_on is null)
      or (h.compliance_report_due_on is not null and h.compliance_report_filed_on is null)))`;
  const rows = await db
    .selectFrom('complaints as k')
    .leftJoin('cases as c', (j) => j.onRef('c.agency_id', '=', 'k.agency_id').onRef('c.id', '=', 'k.case_id'))
    .select([
      'k.id',
      'k.complaint_number',
      'k.status',
      'k.case_id',
      'c.unit_id',
      'c.assignee_id',
      'k.investigator_user_id',
      'k.created_by',
      'k.extensions',
      sql<string>`to_char(k.receipt_date, 'YYYY-MM-DD')`.as('receipt_date'),
      sql<string>`to_char(k.resolution_due_on, 'YYYY-MM-DD')`.as('resolution_due_on'),
      sql<string | null>`to_char(k.extended_on, 'YYYY-MM-DD')`.as('extended_on'),
      sql<string | null>`(select to_char(min(n.mailed_on), 'YYYY-MM-DD') from complaint_notices n
        where n.agency_id = k.agency_id and n.complaint_id = k.id and n.code = 'LCR002')`.as(
        'acknowledgement_mailed_on',
      ),
    ])
    .where('k.agency_id', '=', agencyId)
    .where('k.id', '>', afterId)
    .where((eb) => eb.or([eb('k.status', '=', 'open'), pendingHearing]))
    .orderBy('k.id')
    .limit(limit)
    .execute();
  if (!rows.length) return [];
  const hearings = await db
    .selectFrom('hearing_requests as h')
    .select([
      'h.id',
      'h.complaint_id',
      ...(
        [
          'requested_on',
          'hearing_on',
          'dismissal_notice_on',
          'decision_adopted_on',
          'decision_presumed_received_on',
          'compliance_report_due_on',
          'compliance_report_filed_on',
        ] as const
      ).map((column) => sql<string | null>`to_char(${sql.ref(`h.${column}`)}, 'YYYY-MM-DD')`.as(column)),
    ])
    .where('h.agency_id', '=', agencyId)
    .where(
      'h.complaint_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('h.id')
    .execute();
  return rows.map((complaint) => ({
    complaint: complaint as SweptComplaint,
    hearings: hearings
      .filter((h) => h.complaint_id === complaint.id)
      .map((h) => ({
        id: h.id,
        requestedOn: h.requested_on!,
        hearingOn: h.hearing_on,
        dismissalNoticeOn: h.dismissal_notice_on,
        decisionAdoptedOn: h.decision_adopted_on,
        decisionPresumedReceivedOn: h.decision_presumed_received_on,
        complianceReportDueOn: h.compliance_report_due_on,
        complianceReportFiledOn: h.compliance_report_filed_on,
      })),
  }));
}

export interface DeadlineStepRow {
  deadline_key: string;
  due_on: string;
  warned_at: Date | null;
  escalation_level: number;
  escalated_at: Date | null;
}

/** Locks the complaint (so two sweeps never step one deadline twice) and reads what was done to its deadlines. */
export async function lockDeadlineSteps(tx: Db, agencyId: number, complaintId: number): Promise<DeadlineStepRow[]> {
  await tx
    .selectFrom('complaints')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('id', '=', complaintId)
    .forUpdate()
    .execute();
  return tx
    .selectFrom('complaint_deadline_steps')
    .select([
      'deadline_key',
      sql<string>`to_char(due_on, 'YYYY-MM-DD')`.as('due_on'),
      'warned_at',
      'escalation_level',
      'escalated_at',
    ])
    .where('agency_id', '=', agencyId)
    .where('complaint_id', '=', complaintId)
    .execute();
}

/** Records the state of one deadline after a sweep step (a new due date replaces the old state). */
export async function saveDeadlineStep(
  tx: Db,
  agencyId: number,
  complaintId: number,
  step: DeadlineStepRow,
): Promise<void> {
  const values = {
    due_on: step.due_on,
    warned_at: step.warned_at,
    escalation_level: step.escalation_level,
    escalated_at: step.escalated_at,
  };
  await tx
    .insertInto('complaint_deadline_steps')
    .values({ agency_id: agencyId, complaint_id: complaintId, deadline_key: step.deadline_key, ...values })
    .onConflict((oc) => oc.columns(['agency_id', 'complaint_id', 'deadline_key']).doUpdateSet(values))
    .execute();
}
