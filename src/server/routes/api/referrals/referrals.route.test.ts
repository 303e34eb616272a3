import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { createUser, USER_PASSWORD } from '../../../test/factories.ts';

let t: TestApp;
let admin: SignedIn;
let liaison: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  const li = await createUser(t.db, { email: 'heap@example.gov', role: 'unit_liaison', units: ['HEAP'] });
  liaison = await signInAs(t.app, li.email, USER_PASSWORD);
});
afterAll(async () => t.close());

async function referredCase(dueDate: string, restricted = false) {
  const created = await admin.call('POST', '/api/v1/cases', {
    channel: 'email',
    subject: 'SNAP',
    description: 'Heating grant question.',
    restricted,
    person: { firstName: 'Ana', lastName: 'Ruiz', email: `ana${Math.random()}@example.org` },
  });
  const tn = created.json().trackingNumber as string;
  const res = await admin.call('POST', `/api/v1/cases/${tn}/referrals`, { unit: 'HEAP', request: 'Status?', dueDate });
  expect(res.statusCode, res.body).toBe(201);
  return { tn, id: res.json().id as number };
}

describe('GET /referrals', () => {
  it("lists my unit's open referrals, earliest due first, and drops them once answered", async () => {
    const later = await referredCase('2099-03-01');
    const sooner = await referredCase('2099-01-15');
    const hidden = await referredCase('2099-01-01', true);
    const queue = (await liaison.call('GET', '/api/v1/referrals')).json();
    expect(queue.items.map((r: { trackingNumber: string }) => r.trackingNumber)).toEqual([sooner.tn, later.tn]);
    expect(queue.items[0]).toMatchObject({
      unit: 'HEAP',
      request: 'Status?',
      dueDate: '2099-01-15',
      overdue: false,
      status: 'open',
      referredBy: expect.any(String),
    });
    // The administrator sees the restricted one only as a member of nothing: not in the HEAP queue for others.
    expect(queue.items.map((r: { trackingNumber: string }) => r.trackingNumber)).not.toContain(hidden.tn);

    await liaison.call('POST', `/api/v1/cases/${sooner.tn}/referrals/${sooner.id}/reply`, { reply: 'Done.' });
    const open = (await liaison.call('GET', '/api/v1/referrals')).json();
    expect(open.items.map((r: { trackingNumber: string }) => r.trackingNumber)).toEqual([later.tn]);
    const answered = (await liaison.call('GET', '/api/v1/referrals?status=answered')).json();
    expect(answered.items[0]).toMatchObject({ trackingNumber: sooner.tn, reply: 'Done.' });
    expect((await admin.call('GET', '/api/v1/referrals?unit=NOPE')).statusCode).toBe(400);
    expect((await admin.call('GET', '/api/v1/referrals?unit=HEAP')).json().items.length).toBeGreaterThan(0);
  });
});
