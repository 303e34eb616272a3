import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { createUser, USER_PASSWORD } from '../../../test/factories.ts';
import { localDate } from '../../../../shared/local-time.ts';
import { complaintNoticeLetter } from '../../../commands/complaints/complaint-notices.ts';
import { contextFor } from '../../../test/crosstab-test-support.ts';

const ALL_UNITS = ['OMB', 'CM', 'FIN', 'EST', 'ENF', 'LEG'];
const SAFE_ADDRESS = '14 Hidden Oak Lane\nFresno, CA 93701';

let t: TestApp;
let admin: SignedIn;
let named: SignedIn;
let other: SignedIn;
let namedId: number;
let trackingNumber: string;
let complaintNumber: string;

beforeAll(async () => {
  t = await createTestApp({ agencyPreset: 'child-support' });
  admin = await signInAs(t.app);
  namedId = (await createUser(t.db, { email: 'named@example.gov', role: 'caseworker', units: ALL_UNITS })).id;
  await createUser(t.db, { email: 'other@example.gov', role: 'caseworker', units: ALL_UNITS });
  named = await signInAs(t.app, 'named@example.gov', USER_PASSWORD);
  other = await signInAs(t.app, 'other@example.gov', USER_PASSWORD);
  const created = await admin.call('POST', '/api/v1/cases', {
    channel: 'phone',
    subject: 'CASE',
    description: 'Payments are not reaching the custodial party.',
    programCaseNumber: 'CS-2026-0100',
    person: { firstName: 'Rosa', lastName: 'Vega', phone: '559-555-0101' },
  });
  expect(created.statusCode).toBe(201);
  trackingNumber = created.json().trackingNumber;
  const filed = await admin.call('POST', '/api/v1/complaints', {
    complainant: { firstName: 'Carl', lastName: 'Dunn', role: 'noncustodial_parent' },
    programCaseNumber: 'CS-2026-0100',
    receivedVia: 'phone',
    receivedOn: localDate(new Date(), 'America/Los_Angeles'),
    caseTrackingNumber: trackingNumber,
    issues: [{ category: 'distribution', description: 'My payments are not credited.' }],
  });
  expect(filed.statusCode).toBe(201);
  complaintNumber = filed.json().complaintNumber;
});
afterAll(async () => t.close());

const protectedParty = () => ({
  person: { firstName: 'Rosa', lastName: 'Vega', address: SAFE_ADDRESS },
  role: 'custodial_party',
  protectiveOrder: true,
  protectedStaffUserIds: [namedId],
});

async function auditCount(action: string) {
  const row = await t.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('action', '=', action)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('parties of a case', () => {
  it('adds a party under a protective order whose address only the named staff see, each view audited', async () => {
    const added = await admin.call('POST', `/api/v1/cases/${trackingNumber}/parties`, protectedParty());
    expect(added.statusCode).toBe(201);
    const [party] = added.json();
    expect(party).toMatchObject({
      role: 'custodial_party',
      protectiveOrder: true,
      address: null,
      whereaboutsWithheld: true,
    });
    expect(party.protectedStaff).toEqual([{ id: namedId, name: 'named' }]);

    const seenByOther = (await other.call('GET', `/api/v1/cases/${trackingNumber}/parties`)).json();
    expect(seenByOther[0]).toMatchObject({ address: null, whereaboutsWithheld: true });
    expect(JSON.stringify(seenByOther)).not.toContain('Hidden Oak');
    const person = await other.call('GET', `/api/v1/people/${party.personId}`);
    expect(person.json().addresses).toEqual([]);

    const before = await auditCount('whereabouts.disclosed');
    const seenByNamed = (await named.call('GET', `/api/v1/cases/${trackingNumber}/parties`)).json();
    expect(seenByNamed[0]).toMatchObject({ address: SAFE_ADDRESS, whereaboutsWithheld: false });
    expect((await named.call('GET', `/api/v1/people/${party.personId}`)).json().addresses[0].value).toBe(SAFE_ADDRESS);
    expect(await auditCount('whereabouts.disclosed')).toBe(before + 2);

    // A search list never carries the address, not even for the named staff.
    const search = await named.call('GET', '/api/v1/people?q=Vega');
    expect(JSON.stringify(search.json())).not.toContain('Hidden Oak');
  });

  it('lets only the named staff change or lift the order', async () => {
    const [party] = (await admin.call('GET', `/api/v1/cases/${trackingNumber}/parties`)).json();
    const byOther = await other.call('PATCH', `/api/v1/cases/${trackingNumber}/parties/${party.id}`, {
      protectedStaffUserIds: [namedId, 1],
      version: party.version,
    });
    expect(byOther.statusCode).toBe(403);
    const byNamed = await named.call('PATCH', `/api/v1/cases/${trackingNumber}/parties/${party.id}`, {
      role: 'other',
      version: party.version,
    });
    expect(byNamed.statusCode).toBe(200);
    expect(byNamed.json()[0]).toMatchObject({ role: 'other', protectiveOrder: true });
    const back = await named.call('PATCH', `/api/v1/cases/${trackingNumber}/parties/${party.id}`, {
      role: 'custodial_party',
      version: party.version + 1,
    });
    expect(back.statusCode).toBe(200);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('case_parties')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const url = `/api/v1/cases/${trackingNumber}/parties`;
    const person = { firstName: 'Ann', lastName: 'Lee' };
    const cases: [unknown, string][] = [
      [{ person, role: 'cousin' }, 'role'],
      [{ person, role: 'authorized_representative', authorizationExpiresOn: '2030-01-01' }, 'authorizationReference'],
      [{ person, role: 'authorized_representative', authorizationReference: 'POA 7' }, 'authorizationExpiresOn'],
      [{ person, role: 'attorney', authorizationReference: 'x' }, 'authorizationReference'],
      [{ person, role: 'other', protectiveOrder: true }, 'protectedStaffUserIds'],
      [{ person, role: 'other', protectiveOrder: true, protectedStaffUserIds: [999_999] }, 'protectedStaffUserIds'],
      [{ person, role: 'other', authorizationAttachmentId: 5 }, 'authorizationAttachmentId'],
      [{ role: 'other' }, 'personId'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.call('POST', url, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect(await count()).toBe(before);
  });

  it('answers 404 to a caseworker who may not see the case', async () => {
    const secret = await admin.call('POST', '/api/v1/cases', {
      channel: 'phone',
      subject: 'CASE',
      description: 'A confidential matter.',
      person: { firstName: 'Ivy', lastName: 'Stone', phone: '559-555-0177' },
    });
    const tn = secret.json().trackingNumber as string;
    const unit = await t.db.selectFrom('units').select('id').where('code', '=', 'LEG').executeTakeFirstOrThrow();
    await t.db
      .updateTable('cases')
      .set({ restricted: true, unit_id: unit.id })
      .where('tracking_number', '=', tn)
      .execute();
    await createUser(t.db, { email: 'outsider@example.gov', role: 'caseworker', units: ['OMB'] });
    const outsider = await signInAs(t.app, 'outsider@example.gov', USER_PASSWORD);
    expect((await outsider.call('GET', `/api/v1/cases/${tn}/parties`)).statusCode).toBe(404);
    const add = await outsider.call('POST', `/api/v1/cases/${tn}/parties`, {
      person: { firstName: 'A', lastName: 'B' },
      role: 'other',
    });
    expect(add.statusCode).toBe(404);
  });
});

describe('parties of a complaint', () => {
  let representativeId: number;
  let custodialId: number;

  it('keeps an authorized representative with the authorization and shows when it has expired', async () => {
    const url = `/api/v1/complaints/${complaintNumber}/parties`;
    const [onCase] = (await admin.call('GET', `/api/v1/cases/${trackingNumber}/parties`)).json();
    const custodial = await admin.call('POST', url, {
      personId: onCase.personId,
      role: 'custodial_party',
      protectiveOrder: true,
      protectedStaffUserIds: [namedId],
    });
    expect(custodial.statusCode).toBe(201);
    custodialId = custodial.json()[0].id;
    const carl = await admin.call('POST', url, {
      person: { firstName: 'Carl', lastName: 'Dunn', address: '200 Main Street\nVisalia, CA 93291' },
      role: 'noncustodial_parent',
    });
    expect(carl.statusCode).toBe(201);
    const rep = await admin.call('POST', url, {
      person: { firstName: 'Dana', lastName: 'Reyes', address: '9 Court Plaza\nFresno, CA 93721' },
      role: 'authorized_representative',
      authorizationReference: 'Signed authorization of 2025-01-10',
      authorizationExpiresOn: '2025-12-31',
    });
    expect(rep.statusCode).toBe(201);
    const representative = rep.json().find((p: { role: string }) => p.role === 'authorized_representative');
    representativeId = representative.id;
    expect(representative).toMatchObject({
      authorization: { reference: 'Signed authorization of 2025-01-10', expiresOn: '2025-12-31', expired: true },
      mayBeAddressed: false,
    });
  });

  it('refuses a notice to a representative whose authorization has expired', async () => {
    const notices = (await admin.call('GET', `/api/v1/complaints/${complaintNumber}`)).json().notices;
    expect(notices.length).toBeGreaterThan(0);
    const res = await admin.call(
      'GET',
      `/api/v1/complaints/${complaintNumber}/notices/${notices[0].id}/pdf?partyId=${representativeId}`,
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/authorization/);
    const renewed = await admin.call('PATCH', `/api/v1/complaints/${complaintNumber}/parties/${representativeId}`, {
      authorizationExpiresOn: '2099-12-31',
      version: 1,
    });
    expect(renewed.json().find((p: { id: number }) => p.id === representativeId)).toMatchObject({
      authorization: { expired: false },
      mayBeAddressed: true,
    });
  });

  it('addresses a notice to the other party without the protected address, and refuses one that would carry it', async () => {
    const view = (await admin.call('GET', `/api/v1/complaints/${complaintNumber}`)).json();
    const noticeId = view.notices[0].id as number;
    const parties = (await admin.call('GET', `/api/v1/complaints/${complaintNumber}/parties`)).json();
    const carl = parties.find((p: { role: string }) => p.role === 'noncustodial_parent');
    const adminId = (
      await t.db.selectFrom('users').select('id').where('email', '=', 'admin@example.gov').executeTakeFirstOrThrow()
    ).id;
    const { letter } = await complaintNoticeLetter(await contextFor(t.db, adminId), complaintNumber, noticeId, carl.id);
    expect(letter.recipient).toMatchObject({
      name: 'Carl Dunn',
      addressLines: ['200 Main Street', 'Visalia, CA 93291'],
    });
    expect(JSON.stringify(letter)).not.toContain('Hidden Oak');

    // The other party's address typed as the protected one: refused.
    await t.db
      .updateTable('person_contacts')
      .set({ value: SAFE_ADDRESS })
      .where('person_id', '=', carl.personId)
      .where('kind', '=', 'address')
      .execute();
    const refused = await admin.call(
      'GET',
      `/api/v1/complaints/${complaintNumber}/notices/${noticeId}/pdf?partyId=${carl.id}`,
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/protective order/);
    await t.db
      .updateTable('person_contacts')
      .set({ value: '200 Main Street\nVisalia, CA 93291' })
      .where('person_id', '=', carl.personId)
      .where('kind', '=', 'address')
      .execute();
    // The protected party herself may be written to, by the staff the order names.
    const own = await complaintNoticeLetter(await contextFor(t.db, namedId), complaintNumber, noticeId, custodialId);
    expect(own.letter.recipient.addressLines).toEqual(['14 Hidden Oak Lane', 'Fresno, CA 93701']);
  });

  it('never puts the protected address in the complaint log export', async () => {
    const today = localDate(new Date(), 'America/Los_Angeles');
    for (const reader of [named, admin]) {
      const csv = await reader.call('GET', `/api/v1/complaints/log?from=${today}&to=${today}&format=csv`);
      expect(csv.statusCode).toBe(200);
      expect(csv.body).toContain('Rosa Vega (Custodial party) — address withheld (protective order)');
      expect(csv.body).toContain('Dana Reyes (Authorized representative) — 9 Court Plaza, Fresno, CA 93721');
      expect(csv.body).not.toContain('Hidden Oak');
    }
  });
});
