// Sends outbox messages with nodemailer over CIVICDESK_SMTP_URL. A relay that is down or answers 4xx makes the job
// throw, so the runner retries it with backoff and nothing is lost; a 5xx refusal is final (status failed). The
// delivery status on the outbox row and on the case's timeline entry move together.
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../db/database.ts';
import type { Config } from '../env.ts';
import type { ClaimedJob } from '../repositories/jobs.ts';
import { enqueueJob } from '../repositories/jobs.ts';
import { findOutbox, queuedOutbox, recordAttempt, setDeliveryStatus, type OutboxRow } from '../repositories/outbox.ts';
import { EMAIL_SEND_ATTEMPTS, EMAIL_SEND_JOB, assertHeaderSafe } from '../commands/email/email-outbound.ts';

export interface EmailSendDependencies {
  db: Db;
  config: Config;
}

const transports = new Map<string, Transporter>();

/** The cached nodemailer transport for a relay URL (shared by outbox mail and scheduled reports). */
export function transportFor(url: string): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    transport = nodemailer.createTransport(url, {});
    transports.set(url, transport);
  }
  return transport;
}

/** Forgets cached connections (tests restart the relay). */
export function resetTransports(): void {
  for (const transport of transports.values()) transport.close();
  transports.clear();
}

/** The message nodemailer sends for an outbox row: our Message-ID, threading headers, Auto-Submitted on automatic mail. */
export function mailFor(row: OutboxRow) {
  assertHeaderSafe('subject', row.subject);
  assertHeaderSafe('to', row.to_address);
  assertHeaderSafe('person.name', row.to_name);
  return {
    from: row.from_address,
    to: row.to_name ? { name: row.to_name, address: row.to_address } : row.to_address,
    subject: row.subject,
    text: row.body,
    messageId: `<${row.message_id}>`,
    ...(row.in_reply_to ? { inReplyTo: `<${row.in_reply_to}>` } : {}),
    ...(row.reference_ids.length ? { references: row.reference_ids.map((r) => `<${r}>`) } : {}),
    headers: row.auto_submitted ? { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' } : {},
    envelope: { from: row.from_address, to: [row.to_address] },
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/** Sends one outbox message; throws to be retried while the relay is unreachable or answers 4xx. */
export async function sendOutboxMessage(deps: EmailSendDependencies, job: ClaimedJob): Promise<void> {
  const agencyId = Number(job.payload.agencyId);
  const row = await findOutbox(deps.db, agencyId, Number(job.payload.outboxId));
  if (!row || row.status !== 'queued') return;
  if (!deps.config.smtpUrl) throw new Error('No outbound relay is configured (CIVICDESK_SMTP_URL); the message waits.');
  let mail;
  try {
    mail = mailFor(row);
  } catch (error) {
    await setDeliveryStatus(deps.db, row, 'failed', { error: (error as Error).message, attempts: job.attempts });
    return;
  }
  try {
    await transportFor(deps.config.smtpUrl).sendMail(mail);
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode ?? 0;
    const message = (error as Error).message;
    if (code >= 500 || job.attempts >= job.maxAttempts) {
      await setDeliveryStatus(deps.db, row, 'failed', { error: message, attempts: job.attempts });
      return;
    }
    await recordAttempt(deps.db, row, job.attempts, message);
    throw error;
  }
  await setDeliveryStatus(deps.db, row, 'sent', { error: null, attempts: job.attempts });
}

/** Schedules a send for every queued outbox message whose job is gone (e.g. given up while no relay was set). */
export async function requeueWaitingMail(db: Db): Promise<number> {
  const rows = await queuedOutbox(db, 10_000);
  for (const row of rows) {
    await enqueueJob(
      db,
      EMAIL_SEND_JOB,
      { agencyId: row.agency_id, outboxId: row.id },
      { agencyId: row.agency_id, uniqueKey: `email-send:${row.agency_id}:${row.id}`, maxAttempts: EMAIL_SEND_ATTEMPTS },
    );
  }
  return rows.length;
}
