// SQL for bulk codings: the record of one (what it changed; per case the values and version it replaced), reading it
// back for undo, and putting a case's replaced values and version back exactly.
import type { Db } from '../db/database.ts';
import type { CasePatch, CaseRow } from './cases.ts';

/** Columns of `cases` stored as jsonb: written back as JSON text. */
const JSON_COLUMNS = new Set(['pauses', 'external_data']);
/** Columns a bulk coding never records: derived by the database or moved on by every change. */
export const UNRECORDED_CASE_COLUMNS = new Set(['search', 'version', 'updated_at']);

/** One case a bulk coding changed: its values before and after, and the versions on each side. */
export interface BulkChangeEntry {
  caseId: number;
  trackingNumber: string;
  versionBefore: number;
  versionAfter: number;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

export interface BulkChangeRecord {
  id: number;
  actorUserId: number;
  changes: Record<string, unknown>;
  entries: BulkChangeEntry[];
  undoUntil: Date;
  undoneAt: Date | null;
  createdAt: Date;
}

/** Records a bulk coding; returns its id. */
export async function insertBulkChange(
  db: Db,
  agencyId: number,
  actorUserId: number,
  values: { changes: Record<string, unknown>; entries: BulkChangeEntry[]; undoUntil: Date; createdAt: Date },
): Promise<number> {
  const row = await db
    .insertInto('bulk_changes')
    .values({
      agency_id: agencyId,
      actor_user_id: actorUserId,
      changes: JSON.stringify(values.changes),
      entries: JSON.stringify(values.entries),
      undo_until: values.undoUntil,
      created_at: values.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A bulk coding, locked for its undo. */
export async function getBulkChangeForUpdate(db: Db, agencyId: number, id: number): Promise<BulkChangeRecord | null> {
  const row = await db
    .selectFrom('bulk_changes')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    actorUserId: row.actor_user_id,
    changes: row.changes,
    entries: row.entries as unknown as BulkChangeEntry[],
    undoUntil: row.undo_until,
    undoneAt: row.undone_at,
    createdAt: row.created_at,
  };
}

/** Marks a bulk coding undone. */
export async function markBulkChangeUndone(db: Db, agencyId: number, id: number, at: Date): Promise<void> {
  await db
    .updateTable('bulk_changes')
    .set({ undone_at: at })
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .execute();
}

/** The case by id, locked. */
export async function lockCaseById(db: Db, agencyId: number, caseId: number): Promise<CaseRow | undefined> {
  return db
    .selectFrom('cases')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('id', '=', caseId)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Puts back the values and the version a bulk coding replaced, if the case is still at the version the bulk coding
 * left it at; returns the restored row, or undefined when someone changed it since.
 */
export async function restoreCaseValues(
  db: Db,
  agencyId: number,
  entry: BulkChangeEntry,
  now: Date,
): Promise<CaseRow | undefined> {
  const values = Object.fromEntries(
    Object.entries(entry.before)
      .filter(([column]) => !UNRECORDED_CASE_COLUMNS.has(column))
      .map(([column, value]) => [column, JSON_COLUMNS.has(column) && value !== null ? JSON.stringify(value) : value]),
  ) as CasePatch;
  return db
    .updateTable('cases')
    .set({ ...values, version: entry.versionBefore, updated_at: now })
    .where('agency_id', '=', agencyId)
    .where('id', '=', entry.caseId)
    .where('version', '=', entry.versionAfter)
    .returningAll()
    .executeTakeFirst();
}
