// Sign-in against a password guesser: limits kept in the database, counted atomically, keyed on the connection's
// address unless a trusted proxy forwards it, and the same answers for emails with and without accounts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';
import { ADDRESS_LIMIT, MAX_FAILED_SIGN_INS } from '../../../commands/auth/sign-in.ts';
import { hashPassword } from '../../../auth/credentials.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

let addressCounter = 0;
/** A fresh client address, so that tests do not share the per-address limit. */
const freshAddress = () => `198.51.100.${++addressCounter}`;

async function addUser(email: string, password: string) {
  const agency = await t.db.selectFrom('agencies').select('id').executeTakeFirstOrThrow();
  await t.db
    .insertInto('users')
    .values({
      agency_id: agency.id,
      email,
      name: 'Guess Target',
      role: 'caseworker',
      password_hash: await hashPassword(password),
    })
    .execute();
}

function login(email: string, password: string, options: { address?: string; forwardedFor?: string } = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: options.address ?? '203.0.113.7',
    ...(options.forwardedFor ? { headers: { 'x-forwarded-for': options.forwardedFor } } : {}),
    payload: { email, password },
  });
}

describe('sign-in limits', () => {
  it('answers 429 after repeated failures from one address, whatever X-Forwarded-For says', async () => {
    const address = freshAddress();
    const answers: number[] = [];
    for (let i = 0; i <= ADDRESS_LIMIT.max; i++) {
      // A different email each time, so that no account lock-out is reached: only the address limit stops this.
      const res = await login(`nobody${i}@example.gov`, 'not the password', {
        address,
        forwardedFor: `192.0.2.${i + 1}`,
      });
      answers.push(res.statusCode);
    }
    expect(answers.slice(0, ADDRESS_LIMIT.max).every((s) => s === 401)).toBe(true);
    const last = await login('someone@example.gov', 'not the password', { address, forwardedFor: '192.0.2.200' });
    expect(last.statusCode).toBe(429);
    expect(last.json().error.code).toBe('rate_limited');
    // Another client is not affected.
    expect((await login('someone@example.gov', 'not the password', { address: freshAddress() })).statusCode).toBe(401);
  });

  it('locks an account under 40 parallel wrong passwords, and a right password inside the burst does not sign in', async () => {
    await addUser('burst@example.gov', 'burst right password 9');
    const wrong = (i: number) => login('burst@example.gov', `wrong guess number ${i}`, { address: freshAddress() });
    const burst = await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => wrong(i)),
      login('burst@example.gov', 'burst right password 9', { address: freshAddress() }),
      ...Array.from({ length: 20 }, (_, i) => wrong(20 + i)),
    ]);
    const right = burst[20]!;
    expect(right.statusCode).not.toBe(200);
    expect(right.headers['set-cookie']).toBeUndefined();
    const checked = burst.filter((r) => r.statusCode === 401).length;
    expect(checked).toBeLessThanOrEqual(MAX_FAILED_SIGN_INS);
    expect(burst.filter((r) => r.statusCode === 429).length).toBeGreaterThanOrEqual(41 - MAX_FAILED_SIGN_INS);

    const after = await login('burst@example.gov', 'burst right password 9', { address: freshAddress() });
    expect(after.statusCode).toBe(429);
    expect(after.json().error.code).toBe('account_locked');
  });

  it('answers an unknown email exactly as a known one, lock-out included', async () => {
    await addUser('known@example.gov', 'known right password 7');
    const bodies = async (email: string) => {
      const out: { status: number; code: string }[] = [];
      for (let i = 0; i <= MAX_FAILED_SIGN_INS; i++) {
        const res = await login(email, `wrong guess ${i}`, { address: freshAddress() });
        out.push({ status: res.statusCode, code: res.json().error.code });
      }
      return out;
    };
    const known = await bodies('known@example.gov');
    const unknown = await bodies('unknown@example.gov');
    expect(unknown).toEqual(known);
    expect(known.at(-1)).toEqual({ status: 429, code: 'account_locked' });
    const message = (email: string) =>
      login(email, 'x', { address: freshAddress() }).then((r) => r.json().error.message);
    expect((await message('unknown@example.gov')).replace(/after \d{4}-\S+/, '')).toBe(
      (await message('known@example.gov')).replace(/after \d{4}-\S+/, ''),
    );
  });

  it('keeps the counts in the database, as digests', async () => {
    const rows = await t.db.selectFrom('sign_in_limits').select(['key', 'failures']).execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.key).join(' ')).not.toMatch(/@|198\.51/);
  });

  it('lets an administrator unlock a locked account', async () => {
    await addUser('unlock@example.gov', 'unlock right password 5');
    for (let i = 0; i <= MAX_FAILED_SIGN_INS; i++)
      await login('unlock@example.gov', 'wrong', { address: freshAddress() });
    const admin = await signInAs(t.app);
    const users = (await admin.call('GET', '/api/v1/users')).json() as { id: number; email: string; locked: boolean }[];
    const target = users.find((u) => u.email === 'unlock@example.gov')!;
    expect(target.locked).toBe(true);
    expect((await admin.call('PATCH', `/api/v1/users/${target.id}`, { unlock: true })).json().locked).toBe(false);
    expect((await login('unlock@example.gov', 'unlock right password 5', { address: freshAddress() })).statusCode).toBe(
      200,
    );
  });
});

describe('sign-in audit', () => {
  it('records every sign-in and failed sign-in with the address', async () => {
    await addUser('audited@example.gov', 'audited right password 3');
    await login('audited@example.gov', 'wrong password here', { address: '203.0.113.50' });
    await login('audited@example.gov', 'audited right password 3', { address: '203.0.113.51' });
    const user = await t.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'audited@example.gov')
      .executeTakeFirstOrThrow();
    const events = await t.db
      .selectFrom('audit_events')
      .select(['action', 'actor_user_id', 'changes', 'ip_address', 'at'])
      .where('entity_type', '=', 'user')
      .where('entity_id', '=', String(user.id))
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['user.sign_in_failed', 'user.signed_in']);
    const changes = (e: (typeof events)[number]) =>
      Object.fromEntries(
        (typeof e.changes === 'string' ? JSON.parse(e.changes) : e.changes).map(
          (c: { field: string; new: unknown }) => [c.field, c.new],
        ),
      );
    expect(changes(events[0]!)).toEqual({ reason: 'wrong_password' });
    expect(events[0]!.ip_address).toBe('203.0.113.50');
    expect(events[0]!.actor_user_id).toBeNull();
    expect(changes(events[1]!)).toEqual({});
    expect(events[1]!.ip_address).toBe('203.0.113.51');
    expect(events[1]!.actor_user_id).toBe(user.id);
  });
});

describe('trusted proxies', () => {
  it('believes X-Forwarded-For only from a proxy CIVICDESK_TRUST_PROXY names', async () => {
    const behindProxy = await createTestApp({ trustProxy: ['10.0.0.0/8'] });
    try {
      const at = async (remoteAddress: string, forwardedFor: string) => {
        await behindProxy.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress,
          headers: { 'x-forwarded-for': forwardedFor },
          payload: { email: 'nobody@example.gov', password: 'not the password' },
        });
        const events = await behindProxy.db.selectFrom('sign_in_limits').select('key').execute();
        return events.length;
      };
      expect(await at('10.1.2.3', '192.0.2.1')).toBe(2); // email + forwarded address
      expect(await at('10.1.2.3', '192.0.2.2')).toBe(3); // a different client behind the proxy
      expect(await at('203.0.113.9', '192.0.2.1')).toBe(4); // not a proxy: counted under its own address
      expect(await at('203.0.113.9', '192.0.2.3')).toBe(4); // …whatever it claims to forward
    } finally {
      await behindProxy.close();
    }
  });
});
