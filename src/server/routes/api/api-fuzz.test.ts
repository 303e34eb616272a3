// Fuzzing the staff API with arbitrary bodies and query strings: never a 500, and a refused request writes nothing.
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
let admin: SignedIn;
let trackingNumber: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  const created = await admin.call('POST', '/api/v1/cases', {
    channel: 'email',
    description: 'fuzz target',
    person: { firstName: 'F', lastName: 'Z', email: 'fz@example.org' },
  });
  trackingNumber = created.json().trackingNumber;
});
afterAll(async () => t.close());

async function footprint(): Promise<string> {
  const { rows } = await sql<{ c: number; a: number; p: number; t: number }>`
    select (select count(*) from cases)::int as c, (select count(*) from audit_events)::int as a,
           (select count(*) from people)::int as p, (select count(*) from timeline_entries)::int as t`.execute(t.db);
  return JSON.stringify(rows[0]);
}

const text = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '',
    ' ',
    '%',
    "'; drop table cases; --",
    '\u0000',
    '😀',
    'مرحبا',
    '2026-02-30T25:61:00Z',
    '-1',
    '1e309',
  ),
);
const scalar = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(text, scalar, { maxKeys: 3 }));
const caseLike = fc.record(
  {
    channel: fc.oneof(fc.constantFrom('email', 'letter', 'web', 'phone', '311'), value),
    subject: fc.oneof(fc.constantFrom('SNAP', 'SHELTER.CONDITIONS', 'nope'), value),
    description: fc.oneof(fc.string({ minLength: 1 }), value),
    receivedAt: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      value,
    ),
    person: fc.oneof(
      fc.record(
        {
          firstName: fc.oneof(fc.string(), value),
          lastName: fc.oneof(fc.string(), value),
          email: fc.oneof(fc.emailAddress(), value),
          phone: value,
          language: fc.oneof(fc.constantFrom('en', 'es', 'ar', 'xx'), value),
        },
        { requiredKeys: [] },
      ),
      value,
    ),
    priority: value,
    writerType: value,
    restricted: value,
    tags: value,
  },
  { requiredKeys: [] },
);

const runs = { numRuns: Number(process.env.FUZZ_RUNS ?? 60) };

describe('fuzzing the API', () => {
  it('POST /cases: a 201 or a 4xx, never a 500; a 4xx writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(caseLike, async (body) => {
        const before = await footprint();
        const res = await admin.call('POST', '/api/v1/cases', body);
        expect(res.statusCode, res.body).not.toBeGreaterThanOrEqual(500);
        if (res.statusCode >= 400) {
          expect(res.json().error.code).toBeTruthy();
          expect(await footprint()).toBe(before);
        }
      }),
      runs,
    );
  });

  it('PATCH and actions on a case: never a 500; a 4xx writes nothing', async () => {
    const paths = ['', '/route', '/assign', '/status', '/notes', '/responses', '/referrals', '/links', '/merge'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.oneof(caseLike, fc.dictionary(text, value)),
        async (path, body) => {
          const before = await footprint();
          const res = await admin.call(path === '' ? 'PATCH' : 'POST', `/api/v1/cases/${trackingNumber}${path}`, body);
          expect(res.statusCode, `${path} ${res.body}`).not.toBeGreaterThanOrEqual(500);
          if (res.statusCode >= 400) expect(await footprint()).toBe(before);
        },
      ),
      runs,
    );
  });

  it('query strings of the lists and search: never a 500', async () => {
    const keys = [
      'channel',
      'subject',
      'status',
      'unit',
      'q',
      'receivedFrom',
      'receivedTo',
      'limit',
      'cursor',
      'queue',
      'sort',
      'assignee',
      'person',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/api/v1/cases', '/api/v1/people', '/api/v1/search', '/api/v1/templates'),
        fc.dictionary(fc.constantFrom(...keys), text, { maxKeys: 5 }),
        async (path, query) => {
          const res = await admin.call('GET', `${path}?${new URLSearchParams(query).toString()}`);
          expect(res.statusCode, `${path} ${JSON.stringify(query)} ${res.body}`).not.toBeGreaterThanOrEqual(500);
        },
      ),
      runs,
    );
  });

  it('a NUL character anywhere in a request is refused with the field named, before any write', async () => {
    const before = await footprint();
    const listed = await admin.call('GET', '/api/v1/cases?channel=%00');
    expect(listed.statusCode).toBe(400);
    expect(listed.json().error.details).toEqual([{ field: 'query.channel', message: expect.stringMatching(/NUL/) }]);
    const created = await admin.call('POST', '/api/v1/cases', {
      channel: 'email',
      description: 'ok',
      person: { firstName: 'A\u0000', lastName: 'B' },
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().error.details[0].field).toBe('person.firstName');
    expect(await footprint()).toBe(before);
  });

  it('administration writes: never a 500; a 4xx writes nothing', async () => {
    const targets = [
      '/api/v1/people',
      '/api/v1/subjects',
      '/api/v1/units',
      '/api/v1/users',
      '/api/v1/routing-rules',
      '/api/v1/service-standards',
      '/api/v1/templates',
      '/api/v1/routing-rules/test',
      '/api/v1/cases/bulk',
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), fc.dictionary(text, value, { maxKeys: 6 }), async (path, body) => {
        const before = await footprint();
        const res = await admin.call('POST', path, body);
        expect(res.statusCode, `${path} ${res.body}`).not.toBeGreaterThanOrEqual(500);
        if (res.statusCode >= 400) expect(await footprint()).toBe(before);
      }),
      runs,
    );
  });

  it('malformed JSON and wrong content types get a 4xx in the error shape', async () => {
    for (const [payload, type] of [
      ['{"channel":', 'application/json'],
      ['channel=email', 'text/plain'],
      ['null', 'application/json'],
      ['[]', 'application/json'],
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': type! },
        payload,
      });
      expect(res.statusCode, `${payload} ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error.code).toBeTruthy();
    }
  });
});
