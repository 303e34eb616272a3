// Attachments on a case: checked and stored by stored-files.ts (the attachment storage), recorded on the timeline. The file is written first and removed again if the database transaction fails.
import type { CommandContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { readStoredFile, removeStoredFile, storeCheckedFile } from '../stored-files.ts';
import { findVisibleCase } from '../../repositories/cases.ts';
import { findCaseAttachment, insertAttachment } from '../../repositories/attachments.ts';
import { insertTimelineEntry } from '../../repositories/timeline.ts';
import { mutateCase } from './case-mutation.ts';

export interface AttachInput {
  trackingNumber: string;
  filename: string;
  data: Buffer;
  note?: string | undefined;
}

/** Stores a file and attaches it to the case; refuses types it cannot recognise. */
export async function attachFile(ctx: CommandContext, dataDir: string, maxBytes: number, input: AttachInput) {
  const stored = await storeCheckedFile(dataDir, maxBytes, ctx.agency.id, input);
  const { filename, contentType, storageKey } = stored;
  let attachmentId = 0;
  try {
    await mutateCase(
      ctx,
      { trackingNumber: input.trackingNumber, action: 'case:note', auditAction: 'case.attachment_added' },
      async (tx, current) => {
        const entryId = await insertTimelineEntry(tx, {
          agency_id: ctx.agency.id,
          case_id: current.id,
          kind: 'attachment',
          author_user_id: ctx.actor.userId || null,
          subject: filename,
          body: input.note ?? '',
        });
        attachmentId = await insertAttachment(tx, {
          agency_id: ctx.agency.id,
          case_id: current.id,
          entry_id: entryId,
          filename,
          content_type: contentType,
          size_bytes: input.data.length,
          storage_key: storageKey,
        });
        return {
          patch: {},
          auditAfter: { attachment: filename, content_type: contentType, size_bytes: input.data.length },
        };
      },
    );
  } catch (error) {
    await removeStoredFile(dataDir, storageKey);
    throw error;
  }
  return { id: attachmentId, filename, contentType, sizeBytes: input.data.length };
}

/** Reads an attachment of a case the caller may see. */
export async function readAttachment(
  ctx: CommandContext,
  dataDir: string,
  trackingNumber: string,
  attachmentId: number,
) {
  const current = await findVisibleCase(ctx.db, ctx, trackingNumber);
  const row = await findCaseAttachment(ctx.db, ctx.agency.id, current.id, attachmentId);
  if (!row) throw notFound(`Attachment ${attachmentId}`);
  return {
    filename: row.filename,
    contentType: row.content_type,
    data: await readStoredFile(dataDir, row.storage_key),
  };
}
