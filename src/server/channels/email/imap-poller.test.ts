// IMAP polling against a real Dovecot: a message appended to the test mailbox becomes a case, is marked seen, and
// is taken in once only; the mailbox password is write-only on the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapFlow } from 'imapflow';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../test/test-app.ts';
import { startDovecot, type Dovecot } from '../../test/dovecot.ts';

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
