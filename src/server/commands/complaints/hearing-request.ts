// A request for a state hearing (SH001) on a complaint: judged issue by issue against the hearing rules
// (hearing-eligibility.ts) and recorded whatever the judgement, with its reasons.
import type { CommandContext } from '../../context.ts';
import type { ErrorDetail } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  complaintClockSettings,
  complaintIssues,
  findVisibleComplaint,
  insertHearingRequest,
  type HearingRequestRow,
} from '../../repositories/complaints.ts';
import { authorizeComplaint } from '../../policies/complaint-access.ts';
import { complaintCategory, judgeHearingRequest } from '../../../domain/hearing-eligibility.ts';
import { localDate, isCalendarDate } from '../../../shared/local-time.ts';
import { refuse } from './complaint-refusal.ts';

/** Records and judges a hearing request; returns it as stored. */
export async function requestHearing(
  ctx: CommandContext,
  complaintNumber: string,
  input: { requestedOn: string; issues: string[] },
): Promise<HearingRequestRow> {
  authorizeComplaint(ctx.actor, 'complaint:hearing');
  const clock = await complaintClockSettings(ctx.db, ctx.agency.id);
  const today = localDate(new Date(), clock.timeZone);
  const problems: ErrorDetail[] = [];
  if (!isCalendarDate(input.requestedOn)) {
    problems.push({ field: 'requestedOn', message: 'must be a date written YYYY-MM-DD' });
  } else if (input.requestedOn > today) problems.push({ field: 'requestedOn', message: 'cannot be in the future' });
  if (!input.issues.length) problems.push({ field: 'issues', message: 'name at least one issue to be heard' });
  input.issues.forEach((category, index) => {
    if (!complaintCategory(category)) {
      problems.push({ field: `issues[${index}]`, message: `"${category}" is not a complaint category` });
    }
  });
  refuse(problems);
  return ctx.db.transaction().execute(async (tx) => {
    const complaint = await findVisibleComplaint(tx, ctx, complaintNumber, true);
    if (input.requestedOn < complaint.received_on) {
      refuse([{ field: 'requestedOn', message: `is before the complaint was received (${complaint.received_on})` }]);
    }
    const issues = await complaintIssues(tx, ctx.agency.id, [complaint.id]);
    const judgement = judgeHearingRequest(
      {
        receiptDate: complaint.receipt_date,
        resolutionDueOn: complaint.resolution_due_on,
        categories: issues.map((i) => i.category),
        resolved: complaint.status === 'resolved',
        resolutionNoticeMailedOn: complaint.resolution_notice_mailed_on,
      },
      { requestedOn: input.requestedOn, categories: input.issues },
      clock.settings,
      clock.calendar,
    );
    const row = await insertHearingRequest(tx, {
      agency_id: ctx.agency.id,
      complaint_id: complaint.id,
      requested_on: input.requestedOn,
      eligible: judgement.eligible,
      issues: JSON.stringify(judgement.issues),
      reasons: judgement.reasons,
      request_deadline_on: judgement.requestDeadlineOn,
      created_by: ctx.actor.userId || null,
    });
    await recordAudit(tx, ctx, {
      action: 'complaint.hearing_requested',
      entityType: 'hearing_request',
      entityId: row.id,
      caseId: complaint.case_id,
      after: {
        complaint_number: complaint.complaint_number,
        requested_on: input.requestedOn,
        eligible: judgement.eligible,
        reasons: judgement.reasons,
      },
    });
    return row;
  });
}
