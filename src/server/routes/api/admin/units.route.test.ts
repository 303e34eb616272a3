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

describe('units', () => {
  it('lists units with member counts to any signed-in user', async () => {
    const res = await caseworker.call('GET', '/api/v1/units');
    expect(res.statusCode).toBe(200);
    const snap = res.json().find((u: { code: string }) => u.code === 'SNAP');
    expect(snap).toEqual({ id: expect.any(Number), code: 'SNAP', name: 'SNAP', active: true, memberCount: 0 });
  });

  it('creates a unit, counts its members, renames it and audits both changes', async () => {
    const created = await admin.call('POST', '/api/v1/units', { code: 'hotline', name: 'Emergency hotline' });
    expect(created.statusCode).toBe(201);
    const unit = created.json();
    expect(unit).toMatchObject({ code: 'HOTLINE', name: 'Emergency hotline', active: true, memberCount: 0 });
    const member = await admin.call('POST', '/api/v1/users', {
      email: 'hotline-member@example.gov',
      name: 'Hotline Member',
      role: 'caseworker',
      unitIds: [unit.id],
    });
    expect(member.statusCode).toBe(201);
    const renamed = await admin.call('PATCH', `/api/v1/units/${unit.id}`, { name: 'Hotline' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Hotline', memberCount: 1 });
    const audit = await auditRows(t, 'unit');
    expect(audit.map((a) => a.action)).toEqual(['unit.created', 'unit.updated']);
    expect(audit[1]!.changes).toEqual([{ field: 'name', old: 'Emergency hotline', new: 'Hotline' }]);
  });

  it('refuses a caseworker with 403 and writes nothing', async () => {
    const res = await caseworker.call('POST', '/api/v1/units', { code: 'X1', name: 'X' });
    expect(res.statusCode).toBe(403);
    expect(await t.db.selectFrom('units').select('id').where('code', '=', 'X1').execute()).toEqual([]);
    const snap = (await admin.call('GET', '/api/v1/units')).json().find((u: { code: string }) => u.code === 'SNAP');
    expect((await caseworker.call('PATCH', `/api/v1/units/${snap.id}`, { name: 'x' })).statusCode).toBe(403);
  });

  it('names the field for bad input, and 409 for a taken code', async () => {
    const bad = await admin.call('POST', '/api/v1/units', { code: 'bad code!', name: 'X' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('code');
    const taken = await admin.call('POST', '/api/v1/units', { code: 'snap', name: 'again' });
    expect(taken.statusCode).toBe(409);
    expect((await admin.call('PATCH', '/api/v1/units/999999', { name: 'x' })).statusCode).toBe(404);
    const empty = await admin.call('PATCH', '/api/v1/units/1', {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details[0].field).toBe('body');
  });

  it('refuses to deactivate a unit that active routing rules route to', async () => {
    const snap = (await admin.call('GET', '/api/v1/units')).json().find((u: { code: string }) => u.code === 'SNAP');
    const res = await admin.call('PATCH', `/api/v1/units/${snap.id}`, { active: false });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('SNAP');
    const hotline = (await admin.call('GET', '/api/v1/units'))
      .json()
      .find((u: { code: string }) => u.code === 'HOTLINE');
    expect((await admin.call('PATCH', `/api/v1/units/${hotline.id}`, { active: false })).json().active).toBe(false);
  });
});
