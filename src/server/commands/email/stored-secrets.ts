// The secrets civicdesk keeps in its database, encrypted at rest (secret-box.ts): today the IMAP mailbox passwords.
// Rows written before encryption (or sealed under the key generated before CIVICDESK_SECRET was set) are sealed
// under the current key at start, and also when they are read.
import type { Db } from '../../db/database.ts';
import type { Config } from '../../env.ts';
import { replaceMailboxPassword, storedMailboxPasswords, type MailboxRow } from '../../repositories/email-messages.ts';
import { atRestBox, mailboxPasswordContext, SecretKeyError } from '../../secret-box.ts';

/** The password of a mailbox as stored, sealed for keeping. */
export async function sealMailboxPassword(
  db: Db,
  config: Pick<Config, 'secret'>,
  agencyId: number,
  channelId: number,
  password: string,
): Promise<string> {
  return (await atRestBox(db, config)).seal(password, mailboxPasswordContext(agencyId, channelId));
}

/** The plain password of a mailbox; a plain or stale stored value is sealed again under the current key. */
export async function openMailboxPassword(
  db: Db,
  config: Pick<Config, 'secret'>,
  row: Pick<MailboxRow, 'agency_id' | 'channel_id' | 'password'>,
): Promise<string> {
  const box = await atRestBox(db, config);
  const context = mailboxPasswordContext(row.agency_id, row.channel_id);
  const { plain, stale } = box.open(row.password, context);
  if (stale && plain) {
    await replaceMailboxPassword(db, row.agency_id, row.channel_id, row.password, box.seal(plain, context));
  }
  return plain;
}

/**
 * Seals every stored secret that is not sealed under the current key (run at start). One that cannot be opened (sealed
 * under a key this server does not have) is left as it is and counted: its mailbox reports the reason when polled.
 */
export async function sealStoredSecrets(
  db: Db,
  config: Pick<Config, 'secret'>,
): Promise<{ sealed: number; unreadable: number }> {
  let sealed = 0;
  let unreadable = 0;
  const box = await atRestBox(db, config);
  for (const row of await storedMailboxPasswords(db)) {
    try {
      if (row.password === '' || box.sealedWithCurrentKey(row.password)) continue;
      await openMailboxPassword(db, config, row);
      sealed += 1;
    } catch (error) {
      if (!(error instanceof SecretKeyError)) throw error;
      unreadable += 1;
    }
  }
  return { sealed, unreadable };
}
