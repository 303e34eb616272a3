// The JSON shape of a complaint, its list item and its hearing requests; the next deadline is the clock the
// ombudsperson's queues sort by.
import type { Static } from '@sinclair/typebox';
import type {
  ComplaintActionRow,
  ComplaintIssueRow,
  ComplaintNoticeRow,
  ComplaintRow,
  HearingRequestRow,
} from '../../../repositories/complaints.ts';
import { complaintCategory } from '../../../../domain/hearing-eligibility.ts';
import type {
  Complaint,
  ComplaintListItem,
  HearingRequest,
  NextDeadlineSchema,
} from '../../../../shared/complaints.ts';

type NextDeadline = Static<typeof NextDeadlineSchema>;

/** The next deadline of a complaint as of the local date `today`: its resolution while open, then the hearing request window. */
export function nextDeadline(row: ComplaintRow, hearingRequests: number, today: string): NextDeadline {
  if (row.status === 'open') {
    return { kind: 'resolution', dueOn: row.resolution_due_on, overdue: today > row.resolution_due_on };
  }
  if (row.status === 'resolved' && hearingRequests === 0 && row.hearing_request_deadline_on) {
    if (today <= row.hearing_request_deadline_on) {
      return { kind: 'hearing_request_window', dueOn: row.hearing_request_deadline_on, overdue: false };
    }
  }
  return null;
}

export function presentHearingRequest(row: HearingRequestRow, complaintNumber: string): HearingRequest {
  return {
    id: row.id,
    complaintNumber,
    requestedOn: row.requested_on,
    eligible: row.eligible,
    issues: row.issues,
    reasons: row.reasons,
    requestDeadlineOn: row.request_deadline_on,
    hearingOn: row.hearing_on,
    hearingPlace: row.hearing_place,
    interpreterLanguage: row.interpreter_language,
    dismissalNoticeOn: row.dismissal_notice_on,
    dismissalEffectiveOn: row.dismissal_effective_on,
    decisionAdoptedOn: row.decision_adopted_on,
    decisionPresumedReceivedOn: row.decision_presumed_received_on,
    decisionOutcomes: row.decision_outcomes,
    complianceReportDueOn: row.compliance_report_due_on,
    complianceReportFiledOn: row.compliance_report_filed_on,
    createdAt: row.created_at.toISOString(),
  };
}

/** A complaint with its issues and hearing requests. */
export function presentComplaint(
  row: ComplaintRow,
  issues: ComplaintIssueRow[],
  hearings: HearingRequestRow[],
  notices: ComplaintNoticeRow[],
  actions: ComplaintActionRow[],
  today: string,
): Complaint {
  const warnings: string[] = [];
  if (row.filed_late) {
    warnings.push(
      `Filed after the filing window closed on ${row.filing_deadline_on}; accepted late${row.late_reason ? ` (${row.late_reason})` : ' — record the reason'}.`,
    );
  }
  return {
    complaintNumber: row.complaint_number,
    status: row.status,
    version: row.version,
    restricted: row.restricted,
    caseTrackingNumber: row.case_tracking_number,
    programCaseNumber: row.program_case_number,
    complainant: {
      firstName: row.complainant_first_name,
      lastName: row.complainant_last_name,
      role: row.complainant_role,
      email: row.complainant_email,
      phone: row.complainant_phone,
      language: row.language,
    },
    receivedVia: row.received_via,
    receivedOn: row.received_on,
    postmarkedOn: row.postmarked_on,
    knewOfActionOn: row.knew_of_action_on,
    receiptDate: row.receipt_date,
    filingDeadlineOn: row.filing_deadline_on,
    filedLate: row.filed_late,
    lateReason: row.late_reason,
    resolutionDueOn: row.resolution_due_on,
    transferDueOn: row.transfer_due_on,
    extensions: row.extensions,
    extensionReason: row.extension_reason,
    extendedOn: row.extended_on,
    findings: row.findings,
    resolvedOn: row.resolved_on,
    resolutionNoticeMailedOn: row.resolution_notice_mailed_on,
    hearingRequestDeadlineOn: row.hearing_request_deadline_on,
    issues: issues.map((issue) => {
      const category = complaintCategory(issue.category);
      return {
        category: issue.category,
        categoryName: category?.name ?? issue.category,
        hearingEligible: category?.hearingEligible ?? false,
        description: issue.description,
      };
    }),
    hearingRequests: hearings.map((h) => presentHearingRequest(h, row.complaint_number)),
    notices: notices.map((n) => ({
      id: n.id,
      code: n.code,
      language: n.language,
      subject: n.subject,
      body: n.body,
      mailedOn: n.mailed_on,
      createdAt: n.created_at.toISOString(),
    })),
    actions: actions.map((a) => ({
      id: a.id,
      action: a.action,
      responsibleKind: a.responsible_kind,
      responsibleName: a.responsible_name,
      dueOn: a.due_on,
      completedOn: a.completed_on,
    })),
    investigatorUserId: row.investigator_user_id,
    investigatorOverrideReason: row.investigator_override_reason,
    transferredTo: row.transferred_to,
    transferredOn: row.transferred_on,
    nextDeadline: nextDeadline(row, hearings.length, today),
    warnings,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** A complaint in the list and the ombudsperson's queue. */
export function presentComplaintListItem(
  row: ComplaintRow,
  issues: ComplaintIssueRow[],
  today: string,
): ComplaintListItem {
  return {
    complaintNumber: row.complaint_number,
    status: row.status,
    restricted: row.restricted,
    programCaseNumber: row.program_case_number,
    complainantName: `${row.complainant_first_name} ${row.complainant_last_name}`.trim(),
    complainantRole: row.complainant_role,
    receivedVia: row.received_via,
    receiptDate: row.receipt_date,
    resolutionDueOn: row.resolution_due_on,
    extensions: row.extensions,
    filedLate: row.filed_late,
    categories: issues.filter((i) => i.complaint_id === row.id).map((i) => i.category),
    // The list does not read hearing requests; the window is shown until one is opened on the complaint page.
    nextDeadline: nextDeadline(row, 0, today),
  };
}
