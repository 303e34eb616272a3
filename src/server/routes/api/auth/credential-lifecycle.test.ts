// Sessions and API tokens have a lifecycle: a password change, reset or deactivation ends them, a password that must
// change blocks the API, tokens expire, and sessions end when idle or old.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
});
afterAll(async () => t.close());

let userCounter = 0;
async function newUser(password = 'lifecycle password 42') {
  const email = `life${++userCounter}@example.gov`;
  const res = await admin.call('POST', '/api/v1/users', {
    email,
    name: `Life ${userCounter}`,
    role: 'caseworker',
    password,
  });
  expect(res.statusCode).toBe(201);
  return { id: res.json().id as number, email, password };
}

const me = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
const asSession = (s: SignedIn) => ({ cookie: s.cookie });
const asToken = (token: string) => ({ authorization: `Bearer ${token}` });

async function tokenOf(session: SignedIn, body: Record<string, unknown> = { name: 'bridge' }) {
  const res = await session.call('POST', '/api/v1/api-tokens', body);
  expect(res.statusCode).toBe(201);
  return res.json() as { id: number; token: string; expiresAt: string };
}

describe('ending credentials', () => {
  it("a password change ends the user's other sessions and API tokens, not the session making it", async () => {
    const user = await newUser();
    const first = await signInAs(t.app, user.email, user.password);
    const second = await signInAs(t.app, user.email, user.password);
    const { token } = await tokenOf(first);
    const changed = await first.call('POST', '/api/v1/auth/password', {
      currentPassword: user.password,
      newPassword: 'a brand new passphrase 7',
    });
    expect(changed.statusCode).toBe(204);
    expect((await me(asSession(first))).statusCode).toBe(200);
    expect((await me(asSession(second))).statusCode).toBe(401);
    expect((await me(asToken(token))).statusCode).toBe(401);
  });

  it('refuses a weak new password, naming the field', async () => {
    const user = await newUser();
    const session = await signInAs(t.app, user.email, user.password);
    const res = await session.call('POST', '/api/v1/auth/password', {
      currentPassword: user.password,
      newPassword: 'password1234',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('newPassword');
  });

  it('deactivation ends sessions and tokens, and reactivation does not revive them', async () => {
    const user = await newUser();
    const session = await signInAs(t.app, user.email, user.password);
    const { token } = await tokenOf(session);
    expect((await admin.call('PATCH', `/api/v1/users/${user.id}`, { active: false })).statusCode).toBe(200);
    expect((await admin.call('PATCH', `/api/v1/users/${user.id}`, { active: true })).statusCode).toBe(200);
    expect((await me(asSession(session))).statusCode).toBe(401);
    expect((await me(asToken(token))).statusCode).toBe(401);
  });

  it("an administrator's reset ends sessions and tokens, and the API then allows only the password change", async () => {
    const user = await newUser();
    const session = await signInAs(t.app, user.email, user.password);
    const { token } = await tokenOf(session);
    const reset = await admin.call('POST', `/api/v1/users/${user.id}/password-reset`);
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({ sessionsEnded: 1, apiTokensRevoked: 1 });
    const temporaryPassword = reset.json().temporaryPassword as string;
    expect((await me(asSession(session))).statusCode).toBe(401);
    expect((await me(asToken(token))).statusCode).toBe(401);

    const fresh = await signInAs(t.app, user.email, temporaryPassword);
    const blocked = await fresh.call('GET', '/api/v1/cases');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('password_change_required');
    expect((await fresh.call('POST', '/api/v1/api-tokens', { name: 'x' })).statusCode).toBe(403);
    expect((await fresh.call('GET', '/api/v1/auth/me')).json().mustChangePassword).toBe(true);
    const changed = await fresh.call('POST', '/api/v1/auth/password', {
      currentPassword: temporaryPassword,
      newPassword: 'my own passphrase again 3',
    });
    expect(changed.statusCode).toBe(204);
    expect((await fresh.call('GET', '/api/v1/cases')).statusCode).toBe(200);

    const actions = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_type', '=', 'user')
      .where('entity_id', '=', String(user.id))
      .where('action', 'in', ['user.password_reset', 'user.password_changed'])
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['user.password_reset', 'user.password_changed']);
  });

  it('refuses a password reset by a non-administrator', async () => {
    const user = await newUser();
    const session = await signInAs(t.app, user.email, user.password);
    expect((await session.call('POST', `/api/v1/users/${user.id}/password-reset`)).statusCode).toBe(403);
  });
});

describe('API token expiry', () => {
  it('gives a token 90 days by default, the days asked for up to the maximum, and shows expiry and last use', async () => {
    const session = await signInAs(t.app);
    const standard = await tokenOf(session, { name: 'default' });
    const days = (iso: string) => Math.round((new Date(iso).getTime() - Date.now()) / 86_400_000);
    expect(days(standard.expiresAt)).toBe(t.config.apiTokenDefaultDays);
    const short = await tokenOf(session, { name: 'short', expiresInDays: 7 });
    expect(days(short.expiresAt)).toBe(7);
    const tooLong = await session.call('POST', '/api/v1/api-tokens', {
      name: 'forever',
      expiresInDays: t.config.apiTokenMaxDays + 1,
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.details[0].field).toBe('expiresInDays');

    expect((await me(asToken(short.token))).statusCode).toBe(200);
    const listed = (await session.call('GET', '/api/v1/api-tokens')).json() as {
      id: number;
      lastUsedAt: string | null;
      expiresAt: string;
      expired: boolean;
    }[];
    const row = listed.find((r) => r.id === short.id)!;
    expect(row.lastUsedAt).not.toBeNull();
    expect(row.expiresAt).toBe(short.expiresAt);
    expect(row.expired).toBe(false);
  });

  it('refuses an expired token', async () => {
    const session = await signInAs(t.app);
    const created = await tokenOf(session, { name: 'old' });
    await t.db
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', created.id)
      .execute();
    const res = await me(asToken(created.token));
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toMatch(/expired/);
  });
});

describe('session time-outs', () => {
  it('ends a session idle longer than the idle limit', async () => {
    const session = await signInAs(t.app);
    expect((await me(asSession(session))).statusCode).toBe(200);
    await sql`update sessions set last_seen_at = now() - make_interval(mins => ${t.config.sessionIdleMinutes + 1})`.execute(
      t.db,
    );
    expect((await me(asSession(session))).statusCode).toBe(401);
  });

  it('ends a session at its absolute lifetime however busy it is', async () => {
    const session = await signInAs(t.app);
    await sql`update sessions set expires_at = now() - interval '1 second', last_seen_at = now()`.execute(t.db);
    expect((await me(asSession(session))).statusCode).toBe(401);
  });

  it('keeps a session in use alive', async () => {
    const session = await signInAs(t.app);
    await sql`update sessions set last_seen_at = now() - make_interval(mins => ${t.config.sessionIdleMinutes - 1})`.execute(
      t.db,
    );
    expect((await me(asSession(session))).statusCode).toBe(200);
    const row = await t.db
      .selectFrom('sessions')
      .select(sql<number>`extract(epoch from now() - last_seen_at)`.as('idle'))
      .executeTakeFirstOrThrow();
    expect(Number(row.idle)).toBeLessThan(60);
  });
});
