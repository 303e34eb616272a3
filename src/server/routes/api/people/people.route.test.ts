import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { hashPassword } from '../../../auth/credentials.ts';
import type { Role } from '../../../db/schema.ts';

let t: TestApp;
let admin: SignedIn;
let agencyId: number;
let caseCounter = 0;

async function userWithRole(role: Role, email: string, unitCodes: string[] = []): Promise<SignedIn> {
  const password = 'a long enough password';
  const user = await t.db
    .insertInto('users')
    .values({ agency_id: agencyId, email, name: email, role, password_hash: await hashPassword(password) })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const code of unitCodes) {
    const unit = await t.db
      .selectFrom('units')
      .select('id')
      .where('agency_id', '=', agencyId)
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('unit_memberships')
      .values({ agency_id: agencyId, user_id: user.id, unit_id: unit.id })
      .execute();
  }
  return signInAs(t.app, email, password);
}

async function unitId(code: string): Promise<number> {
  const unit = await t.db
    .selectFrom('units')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return unit.id;
}

// The case API is written elsewhere; these tests make case rows directly.
async function insertCase(values: {
  personId: number;
  onBehalfOfPersonId?: number;
  restricted?: boolean;
  unitCode?: string;
  subjectCode?: string;
}): Promise<string> {
  caseCounter += 1;
  const trackingNumber = `TEST-2026-${String(caseCounter).padStart(6, '0')}`;
  await t.db
    .insertInto('cases')
    .values({
      agency_id: agencyId,
      tracking_number: trackingNumber,
      channel: 'email',
      subject_code: values.subjectCode ?? null,
      received_at: new Date(Date.UTC(2026, 0, caseCounter)),
      person_id: values.personId,
      on_behalf_of_person_id: values.onBehalfOfPersonId ?? null,
      restricted: values.restricted ?? false,
      unit_id: values.unitCode ? await unitId(values.unitCode) : null,
    })
    .execute();
  return trackingNumber;
}

async function createPerson(body: Record<string, unknown>) {
  const res = await admin.call('POST', '/api/v1/people', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  agencyId = (await t.db.selectFrom('agencies').select('id').executeTakeFirstOrThrow()).id;
});
afterAll(async () => t.close());

describe('POST /people', () => {
  it('creates a person with needs and contacts, normalised and audited', async () => {
    const person = await createPerson({
      firstName: ' Rosa ',
      lastName: 'Martínez',
      kind: 'constituent',
      preferredLanguage: 'es',
      interpretationNeeded: true,
      accessibilityNeeds: ['wheelchair', 'homebound'],
      emails: [{ value: 'Rosa.Martinez@Example.org', label: 'home' }, { value: 'rosa.martinez@example.org ' }],
      phones: [{ value: '(212) 555-0101' }],
      addresses: [{ value: '350 West 4th Street, Apt. 4B' }],
    });
    expect(person).toMatchObject({
      firstName: 'Rosa',
      lastName: 'Martínez',
      preferredLanguage: 'es',
      interpretationNeeded: true,
      accessibilityNeeds: ['homebound', 'wheelchair'],
      emails: [{ value: 'Rosa.Martinez@Example.org', label: 'home', isPrimary: true }],
      phones: [{ value: '(212) 555-0101', label: null, isPrimary: true }],
      mergedIntoId: null,
      version: 1,
      duplicateSuggestions: [],
    });
    const audit = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_type', '=', 'person')
      .where('entity_id', '=', String(person.id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.action).toBe('person.created');
    expect(audit[0]!.changes).toContainEqual({ field: 'preferred_language', old: null, new: 'es' });
  });

  it('answers 400 naming each bad field and writes nothing', async () => {
    const before = await t.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    const res = await admin.call('POST', '/api/v1/people', {
      firstName: 'Bad',
      lastName: 'Input',
      preferredLanguage: 'de',
      accessibilityNeeds: ['jetpack'],
      kind: 'alien',
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['preferredLanguage', 'accessibilityNeeds.0', 'kind']));

    const contacts = await admin.call('POST', '/api/v1/people', {
      firstName: 'Bad',
      lastName: 'Contacts',
      emails: [{ value: 'not-an-email' }],
      phones: [{ value: '12' }],
    });
    expect(contacts.statusCode).toBe(400);
    expect(contacts.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      'emails.0.value',
      'phones.0.value',
    ]);

    const missing = await admin.call('POST', '/api/v1/people', { lastName: 'Nofirst' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].field).toBe('firstName');

    const nameless = await admin.call('POST', '/api/v1/people', { firstName: ' ', lastName: '' });
    expect(nameless.statusCode).toBe(400);
    expect(nameless.json().error.details[0].field).toBe('lastName');

    const after = await t.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    expect(Number(after!.n)).toBe(Number(before!.n));
  });

  it('suggests duplicates on creation', async () => {
    const first = await createPerson({
      firstName: 'Wei',
      lastName: 'Chen',
      emails: [{ value: 'wei.chen@example.org' }],
    });
    const second = await createPerson({
      firstName: 'W.',
      lastName: 'Chen',
      emails: [{ value: 'mailto:WEI.CHEN@example.org' }],
    });
    expect(second.duplicateSuggestions).toEqual([
      {
        person: expect.objectContaining({ id: first.id }),
        reasons: [{ reason: 'sameEmail', value: 'mailto:WEI.CHEN@example.org' }],
      },
    ]);
  });

  it('refuses auditors and unit liaisons with 403', async () => {
    const auditor = await userWithRole('auditor', 'auditor@example.gov');
    const liaison = await userWithRole('unit_liaison', 'liaison@example.gov', ['SNAP']);
    for (const who of [auditor, liaison]) {
      const res = await who.call('POST', '/api/v1/people', { firstName: 'No', lastName: 'Way' });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    const list = await auditor.call('GET', '/api/v1/people?q=rosa');
    expect(list.statusCode).toBe(200);
  });
});

describe('GET /people', () => {
  let ids: Record<string, number>;
  beforeAll(async () => {
    ids = {};
    const people = [
      { key: 'arabic', firstName: 'محمد', lastName: 'عبد الله', phones: [{ value: '+1 (718) 555-0199' }] },
      { key: 'chinese', firstName: '小明', lastName: '王' },
      { key: 'obrien', firstName: 'Siobhan', lastName: "O'Brien", kind: 'advocate', organisation: 'Legal Aid Society' },
      { key: 'quote', firstName: 'Percy', lastName: '100% "Quoted"_\\' },
    ];
    for (const { key, ...body } of people) ids[key] = (await createPerson(body)).id;
    for (let i = 0; i < 7; i++) await createPerson({ firstName: `Page${i}`, lastName: 'Zzpaging' });
  });

  it('finds names in Arabic and Chinese script', async () => {
    const arabic = await admin.call('GET', `/api/v1/people?q=${encodeURIComponent('محمد')}`);
    expect(arabic.statusCode).toBe(200);
    expect(arabic.json().items.map((p: { id: number }) => p.id)).toEqual([ids.arabic]);
    const chinese = await admin.call('GET', `/api/v1/people?q=${encodeURIComponent('王 小明')}`);
    expect(chinese.json().items.map((p: { id: number }) => p.id)).toEqual([ids.chinese]);
  });

  it('matches word prefixes, apostrophes and organisations', async () => {
    for (const q of ["o'brien", 'OBrien siob', 'legal aid', 'Siobhan O’Brien']) {
      const res = await admin.call('GET', `/api/v1/people?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(200);
      if (q !== 'OBrien siob')
        expect(
          res.json().items.map((p: { id: number }) => p.id),
          q,
        ).toContain(ids.obrien);
    }
  });

  it('never fails on odd input', async () => {
    const odd = [
      '"\'%_\\',
      "'",
      '"',
      '&|!():*<->',
      '\\',
      '%',
      '_',
      "Robert'); DROP TABLE people;--",
      '   ',
      'a:*',
      '\u0301',
      '😀',
      'x'.repeat(200),
    ];
    for (const q of odd) {
      const res = await admin.call('GET', `/api/v1/people?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, q).toBe(200);
      expect(res.json()).toHaveProperty('items');
    }
    const quoted = await admin.call('GET', `/api/v1/people?q=${encodeURIComponent('"quoted"')}`);
    expect(quoted.json().items.map((p: { id: number }) => p.id)).toEqual([ids.quote]);
  });

  it('looks up exact email and phone in any formatting', async () => {
    const byPhone = await admin.call('GET', `/api/v1/people?phone=${encodeURIComponent('718.555.0199')}`);
    expect(byPhone.json()).toMatchObject({ total: 1, items: [{ id: ids.arabic }] });
    const byEmail = await admin.call('GET', `/api/v1/people?email=${encodeURIComponent(' WEI.CHEN@example.org')}`);
    expect(byEmail.json().total).toBe(2);
    const none = await admin.call('GET', '/api/v1/people?email=nobody@example.org');
    expect(none.json()).toEqual({ items: [], total: 0, nextCursor: null });
  });

  it('filters by kind', async () => {
    const res = await admin.call('GET', '/api/v1/people?kind=advocate');
    expect(res.json().items.map((p: { id: number }) => p.id)).toEqual([ids.obrien]);
    const bad = await admin.call('GET', '/api/v1/people?kind=alien');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('querystring.kind');
  });

  it('pages with an opaque cursor, by name and by rank, without repeats', async () => {
    for (const url of ['/api/v1/people?limit=3', '/api/v1/people?q=zzpaging&limit=3']) {
      const seen: number[] = [];
      let next: string | null = null;
      let total: number;
      do {
        const res = await admin.call('GET', `${url}${next ? `&cursor=${encodeURIComponent(next)}` : ''}`);
        expect(res.statusCode).toBe(200);
        const body = res.json();
        total = body.total;
        seen.push(...body.items.map((p: { id: number }) => p.id));
        next = body.nextCursor;
        // Cursors end up in URLs and logs: positions and ids only, never a name.
        if (next) expect(Object.keys(JSON.parse(Buffer.from(next, 'base64url').toString()))).not.toContain('lastName');
      } while (next);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(total);
    }
    const bad = await admin.call('GET', '/api/v1/people?cursor=garbage');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('cursor');
  });
});

describe('GET /people/:id/duplicates', () => {
  it('names each reason: same email, same phone, same name at the same address', async () => {
    const base = await createPerson({
      firstName: 'Ana',
      lastName: 'Lucía Gómez',
      emails: [{ value: 'ana.gomez@example.org' }],
      phones: [{ value: '347-555-0142' }],
      addresses: [{ value: '12 East 100th Street, Apt 3' }],
    });
    const byEmail = await createPerson({
      firstName: 'Annie',
      lastName: 'G',
      emails: [{ value: 'ANA.GOMEZ@example.org' }],
    });
    const byPhone = await createPerson({
      firstName: 'Someone',
      lastName: 'Else',
      phones: [{ value: '+1 347 555 0142' }],
    });
    const byAddress = await createPerson({
      firstName: 'ANA LUCIA',
      lastName: 'GOMEZ',
      addresses: [{ value: '12 E. 100th St #3' }],
    });
    const neighbour = await createPerson({
      firstName: 'Not',
      lastName: 'Related',
      addresses: [{ value: '12 East 100th St., Apartment 3' }],
    });
    const res = await admin.call('GET', `/api/v1/people/${base.id}/duplicates`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { person: { id: number }; reasons: { reason: string }[] }[];
    const reasonsOf = (id: number) => items.find((i) => i.person.id === id)?.reasons.map((r) => r.reason);
    expect(reasonsOf(byEmail.id)).toEqual(['sameEmail']);
    expect(reasonsOf(byPhone.id)).toEqual(['samePhone']);
    expect(reasonsOf(byAddress.id)).toEqual(['sameNameAndAddress']);
    expect(reasonsOf(neighbour.id)).toBeUndefined();

    const missing = await admin.call('GET', '/api/v1/people/999999/duplicates');
    expect(missing.statusCode).toBe(404);
  });
});

describe('PATCH /people/:id', () => {
  it('edits fields and replaces contacts, audited field by field', async () => {
    const person = await createPerson({
      firstName: 'Olga',
      lastName: 'Ivanova',
      preferredLanguage: 'ru',
      emails: [{ value: 'olga@example.org' }],
    });
    const res = await admin.call('PATCH', `/api/v1/people/${person.id}`, {
      expectedVersion: 1,
      lastName: 'Petrova',
      accessibilityNeeds: ['large_print'],
      emails: [{ value: 'olga.petrova@example.org', label: 'work' }, { value: 'olga@example.org' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      lastName: 'Petrova',
      preferredLanguage: 'ru',
      accessibilityNeeds: ['large_print'],
      version: 2,
      emails: [
        { value: 'olga.petrova@example.org', label: 'work', isPrimary: true },
        { value: 'olga@example.org', label: null, isPrimary: false },
      ],
      cases: [],
    });
    const audit = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', String(person.id))
      .where('action', '=', 'person.updated')
      .executeTakeFirstOrThrow();
    expect(audit.changes).toEqual(
      expect.arrayContaining([
        { field: 'last_name', old: 'Ivanova', new: 'Petrova' },
        { field: 'accessibility_needs', old: [], new: ['large_print'] },
        {
          field: 'emails',
          old: [{ value: 'olga@example.org' }],
          new: [{ value: 'olga.petrova@example.org', label: 'work' }, { value: 'olga@example.org' }],
        },
      ]),
    );
    expect(audit.changes.map((c) => c.field)).not.toContain('first_name');
  });

  it('answers 409 on a stale version and writes nothing; If-Match works too', async () => {
    const person = await createPerson({ firstName: 'Jan', lastName: 'Kowalski', preferredLanguage: 'pl' });
    const first = await admin.call('PATCH', `/api/v1/people/${person.id}`, { expectedVersion: 1, firstName: 'Janek' });
    expect(first.statusCode).toBe(200);
    const stale = await admin.call('PATCH', `/api/v1/people/${person.id}`, { expectedVersion: 1, firstName: 'Jasiu' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    const viaHeader = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${person.id}`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'if-match': '"2"' },
      payload: { notes: 'Prefers calls after 5pm' },
    });
    expect(viaHeader.statusCode).toBe(200);
    expect(viaHeader.json()).toMatchObject({ firstName: 'Janek', notes: 'Prefers calls after 5pm', version: 3 });
    const noVersion = await admin.call('PATCH', `/api/v1/people/${person.id}`, { firstName: 'X' });
    expect(noVersion.statusCode).toBe(400);
    expect(noVersion.json().error.details[0].field).toBe('expectedVersion');
    const badLanguage = await admin.call('PATCH', `/api/v1/people/${person.id}`, {
      expectedVersion: 3,
      preferredLanguage: 'xx',
    });
    expect(badLanguage.statusCode).toBe(400);
    expect(badLanguage.json().error.details[0].field).toBe('preferredLanguage');
  });

  it('refuses auditors and unit liaisons', async () => {
    const person = await createPerson({ firstName: 'Read', lastName: 'Only' });
    const auditor = await userWithRole('auditor', 'auditor2@example.gov');
    const res = await auditor.call('PATCH', `/api/v1/people/${person.id}`, { expectedVersion: 1, firstName: 'X' });
    expect(res.statusCode).toBe(403);
  });
});

describe('POST /people/:id/merge', () => {
  it('moves contacts (without repeats) and cases, marks the duplicate, audits both', async () => {
    const keep = await createPerson({
      firstName: 'Fatima',
      lastName: 'Rahman',
      preferredLanguage: 'bn',
      emails: [{ value: 'fatima@example.org' }],
    });
    const duplicate = await createPerson({
      firstName: 'Fatema',
      lastName: 'Rahman',
      accessibilityNeeds: ['homebound'],
      emails: [{ value: 'FATIMA@example.org' }, { value: 'f.rahman@example.org' }],
      phones: [{ value: '929-555-0110' }],
    });
    const other = await createPerson({ firstName: 'Case', lastName: 'Writer' });
    const own = await insertCase({ personId: duplicate.id, subjectCode: 'SNAP' });
    const aboutHer = await insertCase({ personId: other.id, onBehalfOfPersonId: duplicate.id });
    const already = await insertCase({ personId: keep.id });

    const res = await admin.call('POST', `/api/v1/people/${keep.id}/merge`, {
      duplicateId: duplicate.id,
      expectedVersion: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    const merged = res.json();
    expect(merged.emails.map((e: { value: string }) => e.value)).toEqual([
      'fatima@example.org',
      'f.rahman@example.org',
    ]);
    expect(merged.phones.map((e: { value: string }) => e.value)).toEqual(['929-555-0110']);
    expect(merged.accessibilityNeeds).toEqual(['homebound']);
    expect(merged.version).toBe(2);
    expect(merged.cases.map((c: { trackingNumber: string }) => c.trackingNumber).sort()).toEqual(
      [own, aboutHer, already].sort(),
    );
    expect(merged.cases.find((c: { trackingNumber: string }) => c.trackingNumber === aboutHer).role).toBe('onBehalfOf');
    expect(merged.cases.find((c: { trackingNumber: string }) => c.trackingNumber === own)).toMatchObject({
      role: 'writer',
      subjectCode: 'SNAP',
      subjectName: 'SNAP',
      status: 'new',
    });
    expect(merged.moved.cases.sort()).toEqual([own, aboutHer].sort());

    const rows = await t.db
      .selectFrom('cases')
      .select(['tracking_number', 'person_id', 'on_behalf_of_person_id'])
      .where('tracking_number', 'in', [own, aboutHer])
      .orderBy('tracking_number')
      .execute();
    expect(rows).toEqual([
      { tracking_number: own, person_id: keep.id, on_behalf_of_person_id: null },
      { tracking_number: aboutHer, person_id: other.id, on_behalf_of_person_id: keep.id },
    ]);

    const gone = await admin.call('GET', `/api/v1/people/${duplicate.id}`);
    expect(gone.statusCode).toBe(200);
    expect(gone.json()).toMatchObject({ mergedIntoId: keep.id, emails: [], phones: [], cases: [] });

    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'entity_id', 'changes'])
      .where('action', 'in', ['person.merged', 'person.merged_into'])
      .where('entity_id', 'in', [String(keep.id), String(duplicate.id)])
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.action, a.entity_id])).toEqual([
      ['person.merged', String(keep.id)],
      ['person.merged_into', String(duplicate.id)],
    ]);
    expect(audit[0]!.changes).toContainEqual({ field: 'merged_from_id', old: null, new: duplicate.id });
    expect(audit[0]!.changes.find((c) => c.field === 'cases_moved_in')!.new).toEqual(
      expect.arrayContaining([own, aboutHer]),
    );
    expect(audit[1]!.changes).toContainEqual({ field: 'merged_into_id', old: null, new: keep.id });

    const search = await admin.call('GET', '/api/v1/people?q=rahman');
    expect(search.json().items.map((p: { id: number }) => p.id)).toEqual([keep.id]);
  });

  it('refuses self-merge (400), an already merged person (409), a stale version (409) and read-only roles (403)', async () => {
    const keep = await createPerson({ firstName: 'Jean', lastName: 'Baptiste', preferredLanguage: 'ht' });
    const duplicate = await createPerson({ firstName: 'Jean', lastName: 'Baptist' });
    const self = await admin.call('POST', `/api/v1/people/${keep.id}/merge`, { duplicateId: keep.id });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.details[0].field).toBe('duplicateId');

    const stale = await admin.call('POST', `/api/v1/people/${keep.id}/merge`, {
      duplicateId: duplicate.id,
      expectedVersion: 7,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');

    const liaison = await userWithRole('unit_liaison', 'liaison2@example.gov', ['SNAP']);
    const forbidden = await liaison.call('POST', `/api/v1/people/${keep.id}/merge`, { duplicateId: duplicate.id });
    expect(forbidden.statusCode).toBe(403);

    expect(
      (await admin.call('POST', `/api/v1/people/${keep.id}/merge`, { duplicateId: duplicate.id })).statusCode,
    ).toBe(200);
    const again = await admin.call('POST', `/api/v1/people/${keep.id}/merge`, { duplicateId: duplicate.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/already merged/);
    const into = await admin.call('POST', `/api/v1/people/${duplicate.id}/merge`, { duplicateId: keep.id });
    expect(into.statusCode).toBe(409);
    expect(into.json().error.message).toMatch(/merged into person/);
    const edit = await admin.call('PATCH', `/api/v1/people/${duplicate.id}`, { expectedVersion: 2, firstName: 'X' });
    expect(edit.statusCode).toBe(409);
    const missing = await admin.call('POST', `/api/v1/people/${keep.id}/merge`, { duplicateId: 999999 });
    expect(missing.statusCode).toBe(404);
  });
});

describe("a constituent's history", () => {
  it('hides restricted cases from someone outside the unit, shows them to members and named users', async () => {
    const person = await createPerson({ firstName: 'Dana', lastName: 'Private' });
    const open = await insertCase({ personId: person.id, unitCode: 'SNAP' });
    const restricted = await insertCase({ personId: person.id, unitCode: 'DV', restricted: true });
    const outsider = await userWithRole('caseworker', 'outsider@example.gov', ['SNAP']);
    const member = await userWithRole('caseworker', 'dv-member@example.gov', ['DV']);
    const named = await userWithRole('caseworker', 'named@example.gov', []);
    const namedUser = await t.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'named@example.gov')
      .executeTakeFirstOrThrow();
    const restrictedCase = await t.db
      .selectFrom('cases')
      .select('id')
      .where('tracking_number', '=', restricted)
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('case_access')
      .values({ agency_id: agencyId, case_id: restrictedCase.id, user_id: namedUser.id })
      .execute();

    const seenBy = async (who: SignedIn) => {
      const res = await who.call('GET', `/api/v1/people/${person.id}`);
      expect(res.statusCode).toBe(200);
      return res
        .json()
        .cases.map((c: { trackingNumber: string }) => c.trackingNumber)
        .sort();
    };
    expect(await seenBy(outsider)).toEqual([open]);
    expect(await seenBy(admin)).toEqual([open]);
    expect(await seenBy(member)).toEqual([open, restricted].sort());
    expect(await seenBy(named)).toEqual([open, restricted].sort());
  });

  it('answers 404 for an unknown person and 400 for a bad id', async () => {
    expect((await admin.call('GET', '/api/v1/people/424242')).statusCode).toBe(404);
    const bad = await admin.call('GET', '/api/v1/people/abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('params.id');
  });
});

describe('OpenAPI', () => {
  it('documents every people route under the people tag', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const paths = res.json().paths as Record<string, Record<string, { tags?: string[] }>>;
    const routes = Object.entries(paths)
      .filter(([path]) => path.startsWith('/api/v1/people'))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => `${method} ${path} ${op.tags}`));
    expect(routes.sort()).toEqual(
      [
        'get /api/v1/people people',
        'post /api/v1/people people',
        'get /api/v1/people/{id} people',
        'patch /api/v1/people/{id} people',
        'get /api/v1/people/{id}/duplicates people',
        'post /api/v1/people/{id}/merge people',
        'get /api/v1/people/{personId}/notice-opt-out people',
        'put /api/v1/people/{personId}/notice-opt-out people',
        'delete /api/v1/people/{personId}/notice-opt-out people',
      ].sort(),
    );
  });
});
