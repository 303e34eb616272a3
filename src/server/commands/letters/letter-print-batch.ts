// The daily print run: every letter waiting to be printed goes into one PDF (an address page for a #10 window
// envelope before each letter), stored as printed and recorded as a batch; marking the batch mailed writes the
// mailing log with the date. Rendering happens before the transaction, so the database is never held by Chromium.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../../context.ts';
import { AppError, invalid, notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  batchLetters,
  findBatch,
  insertBatch,
  listBatches,
  lettersToPrint,
  lockWaitingLetters,
  recordBatchMailed,
  setLetterStatus,
  type PrintBatchRecord,
} from '../../repositories/letters.ts';
import { letterDocuments } from '../../channels/letters/letter-documents.ts';
import { lettersHtml } from '../../channels/letters/letter-html.ts';
import { renderPdf } from '../../channels/letters/pdf-renderer.ts';
import { localDate, isCalendarDate } from '../../../shared/local-time.ts';
import { requireRole } from '../common.ts';

/** The most letters one batch holds; the rest wait for the next batch. */
export const MAX_LETTERS_PER_BATCH = 300;
const PRINT_ROLES = ['administrator', 'supervisor', 'caseworker'] as const;
const READ_ROLES = ['administrator', 'supervisor', 'caseworker', 'auditor'] as const;

export interface LetterStorage {
  dataDir: string;
  chromiumPath: string;
}

const batchPath = (dataDir: string, storageKey: string) => path.join(dataDir, 'letters', storageKey);

/** A batch as the API shows it. */
export function presentBatch(batch: PrintBatchRecord) {
  return {
    id: batch.id,
    createdAt: batch.createdAt.toISOString(),
    createdBy: batch.createdBy ? { id: batch.createdBy, name: batch.createdByName } : null,
    letterCount: batch.letterCount,
    sizeBytes: batch.sizeBytes,
    mailedOn: batch.mailedOn,
    mailedAt: batch.mailedAt?.toISOString() ?? null,
  };
}

/** Gathers the waiting letters into one PDF and records the batch; letters without an address are left waiting. */
export async function createPrintBatch(ctx: CommandContext, storage: LetterStorage) {
  requireRole(ctx, PRINT_ROLES, 'print letters');
  const waiting = await lettersToPrint(ctx.db, ctx, MAX_LETTERS_PER_BATCH);
  const documents = await letterDocuments(ctx.db, ctx, waiting);
  const skipped = waiting
    .filter((_, i) => !documents[i]!.hasAddress)
    .map((l) => ({
      trackingNumber: l.trackingNumber,
      entryId: l.entryId,
      reason: 'the recipient has no mailing address',
    }));
  const printable = waiting.filter((_, i) => documents[i]!.hasAddress);
  if (printable.length === 0) {
    throw new AppError(
      'conflict',
      skipped.length
        ? `No letter can be printed: ${skipped.length} waiting letter(s) have no mailing address; add one to the person.`
        : 'No letters are waiting to be printed.',
      skipped.map((s) => ({ field: `letters.${s.entryId}`, message: `${s.trackingNumber}: ${s.reason}` })),
    );
  }
  const html = lettersHtml(
    documents.filter((d) => d.hasAddress).map((d) => d.document),
    { addressPages: true },
  );
  const pdf = await renderPdf(html, storage.chromiumPath);
  const storageKey = path.join(String(ctx.agency.id), `batch-${randomUUID()}.pdf`);
  const file = batchPath(storage.dataDir, storageKey);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, pdf, { mode: 0o600 });
  try {
    const batchId = await ctx.db.transaction().execute(async (tx) => {
      const stillWaiting = await lockWaitingLetters(
        tx,
        ctx.agency.id,
        printable.map((l) => l.entryId),
      );
      if (stillWaiting.length !== printable.length) {
        throw new AppError('conflict', 'Another print batch took some of these letters at the same time; try again.');
      }
      const id = await insertBatch(tx, ctx.agency.id, {
        createdBy: ctx.actor.userId || null,
        storageKey,
        sizeBytes: pdf.length,
        letters: printable,
      });
      await setLetterStatus(tx, ctx.agency.id, stillWaiting, 'printed');
      await recordAudit(
        tx,
        { ...ctx, db: tx },
        {
          action: 'letters.batch_printed',
          entityType: 'print_batch',
          entityId: id,
          after: { letter_count: printable.length, letters: printable.map((l) => `${l.trackingNumber}#${l.entryId}`) },
        },
      );
      return id;
    });
    const batch = (await findBatch(ctx.db, ctx.agency.id, batchId))!;
    return { batch: presentBatch(batch), skipped };
  } catch (error) {
    await rm(file, { force: true });
    throw error;
  }
}

/** The letters the next print batch would take, each with why it cannot be printed (no address) if so. */
export async function listWaitingLetters(ctx: CommandContext) {
  requireRole(ctx, READ_ROLES, 'see letters waiting to be printed');
  const waiting = await lettersToPrint(ctx.db, ctx, MAX_LETTERS_PER_BATCH + 1);
  const shown = waiting.slice(0, MAX_LETTERS_PER_BATCH);
  const documents = await letterDocuments(ctx.db, ctx, shown);
  return {
    items: shown.map((letter, i) => ({
      trackingNumber: letter.trackingNumber,
      entryId: letter.entryId,
      recipient: documents[i]!.document.recipient.name,
      language: letter.language,
      subject: letter.subject,
      createdAt: letter.createdAt.toISOString(),
      problem: documents[i]!.hasAddress ? null : 'the recipient has no mailing address',
    })),
    more: waiting.length > MAX_LETTERS_PER_BATCH,
  };
}

/** Print batches, newest first. */
export async function listPrintBatches(ctx: CommandContext, limit = 100) {
  requireRole(ctx, READ_ROLES, 'see print batches');
  return (await listBatches(ctx.db, ctx.agency.id, limit)).map(presentBatch);
}

async function visibleBatch(ctx: CommandContext, id: number, lock = false) {
  const db = ctx.db;
  const batch = await findBatch(db, ctx.agency.id, id, lock);
  if (!batch) throw notFound(`Print batch ${id}`);
  const letters = await batchLetters(db, ctx, id);
  if (letters.some((l) => !l.visible)) {
    throw new AppError('forbidden', `Print batch ${id} holds letters of cases you may not see.`);
  }
  return { batch, letters };
}

/** The PDF of a batch as it was printed. */
export async function readPrintBatchPdf(ctx: CommandContext, dataDir: string, id: number) {
  requireRole(ctx, READ_ROLES, 'see print batches');
  const { batch } = await visibleBatch(ctx, id);
  return { filename: `print-batch-${batch.id}.pdf`, pdf: await readFile(batchPath(dataDir, batch.storageKey)) };
}

/** Records that every letter of the batch was mailed on `mailedOn` (YYYY-MM-DD, agency time). */
export async function markBatchMailed(ctx: CommandContext, id: number, mailedOn: string) {
  requireRole(ctx, PRINT_ROLES, 'record mailings');
  if (!isCalendarDate(mailedOn)) throw invalid('mailedOn', 'must be a date written YYYY-MM-DD');
  const today = localDate(new Date(), ctx.agency.timeZone);
  if (mailedOn > today) throw invalid('mailedOn', `cannot be in the future (today is ${today})`);
  return ctx.db.transaction().execute(async (tx) => {
    const { batch, letters } = await visibleBatch({ ...ctx, db: tx }, id, true);
    if (batch.mailedOn) {
      throw new AppError('conflict', `Print batch ${id} was already recorded as mailed on ${batch.mailedOn}.`);
    }
    const printedOn = localDate(batch.createdAt, ctx.agency.timeZone);
    if (mailedOn < printedOn) invalidBefore(printedOn);
    await recordBatchMailed(tx, ctx.agency.id, id, { mailedOn, by: ctx.actor.userId || null, letters });
    await setLetterStatus(
      tx,
      ctx.agency.id,
      letters.map((l) => l.entryId),
      'mailed',
    );
    await recordAudit(
      tx,
      { ...ctx, db: tx },
      {
        action: 'letters.batch_mailed',
        entityType: 'print_batch',
        entityId: id,
        before: { mailed_on: null },
        after: { mailed_on: mailedOn, letters: letters.map((l) => `${l.trackingNumber}#${l.entryId}`) },
      },
    );
    return presentBatch((await findBatch(tx, ctx.agency.id, id))!);
  });
}

function invalidBefore(printedOn: string): never {
  throw invalid('mailedOn', `cannot be before the batch was printed (${printedOn})`);
}
