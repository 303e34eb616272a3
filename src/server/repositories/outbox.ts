// SQL for the outbox: outbound mail written in the same transaction as its response, then sent by a job; its
// delivery status (queued → sent / failed / bounced) is mirrored on the case's timeline entry.
import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { OutboxTable } from '../db/schema.ts';

export type OutboxRow = Selectable<OutboxTable>;

export interface OutboxInput {
  agencyId: number;
  caseId: number;
  entryId: number;
  kind: OutboxRow['kind'];
  messageId: string;
  fromAddress: string;
  toAddress: string;
  toName: string;
  subject: string;
  body: string;
  inReplyTo: string | null;
  references: string[];
  autoSubmitted: boolean;
}

/** Adds a message to the outbox; returns its id. */
export async function insertOutbox(db: Db, input: OutboxInput): Promise<number> {
  const row = await db
    .insertInto('outbox')
    .values({
      agency_id: input.agencyId,
      case_id: input.caseId,
      entry_id: input.entryId,
      kind: input.kind,
      message_id: input.messageId,
      from_address: input.fromAddress,
      to_address: input.toAddress,
      to_name: input.toName,
      subject: input.subject,
      body: input.body,
      in_reply_to: input.inReplyTo,
      reference_ids: input.references,
      auto_submitted: input.autoSubmitted,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** One outbox message. */
export async function findOutbox(db: Db, agencyId: number, id: number): Promise<OutboxRow | undefined> {
  return db.selectFrom('outbox').selectAll().where('agency_id', '=', agencyId).where('id', '=', id).executeTakeFirst();
}

/** The outbox message with one of these Message-IDs (a bounce names the message it returns). */
export async function findOutboxByMessageIds(db: Db, messageIds: string[]): Promise<OutboxRow | undefined> {
  if (messageIds.length === 0) return undefined;
  return db.selectFrom('outbox').selectAll().where('message_id', 'in', messageIds.slice(0, 50)).executeTakeFirst();
}

/** How many automatic messages went to an address since a moment (the loop guard). */
export async function automaticSentTo(db: Db, agencyId: number, address: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('agency_id', '=', agencyId)
    .where('to_address', '=', address)
    .where('auto_submitted', '=', true)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Sets the delivery status of a message and of its timeline entry together. */
export async function setDeliveryStatus(
  db: Db,
  row: Pick<OutboxRow, 'agency_id' | 'id' | 'entry_id'>,
  status: OutboxRow['status'],
  details: { error?: string | null; attempts?: number } = {},
): Promise<void> {
  const now = new Date();
  await db
    .updateTable('outbox')
    .set({
      status,
      ...(details.error !== undefined ? { last_error: details.error?.slice(0, 2000) ?? null } : {}),
      ...(details.attempts !== undefined ? { attempts: details.attempts } : {}),
      ...(status === 'sent' ? { sent_at: now } : {}),
      ...(status === 'bounced' ? { bounced_at: now } : {}),
    })
    .where('agency_id', '=', row.agency_id)
    .where('id', '=', row.id)
    .execute();
  if (row.entry_id !== null) {
    await db
      .updateTable('timeline_entries')
      .set({ delivery_status: status })
      .where('agency_id', '=', row.agency_id)
      .where('id', '=', row.entry_id)
      .execute();
  }
}

/** Queued messages (up to `limit`), to make sure each has a send job. */
export async function queuedOutbox(db: Db, limit: number) {
  return db.selectFrom('outbox').select(['agency_id', 'id']).where('status', '=', 'queued').limit(limit).execute();
}

/** Records a failed try that will be retried (status stays queued). */
export async function recordAttempt(db: Db, row: Pick<OutboxRow, 'agency_id' | 'id'>, attempts: number, error: string) {
  await db
    .updateTable('outbox')
    .set({ attempts, last_error: error.slice(0, 2000) })
    .where('agency_id', '=', row.agency_id)
    .where('id', '=', row.id)
    .execute();
}

/**
 * The address staff mail comes from: the agency's first email channel with an address, else `fallback` (the
 * scheduled reports pass the configured inbound address).
 */
export async function agencySenderAddress(db: Db, agencyId: number, fallback = 'civicdesk@localhost'): Promise<string> {
  const channel = await db
    .selectFrom('channels')
    .select('address')
    .where('agency_id', '=', agencyId)
    .where('type', '=', 'email')
    .where('address', 'is not', null)
    .orderBy('id')
    .executeTakeFirst();
  return channel?.address ?? fallback;
}

/** The agency's email channels that have an address, oldest first. */
export async function emailChannelAddresses(db: Db, agencyId: number) {
  return db
    .selectFrom('channels')
    .select(['slug', 'address'])
    .where('agency_id', '=', agencyId)
    .where('type', '=', 'email')
    .where('address', 'is not', null)
    .orderBy('id')
    .execute();
}

/** Adds a staff notification mail (no case thread, automatic); returns its id. */
export async function insertStaffMail(
  db: Db,
  input: {
    agencyId: number;
    messageId: string;
    fromAddress: string;
    toAddress: string;
    toName: string;
    subject: string;
    body: string;
  },
): Promise<number> {
  const row = await db
    .insertInto('outbox')
    .values({
      agency_id: input.agencyId,
      case_id: null,
      entry_id: null,
      kind: 'notification',
      message_id: input.messageId,
      from_address: input.fromAddress,
      to_address: input.toAddress,
      to_name: input.toName,
      subject: input.subject,
      body: input.body,
      auto_submitted: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
