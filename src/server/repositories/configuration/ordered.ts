// What routing rules and service standards share: a position that orders them (evaluation order, then id), a new
// one placed after the last, a row locked while it changes, and a version moved on by every change (the optimistic
// check is commands/common.ts checkVersion). One place for these, so the two lists cannot drift apart.
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** The tables whose rows an administrator orders by position. */
export type OrderedTable = 'routing_rules' | 'service_standards';

/** The gap between positions, so a row can be put between two others without renumbering. */
export const POSITION_STEP = 10;

/** The set expression that moves a row's version on. */
export const nextVersion = sql<number>`version + 1`;

/** The agency's rows of `table`, in order (position, then id); select the columns and lock as needed. */
export function inOrder(db: Db, table: OrderedTable, agencyId: number) {
  return db.selectFrom(table).where('agency_id', '=', agencyId).orderBy('position').orderBy('id');
}

/** One row of `table` by id, locked for the rest of the transaction when `lock`. */
export function byId(db: Db, table: OrderedTable, agencyId: number, id: number, lock: boolean) {
  const query = db.selectFrom(table).where('agency_id', '=', agencyId).where('id', '=', id);
  return lock ? query.forUpdate() : query;
}

/** The position after the last row of `table` (the first is POSITION_STEP). */
export async function nextPosition(db: Db, table: OrderedTable, agencyId: number): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('position').as('max'))
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
  return Number(row?.max ?? 0) + POSITION_STEP;
}
