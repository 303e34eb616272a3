// SQL for referrals: one unit asking another for input on a case, and the reply.
import type { Insertable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ReferralsTable } from '../db/schema.ts';

/** Inserts a referral; returns its id. */
export async function insertReferral(db: Db, referral: Insertable<ReferralsTable>): Promise<number> {
  const row = await db.insertInto('referrals').values(referral).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** A referral of a case, locked for the rest of the transaction; undefined when there is none. */
export async function lockCaseReferral(db: Db, agencyId: number, caseId: number, referralId: number) {
  return db
    .selectFrom('referrals')
    .select(['id', 'unit_id', 'status', 'created_by'])
    .where('agency_id', '=', agencyId)
    .where('case_id', '=', caseId)
    .where('id', '=', referralId)
    .forUpdate()
    .executeTakeFirst();
}

/** Records a referral's reply. */
export async function answerReferral(db: Db, agencyId: number, referralId: number, reply: string): Promise<void> {
  await db
    .updateTable('referrals')
    .set({ status: 'answered', reply, replied_at: new Date() })
    .where('agency_id', '=', agencyId)
    .where('id', '=', referralId)
    .execute();
}
