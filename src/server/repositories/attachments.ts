// SQL for files attached to a case (the bytes live in the attachment storage, commands/stored-files.ts).
import type { Insertable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { AttachmentsTable } from '../db/schema.ts';

/** Records an attached file; returns its id. */
export async function insertAttachment(db: Db, attachment: Insertable<AttachmentsTable>): Promise<number> {
  const row = await db.insertInto('attachments').values(attachment).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** One attachment of a case, or undefined. */
export async function findCaseAttachment(db: Db, agencyId: number, caseId: number, attachmentId: number) {
  return db
    .selectFrom('attachments')
    .select(['filename', 'content_type', 'storage_key'])
    .where('agency_id', '=', agencyId)
    .where('case_id', '=', caseId)
    .where('id', '=', attachmentId)
    .executeTakeFirst();
}

/** The files attached to a case (id and name), oldest first. */
export async function caseAttachmentNames(db: Db, agencyId: number, caseId: number) {
  return db
    .selectFrom('attachments')
    .select(['id', 'filename'])
    .where('agency_id', '=', agencyId)
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute();
}

/** Moves some of a case's files to another case, shown there under the given timeline entry. */
export async function moveAttachments(
  db: Db,
  agencyId: number,
  move: { fromCaseId: number; toCaseId: number; attachmentIds: number[]; entryId: number },
): Promise<void> {
  if (!move.attachmentIds.length) return;
  await db
    .updateTable('attachments')
    .set({ case_id: move.toCaseId, entry_id: move.entryId })
    .where('agency_id', '=', agencyId)
    .where('case_id', '=', move.fromCaseId)
    .where('id', 'in', move.attachmentIds)
    .execute();
}
