// Opens an improvement action plan: title, the measure it is to move (optional), owner, goal, baseline, review date
// and its first actions (each with an owner and a due date). One transaction, one audit event.
import type { CommandContext } from '../../context.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { findPlan, insertActions, insertPlan } from '../../repositories/action-plans.ts';
import { requireQualityManager } from '../../policies/quality.ts';
import { measureCatalogue } from '../../queries/quality-measures.ts';
import { presentPlan } from '../../queries/action-plans.ts';
import type { ActionPlan, CreateActionPlanInput } from '../../../shared/quality.ts';
import { FieldProblems } from '../common.ts';
import { activeUserIds, checkDate, checkOwner, cleanText } from './action-plan-input.ts';

export const PLAN_ORIGINS = ['measure', 'new_issue', 'advocate_feedback', 'review', 'other'] as const;

/** Opens a plan with its actions; supervisors and administrators. */
export async function createActionPlan(ctx: CommandContext, input: CreateActionPlanInput): Promise<ActionPlan> {
  requireQualityManager(ctx, 'open action plans');
  const problems = new FieldProblems();
  const title = cleanText(problems, 'title', input.title, 200);
  const goal = cleanText(problems, 'goal', input.goal, 2000);
  const baseline = cleanText(problems, 'baseline', input.baseline, 2000, false);
  const measureKey = input.measureKey?.trim() || null;
  if (measureKey && !(await measureCatalogue(ctx)).some((m) => m.key === measureKey)) {
    problems.add('measureKey', `no measure has key ${measureKey}`);
  }
  const origin = input.origin ?? (measureKey ? 'measure' : 'other');
  if (!(PLAN_ORIGINS as readonly string[]).includes(origin)) {
    problems.add('origin', `must be one of ${PLAN_ORIGINS.join(', ')}`);
  }
  const reviewOn = input.reviewOn?.trim() || null;
  if (reviewOn) checkDate(problems, 'reviewOn', reviewOn);
  const active = await activeUserIds(ctx.db, ctx.agency.id, [
    input.ownerId,
    ...(input.actions ?? []).map((a) => a.ownerId),
  ]);
  checkOwner(problems, 'ownerId', input.ownerId, active);
  const actions = (input.actions ?? []).map((a, i) => {
    const field = `actions.${i}`;
    const actionTitle = cleanText(problems, `${field}.title`, a.title, 300);
    checkOwner(problems, `${field}.ownerId`, a.ownerId, active);
    checkDate(problems, `${field}.dueOn`, a.dueOn);
    return { title: actionTitle, ownerUserId: a.ownerId, dueOn: a.dueOn };
  });
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    const values = { title, measureKey, ownerUserId: input.ownerId, goal, baseline, origin, reviewOn };
    const id = await insertPlan(tx, ctx.agency.id, ctx.actor.userId || null, values);
    await insertActions(tx, ctx.agency.id, id, actions);
    await recordAudit(tx, ctx, {
      action: 'action_plan.created',
      entityType: 'action_plan',
      entityId: id,
      after: { ...values, actions: actions.map((a) => `${a.title} (due ${a.dueOn})`) },
    });
    return presentPlan({ ...ctx, db: tx }, (await findPlan(tx, ctx.agency.id, id))!);
  });
}
