// The daily digest for people who chose it: one email listing their unread notifications not yet mailed (what
// happened and the tracking number — never a case's content), at most one a day, through the outbox. Run by the
// worker with the deadline sweep; each person's digest is its own transaction.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { enqueueJob } from '../../repositories/jobs.ts';
import { digestRecipients, markEmailed, undigested } from '../../repositories/notifications.ts';
import { agencySenderAddress, insertStaffMail } from '../../repositories/outbox.ts';
import { EMAIL_SEND_ATTEMPTS, EMAIL_SEND_JOB } from '../email/email-outbound.ts';
import { oneLine } from '../../../domain/one-line.ts';

/** Sends the digests due at `now`; returns how many were queued. */
export async function sendNotificationDigests(
  db: Db,
  now: Date,
  options: { consoleUrl?: string | undefined } = {},
): Promise<number> {
  let sent = 0;
  for (const person of await digestRecipients(db, now)) {
    await db.transaction().execute(async (tx) => {
      const items = await undigested(tx, person.agencyId, person.userId);
      if (items.length === 0) return;
      const from = await agencySenderAddress(tx, person.agencyId);
      const link = options.consoleUrl ? `${options.consoleUrl.replace(/\/$/, '')}/notifications` : null;
      const body = [
        `Hello ${oneLine(person.name)},`,
        '',
        items.length === 1 ? 'One notification waits for you:' : `${items.length} notifications wait for you:`,
        '',
        ...items.map((n) => `- ${oneLine(n.summary)}`),
        '',
        link ? `Read them in civicdesk: ${link}` : 'Read them in civicdesk.',
        '',
        'You receive this daily digest because you chose it on the notifications screen.',
      ].join('\n');
      const outboxId = await insertStaffMail(tx, {
        agencyId: person.agencyId,
        messageId: `civicdesk.${randomUUID()}@${from.split('@')[1] ?? 'localhost'}`,
        fromAddress: from,
        toAddress: person.email,
        toName: oneLine(person.name),
        subject: `civicdesk: ${items.length} notification${items.length === 1 ? '' : 's'}`,
        body,
      });
      await enqueueJob(
        tx,
        EMAIL_SEND_JOB,
        { agencyId: person.agencyId, outboxId },
        {
          agencyId: person.agencyId,
          uniqueKey: `email-send:${person.agencyId}:${outboxId}`,
          maxAttempts: EMAIL_SEND_ATTEMPTS,
        },
      );
      await markEmailed(
        tx,
        person.agencyId,
        items.map((n) => n.id),
        now,
      );
      sent++;
    });
  }
  return sent;
}
