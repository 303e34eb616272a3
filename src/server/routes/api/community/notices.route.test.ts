// Notices to the public through the API, with mail over real SMTP (the fake relay): the audience of one program's
// Spanish- and Chinese-speaking people, the preview's counts by language and channel, suppression (opted out,
// confidential, no address), the approved template in each language (English where one has none), email paced
// through the outbox at the relay's rate, letters waiting for the print batch, and the delivery log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { startFakeRelay, type FakeRelay } from '../../../test/fake-relay.ts';
import { signInWithRole } from '../../../test/admin-test-support.ts';
import { drainJobs } from '../../../jobs/worker.ts';
import { resetTransports } from '../../../jobs/email-send.ts';

let t: TestApp;
let relay: FakeRelay;
let admin: SignedIn;
let caseworker: SignedIn;

async function newCase(person: Record<string, string>, subject = 'SNAP') {
  const res = await admin.call('POST', '/api/v1/cases', {
    channel: 'phone',
    subject,
    description: 'Asked about recertification.',
    person,
  });
  expect(res.statusCode, res.body).toBe(201);
  const c = await t.db
    .selectFrom('cases')
    .select(['id', 'person_id'])
    .where('tracking_number', '=', res.json().trackingNumber)
    .executeTakeFirstOrThrow();
  if (person.language) {
    await t.db
      .updateTable('people')
      .set({ preferred_language: person.language })
      .where('id', '=', c.person_id!)
      .execute();
  }
  return { trackingNumber: res.json().trackingNumber as string, personId: c.person_id! };
}

async function approvedTemplate(channel: 'email' | 'letter', language: string, subject: string, body: string) {
  const agency = await t.db.selectFrom('agencies').select('id').where('slug', '=', 'main').executeTakeFirstOrThrow();
  const template = await t.db
    .insertInto('templates')
    .values({ agency_id: agency.id, code: 'snap-change', name: 'SNAP change', channel, language })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('template_versions')
    .values({ agency_id: agency.id, template_id: template.id, version: 1, subject, body, status: 'approved' })
    .execute();
}

const notice = {
  title: 'SNAP office hours change',
  templateCode: 'snap-change',
  delivery: 'email_else_letter',
  audience: { subjectCode: 'SNAP', languages: ['es', 'zh'] },
};

beforeAll(async () => {
  relay = await startFakeRelay();
  t = await createTestApp({ smtpUrl: relay.url, bulkMailPerMinute: 1 });
  admin = await signInAs(t.app);
  caseworker = await signInWithRole(t, admin, 'caseworker');
  await approvedTemplate('email', 'en', 'SNAP office hours', 'Dear {{firstName}}, our hours change.');
  await approvedTemplate('email', 'es', 'Horario de SNAP', 'Estimada {{firstName}}: cambia nuestro horario.');
  await approvedTemplate('letter', 'en', 'SNAP office hours', 'Dear {{firstName}}, our hours change.');
});

afterAll(async () => {
  resetTransports();
  await relay?.stop();
  await t?.close();
});

describe('notices to the public', () => {
  it('previews, suppresses, sends by email at the relay rate and by letter, and logs each person', async () => {
    const ana = await newCase({ firstName: 'Ana', lastName: 'Ruiz', email: 'ana@example.org', language: 'es' });
    const beto = await newCase({ firstName: 'Beto', lastName: 'Soto', email: 'beto@example.org', language: 'es' });
    const wei = await newCase({
      firstName: 'Wei',
      lastName: 'Li',
      address: '12 Mott St\nNew York, NY 10013',
      language: 'zh',
    });
    const optedOut = await newCase({ firstName: 'Carla', lastName: 'Paz', email: 'carla@example.org', language: 'es' });
    const hidden = await newCase({ firstName: 'Dora', lastName: 'Vega', email: 'dora@example.org', language: 'es' });
    await newCase({ firstName: 'Fang', lastName: 'Wu', language: 'zh' });
    await newCase({ firstName: 'Ed', lastName: 'Jones', email: 'ed@example.org', language: 'en' });
    await newCase({ firstName: 'Eva', lastName: 'Mora', email: 'eva@example.org', language: 'es' }, 'OTHER');
    await t.db
      .updateTable('people')
      .set({ confidential_reason: 'address_confidentiality' })
      .where('id', '=', hidden.personId)
      .execute();
    expect(
      (
        await caseworker.call('PUT', `/api/v1/people/${optedOut.personId}/notice-opt-out`, { reason: 'Asked by phone' })
      ).json(),
    ).toEqual({
      personId: optedOut.personId,
      optedOut: true,
    });

    const preview = await caseworker.call('POST', '/api/v1/notices/preview', notice);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({
      recipients: 3,
      byLanguage: [
        { language: 'es', email: 2, letter: 0, fallback: false },
        { language: 'zh', email: 0, letter: 1, fallback: true },
      ],
      // A person flagged confidential does not exist for someone outside the compartment: not listed, not counted,
      // never written to. (Inside it, such a person is counted as suppressed: confidential.)
      suppressed: { opted_out: 1, confidential: 0, no_address: 1 },
      problems: [],
    });
    // One a minute: the second email waits a minute.
    const { firstSendAt, lastSendAt } = preview.json();
    expect(Date.parse(lastSendAt) - Date.parse(firstSendAt)).toBe(60_000);

    // Sending speaks for the agency: supervisors and administrators only; nothing is written when refused.
    expect((await caseworker.call('POST', '/api/v1/notices', notice)).statusCode).toBe(403);
    expect(await t.db.selectFrom('notices').select('id').execute()).toHaveLength(0);

    const sent = await admin.call('POST', '/api/v1/notices', notice);
    expect(sent.statusCode, sent.body).toBe(201);
    const view = sent.json();
    expect(view).toMatchObject({ recipientCount: 3, suppressedCount: 2, delivered: { letter: { toPrint: 1 } } });
    const byName = Object.fromEntries(view.recipients.map((r: { name: string }) => [r.name, r]));
    expect(byName['Wei Li']).toMatchObject({
      channel: 'letter',
      deliveryStatus: 'to_print',
      trackingNumber: wei.trackingNumber,
    });
    expect(byName['Carla Paz']).toMatchObject({ channel: null, suppressedReason: 'opted_out' });
    expect(byName['Fang Wu']).toMatchObject({ suppressedReason: 'no_address' });
    // The confidential person is not shown to someone outside the compartment, not even in the log.
    expect(byName['Dora Vega']).toBeUndefined();

    const jobs = await t.db
      .selectFrom('jobs')
      .select('run_at')
      .where('kind', '=', 'email-send')
      .where('done_at', 'is', null)
      .orderBy('run_at')
      .execute();
    expect(jobs).toHaveLength(2);
    expect(new Date(jobs[1]!.run_at).getTime() - new Date(jobs[0]!.run_at).getTime()).toBe(60_000);

    // The first email goes now; the second only once its minute has come.
    await drainJobs({ db: t.db, config: t.config });
    expect(relay.messages).toHaveLength(1);
    await t.db
      .updateTable('jobs')
      .set({ run_at: new Date(Date.now() - 1000) })
      .where('done_at', 'is', null)
      .execute();
    await drainJobs({ db: t.db, config: t.config });
    expect(
      relay.messages
        .map((m) => m.to)
        .flat()
        .sort(),
    ).toEqual(['ana@example.org', 'beto@example.org']);
    const mail = await simpleParser(relay.messages.find((m) => m.to.includes('ana@example.org'))!.raw);
    expect(mail.subject).toContain('Horario de SNAP');
    expect(mail.text).toContain('Estimada Ana');
    expect(mail.subject).toContain(ana.trackingNumber);

    const after = (await admin.call('GET', `/api/v1/notices/${view.id}`)).json();
    expect(after.delivered.email).toEqual({ queued: 0, sent: 2, failed: 0 });
    const timeline = (await admin.call('GET', `/api/v1/cases/${beto.trackingNumber}/timeline`)).json();
    const entry = timeline.entries.find((e: { kind: string; channel: string }) => e.kind === 'outbound');
    expect(entry).toMatchObject({ channel: 'email', language: 'es' });
    expect((await admin.call('GET', '/api/v1/notices')).json().items[0]).toMatchObject({
      id: view.id,
      title: notice.title,
    });
  });

  it('refuses a template missing in every needed language, and bad audience fields, writing nothing', async () => {
    const missing = await admin.call('POST', '/api/v1/notices', { ...notice, templateCode: 'no-such-template' });
    expect(missing.statusCode).toBe(409);
    expect(missing.json().error.details[0].field).toBe('templateCode');
    const bad = await admin.call('POST', '/api/v1/notices/preview', {
      ...notice,
      audience: { subjectCode: 'NOPE', languages: ['xx'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['audience.languages', 'audience.subjectCode']);
    expect(await t.db.selectFrom('notices').select('id').execute()).toHaveLength(1);
  });
});
