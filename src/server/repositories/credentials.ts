// The sessions and API tokens of a user, ended together when the password changes or is reset or the account is
// deactivated: sessions are deleted and tokens revoked, so reactivating the account revives neither.
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
