// Finds who is calling: a session cookie (with its CSRF token on state-changing requests) or a bearer API token.
// Builds the request's CommandContext; routes call requireContext() to get it or refuse with 401.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { Actor, Agency, CommandContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { tokenDigest } from './credentials.ts';
import {
  deleteSession,
  findActorRow,
  findApiTokenActor,
  findSessionActor,
  touchApiToken,
  touchSession,
  type ActorRow,
} from '../repositories/credentials.ts';

export const SESSION_COOKIE = 'civicdesk_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Writing last_seen_at on every request would add a write to each read; a minute's precision is enough for idling.
const LAST_SEEN_PRECISION_MS = 60_000;
// What a user who must change the password may still do: see who they are, change it, or sign out.
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set([
  'GET /api/v1/auth/me',
  'POST /api/v1/auth/password',
  'POST /api/v1/auth/logout',
]);

export interface SessionSettings {
  /** A session unused this many minutes ends. */
  sessionIdleMinutes: number;
}

/** Refuses every call but the allowed few while the user's password must be changed. */
function requirePasswordChanged(req: FastifyRequest, mustChange: boolean): void {
  if (!mustChange) return;
  if (ALLOWED_BEFORE_PASSWORD_CHANGE.has(`${req.method} ${req.url.split('?')[0]}`)) return;
  throw new AppError(
    'password_change_required',
    'This account must choose a new password before anything else: POST /api/v1/auth/password.',
  );
}

declare module 'fastify' {
  interface FastifyRequest {
    commandContext: CommandContext | null;
  }
}

/** The actor and agency of a user row; null when the user is missing or inactive. */
function actorOf(user: ActorRow | undefined, via: Actor['via']): { actor: Actor; agency: Agency } | null {
  if (!user || !user.active) return null;
  const memberships = (typeof user.memberships === 'string' ? JSON.parse(user.memberships) : user.memberships) ?? [];
  const actor: Actor = {
    userId: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    unitIds: memberships.map((m: { unitId: number }) => m.unitId),
    managedUnitIds: memberships.filter((m: { manager: boolean }) => m.manager).map((m: { unitId: number }) => m.unitId),
    via,
  };
  const agency: Agency = { id: user.agencyId, slug: user.slug, name: user.agencyName, timeZone: user.time_zone };
  return { actor, agency };
}

/** A user's actor and agency as a request would see them; null when the user is missing or inactive. */
export async function loadActor(db: Db, agencyId: number, userId: number, via: Actor['via']) {
  const user = await findActorRow(db, agencyId, userId);
  return actorOf(user, via);
}

/**
 * Resolves the caller of a request, or null when it carries no valid credentials. The credential is read with its
 * user, agency and memberships in one statement (every API request runs it, intake included).
 */
export async function authenticate(
  db: Db,
  req: FastifyRequest,
  settings: SessionSettings,
): Promise<CommandContext | null> {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const token = await findApiTokenActor(db, tokenDigest(header.slice(7).trim()));
    if (!token) throw new AppError('unauthenticated', 'The API token is not valid or was revoked.');
    if (new Date(token.tokenExpiresAt).getTime() <= Date.now()) {
      throw new AppError('unauthenticated', 'The API token has expired; create a new one.');
    }
    const found = actorOf(token, 'token');
    if (!found) throw new AppError('unauthenticated', 'The API token belongs to a user who is no longer active.');
    requirePasswordChanged(req, token.must_change_password);
    // Recording every use would add a write to each read; once an hour is enough to see which tokens live.
    if (!token.tokenLastUsedAt || Date.now() - token.tokenLastUsedAt.getTime() > 3_600_000) {
      await touchApiToken(db, token.agencyId, token.tokenId, new Date());
    }
    return { db, ...found, requestId: req.id };
  }
  const cookie = req.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const session = await findSessionActor(db, tokenDigest(cookie));
  if (!session) return null;
  const now = Date.now();
  const lastSeen = new Date(session.last_seen_at).getTime();
  if (session.expires_at.getTime() < now || lastSeen < now - settings.sessionIdleMinutes * 60_000) {
    await deleteSession(db, session.sessionId);
    return null;
  }
  if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== session.csrf_token) {
    throw new AppError('csrf_failed', 'The X-CSRF-Token header is missing or does not match this session.', [
      { field: 'X-CSRF-Token', message: 'must be the csrfToken returned at sign-in' },
    ]);
  }
  const found = actorOf(session, 'session');
  if (!found) return null;
  requirePasswordChanged(req, session.must_change_password);
  if (now - lastSeen > LAST_SEEN_PRECISION_MS) {
    await touchSession(db, session.sessionId, new Date(now));
  }
  return { db, ...found, requestId: req.id };
}

/** The caller's context, or a 401 when the request is not signed in. */
export function requireContext(req: FastifyRequest): CommandContext {
  if (!req.commandContext) throw new AppError('unauthenticated', 'Sign in first, or send an API token.');
  return req.commandContext;
}
