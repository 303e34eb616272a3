// Routing a case to a unit (by hand, after intake): sets the unit, keeps the assignee only if they belong to it.
import type { CommandContext } from '../../context.ts';
import { invalid } from '../../errors.ts';
import { mutateCase } from './case-mutation.ts';

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
      const unit = await tx
        .selectFrom('units')
        .select(['id', 'code', 'active'])
        .where('agency_id', '=', ctx.agency.id)
        .where('code', '=', input.unit)
        .executeTakeFirst();
      if (!unit || !unit.active) throw invalid('unit', `"${input.unit}" is not an active unit code`);
      const previous = current.unit_id
        ? await tx
            .selectFrom('units')
            .select('code')
            .where('agency_id', '=', ctx.agency.id)
            .where('id', '=', current.unit_id)
            .executeTakeFirst()
        : undefined;
      let assigneeId = current.assignee_id;
      if (assigneeId) {
        const member = await tx
          .selectFrom('unit_memberships')
          .select('user_id')
          .where('agency_id', '=', ctx.agency.id)
          .where('user_id', '=', assigneeId)
          .where('unit_id', '=', unit.id)
          .executeTakeFirst();
        if (!member) assigneeId = null;
      }
      return {
        patch: {
          unit_id: unit.id,
          assignee_id: assigneeId,
          status:
            current.status === 'new' || (current.status === 'assigned' && !assigneeId) ? 'triaged' : current.status,
        },
        auditBefore: { unit: previous?.code ?? null },
        auditAfter: { unit: unit.code },
        reason: input.reason ?? null,
      };
    },
  );
}
