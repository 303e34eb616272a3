// Completes an action of a plan with its evidence and completion date (today in the agency's time zone unless
// given); when the last open action is completed the plan is completed too. One transaction, one audit event.
import type { CommandContext } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  completeAction as writeCompletion,
  findPlan,
  setPlanStatus,
  touchPlan,
} from '../../repositories/action-plans.ts';
import { refuseAuditor, requireActionCompleter } from '../../policies/quality.ts';
import { agencyToday, presentPlan } from '../../queries/action-plans.ts';
import type { ActionPlan } from '../../../shared/quality.ts';
import { FieldProblems } from '../common.ts';
import { checkDate, cleanText } from './action-plan-input.ts';

/** Completes an action; its owner, the plan's owner, supervisors and administrators. */
export async function completeAction(
  ctx: CommandContext,
  planId: number,
  actionId: number,
  input: { completedOn?: string | undefined; evidence?: string | undefined },
): Promise<ActionPlan> {
  refuseAuditor(ctx);
  const problems = new FieldProblems();
  const today = agencyToday(ctx);
  const completedOn = input.completedOn?.trim() || today;
  checkDate(problems, 'completedOn', completedOn);
  if (completedOn > today) problems.add('completedOn', 'cannot be after today');
  const evidence = cleanText(problems, 'evidence', input.evidence, 4000, false);
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    const plan = await findPlan(tx, ctx.agency.id, planId, true);
    const action = plan?.actions.find((a) => a.id === actionId);
    if (!plan || !action) throw notFound(`Action ${actionId} of plan ${planId}`);
    requireActionCompleter(ctx, plan, action);
    if (action.completedOn !== null) {
      throw new AppError('conflict', `“${action.title}” was already completed on ${action.completedOn}.`);
    }
    if (plan.status === 'cancelled') throw new AppError('conflict', 'The plan is cancelled; reopen it first.');
    await writeCompletion(tx, ctx.agency.id, actionId, completedOn, ctx.actor.userId || null, evidence);
    const allDone = plan.actions.every((a) => a.id === actionId || a.completedOn !== null);
    if (allDone && plan.status === 'open') await setPlanStatus(tx, ctx.agency.id, planId, 'completed');
    else await touchPlan(tx, ctx.agency.id, planId);
    await recordAudit(tx, ctx, {
      action: 'action_plan.action_completed',
      entityType: 'action_plan',
      entityId: planId,
      before: { [`action_${actionId}.completed_on`]: null, ...(allDone ? { status: plan.status } : {}) },
      after: {
        [`action_${actionId}.completed_on`]: completedOn,
        [`action_${actionId}.evidence`]: evidence,
        ...(allDone ? { status: 'completed' } : {}),
      },
    });
    return presentPlan({ ...ctx, db: tx }, (await findPlan(tx, ctx.agency.id, planId))!);
  });
}
