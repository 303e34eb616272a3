// Email intake, shared by the SMTP receiver and the IMAP poller: one raw message for one email channel becomes a
// new case (through the case-create command, acknowledged in the same transaction), a reply on its case, or a
// quarantined raw message (unparsable, auto-reply, bounce, loop) — never nothing. Idempotent by Message-ID.
import type { Config } from '../../env.ts';
import type { Db } from '../../db/database.ts';
import { systemActor, type Agency, type CommandContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import type { ChannelRow } from '../../repositories/channels.ts';
import { createCase } from '../../commands/cases/case-create.ts';
import { addEmailReply } from '../../commands/email/email-reply.ts';
import { acknowledgeByEmail } from '../../commands/email/email-outbound.ts';
import { attachFile } from '../../commands/cases/case-attachment.ts';
import { addCaseNote } from '../../commands/cases/case-note.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { agencyById } from '../../repositories/configuration/agency.ts';
import { caseIdByTrackingNumbers, caseMergeLink } from '../../repositories/cases.ts';
import { findPerson } from '../../repositories/people.ts';
import { firstEntryIdOfKind } from '../../repositories/timeline.ts';
import { normalizeEmail } from '../../../domain/contact-normalization.ts';
import {
  caseOfSentMessageIds,
  isAddressOfCasePeople,
  fingerprintMatches,
  inboundMessageExists,
  insertEmailMessage,
  joinCampaign,
  ownEmailAddresses,
  quarantineMessage,
  tagCases,
} from '../../repositories/email-messages.ts';
import { findOutboxByMessageIds, setDeliveryStatus } from '../../repositories/outbox.ts';
import { parseEmail, splitName, UnparsableEmailError, type ParsedEmail } from './email-parse.ts';
import { automaticMail, campaignFingerprint, detectLanguage, trackingNumbersIn } from './email-classify.ts';

export interface IngestDependencies {
  db: Db;
  config: Config;
}

export interface InboundEnvelope {
  /** The SMTP MAIL FROM ('' for the null sender <>); null when unknown (IMAP): the Return-Path header tells. */
  from: string | null;
  /** The recipient address that picked the channel. */
  to: string;
  channel: ChannelRow;
}

export type IngestOutcome =
  | { outcome: 'case_created'; trackingNumber: string; acknowledged: boolean; campaignKey: string | null }
  | { outcome: 'reply'; trackingNumber: string }
  | { outcome: 'duplicate'; messageId: string }
  | { outcome: 'quarantined'; kind: string; reason: string; trackingNumber: string | null };

/** Campaign: this many different senders of the same text within the window. */
export const CAMPAIGN_MIN_SENDERS = 3;
export const CAMPAIGN_WINDOW_MS = 7 * 24 * 3600_000;
const CACHE_MS = 30_000;

const agencyCache = new Map<number, { agency: Agency; at: number }>();
const ownAddressCache = new WeakMap<Db, { addresses: Set<string>; at: number }>();

async function agencyOf(db: Db, id: number): Promise<Agency> {
  const cached = agencyCache.get(id);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.agency;
  const agency = await agencyById(db, id);
  agencyCache.set(id, { agency, at: Date.now() });
  return agency;
}

async function ownAddresses(db: Db): Promise<Set<string>> {
  const cached = ownAddressCache.get(db);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.addresses;
  const addresses = await ownEmailAddresses(db);
  ownAddressCache.set(db, { addresses, at: Date.now() });
  return addresses;
}

/** The envelope sender; for a fetched message, its Return-Path ('' for <>), else its From address. */
function envelopeSender(envelope: InboundEnvelope, mail: ParsedEmail): string {
  if (envelope.from !== null) return envelope.from;
  const returnPath = mail.headers.get('return-path');
  if (returnPath === undefined) return mail.fromAddress;
  return /<\s*>/.test(returnPath) || returnPath.trim() === '' ? '' : mail.fromAddress;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

/** The case a message claims, and why it may join it. */
interface CaseMatch {
  trackingNumber: string;
  caseId: number;
  restricted: boolean;
  /** thread: it answers a message we sent; sender: it comes from an address of the case's people; null: neither. */
  verified: 'thread' | 'sender' | null;
}

/** Follows merges to the surviving case (a merge chain is short; the bound guards against a cycle). */
async function survivingCase(ctx: CommandContext, caseId: number | null) {
  for (let hops = 0; caseId !== null && hops < 10; hops++) {
    const row = await caseMergeLink(ctx.db, ctx.agency.id, caseId);
    if (!row) return null;
    if (row.merged_into_id === null) return row;
    caseId = row.merged_into_id;
  }
  return null;
}

/**
 * The case a message belongs to (after merges): one whose message we sent it threads to (In-Reply-To/References —
 * our Message-IDs cannot be guessed), else one whose tracking number its subject names. A subject alone proves
 * nothing (anyone can type a number): such a match is verified only when the sender is one of the case's people.
 */
async function caseForMessage(
  ctx: CommandContext,
  mail: ParsedEmail,
  extraIds: string[] = [],
): Promise<CaseMatch | null> {
  const ids = [...new Set([...(mail.inReplyTo ? [mail.inReplyTo] : []), ...mail.references, ...extraIds])];
  const threaded = await survivingCase(ctx, await caseOfSentMessageIds(ctx.db, ctx.agency.id, ids));
  if (threaded) {
    return {
      trackingNumber: threaded.tracking_number,
      caseId: threaded.id,
      restricted: threaded.restricted,
      verified: 'thread',
    };
  }
  const numbers = trackingNumbersIn(mail.subject);
  if (!numbers.length) return null;
  const named = await caseIdByTrackingNumbers(ctx.db, ctx.agency.id, numbers);
  const found = await survivingCase(ctx, named);
  if (!found) return null;
  const sender = normalizeEmail(mail.fromAddress);
  const known = sender !== '' && (await isAddressOfCasePeople(ctx.db, ctx.agency.id, found.id, sender));
  return {
    trackingNumber: found.tracking_number,
    caseId: found.id,
    restricted: found.restricted,
    verified: known ? 'sender' : null,
  };
}

/**
 * Whether a message may join its case without a person looking first: a threaded reply always; a known sender on
 * an ordinary case. On a restricted case a From header alone is not enough (it is easily forged): someone inside
 * the compartment accepts it from the quarantine.
 */
const joinsOnItsOwn = (match: CaseMatch) =>
  match.verified === 'thread' || (match.verified === 'sender' && !match.restricted);

function receivedAtOf(mail: ParsedEmail, now: Date): Date {
  const date = mail.date;
  if (!date || date.getTime() > now.getTime() + 60_000 || date.getTime() < Date.UTC(1990, 0, 1)) return now;
  return date;
}

/** Stores each attachment with the attachment command; a refused one becomes a note, the mail is kept. */
async function storeAttachments(
  deps: IngestDependencies,
  ctx: CommandContext,
  trackingNumber: string,
  mail: ParsedEmail,
) {
  for (const attachment of mail.attachments) {
    try {
      await attachFile(ctx, deps.config.dataDir, deps.config.maxAttachmentBytes, {
        trackingNumber,
        filename: attachment.filename,
        data: attachment.content,
        note: attachment.inline ? 'Inline image of the email.' : 'Attached to the email.',
      });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      await addCaseNote(
        ctx,
        trackingNumber,
        `The email's attachment "${attachment.filename}" (${attachment.contentType}, ${attachment.content.length} bytes) was not kept: ${error.message}`,
      );
    }
  }
}

async function handleAutomatic(
  ctx: CommandContext,
  raw: Buffer,
  envelope: InboundEnvelope,
  mail: ParsedEmail,
  automatic: { kind: 'auto_reply' | 'bounce' | 'loop'; reason: string },
): Promise<IngestOutcome> {
  // A bounce carries the returned message's headers in its body: look for Message-IDs we generated.
  const ours =
    automatic.kind === 'bounce' ? [...raw.toString('latin1').matchAll(/civicdesk\.[0-9a-f-]{36}@[^\s>]+/g)] : [];
  const bounced = await findOutboxByMessageIds(ctx.db, [...new Set(ours.map((m) => m[0]))]);
  const match = await caseForMessage(ctx, mail, bounced ? [bounced.message_id] : []);
  // Only a message that belongs to its case leaves a note there: a number in a subject is not enough.
  const belongs = match !== null && joinsOnItsOwn(match);
  const trackingNumber = belongs ? match.trackingNumber : null;
  const caseId = belongs ? match.caseId : null;
  await ctx.db.transaction().execute(async (tx) => {
    await quarantineMessage(tx, {
      agencyId: ctx.agency.id,
      channelSlug: envelope.channel.slug,
      kind: automatic.kind,
      reason: automatic.reason,
      caseId,
      envelopeFrom: envelope.from,
      envelopeTo: envelope.to,
      messageId: mail.messageId,
      subject: mail.subject,
      raw,
    });
    if (bounced && bounced.agency_id === ctx.agency.id) await setDeliveryStatus(tx, bounced, 'bounced');
  });
  if (trackingNumber) {
    const what =
      automatic.kind === 'bounce'
        ? `A delivery failure notice (bounce) came back from ${mail.fromAddress}`
        : `An automatic message (${automatic.reason}) came from ${mail.fromAddress}`;
    await addCaseNote(ctx, trackingNumber, `${what}: "${mail.subject}". It was not acknowledged.`);
  }
  return { outcome: 'quarantined', kind: automatic.kind, reason: automatic.reason, trackingNumber };
}

async function createFromEmail(
  deps: IngestDependencies,
  ctx: CommandContext,
  envelope: InboundEnvelope,
  mail: ParsedEmail,
): Promise<IngestOutcome> {
  const now = new Date();
  const receivedAt = receivedAtOf(mail, now);
  const detected = detectLanguage(`${mail.subject}\n${mail.text}`);
  const fingerprint = campaignFingerprint(mail.subject, mail.text, mail.fromName);
  const since = new Date(now.getTime() - CAMPAIGN_WINDOW_MS);
  let campaignKey: string | null = null;
  if (fingerprint) {
    const matches = await fingerprintMatches(ctx.db, ctx.agency.id, fingerprint, since);
    const senders = new Set([...matches.map((m) => m.from_address), mail.fromAddress]);
    if (senders.size >= CAMPAIGN_MIN_SENDERS) {
      campaignKey = matches.find((m) => m.campaign_key)?.campaign_key ?? `campaign-${fingerprint.slice(0, 12)}`;
    }
  }
  const name = splitName(mail.fromName);
  let acknowledged = false;
  const row = await createCase(ctx, {
    channel: envelope.channel.slug,
    title: mail.subject || '(no subject)',
    description: mail.text || '(The email had no text.)',
    person: { ...name, email: mail.fromAddress },
    ...(detected ? { language: detected } : {}),
    receivedAt,
    ...(campaignKey ? { tags: [`campaign:${campaignKey}`] } : {}),
    withinTransaction: async (tx, created) => {
      const entryId = await firstEntryIdOfKind(tx, ctx.agency.id, created.id, 'inbound');
      await insertEmailMessage(tx, {
        agencyId: ctx.agency.id,
        direction: 'inbound',
        caseId: created.id,
        entryId,
        messageId: mail.messageId,
        inReplyTo: mail.inReplyTo,
        references: mail.references,
        fromAddress: mail.fromAddress,
        toAddress: envelope.to,
        subject: mail.subject,
        fingerprint,
        campaignKey,
        receivedAt,
      });
      if (campaignKey && fingerprint) {
        const earlier = await joinCampaign(tx, ctx.agency.id, fingerprint, campaignKey, since);
        const tagged = await tagCases(tx, ctx.agency.id, earlier, `campaign:${campaignKey}`);
        for (const other of tagged) {
          await recordAudit(
            tx,
            { ...ctx, db: tx },
            {
              action: 'case.campaign_tagged',
              entityType: 'case',
              entityId: other.tracking_number,
              caseId: other.id,
              after: { campaign: campaignKey },
              reason: `${CAMPAIGN_MIN_SENDERS} or more people sent the same text within 7 days.`,
            },
          );
        }
      }
      // The detected language wins; only without one is the writer's preferred language read.
      const person =
        !detected && created.person_id ? await findPerson(tx, ctx.agency.id, created.person_id) : undefined;
      const result = await acknowledgeByEmail(tx, { ...ctx, db: tx }, created, {
        language: detected ?? person?.preferred_language ?? created.language,
        statusUrlBase: deps.config.publicUrl,
        toAddress: mail.fromAddress,
        known: {
          recipient: { address: mail.fromAddress, name: `${name.firstName} ${name.lastName}`.trim() },
          ...(envelope.channel.address ? { fromAddress: envelope.channel.address } : {}),
          answering: { message_id: mail.messageId, reference_ids: mail.references },
        },
      });
      acknowledged = result.outboxId !== null;
    },
  });
  if (mail.attachments.length) await storeAttachments(deps, ctx, row.tracking_number, mail);
  return { outcome: 'case_created', trackingNumber: row.tracking_number, acknowledged, campaignKey };
}

async function quarantineUnusable(
  deps: IngestDependencies,
  raw: Buffer,
  envelope: InboundEnvelope,
  reason: string,
  mail?: ParsedEmail,
): Promise<IngestOutcome> {
  await quarantineMessage(deps.db, {
    agencyId: envelope.channel.agency_id,
    channelSlug: envelope.channel.slug,
    kind: 'unparsable',
    reason,
    envelopeFrom: envelope.from,
    envelopeTo: envelope.to,
    messageId: mail?.messageId ?? null,
    subject: mail?.subject ?? null,
    raw,
  });
  return { outcome: 'quarantined', kind: 'unparsable', reason, trackingNumber: null };
}

/**
 * Takes one raw message in for one email channel. Throws only when even the quarantine cannot be written (the
 * database is down): the SMTP receiver then answers 451 and the sender tries again; the IMAP poller leaves the
 * message unseen.
 */
export async function ingestEmail(
  deps: IngestDependencies,
  raw: Buffer,
  envelope: InboundEnvelope,
): Promise<IngestOutcome> {
  let mail: ParsedEmail;
  try {
    mail = await parseEmail(raw);
  } catch (error) {
    if (!(error instanceof UnparsableEmailError)) throw error;
    return quarantineUnusable(deps, raw, envelope, `Could not be read: ${error.message}.`);
  }
  try {
    const ctx: CommandContext = {
      db: deps.db,
      agency: await agencyOf(deps.db, envelope.channel.agency_id),
      actor: systemActor('Email intake'),
      requestId: null,
    };
    if (await inboundMessageExists(deps.db, ctx.agency.id, mail.messageId)) {
      return { outcome: 'duplicate', messageId: mail.messageId };
    }
    const automatic = automaticMail(mail, envelopeSender(envelope, mail), await ownAddresses(deps.db));
    if (automatic) return await handleAutomatic(ctx, raw, envelope, mail, automatic);
    const match = await caseForMessage(ctx, mail);
    if (match && !joinsOnItsOwn(match) && match.restricted) {
      const reason =
        `Names restricted case ${match.trackingNumber} but ${match.verified === 'sender' ? 'has only a From header of one of its people' : 'neither answers a message we sent nor comes from an address of its people'}; ` +
        'someone who may see the case can accept it.';
      await quarantineMessage(deps.db, {
        agencyId: ctx.agency.id,
        channelSlug: envelope.channel.slug,
        kind: 'unverified_sender',
        reason,
        caseId: match.caseId,
        envelopeFrom: envelope.from,
        envelopeTo: envelope.to,
        messageId: mail.messageId,
        subject: mail.subject,
        fromAddress: mail.fromAddress,
        raw,
      });
      return { outcome: 'quarantined', kind: 'unverified_sender', reason, trackingNumber: null };
    }
    if (match && joinsOnItsOwn(match)) {
      const trackingNumber = match.trackingNumber;
      await addEmailReply(ctx, {
        trackingNumber,
        subject: mail.subject,
        body: mail.text || '(The email had no text.)',
        language: detectLanguage(mail.text),
        receivedAt: receivedAtOf(mail, new Date()),
        messageId: mail.messageId,
        inReplyTo: mail.inReplyTo,
        references: mail.references,
        fromAddress: mail.fromAddress,
        toAddress: envelope.to,
      });
      if (mail.attachments.length) await storeAttachments(deps, ctx, trackingNumber, mail);
      return { outcome: 'reply', trackingNumber };
    }
    return await createFromEmail(deps, ctx, envelope, mail);
  } catch (error) {
    if (isUniqueViolation(error)) return { outcome: 'duplicate', messageId: mail.messageId };
    const reason =
      error instanceof AppError
        ? `Intake refused it: ${error.message}`
        : `Intake failed: ${(error as Error).message ?? String(error)}`;
    return quarantineUnusable(deps, raw, envelope, reason, mail);
  }
}
