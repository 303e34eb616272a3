// Outbound email of a case: a response or an acknowledgement goes into the outbox inside the caller's transaction
// (so the timeline entry and the mail to send are written together), threaded to the constituent's last message,
// with a Message-ID we generate; a job sends it. Header injection (line breaks in subjects or names) is refused.
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '../../context.ts';
import type { Db } from '../../db/database.ts';
import { AppError, invalid } from '../../errors.ts';
import type { CaseRow } from '../../repositories/cases.ts';
import { enqueueJob } from '../../repositories/jobs.ts';
import { caseEmailRecipient, insertEmailMessage, latestInboundMessage } from '../../repositories/email-messages.ts';
import { automaticSentTo, emailChannelAddresses, insertOutbox } from '../../repositories/outbox.ts';
import { insertTimelineEntry, setEntryDeliveryStatus } from '../../repositories/timeline.ts';
import { renderResponse } from '../cases/case-response-render.ts';

/** The job kind that sends one outbox message. */
export const EMAIL_SEND_JOB = 'email-send';
/** Tries before an outbox message is given up as failed; the backoff caps at an hour, so this spans ~1.5 days. */
export const EMAIL_SEND_ATTEMPTS = 40;
/** At most this many automatic messages (acknowledgements) go to one address in an hour: the loop guard. */
export const AUTOMATIC_PER_HOUR = 5;

const ADDRESS = /^[^@\s<>,;:"()[\]\\]+@[^@\s<>,;:"()[\]\\]+$/;

export interface OutboundMessage {
  entryId: number;
  kind: 'acknowledgement' | 'response';
  subject: string;
  body: string;
  /** Not before this moment (a notice to many people is paced to the relay's rate); default now. */
  sendAfter?: Date | undefined;
}

/** What the caller already knows (intake does), saving the look-ups. */
export interface KnownParties {
  recipient?: { address: string; name: string };
  fromAddress?: string;
  answering?: { message_id: string; reference_ids: string[] } | null;
}

/** Whether an address can be written to (one address, no display name or list). */
export function isSendableEmailAddress(address: string): boolean {
  return ADDRESS.test(address.trim());
}

/** Refuses text meant for a header when it carries a line break or another control character. */
export function assertHeaderSafe(field: string, value: string): void {
  // eslint-disable-next-line no-control-regex
  if (/[\r\n\u0000-\u001f\u007f]/.test(value)) {
    throw new AppError(
      'validation_failed',
      `${field}: must be one line; line breaks in email headers are refused (header injection).`,
      [{ field, message: 'contains a line break or control character' }],
    );
  }
}

/** The address a case's mail comes from: its own email channel, else the agency's first email channel. */
async function senderOf(tx: Db, current: CaseRow): Promise<string> {
  const channels = await emailChannelAddresses(tx, current.agency_id);
  const own = channels.find((c) => c.slug === current.channel_slug) ?? channels[0];
  return own?.address ?? 'civicdesk@localhost';
}

/**
 * Puts a case's outbound message into the outbox (same transaction as its timeline entry) and schedules the send.
 * Returns the outbox id, or null when the person has no email address (the entry says so).
 */
export async function queueCaseEmail(
  tx: Db,
  ctx: CommandContext,
  current: CaseRow,
  message: OutboundMessage,
  known: KnownParties = {},
): Promise<number | null> {
  const recipient = known.recipient ?? (await caseEmailRecipient(tx, current));
  if (!recipient || !ADDRESS.test(recipient.address)) {
    await setEntryDeliveryStatus(tx, ctx.agency.id, message.entryId, 'no_address');
    return null;
  }
  assertHeaderSafe('subject', message.subject);
  assertHeaderSafe('person.name', recipient.name);
  const fromAddress = known.fromAddress ?? (await senderOf(tx, current));
  if (!ADDRESS.test(fromAddress)) throw invalid('channel', `the sender address "${fromAddress}" is not usable`);
  const subject = message.subject.toUpperCase().includes(current.tracking_number)
    ? message.subject
    : `${message.subject} [${current.tracking_number}]`.trim();
  const answered =
    known.answering === undefined ? await latestInboundMessage(tx, ctx.agency.id, current.id) : known.answering;
  const messageId = `civicdesk.${randomUUID()}@${fromAddress.split('@')[1]}`;
  const references = answered ? [...answered.reference_ids, answered.message_id].slice(-20) : [];
  const outboxId = await insertOutbox(tx, {
    agencyId: ctx.agency.id,
    caseId: current.id,
    entryId: message.entryId,
    kind: message.kind,
    messageId,
    fromAddress,
    toAddress: recipient.address,
    toName: recipient.name,
    subject,
    body: message.body,
    inReplyTo: answered?.message_id ?? null,
    references,
    autoSubmitted: message.kind === 'acknowledgement',
  });
  await insertEmailMessage(tx, {
    agencyId: ctx.agency.id,
    direction: 'outbound',
    caseId: current.id,
    entryId: message.entryId,
    messageId,
    inReplyTo: answered?.message_id ?? null,
    references,
    fromAddress,
    toAddress: recipient.address,
    subject,
  });
  await enqueueJob(
    tx,
    EMAIL_SEND_JOB,
    { agencyId: ctx.agency.id, outboxId },
    {
      agencyId: ctx.agency.id,
      uniqueKey: `email-send:${ctx.agency.id}:${outboxId}`,
      maxAttempts: EMAIL_SEND_ATTEMPTS,
      ...(message.sendAfter ? { runAt: message.sendAfter } : {}),
    },
  );
  return outboxId;
}

export interface AcknowledgementResult {
  outboxId: number | null;
  skipped: string | null;
}

/**
 * Acknowledges a new case by email from the approved `acknowledgement` template in `language` (English when that
 * language has no approved version). Not a substantive response: the first-response clock keeps running.
 */
export async function acknowledgeByEmail(
  tx: Db,
  ctx: CommandContext,
  current: CaseRow,
  options: { language: string; statusUrlBase: string; toAddress: string; known?: KnownParties },
): Promise<AcknowledgementResult> {
  const hourAgo = new Date(Date.now() - 3600_000);
  if ((await automaticSentTo(tx, ctx.agency.id, options.toAddress, hourAgo)) >= AUTOMATIC_PER_HOUR) {
    return { outboxId: null, skipped: `more than ${AUTOMATIC_PER_HOUR} acknowledgements to this address in an hour` };
  }
  const txCtx = { ...ctx, db: tx };
  let rendered;
  try {
    rendered = await renderResponse(
      tx,
      txCtx,
      { ...current, language: options.language },
      { templateCode: 'acknowledgement', channel: 'email' },
      options.statusUrlBase,
    );
  } catch (error) {
    if (error instanceof AppError) return { outboxId: null, skipped: error.message };
    throw error;
  }
  const entryId = await insertTimelineEntry(tx, {
    agency_id: ctx.agency.id,
    case_id: current.id,
    kind: 'outbound',
    channel: 'email',
    subject: rendered.subject,
    body: rendered.body,
    template_id: rendered.templateId,
    template_version: rendered.templateVersion,
    language: rendered.language,
    substantive: false,
    delivery_status: 'queued',
  });
  const outboxId = await queueCaseEmail(
    tx,
    txCtx,
    current,
    {
      entryId,
      kind: 'acknowledgement',
      subject: rendered.subject,
      body: rendered.body,
    },
    options.known,
  );
  return { outboxId, skipped: null };
}
