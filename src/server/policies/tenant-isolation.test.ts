// Two agencies on one database: neither sees the other's cases, people, configuration or audit trail.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../test/test-app.ts';
import { createAgencyWithStarterConfiguration } from '../bootstrap.ts';
import { hashPassword } from '../auth/credentials.ts';

let t: TestApp;
let main: SignedIn;
let other: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  main = await signInAs(t.app);
  await t.db.transaction().execute(async (tx) => {
    const agencyId = await createAgencyWithStarterConfiguration(tx, {
      slug: 'county',
      name: 'County Ombudsperson',
      timeZone: 'America/Los_Angeles',
      trackingPrefix: 'CSO',
    });
    await tx
      .insertInto('users')
      .values({
        agency_id: agencyId,
        email: 'admin@county.example.gov',
        name: 'County Admin',
        role: 'administrator',
        password_hash: await hashPassword('county password'),
      })
      .execute();
  });
  other = await signInAs(t.app, 'admin@county.example.gov', 'county password');
});
afterAll(async () => t.close());

it('keeps each agency to itself', async () => {
  const mine = (
    await main.call('POST', '/api/v1/cases', {
      channel: 'email',
      subject: 'SNAP',
      description: 'tenant test walrus',
      person: { firstName: 'W', lastName: 'R', email: 'w@example.org' },
    })
  ).json();
  const theirs = (
    await other.call('POST', '/api/v1/cases', {
      channel: 'email',
      subject: 'SNAP',
      description: 'county walrus',
      person: { firstName: 'W', lastName: 'R', email: 'w@example.org' },
    })
  ).json();
  expect(mine.trackingNumber).toMatch(/^OCS-/);
  expect(theirs.trackingNumber).toMatch(/^CSO-/);
  expect(theirs.person.id).not.toBe(mine.person.id);

  expect((await other.call('GET', `/api/v1/cases/${mine.trackingNumber}`)).statusCode).toBe(404);
  expect((await other.call('GET', '/api/v1/cases?q=walrus')).json().total).toBe(1);
  expect((await other.call('GET', `/api/v1/people/${mine.person.id}`)).statusCode).toBe(404);
  expect((await other.call('GET', `/api/v1/cases/${mine.trackingNumber}/audit`)).statusCode).toBe(404);
  expect((await other.call('POST', `/api/v1/cases/${mine.trackingNumber}/notes`, { body: 'x' })).statusCode).toBe(404);
  const log = (await other.call('GET', '/api/v1/audit?limit=1000')).json();
  expect(log.items.map((e: { entityId: string }) => e.entityId)).not.toContain(mine.trackingNumber);
  const counts = (await main.call('GET', '/api/v1/queues/counts')).json();
  expect(counts.all).toBe(1);
});
