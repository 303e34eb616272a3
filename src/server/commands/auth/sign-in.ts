// Sign-in and sign-out: the password check guarded by failed-sign-in limits kept in the database (per email, known or
// not, and per client address), session creation with a CSRF token, and an audit event for every sign-in and every
// failed one (who, when, from which address). Unknown emails cost the same argon2 check as known ones and get the
// same answers, so neither the time nor the reply tells which emails have accounts.
import { AppError } from '../../errors.ts';
import type { Db } from '../../db/database.ts';
import type { CommandContext } from '../../context.ts';
import { hashPassword, newToken, tokenDigest, verifyPassword } from '../../auth/credentials.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { deleteExpiredSessions, deleteSession, findSignInUser, insertSession } from '../../repositories/credentials.ts';
import {
  addressLimitKey,
  clearAttempts,
  countAttempt,
  emailLimitKey,
  forgetOldAttempts,
  uncountAttempt,
  type LimitRule,
} from '../../repositories/sign-in-limits.ts';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 15;
/** Failed sign-ins per email within an hour before the account (or unknown email) is locked. */
export const EMAIL_LIMIT: LimitRule = { max: MAX_FAILED_SIGN_INS, windowMinutes: 60, lockMinutes: LOCK_MINUTES };
/** Failed sign-ins from one client address within 15 minutes (an office behind one NAT shares it). */
export const ADDRESS_LIMIT: LimitRule = { max: 30, windowMinutes: 15, lockMinutes: 15 };

export interface SignInInput {
  email: string;
  password: string;
  /** The client address (the connection's, or the one a trusted proxy forwarded). */
  address: string;
  requestId: string | null;
}

export interface SignInResult {
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
  user: { id: number; email: string; name: string; role: string; mustChangePassword: boolean };
}

const wrongCredentials = () => new AppError('unauthenticated', 'The email or password is not right.');
const locked = (until: Date) =>
  new AppError(
    'account_locked',
    `This account is locked after ${MAX_FAILED_SIGN_INS} failed sign-ins; try again after ${until.toISOString()} or ask an administrator.`,
  );

// A real argon2id hash of a random password: unknown emails are checked against it, so they take as long as known.
let dummyHash: Promise<string> | null = null;
const dummyPasswordHash = () => (dummyHash ??= hashPassword(newToken()));

type UserRow = NonNullable<Awaited<ReturnType<typeof findSignInUser>>>;

/** The audit context of a sign-in event: the user's own when signed in, an anonymous attempt otherwise. */
function signInContext(db: Db, user: UserRow, signedIn: boolean, requestId: string | null): CommandContext {
  return {
    db,
    agency: { id: user.agency_id, slug: user.slug, name: user.agency_name, timeZone: user.time_zone },
    actor: {
      userId: signedIn ? user.id : 0,
      name: signedIn ? user.name : 'sign-in attempt',
      email: signedIn ? user.email : '',
      role: user.role,
      unitIds: [],
      managedUnitIds: [],
      via: signedIn ? 'session' : 'system',
    },
    requestId,
  };
}

async function recordFailure(db: Db, user: UserRow | undefined, input: SignInInput, reason: string): Promise<void> {
  // An email without an account belongs to no agency, so it has no audit trail; the limits still count it.
  if (!user) return;
  await recordAudit(db, signInContext(db, user, false, input.requestId), {
    action: 'user.sign_in_failed',
    entityType: 'user',
    entityId: user.id,
    after: { reason },
    ipAddress: input.address,
  });
}

/** Checks the password and opens a session; refuses (429) while the email or the address is over its limit. */
export async function signIn(db: Db, input: SignInInput, sessionHours: number): Promise<SignInResult> {
  const addressKey = addressLimitKey(input.address);
  const emailKey = emailLimitKey(input.email);
  const user = await findSignInUser(db, input.email);
  // Counted before the password is checked: parallel guesses each take a place and the ones past the limit stop here.
  const addressLockedUntil = await countAttempt(db, addressKey, ADDRESS_LIMIT);
  if (addressLockedUntil) {
    await recordFailure(db, user, input, 'address_limited');
    throw new AppError(
      'rate_limited',
      `Too many failed sign-ins from this address; try again after ${addressLockedUntil.toISOString()}.`,
    );
  }
  const emailLockedUntil = await countAttempt(db, emailKey, EMAIL_LIMIT);
  if (emailLockedUntil) {
    await recordFailure(db, user, input, 'locked');
    throw locked(emailLockedUntil);
  }
  const passwordRight = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!user || !user.active || !user.password_hash || !passwordRight) {
    await recordFailure(db, user, input, user && !user.active ? 'inactive' : 'wrong_password');
    throw wrongCredentials();
  }
  if (!(await clearAttempts(db, emailKey))) {
    await recordFailure(db, user, input, 'locked');
    throw locked(new Date(Date.now() + LOCK_MINUTES * 60_000));
  }
  await uncountAttempt(db, addressKey);

  const sessionToken = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(Date.now() + sessionHours * 3_600_000);
  await db.transaction().execute(async (tx) => {
    await insertSession(tx, {
      id: tokenDigest(sessionToken),
      agencyId: user.agency_id,
      userId: user.id,
      csrfToken,
      expiresAt,
    });
    await recordAudit(tx, signInContext(tx, user, true, input.requestId), {
      action: 'user.signed_in',
      entityType: 'user',
      entityId: user.id,
      ipAddress: input.address,
    });
    await deleteExpiredSessions(tx);
    await forgetOldAttempts(tx);
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
  await deleteSession(db, tokenDigest(sessionToken));
}
