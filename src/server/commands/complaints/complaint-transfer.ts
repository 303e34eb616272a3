// Transfer of a complaint that belongs to another county (LCR004 to the complainant) and amendment of a complaint
// with more issues (LCR003), which keeps its original receipt date and clocks.
import type { CommandContext } from '../../context.ts';
import { AppError, type ErrorDetail } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  appendComplaintIssues,
  complaintClockSettings,
  findVisibleComplaint,
  updateComplaint,
} from '../../repositories/complaints.ts';
import { authorizeComplaint } from '../../policies/complaint-access.ts';
import { complaintCategory } from '../../../domain/hearing-eligibility.ts';
import { localDate, isCalendarDate } from '../../../shared/local-time.ts';
import { issueComplaintNotice } from './complaint-notices.ts';
import { refuse } from './complaint-refusal.ts';

function mustBeOpen(status: string, complaintNumber: string): void {
  if (status !== 'open') {
    throw new AppError('conflict', `Complaint ${complaintNumber} is ${status}.`, [
      { field: 'status', message: `is ${status}` },
    ]);
  }
}

/** Transfers an open complaint to another county's agency. */
export async function transferComplaint(
  ctx: CommandContext,
  complaintNumber: string,
  input: { transferredTo: string; transferredOn?: string | null | undefined },
): Promise<void> {
  authorizeComplaint(ctx.actor, 'complaint:resolve');
  const clock = await complaintClockSettings(ctx.db, ctx.agency.id);
  const today = localDate(new Date(), clock.timeZone);
  const problems: ErrorDetail[] = [];
  if (!input.transferredTo.trim()) problems.push({ field: 'transferredTo', message: "name the other county's agency" });
  if (input.transferredOn && !isCalendarDate(input.transferredOn)) {
    problems.push({ field: 'transferredOn', message: 'must be a date written YYYY-MM-DD' });
  } else if (input.transferredOn && input.transferredOn > today) {
    problems.push({ field: 'transferredOn', message: 'cannot be in the future' });
  }
  refuse(problems);
  await ctx.db.transaction().execute(async (tx) => {
    const complaint = await findVisibleComplaint(tx, ctx, complaintNumber, true);
    mustBeOpen(complaint.status, complaintNumber);
    const on = input.transferredOn || today;
    if (on < complaint.received_on)
      refuse([{ field: 'transferredOn', message: 'is before the complaint was received' }]);
    await updateComplaint(tx, complaint, {
      status: 'transferred',
      transferred_to: input.transferredTo.trim(),
      transferred_on: on,
    });
    await issueComplaintNotice(tx, ctx, await findVisibleComplaint(tx, ctx, complaintNumber), 'LCR004', {
      extra: { transferredTo: input.transferredTo.trim() },
    });
    await recordAudit(tx, ctx, {
      action: 'complaint.transferred',
      entityType: 'complaint',
      entityId: complaint.id,
      caseId: complaint.case_id,
      before: { status: complaint.status },
      after: { status: 'transferred', transferred_to: input.transferredTo.trim(), transferred_on: on },
      reason: on > complaint.transfer_due_on ? `Transferred after the due date ${complaint.transfer_due_on}` : null,
    });
  });
}

/** Adds issues to an open complaint; its receipt date and clocks stay as they were. */
export async function amendComplaint(
  ctx: CommandContext,
  complaintNumber: string,
  input: { issues: { category: string; description?: string | undefined }[] },
): Promise<void> {
  authorizeComplaint(ctx.actor, 'complaint:create');
  const problems: ErrorDetail[] = [];
  if (!input.issues.length) problems.push({ field: 'issues', message: 'an amendment adds at least one issue' });
  input.issues.forEach((issue, index) => {
    if (!complaintCategory(issue.category)) {
      problems.push({ field: `issues[${index}].category`, message: `"${issue.category}" is not a complaint category` });
    }
  });
  refuse(problems);
  await ctx.db.transaction().execute(async (tx) => {
    const complaint = await findVisibleComplaint(tx, ctx, complaintNumber, true);
    mustBeOpen(complaint.status, complaintNumber);
    await appendComplaintIssues(
      tx,
      ctx.agency.id,
      complaint.id,
      input.issues.map((issue) => ({ category: issue.category, description: issue.description?.trim() ?? '' })),
    );
    await updateComplaint(tx, complaint, {});
    await issueComplaintNotice(tx, ctx, complaint, 'LCR003');
    await recordAudit(tx, ctx, {
      action: 'complaint.amended',
      entityType: 'complaint',
      entityId: complaint.id,
      caseId: complaint.case_id,
      after: { added_categories: input.issues.map((i) => i.category), receipt_date: complaint.receipt_date },
    });
  });
}
