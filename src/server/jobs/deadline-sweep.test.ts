import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../test/test-app.ts';
import { runDeadlineSweep } from './deadline-sweep.ts';

let t: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
});
afterAll(async () => t.close());

async function caseReceivedDaysAgo(days: number, extra: Record<string, unknown> = {}) {
  const res = await admin.call('POST', '/api/v1/cases', {
    channel: 'email',
    subject: 'SNAP',
    description: 'waiting',
    receivedAt: new Date(Date.now() - days * 86_400_000).toISOString(),
    person: { firstName: 'Sam', lastName: `Ng${days}`, email: `sam${days}${Math.random()}@example.org` },
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const level = async (tn: string) => (await admin.call('GET', `/api/v1/cases/${tn}`)).json().escalationLevel as number;

describe('deadline sweep', () => {
  it('warns near the deadline, escalates once overdue, one level a day, and shows it in the escalated queue', async () => {
    const fresh = await caseReceivedDaysAgo(1);
    const near = await caseReceivedDaysAgo(12);
    const late = await caseReceivedDaysAgo(20);
    // Sweep when 90% of the near case's time to first response has passed: that deadline moves with weekends and
    // holidays, so "12 days ago" alone is past the warning share on some days and not on others.
    const span = await t.db
      .selectFrom('cases')
      .select(['received_at', 'first_response_due_at'])
      .where('tracking_number', '=', near.trackingNumber)
      .executeTakeFirstOrThrow();
    const received = span.received_at.getTime();
    const now = new Date(Math.max(Date.now(), received + 0.9 * (span.first_response_due_at!.getTime() - received)));
    await runDeadlineSweep(t.db, now);

    const audit = async (tn: string) =>
      (await admin.call('GET', `/api/v1/cases/${tn}/audit`)).json().map((e: { action: string }) => e.action);
    expect(await audit(fresh.trackingNumber)).toEqual(['case.created']);
    expect(await audit(near.trackingNumber)).toEqual(['case.created', 'case.deadline_warning']);
    expect(await level(late.trackingNumber)).toBe(1);

    // The same sweep again a minute later changes nothing; a day later the case climbs one more level.
    expect(await runDeadlineSweep(t.db, new Date(now.getTime() + 60_000))).toBe(0);
    await runDeadlineSweep(t.db, new Date(now.getTime() + 25 * 3_600_000));
    expect(await level(late.trackingNumber)).toBe(2);

    const escalated = (await admin.call('GET', '/api/v1/cases?queue=escalated')).json();
    expect(escalated.items.map((c: { trackingNumber: string }) => c.trackingNumber)).toContain(late.trackingNumber);
    const overdue = (await admin.call('GET', '/api/v1/cases?queue=overdue')).json();
    expect(overdue.items.map((c: { trackingNumber: string }) => c.trackingNumber)).toContain(late.trackingNumber);
    expect(overdue.items.map((c: { trackingNumber: string }) => c.trackingNumber)).not.toContain(fresh.trackingNumber);
  });

  it('leaves paused and closed cases alone', async () => {
    const paused = await caseReceivedDaysAgo(30);
    const closed = await caseReceivedDaysAgo(31);
    await admin.call('POST', `/api/v1/cases/${paused.trackingNumber}/status`, { status: 'waiting_on_constituent' });
    await admin.call('POST', `/api/v1/cases/${closed.trackingNumber}/status`, { status: 'closed' });
    await runDeadlineSweep(t.db, new Date());
    expect(await level(paused.trackingNumber)).toBe(0);
    expect(await level(closed.trackingNumber)).toBe(0);
  });

  it("starts elected officials' items higher", async () => {
    const c = await caseReceivedDaysAgo(0, { writerType: 'elected_official' });
    expect(c.escalationLevel).toBe(1);
  });
});

describe('who an escalation tells', () => {
  it('notifies the people each level names, by inbox and email, without the case content; and sweeps referrals', async () => {
    const { createUser, USER_PASSWORD } = await import('../test/factories.ts');
    const supervisor = await createUser(t.db, { email: 'sup.heap@example.gov', role: 'supervisor', units: ['HEAP'] });
    const elsewhere = await createUser(t.db, { email: 'sup.fia@example.gov', role: 'supervisor', units: ['FIA'] });
    const manager = await createUser(t.db, {
      email: 'mgr.heap@example.gov',
      role: 'caseworker',
      managedUnits: ['HEAP'],
    });
    const inbox = async (email: string) => {
      const session = await signInAs(t.app, email, USER_PASSWORD);
      return (await session.call('GET', '/api/v1/notifications')).json() as {
        items: { kind: string; trackingNumber?: string; summary: string }[];
      };
    };
    const late = await caseReceivedDaysAgo(30, { description: 'Private story of the family.' });
    const tn = late.trackingNumber as string;
    expect((await admin.call('POST', `/api/v1/cases/${tn}/route`, { unit: 'HEAP' })).statusCode).toBe(200);
    const start = new Date();
    await runDeadlineSweep(t.db, start, { consoleUrl: 'https://civicdesk.example.gov' });
    expect(await level(tn)).toBe(1);
    expect((await inbox(supervisor.email)).items).toEqual([
      expect.objectContaining({ kind: 'escalated', trackingNumber: tn }),
    ]);
    expect((await inbox(elsewhere.email)).items.map((n) => n.trackingNumber)).not.toContain(tn);
    expect((await inbox(manager.email)).items).toEqual([]);
    const mail = await t.db
      .selectFrom('outbox')
      .select(['subject', 'body'])
      .where('to_address', '=', supervisor.email)
      .executeTakeFirstOrThrow();
    expect(mail.subject).toContain(tn);
    expect(mail.body).toContain(`https://civicdesk.example.gov/cases/${tn}`);
    expect(mail.body).not.toContain('Private story');

    await runDeadlineSweep(t.db, new Date(start.getTime() + 25 * 3_600_000));
    expect(await level(tn)).toBe(2);
    expect((await inbox(manager.email)).items.filter((n) => n.trackingNumber === tn).map((n) => n.kind)).toEqual([
      'escalated',
    ]);

    // A referral whose local due date has passed is escalated too: the referred unit's supervisor and the referrer.
    const referred = await caseReceivedDaysAgo(0);
    const referral = await admin.call('POST', `/api/v1/cases/${referred.trackingNumber}/referrals`, {
      unit: 'HEAP',
      request: 'Please confirm the grant.',
    });
    expect(referral.statusCode, referral.body).toBe(201);
    const due = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await t.db.updateTable('referrals').set({ due_date: due }).where('id', '=', referral.json().id).execute();
    await runDeadlineSweep(t.db, new Date(Date.now() + 4 * 86_400_000));
    const escalatedReferral = await t.db
      .selectFrom('referrals')
      .select(['escalation_level'])
      .where('id', '=', referral.json().id)
      .executeTakeFirstOrThrow();
    expect(escalatedReferral.escalation_level).toBe(1);
    const notes = (await inbox(supervisor.email)).items.filter((n) => n.trackingNumber === referred.trackingNumber);
    // Newest first: the escalation, after the referral itself (the supervisor is a member of HEAP).
    expect(notes.map((n) => n.kind)).toEqual(['escalated', 'referral']);
    expect(notes[0]!.summary).toContain(due);
    const audit = (await admin.call('GET', `/api/v1/cases/${referred.trackingNumber}/audit`)).json();
    expect(audit.map((e: { action: string }) => e.action)).toContain('case.referral_escalated');
  });
});
