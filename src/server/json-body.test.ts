import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-body.ts';
import { createTestApp, signInAs, type TestApp } from './test/test-app.ts';

describe('nestsDeeperThan', () => {
  it.each([
    ['{"a":[1,{"b":2}]}', 3, false],
    ['{"a":[1,{"b":2}]}', 2, true],
    ['"[[[[[[[[["', 1, false],
    ['{"a":"\\"[[[["}', 1, false],
    ['[[]]', 1, true],
  ])('%s within %d → %s', (text, limit, expected) => {
    expect(nestsDeeperThan(text, limit)).toBe(expected);
  });
});

describe('the API and the portal', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it.each(['/api/v1/auth/login', '/api/v1/cases', '/public/main/form', '/open311/v2/requests.json'])(
    'answer a 200 KB deeply nested JSON body at %s with 400, signed in or not',
    async (url) => {
      for (const payload of [
        '['.repeat(100_000) + ']'.repeat(100_000),
        '{"a":'.repeat(40_000) + '1' + '}'.repeat(40_000),
      ]) {
        const res = await t.app.inject({
          method: 'POST',
          url,
          payload,
          headers: { 'content-type': 'application/json' },
        });
        expect(res.statusCode).toBe(400);
      }
    },
  );

  it('still take ordinary JSON, nested as deep as the limit', async () => {
    const nested = '['.repeat(MAX_JSON_DEPTH - 1) + ']'.repeat(MAX_JSON_DEPTH - 1);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: `{"email":"a@b.c","password":"x","extra":${nested}}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(401);
  });

  it('tell caches to keep no staff API answer', async () => {
    const admin = await signInAs(t.app);
    const res = await admin.call('GET', '/api/v1/auth/me');
    expect(res.headers['cache-control']).toBe('no-store');
    const refused = await t.app.inject({ method: 'GET', url: '/api/v1/cases' });
    expect(refused.headers['cache-control']).toBe('no-store');
  });
});

describe('cookies and HSTS', () => {
  it('are Secure, with Strict-Transport-Security, when the public address is https', async () => {
    const https = await createTestApp({ secureCookies: true });
    const plain = await createTestApp();
    try {
      const login = (app: TestApp) =>
        app.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: 'admin@example.gov', password: 'correct horse battery' },
        });
      const secure = await login(https);
      expect(String(secure.headers['set-cookie'])).toMatch(/; Secure/);
      expect(secure.headers['strict-transport-security']).toMatch(/max-age=31536000/);
      const open = await login(plain);
      expect(String(open.headers['set-cookie'])).not.toMatch(/; Secure/);
      expect(open.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await https.close();
      await plain.close();
    }
  });
});
