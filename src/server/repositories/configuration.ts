// SQL for an agency's configuration: subjects, units, users and their unit memberships, routing rules, service
// standards and the agency row itself (name, zone, tracking prefix, calendar, escalation levels).
// Every query is scoped by agency_id; rows come back as camelCase records ready to present or audit.
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { attemptsOfEmails } from './sign-in-limits.ts';
import type {
  BusinessCalendar,
  EscalationLevel,
  Role,
  RuleActions,
  RuleConditions,
  StandardMatch,
  Target,
} from '../db/schema.ts';

// ---------------------------------------------------------------- subjects

export interface SubjectRecord {
  code: string;
  name: string;
  parentCode: string | null;
  active: boolean;
}

const subjectColumns = ['code', 'name', 'parent_code', 'active'] as const;
const toSubject = (r: { code: string; name: string; parent_code: string | null; active: boolean }): SubjectRecord => ({
  code: r.code,
  name: r.name,
  parentCode: r.parent_code,
  active: r.active,
});

/** All subjects of the agency, parents before their children (ordered by code). */
export async function listSubjects(db: Db, agencyId: number): Promise<SubjectRecord[]> {
  const rows = await db
    .selectFrom('subjects')
    .select(subjectColumns)
    .where('agency_id', '=', agencyId)
    .orderBy('code')
    .execute();
  return rows.map(toSubject);
}

/** One subject by code (case as stored), locked for the rest of the transaction. */
export async function getSubjectForUpdate(tx: Db, agencyId: number, code: string): Promise<SubjectRecord | null> {
  const row = await tx
    .selectFrom('subjects')
    .select(subjectColumns)
    .where('agency_id', '=', agencyId)
    .where('code', '=', code)
    .forUpdate()
    .executeTakeFirst();
  return row ? toSubject(row) : null;
}

/** Inserts a subject. */
export async function insertSubject(tx: Db, agencyId: number, subject: SubjectRecord): Promise<SubjectRecord> {
  const row = await tx
    .insertInto('subjects')
    .values({
      agency_id: agencyId,
      code: subject.code,
      name: subject.name,
      parent_code: subject.parentCode,
      active: subject.active,
    })
    .returning(subjectColumns)
    .executeTakeFirstOrThrow();
  return toSubject(row);
}

/** Changes a subject's name and/or active flag. */
export async function updateSubject(
  tx: Db,
  agencyId: number,
  code: string,
  patch: { name?: string; active?: boolean },
): Promise<SubjectRecord> {
  const row = await tx
    .updateTable('subjects')
    .set(patch)
    .where('agency_id', '=', agencyId)
    .where('code', '=', code)
    .returning(subjectColumns)
    .executeTakeFirstOrThrow();
  return toSubject(row);
}

/** Deactivates the active children of a parent subject; returns their codes. */
export async function deactivateChildSubjects(tx: Db, agencyId: number, parentCode: string): Promise<string[]> {
  const rows = await tx
    .updateTable('subjects')
    .set({ active: false })
    .where('agency_id', '=', agencyId)
    .where('parent_code', '=', parentCode)
    .where('active', '=', true)
    .returning('code')
    .execute();
  return rows.map((r) => r.code).sort();
}

/** Which of `codes` exist as subjects of the agency (compared without case, returned as asked). */
export async function existingSubjectCodes(db: Db, agencyId: number, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .selectFrom('subjects')
    .select('code')
    .where('agency_id', '=', agencyId)
    .where(
      sql<string>`upper(code)`,
      'in',
      codes.map((c) => c.toUpperCase()),
    )
    .execute();
  const stored = new Set(rows.map((r) => r.code.toUpperCase()));
  return new Set(codes.filter((c) => stored.has(c.toUpperCase())));
}

// ---------------------------------------------------------------- units

export interface UnitRecord {
  id: number;
  code: string;
  name: string;
  active: boolean;
}

const unitColumns = ['id', 'code', 'name', 'active'] as const;

/** All units with how many users belong to each. */
export async function listUnits(db: Db, agencyId: number): Promise<(UnitRecord & { memberCount: number })[]> {
  const rows = await db
    .selectFrom('units')
    .leftJoin('unit_memberships as m', (join) =>
      join.onRef('m.agency_id', '=', 'units.agency_id').onRef('m.unit_id', '=', 'units.id'),
    )
    .select(['units.id', 'units.code', 'units.name', 'units.active'])
    .select((eb) => eb.fn.count<number>('m.user_id').as('member_count'))
    .where('units.agency_id', '=', agencyId)
    .groupBy(['units.id', 'units.code', 'units.name', 'units.active'])
    .orderBy('units.code')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    active: r.active,
    memberCount: Number(r.member_count),
  }));
}

/** One unit, locked for the rest of the transaction. */
export async function getUnitForUpdate(tx: Db, agencyId: number, id: number): Promise<UnitRecord | null> {
  const row = await tx
    .selectFrom('units')
    .select(unitColumns)
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ?? null;
}

/** A unit by its code, compared without case. */
export async function findUnitByCode(db: Db, agencyId: number, code: string): Promise<UnitRecord | null> {
  const row = await db
    .selectFrom('units')
    .select(unitColumns)
    .where('agency_id', '=', agencyId)
    .where(sql<string>`upper(code)`, '=', code.toUpperCase())
    .executeTakeFirst();
  return row ?? null;
}

/** Inserts a unit. */
export async function insertUnit(tx: Db, agencyId: number, unit: Omit<UnitRecord, 'id'>): Promise<UnitRecord> {
  return tx
    .insertInto('units')
    .values({ agency_id: agencyId, code: unit.code, name: unit.name, active: unit.active })
    .returning(unitColumns)
    .executeTakeFirstOrThrow();
}

/** Changes a unit's name and/or active flag. */
export async function updateUnit(
  tx: Db,
  agencyId: number,
  id: number,
  patch: { name?: string; active?: boolean },
): Promise<UnitRecord> {
  return tx
    .updateTable('units')
    .set(patch)
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .returning(unitColumns)
    .executeTakeFirstOrThrow();
}

/** Which of `ids` are units of the agency. */
export async function existingUnitIds(db: Db, agencyId: number, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('units')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}

// ---------------------------------------------------------------- users

export interface UserRecord {
  id: number;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  language: string;
  mustChangePassword: boolean;
  failedLogins: number;
  lockedUntil: Date | null;
  createdAt: Date;
  unitIds: number[];
  managedUnitIds: number[];
}

const userColumns = [
  'id',
  'email',
  'name',
  'role',
  'active',
  'language',
  'must_change_password',
  'failed_logins',
  'locked_until',
  'created_at',
] as const;

type UserRow = {
  id: number;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  language: string;
  must_change_password: boolean;
  failed_logins: number;
  locked_until: Date | null;
  created_at: Date;
};

async function withMemberships(db: Db, agencyId: number, rows: UserRow[]): Promise<UserRecord[]> {
  if (rows.length === 0) return [];
  const memberships = await db
    .selectFrom('unit_memberships')
    .select(['user_id', 'unit_id', 'is_manager'])
    .where('agency_id', '=', agencyId)
    .where(
      'user_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('unit_id')
    .execute();
  const attempts = await attemptsOfEmails(
    db,
    rows.map((r) => r.email),
  );
  return rows.map((r) => {
    const own = memberships.filter((m) => m.user_id === r.id);
    const failed = attempts.get(r.email);
    return {
      id: r.id,
      email: r.email,
      name: r.name,
      role: r.role,
      active: r.active,
      language: r.language,
      mustChangePassword: r.must_change_password,
      failedLogins: failed?.failures ?? 0,
      lockedUntil: failed?.lockedUntil ?? null,
      createdAt: r.created_at,
      unitIds: own.map((m) => m.unit_id),
      managedUnitIds: own.filter((m) => m.is_manager).map((m) => m.unit_id),
    };
  });
}

/** All users of the agency with their unit memberships (never password hashes). */
export async function listUsers(db: Db, agencyId: number): Promise<UserRecord[]> {
  const rows = await db
    .selectFrom('users')
    .select(userColumns)
    .where('agency_id', '=', agencyId)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return withMemberships(db, agencyId, rows);
}

/** One user with memberships, locked for the rest of the transaction. */
export async function getUserForUpdate(tx: Db, agencyId: number, id: number): Promise<UserRecord | null> {
  const row = await tx
    .selectFrom('users')
    .select(userColumns)
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ? (await withMemberships(tx, agencyId, [row]))[0]! : null;
}

/** Whether any user (of any agency: sign-in looks users up by email alone) has this email, ignoring case. */
export async function emailIsTaken(db: Db, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
  return row !== undefined;
}

/** Inserts a user; returns the new id. */
export async function insertUser(
  tx: Db,
  agencyId: number,
  user: { email: string; name: string; role: Role; passwordHash: string; mustChangePassword: boolean },
): Promise<number> {
  const row = await tx
    .insertInto('users')
    .values({
      agency_id: agencyId,
      email: user.email,
      name: user.name,
      role: user.role,
      password_hash: user.passwordHash,
      must_change_password: user.mustChangePassword,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Changes a user's own columns. */
export async function updateUser(
  tx: Db,
  agencyId: number,
  id: number,
  patch: { name?: string; role?: Role; active?: boolean; failedLogins?: number; lockedUntil?: Date | null },
): Promise<void> {
  const set = {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.role !== undefined ? { role: patch.role } : {}),
    ...(patch.active !== undefined ? { active: patch.active } : {}),
    ...(patch.failedLogins !== undefined ? { failed_logins: patch.failedLogins } : {}),
    ...(patch.lockedUntil !== undefined ? { locked_until: patch.lockedUntil } : {}),
  };
  if (Object.keys(set).length === 0) return;
  await tx.updateTable('users').set(set).where('agency_id', '=', agencyId).where('id', '=', id).execute();
}

/** Replaces a user's unit memberships: member of `unitIds`, manager of `managedUnitIds` (also members). */
export async function replaceMemberships(
  tx: Db,
  agencyId: number,
  userId: number,
  unitIds: readonly number[],
  managedUnitIds: readonly number[],
): Promise<void> {
  await tx.deleteFrom('unit_memberships').where('agency_id', '=', agencyId).where('user_id', '=', userId).execute();
  const all = [...new Set([...unitIds, ...managedUnitIds])];
  if (all.length === 0) return;
  await tx
    .insertInto('unit_memberships')
    .values(
      all.map((unitId) => ({
        agency_id: agencyId,
        user_id: userId,
        unit_id: unitId,
        is_manager: managedUnitIds.includes(unitId),
      })),
    )
    .execute();
}

/** How many active administrators the agency has. */
export async function countActiveAdministrators(db: Db, agencyId: number): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('agency_id', '=', agencyId)
    .where('role', '=', 'administrator')
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---------------------------------------------------------------- routing rules

export interface RoutingRuleRecord {
  id: number;
  name: string;
  position: number;
  conditions: RuleConditions;
  actions: RuleActions;
  stopProcessing: boolean;
  active: boolean;
  version: number;
}

const ruleColumns = [
  'id',
  'name',
  'position',
  'conditions',
  'actions',
  'stop_processing',
  'active',
  'version',
] as const;
const toRule = (r: {
  id: number;
  name: string;
  position: number;
  conditions: RuleConditions;
  actions: RuleActions;
  stop_processing: boolean;
  active: boolean;
  version: number;
}): RoutingRuleRecord => ({
  id: r.id,
  name: r.name,
  position: r.position,
  conditions: r.conditions,
  actions: r.actions,
  stopProcessing: r.stop_processing,
  active: r.active,
  version: r.version,
});

/** The agency's routing rules in evaluation order (position, then id). */
export async function listRoutingRules(db: Db, agencyId: number): Promise<RoutingRuleRecord[]> {
  const rows = await db
    .selectFrom('routing_rules')
    .select(ruleColumns)
    .where('agency_id', '=', agencyId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map(toRule);
}

/** One routing rule (locked when `lock`), or null. */
export async function getRoutingRule(
  db: Db,
  agencyId: number,
  id: number,
  lock = false,
): Promise<RoutingRuleRecord | null> {
  let query = db.selectFrom('routing_rules').select(ruleColumns).where('agency_id', '=', agencyId).where('id', '=', id);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toRule(row) : null;
}

/** Locks every rule of the agency (reordering touches them all); returns them in order. */
export async function lockRoutingRules(tx: Db, agencyId: number): Promise<RoutingRuleRecord[]> {
  const rows = await tx
    .selectFrom('routing_rules')
    .select(ruleColumns)
    .where('agency_id', '=', agencyId)
    .orderBy('position')
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map(toRule);
}

/** The highest rule position in use, or 0. */
export async function maxRoutingRulePosition(db: Db, agencyId: number): Promise<number> {
  const row = await db
    .selectFrom('routing_rules')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

type RuleValues = Omit<RoutingRuleRecord, 'id' | 'version'>;
const ruleRow = (rule: Partial<RuleValues>) => ({
  ...(rule.name !== undefined ? { name: rule.name } : {}),
  ...(rule.position !== undefined ? { position: rule.position } : {}),
  ...(rule.conditions !== undefined ? { conditions: JSON.stringify(rule.conditions) } : {}),
  ...(rule.actions !== undefined ? { actions: JSON.stringify(rule.actions) } : {}),
  ...(rule.stopProcessing !== undefined ? { stop_processing: rule.stopProcessing } : {}),
  ...(rule.active !== undefined ? { active: rule.active } : {}),
});

/** Inserts a routing rule. */
export async function insertRoutingRule(tx: Db, agencyId: number, rule: RuleValues): Promise<RoutingRuleRecord> {
  const row = await tx
    .insertInto('routing_rules')
    .values({
      agency_id: agencyId,
      name: rule.name,
      position: rule.position,
      conditions: JSON.stringify(rule.conditions),
      actions: JSON.stringify(rule.actions),
      stop_processing: rule.stopProcessing,
      active: rule.active,
    })
    .returning(ruleColumns)
    .executeTakeFirstOrThrow();
  return toRule(row);
}

/** Changes a routing rule and bumps its version. */
export async function updateRoutingRule(
  tx: Db,
  agencyId: number,
  id: number,
  patch: Partial<RuleValues>,
): Promise<RoutingRuleRecord> {
  const row = await tx
    .updateTable('routing_rules')
    .set({ ...ruleRow(patch), version: sql<number>`version + 1` })
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .returning(ruleColumns)
    .executeTakeFirstOrThrow();
  return toRule(row);
}

/** Deletes a routing rule. */
export async function deleteRoutingRule(tx: Db, agencyId: number, id: number): Promise<void> {
  await tx.deleteFrom('routing_rules').where('agency_id', '=', agencyId).where('id', '=', id).execute();
}

/** Names of the active rules whose actions route to `unitCode`. */
export async function activeRulesRoutingTo(db: Db, agencyId: number, unitCode: string): Promise<string[]> {
  const rows = await db
    .selectFrom('routing_rules')
    .select('name')
    .where('agency_id', '=', agencyId)
    .where('active', '=', true)
    .where(sql<string>`upper(actions->>'unitCode')`, '=', unitCode.toUpperCase())
    .orderBy('position')
    .execute();
  return rows.map((r) => r.name);
}

/** Names of the rules (active or not) whose actions set service standard `standardId`. */
export async function rulesUsingStandard(db: Db, agencyId: number, standardId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('routing_rules')
    .select('name')
    .where('agency_id', '=', agencyId)
    .where(sql<string>`actions->>'serviceStandardId'`, '=', String(standardId))
    .orderBy('position')
    .execute();
  return rows.map((r) => r.name);
}

// ---------------------------------------------------------------- service standards

export interface ServiceStandardRecord {
  id: number;
  name: string;
  position: number;
  match: StandardMatch;
  firstResponse: Target | null;
  resolution: Target | null;
  warningPercent: number;
  active: boolean;
  version: number;
}

const standardColumns = [
  'id',
  'name',
  'position',
  'match',
  'first_response',
  'resolution',
  'warning_percent',
  'active',
  'version',
] as const;
const toStandard = (r: {
  id: number;
  name: string;
  position: number;
  match: StandardMatch;
  first_response: Target | null;
  resolution: Target | null;
  warning_percent: number;
  active: boolean;
  version: number;
}): ServiceStandardRecord => ({
  id: r.id,
  name: r.name,
  position: r.position,
  match: r.match,
  firstResponse: r.first_response,
  resolution: r.resolution,
  warningPercent: r.warning_percent,
  active: r.active,
  version: r.version,
});

/** The agency's service standards in selection order (position, then id). */
export async function listServiceStandards(db: Db, agencyId: number): Promise<ServiceStandardRecord[]> {
  const rows = await db
    .selectFrom('service_standards')
    .select(standardColumns)
    .where('agency_id', '=', agencyId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map(toStandard);
}

/** One service standard (locked when `lock`), or null. */
export async function getServiceStandard(
  db: Db,
  agencyId: number,
  id: number,
  lock = false,
): Promise<ServiceStandardRecord | null> {
  let query = db
    .selectFrom('service_standards')
    .select(standardColumns)
    .where('agency_id', '=', agencyId)
    .where('id', '=', id);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toStandard(row) : null;
}

/** The highest standard position in use, or 0. */
export async function maxServiceStandardPosition(db: Db, agencyId: number): Promise<number> {
  const row = await db
    .selectFrom('service_standards')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

type StandardValues = Omit<ServiceStandardRecord, 'id' | 'version'>;
const standardRow = (s: Partial<StandardValues>) => ({
  ...(s.name !== undefined ? { name: s.name } : {}),
  ...(s.position !== undefined ? { position: s.position } : {}),
  ...(s.match !== undefined ? { match: JSON.stringify(s.match) } : {}),
  ...(s.firstResponse !== undefined ? { first_response: JSON.stringify(s.firstResponse) } : {}),
  ...(s.resolution !== undefined ? { resolution: JSON.stringify(s.resolution) } : {}),
  ...(s.warningPercent !== undefined ? { warning_percent: s.warningPercent } : {}),
  ...(s.active !== undefined ? { active: s.active } : {}),
});

/** Inserts a service standard. */
export async function insertServiceStandard(
  tx: Db,
  agencyId: number,
  standard: StandardValues,
): Promise<ServiceStandardRecord> {
  const row = await tx
    .insertInto('service_standards')
    .values({
      agency_id: agencyId,
      name: standard.name,
      position: standard.position,
      match: JSON.stringify(standard.match),
      first_response: JSON.stringify(standard.firstResponse),
      resolution: JSON.stringify(standard.resolution),
      warning_percent: standard.warningPercent,
      active: standard.active,
    })
    .returning(standardColumns)
    .executeTakeFirstOrThrow();
  return toStandard(row);
}

/** Changes a service standard and bumps its version. */
export async function updateServiceStandard(
  tx: Db,
  agencyId: number,
  id: number,
  patch: Partial<StandardValues>,
): Promise<ServiceStandardRecord> {
  const row = await tx
    .updateTable('service_standards')
    .set({ ...standardRow(patch), version: sql<number>`version + 1` })
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .returning(standardColumns)
    .executeTakeFirstOrThrow();
  return toStandard(row);
}

/** Deletes a service standard. */
export async function deleteServiceStandard(tx: Db, agencyId: number, id: number): Promise<void> {
  await tx.deleteFrom('service_standards').where('agency_id', '=', agencyId).where('id', '=', id).execute();
}

/** How many cases carry deadlines computed from service standard `id`. */
export async function countCasesUsingStandard(db: Db, agencyId: number, id: number): Promise<number> {
  const row = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('agency_id', '=', agencyId)
    .where('service_standard_id', '=', id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---------------------------------------------------------------- agency

export interface AgencyRecord {
  id: number;
  slug: string;
  name: string;
  timeZone: string;
  trackingPrefix: string;
  calendar: BusinessCalendar;
  escalationLevels: EscalationLevel[];
  version: number;
}

const agencyColumns = [
  'id',
  'slug',
  'name',
  'time_zone',
  'tracking_prefix',
  'calendar',
  'escalation_levels',
  'version',
] as const;
const toAgency = (r: {
  id: number;
  slug: string;
  name: string;
  time_zone: string;
  tracking_prefix: string;
  calendar: BusinessCalendar;
  escalation_levels: EscalationLevel[];
  version: number;
}): AgencyRecord => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  timeZone: r.time_zone,
  trackingPrefix: r.tracking_prefix,
  calendar: r.calendar,
  escalationLevels: r.escalation_levels,
  version: r.version,
});

/** The agency's settings (locked when `lock`). */
export async function getAgency(db: Db, agencyId: number, lock = false): Promise<AgencyRecord> {
  let query = db.selectFrom('agencies').select(agencyColumns).where('id', '=', agencyId);
  if (lock) query = query.forUpdate();
  return toAgency(await query.executeTakeFirstOrThrow());
}

/** Changes the agency's settings and bumps its version. */
export async function updateAgency(
  tx: Db,
  agencyId: number,
  patch: Partial<Pick<AgencyRecord, 'name' | 'timeZone' | 'trackingPrefix' | 'calendar' | 'escalationLevels'>>,
): Promise<AgencyRecord> {
  const row = await tx
    .updateTable('agencies')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.timeZone !== undefined ? { time_zone: patch.timeZone } : {}),
      ...(patch.trackingPrefix !== undefined ? { tracking_prefix: patch.trackingPrefix } : {}),
      ...(patch.calendar !== undefined ? { calendar: JSON.stringify(patch.calendar) } : {}),
      ...(patch.escalationLevels !== undefined ? { escalation_levels: JSON.stringify(patch.escalationLevels) } : {}),
      version: sql<number>`version + 1`,
    })
    .where('id', '=', agencyId)
    .returning(agencyColumns)
    .executeTakeFirstOrThrow();
  return toAgency(row);
}
