// SQL for an agency's units (the offices cases are routed to). Scoped by agency_id; camelCase records.
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

export interface UnitRecord {
  id: number;
  code: string;
  name: string;
  active: boolean;
}

const unitColumns = ['id', 'code', 'name', 'active'] as const;

/** All units with how many users belong to each. */
export async function listUnits(db: Db, agencyId: number): Promise<(UnitRecord & { memberCount: number })[]> {
  const rows = await db
    .selectFrom('units')
    .leftJoin('unit_memberships as m', (join) =>
      join.onRef('m.agency_id', '=', 'units.agency_id').onRef('m.unit_id', '=', 'units.id'),
    )
    .select(['units.id', 'units.code', 'units.name', 'units.active'])
    .select((eb) => eb.fn.count<number>('m.user_id').as('member_count'))
    .where('units.agency_id', '=', agencyId)
    .groupBy(['units.id', 'units.code', 'units.name', 'units.active'])
    .orderBy('units.code')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    active: r.active,
    memberCount: Number(r.member_count),
  }));
}

/** One unit, locked for the rest of the transaction. */
export async function getUnitForUpdate(tx: Db, agencyId: number, id: number): Promise<UnitRecord | null> {
  const row = await tx
    .selectFrom('units')
    .select(unitColumns)
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ?? null;
}

/** A unit by its code, compared without case (or exactly as stored, with `exactCase`). */
export async function findUnitByCode(
  db: Db,
  agencyId: number,
  code: string,
  options: { exactCase?: boolean } = {},
): Promise<UnitRecord | null> {
  const query = db.selectFrom('units').select(unitColumns).where('agency_id', '=', agencyId);
  const row = await (
    options.exactCase ? query.where('code', '=', code) : query.where(sql<string>`upper(code)`, '=', code.toUpperCase())
  ).executeTakeFirst();
  return row ?? null;
}

/** One unit by id, or null. */
export async function findUnit(db: Db, agencyId: number, id: number): Promise<UnitRecord | null> {
  const row = await db
    .selectFrom('units')
    .select(unitColumns)
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

/** A unit's code by id, or null. */
export async function unitCodeOf(db: Db, agencyId: number, id: number): Promise<string | null> {
  const row = await db
    .selectFrom('units')
    .select('code')
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.code ?? null;
}

/** Inserts a unit. */
export async function insertUnit(tx: Db, agencyId: number, unit: Omit<UnitRecord, 'id'>): Promise<UnitRecord> {
  return tx
    .insertInto('units')
    .values({ agency_id: agencyId, code: unit.code, name: unit.name, active: unit.active })
    .returning(unitColumns)
    .executeTakeFirstOrThrow();
}

/** Changes a unit's name and/or active flag. */
export async function updateUnit(
  tx: Db,
  agencyId: number,
  id: number,
  patch: { name?: string; active?: boolean },
): Promise<UnitRecord> {
  return tx
    .updateTable('units')
    .set(patch)
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .returning(unitColumns)
    .executeTakeFirstOrThrow();
}

/** Which of `ids` are units of the agency. */
export async function existingUnitIds(db: Db, agencyId: number, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('units')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}
