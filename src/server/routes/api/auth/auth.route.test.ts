import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';
import { MAX_FAILED_SIGN_INS } from '../../../commands/auth/sign-in.ts';
import { hashPassword } from '../../../auth/credentials.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('sign-in', () => {
  it('answers 200 with a session cookie and a CSRF token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().csrfToken).toMatch(/.{20,}/);
    expect(String(res.headers['set-cookie'])).toMatch(/civicdesk_session=.*HttpOnly/);
  });

  it('answers 401 for a wrong password, in the error shape', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: ADMIN_EMAIL, password: 'nope' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });

  it('names the missing field when the body is incomplete', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'a@b.c' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('password');
  });

  it('locks the account after repeated failures, even for the right password', async () => {
    const agency = await t.db.selectFrom('agencies').select('id').executeTakeFirstOrThrow();
    await t.db
      .insertInto('users')
      .values({
        agency_id: agency.id,
        email: 'lock@example.gov',
        name: 'Lock Test',
        role: 'caseworker',
        password_hash: await hashPassword('right password 1'),
      })
      .execute();
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'lock@example.gov', password: 'wrong' },
      });
      expect(res.statusCode).toBe(401);
    }
    const locked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'lock@example.gov', password: 'right password 1' },
    });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('account_locked');
  });
});

describe('CSRF and API tokens', () => {
  it('refuses a state change with the session cookie but without the CSRF header', async () => {
    const session = await signInAs(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: { cookie: session.cookie },
      payload: { name: 'x' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_failed');
  });

  it('creates a token that works as a bearer credential without CSRF, and stops working when revoked', async () => {
    const session = await signInAs(t.app);
    const created = await session.call('POST', '/api/v1/api-tokens', { name: '311 bridge' });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    const stored = await t.db
      .selectFrom('api_tokens')
      .select('token_hash')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().email).toBe(ADMIN_EMAIL);
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: { authorization: `Bearer ${token}` },
      payload: { name: 'made by token' },
    });
    expect(second.statusCode).toBe(201);
    expect((await session.call('DELETE', `/api/v1/api-tokens/${id}`)).statusCode).toBe(204);
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.statusCode).toBe(401);
  });

  it('answers 401 to an unauthenticated API call', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me' });
    expect(res.statusCode).toBe(401);
  });
});

describe('service endpoints', () => {
  it('answers /healthz and serves the OpenAPI document', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const doc = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(doc.statusCode).toBe(200);
    expect(doc.json().paths['/api/v1/auth/login']).toBeDefined();
  });
});

describe('who am I and who works here', () => {
  it('gives each session its own CSRF token and says when the password must change', async () => {
    const first = await signInAs(t.app);
    const second = await signInAs(t.app);
    const me1 = (
      await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: first.cookie } })
    ).json();
    const me2 = (
      await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: second.cookie } })
    ).json();
    expect(me1.csrfToken).toBe(first.csrfToken);
    expect(me2.csrfToken).toBe(second.csrfToken);
    expect(me1.mustChangePassword).toBe(false);
  });

  it('lists active staff without contact details', async () => {
    const session = await signInAs(t.app);
    const staff = (await session.call('GET', '/api/v1/staff')).json();
    expect(staff.length).toBeGreaterThan(0);
    expect(Object.keys(staff[0]).sort()).toEqual(['id', 'name', 'role', 'unitIds']);
  });
});
