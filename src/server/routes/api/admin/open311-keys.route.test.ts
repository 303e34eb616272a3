// /open311-keys: administrators issue a key (shown once, stored as a digest), list keys without secrets and
// revoke them; a revoked key stops working at once; every change is audited; other roles get 403.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { tokenDigest } from '../../../auth/credentials.ts';
import { auditRows, signInWithRole } from '../../../test/admin-test-support.ts';
import { postRequest } from '../../../test/open311-test-support.ts';

let t: TestApp;
let admin: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

const submission = (apiKey: string, description: string) => ({
  api_key: apiKey,
  service_code: 'SNAP',
  address_string: '150 Greenwich St',
  description,
});

describe('/api/v1/open311-keys', () => {
  it('issues a key once and stores only its SHA-256 digest', async () => {
    const res = await admin.call('POST', '/api/v1/open311-keys', { name: 'NYC 311' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ name: 'NYC 311', revokedAt: null });
    expect(typeof body.apiKey).toBe('string');
    expect(body.apiKey.length).toBeGreaterThan(30);
    const row = await t.db.selectFrom('open311_keys').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
    expect(row.key_hash).toBe(tokenDigest(body.apiKey));
    expect(JSON.stringify(row)).not.toContain(body.apiKey);
    const audit = await auditRows(t, 'open311_key', 'open311_key.created');
    expect(audit.at(-1)!.changes).toEqual([{ field: 'name', old: null, new: 'NYC 311' }]);
    expect(JSON.stringify(audit)).not.toContain(body.apiKey);
    expect((await postRequest(t.app, submission(body.apiKey, 'works'))).statusCode).toBe(201);
  });

  it('lists keys without secrets', async () => {
    const issued = (await admin.call('POST', '/api/v1/open311-keys', { name: 'listed' })).json();
    const res = await admin.call('GET', '/api/v1/open311-keys');
    expect(res.statusCode).toBe(200);
    const listed = res.json() as Record<string, unknown>[];
    expect(listed[0]).toEqual({ id: issued.id, name: 'listed', createdAt: expect.any(String), revokedAt: null });
    expect(res.body).not.toContain(issued.apiKey);
    expect(res.body).not.toContain(tokenDigest(issued.apiKey));
  });

  it('revokes a key: Open311 refuses it at once, and the revocation is audited', async () => {
    const issued = (await admin.call('POST', '/api/v1/open311-keys', { name: 'to revoke' })).json();
    const res = await admin.call('DELETE', `/api/v1/open311-keys/${issued.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().revokedAt).toEqual(expect.any(String));
    expect((await postRequest(t.app, submission(issued.apiKey, 'revoked'))).statusCode).toBe(403);
    const again = await admin.call('DELETE', `/api/v1/open311-keys/${issued.id}`);
    expect(again.statusCode).toBe(200);
    const audit = (await auditRows(t, 'open311_key', 'open311_key.revoked')).filter(
      (a) => a.entity_id === String(issued.id),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.changes.map((c) => c.field)).toEqual(['revoked_at']);
  });

  it('answers 404 for an unknown key and 400 for a blank name', async () => {
    expect((await admin.call('DELETE', '/api/v1/open311-keys/999999')).statusCode).toBe(404);
    expect((await admin.call('POST', '/api/v1/open311-keys', { name: '   ' })).statusCode).toBe(400);
    expect((await admin.call('POST', '/api/v1/open311-keys', {})).statusCode).toBe(400);
  });

  it('is for administrators only', async () => {
    const supervisor = await signInWithRole(t, admin, 'supervisor');
    const issued = (await admin.call('POST', '/api/v1/open311-keys', { name: 'kept' })).json();
    for (const [method, url, body] of [
      ['POST', '/api/v1/open311-keys', { name: 'x' }],
      ['GET', '/api/v1/open311-keys', undefined],
      ['DELETE', `/api/v1/open311-keys/${issued.id}`, undefined],
    ] as const) {
      const res = await supervisor.call(method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.message).toMatch(/Only administrators/);
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/open311-keys' });
    expect(anonymous.statusCode).toBe(401);
  });
});
