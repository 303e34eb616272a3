// Special projects: the projects, their team, milestones, status reports and links, the portfolio's summaries and
// the milestones the deadline sweep tells owners about. Cases behind links are read through the case policy.
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ProjectsTable } from '../db/schema.ts';
import type { CommandContext } from '../context.ts';
import { visibleCasesFilter } from '../policies/case-access.ts';

export type ProjectRow = Omit<Selectable<ProjectsTable>, 'starts_on' | 'due_on'> & {
  starts_on: string | null;
  due_on: string | null;
};

const projectColumns = [
  'p.agency_id',
  'p.id',
  'p.title',
  'p.scope',
  'p.owner_user_id',
  'p.status',
  'p.health',
  sql<string | null>`to_char(p.starts_on, 'YYYY-MM-DD')`.as('starts_on'),
  sql<string | null>`to_char(p.due_on, 'YYYY-MM-DD')`.as('due_on'),
  'p.created_by_user_id',
  'p.version',
  'p.created_at',
  'p.updated_at',
] as const;

/** Adds a project; returns its id. */
export async function insertProject(
  tx: Db,
  agencyId: number,
  values: Omit<Insertable<ProjectsTable>, 'agency_id'>,
): Promise<number> {
  const row = await tx
    .insertInto('projects')
    .values({ ...values, agency_id: agencyId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** One project of the agency, optionally locked. */
export async function getProject(
  db: Db,
  agencyId: number,
  id: number,
  options: { forUpdate?: boolean } = {},
): Promise<ProjectRow | undefined> {
  let query = db
    .selectFrom('projects as p')
    .select(projectColumns)
    .where('p.agency_id', '=', agencyId)
    .where('p.id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Changes a project, bumping its version. */
export async function updateProject(
  tx: Db,
  agencyId: number,
  id: number,
  patch: Omit<Updateable<ProjectsTable>, 'agency_id' | 'id' | 'version'>,
): Promise<void> {
  await tx
    .updateTable('projects')
    .set({ ...patch, version: sql<number>`version + 1`, updated_at: new Date() })
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .execute();
}

/** Sets the team to exactly these people. */
export async function replaceMembers(tx: Db, agencyId: number, projectId: number, userIds: number[]): Promise<void> {
  await tx
    .deleteFrom('project_members')
    .where('agency_id', '=', agencyId)
    .where('project_id', '=', projectId)
    .execute();
  if (userIds.length === 0) return;
  await tx
    .insertInto('project_members')
    .values(userIds.map((user_id) => ({ agency_id: agencyId, project_id: projectId, user_id })))
    .execute();
}

/** The team of a project with names. */
export function listMembers(db: Db, agencyId: number, projectId: number) {
  return db
    .selectFrom('project_members as m')
    .innerJoin('users as u', (j) => j.onRef('u.agency_id', '=', 'm.agency_id').onRef('u.id', '=', 'm.user_id'))
    .select(['m.user_id', 'u.name'])
    .where('m.agency_id', '=', agencyId)
    .where('m.project_id', '=', projectId)
    .orderBy('u.name')
    .execute();
}

const milestoneColumns = [
  'ms.id',
  'ms.project_id',
  'ms.title',
  sql<string>`to_char(ms.due_on, 'YYYY-MM-DD')`.as('due_on'),
  'ms.completed_at',
  'ms.alert_level',
] as const;

/** Adds a milestone; returns its id. */
export async function insertMilestone(
  tx: Db,
  agencyId: number,
  values: { project_id: number; title: string; due_on: string },
): Promise<number> {
  const row = await tx
    .insertInto('project_milestones')
    .values({ ...values, agency_id: agencyId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The milestones of projects, by due date. */
export function listMilestones(db: Db, agencyId: number, projectIds: number[]) {
  if (projectIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('project_milestones as ms')
    .select(milestoneColumns)
    .where('ms.agency_id', '=', agencyId)
    .where('ms.project_id', 'in', projectIds)
    .orderBy('ms.due_on')
    .orderBy('ms.id')
    .execute();
}

/** One milestone of a project, locked. */
export function getMilestoneForUpdate(tx: Db, agencyId: number, projectId: number, id: number) {
  return tx
    .selectFrom('project_milestones as ms')
    .select(milestoneColumns)
    .where('ms.agency_id', '=', agencyId)
    .where('ms.project_id', '=', projectId)
    .where('ms.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** Marks a milestone done (at `at`) or open again; a reopened milestone may be alerted again. */
export async function setMilestoneCompleted(
  tx: Db,
  agencyId: number,
  id: number,
  completed: { at: Date; by: number | null } | null,
): Promise<void> {
  await tx
    .updateTable('project_milestones')
    .set(
      completed
        ? { completed_at: completed.at, completed_by_user_id: completed.by }
        : { completed_at: null, completed_by_user_id: null, alert_level: 0 },
    )
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .execute();
}

/** Records a status report and makes its health the project's. */
export async function insertStatusReport(
  tx: Db,
  agencyId: number,
  values: { project_id: number; health: string; summary: string; reported_by_user_id: number | null },
): Promise<number> {
  const row = await tx
    .insertInto('project_status_reports')
    .values({ ...values, agency_id: agencyId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await updateProject(tx, agencyId, values.project_id, { health: values.health });
  return row.id;
}

/** The status reports of a project, newest first. */
export function listStatusReports(db: Db, agencyId: number, projectId: number) {
  return db
    .selectFrom('project_status_reports as r')
    .leftJoin('users as u', (j) =>
      j.onRef('u.agency_id', '=', 'r.agency_id').onRef('u.id', '=', 'r.reported_by_user_id'),
    )
    .select(['r.id', 'r.health', 'r.summary', 'r.reported_at', 'u.name as reported_by'])
    .where('r.agency_id', '=', agencyId)
    .where('r.project_id', '=', projectId)
    .orderBy('r.reported_at', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
}

/** Links a record to a project; false when the link was there already. */
export async function insertLink(
  tx: Db,
  agencyId: number,
  projectId: number,
  link: { type: string; id: number },
): Promise<boolean> {
  const rows = await tx
    .insertInto('project_links')
    .values({ agency_id: agencyId, project_id: projectId, linked_type: link.type, linked_id: link.id })
    .onConflict((oc) => oc.doNothing())
    .returning('linked_id')
    .execute();
  return rows.length > 0;
}

/** Removes a link; false when there was none. */
export async function deleteLink(
  tx: Db,
  agencyId: number,
  projectId: number,
  link: { type: string; id: number },
): Promise<boolean> {
  const result = await tx
    .deleteFrom('project_links')
    .where('agency_id', '=', agencyId)
    .where('project_id', '=', projectId)
    .where('linked_type', '=', link.type)
    .where('linked_id', '=', link.id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The id of a record a project may link to, or undefined when the agency has none (cases: only visible ones). */
export async function findLinkTarget(
  ctx: CommandContext,
  type: string,
  id: number | string,
): Promise<number | undefined> {
  const agencyId = ctx.agency.id;
  const numeric = typeof id === 'number' ? id : /^\d+$/.test(id) ? Number(id) : undefined;
  if (type === 'case') {
    const row = await ctx.db
      .selectFrom('cases as c')
      .select('c.id')
      .where(visibleCasesFilter(ctx))
      .where((eb) =>
        numeric !== undefined && numeric <= 2147483647
          ? eb.or([eb('c.id', '=', numeric), eb('c.tracking_number', '=', String(id))])
          : eb('c.tracking_number', '=', String(id)),
      )
      .executeTakeFirst();
    return row?.id;
  }
  if (numeric === undefined || numeric > 2147483647) return undefined;
  const table = type === 'procedure' ? 'procedures' : type === 'action_plan' ? 'action_plans' : 'engagements';
  const row = await ctx.db
    .selectFrom(table)
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('id', '=', numeric)
    .executeTakeFirst();
  return row?.id;
}

/** A project's links with a label each; a case the caller may not see is left out. */
export async function listLinks(ctx: CommandContext, projectId: number) {
  const agencyId = ctx.agency.id;
  const links = await ctx.db
    .selectFrom('project_links')
    .select(['linked_type', 'linked_id'])
    .where('agency_id', '=', agencyId)
    .where('project_id', '=', projectId)
    .orderBy('linked_type')
    .orderBy('linked_id')
    .execute();
  const ids = (type: string) => links.filter((l) => l.linked_type === type).map((l) => l.linked_id);
  const labels = new Map<string, string>();
  const caseIds = ids('case');
  if (caseIds.length) {
    const rows = await ctx.db
      .selectFrom('cases as c')
      .select(['c.id', 'c.tracking_number'])
      .where(visibleCasesFilter(ctx))
      .where('c.id', 'in', caseIds)
      .execute();
    for (const r of rows) labels.set(`case:${r.id}`, r.tracking_number);
  }
  const planIds = ids('action_plan');
  if (planIds.length) {
    const rows = await ctx.db
      .selectFrom('action_plans')
      .select(['id', 'title'])
      .where('agency_id', '=', agencyId)
      .where('id', 'in', planIds)
      .execute();
    for (const r of rows) labels.set(`action_plan:${r.id}`, r.title);
  }
  const engagementIds = ids('engagement');
  if (engagementIds.length) {
    const rows = await ctx.db
      .selectFrom('engagements')
      .select(['id', 'title'])
      .where('agency_id', '=', agencyId)
      .where('id', 'in', engagementIds)
      .execute();
    for (const r of rows) labels.set(`engagement:${r.id}`, r.title);
  }
  const procedureIds = ids('procedure');
  if (procedureIds.length) {
    const rows = await ctx.db
      .selectFrom('procedure_versions')
      .select(['procedure_id', 'title'])
      .distinctOn('procedure_id')
      .where('agency_id', '=', agencyId)
      .where('procedure_id', 'in', procedureIds)
      .orderBy('procedure_id')
      .orderBy('version', 'desc')
      .execute();
    for (const r of rows) labels.set(`procedure:${r.procedure_id}`, r.title);
  }
  return links.flatMap((l) => {
    const label = labels.get(`${l.linked_type}:${l.linked_id}`);
    return label === undefined ? [] : [{ type: l.linked_type, id: l.linked_id, label }];
  });
}

export interface ProjectSummaryRow extends ProjectRow {
  owner_name: string;
  milestones_total: number;
  milestones_done: number;
  milestones_overdue: number;
  next_title: string | null;
  next_due_on: string | null;
  last_report_at: Date | null;
}

/** The agency's projects with their milestone counts (overdue: open and due before `today`), latest due first. */
export async function listProjectSummaries(
  db: Db,
  agencyId: number,
  today: string,
  filter: { status?: string | undefined; health?: string | undefined; ids?: number[] } = {},
): Promise<ProjectSummaryRow[]> {
  let query = db
    .selectFrom('projects as p')
    .innerJoin('users as o', (j) => j.onRef('o.agency_id', '=', 'p.agency_id').onRef('o.id', '=', 'p.owner_user_id'))
    .select(projectColumns)
    .select([
      'o.name as owner_name',
      sql<number>`(select count(*) from project_milestones ms where ms.agency_id = p.agency_id and ms.project_id = p.id)::int`.as(
        'milestones_total',
      ),
      sql<number>`(select count(*) from project_milestones ms where ms.agency_id = p.agency_id and ms.project_id = p.id and ms.completed_at is not null)::int`.as(
        'milestones_done',
      ),
      sql<number>`(select count(*) from project_milestones ms where ms.agency_id = p.agency_id and ms.project_id = p.id and ms.completed_at is null and ms.due_on < ${today}::date)::int`.as(
        'milestones_overdue',
      ),
      sql<
        string | null
      >`(select ms.title from project_milestones ms where ms.agency_id = p.agency_id and ms.project_id = p.id and ms.completed_at is null order by ms.due_on, ms.id limit 1)`.as(
        'next_title',
      ),
      sql<
        string | null
      >`(select to_char(ms.due_on, 'YYYY-MM-DD') from project_milestones ms where ms.agency_id = p.agency_id and ms.project_id = p.id and ms.completed_at is null order by ms.due_on, ms.id limit 1)`.as(
        'next_due_on',
      ),
      sql<Date | null>`(select max(r.reported_at) from project_status_reports r where r.agency_id = p.agency_id and r.project_id = p.id)`.as(
        'last_report_at',
      ),
    ])
    .where('p.agency_id', '=', agencyId);
  if (filter.status) query = query.where('p.status', '=', filter.status);
  if (filter.health) query = query.where('p.health', '=', filter.health);
  if (filter.ids) query = query.where('p.id', 'in', filter.ids.length ? filter.ids : [-1]);
  const rows = await query.orderBy('p.status').orderBy('p.due_on').orderBy('p.id').execute();
  return rows.map((r) => ({
    ...r,
    milestones_total: Number(r.milestones_total),
    milestones_done: Number(r.milestones_done),
    milestones_overdue: Number(r.milestones_overdue),
  }));
}

/** Agencies with an open milestone of an active project (the sweep's work list). */
export function agenciesWithOpenMilestones(db: Db) {
  return db
    .selectFrom('agencies as a')
    .select(['a.id', 'a.slug', 'a.name', 'a.time_zone'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('project_milestones as ms')
          .select('ms.id')
          .whereRef('ms.agency_id', '=', 'a.id')
          .where('ms.completed_at', 'is', null),
      ),
    )
    .orderBy('a.id')
    .execute();
}

export interface MilestoneAlert {
  id: number;
  projectId: number;
  projectTitle: string;
  ownerUserId: number;
  title: string;
  dueOn: string;
  alertLevel: number;
}

/**
 * Open milestones of active projects that need telling: due on or before `soonUntil` and not yet told it is due
 * (level 0), or due before `today` and not yet told it is overdue (level < 2).
 */
export async function milestonesToAlert(
  db: Db,
  agencyId: number,
  today: string,
  soonUntil: string,
): Promise<MilestoneAlert[]> {
  const rows = await db
    .selectFrom('project_milestones as ms')
    .innerJoin('projects as p', (j) => j.onRef('p.agency_id', '=', 'ms.agency_id').onRef('p.id', '=', 'ms.project_id'))
    .select([
      'ms.id',
      'ms.project_id',
      'p.title as project_title',
      'p.owner_user_id',
      'ms.title',
      sql<string>`to_char(ms.due_on, 'YYYY-MM-DD')`.as('due_on'),
      'ms.alert_level',
    ])
    .where('ms.agency_id', '=', agencyId)
    .where('ms.completed_at', 'is', null)
    .where('p.status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb.and([eb('ms.alert_level', '=', 0), eb('ms.due_on', '<=', sql<string>`${soonUntil}::date`)]),
        eb.and([eb('ms.alert_level', '<', 2), eb('ms.due_on', '<', sql<string>`${today}::date`)]),
      ]),
    )
    .orderBy('ms.due_on')
    .orderBy('ms.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    projectId: r.project_id,
    projectTitle: r.project_title,
    ownerUserId: r.owner_user_id,
    title: r.title,
    dueOn: r.due_on,
    alertLevel: r.alert_level,
  }));
}

/** Moves a milestone's alert level from `from` to `to`; false when another sweep did it first. */
export async function raiseMilestoneAlert(tx: Db, agencyId: number, id: number, from: number, to: number) {
  const result = await tx
    .updateTable('project_milestones')
    .set({ alert_level: to })
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .where('alert_level', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
