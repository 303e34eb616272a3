// IMAP polling against a real Dovecot: a message appended to the test mailbox becomes a case, is marked seen, and
// is taken in once only; the mailbox password is write-only on the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapFlow } from 'imapflow';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../test/test-app.ts';
import { startDovecot, type Dovecot } from '../../test/dovecot.ts';
import { sealStoredSecrets } from '../../commands/email/stored-secrets.ts';
import { atRestBox, mailboxPasswordContext, SecretKeyError } from '../../secret-box.ts';
import { findChannel } from '../../repositories/channels.ts';
import { pollMailbox } from './imap-poller.ts';

let t: TestApp;
let dovecot: Dovecot;
let admin: SignedIn;

function imap() {
  return new ImapFlow({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    auth: { user: dovecot.user, pass: dovecot.password },
    logger: false,
  });
}

async function append(raw: string) {
  const client = imap();
  await client.connect();
  await client.append('INBOX', raw);
  await client.logout();
}

async function flagsOfAll(): Promise<string[][]> {
  const client = imap();
  await client.connect();
  const lock = await client.getMailboxLock('INBOX');
  const flags: string[][] = [];
  try {
    for await (const message of client.fetch('1:*', { flags: true })) flags.push([...(message.flags ?? [])]);
  } finally {
    lock.release();
  }
  await client.logout();
  return flags;
}

const message = (id: string, subject: string) =>
  [
    'From: Maya Rivera <maya@resident.example>',
    'To: correspondence@localhost',
    `Subject: ${subject}`,
    `Message-ID: <${id}>`,
    `Date: ${new Date().toUTCString()}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'The playground gate has been broken for two weeks.',
    '',
  ].join('\r\n');

beforeAll(async () => {
  dovecot = await startDovecot();
  t = await createTestApp();
  admin = await signInAs(t.app);
});

afterAll(async () => {
  await t?.close();
  await dovecot?.stop();
});

describe('IMAP mailbox polling', () => {
  it('keeps the password write-only', async () => {
    const set = await admin.call('PUT', '/api/v1/channels/email/mailbox', {
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      username: dovecot.user,
      password: dovecot.password,
    });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ hasPassword: true, username: dovecot.user });
    expect(set.body).not.toContain(dovecot.password);
    const channels = await admin.call('GET', '/api/v1/channels');
    expect(channels.body).not.toContain(dovecot.password);
    const got = await admin.call('GET', '/api/v1/channels/email/mailbox');
    expect(got.body).not.toContain(dovecot.password);
    const audit = await t.db
      .selectFrom('audit_events')
      .select('changes')
      .where('action', 'like', 'channel.mailbox%')
      .execute();
    expect(JSON.stringify(audit)).not.toContain(dovecot.password);
    // At rest the password is sealed (AES-256-GCM, versioned format): the row holds no plaintext.
    const stored = await t.db.selectFrom('email_mailboxes').select('password').executeTakeFirstOrThrow();
    expect(stored.password).toMatch(/^cd1\.[\w-]{8}\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(stored.password).not.toContain(dovecot.password);
    expect(stored.password).not.toContain(Buffer.from(dovecot.password).toString('base64url'));
  });

  it('refuses a mailbox on a channel that is not email, and non-administrators', async () => {
    const wrong = await admin.call('PUT', '/api/v1/channels/phone/mailbox', {
      host: 'imap.example',
      port: 993,
      username: 'x',
      password: 'y',
    });
    expect(wrong.statusCode).toBe(400);
  });

  it('fetches unseen mail, creates the case, marks the message seen, and takes it in only once', async () => {
    await append(message('imap-1@resident.example', 'Broken playground gate'));
    const polled = await admin.call('POST', '/api/v1/channels/email/mailbox/poll');
    expect(polled.statusCode).toBe(200);
    expect(polled.json()).toMatchObject({ fetched: 1, casesCreated: 1, failed: 0 });
    const row = await t.db.selectFrom('cases').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(row.channel_slug).toBe('email');
    expect(row.description).toContain('playground gate');
    expect((await flagsOfAll())[0]).toContain('\\Seen');

    const again = await admin.call('POST', '/api/v1/channels/email/mailbox/poll');
    expect(again.json()).toMatchObject({ fetched: 0 });

    // The same message delivered a second time (e.g. copied back unseen) is not a second case.
    await append(message('imap-1@resident.example', 'Broken playground gate'));
    const duplicate = await admin.call('POST', '/api/v1/channels/email/mailbox/poll');
    expect(duplicate.json()).toMatchObject({ fetched: 1, duplicates: 1, casesCreated: 0 });
  });

  it('reads a plain password written before encryption, seals it at start, and fails clearly under another key', async () => {
    const row = await t.db.selectFrom('email_mailboxes').selectAll().executeTakeFirstOrThrow();
    await t.db.updateTable('email_mailboxes').set({ password: dovecot.password }).execute();
    expect(await sealStoredSecrets(t.db, t.config)).toEqual({ sealed: 1, unreadable: 0 });
    const sealed = (await t.db.selectFrom('email_mailboxes').select('password').executeTakeFirstOrThrow()).password;
    expect(sealed).toMatch(/^cd1\./);
    expect(sealed).not.toContain(dovecot.password);
    expect(await sealStoredSecrets(t.db, t.config)).toEqual({ sealed: 0, unreadable: 0 });

    // The sealed password still logs in (a real IMAP login), and a plain one is read and sealed when polled.
    await t.db.updateTable('email_mailboxes').set({ password: dovecot.password }).execute();
    await append(message('imap-2@resident.example', 'Streetlight out'));
    const channel = await findChannel(t.db, row.agency_id, 'email');
    const fresh = await t.db.selectFrom('email_mailboxes').selectAll().executeTakeFirstOrThrow();
    expect((await pollMailbox({ db: t.db, config: t.config }, fresh, channel!)).fetched).toBe(1);
    const resealed = (await t.db.selectFrom('email_mailboxes').select('password').executeTakeFirstOrThrow()).password;
    expect(resealed).toMatch(/^cd1\./);

    // Setting CIVICDESK_SECRET later: what the generated key sealed opens and is sealed again under the new key.
    const withSecret = { ...t.config, secret: 'the-configured-secret-of-at-least-32-chars' };
    expect(await sealStoredSecrets(t.db, withSecret)).toEqual({ sealed: 1, unreadable: 0 });
    // Another CIVICDESK_SECRET: the poll stops with a sentence naming both key ids, never the password.
    const otherConfig = { ...t.config, secret: 'another-secret-of-at-least-32-characters!!' };
    const other = await t.db.selectFrom('email_mailboxes').selectAll().executeTakeFirstOrThrow();
    const failure = await pollMailbox({ db: t.db, config: otherConfig }, other, channel!).then(
      () => 'polled',
      (error: Error) => error.message,
    );
    expect(failure).toMatch(
      /encrypted with another key \(key id [\w-]{8}\); this server's CIVICDESK_SECRET gives key id/,
    );
    expect(failure).not.toContain(dovecot.password);
    expect(await sealStoredSecrets(t.db, otherConfig)).toEqual({ sealed: 0, unreadable: 1 });
    // Moved to another row (or altered), a sealed value does not open.
    const box = await atRestBox(t.db, t.config);
    expect(() => box.open(resealed, mailboxPasswordContext(row.agency_id, row.channel_id + 1))).toThrow(SecretKeyError);
    expect(box.open(resealed, mailboxPasswordContext(row.agency_id, row.channel_id)).plain).toBe(dovecot.password);
  });

  it('reports a mailbox it cannot log in to without echoing the password', async () => {
    await admin.call('PUT', '/api/v1/channels/email/mailbox', {
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      username: dovecot.user,
      password: 'wrong-password-123',
    });
    const res = await admin.call('POST', '/api/v1/channels/email/mailbox/poll');
    expect(res.statusCode).toBe(503);
    expect(res.body).not.toContain('wrong-password-123');
    const got = await admin.call('GET', '/api/v1/channels/email/mailbox');
    expect(got.json().lastError).toBeTruthy();
  });
});
