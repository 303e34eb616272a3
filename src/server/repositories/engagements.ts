// Engagements (advocate meetings, presentations, workshops, outreach events, forums), the organisations taking part,
// the issues raised at them and the follow-ups those issues lead to. Every statement is scoped to one agency; the
// case behind an issue is read through visibleCasesFilter, so a case the caller may not see is not named.
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { CommunityFollowUpsTable, EngagementIssuesTable, EngagementsTable } from '../db/schema.ts';
import type { CommandContext } from '../context.ts';
import { visibleCasesFilter } from '../policies/case-access.ts';

export type EngagementRow = Selectable<EngagementsTable>;
export type IssueRow = Selectable<EngagementIssuesTable>;
export type FollowUpRow = Selectable<CommunityFollowUpsTable>;

/** Adds an engagement. */
export function insertEngagement(
  tx: Db,
  agencyId: number,
  values: Omit<Insertable<EngagementsTable>, 'agency_id'>,
): Promise<EngagementRow> {
  return tx
    .insertInto('engagements')
    .values({ ...values, agency_id: agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** One engagement of the agency, optionally locked. */
export async function getEngagement(
  db: Db,
  agencyId: number,
  id: number,
  options: { forUpdate?: boolean } = {},
): Promise<EngagementRow | undefined> {
  let query = db.selectFrom('engagements').selectAll().where('agency_id', '=', agencyId).where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Writes changed fields and bumps the version. */
export function updateEngagement(
  tx: Db,
  agencyId: number,
  id: number,
  patch: Omit<Updateable<EngagementsTable>, 'agency_id' | 'id' | 'version'>,
): Promise<EngagementRow> {
  return tx
    .updateTable('engagements')
    .set({ ...patch, version: sql<number>`version + 1`, updated_at: new Date() })
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Replaces the organisations taking part. */
export async function replaceEngagementOrganizations(
  tx: Db,
  agencyId: number,
  engagementId: number,
  organizationIds: number[],
): Promise<void> {
  await tx
    .deleteFrom('engagement_organizations')
    .where('agency_id', '=', agencyId)
    .where('engagement_id', '=', engagementId)
    .execute();
  const unique = [...new Set(organizationIds)];
  if (unique.length === 0) return;
  await tx
    .insertInto('engagement_organizations')
    .values(unique.map((id) => ({ agency_id: agencyId, engagement_id: engagementId, organization_id: id })))
    .execute();
}

export interface EngagementFilter {
  from?: Date | undefined;
  to?: Date | undefined;
  kind?: string | undefined;
  organizationId?: number | undefined;
  area?: string | undefined;
  limit: number;
}

/** Engagements overlapping a range, earliest first. */
export async function listEngagements(
  db: Db,
  agencyId: number,
  filter: EngagementFilter,
): Promise<{ items: EngagementRow[]; total: number }> {
  let query = db.selectFrom('engagements as e').where('e.agency_id', '=', agencyId);
  if (filter.from) {
    const from = filter.from;
    query = query.where((eb) => eb(eb.fn.coalesce('e.series_ends_at', 'e.ends_at'), '>=', from));
  }
  if (filter.to) query = query.where('e.starts_at', '<=', filter.to);
  if (filter.kind) query = query.where('e.kind', '=', filter.kind);
  if (filter.area) {
    const area = filter.area.trim().toLowerCase();
    query = query.where(sql<string>`lower(e.area)`, '=', area);
  }
  if (filter.organizationId !== undefined) {
    const organizationId = filter.organizationId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('engagement_organizations as eo')
          .select('eo.engagement_id')
          .whereRef('eo.agency_id', '=', 'e.agency_id')
          .whereRef('eo.engagement_id', '=', 'e.id')
          .where('eo.organization_id', '=', organizationId),
      ),
    );
  }
  const [items, count] = await Promise.all([
    query.selectAll('e').orderBy('e.starts_at').orderBy('e.id').limit(filter.limit).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export interface EngagementExtras {
  organizations: { id: number; name: string; type: string }[];
  issueCount: number;
  openIssueCount: number;
}

/** The organisations and issue counts of several engagements at once. */
export async function engagementExtras(
  db: Db,
  agencyId: number,
  engagementIds: number[],
): Promise<Map<number, EngagementExtras>> {
  const extras = new Map<number, EngagementExtras>(
    engagementIds.map((id) => [id, { organizations: [], issueCount: 0, openIssueCount: 0 }]),
  );
  if (engagementIds.length === 0) return extras;
  const [organizations, counts] = await Promise.all([
    db
      .selectFrom('engagement_organizations as eo')
      .innerJoin('organizations as o', (join) =>
        join.onRef('o.agency_id', '=', 'eo.agency_id').onRef('o.id', '=', 'eo.organization_id'),
      )
      .select(['eo.engagement_id', 'o.id', 'o.name', 'o.type'])
      .where('eo.agency_id', '=', agencyId)
      .where('eo.engagement_id', 'in', engagementIds)
      .orderBy('o.name')
      .execute(),
    db
      .selectFrom('engagement_issues')
      .select((eb) => [
        'engagement_id',
        eb.fn.countAll<number>().as('total'),
        sql<number>`count(*) filter (where follow_up_status <> 'closed')`.as('open'),
      ])
      .where('agency_id', '=', agencyId)
      .where('engagement_id', 'in', engagementIds)
      .groupBy('engagement_id')
      .execute(),
  ]);
  for (const o of organizations)
    extras.get(o.engagement_id)?.organizations.push({ id: o.id, name: o.name, type: o.type });
  for (const c of counts) {
    const entry = extras.get(c.engagement_id);
    if (entry) {
      entry.issueCount = Number(c.total);
      entry.openIssueCount = Number(c.open);
    }
  }
  return extras;
}

// ---- Issues raised and their follow-ups ------------------------------------------------------------------------

/** Records an issue raised at an engagement. */
export function insertIssue(
  tx: Db,
  agencyId: number,
  values: Omit<Insertable<EngagementIssuesTable>, 'agency_id'>,
): Promise<IssueRow> {
  return tx
    .insertInto('engagement_issues')
    .values({ ...values, agency_id: agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** One issue of one engagement, optionally locked. */
export async function getIssue(
  db: Db,
  agencyId: number,
  engagementId: number,
  issueId: number,
  options: { forUpdate?: boolean } = {},
): Promise<IssueRow | undefined> {
  let query = db
    .selectFrom('engagement_issues')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('engagement_id', '=', engagementId)
    .where('id', '=', issueId);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Writes changed fields and bumps the version. */
export function updateIssue(
  tx: Db,
  agencyId: number,
  issueId: number,
  patch: Omit<Updateable<EngagementIssuesTable>, 'agency_id' | 'id' | 'version'>,
): Promise<IssueRow> {
  return tx
    .updateTable('engagement_issues')
    .set({ ...patch, version: sql<number>`version + 1`, updated_at: new Date() })
    .where('agency_id', '=', agencyId)
    .where('id', '=', issueId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Links a new case to an issue that has none yet; false when another request linked one first (the caller then
 * rolls back its case).
 */
export async function linkIssueCase(tx: Db, agencyId: number, issueId: number, caseId: number): Promise<boolean> {
  const result = await tx
    .updateTable('engagement_issues')
    .set({
      outcome: 'case',
      case_id: caseId,
      follow_up_status: 'in_progress',
      version: sql<number>`version + 1`,
      updated_at: new Date(),
    })
    .where('agency_id', '=', agencyId)
    .where('id', '=', issueId)
    .where('case_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface IssueViewRow extends IssueRow {
  subject_name: string | null;
  tracking_number: string | null;
  case_status: string | null;
}

/** Issues of some engagements (or some issues) with subject names and the visible case behind each. */
export async function listIssues(
  ctx: CommandContext,
  where: { engagementIds?: number[]; issueIds?: number[] },
): Promise<IssueViewRow[]> {
  const agencyId = ctx.agency.id;
  let query = ctx.db
    .selectFrom('engagement_issues as i')
    .leftJoin('subjects as s', (join) =>
      join.onRef('s.agency_id', '=', 'i.agency_id').onRef('s.code', '=', 'i.subject_code'),
    )
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('cases as c')
          .select(['c.id', 'c.agency_id', 'c.tracking_number', 'c.status'])
          .where(visibleCasesFilter(ctx))
          .as('vc'),
      (join) => join.onRef('vc.agency_id', '=', 'i.agency_id').onRef('vc.id', '=', 'i.case_id'),
    )
    .selectAll('i')
    .select(['s.name as subject_name', 'vc.tracking_number', 'vc.status as case_status'])
    .where('i.agency_id', '=', agencyId);
  if (where.engagementIds)
    query = query.where('i.engagement_id', 'in', where.engagementIds.length ? where.engagementIds : [-1]);
  if (where.issueIds) query = query.where('i.id', 'in', where.issueIds.length ? where.issueIds : [-1]);
  return query.orderBy('i.id').execute() as Promise<IssueViewRow[]>;
}

/** Records a follow-up (procedure change request, action-plan action) an issue leads to. */
export function insertFollowUp(
  tx: Db,
  agencyId: number,
  values: Omit<Insertable<CommunityFollowUpsTable>, 'agency_id'>,
): Promise<FollowUpRow> {
  return tx
    .insertInto('community_follow_ups')
    .values({ ...values, agency_id: agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The follow-ups of some issues, oldest first. */
export async function listFollowUps(db: Db, agencyId: number, issueIds: number[]): Promise<FollowUpRow[]> {
  if (issueIds.length === 0) return [];
  return db
    .selectFrom('community_follow_ups')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('issue_id', 'in', issueIds)
    .orderBy('id')
    .execute();
}

/** One follow-up of one issue, locked. */
export function getFollowUpForUpdate(
  tx: Db,
  agencyId: number,
  issueId: number,
  followUpId: number,
): Promise<FollowUpRow | undefined> {
  return tx
    .selectFrom('community_follow_ups')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('issue_id', '=', issueId)
    .where('id', '=', followUpId)
    .forUpdate()
    .executeTakeFirst();
}

/** Marks a follow-up done or open again. */
export function setFollowUpStatus(tx: Db, agencyId: number, followUpId: number, status: 'open' | 'done') {
  return tx
    .updateTable('community_follow_ups')
    .set({ status, done_at: status === 'done' ? new Date() : null })
    .where('agency_id', '=', agencyId)
    .where('id', '=', followUpId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A subject of the agency by code, or by numeric id. */
export async function findSubject(
  db: Db,
  agencyId: number,
  codeOrId: string | number,
): Promise<{ code: string; name: string; active: boolean } | undefined> {
  let query = db.selectFrom('subjects').select(['code', 'name', 'active']).where('agency_id', '=', agencyId);
  query = typeof codeOrId === 'number' ? query.where('id', '=', codeOrId) : query.where('code', '=', codeOrId);
  return query.executeTakeFirst();
}
