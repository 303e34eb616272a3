// SQL for the email ledger: messages received and sent (Message-ID → case), campaign fingerprints, the quarantine of
// raw messages that became no case, and the IMAP mailboxes of email channels.
import { sql, type Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { EmailMailboxesTable, EmailQuarantineTable } from '../db/schema.ts';

export interface EmailMessageInput {
  agencyId: number;
  direction: 'inbound' | 'outbound';
  caseId: number | null;
  entryId: number | null;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  fromAddress: string;
  toAddress: string;
  subject: string;
  fingerprint?: string | null;
  campaignKey?: string | null;
  receivedAt?: Date;
}

/** Records one message of the ledger. */
export async function insertEmailMessage(db: Db, input: EmailMessageInput): Promise<void> {
  await db
    .insertInto('email_messages')
    .values({
      agency_id: input.agencyId,
      direction: input.direction,
      case_id: input.caseId,
      entry_id: input.entryId,
      message_id: input.messageId.slice(0, 998),
      in_reply_to: input.inReplyTo?.slice(0, 998) ?? null,
      reference_ids: input.references.slice(-50).map((r) => r.slice(0, 998)),
      from_address: input.fromAddress.slice(0, 320),
      to_address: input.toAddress.slice(0, 320),
      subject: input.subject.slice(0, 1000),
      fingerprint: input.fingerprint ?? null,
      campaign_key: input.campaignKey ?? null,
      ...(input.receivedAt ? { received_at: input.receivedAt } : {}),
    })
    .execute();
}

/** True when an inbound message with this Message-ID was already taken in (IMAP re-polls, SMTP retries). */
export async function inboundMessageExists(db: Db, agencyId: number, messageId: string): Promise<boolean> {
  const id = messageId.slice(0, 998);
  const found = await sql<{ found: number }>`
    select 1 as found from email_messages where agency_id = ${agencyId} and direction = 'inbound' and message_id = ${id}
    union all
    select 1 from email_quarantine where agency_id = ${agencyId} and message_id = ${id}
    limit 1`.execute(db);
  return found.rows.length > 0;
}

/** The case of the newest message we sent among these Message-IDs (a reply threads to it), or null. */
export async function caseOfSentMessageIds(db: Db, agencyId: number, messageIds: string[]): Promise<number | null> {
  if (messageIds.length === 0) return null;
  const row = await db
    .selectFrom('email_messages')
    .select('case_id')
    .where('agency_id', '=', agencyId)
    .where('message_id', 'in', messageIds.slice(-50))
    .where('direction', '=', 'outbound')
    .where('case_id', 'is not', null)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.case_id ?? null;
}

/** Whether an address (normal form) is an email of one of a case's people (writer or the person written about). */
export async function isAddressOfCasePeople(db: Db, agencyId: number, caseId: number, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('cases as c')
    .innerJoin('person_contacts as pc', (join) =>
      join
        .onRef('pc.agency_id', '=', 'c.agency_id')
        .on((eb) =>
          eb.or([
            eb('pc.person_id', '=', eb.ref('c.person_id')),
            eb('pc.person_id', '=', eb.ref('c.on_behalf_of_person_id')),
          ]),
        ),
    )
    .select('pc.person_id')
    .where('c.agency_id', '=', agencyId)
    .where('c.id', '=', caseId)
    .where('pc.kind', '=', 'email')
    .where('pc.normalized', '=', email)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The newest inbound message of a case (what a response answers: In-Reply-To / References). */
export async function latestInboundMessage(db: Db, agencyId: number, caseId: number) {
  return db
    .selectFrom('email_messages')
    .select(['message_id', 'reference_ids', 'subject'])
    .where('agency_id', '=', agencyId)
    .where('case_id', '=', caseId)
    .where('direction', '=', 'inbound')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** Earlier messages with this fingerprint inside the window: how many, from how many senders, their cases. */
export async function fingerprintMatches(db: Db, agencyId: number, fingerprint: string, since: Date) {
  return db
    .selectFrom('email_messages')
    .select(['case_id', 'from_address', 'campaign_key'])
    .where('agency_id', '=', agencyId)
    .where('direction', '=', 'inbound')
    .where('fingerprint', '=', fingerprint)
    .where('received_at', '>=', since)
    .orderBy('id')
    .limit(1000)
    .execute();
}

/** Marks earlier messages of a fingerprint as members of a campaign; returns their case ids not yet tagged. */
export async function joinCampaign(db: Db, agencyId: number, fingerprint: string, campaignKey: string, since: Date) {
  const rows = await db
    .updateTable('email_messages')
    .set({ campaign_key: campaignKey })
    .where('agency_id', '=', agencyId)
    .where('direction', '=', 'inbound')
    .where('fingerprint', '=', fingerprint)
    .where('received_at', '>=', since)
    .where('campaign_key', 'is', null)
    .returning('case_id')
    .execute();
  return rows.map((r) => r.case_id).filter((id): id is number => id !== null);
}

/** Adds a tag to cases that lack it (campaign membership found after they were created). */
export async function tagCases(db: Db, agencyId: number, caseIds: number[], tag: string) {
  if (caseIds.length === 0) return [];
  return db
    .updateTable('cases')
    .set({
      tags: sql<string[]>`array_append(tags, ${tag})`,
      version: sql<number>`version + 1`,
      updated_at: new Date(),
    })
    .where('agency_id', '=', agencyId)
    .where('id', 'in', caseIds)
    .where(sql<boolean>`not (${tag} = any(tags))`)
    .returning(['id', 'tracking_number'])
    .execute();
}

export type QuarantineRow = Selectable<EmailQuarantineTable>;

export interface QuarantineInput {
  agencyId: number | null;
  channelSlug: string | null;
  kind: QuarantineRow['kind'];
  reason: string;
  caseId?: number | null;
  envelopeFrom: string | null;
  envelopeTo: string | null;
  messageId?: string | null;
  subject?: string | null;
  /** The header From (held-back mail names its sender to whoever accepts it). */
  fromAddress?: string | null;
  raw: Buffer;
}

/** Keeps a raw message that became no case, with the reason; flagged for a person to look at. */
export async function quarantineMessage(db: Db, input: QuarantineInput): Promise<number> {
  const row = await db
    .insertInto('email_quarantine')
    .values({
      agency_id: input.agencyId,
      channel_slug: input.channelSlug,
      kind: input.kind,
      reason: input.reason.slice(0, 2000),
      case_id: input.caseId ?? null,
      envelope_from: input.envelopeFrom?.slice(0, 320) ?? null,
      envelope_to: input.envelopeTo?.slice(0, 320) ?? null,
      message_id: input.messageId?.slice(0, 998) ?? null,
      subject: input.subject?.slice(0, 1000) ?? null,
      from_address: input.fromAddress?.slice(0, 320) ?? null,
      raw: input.raw,
      flagged: input.kind === 'unparsable' || input.kind === 'unverified_sender',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Quarantined messages of an agency, newest first, without their raw bytes. */
export async function listQuarantine(db: Db, agencyId: number, limit: number) {
  return db
    .selectFrom('email_quarantine')
    .select([
      'id',
      'kind',
      'reason',
      'case_id',
      'channel_slug',
      'envelope_from',
      'message_id',
      'subject',
      'flagged',
      'received_at',
      sql<number>`octet_length(raw)`.as('size_bytes'),
    ])
    .where('agency_id', '=', agencyId)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export type MailboxRow = Selectable<EmailMailboxesTable>;

/** The IMAP mailbox of a channel, or undefined. */
export async function findMailbox(db: Db, agencyId: number, channelId: number): Promise<MailboxRow | undefined> {
  return db
    .selectFrom('email_mailboxes')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('channel_id', '=', channelId)
    .executeTakeFirst();
}

/** Every active mailbox of every agency with its channel (the poller's list). */
export async function activeMailboxes(db: Db) {
  return db
    .selectFrom('email_mailboxes as m')
    .innerJoin('channels as c', (join) =>
      join.onRef('c.agency_id', '=', 'm.agency_id').onRef('c.id', '=', 'm.channel_id'),
    )
    .selectAll('m')
    .select(['c.slug as channel_slug', 'c.address as channel_address'])
    .where('m.active', '=', true)
    .where('c.active', '=', true)
    .execute();
}

/** Creates or replaces the mailbox of a channel. */
export async function saveMailbox(
  db: Db,
  values: Omit<MailboxRow, 'version' | 'created_at' | 'last_polled_at' | 'last_error'>,
): Promise<MailboxRow> {
  return db
    .insertInto('email_mailboxes')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['agency_id', 'channel_id']).doUpdateSet({
        host: values.host,
        port: values.port,
        secure: values.secure,
        username: values.username,
        password: values.password,
        folder: values.folder,
        move_to: values.move_to,
        active: values.active,
        version: sql<number>`email_mailboxes.version + 1`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Every mailbox's stored password (the start-up pass that encrypts plain ones). */
export async function storedMailboxPasswords(db: Db) {
  return db.selectFrom('email_mailboxes').select(['agency_id', 'channel_id', 'password']).execute();
}

/** Replaces a mailbox's stored password with its sealed form, unless it changed meanwhile. */
export async function replaceMailboxPassword(
  db: Db,
  agencyId: number,
  channelId: number,
  from: string,
  to: string,
): Promise<void> {
  await db
    .updateTable('email_mailboxes')
    .set({ password: to })
    .where('agency_id', '=', agencyId)
    .where('channel_id', '=', channelId)
    .where('password', '=', from)
    .execute();
}

/** Removes the mailbox of a channel. */
export async function deleteMailbox(db: Db, agencyId: number, channelId: number): Promise<boolean> {
  const result = await db
    .deleteFrom('email_mailboxes')
    .where('agency_id', '=', agencyId)
    .where('channel_id', '=', channelId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Records the outcome of a poll (the error text never holds the password). */
export async function markMailboxPolled(db: Db, agencyId: number, channelId: number, error: string | null) {
  await db
    .updateTable('email_mailboxes')
    .set({ last_polled_at: new Date(), last_error: error?.slice(0, 1000) ?? null })
    .where('agency_id', '=', agencyId)
    .where('channel_id', '=', channelId)
    .execute();
}

/** Every active email address we own (any agency): mail from one of them is a loop. */
export async function ownEmailAddresses(db: Db): Promise<Set<string>> {
  const rows = await db
    .selectFrom('channels')
    .select('address')
    .where('type', '=', 'email')
    .where('address', 'is not', null)
    .execute();
  return new Set(rows.map((r) => r.address!.toLowerCase()));
}

/**
 * The email address a case's mail goes to, with the person's name; null when they have none. An ordinary case never
 * writes to an address given inside the compartment; a restricted one prefers those, so no address typed in by
 * someone outside it can redirect its mail.
 */
export async function caseEmailRecipient(
  db: Db,
  current: { agency_id: number; person_id: number | null; restricted: boolean },
): Promise<{ address: string; name: string } | null> {
  if (!current.person_id) return null;
  const row = await db
    .selectFrom('person_contacts as c')
    .innerJoin('people as p', (join) => join.onRef('p.agency_id', '=', 'c.agency_id').onRef('p.id', '=', 'c.person_id'))
    .select(['c.value', 'p.first_name', 'p.last_name'])
    .where('c.agency_id', '=', current.agency_id)
    .where('c.person_id', '=', current.person_id)
    .where('c.kind', '=', 'email')
    .where((w) => (current.restricted ? w.val(true) : w('c.restricted', '=', false)))
    .orderBy('c.restricted', 'desc')
    .orderBy('c.is_primary', 'desc')
    .orderBy('c.position')
    .executeTakeFirst();
  if (!row) return null;
  return { address: row.value.trim(), name: `${row.first_name} ${row.last_name}`.trim() };
}

/** A quarantined message (with its raw mail) and its case's tracking number, or undefined. */
export async function findQuarantinedForCase(db: Db, agencyId: number, id: number) {
  return db
    .selectFrom('email_quarantine as q')
    .innerJoin('cases as c', (join) => join.onRef('c.agency_id', '=', 'q.agency_id').onRef('c.id', '=', 'q.case_id'))
    .select(['q.id', 'q.kind', 'q.flagged', 'q.raw', 'q.envelope_to', 'c.tracking_number'])
    .where('q.agency_id', '=', agencyId)
    .where('q.id', '=', id)
    .executeTakeFirst();
}

/** Marks a quarantined message as no longer waiting, with why. */
export async function settleQuarantined(db: Db, id: number, reason: string): Promise<void> {
  await db.updateTable('email_quarantine').set({ flagged: false, reason }).where('id', '=', id).execute();
}
