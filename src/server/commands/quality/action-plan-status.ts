// Changes a plan's status by hand: cancel it, reopen it, or complete it. One transaction, one audit event.
import type { CommandContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { findPlan, setPlanStatus, type PlanStatus } from '../../repositories/action-plans.ts';
import { requireQualityManager } from '../../policies/quality.ts';
import { presentPlan } from '../../queries/action-plans.ts';
import type { ActionPlan } from '../../../shared/quality.ts';
import { FieldProblems } from '../common.ts';

const STATUSES: readonly PlanStatus[] = ['open', 'completed', 'cancelled'];

/** Sets a plan's status; supervisors and administrators. */
export async function changePlanStatus(ctx: CommandContext, planId: number, status: string): Promise<ActionPlan> {
  requireQualityManager(ctx, 'change action plans');
  const problems = new FieldProblems();
  if (!(STATUSES as readonly string[]).includes(status))
    problems.add('status', `must be one of ${STATUSES.join(', ')}`);
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    const plan = await findPlan(tx, ctx.agency.id, planId, true);
    if (!plan) throw notFound(`Action plan ${planId}`);
    if (plan.status !== status) {
      await setPlanStatus(tx, ctx.agency.id, planId, status as PlanStatus);
      await recordAudit(tx, ctx, {
        action: 'action_plan.status_changed',
        entityType: 'action_plan',
        entityId: planId,
        before: { status: plan.status },
        after: { status },
      });
    }
    return presentPlan({ ...ctx, db: tx }, (await findPlan(tx, ctx.agency.id, planId))!);
  });
}
