import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { auditRows, signInWithRole } from '../../../test/admin-test-support.ts';
import { emailLimitKey } from '../../../repositories/sign-in-limits.ts';
import { verifyPassword } from '../../../auth/credentials.ts';

let t: TestApp;
let admin: SignedIn;
let caseworker: SignedIn;
let unitIds: Record<string, number>;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  caseworker = await signInWithRole(t, admin, 'caseworker');
  const units = (await admin.call('GET', '/api/v1/units')).json() as { id: number; code: string }[];
  unitIds = Object.fromEntries(units.map((u) => [u.code, u.id]));
});
afterAll(async () => t.close());

describe('GET /users', () => {
  it('lists users without password hashes to administrators and supervisors only', async () => {
    const res = await admin.call('GET', '/api/v1/users');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(/argon2|password_?hash/i);
    expect(res.json()[0]).toHaveProperty('unitIds');
    const supervisor = await signInWithRole(t, admin, 'supervisor');
    expect((await supervisor.call('GET', '/api/v1/users')).statusCode).toBe(200);
    const denied = await caseworker.call('GET', '/api/v1/users');
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.message).toMatch(/administrators and supervisors/);
  });
});

describe('POST /users', () => {
  it('generates a temporary password once, stores only its argon2id hash, and audits without secrets', async () => {
    const res = await admin.call('POST', '/api/v1/users', {
      email: 'New.Person@Example.gov',
      name: 'New Person',
      role: 'unit_liaison',
      unitIds: [unitIds.SNAP],
      managedUnitIds: [unitIds.FIA],
    });
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user).toMatchObject({
      email: 'new.person@example.gov',
      role: 'unit_liaison',
      mustChangePassword: true,
      unitIds: [unitIds.SNAP, unitIds.FIA].sort((a, b) => a! - b!),
      managedUnitIds: [unitIds.FIA],
    });
    expect(user.temporaryPassword).toMatch(/.{12,}/);
    const stored = await t.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(stored.password_hash, user.temporaryPassword)).toBe(true);
    await signInAs(t.app, 'new.person@example.gov', user.temporaryPassword);
    const listed = (await admin.call('GET', '/api/v1/users')).json().find((u: { id: number }) => u.id === user.id);
    expect(listed).not.toHaveProperty('temporaryPassword');
    const audit = await auditRows(t, 'user', 'user.created');
    const row = audit.find((a) => a.entity_id === String(user.id))!;
    expect(JSON.stringify(row.changes)).not.toContain(user.temporaryPassword);
    expect(row.changes).toContainEqual({ field: 'role', old: null, new: 'unit_liaison' });
  });

  it('uses a given password and answers no temporaryPassword', async () => {
    const res = await admin.call('POST', '/api/v1/users', {
      email: 'chosen@example.gov',
      name: 'Chosen',
      role: 'auditor',
      password: 'chosen password 123',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).not.toHaveProperty('temporaryPassword');
    expect(res.json().mustChangePassword).toBe(false);
  });

  it('refuses a caseworker with 403 and writes nothing', async () => {
    const res = await caseworker.call('POST', '/api/v1/users', {
      email: 'x@example.gov',
      name: 'X',
      role: 'administrator',
    });
    expect(res.statusCode).toBe(403);
    expect(await t.db.selectFrom('users').select('id').where('email', '=', 'x@example.gov').execute()).toEqual([]);
  });

  it('names the field for a bad role, email, unit or short password, and writes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ email: 'a@example.gov', name: 'A', role: 'boss' }, 'role'],
      [{ email: 'not-an-email', name: 'A', role: 'caseworker' }, 'email'],
      [{ email: 'b@example.gov', name: 'B', role: 'caseworker', unitIds: [999999] }, 'unitIds'],
      [{ email: 'c@example.gov', name: 'C', role: 'caseworker', password: 'short' }, 'password'],
      [{ email: 'c@example.gov', name: 'C', role: 'caseworker', password: 'password1234' }, 'password'],
      [{ email: 'c@example.gov', name: 'C', role: 'caseworker', password: 'qwertyuiop123' }, 'password'],
      [
        { email: 'carla.diaz@example.gov', name: 'Carla Diaz', role: 'caseworker', password: 'carla.diaz.2024' },
        'password',
      ],
    ];
    for (const [body, field] of cases) {
      const res = await admin.call('POST', '/api/v1/users', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const written = await t.db
      .selectFrom('users')
      .select('id')
      .where('email', 'in', ['a@example.gov', 'b@example.gov', 'c@example.gov', 'carla.diaz@example.gov'])
      .execute();
    expect(written).toEqual([]);
  });

  it('answers 409 for an email in use, whatever its case', async () => {
    const res = await admin.call('POST', '/api/v1/users', {
      email: 'ADMIN@example.gov',
      name: 'Dup',
      role: 'caseworker',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details[0].field).toBe('email');
  });
});

describe('PATCH /users/:id', () => {
  it('changes role and memberships, deactivates, and unlocks a locked account', async () => {
    const created = (
      await admin.call('POST', '/api/v1/users', {
        email: 'patch@example.gov',
        name: 'Patch',
        role: 'caseworker',
        password: 'patch password 1',
      })
    ).json();
    const changed = await admin.call('PATCH', `/api/v1/users/${created.id}`, {
      name: 'Patched',
      role: 'supervisor',
      unitIds: [unitIds.SNAP, unitIds.DV],
      managedUnitIds: [unitIds.DV],
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ name: 'Patched', role: 'supervisor', managedUnitIds: [unitIds.DV] });
    expect(changed.json().unitIds).toHaveLength(2);

    await t.db
      .insertInto('sign_in_limits')
      .values({ key: emailLimitKey('patch@example.gov'), failures: 6, locked_until: new Date(Date.now() + 600_000) })
      .execute();
    expect(
      (await admin.call('GET', '/api/v1/users')).json().find((u: { id: number }) => u.id === created.id).locked,
    ).toBe(true);
    const unlocked = await admin.call('PATCH', `/api/v1/users/${created.id}`, { unlock: true });
    expect(unlocked.json()).toMatchObject({ locked: false, lockedUntil: null, failedLogins: 0 });
    await signInAs(t.app, 'patch@example.gov', 'patch password 1');

    const off = await admin.call('PATCH', `/api/v1/users/${created.id}`, { active: false });
    expect(off.json().active).toBe(false);
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'patch@example.gov', password: 'patch password 1' },
    });
    expect(signIn.statusCode).toBe(401);

    const actions = (await auditRows(t, 'user'))
      .filter((a) => a.entity_id === String(created.id) && !a.action.startsWith('user.sign'))
      .map((a) => a.action);
    expect(actions).toEqual(['user.created', 'user.updated', 'user.unlocked', 'user.updated']);
  });

  it('refuses to leave the agency without an active administrator', async () => {
    const me = (await admin.call('GET', '/api/v1/auth/me')).json();
    const res = await admin.call('PATCH', `/api/v1/users/${me.id}`, { role: 'caseworker' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details[0].field).toBe('role');
  });

  it('refuses a caseworker, names bad fields, and answers 404 for an unknown user', async () => {
    const me = (await admin.call('GET', '/api/v1/auth/me')).json();
    expect((await caseworker.call('PATCH', `/api/v1/users/${me.id}`, { name: 'x' })).statusCode).toBe(403);
    const bad = await admin.call('PATCH', `/api/v1/users/${me.id}`, { managedUnitIds: [999999] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('managedUnitIds');
    expect((await admin.call('PATCH', '/api/v1/users/999999', { name: 'x' })).statusCode).toBe(404);
  });
});
