// SQL for the files of quality records (quality_attachments, migrations 0032 and 0038): files of a procedure's
// versions and evidence files of a plan's actions. The bytes live in the attachment storage (commands/stored-files.ts);
// a row holds the storage key, and rows of a procedure's versions may share one stored file.
import type { Db } from '../db/database.ts';

export interface QualityFileRow {
  id: number;
  procedureId: number | null;
  version: number | null;
  actionId: number | null;
  filename: string;
  contentType: string;
  sizeBytes: number;
  storageKey: string;
  uploadedBy: number | null;
  uploadedByName: string | null;
  uploadedAt: Date;
}

function fileQuery(db: Db, agencyId: number) {
  return db
    .selectFrom('quality_attachments as f')
    .leftJoin('users as u', (j) => j.onRef('u.agency_id', '=', 'f.agency_id').onRef('u.id', '=', 'f.uploaded_by'))
    .select([
      'f.id',
      'f.procedure_id',
      'f.procedure_version',
      'f.action_id',
      'f.filename',
      'f.content_type',
      'f.size_bytes',
      'f.storage_key',
      'f.uploaded_by',
      'u.name as uploaded_by_name',
      'f.created_at',
    ])
    .where('f.agency_id', '=', agencyId);
}

const toFile = (r: Awaited<ReturnType<ReturnType<typeof fileQuery>['execute']>>[number]): QualityFileRow => ({
  id: r.id,
  procedureId: r.procedure_id,
  version: r.procedure_version,
  actionId: r.action_id,
  filename: r.filename,
  contentType: r.content_type,
  sizeBytes: r.size_bytes,
  storageKey: r.storage_key,
  uploadedBy: r.uploaded_by,
  uploadedByName: r.uploaded_by_name ?? null,
  uploadedAt: r.created_at,
});

/** The files of every version of a procedure, newest version first, then in upload order. */
export async function procedureFiles(db: Db, agencyId: number, procedureId: number): Promise<QualityFileRow[]> {
  const rows = await fileQuery(db, agencyId)
    .where('f.procedure_id', '=', procedureId)
    .orderBy('f.procedure_version', 'desc')
    .orderBy('f.id')
    .execute();
  return rows.map(toFile);
}

/** The evidence files of a plan's actions, in upload order. */
export async function planFiles(db: Db, agencyId: number, planId: number): Promise<QualityFileRow[]> {
  const rows = await fileQuery(db, agencyId)
    .innerJoin('action_plan_actions as a', (j) =>
      j.onRef('a.agency_id', '=', 'f.agency_id').onRef('a.id', '=', 'f.action_id'),
    )
    .where('a.plan_id', '=', planId)
    .orderBy('f.id')
    .execute();
  return rows.map(toFile);
}

/** Records a stored file on a procedure version or a plan action; returns its id. */
export async function insertQualityFile(
  db: Db,
  agencyId: number,
  owner: { procedureId: number; version: number } | { actionId: number },
  file: { filename: string; contentType: string; sizeBytes: number; storageKey: string; uploadedBy: number | null },
): Promise<number> {
  const row = await db
    .insertInto('quality_attachments')
    .values({
      agency_id: agencyId,
      procedure_id: 'procedureId' in owner ? owner.procedureId : null,
      procedure_version: 'procedureId' in owner ? owner.version : null,
      action_id: 'actionId' in owner ? owner.actionId : null,
      filename: file.filename,
      content_type: file.contentType,
      size_bytes: file.sizeBytes,
      storage_key: file.storageKey,
      uploaded_by: file.uploadedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Gives a new version of a procedure the files of the version before it (sharing their stored files). */
export async function copyVersionFiles(
  db: Db,
  agencyId: number,
  procedureId: number,
  fromVersion: number,
  toVersion: number,
): Promise<number> {
  const files = (await procedureFiles(db, agencyId, procedureId)).filter((f) => f.version === fromVersion);
  for (const f of files) {
    await insertQualityFile(db, agencyId, { procedureId, version: toVersion }, { ...f, uploadedBy: f.uploadedBy });
  }
  return files.length;
}

/** Removes a file's row; returns whether another row still uses its stored file. */
export async function deleteQualityFile(db: Db, agencyId: number, file: QualityFileRow): Promise<boolean> {
  await db.deleteFrom('quality_attachments').where('agency_id', '=', agencyId).where('id', '=', file.id).execute();
  const other = await db
    .selectFrom('quality_attachments')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('storage_key', '=', file.storageKey)
    .executeTakeFirst();
  return other !== undefined;
}
