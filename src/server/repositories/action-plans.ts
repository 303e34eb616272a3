// SQL for improvement action plans and their actions (migration 0025): read one plan with its actions, list plans
// with their open and overdue counts, insert plans and actions, complete an action, change a plan's status, and the
// agencies and overdue actions the deadline sweep flags.
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

export type PlanStatus = 'open' | 'completed' | 'cancelled';

export interface ActionRecord {
  id: number;
  planId: number;
  position: number;
  title: string;
  ownerUserId: number;
  ownerName: string;
  dueOn: string;
  completedOn: string | null;
  evidence: string;
  escalationLevel: number;
}

export interface PlanRecord {
  id: number;
  title: string;
  measureKey: string | null;
  ownerUserId: number;
  ownerName: string;
  goal: string;
  baseline: string;
  origin: string;
  reviewOn: string | null;
  status: PlanStatus;
  createdAt: Date;
  version: number;
  actions: ActionRecord[];
}

/** One plan with its actions in order (the plan row locked when `forUpdate`). */
export async function findPlan(
  db: Db,
  agencyId: number,
  id: number,
  forUpdate = false,
): Promise<PlanRecord | undefined> {
  let query = db
    .selectFrom('action_plans as p')
    .innerJoin('users as u', (j) => j.onRef('u.agency_id', '=', 'p.agency_id').onRef('u.id', '=', 'p.owner_user_id'))
    .select([
      'p.id',
      'p.title',
      'p.measure_key',
      'p.owner_user_id',
      'u.name as owner_name',
      'p.goal',
      'p.baseline',
      'p.origin',
      sql<string | null>`p.review_on::text`.as('review_on'),
      'p.status',
      'p.created_at',
      'p.version',
    ])
    .where('p.agency_id', '=', agencyId)
    .where('p.id', '=', id);
  if (forUpdate) query = query.forUpdate('p');
  const plan = await query.executeTakeFirst();
  if (!plan) return undefined;
  const actions = await db
    .selectFrom('action_plan_actions as a')
    .innerJoin('users as u', (j) => j.onRef('u.agency_id', '=', 'a.agency_id').onRef('u.id', '=', 'a.owner_user_id'))
    .select([
      'a.id',
      'a.plan_id',
      'a.position',
      'a.title',
      'a.owner_user_id',
      'u.name as owner_name',
      sql<string>`a.due_on::text`.as('due_on'),
      sql<string | null>`a.completed_on::text`.as('completed_on'),
      'a.evidence',
      'a.escalation_level',
    ])
    .where('a.agency_id', '=', agencyId)
    .where('a.plan_id', '=', id)
    .orderBy('a.position')
    .execute();
  return {
    id: plan.id,
    title: plan.title,
    measureKey: plan.measure_key,
    ownerUserId: plan.owner_user_id,
    ownerName: plan.owner_name,
    goal: plan.goal,
    baseline: plan.baseline,
    origin: plan.origin,
    reviewOn: plan.review_on,
    status: plan.status,
    createdAt: plan.created_at,
    version: plan.version,
    actions: actions.map((a) => ({
      id: a.id,
      planId: a.plan_id,
      position: a.position,
      title: a.title,
      ownerUserId: a.owner_user_id,
      ownerName: a.owner_name,
      dueOn: a.due_on,
      completedOn: a.completed_on,
      evidence: a.evidence,
      escalationLevel: a.escalation_level,
    })),
  };
}

export interface PlanSummaryRow {
  id: number;
  title: string;
  measureKey: string | null;
  ownerName: string;
  status: PlanStatus;
  openActions: number;
  overdueActions: number;
  nextDueOn: string | null;
}

/** Every plan of the agency, open ones first, with counts of open and overdue actions as of `today`. */
export async function listPlans(db: Db, agencyId: number, today: string): Promise<PlanSummaryRow[]> {
  const rows = await sql<{
    id: number;
    title: string;
    measure_key: string | null;
    owner_name: string;
    status: PlanStatus;
    open_actions: number;
    overdue_actions: number;
    next_due_on: string | null;
  }>`
    select p.id, p.title, p.measure_key, u.name as owner_name, p.status,
           count(a.id) filter (where a.completed_on is null)::int as open_actions,
           count(a.id) filter (where a.completed_on is null and a.due_on < ${today}::date)::int as overdue_actions,
           (min(a.due_on) filter (where a.completed_on is null))::text as next_due_on
    from action_plans p
    join users u on u.agency_id = p.agency_id and u.id = p.owner_user_id
    left join action_plan_actions a on a.agency_id = p.agency_id and a.plan_id = p.id
    where p.agency_id = ${agencyId}
    group by p.agency_id, p.id, u.name
    order by case p.status when 'open' then 0 else 1 end, p.id desc
    limit 500`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    title: r.title,
    measureKey: r.measure_key,
    ownerName: r.owner_name,
    status: r.status,
    openActions: Number(r.open_actions),
    overdueActions: Number(r.overdue_actions),
    nextDueOn: r.next_due_on,
  }));
}

export interface PlanValues {
  title: string;
  measureKey: string | null;
  ownerUserId: number;
  goal: string;
  baseline: string;
  origin: string;
  reviewOn: string | null;
}

/** Inserts a plan; returns its id. */
export async function insertPlan(db: Db, agencyId: number, createdBy: number | null, v: PlanValues): Promise<number> {
  const row = await db
    .insertInto('action_plans')
    .values({
      agency_id: agencyId,
      title: v.title,
      measure_key: v.measureKey,
      owner_user_id: v.ownerUserId,
      goal: v.goal,
      baseline: v.baseline,
      origin: v.origin,
      review_on: v.reviewOn,
      created_by: createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Appends actions to a plan after its last one; returns their ids. */
export async function insertActions(
  db: Db,
  agencyId: number,
  planId: number,
  actions: { title: string; ownerUserId: number; dueOn: string }[],
): Promise<number[]> {
  if (actions.length === 0) return [];
  const last = await db
    .selectFrom('action_plan_actions')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('agency_id', '=', agencyId)
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  const start = Number(last?.position ?? 0);
  return db
    .insertInto('action_plan_actions')
    .values(
      actions.map((a, i) => ({
        agency_id: agencyId,
        plan_id: planId,
        position: start + i + 1,
        title: a.title,
        owner_user_id: a.ownerUserId,
        due_on: a.dueOn,
      })),
    )
    .returning('id')
    .execute()
    .then((rows) => rows.map((r) => r.id));
}

/** Marks an action completed on a local date with its evidence. */
export async function completeAction(
  db: Db,
  agencyId: number,
  actionId: number,
  completedOn: string,
  completedBy: number | null,
  evidence: string,
): Promise<void> {
  await db
    .updateTable('action_plan_actions')
    .set({ completed_on: completedOn, completed_by: completedBy, evidence })
    .where('agency_id', '=', agencyId)
    .where('id', '=', actionId)
    .execute();
}

/** Changes a plan's status and moves its version on. */
export async function setPlanStatus(db: Db, agencyId: number, planId: number, status: PlanStatus) {
  await db
    .updateTable('action_plans')
    .set((eb) => ({ status, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('agency_id', '=', agencyId)
    .where('id', '=', planId)
    .execute();
}

/** Moves a plan's version on (an action of it changed). */
export async function touchPlan(db: Db, agencyId: number, planId: number): Promise<void> {
  await db
    .updateTable('action_plans')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: new Date() }))
    .where('agency_id', '=', agencyId)
    .where('id', '=', planId)
    .execute();
}

export interface OverdueAction {
  id: number;
  planId: number;
  planTitle: string;
  title: string;
  dueOn: string;
  escalationLevel: number;
  overdueFlaggedAt: Date | null;
  ownerUserId: number;
  ownerName: string;
  planOwnerUserId: number;
}

/** The agencies with an open plan: those the sweep looks at. */
export async function agenciesWithOpenPlans(db: Db) {
  return db
    .selectFrom('agencies as g')
    .select(['g.id', 'g.slug', 'g.name', 'g.time_zone'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('action_plans as p')
          .select('p.id')
          .whereRef('p.agency_id', '=', 'g.id')
          .where('p.status', '=', 'open'),
      ),
    )
    .orderBy('g.id')
    .execute();
}

/**
 * Open actions of open plans due before `today` that are not flagged yet, or flagged before `escalateBefore` and not
 * escalated yet: what the sweep has to do.
 */
export async function overdueActions(
  db: Db,
  agencyId: number,
  today: string,
  escalateBefore: Date,
): Promise<OverdueAction[]> {
  const rows = await sql<{
    id: number;
    plan_id: number;
    plan_title: string;
    title: string;
    due_on: string;
    escalation_level: number;
    overdue_flagged_at: Date | null;
    owner_user_id: number;
    owner_name: string;
    plan_owner_user_id: number;
  }>`
    select a.id, a.plan_id, p.title as plan_title, a.title, a.due_on::text as due_on, a.escalation_level,
           a.overdue_flagged_at, a.owner_user_id, o.name as owner_name, p.owner_user_id as plan_owner_user_id
    from action_plan_actions a
    join action_plans p on p.agency_id = a.agency_id and p.id = a.plan_id
    join users o on o.agency_id = a.agency_id and o.id = a.owner_user_id
    where a.agency_id = ${agencyId} and p.status = 'open' and a.completed_on is null and a.due_on < ${today}::date
      and (a.escalation_level = 0 or (a.escalation_level = 1 and a.overdue_flagged_at < ${escalateBefore}))
    order by a.id
    limit 1000`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    planTitle: r.plan_title,
    title: r.title,
    dueOn: r.due_on,
    escalationLevel: r.escalation_level,
    overdueFlaggedAt: r.overdue_flagged_at,
    ownerUserId: r.owner_user_id,
    ownerName: r.owner_name,
    planOwnerUserId: r.plan_owner_user_id,
  }));
}

/** Raises an overdue action's escalation level if it is still at `fromLevel`; false when someone got there first. */
export async function raiseActionLevel(
  db: Db,
  agencyId: number,
  actionId: number,
  fromLevel: number,
  now: Date,
): Promise<boolean> {
  const row = await db
    .updateTable('action_plan_actions')
    .set({ escalation_level: fromLevel + 1, ...(fromLevel === 0 ? { overdue_flagged_at: now } : {}) })
    .where('agency_id', '=', agencyId)
    .where('id', '=', actionId)
    .where('escalation_level', '=', fromLevel)
    .where('completed_on', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
