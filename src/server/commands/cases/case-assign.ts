// Assigning a case to a person (or back to the unit's pool).
import type { CommandContext } from '../../context.ts';
import { invalid } from '../../errors.ts';
import { mutateCase } from './case-mutation.ts';
import { notify } from '../notifications/notify.ts';
import { findUserBrief } from '../../repositories/configuration/users.ts';

export interface AssignCaseInput {
  trackingNumber: string;
  assigneeId: number | null;
  expectedVersion?: number | undefined;
  reason?: string | undefined;
}

/** Assigns (or unassigns with null) a case; a new or triaged case becomes "assigned". */
export async function assignCase(ctx: CommandContext, input: AssignCaseInput) {
  return mutateCase(
    ctx,
    {
      trackingNumber: input.trackingNumber,
      expectedVersion: input.expectedVersion,
      action: 'case:assign',
      auditAction: 'case.assigned',
    },
    async (tx, current) => {
      let assigneeName: string | null = null;
      if (input.assigneeId !== null) {
        const user = await findUserBrief(tx, ctx.agency.id, input.assigneeId);
        if (!user || !user.active)
          throw invalid('assigneeId', `user ${input.assigneeId} is not an active user of this agency`);
        if (user.role === 'auditor') throw invalid('assigneeId', 'auditors cannot be assigned cases');
        assigneeName = user.name;
        if (input.assigneeId !== current.assignee_id) {
          await notify(tx, ctx, {
            kind: 'assigned',
            to: { userIds: [input.assigneeId] },
            summary: `${ctx.actor.name} assigned case ${current.tracking_number} to you`,
            caseId: current.id,
            trackingNumber: current.tracking_number,
          });
        }
      }
      const status =
        input.assigneeId !== null && (current.status === 'new' || current.status === 'triaged')
          ? 'assigned'
          : input.assigneeId === null && current.status === 'assigned'
            ? 'triaged'
            : current.status;
      return {
        patch: { assignee_id: input.assigneeId, status },
        auditAfter: { assignee: assigneeName },
        reason: input.reason ?? null,
      };
    },
  );
}
