// The one place notifications are created: the commands that assign, refer, answer a referral, escalate, ask for a
// template's approval, mention someone in a note or thread a constituent's reply, and the sweep of overdue plan
// actions, call `notify` inside their own transaction. It writes the in-app notifications and, by each person's preference, a short email through the
// outbox. Neither ever carries a case's content — only its tracking number and what happened — so nothing of a
// restricted case reaches a mailbox, and a restricted case notifies only the people who may see it.
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../../context.ts';
import type { Db } from '../../db/database.ts';
import type { NotificationKind } from '../../db/schema.ts';
import { enqueueJob } from '../../repositories/jobs.ts';
import {
  insertNotifications,
  resolveRecipients,
  type Recipient,
  type RecipientSelector,
} from '../../repositories/notifications.ts';
import { agencySenderAddress, insertStaffMail } from '../../repositories/outbox.ts';
import { EMAIL_SEND_ATTEMPTS, EMAIL_SEND_JOB } from '../email/email-outbound.ts';
import { oneLine } from '../../../domain/one-line.ts';

export interface NotifyInput {
  kind: NotificationKind;
  to: RecipientSelector;
  /** One line saying what happened, without the case's content (it is shown in the inbox and mailed). */
  summary: string;
  caseId?: number | null;
  trackingNumber?: string | null;
  templateId?: number | null;
  referralId?: number | null;
  /** The action plan it is about (an overdue action); the email links to the plan. */
  actionPlanId?: number | null;
  /** The project it is about (a milestone due or overdue); the email links to the project. */
  projectId?: number | null;
  /** The procedure it is about (its review is due); the email links to the procedure. */
  procedureId?: number | null;
  /** Where the email links when it is about neither a case, a plan nor a procedure (e.g. '/quality/training'). */
  consolePath?: string | undefined;
  /** What the email's subject names when there is no case, e.g. the overdue action's title. */
  subjectDetail?: string | undefined;
  /** The console's address, for the link in the email (left out when unknown). */
  consoleUrl?: string | undefined;
}

const subjects: Record<NotificationKind, string> = {
  assigned: 'Assigned to you',
  referral: 'New referral for your unit',
  reply: 'A reply on your case',
  escalated: 'Escalated',
  approval_requested: 'A template waits for your approval',
  mentioned: 'You were mentioned',
  deadline_warning: 'A deadline is near',
  action_overdue: 'Overdue action',
  action_escalated: 'Overdue action escalated',
  repeat_contact: 'A repeat contact',
  milestone_due: 'Milestone due soon',
  milestone_overdue: 'Milestone overdue',
  procedure_review_due: 'A procedure is due for review',
  training_due: 'Training due soon',
  training_overdue: 'Training overdue',
  procedure_acknowledgement_due: 'A procedure to read and acknowledge',
};

/**
 * Whether a person gets an email: escalations (of a case, or of an overdue plan action to the plan's owner) are
 * mailed to the people they name unless they turned email off; everything else only to those who asked for immediate email (digests are sent by their own job).
 */
export function wantsEmail(kind: NotificationKind, recipient: Pick<Recipient, 'emailPreference'>): boolean {
  if (recipient.emailPreference === 'off') return false;
  if (kind === 'escalated' || kind === 'action_escalated') return recipient.emailPreference !== 'daily_digest';
  return recipient.emailPreference === 'immediate';
}

/** Writes the notifications (and the emails asked for) inside the caller's transaction; returns how many. */
export async function notify(tx: Db, ctx: CommandContext, input: NotifyInput): Promise<number> {
  const caseId = input.caseId ?? null;
  const recipients = await resolveRecipients(tx, ctx.agency.id, input.to, { exceptUserId: ctx.actor.userId, caseId });
  if (recipients.length === 0) return 0;
  const summary = oneLine(input.summary).slice(0, 300);
  const mailed = recipients.filter((r) => wantsEmail(input.kind, r) && /^[^@\s]+@[^@\s]+$/.test(r.email));
  await insertNotifications(
    tx,
    recipients.map((r) => ({
      agencyId: ctx.agency.id,
      userId: r.id,
      kind: input.kind,
      caseId,
      templateId: input.templateId ?? null,
      referralId: input.referralId ?? null,
      actionPlanId: input.actionPlanId ?? null,
      projectId: input.projectId ?? null,
      procedureId: input.procedureId ?? null,
      actorUserId: ctx.actor.userId || null,
      summary,
      emailed: mailed.includes(r),
    })),
  );
  if (mailed.length) {
    const from = await agencySenderAddress(tx, ctx.agency.id);
    const tn = input.trackingNumber ?? null;
    const planId = input.actionPlanId ?? null;
    const projectId = input.projectId ?? null;
    const procedureId = input.procedureId ?? null;
    const path = tn
      ? `/cases/${encodeURIComponent(tn)}`
      : planId
        ? `/quality/plans/${planId}`
        : projectId
          ? `/projects/${projectId}`
          : procedureId
            ? `/quality/procedures/${procedureId}`
            : (input.consolePath ?? '/notifications');
    const link = input.consoleUrl ? `${input.consoleUrl.replace(/\/$/, '')}${path}` : null;
    const detail = tn ?? input.subjectDetail ?? null;
    for (const r of mailed) {
      const body = [
        `Hello ${oneLine(r.name)},`,
        '',
        `${summary}${tn ? ` (case ${tn})` : ''}.`,
        '',
        link ? `Open it in civicdesk: ${link}` : 'Open civicdesk to see it.',
        '',
        'This message says only what happened; the details stay in civicdesk. You can change which',
        'notifications are emailed to you on the notifications screen.',
      ].join('\n');
      const outboxId = await insertStaffMail(tx, {
        agencyId: ctx.agency.id,
        messageId: `civicdesk.${randomUUID()}@${from.split('@')[1] ?? 'localhost'}`,
        fromAddress: from,
        toAddress: r.email,
        toName: oneLine(r.name),
        subject: oneLine(`${subjects[input.kind]}${detail ? `: ${detail}` : ''}`).slice(0, 250),
        body,
      });
      await enqueueJob(
        tx,
        EMAIL_SEND_JOB,
        { agencyId: ctx.agency.id, outboxId },
        {
          agencyId: ctx.agency.id,
          uniqueKey: `email-send:${ctx.agency.id}:${outboxId}`,
          maxAttempts: EMAIL_SEND_ATTEMPTS,
        },
      );
    }
  }
  return recipients.length;
}
