// Sign-in and sign-out: password check with lock-out after repeated failures, session creation with a CSRF token.
import { AppError } from '../errors.ts';
import type { Db } from '../db/database.ts';
import { newToken, tokenDigest, verifyPassword } from '../auth/credentials.ts';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 15;
export const SESSION_HOURS = 12;

export interface SignInResult {
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
  user: { id: number; email: string; name: string; role: string; mustChangePassword: boolean };
}

const wrongCredentials = () => new AppError('unauthenticated', 'The email or password is not right.');

/** Checks the password and opens a session; counts failures and locks the account after too many. */
export async function signIn(db: Db, email: string, password: string): Promise<SignInResult> {
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst();
  if (!user || !user.active) {
    await verifyPassword(null, password);
    throw wrongCredentials();
  }
  if (user.locked_until && user.locked_until.getTime() > Date.now()) {
    throw new AppError(
      'account_locked',
      `This account is locked after ${MAX_FAILED_SIGN_INS} failed sign-ins; try again after ${user.locked_until.toISOString()} or ask an administrator.`,
    );
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    const failures = user.failed_logins + 1;
    await db
      .updateTable('users')
      .set({
        failed_logins: failures >= MAX_FAILED_SIGN_INS ? 0 : failures,
        locked_until: failures >= MAX_FAILED_SIGN_INS ? new Date(Date.now() + LOCK_MINUTES * 60_000) : null,
      })
      .where('agency_id', '=', user.agency_id)
      .where('id', '=', user.id)
      .execute();
    throw wrongCredentials();
  }
  const sessionToken = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3_600_000);
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null })
      .where('agency_id', '=', user.agency_id)
      .where('id', '=', user.id)
      .execute();
    await tx
      .insertInto('sessions')
      .values({
        id: tokenDigest(sessionToken),
        agency_id: user.agency_id,
        user_id: user.id,
        csrf_token: csrfToken,
        expires_at: expiresAt,
      })
      .execute();
    await tx.deleteFrom('sessions').where('expires_at', '<', new Date()).execute();
  });
  return {
    sessionToken,
    csrfToken,
    expiresAt,
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      mustChangePassword: user.must_change_password,
    },
  };
}

/** Ends a session (unknown tokens are ignored). */
export async function signOut(db: Db, sessionToken: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', tokenDigest(sessionToken)).execute();
}
