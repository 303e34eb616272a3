// Routing a case to a unit (by hand, after intake): sets the unit, keeps the assignee only if they belong to it.
import type { CommandContext } from '../../context.ts';
import { invalid } from '../../errors.ts';
import { mutateCase } from './case-mutation.ts';
import { findUnitByCode, unitCodeOf } from '../../repositories/configuration/units.ts';
import { isUnitMember } from '../../repositories/configuration/users.ts';

export interface RouteCaseInput {
  trackingNumber: string;
  unit: string;
  reason?: string | undefined;
  expectedVersion?: number | undefined;
}

/** Routes a case to the unit with the given code. */
export async function routeCase(ctx: CommandContext, input: RouteCaseInput) {
  return mutateCase(
    ctx,
    {
      trackingNumber: input.trackingNumber,
      expectedVersion: input.expectedVersion,
      action: 'case:route',
      auditAction: 'case.routed',
    },
    async (tx, current) => {
      const unit = await findUnitByCode(tx, ctx.agency.id, input.unit, { exactCase: true });
      if (!unit || !unit.active) throw invalid('unit', `"${input.unit}" is not an active unit code`);
      const previousCode = current.unit_id ? await unitCodeOf(tx, ctx.agency.id, current.unit_id) : null;
      let assigneeId = current.assignee_id;
      if (assigneeId && !(await isUnitMember(tx, ctx.agency.id, assigneeId, unit.id))) assigneeId = null;
      return {
        patch: {
          unit_id: unit.id,
          assignee_id: assigneeId,
          status:
            current.status === 'new' || (current.status === 'assigned' && !assigneeId) ? 'triaged' : current.status,
        },
        auditBefore: { unit: previousCode },
        auditAfter: { unit: unit.code },
        reason: input.reason ?? null,
      };
    },
  );
}
