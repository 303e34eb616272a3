// IMAP mailbox polling (imapflow) for email channels that receive mail elsewhere: fetch the unseen messages, take
// each in through the same intake as SMTP, then mark it seen (or move it). A message whose intake fails stays
// unseen for the next poll; a message already taken in (same Message-ID) is only marked. Passwords are never logged.
import { ImapFlow } from 'imapflow';
import type { Db } from '../../db/database.ts';
import { activeMailboxes, markMailboxPolled, type MailboxRow } from '../../repositories/email-messages.ts';
import { findChannel, type ChannelRow } from '../../repositories/channels.ts';
import { ingestEmail, type IngestDependencies, type IngestOutcome } from './email-ingest.ts';
import { SecretKeyError } from '../../secret-box.ts';
import { openMailboxPassword } from '../../commands/email/stored-secrets.ts';

export interface PollResult {
  fetched: number;
  outcomes: IngestOutcome[];
  failed: number;
}

/** How many messages one poll takes at most (the rest wait for the next poll). */
const BATCH = 200;

function clientFor(mailbox: MailboxRow): ImapFlow {
  return new ImapFlow({
    host: mailbox.host,
    port: mailbox.port,
    secure: mailbox.secure,
    auth: { user: mailbox.username, pass: mailbox.password },
    logger: false,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
}

/** Error text without anything of the credentials (imapflow may echo the user or the server's answer). */
function safeError(error: unknown, mailbox: MailboxRow): string {
  let text = (error as Error).message ?? String(error);
  if (mailbox.password) text = text.split(mailbox.password).join('***');
  return text.slice(0, 500);
}

/** Polls one mailbox once. */
export async function pollMailbox(
  deps: IngestDependencies,
  stored: MailboxRow,
  channel: ChannelRow,
): Promise<PollResult> {
  // The password is kept encrypted (secret-box.ts); a wrong CIVICDESK_SECRET fails here with a sentence saying so.
  let mailbox: MailboxRow;
  try {
    mailbox = { ...stored, password: await openMailboxPassword(deps.db, deps.config, stored) };
  } catch (error) {
    if (!(error instanceof SecretKeyError)) throw error;
    await markMailboxPolled(deps.db, stored.agency_id, stored.channel_id, error.message).catch(() => {});
    throw new Error(`Polling the mailbox of channel "${channel.slug}" failed: ${error.message}`, { cause: error });
  }
  const client = clientFor(mailbox);
  client.on('error', () => {});
  const result: PollResult = { fetched: 0, outcomes: [], failed: 0 };
  try {
    await client.connect();
    const lock = await client.getMailboxLock(mailbox.folder);
    try {
      const found = await client.search({ seen: false }, { uid: true });
      const uids = (found || []).slice(0, BATCH);
      for (const uid of uids) {
        const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
        if (!message || !message.source) continue;
        result.fetched++;
        let outcome: IngestOutcome;
        try {
          outcome = await ingestEmail(deps, message.source, {
            from: null,
            to: channel.address ?? mailbox.username,
            channel,
          });
        } catch {
          result.failed++;
          continue; // stays unseen: the next poll tries again
        }
        result.outcomes.push(outcome);
        if (mailbox.move_to) await client.messageMove(String(uid), mailbox.move_to, { uid: true });
        else await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      }
    } finally {
      lock.release();
    }
    await client.logout();
    await markMailboxPolled(deps.db, mailbox.agency_id, mailbox.channel_id, null);
  } catch (error) {
    client.close();
    await markMailboxPolled(deps.db, mailbox.agency_id, mailbox.channel_id, safeError(error, mailbox)).catch(() => {});
    throw new Error(`Polling the mailbox of channel "${channel.slug}" failed: ${safeError(error, mailbox)}`, {
      cause: error,
    });
  }
  return result;
}

/** Polls every active mailbox once; one mailbox failing does not stop the others. */
export async function pollAllMailboxes(deps: IngestDependencies, log?: (message: string) => void): Promise<void> {
  for (const mailbox of await activeMailboxes(deps.db)) {
    const channel = await findChannel(deps.db as Db, mailbox.agency_id, mailbox.channel_slug);
    if (!channel) continue;
    try {
      await pollMailbox(deps, mailbox, channel);
    } catch (error) {
      log?.((error as Error).message);
    }
  }
}
