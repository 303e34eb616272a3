import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../test/test-app.ts';
import { createUser, USER_PASSWORD } from '../../test/factories.ts';

let t: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
});
afterAll(async () => t.close());

it('lists configuration and case changes with old and new values, pages, exports CSV, and hides restricted cases', async () => {
  await admin.call('POST', '/api/v1/units', { code: 'NEWU', name: 'New unit' });
  const open = (
    await admin.call('POST', '/api/v1/cases', {
      channel: 'web',
      description: 'open',
      person: { firstName: 'A', lastName: 'B' },
    })
  ).json();
  const secret = (
    await admin.call('POST', '/api/v1/cases', {
      channel: 'web',
      subject: 'DV',
      restricted: true,
      description: 'secret',
      person: { firstName: 'C', lastName: 'D' },
    })
  ).json();
  const auditor = await createUser(t.db, { email: 'auditor@example.gov', role: 'auditor' });
  const session = await signInAs(t.app, auditor.email, USER_PASSWORD);
  const log = (await session.call('GET', '/api/v1/audit?limit=500')).json();
  const ids = log.items.map((e: { entityId: string }) => e.entityId);
  expect(ids).toContain(open.trackingNumber);
  expect(ids).not.toContain(secret.trackingNumber);
  expect(log.items.some((e: { action: string }) => e.action.startsWith('unit.'))).toBe(true);

  const page = (await session.call('GET', '/api/v1/audit?limit=1')).json();
  expect(page.items).toHaveLength(1);
  const next = (await session.call('GET', `/api/v1/audit?limit=1&beforeId=${page.nextBeforeId}`)).json();
  expect(next.items[0].id).toBeLessThan(page.items[0].id);

  const csv = await session.call('GET', '/api/v1/audit?format=csv');
  expect(csv.body.split('\r\n')[0]).toBe(
    'at,actor,action,entity_type,entity_id,field,old_value,new_value,reason,request_id',
  );
  expect(csv.body).not.toContain(secret.trackingNumber);

  const caseworker = await createUser(t.db, { email: 'cw@example.gov', role: 'caseworker' });
  const cw = await signInAs(t.app, caseworker.email, USER_PASSWORD);
  expect((await cw.call('GET', '/api/v1/audit')).statusCode).toBe(403);
  expect((await session.call('GET', '/api/v1/audit?from=yesterday')).statusCode).toBe(400);
});
