// Outbound mail through a fake relay: a response by email is written to the outbox with the response, sent by the
// job with threading headers; with the relay down nothing is lost and it goes when the relay is back; a 5xx is final.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../test/test-app.ts';
import { startFakeRelay, type FakeRelay } from '../test/fake-relay.ts';
import { drainJobs } from './worker.ts';
import { resetTransports } from './email-send.ts';

let t: TestApp;
let relay: FakeRelay;
let admin: SignedIn;

async function newCase(email: string | undefined) {
  const res = await admin.call('POST', '/api/v1/cases', {
    channel: 'email',
    // Coded, so the answer's {{subjectName}} has a value (a template with an empty field is refused).
    subject: 'OTHER',
    description: 'The streetlight on my corner is out.',
    person: { firstName: 'Lee', lastName: 'Chen', ...(email ? { email } : {}) },
  });
  expect(res.statusCode).toBe(201);
  return res.json().trackingNumber as string;
}

async function respond(trackingNumber: string) {
  return admin.call('POST', `/api/v1/cases/${trackingNumber}/responses`, {
    channel: 'email',
    templateCode: 'general-response',
    responseText: 'A crew will fix it this week.',
  });
}

async function outbox(trackingNumber: string) {
  return t.db
    .selectFrom('outbox as o')
    .innerJoin('cases as c', (j) => j.onRef('c.agency_id', '=', 'o.agency_id').onRef('c.id', '=', 'o.case_id'))
    .selectAll('o')
    .where('c.tracking_number', '=', trackingNumber)
    .orderBy('o.id')
    .execute();
}

async function entryStatus(entryId: number) {
  const row = await t.db
    .selectFrom('timeline_entries')
    .select('delivery_status')
    .where('id', '=', entryId)
    .executeTakeFirstOrThrow();
  return row.delivery_status;
}

/** Lets the backoff pass: the job runner's own tests cover the schedule. */
async function timePasses() {
  await t.db
    .updateTable('jobs')
    .set({ run_at: new Date(Date.now() - 1000) })
    .where('done_at', 'is', null)
    .execute();
}

beforeAll(async () => {
  relay = await startFakeRelay();
  t = await createTestApp({ smtpUrl: relay.url });
  admin = await signInAs(t.app);
});

afterAll(async () => {
  resetTransports();
  await relay?.stop();
  await t?.close();
});

describe('email out', () => {
  it('writes a response by email to the outbox in the same transaction and sends it with our Message-ID', async () => {
    const tn = await newCase('lee.chen@resident.example');
    const res = await respond(tn);
    expect(res.statusCode).toBe(201);
    const [row] = await outbox(tn);
    expect(row).toMatchObject({
      kind: 'response',
      status: 'queued',
      to_address: 'lee.chen@resident.example',
      auto_submitted: false,
    });
    expect(row!.subject).toContain(tn);
    await drainJobs({ db: t.db, config: t.config });
    const message = relay.messages.find((m) => m.to.includes('lee.chen@resident.example'))!;
    const parsed = await simpleParser(message.raw);
    expect(parsed.messageId).toBe(`<${row!.message_id}>`);
    expect(parsed.headers.get('auto-submitted')).toBeUndefined();
    expect(parsed.text).toContain('A crew will fix it this week.');
    expect((await outbox(tn))[0]!.status).toBe('sent');
    expect(await entryStatus(row!.entry_id!)).toBe('sent');
  });

  it('says so on the timeline when the person has no email address', async () => {
    const tn = await newCase(undefined);
    expect((await respond(tn)).statusCode).toBe(201);
    expect(await outbox(tn)).toHaveLength(0);
    const entry = await t.db
      .selectFrom('timeline_entries as e')
      .innerJoin('cases as c', 'c.id', 'e.case_id')
      .select('e.delivery_status')
      .where('c.tracking_number', '=', tn)
      .where('e.kind', '=', 'outbound')
      .executeTakeFirstOrThrow();
    expect(entry.delivery_status).toBe('no_address');
  });

  it('loses nothing while the relay is down and sends everything when it is back', async () => {
    await relay.stop();
    resetTransports();
    const tns = [await newCase('one@resident.example'), await newCase('two@resident.example')];
    for (const tn of tns) expect((await respond(tn)).statusCode).toBe(201);
    await drainJobs({ db: t.db, config: t.config });
    for (const tn of tns) {
      const [row] = await outbox(tn);
      expect(row).toMatchObject({ status: 'queued', attempts: 1 });
      expect(row!.last_error).toMatch(/ECONNREFUSED|connect/i);
      expect(await entryStatus(row!.entry_id!)).toBe('queued');
    }
    const pending = await t.db
      .selectFrom('jobs')
      .select(['run_at', 'attempts'])
      .where('kind', '=', 'email-send')
      .where('done_at', 'is', null)
      .execute();
    expect(pending).toHaveLength(2);
    expect(pending.every((j) => j.run_at.getTime() > Date.now())).toBe(true); // backoff

    await relay.start();
    relay.messages.length = 0;
    await timePasses();
    await drainJobs({ db: t.db, config: t.config });
    expect(relay.messages.map((m) => m.to[0]).sort()).toEqual(['one@resident.example', 'two@resident.example']);
    for (const tn of tns) expect((await outbox(tn))[0]!.status).toBe('sent');
  });

  it('marks a message failed when the relay refuses it for good (5xx)', async () => {
    relay.refuse.set('gone@resident.example', 550);
    const tn = await newCase('gone@resident.example');
    expect((await respond(tn)).statusCode).toBe(201);
    await drainJobs({ db: t.db, config: t.config });
    const [row] = await outbox(tn);
    expect(row!.status).toBe('failed');
    expect(await entryStatus(row!.entry_id!)).toBe('failed');
  });

  it('writes no outbox row when the response itself is refused', async () => {
    const tn = await newCase('closed@resident.example');
    await admin.call('POST', `/api/v1/cases/${tn}/status`, { status: 'closed' });
    expect((await respond(tn)).statusCode).toBe(409);
    expect(await outbox(tn)).toHaveLength(0);
  });
});
