// SQL for who is named on a restricted case (may see it from outside its unit). The rule that reads it is
// policies/case-access.ts.
import type { Db } from '../db/database.ts';

/** The users named on a case. */
export async function caseAccessUserIds(db: Db, agencyId: number, caseId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('case_access')
    .select('user_id')
    .where('agency_id', '=', agencyId)
    .where('case_id', '=', caseId)
    .execute();
  return rows.map((r) => r.user_id);
}

/** Replaces the users named on a case. */
export async function replaceCaseAccess(
  db: Db,
  agencyId: number,
  caseId: number,
  userIds: readonly number[],
): Promise<void> {
  await db.deleteFrom('case_access').where('agency_id', '=', agencyId).where('case_id', '=', caseId).execute();
  if (userIds.length) {
    await db
      .insertInto('case_access')
      .values(userIds.map((user_id) => ({ agency_id: agencyId, case_id: caseId, user_id })))
      .execute();
  }
}
