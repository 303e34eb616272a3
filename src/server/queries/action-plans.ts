// Read models of action plans: one plan as the API shows it (actions with whether they are overdue today in the
// agency's time zone, and the measured effect: the measure's last value before the plan and its latest since), and
// the list of plans with open and overdue counts.
import type { CommandContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { findPlan, listPlans, type PlanRecord } from '../repositories/action-plans.ts';
import { findMeasure, listValues } from '../repositories/quality-measures.ts';
import { measureCatalogue } from './quality-measures.ts';
import { localDate } from '../../shared/local-time.ts';
import type { ActionPlan, ActionPlanSummary } from '../../shared/quality.ts';

/** Today's local date in the agency's time zone. */
export function agencyToday(ctx: CommandContext, now = new Date()): string {
  return localDate(now, ctx.agency.timeZone);
}

async function effectOf(ctx: CommandContext, plan: PlanRecord): Promise<ActionPlan['effect']> {
  if (!plan.measureKey) return { before: null, after: null };
  const measure = await findMeasure(ctx.db, ctx.agency.id, plan.measureKey);
  if (!measure) return { before: null, after: null };
  const started = localDate(plan.createdAt, ctx.agency.timeZone);
  const values = await listValues(ctx.db, ctx.agency.id, [measure.id]);
  const before = values.filter((v) => v.periodTo < started).at(-1);
  const after = values.filter((v) => v.periodTo >= started).at(-1);
  return {
    before: before ? { period: before.periodKey, value: before.value } : null,
    after: after ? { period: after.periodKey, value: after.value } : null,
  };
}

/** A plan as the API shows it. */
export async function presentPlan(ctx: CommandContext, plan: PlanRecord): Promise<ActionPlan> {
  const today = agencyToday(ctx);
  const measureName = plan.measureKey
    ? ((await measureCatalogue(ctx)).find((m) => m.key === plan.measureKey)?.name ?? null)
    : null;
  return {
    id: plan.id,
    title: plan.title,
    measureKey: plan.measureKey,
    measureName,
    ownerId: plan.ownerUserId,
    ownerName: plan.ownerName,
    goal: plan.goal,
    baseline: plan.baseline,
    origin: plan.origin,
    reviewOn: plan.reviewOn,
    status: plan.status,
    createdAt: plan.createdAt.toISOString(),
    version: plan.version,
    actions: plan.actions.map((a) => ({
      id: a.id,
      title: a.title,
      ownerId: a.ownerUserId,
      ownerName: a.ownerName,
      dueOn: a.dueOn,
      completedOn: a.completedOn,
      evidence: a.evidence,
      overdue: a.completedOn === null && a.dueOn < today,
      escalationLevel: a.escalationLevel,
    })),
    effect: await effectOf(ctx, plan),
  };
}

/** One plan; 404 when it does not exist in the agency. */
export async function getActionPlan(ctx: CommandContext, id: number): Promise<ActionPlan> {
  const plan = await findPlan(ctx.db, ctx.agency.id, id);
  if (!plan) throw notFound(`Action plan ${id}`);
  return presentPlan(ctx, plan);
}

/** Every plan, open ones first. */
export async function listActionPlans(ctx: CommandContext): Promise<ActionPlanSummary[]> {
  return listPlans(ctx.db, ctx.agency.id, agencyToday(ctx));
}
