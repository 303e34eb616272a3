// SQL for cases: visibility-checked reads (optionally FOR UPDATE) and versioned updates. A new case is written by
// repositories/new-cases.ts (intake through case-intake.ts); the agency facts intake reads are in
// intake-configuration.ts.
import type { Selectable, Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { CasesTable, Database } from '../db/schema.ts';
import type { CommandContext } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { visibleCasesFilter } from '../policies/case-access.ts';

export type CaseRow = Selectable<CasesTable>;
export type CasePatch = Updateable<Database['cases']>;

/** The case with this tracking number if the actor may see it; optionally locked for update. */
export async function findVisibleCase(
  db: Db,
  ctx: CommandContext,
  trackingNumber: string,
  options: { forUpdate?: boolean } = {},
): Promise<CaseRow> {
  let query = db
    .selectFrom('cases as c')
    .selectAll('c')
    .where('c.tracking_number', '=', trackingNumber)
    .where(visibleCasesFilter(ctx));
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound(`Case ${trackingNumber}`);
  return row;
}

/** The id of the agency's case with this tracking number (no visibility check: for records about it), or null. */
export async function caseIdByTrackingNumber(db: Db, agencyId: number, trackingNumber: string): Promise<number | null> {
  const row = await db
    .selectFrom('cases')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('tracking_number', '=', trackingNumber)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * The id of one of the agency's cases with any of these tracking numbers (no visibility check: for a message that
 * names them), or null.
 */
export async function caseIdByTrackingNumbers(
  db: Db,
  agencyId: number,
  trackingNumbers: string[],
): Promise<number | null> {
  if (!trackingNumbers.length) return null;
  const row = await db
    .selectFrom('cases')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('tracking_number', 'in', trackingNumbers)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** What a case's merge leaves of it: its number, whether it is restricted, the case it was merged into (or null). */
export async function caseMergeLink(db: Db, agencyId: number, caseId: number) {
  return db
    .selectFrom('cases')
    .select(['id', 'tracking_number', 'merged_into_id', 'restricted'])
    .where('agency_id', '=', agencyId)
    .where('id', '=', caseId)
    .executeTakeFirst();
}

/** A case by id (no visibility check: for jobs acting for the agency), locked for the rest of the transaction. */
export async function lockCaseById(db: Db, agencyId: number, caseId: number): Promise<CaseRow> {
  return db
    .selectFrom('cases')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('id', '=', caseId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/** Applies a patch if the case is still at the expected version; 409 otherwise. Returns the new row. */
export async function updateCase(
  db: Db,
  current: CaseRow,
  patch: CasePatch,
  expectedVersion?: number,
): Promise<CaseRow> {
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw new AppError(
      'version_conflict',
      `Case ${current.tracking_number} was changed by someone else (now version ${current.version}, you had ${expectedVersion}). Reload and try again.`,
      [{ field: 'expectedVersion', message: `is ${expectedVersion}, the case is at ${current.version}` }],
    );
  }
  const row = await db
    .updateTable('cases')
    .set({ ...patch, version: current.version + 1, updated_at: new Date() })
    .where('agency_id', '=', current.agency_id)
    .where('id', '=', current.id)
    .where('version', '=', current.version)
    .returningAll()
    .executeTakeFirst();
  if (!row) {
    throw new AppError(
      'version_conflict',
      `Case ${current.tracking_number} was changed at the same time. Reload and try again.`,
    );
  }
  return row;
}
