// The credentials of users: passwords, sign-in sessions and API tokens (stored only as digests), and the user row a
// request's actor is built from. Sessions and API tokens are ended together when the password changes or is reset or
// the account is deactivated: sessions are deleted and tokens revoked, so reactivating the account revives neither.
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/**
 * Ends the user's sessions (all but `keepSessionId`, the digest of the session making the change) and revokes their
 * API tokens; answers how many of each ended.
 */
export async function endUserCredentials(
  tx: Db,
  agencyId: number,
  userId: number,
  keepSessionId: string | null = null,
): Promise<{ sessions: number; apiTokens: number }> {
  let sessions = tx.deleteFrom('sessions').where('agency_id', '=', agencyId).where('user_id', '=', userId);
  if (keepSessionId) sessions = sessions.where('id', '<>', keepSessionId);
  const endedSessions = await sessions.executeTakeFirst();
  const revoked = await tx
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('agency_id', '=', agencyId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return { sessions: Number(endedSessions.numDeletedRows), apiTokens: Number(revoked.numUpdatedRows) };
}

/** The CSRF token of one session, by the digest of its cookie; undefined when the session is gone. */
export async function sessionCsrfToken(db: Db, sessionId: string): Promise<string | undefined> {
  const row = await db.selectFrom('sessions').select('csrf_token').where('id', '=', sessionId).executeTakeFirst();
  return row?.csrf_token;
}

/** Sets a user's password hash and whether it must be changed at the next sign-in (the one writer of passwords). */
export async function setUserPassword(
  db: Db,
  agencyId: number,
  userId: number,
  passwordHash: string,
  mustChangePassword: boolean,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: mustChangePassword })
    .where('agency_id', '=', agencyId)
    .where('id', '=', userId)
    .execute();
}

/** What checking a user's own password needs: the hash, and the email and name a new password must not repeat. */
export async function passwordOfUser(db: Db, agencyId: number, userId: number) {
  return db
    .selectFrom('users')
    .select(['password_hash', 'email', 'name'])
    .where('agency_id', '=', agencyId)
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

/** The user signing in by email (any agency, ignoring case), with the agency they belong to. */
export async function findSignInUser(db: Db, email: string) {
  return db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select([
      'users.id',
      'users.agency_id',
      'users.email',
      'users.name',
      'users.role',
      'users.active',
      'users.password_hash',
      'users.must_change_password',
      'agencies.slug',
      'agencies.name as agency_name',
      'agencies.time_zone',
    ])
    .where((eb) => eb(eb.fn('lower', ['users.email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst();
}

/** Starts a session (its id is the digest of the cookie's token). */
export async function insertSession(
  db: Db,
  session: { id: string; agencyId: number; userId: number; csrfToken: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      agency_id: session.agencyId,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      expires_at: session.expiresAt,
    })
    .execute();
}

/** Ends one session by id (the token's digest); unknown ids are ignored. */
export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Deletes every expired session. */
export async function deleteExpiredSessions(db: Db): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', new Date()).execute();
}

/** Records that a session was seen at `at`. */
export async function touchSession(db: Db, sessionId: string, at: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', sessionId).execute();
}

/** Inserts an API token (only its digest is kept). */
export async function insertApiToken(
  db: Db,
  token: { agencyId: number; userId: number; name: string; tokenHash: string; expiresAt: Date },
) {
  return db
    .insertInto('api_tokens')
    .values({
      agency_id: token.agencyId,
      user_id: token.userId,
      name: token.name,
      token_hash: token.tokenHash,
      expires_at: token.expiresAt,
    })
    .returning(['id', 'name', 'created_at', 'expires_at'])
    .executeTakeFirstOrThrow();
}

/** The agency's API tokens, or one user's when `userId` is given. */
export async function listApiTokenRows(db: Db, agencyId: number, userId: number | null) {
  let query = db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'user_id', 'created_at', 'last_used_at', 'revoked_at', 'expires_at'])
    .where('agency_id', '=', agencyId);
  if (userId !== null) query = query.where('user_id', '=', userId);
  return query.orderBy('id').execute();
}

/** One API token (never its digest), or undefined. */
export async function findApiToken(db: Db, agencyId: number, id: number) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'name', 'revoked_at'])
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Revokes one API token at `at`. */
export async function revokeApiTokenRow(db: Db, agencyId: number, id: number, at: Date): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .execute();
}

/** Records that an API token was used at `at`. */
export async function touchApiToken(db: Db, agencyId: number, id: number, at: Date): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: at })
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .execute();
}

/** The user with their agency and unit memberships: one statement, to which a credential's table can be joined. */
function actorQuery(db: Db) {
  return db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select([
      'users.id',
      'users.name',
      'users.email',
      'users.role',
      'users.active',
      'users.must_change_password',
      'agencies.id as agencyId',
      'agencies.slug',
      'agencies.name as agencyName',
      'agencies.time_zone',
    ])
    .select((eb) =>
      eb
        .selectFrom('unit_memberships as m')
        .select(
          sql<
            { unitId: number; manager: boolean }[]
          >`coalesce(json_agg(json_build_object('unitId', m.unit_id, 'manager', m.is_manager)), '[]')`.as('m'),
        )
        .whereRef('m.agency_id', '=', 'users.agency_id')
        .whereRef('m.user_id', '=', 'users.id')
        .as('memberships'),
    );
}

/** A user row as a request's actor is built from (memberships may come back as JSON text). */
export type ActorRow = NonNullable<Awaited<ReturnType<ReturnType<typeof actorQuery>['executeTakeFirst']>>>;

/** A user with agency and memberships, by id. */
export async function findActorRow(db: Db, agencyId: number, userId: number) {
  return actorQuery(db).where('users.agency_id', '=', agencyId).where('users.id', '=', userId).executeTakeFirst();
}

/** The user of an unrevoked API token (by the token's digest), with the token's id, last use and expiry. */
export async function findApiTokenActor(db: Db, tokenHash: string) {
  return actorQuery(db)
    .innerJoin('api_tokens as t', (join) =>
      join.onRef('t.agency_id', '=', 'users.agency_id').onRef('t.user_id', '=', 'users.id'),
    )
    .select(['t.id as tokenId', 't.last_used_at as tokenLastUsedAt', 't.expires_at as tokenExpiresAt'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();
}

/** The user of a session (by the cookie token's digest), with the session's CSRF token, expiry and last sight. */
export async function findSessionActor(db: Db, sessionId: string) {
  return actorQuery(db)
    .innerJoin('sessions as s', (join) =>
      join.onRef('s.agency_id', '=', 'users.agency_id').onRef('s.user_id', '=', 'users.id'),
    )
    .select(['s.id as sessionId', 's.csrf_token', 's.expires_at', 's.last_seen_at'])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
}
