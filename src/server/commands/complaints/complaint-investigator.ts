// Who investigates a complaint: never the caseworker of the matter complained about (the assignee of the case it
// comes from), unless a supervisor or administrator overrides with a reason — and the override is audited.
import type { CommandContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { activeUser, caseAssignee, findVisibleComplaint, updateComplaint } from '../../repositories/complaints.ts';
import { authorizeComplaint } from '../../policies/complaint-access.ts';
import { refuse } from './complaint-refusal.ts';

/** Names the investigator of a complaint. */
export async function assignInvestigator(
  ctx: CommandContext,
  complaintNumber: string,
  input: { userId: number; overrideReason?: string | null | undefined },
): Promise<void> {
  authorizeComplaint(ctx.actor, 'complaint:resolve');
  await ctx.db.transaction().execute(async (tx) => {
    const complaint = await findVisibleComplaint(tx, ctx, complaintNumber, true);
    const user = await activeUser(tx, ctx.agency.id, input.userId);
    if (!user) refuse([{ field: 'userId', message: 'is not an active user of this agency' }]);
    const caseworker = complaint.case_id ? await caseAssignee(tx, ctx.agency.id, complaint.case_id) : null;
    const isCaseworker = caseworker === input.userId;
    const reason = input.overrideReason?.trim() || null;
    if (isCaseworker) {
      if (ctx.actor.role !== 'supervisor' && ctx.actor.role !== 'administrator') {
        throw new AppError(
          'forbidden',
          `${user!.name} is the caseworker of the matter complained about; someone else must investigate unless a supervisor overrides.`,
          [{ field: 'userId', message: 'is the caseworker of the matter' }],
        );
      }
      if (!reason) {
        refuse([
          { field: 'overrideReason', message: 'an override of the independent-investigator rule needs a reason' },
        ]);
      }
    }
    await updateComplaint(tx, complaint, {
      investigator_user_id: input.userId,
      investigator_override_reason: isCaseworker ? reason : null,
    });
    await recordAudit(tx, ctx, {
      action: isCaseworker ? 'complaint.investigator_override' : 'complaint.investigator_assigned',
      entityType: 'complaint',
      entityId: complaint.id,
      caseId: complaint.case_id,
      before: { investigator_user_id: complaint.investigator_user_id },
      after: { investigator_user_id: input.userId },
      reason: isCaseworker ? reason : null,
    });
  });
}
