// Accepting mail held back from a restricted case: someone who may see the case reads the message in the quarantine
// and lets it join the case as an emailed reply, named as the one who accepted it. Nothing from outside reaches a
// restricted case without such a person.
import type { CommandContext } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { authorizeCase } from '../../policies/case-access.ts';
import { findVisibleCase } from '../../repositories/cases.ts';
import { findQuarantinedForCase, settleQuarantined } from '../../repositories/email-messages.ts';
import { parseEmail } from '../../channels/email/email-parse.ts';
import { detectLanguage } from '../../channels/email/email-classify.ts';
import { addEmailReply } from './email-reply.ts';

/** Lets a held-back message join its case; 404 when the reader may not see the message's case. */
export async function acceptQuarantinedMail(ctx: CommandContext, id: number): Promise<{ trackingNumber: string }> {
  const held = await findQuarantinedForCase(ctx.db, ctx.agency.id, id);
  if (!held) throw notFound(`Quarantined message ${id}`);
  const current = await findVisibleCase(ctx.db, ctx, held.tracking_number); // 404 outside the compartment
  authorizeCase(ctx.actor, 'case:note', current);
  if (held.kind !== 'unverified_sender' || !held.flagged) {
    throw new AppError('conflict', `Quarantined message ${id} is not waiting to be accepted into a case.`);
  }
  const mail = await parseEmail(Buffer.from(held.raw));
  await addEmailReply(ctx, {
    trackingNumber: current.tracking_number,
    subject: mail.subject,
    body: mail.text || '(The email had no text.)',
    language: detectLanguage(mail.text),
    receivedAt: mail.date ?? new Date(),
    messageId: mail.messageId,
    inReplyTo: mail.inReplyTo,
    references: mail.references,
    fromAddress: mail.fromAddress,
    toAddress: held.envelope_to ?? '',
  });
  await settleQuarantined(ctx.db, id, `Accepted into ${current.tracking_number} by ${ctx.actor.name}.`);
  return { trackingNumber: current.tracking_number };
}

/** Turns a held-back message away: it stays in the quarantine as a record but no longer waits; 404 as for accepting. */
export async function rejectQuarantinedMail(ctx: CommandContext, id: number): Promise<{ trackingNumber: string }> {
  const held = await findQuarantinedForCase(ctx.db, ctx.agency.id, id);
  if (!held) throw notFound(`Quarantined message ${id}`);
  const current = await findVisibleCase(ctx.db, ctx, held.tracking_number); // 404 outside the compartment
  authorizeCase(ctx.actor, 'case:note', current);
  if (held.kind !== 'unverified_sender' || !held.flagged) {
    throw new AppError('conflict', `Quarantined message ${id} is not waiting to be accepted into a case.`);
  }
  await settleQuarantined(ctx.db, id, `Rejected for ${current.tracking_number} by ${ctx.actor.name}.`);
  return { trackingNumber: current.tracking_number };
}
