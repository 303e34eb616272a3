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
