// SQL for saved ad-hoc reports: the ones a reader may open (their own, the agency's, their units'), one by id,
// and insert / update / delete for the commands in commands/reports/saved-reports.ts.
import type { Db } from '../db/database.ts';
import type { Actor } from '../context.ts';
import { sharedDefinitionsFilter } from '../policies/shared-definitions.ts';

export type SharedWith = 'private' | 'unit' | 'agency';

export interface SavedReportRecord {
  id: number;
  name: string;
  description: string;
  definition: Record<string, unknown>;
  ownerUserId: number;
  ownerName: string;
  sharedWith: SharedWith;
  sharedUnitId: number | null;
  sharedUnitName: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

function baseQuery(db: Db, agencyId: number) {
  return db
    .selectFrom('saved_reports as r')
    .innerJoin('users as o', (j) => j.onRef('o.agency_id', '=', 'r.agency_id').onRef('o.id', '=', 'r.owner_user_id'))
    .leftJoin('units as u', (j) => j.onRef('u.agency_id', '=', 'r.agency_id').onRef('u.id', '=', 'r.shared_unit_id'))
    .select([
      'r.id',
      'r.name',
      'r.description',
      'r.definition',
      'r.owner_user_id',
      'o.name as owner_name',
      'r.shared_with',
      'r.shared_unit_id',
      'u.name as shared_unit_name',
      'r.version',
      'r.created_at',
      'r.updated_at',
    ])
    .where('r.agency_id', '=', agencyId);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

const toRecord = (r: Row): SavedReportRecord => ({
  id: r.id,
  name: r.name,
  description: r.description,
  definition: r.definition,
  ownerUserId: r.owner_user_id,
  ownerName: r.owner_name,
  sharedWith: r.shared_with,
  sharedUnitId: r.shared_unit_id,
  sharedUnitName: r.shared_unit_name ?? null,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** The saved reports an actor may open (policies/shared-definitions.ts). */
function visibleTo(actor: Actor, db: Db, agencyId: number) {
  const query = baseQuery(db, agencyId);
  const filter = sharedDefinitionsFilter(actor);
  return filter ? query.where((eb) => filter(eb)) : query;
}

/** Every saved report the actor may open, by name. */
export async function listVisibleSavedReports(db: Db, agencyId: number, actor: Actor): Promise<SavedReportRecord[]> {
  const rows = await visibleTo(actor, db, agencyId).orderBy('r.name').orderBy('r.id').execute();
  return rows.map(toRecord);
}

/** One saved report if the actor may open it (locked for update when `forUpdate`). */
export async function getVisibleSavedReport(
  db: Db,
  agencyId: number,
  actor: Actor,
  id: number,
  forUpdate = false,
): Promise<SavedReportRecord | undefined> {
  let query = visibleTo(actor, db, agencyId).where('r.id', '=', id);
  if (forUpdate) query = query.forUpdate('r');
  const row = await query.executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export interface SavedReportValues {
  name: string;
  description: string;
  definition: Record<string, unknown>;
  sharedWith: SharedWith;
  sharedUnitId: number | null;
}

/** Inserts a saved report owned by `ownerUserId`; returns its id. */
export async function insertSavedReport(
  db: Db,
  agencyId: number,
  ownerUserId: number,
  values: SavedReportValues,
): Promise<number> {
  const row = await db
    .insertInto('saved_reports')
    .values({
      agency_id: agencyId,
      owner_user_id: ownerUserId,
      name: values.name,
      description: values.description,
      definition: JSON.stringify(values.definition),
      shared_with: values.sharedWith,
      shared_unit_id: values.sharedUnitId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Replaces a saved report's fields and moves its version on. */
export async function updateSavedReport(
  db: Db,
  agencyId: number,
  id: number,
  values: SavedReportValues,
): Promise<void> {
  await db
    .updateTable('saved_reports')
    .set((eb) => ({
      name: values.name,
      description: values.description,
      definition: JSON.stringify(values.definition),
      shared_with: values.sharedWith,
      shared_unit_id: values.sharedUnitId,
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .execute();
}

/** Deletes a saved report. */
export async function deleteSavedReport(db: Db, agencyId: number, id: number): Promise<void> {
  await db.deleteFrom('saved_reports').where('agency_id', '=', agencyId).where('id', '=', id).execute();
}
