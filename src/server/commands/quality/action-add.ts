// Adds an action (title, owner, due date) to an open plan. One transaction, one audit event.
import type { CommandContext } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { findPlan, insertActions, touchPlan } from '../../repositories/action-plans.ts';
import { requireQualityManager } from '../../policies/quality.ts';
import { presentPlan } from '../../queries/action-plans.ts';
import type { ActionPlan, NewActionInput } from '../../../shared/quality.ts';
import { FieldProblems } from '../common.ts';
import { activeUserIds, checkDate, checkOwner, cleanText } from './action-plan-input.ts';

/** Adds an action to an open plan; supervisors and administrators. */
export async function addAction(ctx: CommandContext, planId: number, input: NewActionInput): Promise<ActionPlan> {
  requireQualityManager(ctx, 'add actions to plans');
  const problems = new FieldProblems();
  const title = cleanText(problems, 'title', input.title, 300);
  checkOwner(problems, 'ownerId', input.ownerId, await activeUserIds(ctx.db, ctx.agency.id, [input.ownerId]));
  checkDate(problems, 'dueOn', input.dueOn);
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    const plan = await findPlan(tx, ctx.agency.id, planId, true);
    if (!plan) throw notFound(`Action plan ${planId}`);
    if (plan.status !== 'open') throw new AppError('conflict', `The plan is ${plan.status}; reopen it to add actions.`);
    await insertActions(tx, ctx.agency.id, planId, [{ title, ownerUserId: input.ownerId, dueOn: input.dueOn }]);
    await touchPlan(tx, ctx.agency.id, planId);
    await recordAudit(tx, ctx, {
      action: 'action_plan.action_added',
      entityType: 'action_plan',
      entityId: planId,
      after: { action: title, owner_user_id: input.ownerId, due_on: input.dueOn },
    });
    return presentPlan({ ...ctx, db: tx }, (await findPlan(tx, ctx.agency.id, planId))!);
  });
}
