// The agency's annual goal for a measure (the year a fiscal year is named by, else the calendar year), set or
// replaced with the old goal kept in the audit event.
import type { CommandContext } from '../../context.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { findGoal, upsertGoal } from '../../repositories/quality-measures.ts';
import { requireQualityManager } from '../../policies/quality.ts';
import { FieldProblems } from '../common.ts';
import { enteredMeasure } from './measure-value-enter.ts';

/** Sets a measure's goal for a year (a ratio for percentages: 0.8 is 80 %); supervisors and administrators. */
export async function setMeasureGoal(
  ctx: CommandContext,
  key: string,
  year: number,
  goal: number,
): Promise<{ year: number; goal: number }> {
  requireQualityManager(ctx, 'set measure goals');
  const measure = await enteredMeasure(ctx.db, ctx, key);
  const problems = new FieldProblems();
  if (!Number.isInteger(year) || year < 2000 || year > 2100) problems.add('year', 'must be a year from 2000 to 2100');
  if (!Number.isFinite(goal) || goal < 0) problems.add('goal', 'must be a number, 0 or more');
  if (measure.unit === 'percent' && goal > 1)
    problems.add('goal', 'is a share from 0 to 1 for a percentage (0.8 is 80 %)');
  problems.throwIfAny();
  await ctx.db.transaction().execute(async (tx) => {
    const before = await findGoal(tx, ctx.agency.id, measure.id, year);
    await upsertGoal(tx, ctx.agency.id, measure.id, year, goal, ctx.actor.userId || null);
    await recordAudit(tx, ctx, {
      action: 'measure_goal.set',
      entityType: 'measure',
      entityId: measure.key,
      before: before === undefined ? null : { [`goal_${year}`]: before },
      after: { [`goal_${year}`]: goal },
    });
  });
  return { year, goal };
}
