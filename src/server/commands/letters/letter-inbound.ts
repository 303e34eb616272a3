// Logging a letter that arrived by post: the case (channel 'letter', back-dated to the day it was received) and
// its scan (PDF or image) in one transaction — a scan that is refused creates no case, and a failed case leaves
// no file behind.
import { cleanFileName } from '../../../domain/file-names.ts';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../../context.ts';
import { AppError, invalid } from '../../errors.ts';
import { detectFileType } from '../../../domain/file-types.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { createCase, type CreateCaseInput } from '../cases/case-create.ts';
import { insertAttachment } from '../../repositories/attachments.ts';
import { insertTimelineEntry } from '../../repositories/timeline.ts';

export interface InboundLetterInput extends Omit<CreateCaseInput, 'withinTransaction' | 'channel'> {
  /** A configured letter channel's slug; the agency's letter channel when absent. */
  channel?: string | undefined;
  scan: { filename: string; data: Buffer };
}

const SCAN_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/tiff', 'image/gif', 'image/webp']);

/** The file's own name: no folders, control characters, quotes or slashes, at most 200 characters. */
export function scanFilename(name: string): string {
  return cleanFileName(name, 'scan');
}

/** Creates the case of an inbound letter with its scan attached; all or nothing. */
export async function logInboundLetter(
  ctx: CommandContext,
  dataDir: string,
  maxBytes: number,
  input: InboundLetterInput,
) {
  const { scan, ...caseInput } = input;
  if (!caseInput.receivedAt) throw invalid('receivedAt', 'is required: the date the letter arrived');
  if (scan.data.length === 0) throw invalid('file', 'is empty');
  if (scan.data.length > maxBytes) {
    throw new AppError('payload_too_large', `The scan is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`, [
      { field: 'file', message: `exceeds ${maxBytes} bytes` },
    ]);
  }
  const detected = detectFileType(scan.data.subarray(0, 4096));
  if (!detected || !SCAN_TYPES.has(detected.contentType)) {
    throw new AppError('unsupported_media_type', 'The scan must be a PDF or an image (PNG, JPEG, TIFF, GIF, WebP).', [
      { field: 'file', message: 'type not accepted' },
    ]);
  }
  const filename = scanFilename(scan.filename);
  const storageKey = path.join(String(ctx.agency.id), new Date().toISOString().slice(0, 7), randomUUID());
  const fullPath = path.join(dataDir, 'attachments', storageKey);
  let written = false;
  try {
    const row = await createCase(ctx, {
      ...caseInput,
      channel: input.channel ?? 'letter',
      withinTransaction: async (tx, created) => {
        const entryId = await insertTimelineEntry(tx, {
          agency_id: ctx.agency.id,
          case_id: created.id,
          kind: 'attachment',
          author_user_id: ctx.actor.userId || null,
          subject: filename,
          body: 'Scan of the letter',
        });
        await insertAttachment(tx, {
          agency_id: ctx.agency.id,
          case_id: created.id,
          entry_id: entryId,
          filename,
          content_type: detected.contentType,
          size_bytes: scan.data.length,
          storage_key: storageKey,
        });
        await recordAudit(
          tx,
          { ...ctx, db: tx },
          {
            action: 'case.attachment_added',
            entityType: 'case',
            entityId: created.tracking_number,
            caseId: created.id,
            after: { attachment: filename, content_type: detected.contentType, size_bytes: scan.data.length },
          },
        );
        // Last, so that a failure above leaves no file; a failed commit removes it below.
        await mkdir(path.dirname(fullPath), { recursive: true, mode: 0o700 });
        await writeFile(fullPath, scan.data, { mode: 0o600 });
        written = true;
      },
    });
    return row;
  } catch (error) {
    if (written) await rm(fullPath, { force: true });
    throw error;
  }
}
