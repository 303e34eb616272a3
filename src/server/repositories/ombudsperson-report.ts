// SQL of the ombudsperson's periodic report: the inquiries, complaints and hearing requests that touch a period,
// each as a small row the report counts. Only records the reader may see (restricted cases stay restricted).
import { sql } from 'kysely';
import type { CommandContext } from '../context.ts';
import { visibleCasesFilter } from '../policies/case-access.ts';
import { complaintIssues, visibleComplaint } from './complaints.ts';

export interface ReportInquiryRow {
  tracking_number: string;
  received_at: Date;
  closed_on: string | null;
  satisfied: boolean | null;
  repeat_action: 'suggest' | 'convert' | null;
}

export interface ReportComplaintRow {
  id: number;
  complaint_number: string;
  received_via: string;
  receipt_date: string;
  filed_late: boolean;
  extensions: number;
  extended_on: string | null;
  resolved_on: string | null;
  resolution_due_on: string;
  transferred_on: string | null;
  categories: string[];
}

export interface ReportHearingRow {
  id: number;
  complaint_number: string;
  requested_on: string;
  eligible: boolean;
  hearing_on: string | null;
  dismissal_notice_on: string | null;
  decision_adopted_on: string | null;
  decision_outcomes: { category: string; outcome: 'granted' | 'denied' }[] | null;
  compliance_report_due_on: string | null;
  compliance_report_filed_on: string | null;
}

const day = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
const between = (column: string, from: string, to: string) =>
  sql<boolean>`(${sql.ref(column)} >= ${from}::date and ${sql.ref(column)} <= ${to}::date)`;

/** Inquiries received between the two instants or closed between the two local dates. */
export async function reportInquiries(
  ctx: CommandContext,
  range: { start: Date; end: Date; from: string; to: string },
): Promise<ReportInquiryRow[]> {
  return (await ctx.db
    .selectFrom('cases as c')
    .innerJoin('case_details as d', (j) => j.onRef('d.agency_id', '=', 'c.agency_id').onRef('d.case_id', '=', 'c.id'))
    .where(visibleCasesFilter(ctx))
    .where('d.kind', '=', 'inquiry')
    .where('c.merged_into_id', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('c.received_at', '>=', range.start), eb('c.received_at', '<', range.end)]),
        between('d.closed_on', range.from, range.to),
      ]),
    )
    .select([
      'c.tracking_number',
      'c.received_at',
      day('d.closed_on').as('closed_on'),
      'd.satisfied',
      'd.repeat_action',
    ])
    .orderBy('c.id')
    .execute()) as ReportInquiryRow[];
}

/** Complaints received, extended, transferred or resolved within the period, with their issue categories. */
export async function reportComplaints(
  ctx: CommandContext,
  period: { from: string; to: string },
): Promise<ReportComplaintRow[]> {
  const rows = await ctx.db
    .selectFrom('complaints as k')
    .where(visibleComplaint(ctx))
    .where((eb) =>
      eb.or(
        ['k.receipt_date', 'k.resolved_on', 'k.extended_on', 'k.transferred_on'].map((c) =>
          between(c, period.from, period.to),
        ),
      ),
    )
    .select([
      'k.id',
      'k.complaint_number',
      'k.received_via',
      'k.filed_late',
      'k.extensions',
      day('k.receipt_date').as('receipt_date'),
      day('k.extended_on').as('extended_on'),
      day('k.resolved_on').as('resolved_on'),
      day('k.resolution_due_on').as('resolution_due_on'),
      day('k.transferred_on').as('transferred_on'),
    ])
    .orderBy('k.id')
    .execute();
  const issues = await complaintIssues(
    ctx.db,
    ctx.agency.id,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    ...r,
    receipt_date: r.receipt_date!,
    resolution_due_on: r.resolution_due_on!,
    categories: [...new Set(issues.filter((i) => i.complaint_id === r.id).map((i) => i.category))],
  }));
}

/** Hearing requests requested, heard, decided or with a compliance report due within the period. */
export async function reportHearings(
  ctx: CommandContext,
  period: { from: string; to: string },
): Promise<ReportHearingRow[]> {
  return (await ctx.db
    .selectFrom('hearing_requests as h')
    .innerJoin('complaints as k', (j) =>
      j.onRef('k.agency_id', '=', 'h.agency_id').onRef('k.id', '=', 'h.complaint_id'),
    )
    .where(visibleComplaint(ctx))
    .where((eb) =>
      eb.or(
        ['h.requested_on', 'h.hearing_on', 'h.decision_adopted_on', 'h.compliance_report_due_on'].map((c) =>
          between(c, period.from, period.to),
        ),
      ),
    )
    .select([
      'h.id',
      'k.complaint_number',
      day('h.requested_on').as('requested_on'),
      'h.eligible',
      day('h.hearing_on').as('hearing_on'),
      day('h.dismissal_notice_on').as('dismissal_notice_on'),
      day('h.decision_adopted_on').as('decision_adopted_on'),
      'h.decision_outcomes',
      day('h.compliance_report_due_on').as('compliance_report_due_on'),
      day('h.compliance_report_filed_on').as('compliance_report_filed_on'),
    ])
    .orderBy('h.id')
    .execute()) as ReportHearingRow[];
}
