// Attachments on a case: checked by size and by their first bytes, stored under the data directory, recorded on
// the timeline. The file is written first and removed again if the database transaction fails.
import { cleanFileName } from '../../domain/file-names.ts';
import { mkdir, rm, writeFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../context.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { detectFileType, storedContentType } from '../../domain/file-types.ts';
import { findVisibleCase } from '../repositories/cases.ts';
import { mutateCase } from './case-mutation.ts';

export interface AttachInput {
  trackingNumber: string;
  filename: string;
  data: Buffer;
  note?: string | undefined;
}

/** Stores a file and attaches it to the case; refuses types it cannot recognise. */
export async function attachFile(ctx: CommandContext, dataDir: string, maxBytes: number, input: AttachInput) {
  if (input.data.length === 0) throw invalid('file', 'is empty');
  if (input.data.length > maxBytes) {
    throw new AppError('payload_too_large', `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`, [
      { field: 'file', message: `exceeds ${maxBytes} bytes` },
    ]);
  }
  const filename = cleanFileName(input.filename);
  const detected = detectFileType(input.data.subarray(0, 4096));
  const contentType = detected ? storedContentType(detected, filename) : null;
  if (!contentType) {
    throw new AppError(
      'unsupported_media_type',
      `"${filename}" is not a file type civicdesk accepts (PDF, images, text, Office documents).`,
      [{ field: 'file', message: 'type not accepted' }],
    );
  }
  const storageKey = path.join(String(ctx.agency.id), new Date().toISOString().slice(0, 7), randomUUID());
  const fullPath = path.join(dataDir, 'attachments', storageKey);
  // Readable by the server's own user only.
  await mkdir(path.dirname(fullPath), { recursive: true, mode: 0o700 });
  await writeFile(fullPath, input.data, { mode: 0o600 });
  let attachmentId = 0;
  try {
    await mutateCase(
      ctx,
      { trackingNumber: input.trackingNumber, action: 'case:note', auditAction: 'case.attachment_added' },
      async (tx, current) => {
        const entry = await tx
          .insertInto('timeline_entries')
          .values({
            agency_id: ctx.agency.id,
            case_id: current.id,
            kind: 'attachment',
            author_user_id: ctx.actor.userId || null,
            subject: filename,
            body: input.note ?? '',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const attachment = await tx
          .insertInto('attachments')
          .values({
            agency_id: ctx.agency.id,
            case_id: current.id,
            entry_id: entry.id,
            filename,
            content_type: contentType,
            size_bytes: input.data.length,
            storage_key: storageKey,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        attachmentId = attachment.id;
        return {
          patch: {},
          auditAfter: { attachment: filename, content_type: contentType, size_bytes: input.data.length },
        };
      },
    );
  } catch (error) {
    await rm(fullPath, { force: true });
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
  const row = await ctx.db
    .selectFrom('attachments')
    .select(['filename', 'content_type', 'storage_key'])
    .where('agency_id', '=', ctx.agency.id)
    .where('case_id', '=', current.id)
    .where('id', '=', attachmentId)
    .executeTakeFirst();
  if (!row) throw notFound(`Attachment ${attachmentId}`);
  return {
    filename: row.filename,
    contentType: row.content_type,
    data: await readFile(path.join(dataDir, 'attachments', row.storage_key)),
  };
}
