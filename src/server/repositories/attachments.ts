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
