// The SQL of the quality reports: action plans and their actions as they stood at the end of a period, the response
// reviews made in a period (only of cases the reader may see), and the training completions in a period. Dates are
// the agency's local dates; a review counts by the instant it was made.
import { sql } from 'kysely';
import type { CommandContext } from '../../context.ts';
import { visibleCasesFilter } from '../../policies/case-access.ts';

import type { PlanOfPeriod } from '../../../shared/monthly-report.ts';

export type { PlanOfPeriod };

/**
 * The agency's plans opened on or before `to` (in the agency's time zone), with their actions counted as they stood
 * at the end of `to`; plans closed (completed or cancelled) before the period began are left out.
 */
export async function plansOfPeriod(
  ctx: CommandContext,
  period: { from: string; to: string },
): Promise<PlanOfPeriod[]> {
  const zone = ctx.agency.timeZone;
  const { rows } = await sql<{
    id: number;
    title: string;
    measure_key: string | null;
    owner_name: string;
    status: PlanOfPeriod['status'];
    opened_on: string;
    actions: number;
    completed: number;
    completed_in_period: number;
    overdue: number;
  }>`
    select p.id, p.title, p.measure_key, u.name as owner_name, p.status,
           (p.created_at at time zone ${zone})::date::text as opened_on,
           count(a.id)::int as actions,
           count(a.id) filter (where a.completed_on <= ${period.to}::date)::int as completed,
           count(a.id) filter (where a.completed_on between ${period.from}::date and ${period.to}::date)::int
             as completed_in_period,
           count(a.id) filter (where a.due_on <= ${period.to}::date
                                 and (a.completed_on is null or a.completed_on > ${period.to}::date))::int as overdue
    from action_plans p
    join users u on u.agency_id = p.agency_id and u.id = p.owner_user_id
    left join action_plan_actions a on a.agency_id = p.agency_id and a.plan_id = p.id
    where p.agency_id = ${ctx.agency.id}
      and (p.created_at at time zone ${zone})::date <= ${period.to}::date
      and (p.status = 'open' or (p.updated_at at time zone ${zone})::date >= ${period.from}::date)
    group by p.agency_id, p.id, u.name
    order by case p.status when 'open' then 0 else 1 end, p.id`.execute(ctx.db);
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    measureKey: r.measure_key,
    ownerName: r.owner_name,
    status: r.status,
    openedOn: r.opened_on,
    actions: Number(r.actions),
    completed: Number(r.completed),
    completedInPeriod: Number(r.completed_in_period),
    overdue: Number(r.overdue),
  }));
}

export interface ReviewOfPeriod {
  workerId: number | null;
  workerName: string | null;
  unitId: number | null;
  unitName: string | null;
  average: number;
  scores: Record<string, number>;
}

/** The response reviews made between two instants, of the cases the reader may see. */
export async function reviewsOfPeriod(ctx: CommandContext, start: Date, end: Date): Promise<ReviewOfPeriod[]> {
  const rows = await ctx.db
    .selectFrom('response_reviews as r')
    .innerJoin('cases as c', (j) => j.onRef('c.agency_id', '=', 'r.agency_id').onRef('c.id', '=', 'r.case_id'))
    .leftJoin('units as u', (j) => j.onRef('u.agency_id', '=', 'c.agency_id').onRef('u.id', '=', 'c.unit_id'))
    .leftJoin('users as w', (j) => j.onRef('w.agency_id', '=', 'r.agency_id').onRef('w.id', '=', 'r.worker_user_id'))
    .select(['r.worker_user_id', 'w.name as worker_name', 'c.unit_id', 'u.name as unit_name', 'r.average', 'r.scores'])
    .where('r.agency_id', '=', ctx.agency.id)
    .where(visibleCasesFilter(ctx))
    .where('r.created_at', '>=', start)
    .where('r.created_at', '<', end)
    .execute();
  return rows.map((r) => ({
    workerId: r.worker_user_id,
    workerName: r.worker_name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    average: Number(r.average),
    scores: r.scores,
  }));
}

/** How many completions of each course fall within the period (course id → count). */
export async function completionsInPeriod(
  ctx: CommandContext,
  period: { from: string; to: string },
): Promise<Map<number, number>> {
  const { rows } = await sql<{ course_id: number; completions: number }>`
    select s.course_id, count(*)::int as completions
    from training_enrolments e
    join training_sessions s on s.agency_id = e.agency_id and s.id = e.session_id
    where e.agency_id = ${ctx.agency.id}
      and e.completed_on between ${period.from}::date and ${period.to}::date
    group by s.course_id`.execute(ctx.db);
  return new Map(rows.map((r) => [r.course_id, Number(r.completions)]));
}
