// Sends a notice to the public as planned (notice-plan.ts): on each recipient's newest matching case a timeline entry
// (not a substantive response: the case's clocks do not move) from the approved template in their language, merged
// for them; email goes into the outbox with its send time paced to the relay's rate, a letter waits for the print
// batch. The notice, its delivery log (suppressed people included, with the reason) and one audit event are written
// in one transaction: all of it or nothing. Supervisors and administrators only.
import type { CommandContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { agencySenderAddress } from '../../repositories/outbox.ts';
import { casesById, insertNotice, insertRecipients, insertTimelineEntry } from '../../repositories/notices.ts';
import { authorizePublicCommunication } from '../../policies/community.ts';
import type { NoticeInput } from '../../../shared/notices.ts';
import { renderResponse } from '../cases/case-response-render.ts';
import { queueCaseEmail } from '../email/email-outbound.ts';
import { planNotice } from './notice-plan.ts';

export interface NoticeSending {
  perMinute: number;
  statusUrlBase: string;
}

/** Sends the notice; returns its id. 409 when a template is missing or nobody would receive it. */
export async function sendNotice(ctx: CommandContext, input: NoticeInput, sending: NoticeSending): Promise<number> {
  authorizePublicCommunication(ctx, 'send notices to the public');
  const now = new Date();
  const plan = await planNotice(ctx, input, { perMinute: sending.perMinute, now });
  if (plan.problems.length) {
    throw new AppError('conflict', plan.problems.join(' '), [{ field: 'templateCode', message: plan.problems[0]! }]);
  }
  const sendTo = plan.recipients.filter((r) => r.channel);
  if (sendTo.length === 0) {
    throw new AppError(
      'conflict',
      'Nobody in this audience can receive the notice; see the preview for who is left out.',
      [{ field: 'audience', message: 'no recipients' }],
    );
  }
  const templateCode = input.templateCode.trim();
  return ctx.db.transaction().execute(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const cases = await casesById(
      tx,
      ctx.agency.id,
      sendTo.map((r) => r.caseId),
    );
    const fromAddress = await agencySenderAddress(tx, ctx.agency.id);
    const noticeId = await insertNotice(tx, ctx.agency.id, {
      title: input.title.trim(),
      template_code: templateCode,
      delivery: input.delivery as 'email' | 'letter' | 'email_else_letter',
      audience: input.audience,
      recipientCount: sendTo.length,
      suppressedCount: plan.recipients.length - sendTo.length,
      sentBy: ctx.actor.userId || null,
    });
    const log = [];
    for (const r of plan.recipients) {
      if (!r.channel) {
        log.push({
          person_id: r.personId,
          case_id: r.caseId,
          language: r.language,
          channel: null,
          suppressed_reason: r.suppressedReason,
          entry_id: null,
          send_after: null,
        });
        continue;
      }
      const current = cases.get(r.caseId)!;
      const rendered = await renderResponse(
        tx,
        txCtx,
        { ...current, language: r.language },
        { templateCode, channel: r.channel },
        sending.statusUrlBase,
      );
      if (rendered.unknownFields.length) {
        throw new AppError(
          'conflict',
          `The template "${templateCode}" (${rendered.language}) uses fields civicdesk cannot fill: ${rendered.unknownFields.join(', ')}.`,
          [{ field: 'templateCode', message: 'uses unknown merge fields' }],
        );
      }
      const entryId = await insertTimelineEntry(tx, ctx.agency.id, {
        caseId: current.id,
        channel: r.channel,
        authorUserId: ctx.actor.userId || null,
        subject: rendered.subject,
        body: rendered.body,
        templateId: rendered.templateId,
        templateVersion: rendered.templateVersion,
        language: rendered.language,
        deliveryStatus: r.channel === 'email' ? 'queued' : 'to_print',
      });
      if (r.channel === 'email') {
        await queueCaseEmail(
          tx,
          txCtx,
          current,
          { entryId, kind: 'response', subject: rendered.subject, body: rendered.body, sendAfter: r.sendAfter! },
          { recipient: { address: r.emailAddress!, name: r.name }, fromAddress, answering: null },
        );
      }
      log.push({
        person_id: r.personId,
        case_id: r.caseId,
        language: r.language,
        channel: r.channel,
        suppressed_reason: null,
        entry_id: entryId,
        send_after: r.sendAfter,
      });
    }
    await insertRecipients(tx, ctx.agency.id, noticeId, log);
    const count = (channel: string) => sendTo.filter((r) => r.channel === channel).length;
    await recordAudit(tx, txCtx, {
      action: 'notice.sent',
      entityType: 'notice',
      entityId: noticeId,
      after: {
        title: input.title.trim(),
        template_code: templateCode,
        delivery: input.delivery,
        audience: input.audience,
        emails: count('email'),
        letters: count('letter'),
        suppressed: plan.recipients.length - sendTo.length,
      },
    });
    return noticeId;
  });
}
