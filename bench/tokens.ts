// API tokens for the benchmarks: the agency `main`, its first administrator, and a fresh token for a user.
import type { Db } from '../src/server/db/database.ts';
import { newToken, tokenDigest } from '../src/server/auth/credentials.ts';

/** A new API token of this user (stored hashed, as the product stores them). */
export async function tokenFor(db: Db, agencyId: number, userId: number): Promise<string> {
  const token = newToken('cdk_');
  await db
    .insertInto('api_tokens')
    .values({ agency_id: agencyId, user_id: userId, name: 'benchmark', token_hash: tokenDigest(token) })
    .execute();
  return token;
}

/** Agency `main` and its first administrator. */
export async function mainAdministrator(db: Db): Promise<{ agencyId: number; adminId: number }> {
  const agency = await db.selectFrom('agencies').select('id').where('slug', '=', 'main').executeTakeFirstOrThrow();
  const admin = await db
    .selectFrom('users')
    .select('id')
    .where('agency_id', '=', agency.id)
    .where('role', '=', 'administrator')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  return { agencyId: agency.id, adminId: admin.id };
}
