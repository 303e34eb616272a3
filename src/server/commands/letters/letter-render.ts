// The PDF of one outbound letter of a case, as the constituent receives it: rendered on request from the stored
// letter (merged from its approved template when it was sent) on today's letterhead.
import type { CommandContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { findVisibleCase } from '../../repositories/cases.ts';
import { findLetter } from '../../repositories/letters.ts';
import { letterDocuments } from '../../channels/letters/letter-documents.ts';
import { lettersHtml } from '../../channels/letters/letter-html.ts';
import { renderPdf } from '../../channels/letters/pdf-renderer.ts';

/** Renders an outbound letter of a visible case to PDF; 404 when the entry is not a letter of that case. */
export async function renderCaseLetter(
  ctx: CommandContext,
  chromiumPath: string,
  trackingNumber: string,
  entryId: number,
): Promise<{ filename: string; pdf: Buffer }> {
  await findVisibleCase(ctx.db, ctx, trackingNumber);
  const letter = await findLetter(ctx.db, ctx, trackingNumber, entryId);
  if (!letter) throw notFound(`Letter ${entryId} of case ${trackingNumber}`);
  const [item] = await letterDocuments(ctx.db, ctx, [letter]);
  const pdf = await renderPdf(lettersHtml([item!.document], { addressPages: false }), chromiumPath);
  return { filename: `${letter.trackingNumber}-letter-${letter.entryId}.pdf`, pdf };
}
