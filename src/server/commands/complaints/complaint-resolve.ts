// The written resolution of a complaint: findings and the day the notice of resolution was mailed, which opens the
// state-hearing request window (hearing-eligibility.ts).
import type { CommandContext } from '../../context.ts';
import { AppError, type ErrorDetail } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { complaintClockSettings, findVisibleComplaint, updateComplaint } from '../../repositories/complaints.ts';
import { authorizeComplaint } from '../../policies/complaint-access.ts';
import { complaintIssues } from '../../repositories/complaints.ts';
import { hearingRequestDeadline } from '../../../domain/hearing-eligibility.ts';
import { localDate, isCalendarDate } from '../../../shared/local-time.ts';
import { refuse } from './complaint-refusal.ts';
import { issueComplaintNotice } from './complaint-notices.ts';

export interface ResolveComplaintInput {
  findings?: string | null | undefined;
  noticeMailedOn?: string | null | undefined;
  resolvedOn?: string | null | undefined;
  expectedVersion?: number | undefined;
}

/** Resolves an open complaint; returns the last day to request a state hearing. */
export async function resolveComplaint(
  ctx: CommandContext,
  complaintNumber: string,
  input: ResolveComplaintInput,
): Promise<string> {
  authorizeComplaint(ctx.actor, 'complaint:resolve');
  const clock = await complaintClockSettings(ctx.db, ctx.agency.id);
  const today = localDate(new Date(), clock.timeZone);
  const problems: ErrorDetail[] = [];
  if (!input.findings?.trim()) problems.push({ field: 'findings', message: 'a resolution needs its findings' });
  for (const field of ['noticeMailedOn', 'resolvedOn'] as const) {
    const value = input[field];
    if (value === undefined || value === null) continue;
    if (!isCalendarDate(value)) problems.push({ field, message: 'must be a date written YYYY-MM-DD' });
    else if (value > today) problems.push({ field, message: 'cannot be in the future' });
  }
  refuse(problems);
  return ctx.db.transaction().execute(async (tx) => {
    const current = await findVisibleComplaint(tx, ctx, complaintNumber, true);
    if (current.status !== 'open') {
      throw new AppError('conflict', `Complaint ${complaintNumber} is already ${current.status}.`, [
        { field: 'status', message: `is ${current.status}` },
      ]);
    }
    const resolvedOn = input.resolvedOn ?? input.noticeMailedOn ?? today;
    const mailedOn = input.noticeMailedOn ?? null;
    const later: ErrorDetail[] = [];
    if (resolvedOn < current.received_on) {
      later.push({
        field: input.resolvedOn ? 'resolvedOn' : 'noticeMailedOn',
        message: 'is before the complaint was received',
      });
    }
    if (mailedOn && mailedOn < resolvedOn) later.push({ field: 'noticeMailedOn', message: 'is before the resolution' });
    refuse(later);
    const issues = await complaintIssues(tx, ctx.agency.id, [current.id]);
    const deadline = hearingRequestDeadline(
      {
        receiptDate: current.receipt_date,
        resolutionDueOn: current.resolution_due_on,
        categories: issues.map((i) => i.category),
        resolved: true,
        resolutionNoticeMailedOn: mailedOn,
      },
      clock.settings,
      clock.calendar,
    );
    const findings = input.findings!.trim();
    await updateComplaint(
      tx,
      current,
      {
        status: 'resolved',
        findings,
        resolved_on: resolvedOn,
        resolution_notice_mailed_on: mailedOn,
        hearing_request_deadline_on: deadline,
      },
      input.expectedVersion,
    );
    // The notice of resolution (LCR006): findings, steps taken and the hearing rights with their last day.
    await issueComplaintNotice(tx, ctx, await findVisibleComplaint(tx, ctx, complaintNumber), 'LCR006', {
      mailedOn,
    });
    await recordAudit(tx, ctx, {
      action: 'complaint.resolved',
      entityType: 'complaint',
      entityId: current.id,
      caseId: current.case_id,
      before: { status: current.status },
      after: {
        status: 'resolved',
        resolved_on: resolvedOn,
        resolution_notice_mailed_on: mailedOn,
        hearing_request_deadline_on: deadline,
        findings: findings.slice(0, 500),
      },
    });
    return deadline;
  });
}
