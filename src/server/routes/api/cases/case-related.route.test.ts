import { readdirSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { createUser, USER_PASSWORD } from '../../../test/factories.ts';

let t: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  t = await createTestApp({
    maxAttachmentBytes: 64 * 1024,
    dataDir: `/tmp/civicdesk-test-${process.pid}-${Date.now()}`,
  });
  admin = await signInAs(t.app);
});
afterAll(async () => t.close());

async function newCase(extra: Record<string, unknown> = {}) {
  const res = await admin.call('POST', '/api/v1/cases', {
    channel: 'letter',
    subject: 'SHELTER.CONDITIONS',
    description: 'Mold in room 4B.',
    person: { firstName: 'Jean', lastName: 'Baptiste', phone: '718-555-0101', language: 'ht' },
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

function multipart(filename: string, content: Buffer, note?: string) {
  const boundary = '----civicdesk' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  if (note) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\n${note}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      cookie: admin.cookie,
      'x-csrf-token': admin.csrfToken,
    },
  };
}

describe('referrals', () => {
  it('refers to a unit, lets that unit reply, and shows both on the timeline', async () => {
    const c = await newCase();
    const res = await admin.call('POST', `/api/v1/cases/${c.trackingNumber}/referrals`, {
      unit: 'HCS',
      request: 'Is a home attendant assigned?',
    });
    expect(res.statusCode, res.body).toBe(201);
    const liaison = await createUser(t.db, { email: 'hcs@example.gov', role: 'unit_liaison', units: ['HCS'] });
    const session = await signInAs(t.app, liaison.email, USER_PASSWORD);
    // The referral makes the case visible to the referred unit's liaison.
    expect((await session.call('GET', `/api/v1/cases/${c.trackingNumber}`)).statusCode).toBe(200);
    const replied = await session.call('POST', `/api/v1/cases/${c.trackingNumber}/referrals/${res.json().id}/reply`, {
      reply: 'Yes, since May.',
    });
    expect(replied.statusCode, replied.body).toBe(204);
    const timeline = (await admin.call('GET', `/api/v1/cases/${c.trackingNumber}/timeline`)).json();
    expect(timeline.referrals[0]).toMatchObject({ unit: 'HCS', status: 'answered', reply: 'Yes, since May.' });
    expect(timeline.entries.map((e: { kind: string }) => e.kind)).toEqual(['inbound', 'referral', 'referral_reply']);
    const again = await session.call('POST', `/api/v1/cases/${c.trackingNumber}/referrals/${res.json().id}/reply`, {
      reply: 'again',
    });
    expect(again.statusCode).toBe(409);
  });

  it('refuses an unknown unit or a past due date', async () => {
    const c = await newCase();
    const bad = await admin.call('POST', `/api/v1/cases/${c.trackingNumber}/referrals`, { unit: 'NOPE', request: 'x' });
    expect(bad.json().error.details[0].field).toBe('unit');
    const past = await admin.call('POST', `/api/v1/cases/${c.trackingNumber}/referrals`, {
      unit: 'HCS',
      request: 'x',
      dueAt: '2001-01-01T00:00:00Z',
    });
    expect(past.json().error.details[0].field).toBe('dueAt');
  });

  it('keeps a due date as the local date it is: "2099-12-10" is due at the end of 10 December where the agency is', async () => {
    const c = await newCase();
    for (const body of [{ dueDate: '2099-12-10' }, { dueAt: '2099-12-10' }]) {
      const res = await admin.call('POST', `/api/v1/cases/${c.trackingNumber}/referrals`, {
        unit: 'HCS',
        request: 'Due on the tenth.',
        ...body,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const timeline = (await admin.call('GET', `/api/v1/cases/${c.trackingNumber}/timeline`)).json();
    for (const referral of timeline.referrals) {
      expect(referral.dueDate).toBe('2099-12-10');
      // New York is five hours behind UTC in December: the tenth ends at 05:00 UTC on the eleventh.
      expect(referral.dueAt).toBe('2099-12-11T04:59:59.999Z');
    }
    const wrong = await admin.call('POST', `/api/v1/cases/${c.trackingNumber}/referrals`, {
      unit: 'HCS',
      request: 'x',
      dueDate: '2099-02-30',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0].field).toBe('dueDate');
  });
});

describe('links and merge', () => {
  it('links both ways and merges a duplicate into the survivor', async () => {
    const a = await newCase();
    const b = await newCase({ description: 'Same mold, second letter.' });
    const linked = await admin.call('POST', `/api/v1/cases/${a.trackingNumber}/links`, {
      other: b.trackingNumber,
      kind: 'parent_of',
    });
    expect(linked.statusCode, linked.body).toBe(201);
    expect((await admin.call('GET', `/api/v1/cases/${b.trackingNumber}/links`)).json()).toEqual([
      { kind: 'child_of', trackingNumber: a.trackingNumber, status: 'triaged' },
    ]);
    const merged = await admin.call('POST', `/api/v1/cases/${b.trackingNumber}/merge`, { into: a.trackingNumber });
    expect(merged.statusCode, merged.body).toBe(200);
    const duplicate = (await admin.call('GET', `/api/v1/cases/${b.trackingNumber}`)).json();
    expect(duplicate.status).toBe('closed');
    expect(duplicate.mergedInto).toBeTruthy();
    const timeline = (await admin.call('GET', `/api/v1/cases/${a.trackingNumber}/timeline`)).json();
    expect(timeline.entries.some((e: { body: string }) => e.body === 'Same mold, second letter.')).toBe(true);
    const noteOnMerged = await admin.call('POST', `/api/v1/cases/${b.trackingNumber}/notes`, { body: 'x' });
    expect(noteOnMerged.statusCode).toBe(409);
    expect(
      (await admin.call('POST', `/api/v1/cases/${a.trackingNumber}/merge`, { into: a.trackingNumber })).statusCode,
    ).toBe(400);
  });
});

describe('split', () => {
  it('splits part of a case off into a linked case with the same writer and received date', async () => {
    const c = await newCase({
      channel: 'email',
      description: 'Mold in room 4B. Also: my home attendant stopped coming.',
      receivedAt: '2026-02-03T15:00:00Z',
    });
    const missing = await admin.call('POST', `/api/v1/cases/${c.trackingNumber}/split`, { description: 'x' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].field).toBe('expectedVersion');
    const blank = await admin.call('POST', `/api/v1/cases/${c.trackingNumber}/split`, {
      expectedVersion: c.version,
      description: '',
    });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.details[0].field).toBe('description');
    const badFile = await admin.call('POST', `/api/v1/cases/${c.trackingNumber}/split`, {
      expectedVersion: c.version,
      description: 'Home attendant stopped coming.',
      attachmentIds: [987654],
    });
    expect(badFile.statusCode).toBe(400);
    expect(badFile.json().error.details[0].field).toBe('attachmentIds');

    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${c.trackingNumber}/split`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'if-match': `W/"${c.version}"` },
      payload: { description: 'My home attendant stopped coming.', unit: 'HCS' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { original, split } = res.json();
    expect(original.trackingNumber).toBe(c.trackingNumber);
    expect(original.version).toBe(c.version + 1);
    expect(split).toMatchObject({
      channel: 'email',
      language: c.language,
      writerType: c.writerType,
      receivedAt: '2026-02-03T15:00:00.000Z',
      unit: 'HCS',
      description: 'My home attendant stopped coming.',
      person: { id: c.person.id },
    });
    expect((await admin.call('GET', `/api/v1/cases/${split.trackingNumber}/links`)).json()).toEqual([
      { kind: 'related', trackingNumber: c.trackingNumber, status: original.status },
    ]);
    const timeline = (await admin.call('GET', `/api/v1/cases/${c.trackingNumber}/timeline`)).json();
    expect(timeline.entries.map((e: { body: string }) => e.body)).toContain(
      `Part of this case was split off into case ${split.trackingNumber}.`,
    );
    const audit = (await admin.call('GET', `/api/v1/cases/${split.trackingNumber}/audit`)).json();
    expect(audit.map((e: { action: string }) => e.action)).toContain('case.split_off');

    const stale = await admin.call('POST', `/api/v1/cases/${c.trackingNumber}/split`, {
      expectedVersion: c.version,
      description: 'Again.',
    });
    expect(stale.statusCode).toBe(409);
  });
});

describe('attachments', () => {
  it('stores a PDF, lists it on the timeline and serves it back', async () => {
    const c = await newCase();
    const pdf = Buffer.from('%PDF-1.4\n% test letter scan\n');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${c.trackingNumber}/attachments`,
      ...multipart('scan.pdf', pdf, 'Letter scan'),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ filename: 'scan.pdf', contentType: 'application/pdf', sizeBytes: pdf.length });
    const timeline = (await admin.call('GET', `/api/v1/cases/${c.trackingNumber}/timeline`)).json();
    const entry = timeline.entries.find((e: { kind: string }) => e.kind === 'attachment');
    expect(entry.attachments[0].filename).toBe('scan.pdf');
    const download = await admin.call('GET', `/api/v1/cases/${c.trackingNumber}/attachments/${res.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(pdf)).toBe(true);
  });

  it('cleans direction overrides and controls from the name, and keeps the file readable by the server only', async () => {
    const c = await newCase();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${c.trackingNumber}/attachments`,
      ...multipart('invoice\u202Etxt.pdf', Buffer.from('%PDF-1.4\n% spoofed name\n')),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().filename).toBe('invoicetxt.pdf');
    const row = await t.db
      .selectFrom('attachments')
      .select('storage_key')
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    const stored = statSync(path.join(t.config.dataDir, 'attachments', row.storage_key));
    expect(stored.mode & 0o777).toBe(0o600);
  });

  it('refuses an executable and an oversized file, leaving nothing behind', async () => {
    const c = await newCase();
    const countFiles = () => {
      const root = path.join(t.config.dataDir, 'attachments');
      const walk = (dir: string): number =>
        existsSync(dir)
          ? readdirSync(dir, { withFileTypes: true }).reduce(
              (n, d) => n + (d.isDirectory() ? walk(path.join(dir, d.name)) : 1),
              0,
            )
          : 0;
      return walk(root);
    };
    const before = countFiles();
    const exe = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${c.trackingNumber}/attachments`,
      ...multipart('invoice.pdf', Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0])),
    });
    expect(exe.statusCode).toBe(415);
    const big = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${c.trackingNumber}/attachments`,
      ...multipart('big.txt', Buffer.alloc(100 * 1024, 'a')),
    });
    expect(big.statusCode).toBe(413);
    expect(countFiles()).toBe(before);
    const timeline = (await admin.call('GET', `/api/v1/cases/${c.trackingNumber}/timeline`)).json();
    expect(timeline.entries).toHaveLength(1);
  });
});
