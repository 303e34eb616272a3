import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { createUser, USER_PASSWORD } from '../../../test/factories.ts';

let t: TestApp;
let admin: SignedIn;
let caseworker: SignedIn;
let caseworkerId: number;
let liaison: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  const cw = await createUser(t.db, {
    email: 'maria@example.gov',
    role: 'caseworker',
    units: ['SNAP'],
    name: 'Maria Lopez',
  });
  caseworkerId = cw.id;
  caseworker = await signInAs(t.app, cw.email, USER_PASSWORD);
  const li = await createUser(t.db, { email: 'liaison@example.gov', role: 'unit_liaison', units: ['HEAP'] });
  liaison = await signInAs(t.app, li.email, USER_PASSWORD);
  await createUser(t.db, { email: 'other@example.gov', role: 'caseworker', units: ['FIA'] });
});
afterAll(async () => t.close());

async function newCase(extra: Record<string, unknown> = {}) {
  const res = await admin.call('POST', '/api/v1/cases', {
    channel: 'email',
    subject: 'SNAP',
    description: 'My benefits stopped.',
    person: { firstName: 'Ana', lastName: 'Ruiz', email: `ana${Math.random()}@example.org` },
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().trackingNumber as string;
}

describe('notifications', () => {
  it('assigning a case gives the assignee an "assigned" notification; reading it lowers the unread count', async () => {
    const tn = await newCase();
    expect((await caseworker.call('GET', '/api/v1/notifications')).json()).toEqual({
      items: [],
      unread: 0,
      nextBeforeId: null,
    });
    const assigned = await admin.call('POST', `/api/v1/cases/${tn}/assign`, { assigneeId: caseworkerId });
    expect(assigned.statusCode, assigned.body).toBe(200);

    const inbox = (await caseworker.call('GET', '/api/v1/notifications')).json();
    expect(inbox.unread).toBe(1);
    expect(inbox.items).toHaveLength(1);
    const [first] = inbox.items;
    expect(first).toMatchObject({ kind: 'assigned', trackingNumber: tn, readAt: null });
    expect(Object.keys(first)).toEqual(expect.arrayContaining(['id', 'kind', 'trackingNumber', 'createdAt', 'readAt']));
    // Someone else's inbox does not hold it, and they cannot mark it.
    expect((await liaison.call('GET', '/api/v1/notifications')).json().unread).toBe(0);
    expect((await liaison.call('POST', `/api/v1/notifications/${first.id}/read`)).statusCode).toBe(404);

    const read = await caseworker.call('POST', `/api/v1/notifications/${first.id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toEqual({ unread: 0 });
    const after = (await caseworker.call('GET', '/api/v1/notifications')).json();
    expect(after.items[0].readAt).toBeTruthy();

    // Assigning again to the same person does not notify twice; the assigner is never notified of their own act.
    await admin.call('POST', `/api/v1/cases/${tn}/assign`, { assigneeId: caseworkerId, expectedVersion: undefined });
    expect((await caseworker.call('GET', '/api/v1/notifications')).json().unread).toBe(0);
  });

  it('a referral to a unit notifies its members, the answer notifies the referrer; read-all clears the count', async () => {
    const tn = await newCase();
    const referred = await caseworker.call('POST', `/api/v1/cases/${tn}/referrals`, {
      unit: 'HEAP',
      request: 'Is the heating grant pending?',
      dueDate: '2099-12-10',
    });
    expect(referred.statusCode, referred.body).toBe(201);
    const inbox = (await liaison.call('GET', '/api/v1/notifications?unread=true')).json();
    expect(inbox.items).toEqual([
      expect.objectContaining({ kind: 'referral', trackingNumber: tn, referralId: referred.json().id }),
    ]);
    expect(inbox.items[0].summary).toContain('2099-12-10');

    const replied = await liaison.call('POST', `/api/v1/cases/${tn}/referrals/${referred.json().id}/reply`, {
      reply: 'Yes, approved.',
    });
    expect(replied.statusCode, replied.body).toBe(204);
    const mine = (await caseworker.call('GET', '/api/v1/notifications?unread=true')).json();
    expect(mine.items.map((n: { kind: string }) => n.kind)).toContain('reply');

    const all = await caseworker.call('POST', '/api/v1/notifications/read-all');
    expect(all.json()).toMatchObject({ unread: 0 });
    expect((await caseworker.call('GET', '/api/v1/notifications')).json().unread).toBe(0);
  });

  it('a restricted case notifies only those who may see it', async () => {
    const tn = await newCase({ restricted: true, subject: 'SNAP' });
    const view = (await admin.call('GET', `/api/v1/cases/${tn}`)).json();
    expect(view.restricted).toBe(true);
    // The liaison of HEAP cannot see a restricted SNAP case: a referral names the unit, but they are not told.
    // (The referral itself makes the case visible to that unit's liaison only when it is not restricted.)
    await admin.call('POST', `/api/v1/cases/${tn}/referrals`, { unit: 'HEAP', request: 'Check.' });
    const liaisonInbox = (await liaison.call('GET', '/api/v1/notifications?unread=true')).json();
    expect(liaisonInbox.items.map((n: { trackingNumber?: string }) => n.trackingNumber)).not.toContain(tn);
  });

  it('the email preference is saved, and only escalations are mailed by default', async () => {
    expect((await caseworker.call('GET', '/api/v1/notifications/preferences')).json()).toEqual({ email: null });
    const bad = await caseworker.call('PUT', '/api/v1/notifications/preferences', { email: 'hourly' });
    expect(bad.statusCode).toBe(400);
    const before = await t.db.selectFrom('outbox').select('id').where('kind', '=', 'notification').execute();
    const tn = await newCase();
    await admin.call('POST', `/api/v1/cases/${tn}/assign`, { assigneeId: caseworkerId });
    const unchanged = await t.db.selectFrom('outbox').select('id').where('kind', '=', 'notification').execute();
    expect(unchanged.length).toBe(before.length);

    const saved = await caseworker.call('PUT', '/api/v1/notifications/preferences', { email: 'immediate' });
    expect(saved.json()).toEqual({ email: 'immediate' });
    const tn2 = await newCase({ description: 'Secret details about the household.' });
    await admin.call('POST', `/api/v1/cases/${tn2}/assign`, { assigneeId: caseworkerId });
    const mails = await t.db
      .selectFrom('outbox')
      .select(['to_address', 'subject', 'body'])
      .where('kind', '=', 'notification')
      .where('to_address', '=', 'maria@example.gov')
      .execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain(tn2);
    expect(mails[0]!.body).not.toContain('Secret details');
  });
});

describe('mentions, approvals and replies', () => {
  it('@name in a note notifies that colleague (not someone who only has an email in the text)', async () => {
    const tn = await newCase();
    const note = await admin.call('POST', `/api/v1/cases/${tn}/notes`, {
      body: 'Can @maria check this? The writer is ana@example.org; also @MariaLopez again.',
    });
    expect(note.statusCode, note.body).toBe(201);
    const inbox = (await caseworker.call('GET', '/api/v1/notifications?unread=true')).json();
    const mentions = inbox.items.filter((n: { kind: string; trackingNumber?: string }) => n.kind === 'mentioned');
    expect(mentions).toEqual([expect.objectContaining({ trackingNumber: tn })]);
  });

  it('submitting a template version for approval notifies the supervisors and administrators', async () => {
    const sup = await createUser(t.db, { email: 'sup@example.gov', role: 'supervisor', units: ['SNAP'] });
    const supervisor = await signInAs(t.app, sup.email, USER_PASSWORD);
    const created = await caseworker.call('POST', '/api/v1/templates', {
      code: 'heat-answer',
      name: 'Heat answer',
      channel: 'email',
      language: 'en',
      subject: 'Your heat {{trackingNumber}}',
      body: 'Dear {{firstName}}, the heat is back.',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    const submitted = await caseworker.call('POST', `/api/v1/templates/${id}/versions/1/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    for (const session of [supervisor, admin]) {
      const items = (await session.call('GET', '/api/v1/notifications?unread=true')).json().items;
      expect(items).toContainEqual(expect.objectContaining({ kind: 'approval_requested', templateId: id }));
    }
    const own = (await caseworker.call('GET', '/api/v1/notifications?unread=true')).json().items;
    expect(own.map((n: { kind: string }) => n.kind)).not.toContain('approval_requested');
  });

  it("a constituent's email reply on an assigned case notifies the assignee", async () => {
    const { addEmailReply } = await import('../../../commands/email/email-reply.ts');
    const { systemActor } = await import('../../../context.ts');
    const tn = await newCase();
    await admin.call('POST', `/api/v1/cases/${tn}/assign`, { assigneeId: caseworkerId });
    await caseworker.call('POST', '/api/v1/notifications/read-all');
    const agency = await t.db.selectFrom('agencies').selectAll().where('slug', '=', 'main').executeTakeFirstOrThrow();
    await addEmailReply(
      {
        db: t.db,
        agency: { id: agency.id, slug: agency.slug, name: agency.name, timeZone: agency.time_zone },
        actor: systemActor('Email intake'),
        requestId: null,
      },
      {
        trackingNumber: tn,
        subject: `Re: ${tn}`,
        body: 'Thank you, one more question.',
        language: 'en',
        receivedAt: new Date(),
        messageId: `<${Math.random()}@example.org>`,
        inReplyTo: null,
        references: [],
        fromAddress: 'ana@example.org',
        toAddress: 'help@example.gov',
      },
    );
    const items = (await caseworker.call('GET', '/api/v1/notifications?unread=true')).json().items;
    expect(items).toEqual([expect.objectContaining({ kind: 'reply', trackingNumber: tn })]);
  });
});

describe('daily digest', () => {
  it('mails one digest of the unread notifications to those who chose it, at most once a day', async () => {
    const { sendNotificationDigests } = await import('../../../commands/notifications/send-digests.ts');
    const user = await createUser(t.db, { email: 'digest@example.gov', role: 'caseworker', units: ['SNAP'] });
    const session = await signInAs(t.app, user.email, USER_PASSWORD);
    await session.call('PUT', '/api/v1/notifications/preferences', { email: 'daily_digest' });
    const first = await newCase({ description: 'Confidential matter one.' });
    const second = await newCase();
    await admin.call('POST', `/api/v1/cases/${first}/assign`, { assigneeId: user.id });
    await admin.call('POST', `/api/v1/cases/${second}/assign`, { assigneeId: user.id });
    const mailsTo = () =>
      t.db.selectFrom('outbox').select(['subject', 'body']).where('to_address', '=', user.email).execute();
    expect(await mailsTo()).toEqual([]);

    const now = new Date();
    expect(await sendNotificationDigests(t.db, now)).toBeGreaterThanOrEqual(1);
    const mails = await mailsTo();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body).toContain(first);
    expect(mails[0]!.body).toContain(second);
    expect(mails[0]!.body).not.toContain('Confidential');

    const third = await newCase();
    await admin.call('POST', `/api/v1/cases/${third}/assign`, { assigneeId: user.id });
    await sendNotificationDigests(t.db, new Date(now.getTime() + 3_600_000));
    expect(await mailsTo()).toHaveLength(1);
    await sendNotificationDigests(t.db, new Date(now.getTime() + 25 * 3_600_000));
    const later = await mailsTo();
    expect(later).toHaveLength(2);
    expect(later[1]!.body).toContain(third);
  });
});
