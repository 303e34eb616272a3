// The confidential compartment covers people: a person known only from a restricted case, or flagged confidential,
// does not exist for staff outside it (people list, email look-up, profile, duplicates, search, edit, merge, audit
// log); a person with ordinary cases too shows outsiders only what those gave.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { createUser, USER_PASSWORD } from '../../../test/factories.ts';

let t: TestApp;
let admin: SignedIn;
let dvWorker: SignedIn;
let outsider: SignedIn;
let outsiderAdmin: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  const dv = await createUser(t.db, { email: 'dv.worker@example.gov', role: 'supervisor', units: ['DV'] });
  dvWorker = await signInAs(t.app, dv.email, USER_PASSWORD);
  const out = await createUser(t.db, { email: 'snap.sup@example.gov', role: 'supervisor', units: ['SNAP'] });
  outsider = await signInAs(t.app, out.email, USER_PASSWORD);
  const other = await createUser(t.db, { email: 'admin.two@example.gov', role: 'administrator' });
  outsiderAdmin = await signInAs(t.app, other.email, USER_PASSWORD);
});
afterAll(async () => t.close());

async function intake(by: SignedIn, body: Record<string, unknown>) {
  const res = await by.call('POST', '/api/v1/cases', { channel: 'web', description: 'about my matter', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { trackingNumber: string; person: { id: number; firstName: string; email: string | null } };
}

async function personId(email: string): Promise<number> {
  const row = await t.db
    .selectFrom('person_contacts')
    .select('person_id')
    .where('normalized', '=', email)
    .orderBy('person_id')
    .executeTakeFirstOrThrow();
  return row.person_id;
}

describe('a person known only from a restricted case', () => {
  let danaId: number;
  beforeAll(async () => {
    const dv = await intake(dvWorker, {
      subject: 'DV',
      restricted: true,
      description: 'safety planning',
      person: {
        firstName: 'Dana',
        lastName: 'Quillfeather',
        email: 'dana.q@safe.example',
        phone: '(212) 555-0199',
        address: '12 Hidden Lane, Safe House 3',
      },
    });
    danaId = dv.person.id;
  });

  it('is found and shown to the unit holding the case', async () => {
    const list = (await dvWorker.call('GET', '/api/v1/people?q=Quillfeather')).json();
    expect(list.total).toBe(1);
    const person = (await dvWorker.call('GET', `/api/v1/people/${danaId}`)).json();
    expect(person.addresses).toEqual([{ value: '12 Hidden Lane, Safe House 3', label: null, isPrimary: true }]);
  });

  it('does not exist for anyone outside it — lists, counts, email, profile, duplicates, search', async () => {
    for (const who of [outsider, outsiderAdmin]) {
      const list = (await who.call('GET', '/api/v1/people?q=Quillfeather')).json();
      expect(list).toMatchObject({ items: [], total: 0 });
      const byEmail = (await who.call('GET', '/api/v1/people?email=DANA.Q@safe.example')).json();
      expect(byEmail).toMatchObject({ items: [], total: 0 });
      const byPhone = (await who.call('GET', '/api/v1/people?phone=2125550199')).json();
      expect(byPhone.total).toBe(0);
      const all = (await who.call('GET', '/api/v1/people?limit=100')).json();
      expect(all.items.map((p: { id: number }) => p.id)).not.toContain(danaId);
      expect((await who.call('GET', `/api/v1/people/${danaId}`)).statusCode).toBe(404);
      expect((await who.call('GET', `/api/v1/people/${danaId}/duplicates`)).statusCode).toBe(404);
      const search = (await who.call('GET', '/api/v1/search?q=Quillfeather')).json();
      expect(search.people).toEqual({ items: [], total: 0 });
    }
  });

  it('cannot be changed or merged by an outsider: 404, and nothing written', async () => {
    const edit = await outsider.call('PATCH', `/api/v1/people/${danaId}`, {
      expectedVersion: 1,
      emails: [{ value: 'abuser@example.net' }],
    });
    expect(edit.statusCode).toBe(404);
    const mine = (
      await outsider.call('POST', '/api/v1/people', { firstName: 'Sam', lastName: 'Outsider', emails: [] })
    ).json();
    const mergeIn = await outsider.call('POST', `/api/v1/people/${mine.id}/merge`, { duplicateId: danaId });
    expect(mergeIn.statusCode).toBe(404);
    const mergeInto = await outsider.call('POST', `/api/v1/people/${danaId}/merge`, { duplicateId: mine.id });
    expect(mergeInto.statusCode).toBe(404);
    const person = (await dvWorker.call('GET', `/api/v1/people/${danaId}`)).json();
    expect(person.emails.map((e: { value: string }) => e.value)).toEqual(['dana.q@safe.example']);
    expect(person.mergedIntoId).toBeNull();
    expect(person.version).toBe(1);
  });

  it('is not joined by an ordinary intake that knows her email, which gets a person of its own', async () => {
    const forged = await intake(outsider, {
      subject: 'SNAP',
      person: { firstName: 'Sam', lastName: 'Spoof', email: 'dana.q@safe.example' },
    });
    expect(forged.person.id).not.toBe(danaId);
    expect(forged.person.firstName).toBe('Sam');
    // Her duplicates (seen from inside) name the new record; the outsider's duplicates do not name her.
    const fromInside = (await dvWorker.call('GET', `/api/v1/people/${danaId}/duplicates`)).json();
    expect(fromInside.items.map((d: { person: { id: number } }) => d.person.id)).toContain(forged.person.id);
    const fromOutside = (await outsider.call('GET', `/api/v1/people/${forged.person.id}/duplicates`)).json();
    expect(fromOutside.items).toEqual([]);
  });

  it("keeps the person's events out of an outsider's audit log", async () => {
    const log = (await outsiderAdmin.call('GET', `/api/v1/audit?entityType=person&entityId=${danaId}`)).json();
    expect(log.items).toEqual([]);
  });
});

describe('a person with ordinary and restricted cases', () => {
  let mariaId: number;
  let ordinaryCase: string;
  beforeAll(async () => {
    const ordinary = await intake(admin, {
      subject: 'SNAP',
      person: { firstName: 'Maria', lastName: 'Ostrowska', email: 'maria.o@example.org' },
    });
    ordinaryCase = ordinary.trackingNumber;
    mariaId = ordinary.person.id;
    const restricted = await intake(dvWorker, {
      subject: 'DV',
      restricted: true,
      person: {
        firstName: 'Maria',
        lastName: 'Ostrowska',
        email: 'maria.o@example.org',
        phone: '718 555 0142',
        address: '5 Refuge Court',
      },
    });
    expect(restricted.person.id).toBe(mariaId);
  });

  it('shows outsiders only what the ordinary case gave', async () => {
    const seen = (await outsider.call('GET', `/api/v1/people/${mariaId}`)).json();
    expect(seen.emails.map((e: { value: string }) => e.value)).toEqual(['maria.o@example.org']);
    expect(seen.phones).toEqual([]);
    expect(seen.addresses).toEqual([]);
    expect(seen.cases.map((c: { trackingNumber: string }) => c.trackingNumber)).toEqual([ordinaryCase]);
    expect((await outsider.call('GET', '/api/v1/people?phone=7185550142')).json().total).toBe(0);
    const inside = (await dvWorker.call('GET', `/api/v1/people/${mariaId}`)).json();
    expect(inside.addresses.map((a: { value: string }) => a.value)).toEqual(['5 Refuge Court']);
    expect(inside.cases).toHaveLength(2);
    // The ordinary case's view shows no contact given inside the compartment.
    const view = (await outsider.call('GET', `/api/v1/cases/${ordinaryCase}`)).json();
    expect(view.person.phone).toBeNull();
  });

  it('lets an outsider edit only the ordinary part, and never merge the record away', async () => {
    const current = (await outsider.call('GET', `/api/v1/people/${mariaId}`)).json();
    const edit = await outsider.call('PATCH', `/api/v1/people/${mariaId}`, {
      expectedVersion: current.version,
      phones: [],
      addresses: [{ value: '1 Elsewhere Street' }],
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const inside = (await dvWorker.call('GET', `/api/v1/people/${mariaId}`)).json();
    expect(inside.phones.map((p: { value: string }) => p.value)).toEqual(['718 555 0142']);
    expect(inside.addresses.map((a: { value: string }) => a.value).sort()).toEqual([
      '1 Elsewhere Street',
      '5 Refuge Court',
    ]);
    const mine = (await outsider.call('POST', '/api/v1/people', { firstName: 'Maria', lastName: 'Other' })).json();
    const merge = await outsider.call('POST', `/api/v1/people/${mine.id}/merge`, { duplicateId: mariaId });
    expect(merge.statusCode).toBe(403);
  });

  it('adds what an insider types to the compartment', async () => {
    const current = (await dvWorker.call('GET', `/api/v1/people/${mariaId}`)).json();
    const edit = await dvWorker.call('PATCH', `/api/v1/people/${mariaId}`, {
      expectedVersion: current.version,
      emails: [
        ...current.emails.map((e: { value: string }) => ({ value: e.value })),
        { value: 'maria.safe@example.org' },
      ],
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const seen = (await outsider.call('GET', `/api/v1/people/${mariaId}`)).json();
    expect(seen.emails.map((e: { value: string }) => e.value)).toEqual(['maria.o@example.org']);
  });

  it('disappears for outsiders once flagged confidential by the unit holding her case', async () => {
    const current = (await dvWorker.call('GET', `/api/v1/people/${mariaId}`)).json();
    const flagged = await dvWorker.call('PATCH', `/api/v1/people/${mariaId}`, {
      expectedVersion: current.version,
      confidentialReason: 'protective_order',
    });
    expect(flagged.statusCode, flagged.body).toBe(200);
    expect(flagged.json().confidentialReason).toBe('protective_order');
    expect((await outsider.call('GET', `/api/v1/people/${mariaId}`)).statusCode).toBe(404);
    expect((await outsider.call('GET', '/api/v1/people?q=Ostrowska')).json().total).toBe(0);
    expect((await outsider.call('GET', '/api/v1/search?q=Ostrowska')).json().people.total).toBe(0);
    expect((await dvWorker.call('GET', '/api/v1/people?q=Ostrowska')).json().total).toBe(1);
  });
});

describe('the confidential flag', () => {
  it('is set only by someone who holds a restricted case of the person', async () => {
    const ordinary = await intake(admin, {
      subject: 'SNAP',
      person: { firstName: 'Olu', lastName: 'Plainperson', email: 'olu@example.org' },
    });
    const refused = await admin.call('PATCH', `/api/v1/people/${ordinary.person.id}`, {
      expectedVersion: 1,
      confidentialReason: 'address_confidentiality',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0].field).toBe('confidentialReason');
  });
});

describe('a case restricted after intake', () => {
  it('takes the contacts its intake gave into the compartment', async () => {
    const c = await intake(admin, {
      subject: 'SNAP',
      person: { firstName: 'Lee', lastName: 'Laterhidden', email: 'lee.l@example.org', address: '9 Quiet Road' },
    });
    const view = (await admin.call('GET', `/api/v1/cases/${c.trackingNumber}`)).json();
    // Restricted without naming anyone, the case leaves the sight of the administrator who did it (the answer 404s).
    await admin.call('PATCH', `/api/v1/cases/${c.trackingNumber}`, {
      expectedVersion: view.version,
      restricted: true,
      accessUserIds: [],
    });
    const row = await t.db
      .selectFrom('cases')
      .select('restricted')
      .where('tracking_number', '=', c.trackingNumber)
      .executeTakeFirstOrThrow();
    expect(row.restricted).toBe(true);
    const id = await personId('lee.l@example.org');
    // The case went to SNAP, whose members hold it now; an administrator of no unit does not.
    expect((await outsider.call('GET', `/api/v1/people/${id}`)).statusCode).toBe(200);
    expect((await outsiderAdmin.call('GET', `/api/v1/people/${id}`)).statusCode).toBe(404);
    const contacts = await t.db
      .selectFrom('person_contacts')
      .select(['kind', 'restricted'])
      .where('person_id', '=', id)
      .execute();
    expect(contacts.every((row) => row.restricted)).toBe(true);
  });
});
