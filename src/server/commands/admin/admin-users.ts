// Staff accounts: listed (administrators and supervisors), created with an argon2id password (a generated one is
// shown once), changed (name, role, active, unit memberships) and unlocked after too many failed sign-ins.
// Password hashes never leave this module.
import { AppError, notFound } from '../../errors.ts';
import type { CommandContext } from '../../context.ts';
import type { Role } from '../../db/schema.ts';
import { generatePassword, hashPassword } from '../../auth/credentials.ts';
import { passwordProblem } from '../../../domain/password-policy.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { clearEmailAttempts } from '../../repositories/sign-in-limits.ts';
import { endUserCredentials, setUserPassword } from '../../repositories/credentials.ts';
import {
  countActiveAdministrators,
  emailIsTaken,
  getUserForUpdate,
  insertUser,
  listUsers,
  replaceMemberships,
  updateUser,
  type UserRecord,
} from '../../repositories/configuration/users.ts';
import { existingUnitIds } from '../../repositories/configuration/units.ts';
import { FieldProblems, cleanName, requireAdministrator, requireRole } from '../common.ts';
import type { Db } from '../../db/database.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface CreateUserInput {
  email: string;
  name: string;
  role: Role;
  password?: string | undefined;
  unitIds?: number[] | undefined;
  managedUnitIds?: number[] | undefined;
}

export interface UpdateUserInput {
  name?: string | undefined;
  role?: Role | undefined;
  active?: boolean | undefined;
  unitIds?: number[] | undefined;
  managedUnitIds?: number[] | undefined;
  /** Clears a lock-out after failed sign-ins. */
  unlock?: boolean | undefined;
}

/** The agency's users with their unit memberships (administrators and supervisors only). */
export async function listAgencyUsers(ctx: CommandContext): Promise<UserRecord[]> {
  requireRole(ctx, ['administrator', 'supervisor'], 'list users');
  return listUsers(ctx.db, ctx.agency.id);
}

async function checkUnits(db: Db, ctx: CommandContext, problems: FieldProblems, field: string, ids: number[] = []) {
  const found = await existingUnitIds(db, ctx.agency.id, ids);
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) problems.add(field, `no unit with id ${missing.join(', ')}`);
}

// The audit record of a user: everything an auditor needs to see what changed, without secrets.
function auditView(user: UserRecord): Record<string, unknown> {
  return {
    email: user.email,
    name: user.name,
    role: user.role,
    active: user.active,
    unitIds: user.unitIds,
    managedUnitIds: user.managedUnitIds,
    lockedUntil: user.lockedUntil,
    failedLogins: user.failedLogins,
  };
}

/** Creates a user; without a password a temporary one is generated, returned once and must be changed. */
export async function createUser(
  ctx: CommandContext,
  input: CreateUserInput,
): Promise<{ user: UserRecord; temporaryPassword: string | null }> {
  requireAdministrator(ctx, 'create users');
  const problems = new FieldProblems();
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) problems.add('email', 'is not an email address');
  const name = cleanName(problems, 'name', input.name)!;
  const weak = input.password === undefined ? null : passwordProblem(input.password, [email, name ?? '']);
  if (weak) problems.add('password', weak);
  await checkUnits(ctx.db, ctx, problems, 'unitIds', input.unitIds);
  await checkUnits(ctx.db, ctx, problems, 'managedUnitIds', input.managedUnitIds);
  problems.throwIfAny();
  const temporaryPassword = input.password === undefined ? generatePassword() : null;
  const passwordHash = await hashPassword(input.password ?? temporaryPassword!);
  return ctx.db.transaction().execute(async (tx) => {
    if (await emailIsTaken(tx, email)) {
      throw new AppError('conflict', `A user with email ${email} already exists.`, [
        { field: 'email', message: 'is taken' },
      ]);
    }
    const id = await insertUser(tx, ctx.agency.id, {
      email,
      name,
      role: input.role,
      passwordHash,
      mustChangePassword: temporaryPassword !== null,
    });
    await replaceMemberships(tx, ctx.agency.id, id, input.unitIds ?? [], input.managedUnitIds ?? []);
    const user = (await getUserForUpdate(tx, ctx.agency.id, id))!;
    await recordAudit(tx, ctx, {
      action: 'user.created',
      entityType: 'user',
      entityId: id,
      after: { ...auditView(user), passwordGenerated: temporaryPassword !== null },
    });
    return { user, temporaryPassword };
  });
}

/**
 * Changes a user. Unit lists replace the memberships given (unitIds alone keeps managers among them as managers).
 * Refuses to leave the agency without an active administrator.
 */
export async function updateUserAccount(ctx: CommandContext, id: number, patch: UpdateUserInput): Promise<UserRecord> {
  requireAdministrator(ctx, 'change users');
  const problems = new FieldProblems();
  const name = cleanName(problems, 'name', patch.name);
  if (patch.unlock === false) problems.add('unlock', 'send true to unlock, or leave it out');
  await checkUnits(ctx.db, ctx, problems, 'unitIds', patch.unitIds);
  await checkUnits(ctx.db, ctx, problems, 'managedUnitIds', patch.managedUnitIds);
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    const current = await getUserForUpdate(tx, ctx.agency.id, id);
    if (!current) throw notFound(`User ${id}`);
    const losesAdministrator =
      current.role === 'administrator' &&
      current.active &&
      ((patch.role !== undefined && patch.role !== 'administrator') || patch.active === false);
    if (losesAdministrator && (await countActiveAdministrators(tx, ctx.agency.id)) <= 1) {
      throw new AppError('conflict', 'This is the last active administrator; make someone else administrator first.', [
        { field: patch.active === false ? 'active' : 'role', message: 'would leave no active administrator' },
      ]);
    }
    await updateUser(tx, ctx.agency.id, id, {
      ...(name !== undefined ? { name } : {}),
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
    });
    if (patch.unlock) await clearEmailAttempts(tx, current.email);
    // A deactivated account's sessions and tokens end now; reactivating it later revives neither.
    if (patch.active === false && current.active) await endUserCredentials(tx, ctx.agency.id, id);
    if (patch.unitIds !== undefined || patch.managedUnitIds !== undefined) {
      const managed = patch.managedUnitIds ?? current.managedUnitIds.filter((u) => (patch.unitIds ?? []).includes(u));
      const members = patch.unitIds ?? [...new Set([...current.unitIds, ...managed])];
      await replaceMemberships(tx, ctx.agency.id, id, members, managed);
    }
    const next = (await getUserForUpdate(tx, ctx.agency.id, id))!;
    const onlyUnlock = Object.entries(patch).every(([key, value]) => key === 'unlock' || value === undefined);
    await recordAudit(tx, ctx, {
      action: patch.unlock && onlyUnlock ? 'user.unlocked' : 'user.updated',
      entityType: 'user',
      entityId: id,
      before: auditView(current),
      after: auditView(next),
    });
    return next;
  });
}

/**
 * An administrator's password reset: a generated temporary password (answered once) that must be changed at the next
 * sign-in; the user's sessions end, their API tokens are revoked and any lock-out is cleared.
 */
export async function resetUserPassword(
  ctx: CommandContext,
  id: number,
): Promise<{ temporaryPassword: string; sessionsEnded: number; apiTokensRevoked: number }> {
  requireAdministrator(ctx, 'reset passwords');
  const temporaryPassword = generatePassword();
  const passwordHash = await hashPassword(temporaryPassword);
  return ctx.db.transaction().execute(async (tx) => {
    const current = await getUserForUpdate(tx, ctx.agency.id, id);
    if (!current) throw notFound(`User ${id}`);
    await setUserPassword(tx, ctx.agency.id, id, passwordHash, true);
    const ended = await endUserCredentials(tx, ctx.agency.id, id);
    await clearEmailAttempts(tx, current.email);
    await recordAudit(tx, ctx, {
      action: 'user.password_reset',
      entityType: 'user',
      entityId: id,
      after: { mustChangePassword: true, sessionsEnded: ended.sessions, apiTokensRevoked: ended.apiTokens },
    });
    return { temporaryPassword, sessionsEnded: ended.sessions, apiTokensRevoked: ended.apiTokens };
  });
}
