import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { createUser, USER_PASSWORD } from '../../../test/factories.ts';

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

describe('POST /api/v1/cases with a person on file (personId, the console type-ahead)', () => {
  const countOf = async (table: 'cases' | 'people' | 'person_contacts') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('makes the picked person the writer, in their language and kind, adding no person and no contact', async () => {
    const created = await admin.call('POST', '/api/v1/people', {
      firstName: 'Tomás',
      lastName: 'Rodríguez',
      kind: 'advocate',
      preferredLanguage: 'es',
      emails: [{ value: 'tomas.rodriguez@example.org' }],
      phones: [{ value: '(212) 555-0199' }],
    });
    expect(created.statusCode).toBe(201);
    const personId = created.json().id as number;
    const [people, contacts] = [await countOf('people'), await countOf('person_contacts')];
    const res = await admin.call('POST', '/api/v1/cases', {
      channel: 'letter',
      description: 'Called about a shelter transfer.',
      personId,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      person: { id: personId, firstName: 'Tomás', lastName: 'Rodríguez', email: 'tomas.rodriguez@example.org' },
      language: 'es',
      writerType: 'advocate',
    });
    expect([await countOf('people'), await countOf('person_contacts')]).toEqual([people, contacts]);
    const again = await admin.call('GET', `/api/v1/cases/${res.json().trackingNumber}`);
    expect(again.json().person.id).toBe(personId);
  });

  it.each([
    [{ channel: 'letter', description: 'x' }, 'person'],
    [{ channel: 'letter', description: 'x', personId: 1, person }, 'person'],
    [{ channel: 'letter', description: 'x', personId: 999_999 }, 'personId'],
  ])('refuses %# naming the field, writing nothing', async (body, field) => {
    const before = await countOf('cases');
    const res = await admin.call('POST', '/api/v1/cases', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await countOf('cases')).toBe(before);
  });
});

describe('POST /api/v1/cases answers with the case as GET shows it', () => {
  /** Posts an intake and checks that its 201 body is what GET /cases/:trackingNumber then answers. */
  async function intakeAsViewed(caller: SignedIn, body: Record<string, unknown>) {
    const res = await caller.call('POST', '/api/v1/cases', body);
    expect(res.statusCode, res.body).toBe(201);
    const view = await caller.call('GET', `/api/v1/cases/${res.json().trackingNumber}`);
    expect(view.statusCode).toBe(200);
    expect(res.json()).toEqual(view.json());
    return res.json();
  }

  it('for a returning writer: earlier contacts stay primary, new kinds are added', async () => {
    const writer = { firstName: 'Mei', lastName: 'Chen', email: 'Mei.Chen@Example.org ', language: 'zh' };
    const first = await intakeAsViewed(admin, {
      channel: 'email',
      subject: 'SNAP',
      description: 'first',
      person: writer,
    });
    expect(first.person).toMatchObject({ email: 'Mei.Chen@Example.org', phone: null, preferredLanguage: 'zh' });
    // Same email in another spelling, a phone and an address: the same person, the first email still shown.
    const second = await intakeAsViewed(admin, {
      channel: 'web',
      description: 'second',
      title: 'Call back please',
      tags: ['callback'],
      person: {
        ...writer,
        firstName: 'M.',
        email: 'mei.chen@example.org',
        phone: '(718) 555-0101',
        address: '1 Main St',
      },
    });
    expect(second.person).toMatchObject({ id: first.person.id, firstName: 'Mei', email: 'Mei.Chen@Example.org' });
    expect(second.person.phone).toBe('(718) 555-0101');
    expect(second.tags).toContain('callback');
    // Found by phone and last name, with no email given.
    const third = await intakeAsViewed(admin, {
      channel: 'web',
      description: 'third',
      person: { firstName: 'Mei', lastName: 'CHEN', phone: '718-555-0101' },
    });
    expect(third.person.id).toBe(first.person.id);
    const contacts = await t.db
      .selectFrom('person_contacts')
      .select(['kind', 'value', 'is_primary', 'position'])
      .where('person_id', '=', first.person.id)
      .orderBy('kind')
      .execute();
    expect(contacts).toEqual([
      { kind: 'address', value: '1 Main St', is_primary: true, position: 0 },
      { kind: 'email', value: 'Mei.Chen@Example.org', is_primary: true, position: 0 },
      { kind: 'phone', value: '(718) 555-0101', is_primary: true, position: 0 },
    ]);
    // A second email of the same person goes after the first and is not primary.
    await intakeAsViewed(admin, {
      channel: 'web',
      description: 'fourth',
      person: { firstName: 'Mei', lastName: 'Chen', email: 'mei@work.example', phone: '7185550101' },
    });
    const emails = await t.db
      .selectFrom('person_contacts')
      .select(['value', 'is_primary', 'position'])
      .where('person_id', '=', first.person.id)
      .where('kind', '=', 'email')
      .orderBy('position')
      .execute();
    expect(emails).toEqual([
      { value: 'Mei.Chen@Example.org', is_primary: true, position: 0 },
      { value: 'mei@work.example', is_primary: false, position: 1 },
    ]);
  });

  it('does not join a merged person, nor a phone match with another last name', async () => {
    const a = await intakeAsViewed(admin, {
      channel: 'web',
      description: 'a',
      person: { firstName: 'Sam', lastName: 'Okafor', phone: '212 555 0199' },
    });
    const b = await intakeAsViewed(admin, {
      channel: 'web',
      description: 'b',
      person: { firstName: 'Sam', lastName: 'Okoro', phone: '212 555 0199' },
    });
    expect(b.person.id).not.toBe(a.person.id);
    await t.db.updateTable('people').set({ merged_into_id: b.person.id }).where('id', '=', a.person.id).execute();
    const c = await intakeAsViewed(admin, {
      channel: 'web',
      description: 'c',
      person: { firstName: 'Sam', lastName: 'Okafor', phone: '2125550199' },
    });
    expect([a.person.id, b.person.id]).not.toContain(c.person.id);
  });

  it('records the person written for, and the audit event names the writer', async () => {
    const body = await intakeAsViewed(admin, {
      channel: 'letter',
      subject: 'HOUSING',
      description: 'Writing for my mother.',
      writerType: 'representative',
      person: { firstName: 'Rosa', lastName: 'Diaz', email: 'rosa.diaz@example.org' },
      onBehalfOf: { firstName: 'Elena', lastName: 'Diaz', phone: '(347) 555-0111' },
    });
    const row = await t.db
      .selectFrom('cases')
      .select(['person_id', 'on_behalf_of_person_id'])
      .where('tracking_number', '=', body.trackingNumber)
      .executeTakeFirstOrThrow();
    expect(row.person_id).toBe(body.person.id);
    expect(row.on_behalf_of_person_id).not.toBeNull();
    expect(row.on_behalf_of_person_id).not.toBe(row.person_id);
    const event = await t.db
      .selectFrom('audit_events')
      .select(['changes', 'actor_label', 'case_id'])
      .where('entity_id', '=', body.trackingNumber)
      .executeTakeFirstOrThrow();
    expect(event.changes.map((c) => c.field)).toEqual([
      'channel',
      'subject_code',
      'status',
      'priority',
      'unit',
      'service_standard',
      'first_response_due_at',
      'resolution_due_at',
      'person_id',
      'restricted',
    ]);
    expect(event.changes.find((c) => c.field === 'person_id')).toEqual({
      field: 'person_id',
      old: null,
      new: body.person.id,
    });
    expect(event.changes.find((c) => c.field === 'first_response_due_at')?.new).toBe(body.firstResponseDueAt);
  });

  it('follows configuration changed since the last intake: a new subject, a new rule, a renamed unit', async () => {
    await intakeAsViewed(admin, { channel: 'web', description: 'before the change', person });
    const subject = await admin.call('POST', '/api/v1/subjects', { code: 'PARKS', name: 'Parks and playgrounds' });
    expect(subject.statusCode).toBe(201);
    const parks = await intakeAsViewed(admin, { channel: 'web', subject: 'PARKS', description: 'swings', person });
    expect(parks).toMatchObject({ subject: 'PARKS', subjectName: 'Parks and playgrounds', unit: 'OCS' });
    const rule = await admin.call('POST', '/api/v1/routing-rules', {
      name: 'Parks to heating assistance',
      position: 1,
      conditions: { subject: ['PARKS'] },
      actions: { unitCode: 'HEAP', tags: ['parks'] },
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const routed = await intakeAsViewed(admin, { channel: 'web', subject: 'PARKS', description: 'slide', person });
    expect(routed).toMatchObject({ unit: 'HEAP', status: 'triaged', tags: ['parks'] });
    const unit = await admin.call('GET', '/api/v1/units');
    const heap = unit.json().find((u: { code: string }) => u.code === 'HEAP');
    const renamed = await admin.call('PATCH', `/api/v1/units/${heap.id}`, { name: 'Heating and cooling assistance' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const again = await intakeAsViewed(admin, { channel: 'web', subject: 'PARKS', description: 'fence', person });
    expect(again.unitName).toBe('Heating and cooling assistance');
    const retired = await admin.call('PATCH', '/api/v1/subjects/PARKS', { active: false });
    expect(retired.statusCode, retired.body).toBe(200);
    const refused = await admin.call('POST', '/api/v1/cases', {
      channel: 'web',
      subject: 'PARKS',
      description: 'x',
      person,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0]).toMatchObject({ field: 'subject' });
  });

  it('for a confidential case logged from outside its unit, and as the view answers a unit liaison', async () => {
    const worker = await createUser(t.db, { email: 'intake.snap@example.gov', role: 'caseworker', units: ['SNAP'] });
    const session = await signInAs(t.app, worker.email, USER_PASSWORD);
    const dv = await intakeAsViewed(session, {
      channel: 'web',
      subject: 'DV',
      restricted: true,
      description: 'confidential',
      person: { firstName: 'Jo', lastName: 'Doe' },
    });
    expect(dv.restricted).toBe(true);
    const own = await intakeAsViewed(session, {
      channel: 'web',
      subject: 'SNAP',
      restricted: true,
      description: 'confidential, own unit',
      person: { firstName: 'Jo', lastName: 'Doe' },
    });
    expect(own.unit).toBe('SNAP');
    const access = await t.db.selectFrom('case_access').select('case_id').where('user_id', '=', worker.id).execute();
    expect(access).toHaveLength(1);

    const liaison = await createUser(t.db, {
      email: 'liaison.snap@example.gov',
      role: 'unit_liaison',
      units: ['SNAP'],
    });
    const liaisonSession = await signInAs(t.app, liaison.email, USER_PASSWORD);
    await intakeAsViewed(liaisonSession, {
      channel: 'web',
      subject: 'SNAP',
      description: 'for my unit',
      person: { firstName: 'Al', lastName: 'Bo' },
    });
    // Routed elsewhere, the new case is out of the liaison's sight: 404, as GET answers, though it was written.
    const elsewhere = await liaisonSession.call('POST', '/api/v1/cases', {
      channel: 'web',
      subject: 'HOUSING',
      description: 'not my unit',
      person: { firstName: 'Al', lastName: 'Bo' },
    });
    expect(elsewhere.statusCode).toBe(404);
    const written = await t.db
      .selectFrom('cases')
      .select('tracking_number')
      .where('description', '=', 'not my unit')
      .executeTakeFirstOrThrow();
    expect((await liaisonSession.call('GET', `/api/v1/cases/${written.tracking_number}`)).statusCode).toBe(404);
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
