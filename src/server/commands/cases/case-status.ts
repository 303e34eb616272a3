// Moving a case through its workflow. Waiting on the constituent stops the clock; leaving that status starts it
// again and moves the deadlines by the time paused. Closing stamps closed_at; reopening clears it.
import type { CommandContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { canMove, nextStatuses, type CaseStatus } from '../../../shared/case-status.ts';
import { mutateCase } from './case-mutation.ts';
import { resumeClockPatch } from './case-deadlines.ts';
import type { CasePatch } from '../../repositories/cases.ts';

export interface ChangeStatusInput {
  trackingNumber: string;
  status: CaseStatus;
  reason?: string | undefined;
  expectedVersion?: number | undefined;
}

/** Changes a case's status if the workflow allows the move. */
export async function changeCaseStatus(ctx: CommandContext, input: ChangeStatusInput) {
  const now = new Date();
  return mutateCase(
    ctx,
    {
      trackingNumber: input.trackingNumber,
      expectedVersion: input.expectedVersion,
      action: 'case:status',
      auditAction: input.status === 'closed' ? 'case.closed' : 'case.status_changed',
    },
    async (tx, current) => {
      if (!canMove(current.status, input.status)) {
        throw new AppError(
          'conflict',
          `A ${current.status.replace(/_/g, ' ')} case cannot move to ${input.status.replace(/_/g, ' ')}; it can move to: ${nextStatuses(current.status).join(', ')}.`,
          [{ field: 'status', message: `not allowed from ${current.status}` }],
        );
      }
      if (current.merged_into_id) throw new AppError('conflict', 'A merged case cannot change status.');
      const patch: CasePatch = { status: input.status };
      if (input.status === 'waiting_on_constituent') {
        patch.paused_at = now;
        patch.pauses = JSON.stringify([...current.pauses, { from: now.toISOString(), to: null }]);
      } else if (current.status === 'waiting_on_constituent') {
        Object.assign(patch, await resumeClockPatch({ tx, db: ctx.db }, current, now));
      }
      if (input.status === 'closed') patch.closed_at = now;
      if (current.status === 'closed') patch.closed_at = null;
      return { patch, reason: input.reason ?? null };
    },
  );
}
