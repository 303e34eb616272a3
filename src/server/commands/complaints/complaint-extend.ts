// The director's extension of a complaint's resolution: once (an agency setting), with a reason, moving the due date
// by the configured days from the original clock. A further extension is a conflict (409).
import type { CommandContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { complaintClockSettings, findVisibleComplaint, updateComplaint } from '../../repositories/complaints.ts';
import { authorizeComplaint } from '../../policies/complaint-access.ts';
import { resolutionDue } from '../../../domain/complaint-clocks.ts';
import { localDate } from '../../../shared/local-time.ts';
import { refuse } from './complaint-refusal.ts';
import { issueComplaintNotice } from './complaint-notices.ts';

/** Extends the resolution of an open complaint; returns the new due date. */
export async function extendComplaint(
  ctx: CommandContext,
  complaintNumber: string,
  input: { reason: string; expectedVersion?: number | undefined },
): Promise<string> {
  authorizeComplaint(ctx.actor, 'complaint:extend');
  refuse(
    input.reason.trim() ? [] : [{ field: 'reason', message: 'an extension needs its reason, given in the notice' }],
  );
  const clock = await complaintClockSettings(ctx.db, ctx.agency.id);
  return ctx.db.transaction().execute(async (tx) => {
    const current = await findVisibleComplaint(tx, ctx, complaintNumber, true);
    if (current.status !== 'open') {
      throw new AppError(
        'conflict',
        `Complaint ${complaintNumber} is ${current.status}; only an open one can be extended.`,
        [{ field: 'status', message: `is ${current.status}` }],
      );
    }
    if (current.extensions >= clock.settings.maxExtensions) {
      throw new AppError(
        'conflict',
        `Complaint ${complaintNumber} was already extended; the resolution may be extended only ${clock.settings.maxExtensions === 1 ? 'once' : `${clock.settings.maxExtensions} times`}.`,
        [{ field: 'extension', message: 'already extended' }],
      );
    }
    const extensions = current.extensions + 1;
    const due = resolutionDue(current.receipt_date, extensions, clock.settings, clock.calendar);
    const extendedOn = localDate(new Date(), clock.timeZone);
    await updateComplaint(
      tx,
      current,
      { extensions, resolution_due_on: due, extension_reason: input.reason.trim(), extended_on: extendedOn },
      input.expectedVersion,
    );
    // The notice of extension (LCR005) gives the reason and the new date.
    await issueComplaintNotice(tx, ctx, await findVisibleComplaint(tx, ctx, complaintNumber), 'LCR005');
    await recordAudit(tx, ctx, {
      action: 'complaint.extended',
      entityType: 'complaint',
      entityId: current.id,
      caseId: current.case_id,
      before: { resolution_due_on: current.resolution_due_on, extensions: current.extensions },
      after: { resolution_due_on: due, extensions },
      reason: input.reason.trim(),
    });
    return due;
  });
}
