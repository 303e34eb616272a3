// SQL for the targets of the customer-service indicators (reports/indicator-targets.ts): read, listed, replaced.
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/** The agency's targets by indicator key. */
export async function readIndicatorTargets(db: Db, agencyId: number): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('indicator_targets')
    .select(['key', 'target'])
    .where('agency_id', '=', agencyId)
    .execute();
  return new Map(rows.map((r) => [r.key, Number(r.target)]));
}

/** The agency's targets by key, with when each was last changed. */
export async function listTargetRows(db: Db, agencyId: number) {
  return db
    .selectFrom('indicator_targets')
    .select(['key', 'target', 'updated_at'])
    .where('agency_id', '=', agencyId)
    .orderBy('key')
    .execute();
}

/** Removes the targets of these indicators. */
export async function deleteTargets(tx: Db, agencyId: number, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await tx.deleteFrom('indicator_targets').where('agency_id', '=', agencyId).where('key', 'in', keys).execute();
}

/** Sets these targets (insert or update), each saying who changed it and when. */
export async function upsertTargets(
  tx: Db,
  agencyId: number,
  targets: [key: string, target: number][],
  updatedBy: number | null,
): Promise<void> {
  if (targets.length === 0) return;
  await tx
    .insertInto('indicator_targets')
    .values(targets.map(([key, target]) => ({ agency_id: agencyId, key, target, updated_by: updatedBy })))
    .onConflict((oc) =>
      oc.columns(['agency_id', 'key']).doUpdateSet((eb) => ({
        target: eb.ref('excluded.target'),
        updated_by: eb.ref('excluded.updated_by'),
        updated_at: sql<Date>`now()`,
      })),
    )
    .execute();
}
