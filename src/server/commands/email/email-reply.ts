// A constituent's emailed reply joins its case: inbound correspondence on the timeline, its Message-ID kept for
// threading. A case waiting on the constituent starts its clock again and moves to in progress; a responded case
// goes back to in progress; a closed case is reopened (closed → in progress, the workflow's reopen move).
import type { CommandContext } from '../../context.ts';
import type { CasePatch } from '../../repositories/cases.ts';
import { insertEmailMessage } from '../../repositories/email-messages.ts';
import { insertTimelineEntry } from '../../repositories/timeline.ts';
import { mutateCase } from '../cases/case-mutation.ts';
import { resumeClockPatch } from '../cases/case-deadlines.ts';
import { notify } from '../notifications/notify.ts';

export interface EmailReplyInput {
  trackingNumber: string;
  subject: string;
  body: string;
  language?: string | null | undefined;
  receivedAt: Date;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  fromAddress: string;
  toAddress: string;
}

/** Adds an emailed reply to its case and moves the case back into work where the workflow says so. */
export async function addEmailReply(ctx: CommandContext, input: EmailReplyInput) {
  const now = new Date();
  let entryId = 0;
  const row = await mutateCase(
    ctx,
    { trackingNumber: input.trackingNumber, action: 'case:update', auditAction: 'case.email_reply_received' },
    async (tx, current) => {
      entryId = await insertTimelineEntry(tx, {
        agency_id: ctx.agency.id,
        case_id: current.id,
        kind: 'inbound',
        channel: 'email',
        subject: input.subject,
        body: input.body,
        language: input.language ?? current.language,
        created_at: input.receivedAt,
      });
      await insertEmailMessage(tx, {
        agencyId: ctx.agency.id,
        direction: 'inbound',
        caseId: current.id,
        entryId,
        messageId: input.messageId,
        inReplyTo: input.inReplyTo,
        references: input.references,
        fromAddress: input.fromAddress,
        toAddress: input.toAddress,
        subject: input.subject,
        receivedAt: input.receivedAt,
      });
      const patch: CasePatch = {};
      let reason = 'The constituent replied by email.';
      if (current.status === 'waiting_on_constituent') {
        Object.assign(patch, await resumeClockPatch({ tx, db: ctx.db }, current, now), { status: 'in_progress' });
        reason = 'The constituent replied by email; the clock runs again.';
      } else if (current.status === 'responded') {
        patch.status = 'in_progress';
      } else if (current.status === 'closed') {
        Object.assign(patch, { status: 'in_progress', closed_at: null });
        reason = 'The constituent replied by email to a closed case; it is reopened.';
      }
      if (current.assignee_id !== null) {
        await notify(tx, ctx, {
          kind: 'reply',
          to: { userIds: [current.assignee_id] },
          summary: `The constituent replied by email on case ${current.tracking_number}`,
          caseId: current.id,
          trackingNumber: current.tracking_number,
        });
      }
      return { patch, auditAfter: { email_message_id: input.messageId }, reason };
    },
  );
  return { case: row, entryId };
}
