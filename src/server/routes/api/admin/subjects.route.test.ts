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

describe('GET /subjects', () => {
  it('answers a bare array of {code, name, parentCode, active} to any signed-in user', async () => {
    const res = await caseworker.call('GET', '/api/v1/subjects');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Array.isArray(body)).toBe(true);
    expect(body).toContainEqual({ code: 'SHELTER', name: 'Shelter', parentCode: null, active: true });
    expect(body).toContainEqual({
      code: 'SHELTER.CONDITIONS',
      name: 'Shelter conditions',
      parentCode: 'SHELTER',
      active: true,
    });
    expect(Object.keys(body[0]).sort()).toEqual(['active', 'code', 'name', 'parentCode']);
  });

  it('answers 401 without a session', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/subjects' })).statusCode).toBe(401);
  });
});

describe('POST /subjects', () => {
  it('adds a parent and a child, and audits each', async () => {
    const parent = await admin.call('POST', '/api/v1/subjects', { code: 'transport', name: 'Transport' });
    expect(parent.statusCode).toBe(201);
    expect(parent.json()).toEqual({ code: 'TRANSPORT', name: 'Transport', parentCode: null, active: true });
    const child = await admin.call('POST', '/api/v1/subjects', { code: 'TRANSPORT.FARES', name: 'Fares' });
    expect(child.statusCode).toBe(201);
    expect(child.json().parentCode).toBe('TRANSPORT');
    const audit = await auditRows(t, 'subject', 'subject.created');
    expect(audit.map((a) => a.entity_id)).toEqual(expect.arrayContaining(['TRANSPORT', 'TRANSPORT.FARES']));
    expect(audit.find((a) => a.entity_id === 'TRANSPORT')!.changes).toContainEqual({
      field: 'name',
      old: null,
      new: 'Transport',
    });
  });

  it('refuses a caseworker with 403 and writes nothing', async () => {
    const res = await caseworker.call('POST', '/api/v1/subjects', { code: 'NOPE', name: 'No' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    const found = await t.db.selectFrom('subjects').select('code').where('code', '=', 'NOPE').execute();
    expect(found).toEqual([]);
  });

  it('names the field for a child of a missing parent, a bad code and a third level', async () => {
    const orphan = await admin.call('POST', '/api/v1/subjects', { code: 'GHOST.CHILD', name: 'Orphan' });
    expect(orphan.statusCode).toBe(400);
    expect(orphan.json().error.details[0].field).toBe('parentCode');
    const bad = await admin.call('POST', '/api/v1/subjects', { code: 'has space', name: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('code');
    const deep = await admin.call('POST', '/api/v1/subjects', { code: 'A.B.C', name: 'x' });
    expect(deep.json().error.details[0].field).toBe('code');
    const blank = await admin.call('POST', '/api/v1/subjects', { code: 'BLANK', name: '   ' });
    expect(blank.json().error.details[0].field).toBe('name');
    const missing = await admin.call('POST', '/api/v1/subjects', { code: 'X' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].field).toBe('name');
    const written = await t.db
      .selectFrom('subjects')
      .select('code')
      .where('code', 'in', ['GHOST.CHILD', 'BLANK'])
      .execute();
    expect(written).toEqual([]);
  });

  it('answers 409 for a code that exists', async () => {
    const res = await admin.call('POST', '/api/v1/subjects', { code: 'SNAP', name: 'again' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details[0].field).toBe('code');
  });
});

describe('PATCH /subjects/:code', () => {
  it('renames, and deactivating a parent deactivates its children', async () => {
    const renamed = await admin.call('PATCH', '/api/v1/subjects/HEAT', { name: 'Heating and energy' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().name).toBe('Heating and energy');
    const empty = await admin.call('PATCH', '/api/v1/subjects/HEAT', {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details[0].field).toBe('body');
    const off = await admin.call('PATCH', '/api/v1/subjects/TRANSPORT', { active: false });
    expect(off.json().active).toBe(false);
    const list = (await admin.call('GET', '/api/v1/subjects?active=false')).json();
    expect(list.map((s: { code: string }) => s.code)).toEqual(['TRANSPORT', 'TRANSPORT.FARES']);
    const child = await admin.call('PATCH', '/api/v1/subjects/transport.fares', { active: true });
    expect(child.statusCode).toBe(400);
    expect(child.json().error.details[0].field).toBe('active');
    const audit = await auditRows(t, 'subject', 'subject.updated');
    expect(audit.find((a) => a.entity_id === 'HEAT')!.changes).toEqual([
      { field: 'name', old: 'Heating / energy', new: 'Heating and energy' },
    ]);
  });

  it('answers 404 for an unknown code and 403 for a caseworker', async () => {
    expect((await admin.call('PATCH', '/api/v1/subjects/NOPE', { name: 'x' })).statusCode).toBe(404);
    expect((await caseworker.call('PATCH', '/api/v1/subjects/SNAP', { name: 'x' })).statusCode).toBe(403);
  });
});
