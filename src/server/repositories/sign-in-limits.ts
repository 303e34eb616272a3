// Failed sign-ins counted in the database, so that every web process shares the counts and parallel guesses are
// counted one by one: an attempt is counted (one atomic upsert) BEFORE its password is checked, and a success
// settles the count only if no lock was set meanwhile. Keys are digests: 'email:…' of the lower-cased email (known
// and unknown emails alike, so a lock-out tells nothing about which exist) and 'address:…' of the client address.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

export interface LimitRule {
  /** Failures allowed within the window; the next attempt locks the key. */
  max: number;
  windowMinutes: number;
  lockMinutes: number;
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/** The key counting failed sign-ins for an email (whether or not a user has it). */
export function emailLimitKey(email: string): string {
  return `email:${digest(email.trim().toLowerCase())}`;
}

/** The key counting failed sign-ins from a client address. */
export function addressLimitKey(address: string): string {
  return `address:${digest(address)}`;
}

/**
 * Counts one attempt under `key` and answers whether it may go on: null when it may, else the time the key is locked
 * until. An attempt beyond `max` failures within the window locks the key for `lockMinutes`; a lapsed window or lock
 * starts the count again.
 */
export async function countAttempt(db: Db, key: string, rule: LimitRule): Promise<Date | null> {
  const window = sql`(now() - make_interval(mins => ${rule.windowMinutes}))`;
  const fresh = sql`(l.locked_until is not null or l.window_started_at < ${window})`;
  const { rows } = await sql<{ locked_until: Date | null }>`
    insert into sign_in_limits as l (key, failures, window_started_at, locked_until, updated_at)
    values (${key}, 1, now(), null, now())
    on conflict (key) do update set
      failures = case when l.locked_until > now() then l.failures when ${fresh} then 1 else l.failures + 1 end,
      window_started_at = case when l.locked_until > now() then l.window_started_at when ${fresh} then now()
        else l.window_started_at end,
      locked_until = case
        when l.locked_until > now() then l.locked_until
        when not ${fresh} and l.failures + 1 > ${rule.max} then now() + make_interval(mins => ${rule.lockMinutes})
        else null end,
      updated_at = now()
    returning l.locked_until`.execute(db);
  const lockedUntil = rows[0]?.locked_until ?? null;
  return lockedUntil ? new Date(lockedUntil) : null;
}

/**
 * Clears the count of a key after a right password; false when the key was locked in the meantime (a burst of
 * parallel guesses reached the limit while this password was being checked), in which case the sign-in must fail.
 */
export async function clearAttempts(db: Db, key: string): Promise<boolean> {
  const { rows } = await sql`
    delete from sign_in_limits where key = ${key} and (locked_until is null or locked_until <= now()) returning key`.execute(
    db,
  );
  return rows.length > 0;
}

/** Takes back one counted attempt (a success from an address is not a failure). */
export async function uncountAttempt(db: Db, key: string): Promise<void> {
  await sql`update sign_in_limits set failures = greatest(failures - 1, 0) where key = ${key}`.execute(db);
}

/** Forgets counts untouched for a day (their windows and locks have long lapsed). */
export async function forgetOldAttempts(db: Db): Promise<void> {
  await sql`delete from sign_in_limits where updated_at < now() - interval '1 day'`.execute(db);
}

/** The current lock and failure count of email keys, for the user list; keys without a row are absent. */
export async function attemptsOfEmails(
  db: Db,
  emails: readonly string[],
): Promise<Map<string, { failures: number; lockedUntil: Date | null }>> {
  const byKey = new Map(emails.map((email) => [emailLimitKey(email), email]));
  if (byKey.size === 0) return new Map();
  const rows = await db
    .selectFrom('sign_in_limits')
    .select(['key', 'failures', 'locked_until'])
    .where('key', 'in', [...byKey.keys()])
    .execute();
  return new Map(
    rows.map((r) => [
      byKey.get(r.key)!,
      {
        failures: r.failures,
        lockedUntil:
          r.locked_until && new Date(r.locked_until).getTime() > Date.now() ? new Date(r.locked_until) : null,
      },
    ]),
  );
}

/** Clears the lock and count of an email (an administrator's unlock). */
export async function clearEmailAttempts(db: Db, email: string): Promise<void> {
  await db.deleteFrom('sign_in_limits').where('key', '=', emailLimitKey(email)).execute();
}
