// API tokens (created, listed, revoked; stored only as digests) and password changes, each audited.
import { AppError, invalid, notFound } from '../../errors.ts';
import type { CommandContext } from '../../context.ts';
import { hashPassword, newToken, tokenDigest, verifyPassword } from '../../auth/credentials.ts';
import { passwordProblem } from '../../../domain/password-policy.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  endUserCredentials,
  findApiToken,
  insertApiToken,
  listApiTokenRows,
  passwordOfUser,
  revokeApiTokenRow,
  setUserPassword,
} from '../../repositories/credentials.ts';

export interface TokenLifetimes {
  /** Days a token lives when none are asked for. */
  apiTokenDefaultDays: number;
  /** The most days a token may be given. */
  apiTokenMaxDays: number;
}

/**
 * Creates a token for the signed-in user, living `expiresInDays` (or the default); the secret is returned once and
 * stored as a digest.
 */
export async function createApiToken(
  ctx: CommandContext,
  input: { name: string; expiresInDays?: number | undefined },
  lifetimes: TokenLifetimes,
) {
  const days = input.expiresInDays ?? lifetimes.apiTokenDefaultDays;
  if (!Number.isInteger(days) || days < 1 || days > lifetimes.apiTokenMaxDays) {
    throw invalid('expiresInDays', `must be a whole number of days from 1 to ${lifetimes.apiTokenMaxDays}`);
  }
  const expiresAt = new Date(Date.now() + days * 86_400_000);
  const name = input.name.trim();
  const token = newToken('cdk_');
  return ctx.db.transaction().execute(async (tx) => {
    const row = await insertApiToken(tx, {
      agencyId: ctx.agency.id,
      userId: ctx.actor.userId,
      name,
      tokenHash: tokenDigest(token),
      expiresAt,
    });
    await recordAudit(tx, ctx, {
      action: 'api_token.created',
      entityType: 'api_token',
      entityId: row.id,
      after: { name: row.name, expiresAt: row.expires_at },
    });
    return {
      id: row.id,
      name: row.name,
      token,
      createdAt: row.created_at.toISOString(),
      expiresAt: new Date(row.expires_at).toISOString(),
    };
  });
}

/** Lists the user's tokens (administrators see all of the agency's). */
export async function listApiTokens(ctx: CommandContext) {
  const rows = await listApiTokenRows(
    ctx.db,
    ctx.agency.id,
    ctx.actor.role !== 'administrator' ? ctx.actor.userId : null,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    userId: r.user_id,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
    expiresAt: new Date(r.expires_at).toISOString(),
    expired: new Date(r.expires_at).getTime() <= Date.now(),
  }));
}

/** Revokes a token of the user's own (or any, for an administrator). */
export async function revokeApiToken(ctx: CommandContext, id: number): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const token = await findApiToken(tx, ctx.agency.id, id);
    if (!token || (token.user_id !== ctx.actor.userId && ctx.actor.role !== 'administrator')) {
      throw notFound(`API token ${id}`);
    }
    if (token.revoked_at) return;
    const revokedAt = new Date();
    await revokeApiTokenRow(tx, ctx.agency.id, id, revokedAt);
    await recordAudit(tx, ctx, {
      action: 'api_token.revoked',
      entityType: 'api_token',
      entityId: id,
      before: { revoked_at: null },
      after: { revoked_at: revokedAt },
    });
  });
}

/**
 * Changes the signed-in user's password after checking the current one; ends the user's other sessions and revokes
 * their API tokens (`sessionId` is the digest of the session making the change, which stays signed in).
 */
export async function changePassword(
  ctx: CommandContext,
  current: string,
  next: string,
  sessionId: string | null,
): Promise<void> {
  if (ctx.actor.via !== 'session') throw new AppError('forbidden', 'Passwords are changed from a signed-in session.');
  const user = await passwordOfUser(ctx.db, ctx.agency.id, ctx.actor.userId);
  if (!(await verifyPassword(user.password_hash, current))) throw invalid('currentPassword', 'is not right');
  const weak = passwordProblem(next, [user.email, user.name]);
  if (weak) throw invalid('newPassword', weak);
  if (next === current) throw invalid('newPassword', 'must differ from the current password');
  const hash = await hashPassword(next);
  await ctx.db.transaction().execute(async (tx) => {
    await setUserPassword(tx, ctx.agency.id, ctx.actor.userId, hash, false);
    const ended = await endUserCredentials(tx, ctx.agency.id, ctx.actor.userId, sessionId);
    await recordAudit(tx, ctx, {
      action: 'user.password_changed',
      entityType: 'user',
      entityId: ctx.actor.userId,
      after: { otherSessionsEnded: ended.sessions, apiTokensRevoked: ended.apiTokens },
    });
  });
}
