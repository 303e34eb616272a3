import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
});
afterAll(async () => t.close());

const person = { firstName: 'Ana', lastName: 'Reyes', email: 'ana.reyes@example.org', language: 'es' };

describe('POST /api/v1/cases', () => {
  it('creates a case with a tracking number, routed by the rules and with 14-calendar-day deadlines', async () => {
    const res = await admin.call('POST', '/api/v1/cases', {
      channel: 'email',
      subject: 'SNAP',
      description: 'My SNAP benefits stopped last month.',
      receivedAt: '2026-03-02T10:00:00-05:00',
      person,
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.trackingNumber).toMatch(/^OCS-\d{4}-\d{6}$/);
    expect(body.status).toBe('triaged');
    expect(body.unit).toBe('SNAP');
    // Received Monday March 2 2026 in New York; day 14 is Monday March 16, due at its end (EDT from March 8).
    expect(body.firstResponseDueAt).toBe('2026-03-17T03:59:59.999Z');
    expect(body.resolutionDueAt).toBeTruthy();
    expect(body.person.email).toBe('ana.reyes@example.org');
    expect(body.language).toBe('es');

    const again = await admin.call('GET', `/api/v1/cases/${body.trackingNumber}`);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(body);
  });

  it('joins a second message from the same email to the same person', async () => {
    const a = await admin.call('POST', '/api/v1/cases', { channel: 'web', description: 'one', person });
    const b = await admin.call('POST', '/api/v1/cases', { channel: 'web', description: 'two', person });
    expect(a.json().person.id).toBe(b.json().person.id);
  });

  it('routes an elected official to Legislative Affairs with high priority and a starting escalation level', async () => {
    const res = await admin.call('POST', '/api/v1/cases', {
      channel: 'letter',
      subject: 'HOUSING',
      description: 'On behalf of a constituent in my district.',
      writerType: 'elected_official',
      person: { firstName: 'Council', lastName: 'Member', email: 'cm@council.example.gov' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ unit: 'LEG', priority: 'high', escalationLevel: 1 });
  });

  it.each([
    [{ channel: 'pigeon', description: 'x', person }, 'channel'],
    [{ channel: 'email', subject: 'NOPE', description: 'x', person }, 'subject'],
    [{ channel: 'email', description: 'x', person, receivedAt: 'yesterday' }, 'receivedAt'],
    [{ channel: 'email', description: 'x', person, receivedAt: '2999-01-01T00:00:00Z' }, 'receivedAt'],
    [{ channel: 'email', description: 'x', person: { ...person, email: 'not-an-email' } }, 'person.email'],
    [{ channel: 'email', description: 'x', person: { ...person, language: 'xx' } }, 'person.language'],
    [{ channel: 'email', person }, 'description'],
  ])('refuses bad input %# naming the field, writing nothing', async (body, field) => {
    const before = await t.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await admin.call('POST', '/api/v1/cases', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    const after = await t.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('records the intake in the audit trail', async () => {
    const res = await admin.call('POST', '/api/v1/cases', { channel: 'email', description: 'audit me', person });
    const events = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', res.json().trackingNumber)
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.action).toBe('case.created');
    expect(events[0]!.changes.find((c) => c.field === 'status')?.new).toBe('new'.length ? res.json().status : '');
  });
});

describe('GET /api/v1/cases', () => {
  it('filters by channel, subject, unit, status and text, with a total and a working cursor', async () => {
    for (let i = 0; i < 5; i++) {
      await admin.call('POST', '/api/v1/cases', {
        channel: 'phone',
        subject: 'HEAT',
        description: `No heat in apartment ${i} since Tuesday, radiator broken`,
        person: { firstName: 'Lee', lastName: `Tenant${i}` },
      });
    }
    const first = await admin.call('GET', '/api/v1/cases?channel=phone&subject=HEAT&unit=HEAP&limit=2');
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.total).toBe(5);
    expect(page1.items).toHaveLength(2);
    const second = (await admin.call('GET', `/api/v1/cases?channel=phone&limit=2&cursor=${page1.nextCursor}`)).json();
    const third = (await admin.call('GET', `/api/v1/cases?channel=phone&limit=2&cursor=${second.nextCursor}`)).json();
    const seen = [...page1.items, ...second.items, ...third.items].map(
      (c: { trackingNumber: string }) => c.trackingNumber,
    );
    expect(new Set(seen).size).toBe(5);
    expect(third.nextCursor).toBeNull();

    const text = (await admin.call('GET', '/api/v1/cases?q=radiator')).json();
    expect(text.total).toBe(5);
    const none = (await admin.call('GET', `/api/v1/cases?q=${encodeURIComponent('"unbalanced & ( quote')}`)).json();
    expect(none.total).toBe(0);
    expect((await admin.call('GET', '/api/v1/cases?status=closed&channel=phone')).json().total).toBe(0);
  });

  it('refuses a bad status, date or cursor with the field named', async () => {
    for (const [query, field] of [
      ['status=open-ish', 'status'],
      ['receivedFrom=03/01/2026', 'receivedFrom'],
      ['cursor=garbage', 'cursor'],
      ['limit=0', 'limit'],
      ['queue=someday', 'queue'],
    ]) {
      const res = await admin.call('GET', `/api/v1/cases?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.details[0].field).toContain(field);
    }
  });

  it('answers 404 for an unknown tracking number', async () => {
    const res = await admin.call('GET', '/api/v1/cases/OCS-1999-999999');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});
