// A new formal complaint: validates the complainant, channel, dates and issues, starts its clocks (receipt date,
// filing window, resolution and transfer due dates) and numbers it per agency and year of receipt, in one
// transaction with its audit event. A complaint from a restricted case stays restricted.
import type { CommandContext } from '../../context.ts';
import type { ErrorDetail } from '../../errors.ts';
import { refuse } from './complaint-refusal.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { findVisibleCase } from '../../repositories/cases.ts';
import {
  complaintClockSettings,
  findVisibleComplaint,
  insertComplaint,
  nextComplaintSequence,
} from '../../repositories/complaints.ts';
import { issueComplaintNotice } from './complaint-notices.ts';
import { authorizeComplaint } from '../../policies/complaint-access.ts';
import {
  COMPLAINANT_ROLES,
  RECEIVED_VIA,
  complaintClocks,
  complaintDateProblems,
  type ComplainantRole,
  type ReceivedVia,
} from '../../../domain/complaint-clocks.ts';
import { complaintCategory } from '../../../domain/hearing-eligibility.ts';
import { isLanguageCode } from '../../../shared/languages.ts';
import { localDate } from '../../../shared/local-time.ts';
import type { CreateComplaintBody } from '../../../shared/complaints.ts';

function validate(input: CreateComplaintBody, today: string): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const { complainant } = input;
  if (!complainant.firstName.trim() && !complainant.lastName.trim()) {
    problems.push({ field: 'complainant.lastName', message: 'the complainant needs a name' });
  }
  if (!(COMPLAINANT_ROLES as readonly string[]).includes(complainant.role)) {
    problems.push({ field: 'complainant.role', message: `must be one of ${COMPLAINANT_ROLES.join(', ')}` });
  }
  if (complainant.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(complainant.email.trim())) {
    problems.push({ field: 'complainant.email', message: 'is not an email address' });
  }
  if (complainant.phone && complainant.phone.replace(/\D/g, '').length < 7) {
    problems.push({ field: 'complainant.phone', message: 'needs at least 7 digits' });
  }
  if (complainant.language && !isLanguageCode(complainant.language)) {
    problems.push({
      field: 'complainant.language',
      message: `"${complainant.language}" is not a supported language code`,
    });
  }
  if (!input.programCaseNumber.trim()) {
    problems.push({ field: 'programCaseNumber', message: "is required: the program's case number" });
  }
  if (!(RECEIVED_VIA as readonly string[]).includes(input.receivedVia)) {
    problems.push({ field: 'receivedVia', message: `must be one of ${RECEIVED_VIA.join(', ')}` });
  }
  problems.push(...complaintDateProblems(input, today));
  if (!input.issues.length) problems.push({ field: 'issues', message: 'a complaint needs at least one issue' });
  input.issues.forEach((issue, index) => {
    if (!complaintCategory(issue.category)) {
      problems.push({
        field: `issues[${index}].category`,
        message: `"${issue.category}" is not a complaint category (see GET /api/v1/complaint-categories)`,
      });
    }
  });
  return problems;
}

/** Files a complaint; returns its number. */
export async function createComplaint(ctx: CommandContext, input: CreateComplaintBody): Promise<string> {
  authorizeComplaint(ctx.actor, 'complaint:create');
  const clock = await complaintClockSettings(ctx.db, ctx.agency.id);
  const today = localDate(new Date(), clock.timeZone);
  refuse(validate(input, today));
  return ctx.db.transaction().execute(async (tx) => {
    let caseRow = null;
    if (input.caseTrackingNumber) {
      try {
        caseRow = await findVisibleCase(tx, ctx, input.caseTrackingNumber);
      } catch {
        refuse([{ field: 'caseTrackingNumber', message: `no case ${input.caseTrackingNumber} that you can see` }]);
      }
    }
    const clocks = complaintClocks(
      {
        receivedVia: input.receivedVia as ReceivedVia,
        receivedOn: input.receivedOn,
        postmarkedOn: input.postmarkedOn,
        knewOfActionOn: input.knewOfActionOn,
      },
      clock.settings,
      clock.calendar,
    );
    const year = Number(clocks.receiptDate.slice(0, 4));
    const sequence = await nextComplaintSequence(tx, ctx.agency.id, year);
    const complaintNumber = `${clock.trackingPrefix}-C-${year}-${String(sequence).padStart(6, '0')}`;
    const values = {
      agency_id: ctx.agency.id,
      complaint_number: complaintNumber,
      case_id: caseRow?.id ?? null,
      restricted: caseRow?.restricted ?? false,
      program_case_number: input.programCaseNumber.trim(),
      complainant_first_name: input.complainant.firstName.trim(),
      complainant_last_name: input.complainant.lastName.trim(),
      complainant_role: input.complainant.role as ComplainantRole,
      complainant_email: input.complainant.email?.trim() || null,
      complainant_phone: input.complainant.phone?.trim() || null,
      language: input.complainant.language || caseRow?.language || 'en',
      received_via: input.receivedVia as ReceivedVia,
      received_on: input.receivedOn,
      postmarked_on: input.postmarkedOn ?? null,
      knew_of_action_on: input.knewOfActionOn ?? null,
      receipt_date: clocks.receiptDate,
      filing_deadline_on: clocks.filingDeadlineOn,
      filed_late: clocks.filedLate,
      late_reason: input.lateReason?.trim() || null,
      resolution_due_on: clocks.resolutionDueOn,
      transfer_due_on: clocks.transferDueOn,
      created_by: ctx.actor.userId || null,
    };
    const issues = input.issues.map((i) => ({ category: i.category, description: i.description?.trim() ?? '' }));
    const id = await insertComplaint(tx, values, issues);
    // The acknowledgement (LCR002) is written at once, in the complainant's language, waiting to be mailed.
    await issueComplaintNotice(tx, ctx, await findVisibleComplaint(tx, ctx, complaintNumber), 'LCR002');
    await recordAudit(tx, ctx, {
      action: 'complaint.created',
      entityType: 'complaint',
      entityId: id,
      caseId: caseRow?.id ?? null,
      after: {
        complaint_number: complaintNumber,
        program_case_number: values.program_case_number,
        complainant_role: values.complainant_role,
        received_via: values.received_via,
        receipt_date: clocks.receiptDate,
        filing_deadline_on: clocks.filingDeadlineOn,
        filed_late: clocks.filedLate,
        resolution_due_on: clocks.resolutionDueOn,
        categories: issues.map((i) => i.category),
        restricted: values.restricted,
      },
      reason: clocks.filedLate ? `Filed late: ${values.late_reason ?? 'no reason recorded yet'}` : null,
    });
    return complaintNumber;
  });
}
