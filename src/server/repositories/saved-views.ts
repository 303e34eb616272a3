// SQL for saved queue views: the ones a reader may use (their own, the agency's, their units'), one by id, and
// insert / update / delete for the commands in commands/saved-views.ts.
import type { Db } from '../db/database.ts';
import type { Actor } from '../context.ts';
import { sharedDefinitionsFilter } from '../policies/shared-definitions.ts';

import type { SharedWith } from './saved-reports.ts';

export type { SharedWith };

export interface SavedViewRecord {
  id: number;
  name: string;
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
    .selectFrom('saved_views as r')
    .innerJoin('users as o', (j) => j.onRef('o.agency_id', '=', 'r.agency_id').onRef('o.id', '=', 'r.owner_user_id'))
    .leftJoin('units as u', (j) => j.onRef('u.agency_id', '=', 'r.agency_id').onRef('u.id', '=', 'r.shared_unit_id'))
    .select([
      'r.id',
      'r.name',
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

const toRecord = (r: Row): SavedViewRecord => ({
  id: r.id,
  name: r.name,
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

/** The saved views an actor may open (policies/shared-definitions.ts). */
function visibleTo(actor: Actor, db: Db, agencyId: number) {
  const query = baseQuery(db, agencyId);
  const filter = sharedDefinitionsFilter(actor);
  return filter ? query.where((eb) => filter(eb)) : query;
}

/** Every saved view the actor may use, by name. */
export async function listVisibleSavedViews(db: Db, agencyId: number, actor: Actor): Promise<SavedViewRecord[]> {
  const rows = await visibleTo(actor, db, agencyId).orderBy('r.name').orderBy('r.id').execute();
  return rows.map(toRecord);
}

/** One saved view if the actor may open it (locked for update when `forUpdate`). */
export async function getVisibleSavedView(
  db: Db,
  agencyId: number,
  actor: Actor,
  id: number,
  forUpdate = false,
): Promise<SavedViewRecord | undefined> {
  let query = visibleTo(actor, db, agencyId).where('r.id', '=', id);
  if (forUpdate) query = query.forUpdate('r');
  const row = await query.executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export interface SavedViewValues {
  name: string;
  definition: Record<string, unknown>;
  sharedWith: SharedWith;
  sharedUnitId: number | null;
}

/** Inserts a saved view owned by `ownerUserId`; returns its id. */
export async function insertSavedView(
  db: Db,
  agencyId: number,
  ownerUserId: number,
  values: SavedViewValues,
): Promise<number> {
  const row = await db
    .insertInto('saved_views')
    .values({
      agency_id: agencyId,
      owner_user_id: ownerUserId,
      name: values.name,
      definition: JSON.stringify(values.definition),
      shared_with: values.sharedWith,
      shared_unit_id: values.sharedUnitId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Replaces a saved view's fields and moves its version on. */
export async function updateSavedView(db: Db, agencyId: number, id: number, values: SavedViewValues): Promise<void> {
  await db
    .updateTable('saved_views')
    .set((eb) => ({
      name: values.name,
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

/** Deletes a saved view. */
export async function deleteSavedView(db: Db, agencyId: number, id: number): Promise<void> {
  await db.deleteFrom('saved_views').where('agency_id', '=', agencyId).where('id', '=', id).execute();
}
