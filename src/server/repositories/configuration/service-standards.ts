// SQL for an agency's service standards (ordered by position). Scoped by agency_id; camelCase records.
import type { Db } from '../../db/database.ts';
import type { StandardMatch, Target } from '../../db/schema.ts';
import { byId, inOrder, nextVersion } from './ordered.ts';

export interface ServiceStandardRecord {
  id: number;
  name: string;
  position: number;
  match: StandardMatch;
  firstResponse: Target | null;
  resolution: Target | null;
  warningPercent: number;
  active: boolean;
  version: number;
}

const standardColumns = [
  'id',
  'name',
  'position',
  'match',
  'first_response',
  'resolution',
  'warning_percent',
  'active',
  'version',
] as const;
const toStandard = (r: {
  id: number;
  name: string;
  position: number;
  match: StandardMatch;
  first_response: Target | null;
  resolution: Target | null;
  warning_percent: number;
  active: boolean;
  version: number;
}): ServiceStandardRecord => ({
  id: r.id,
  name: r.name,
  position: r.position,
  match: r.match,
  firstResponse: r.first_response,
  resolution: r.resolution,
  warningPercent: r.warning_percent,
  active: r.active,
  version: r.version,
});

/** The agency's service standards in selection order (position, then id). */
export async function listServiceStandards(db: Db, agencyId: number): Promise<ServiceStandardRecord[]> {
  const rows = await inOrder(db, 'service_standards', agencyId).select(standardColumns).execute();
  return rows.map(toStandard);
}

/** One service standard (locked when `lock`), or null. */
export async function getServiceStandard(
  db: Db,
  agencyId: number,
  id: number,
  lock = false,
): Promise<ServiceStandardRecord | null> {
  const row = await byId(db, 'service_standards', agencyId, id, lock).select(standardColumns).executeTakeFirst();
  return row ? toStandard(row) : null;
}

type StandardValues = Omit<ServiceStandardRecord, 'id' | 'version'>;
const standardRow = (s: Partial<StandardValues>) => ({
  ...(s.name !== undefined ? { name: s.name } : {}),
  ...(s.position !== undefined ? { position: s.position } : {}),
  ...(s.match !== undefined ? { match: JSON.stringify(s.match) } : {}),
  ...(s.firstResponse !== undefined ? { first_response: JSON.stringify(s.firstResponse) } : {}),
  ...(s.resolution !== undefined ? { resolution: JSON.stringify(s.resolution) } : {}),
  ...(s.warningPercent !== undefined ? { warning_percent: s.warningPercent } : {}),
  ...(s.active !== undefined ? { active: s.active } : {}),
});

/** Inserts a service standard. */
export async function insertServiceStandard(
  tx: Db,
  agencyId: number,
  standard: StandardValues,
): Promise<ServiceStandardRecord> {
  const row = await tx
    .insertInto('service_standards')
    .values({
      agency_id: agencyId,
      name: standard.name,
      position: standard.position,
      match: JSON.stringify(standard.match),
      first_response: JSON.stringify(standard.firstResponse),
      resolution: JSON.stringify(standard.resolution),
      warning_percent: standard.warningPercent,
      active: standard.active,
    })
    .returning(standardColumns)
    .executeTakeFirstOrThrow();
  return toStandard(row);
}

/** Changes a service standard and bumps its version. */
export async function updateServiceStandard(
  tx: Db,
  agencyId: number,
  id: number,
  patch: Partial<StandardValues>,
): Promise<ServiceStandardRecord> {
  const row = await tx
    .updateTable('service_standards')
    .set({ ...standardRow(patch), version: nextVersion })
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .returning(standardColumns)
    .executeTakeFirstOrThrow();
  return toStandard(row);
}

/** Deletes a service standard. */
export async function deleteServiceStandard(tx: Db, agencyId: number, id: number): Promise<void> {
  await tx.deleteFrom('service_standards').where('agency_id', '=', agencyId).where('id', '=', id).execute();
}

/** How many cases carry deadlines computed from service standard `id`. */
export async function countCasesUsingStandard(db: Db, agencyId: number, id: number): Promise<number> {
  const row = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('agency_id', '=', agencyId)
    .where('service_standard_id', '=', id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
