// SQL for an agency's users and their unit memberships. Scoped by agency_id; camelCase records.
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';
import { attemptsOfEmails } from '../sign-in-limits.ts';

export interface UserRecord {
  id: number;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  language: string;
  mustChangePassword: boolean;
  /** The email's failed sign-ins and lock-out, from sign_in_limits. */
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

/** One user's name, role and active flag (no memberships), or undefined. */
export async function findUserBrief(db: Db, agencyId: number, id: number) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'active', 'role'])
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Which of `ids` are users of the agency. */
export async function existingUserIds(db: Db, agencyId: number, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Whether the user belongs to the unit. */
export async function isUnitMember(db: Db, agencyId: number, userId: number, unitId: number): Promise<boolean> {
  const row = await db
    .selectFrom('unit_memberships')
    .select('user_id')
    .where('agency_id', '=', agencyId)
    .where('user_id', '=', userId)
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  return row !== undefined;
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

/** Whether the user must change their password before doing anything else (false for an unknown user). */
export async function mustChangePassword(db: Db, agencyId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('must_change_password')
    .where('agency_id', '=', agencyId)
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.must_change_password ?? false;
}

/** Active colleagues other than auditors, by name: id, name, role and unit ids (no contact details). */
export async function listColleagues(db: Db, agencyId: number) {
  const rows = await db
    .selectFrom('users as u')
    .select(['u.id', 'u.name', 'u.role'])
    .select((eb) =>
      eb
        .selectFrom('unit_memberships as m')
        .select(sql<number[]>`coalesce(array_agg(m.unit_id order by m.unit_id), '{}')`.as('ids'))
        .whereRef('m.agency_id', '=', 'u.agency_id')
        .whereRef('m.user_id', '=', 'u.id')
        .as('unitIds'),
    )
    .where('u.agency_id', '=', agencyId)
    .where('u.active', '=', true)
    .where('u.role', '<>', 'auditor')
    .orderBy('u.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, role: r.role, unitIds: r.unitIds ?? [] }));
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
  patch: { name?: string; role?: Role; active?: boolean },
): Promise<void> {
  const set = {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.role !== undefined ? { role: patch.role } : {}),
    ...(patch.active !== undefined ? { active: patch.active } : {}),
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

/** The active users of the agency among `ids` (to check owners in one statement). */
export async function activeUserIds(db: Db, agencyId: number, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('active', '=', true)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Set(rows.map((r) => r.id));
}
