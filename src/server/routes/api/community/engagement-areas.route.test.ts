// The agency's area list: administrators keep it through PATCH /agency (checked, audited), engagements offer it, and
// a new or changed engagement area must be one of it while the list is not empty; areas typed before stay readable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { auditRows, signInWithRole } from '../../../test/admin-test-support.ts';

let t: TestApp;
let admin: SignedIn;
let caseworker: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  caseworker = await signInWithRole(t, admin, 'caseworker');
});
afterAll(async () => t.close());

const plan = (area: string | undefined, title = 'Outreach table') =>
  caseworker.call('POST', '/api/v1/engagements', {
    kind: 'outreach_event',
    title,
    startsAt: '2026-11-03T15:00:00Z',
    endsAt: '2026-11-03T17:00:00Z',
    ...(area !== undefined ? { area } : {}),
  });

describe('the area list', () => {
  it('is empty at first, so any area may be typed', async () => {
    expect((await admin.call('GET', '/api/v1/agency')).json().areas).toEqual([]);
    const typed = await plan('Old  district');
    expect(typed.statusCode, typed.body).toBe(201);
    expect(typed.json().area).toBe('Old district');
  });

  it('is kept by administrators only, checked, and audited', async () => {
    const reader = await caseworker.call('PATCH', '/api/v1/agency', { areas: ['Queens'] });
    expect(reader.statusCode).toBe(403);
    const wrong = await admin.call('PATCH', '/api/v1/agency', { areas: ['Queens', ' ', 'QUEENS', 'x'.repeat(101)] });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      'areas.1',
      'areas.2',
      'areas.3',
    ]);
    expect(wrong.json().error.details[1].message).toMatch(/twice/);
    expect((await admin.call('GET', '/api/v1/agency')).json().areas).toEqual([]);

    const saved = await admin.call('PATCH', '/api/v1/agency', {
      areas: ['Bronx', ' Staten   Island ', 'Queens', '11201'],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().areas).toEqual(['Bronx', 'Staten Island', 'Queens', '11201']);
    const audit = await auditRows(t, 'agency', 'agency.updated');
    expect(JSON.stringify(audit.at(-1)!.changes)).toContain('Staten Island');
  });

  it('decides the area of new engagements, written as the list writes it', async () => {
    const listed = await plan('staten island');
    expect(listed.statusCode, listed.body).toBe(201);
    expect(listed.json().area).toBe('Staten Island');
    const before = await t.db
      .selectFrom('engagements')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const unknown = await plan('Brooklyn');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0]).toMatchObject({ field: 'area' });
    expect(unknown.json().error.details[0].message).toMatch(/"Brooklyn" is not one of the agency's areas \(Bronx/);
    const after = await t.db
      .selectFrom('engagements')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toEqual(before.n);
    expect((await plan(undefined)).statusCode).toBe(201);
  });

  it('keeps an area typed before the list readable and unchanged, but refuses a new one off the list', async () => {
    const old = (await caseworker.call('GET', '/api/v1/engagements?area=old%20district')).json().items[0];
    expect(old.area).toBe('Old district');
    const retitled = await caseworker.call('PATCH', `/api/v1/engagements/${old.id}`, {
      title: 'Outreach table (moved)',
    });
    expect(retitled.statusCode, retitled.body).toBe(200);
    expect(retitled.json().area).toBe('Old district');
    const same = await caseworker.call('PATCH', `/api/v1/engagements/${old.id}`, { area: 'Old district' });
    expect(same.statusCode, same.body).toBe(200);
    const elsewhere = await caseworker.call('PATCH', `/api/v1/engagements/${old.id}`, { area: 'Elsewhere' });
    expect(elsewhere.statusCode).toBe(400);
    expect((await caseworker.call('PATCH', `/api/v1/engagements/${old.id}`, { area: '11201' })).json().area).toBe(
      '11201',
    );
  });

  it('lets any area be typed again once emptied', async () => {
    expect((await admin.call('PATCH', '/api/v1/agency', { areas: [] })).json().areas).toEqual([]);
    expect((await plan('Brooklyn')).statusCode).toBe(201);
  });
});
