// SQL for the procedures library (migration 0025): documents and their versions (draft → approved → retired), the
// library list with full-text search over the approved text, and staff acknowledgements of a version.
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

export type ProcedureStatus = 'draft' | 'approved' | 'retired';
export type ProcedureKind = 'policy' | 'procedure' | 'script' | 'desk_guide';

export interface ProcedureRecord {
  id: number;
  kind: ProcedureKind;
  ownerUserId: number | null;
  reviewMonths: number | null;
}

export interface VersionRecord {
  version: number;
  title: string;
  body: string;
  status: ProcedureStatus;
  effectiveOn: string | null;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: Date;
  decidedByName: string | null;
  decidedAt: Date | null;
  /** The course staff must complete once the version is in force (with its title), if any. */
  requiredCourseId: number | null;
  requiredCourseTitle: string | null;
  /** Whether staff must acknowledge the version once it is in force. */
  acknowledgementRequired: boolean;
}

/** One procedure (locked for update when `forUpdate`: it serialises the transitions of its versions). */
export async function findProcedure(
  db: Db,
  agencyId: number,
  id: number,
  forUpdate = false,
): Promise<ProcedureRecord | undefined> {
  let query = db
    .selectFrom('procedures')
    .select(['id', 'kind', 'owner_user_id', 'review_months'])
    .where('agency_id', '=', agencyId)
    .where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row
    ? { id: row.id, kind: row.kind, ownerUserId: row.owner_user_id, reviewMonths: row.review_months }
    : undefined;
}

/** Every version of a procedure, newest first, with who wrote and who decided it. */
export async function listVersions(db: Db, agencyId: number, procedureId: number): Promise<VersionRecord[]> {
  const rows = await db
    .selectFrom('procedure_versions as v')
    .leftJoin('users as c', (j) => j.onRef('c.agency_id', '=', 'v.agency_id').onRef('c.id', '=', 'v.created_by'))
    .leftJoin('users as d', (j) => j.onRef('d.agency_id', '=', 'v.agency_id').onRef('d.id', '=', 'v.decided_by'))
    .leftJoin('training_courses as tc', (j) =>
      j.onRef('tc.agency_id', '=', 'v.agency_id').onRef('tc.id', '=', 'v.required_course_id'),
    )
    .select([
      'v.version',
      'v.title',
      'v.body',
      'v.status',
      sql<string | null>`v.effective_on::text`.as('effective_on'),
      'v.created_by',
      'c.name as created_by_name',
      'v.created_at',
      'd.name as decided_by_name',
      'v.decided_at',
      'v.required_course_id',
      'tc.title as required_course_title',
      'v.acknowledgement_required',
    ])
    .where('v.agency_id', '=', agencyId)
    .where('v.procedure_id', '=', procedureId)
    .orderBy('v.version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    title: r.title,
    body: r.body,
    status: r.status,
    effectiveOn: r.effective_on,
    createdBy: r.created_by,
    createdByName: r.created_by_name ?? null,
    createdAt: r.created_at,
    decidedByName: r.decided_by_name ?? null,
    decidedAt: r.decided_at,
    requiredCourseId: r.required_course_id,
    requiredCourseTitle: r.required_course_title ?? null,
    acknowledgementRequired: r.acknowledgement_required,
  }));
}

/** Inserts a procedure; returns its id. */
export async function insertProcedure(
  db: Db,
  agencyId: number,
  values: { kind: ProcedureKind; ownerUserId: number | null; reviewMonths: number | null },
): Promise<number> {
  const row = await db
    .insertInto('procedures')
    .values({
      agency_id: agencyId,
      kind: values.kind,
      owner_user_id: values.ownerUserId,
      review_months: values.reviewMonths,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Inserts a draft version numbered after the newest; returns its number. */
export async function insertDraftVersion(
  db: Db,
  agencyId: number,
  procedureId: number,
  values: {
    title: string;
    body: string;
    createdBy: number | null;
    requiredCourseId?: number | null;
    acknowledgementRequired?: boolean;
  },
): Promise<number> {
  const last = await db
    .selectFrom('procedure_versions')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('agency_id', '=', agencyId)
    .where('procedure_id', '=', procedureId)
    .executeTakeFirst();
  const version = Number(last?.version ?? 0) + 1;
  await db
    .insertInto('procedure_versions')
    .values({
      agency_id: agencyId,
      procedure_id: procedureId,
      version,
      title: values.title,
      body: values.body,
      created_by: values.createdBy,
      required_course_id: values.requiredCourseId ?? null,
      acknowledgement_required: values.acknowledgementRequired ?? false,
    })
    .execute();
  return version;
}

/** Sets what a version asks of staff once in force: a course to complete and/or an acknowledgement. */
export async function setVersionRequirements(
  db: Db,
  agencyId: number,
  procedureId: number,
  version: number,
  values: { requiredCourseId: number | null; acknowledgementRequired: boolean },
): Promise<void> {
  await db
    .updateTable('procedure_versions')
    .set({ required_course_id: values.requiredCourseId, acknowledgement_required: values.acknowledgementRequired })
    .where('agency_id', '=', agencyId)
    .where('procedure_id', '=', procedureId)
    .where('version', '=', version)
    .execute();
}

export interface VersionWithObligations {
  procedureId: number;
  version: number;
  title: string;
  effectiveOn: string;
  decidedAt: Date | null;
  requiredCourseId: number | null;
  requiredCourseTitle: string | null;
  acknowledgementRequired: boolean;
}

/** The approved versions (one per procedure) that ask for a course or an acknowledgement, by title. */
export async function versionsInForceWithObligations(db: Db, agencyId: number): Promise<VersionWithObligations[]> {
  const rows = await db
    .selectFrom('procedure_versions as v')
    .leftJoin('training_courses as tc', (j) =>
      j.onRef('tc.agency_id', '=', 'v.agency_id').onRef('tc.id', '=', 'v.required_course_id'),
    )
    .select([
      'v.procedure_id',
      'v.version',
      'v.title',
      sql<string>`v.effective_on::text`.as('effective_on'),
      'v.decided_at',
      'v.required_course_id',
      'tc.title as required_course_title',
      'v.acknowledgement_required',
    ])
    .where('v.agency_id', '=', agencyId)
    .where('v.status', '=', 'approved')
    .where('v.effective_on', 'is not', null)
    .where((eb) => eb.or([eb('v.required_course_id', 'is not', null), eb('v.acknowledgement_required', '=', true)]))
    .orderBy('v.title')
    .orderBy('v.procedure_id')
    .execute();
  return rows.map((r) => ({
    procedureId: r.procedure_id,
    version: r.version,
    title: r.title,
    effectiveOn: r.effective_on,
    decidedAt: r.decided_at,
    requiredCourseId: r.required_course_id,
    requiredCourseTitle: r.required_course_title ?? null,
    acknowledgementRequired: r.acknowledgement_required,
  }));
}

/** Who has acknowledged which version of the agency's procedures: keys `procedureId|version|userId`. */
export async function acknowledgementKeys(db: Db, agencyId: number, procedureIds: number[]): Promise<Set<string>> {
  if (!procedureIds.length) return new Set();
  const rows = await db
    .selectFrom('procedure_acknowledgements')
    .select(['procedure_id', 'version', 'user_id'])
    .where('agency_id', '=', agencyId)
    .where('procedure_id', 'in', procedureIds)
    .execute();
  return new Set(rows.map((r) => `${r.procedure_id}|${r.version}|${r.user_id}`));
}

/** Sets a version's status (and, for a decision, who decided and the effective date). */
export async function setVersionStatus(
  db: Db,
  agencyId: number,
  procedureId: number,
  version: number,
  change: { status: ProcedureStatus; decidedBy?: number | null; effectiveOn?: string },
): Promise<void> {
  await db
    .updateTable('procedure_versions')
    .set({
      status: change.status,
      ...(change.decidedBy !== undefined ? { decided_by: change.decidedBy, decided_at: new Date() } : {}),
      ...(change.effectiveOn !== undefined ? { effective_on: change.effectiveOn } : {}),
    })
    .where('agency_id', '=', agencyId)
    .where('procedure_id', '=', procedureId)
    .where('version', '=', version)
    .execute();
}

export interface ProcedureListRow {
  id: number;
  title: string;
  kind: string;
  version: number;
  status: ProcedureStatus;
  effectiveOn: string | null;
  reviewDueOn: string | null;
  acknowledgedByMe: boolean;
}

/**
 * The library: each procedure with its approved version (else its newest), and whether `userId` acknowledged that
 * version. With `q`, only procedures whose approved version matches the words (English stemming), best first.
 */
export async function listProcedures(
  db: Db,
  agencyId: number,
  userId: number,
  q?: string,
): Promise<ProcedureListRow[]> {
  const query = q?.trim() ? sql`websearch_to_tsquery('english', ${q.trim()})` : null;
  const rows = await sql<{
    id: number;
    title: string;
    kind: string;
    version: number;
    status: ProcedureStatus;
    effective_on: string | null;
    review_due_on: string | null;
    acknowledged: boolean;
  }>`
    select p.id, v.title, p.kind, v.version, v.status, v.effective_on::text as effective_on,
           case when p.review_months is not null and v.effective_on is not null
                then (v.effective_on + make_interval(months => p.review_months))::date::text end as review_due_on,
           exists (select 1 from procedure_acknowledgements a
                   where a.agency_id = v.agency_id and a.procedure_id = v.procedure_id and a.version = v.version
                     and a.user_id = ${userId}) as acknowledged
    from procedures p
    join lateral (
      select * from procedure_versions x
      where x.agency_id = p.agency_id and x.procedure_id = p.id and x.status <> 'retired'
      order by (x.status = 'approved') desc, x.version desc
      limit 1
    ) v on true
    where p.agency_id = ${agencyId}
      ${query ? sql`and v.status = 'approved' and v.search @@ ${query}` : sql``}
    order by ${query ? sql`ts_rank(v.search, ${query}) desc,` : sql``} v.title, p.id
    limit 500`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    title: r.title,
    kind: r.kind,
    version: r.version,
    status: r.status,
    effectiveOn: r.effective_on,
    reviewDueOn: r.review_due_on,
    acknowledgedByMe: r.acknowledged,
  }));
}

/** Records that a user read a version (a second time changes nothing); returns when they first did. */
export async function acknowledge(
  db: Db,
  agencyId: number,
  procedureId: number,
  version: number,
  userId: number,
): Promise<{ at: Date; created: boolean }> {
  const inserted = await db
    .insertInto('procedure_acknowledgements')
    .values({ agency_id: agencyId, procedure_id: procedureId, version, user_id: userId })
    .onConflict((oc) => oc.doNothing())
    .returning('acknowledged_at')
    .executeTakeFirst();
  if (inserted) return { at: inserted.acknowledged_at, created: true };
  const row = await db
    .selectFrom('procedure_acknowledgements')
    .select('acknowledged_at')
    .where('agency_id', '=', agencyId)
    .where('procedure_id', '=', procedureId)
    .where('version', '=', version)
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return { at: row.acknowledged_at, created: false };
}

/** The agency's active staff (auditors, who cannot acknowledge, aside) with when each acknowledged a version. */
export async function acknowledgementsOf(
  db: Db,
  agencyId: number,
  procedureId: number,
  version: number,
): Promise<{ userId: number; name: string; at: Date | null }[]> {
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('procedure_acknowledgements as a', (j) =>
      j
        .onRef('a.agency_id', '=', 'u.agency_id')
        .onRef('a.user_id', '=', 'u.id')
        .on('a.procedure_id', '=', procedureId)
        .on('a.version', '=', version),
    )
    .select(['u.id', 'u.name', 'a.acknowledged_at'])
    .where('u.agency_id', '=', agencyId)
    .where('u.active', '=', true)
    .where('u.role', '<>', 'auditor')
    .orderBy('u.name')
    .orderBy('u.id')
    .execute();
  return rows.map((r) => ({ userId: r.id, name: r.name, at: r.acknowledged_at ?? null }));
}

export interface ProcedureLinkRow {
  id: number;
  procedureId: number;
  subjectCode: string | null;
  subjectName: string | null;
  routingRuleId: number | null;
  routingRuleName: string | null;
}

function linkQuery(db: Db, agencyId: number) {
  return db
    .selectFrom('procedure_links as l')
    .leftJoin('subjects as s', (j) => j.onRef('s.agency_id', '=', 'l.agency_id').onRef('s.id', '=', 'l.subject_id'))
    .leftJoin('routing_rules as r', (j) =>
      j.onRef('r.agency_id', '=', 'l.agency_id').onRef('r.id', '=', 'l.routing_rule_id'),
    )
    .select([
      'l.id',
      'l.procedure_id',
      's.code as subject_code',
      's.name as subject_name',
      'l.routing_rule_id',
      'r.name as rule_name',
    ])
    .where('l.agency_id', '=', agencyId);
}

const toLink = (r: Awaited<ReturnType<ReturnType<typeof linkQuery>['execute']>>[number]): ProcedureLinkRow => ({
  id: r.id,
  procedureId: r.procedure_id,
  subjectCode: r.subject_code ?? null,
  subjectName: r.subject_name ?? null,
  routingRuleId: r.routing_rule_id,
  routingRuleName: r.rule_name ?? null,
});

/** The subjects and routing rules a procedure is linked from. */
export async function linksOfProcedure(db: Db, agencyId: number, procedureId: number): Promise<ProcedureLinkRow[]> {
  const rows = await linkQuery(db, agencyId).where('l.procedure_id', '=', procedureId).orderBy('l.id').execute();
  return rows.map(toLink);
}

/** The links from any of these subject codes or routing rules. */
export async function linksFrom(
  db: Db,
  agencyId: number,
  from: { subjectCodes: string[]; ruleIds: number[] },
): Promise<ProcedureLinkRow[]> {
  if (!from.subjectCodes.length && !from.ruleIds.length) return [];
  const rows = await linkQuery(db, agencyId)
    .where((eb) =>
      eb.or([
        ...(from.subjectCodes.length ? [eb('s.code', 'in', from.subjectCodes)] : []),
        ...(from.ruleIds.length ? [eb('l.routing_rule_id', 'in', from.ruleIds)] : []),
      ]),
    )
    .orderBy('l.id')
    .execute();
  return rows.map(toLink);
}

/** Adds a link; false when it exists already. */
export async function insertLink(
  db: Db,
  agencyId: number,
  v: { procedureId: number; subjectId: number | null; routingRuleId: number | null; createdBy: number | null },
): Promise<number | undefined> {
  const row = await db
    .insertInto('procedure_links')
    .values({
      agency_id: agencyId,
      procedure_id: v.procedureId,
      subject_id: v.subjectId,
      routing_rule_id: v.routingRuleId,
      created_by: v.createdBy,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** Removes a link of a procedure; whether it existed. */
export async function deleteLink(db: Db, agencyId: number, procedureId: number, linkId: number): Promise<boolean> {
  const row = await db
    .deleteFrom('procedure_links')
    .where('agency_id', '=', agencyId)
    .where('procedure_id', '=', procedureId)
    .where('id', '=', linkId)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** A subject's id by its code, and the parent codes above it. */
export async function subjectByCode(db: Db, agencyId: number, code: string) {
  return db
    .selectFrom('subjects')
    .select(['id', 'code', 'parent_code'])
    .where('agency_id', '=', agencyId)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Whether a routing rule exists. */
export async function routingRuleExists(db: Db, agencyId: number, id: number): Promise<boolean> {
  const row = await db
    .selectFrom('routing_rules')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}
