// SQL for an agency's subjects (two-level codes; a parent covers its children). Scoped by agency_id; rows come back
// as camelCase records ready to present or audit.
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

export interface SubjectRecord {
  code: string;
  name: string;
  parentCode: string | null;
  active: boolean;
}

const subjectColumns = ['code', 'name', 'parent_code', 'active'] as const;
const toSubject = (r: { code: string; name: string; parent_code: string | null; active: boolean }): SubjectRecord => ({
  code: r.code,
  name: r.name,
  parentCode: r.parent_code,
  active: r.active,
});

/** All subjects of the agency, parents before their children (ordered by code). */
export async function listSubjects(db: Db, agencyId: number): Promise<SubjectRecord[]> {
  const rows = await db
    .selectFrom('subjects')
    .select(subjectColumns)
    .where('agency_id', '=', agencyId)
    .orderBy('code')
    .execute();
  return rows.map(toSubject);
}

/** Whether the agency has a subject with this code (case as stored). */
export async function subjectExists(db: Db, agencyId: number, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('subjects')
    .select('code')
    .where('agency_id', '=', agencyId)
    .where('code', '=', code)
    .executeTakeFirst();
  return row !== undefined;
}

/** One subject by code (case as stored), or null. */
export async function findSubject(db: Db, agencyId: number, code: string): Promise<SubjectRecord | null> {
  const row = await db
    .selectFrom('subjects')
    .select(subjectColumns)
    .where('agency_id', '=', agencyId)
    .where('code', '=', code)
    .executeTakeFirst();
  return row ? toSubject(row) : null;
}

/** One subject by code (case as stored), locked for the rest of the transaction. */
export async function getSubjectForUpdate(tx: Db, agencyId: number, code: string): Promise<SubjectRecord | null> {
  const row = await tx
    .selectFrom('subjects')
    .select(subjectColumns)
    .where('agency_id', '=', agencyId)
    .where('code', '=', code)
    .forUpdate()
    .executeTakeFirst();
  return row ? toSubject(row) : null;
}

/** Inserts a subject. */
export async function insertSubject(tx: Db, agencyId: number, subject: SubjectRecord): Promise<SubjectRecord> {
  const row = await tx
    .insertInto('subjects')
    .values({
      agency_id: agencyId,
      code: subject.code,
      name: subject.name,
      parent_code: subject.parentCode,
      active: subject.active,
    })
    .returning(subjectColumns)
    .executeTakeFirstOrThrow();
  return toSubject(row);
}

/** Changes a subject's name and/or active flag. */
export async function updateSubject(
  tx: Db,
  agencyId: number,
  code: string,
  patch: { name?: string; active?: boolean },
): Promise<SubjectRecord> {
  const row = await tx
    .updateTable('subjects')
    .set(patch)
    .where('agency_id', '=', agencyId)
    .where('code', '=', code)
    .returning(subjectColumns)
    .executeTakeFirstOrThrow();
  return toSubject(row);
}

/** Deactivates the active children of a parent subject; returns their codes. */
export async function deactivateChildSubjects(tx: Db, agencyId: number, parentCode: string): Promise<string[]> {
  const rows = await tx
    .updateTable('subjects')
    .set({ active: false })
    .where('agency_id', '=', agencyId)
    .where('parent_code', '=', parentCode)
    .where('active', '=', true)
    .returning('code')
    .execute();
  return rows.map((r) => r.code).sort();
}

/**
 * Which of `codes` exist as subjects of the agency (compared without case, or exactly as stored with `exactCase`),
 * returned as asked.
 */
export async function existingSubjectCodes(
  db: Db,
  agencyId: number,
  codes: readonly string[],
  options: { exactCase?: boolean } = {},
): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const query = db.selectFrom('subjects').select('code').where('agency_id', '=', agencyId);
  if (options.exactCase) {
    const rows = await query.where('code', 'in', [...codes]).execute();
    const stored = new Set(rows.map((r) => r.code));
    return new Set(codes.filter((c) => stored.has(c)));
  }
  const rows = await query
    .where(
      sql<string>`upper(code)`,
      'in',
      codes.map((c) => c.toUpperCase()),
    )
    .execute();
  const stored = new Set(rows.map((r) => r.code.toUpperCase()));
  return new Set(codes.filter((c) => stored.has(c.toUpperCase())));
}
