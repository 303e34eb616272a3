// Exercises the API for every cell of the authorization matrix (authorization-matrix.ts): each role, as a reader
// outside the restricted case's unit and as a member of it, against an ordinary and a restricted case and the people
// known only from each. The expected answer of each cell comes from the table, not from this file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../test/test-app.ts';
import { createUser, USER_PASSWORD } from '../test/factories.ts';
import type { Role } from '../db/schema.ts';
import {
  MATRIX,
  RESOURCES,
  ROLES,
  STANDINGS,
  type Outcome,
  type Resource,
  type Standing,
} from './authorization-matrix.ts';

interface Fixture {
  trackingNumber: string;
  personId: number;
  /** A word found only in this case's description and this person's last name. */
  word: string;
}

let t: TestApp;
const fixtures = {} as Record<'ordinary' | 'restricted', Fixture>;
const readers = {} as Record<Role, { outsider: SignedIn; insider: SignedIn }>;

async function intake(admin: SignedIn, word: string, restricted: boolean): Promise<Fixture> {
  const res = await admin.call('POST', '/api/v1/cases', {
    channel: '311',
    subject: restricted ? 'DV' : 'SNAP',
    restricted,
    description: `matter ${word}`,
    person: { firstName: 'Matrix', lastName: word },
  });
  expect(res.statusCode, res.body).toBe(201);
  const body = res.json();
  return { trackingNumber: body.trackingNumber, personId: body.person.id, word };
}

beforeAll(async () => {
  t = await createTestApp();
  const admin = await signInAs(t.app);
  fixtures.ordinary = await intake(admin, 'Plainview', false);
  fixtures.restricted = await intake(admin, 'Shelterly', true);
  // The administrator who logged the restricted case is named on it; the readers below are not.
  for (const role of ROLES) {
    const outsider = await createUser(t.db, { email: `${role}.out@example.gov`, role, units: ['FIA'] });
    const insider = await createUser(t.db, { email: `${role}.in@example.gov`, role, units: ['DV'] });
    readers[role] = {
      outsider: await signInAs(t.app, outsider.email, USER_PASSWORD),
      insider: await signInAs(t.app, insider.email, USER_PASSWORD),
    };
  }
}, 120_000);
afterAll(async () => t?.close());

const byStatus = (res: LightMyRequestResponse): Outcome => {
  if (res.statusCode === 200 || res.statusCode === 201) return 'allowed';
  if (res.statusCode === 403) return 'refused';
  if (res.statusCode === 404) return 'hidden';
  throw new Error(`unexpected ${res.statusCode}: ${res.body}`);
};
const found = (yes: boolean): Outcome => (yes ? 'allowed' : 'hidden');

async function caseVersion(trackingNumber: string) {
  return (
    await t.db
      .selectFrom('cases')
      .select('version')
      .where('tracking_number', '=', trackingNumber)
      .executeTakeFirstOrThrow()
  ).version;
}
async function personVersion(id: number) {
  return (await t.db.selectFrom('people').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
}

/** Performs one operation as the reader and says what the API answered, in the matrix's terms. */
async function attempt(reader: SignedIn, resource: Resource, f: Fixture): Promise<Outcome> {
  const tn = f.trackingNumber;
  switch (resource) {
    case 'case.view':
      return byStatus(await reader.call('GET', `/api/v1/cases/${tn}`));
    case 'case.list': {
      const list = (await reader.call('GET', `/api/v1/cases?q=${f.word}`)).json();
      return found(list.total > 0 && list.items.some((c: { trackingNumber: string }) => c.trackingNumber === tn));
    }
    case 'case.edit':
      return byStatus(
        await reader.call('PATCH', `/api/v1/cases/${tn}`, { expectedVersion: await caseVersion(tn), tags: ['matrix'] }),
      );
    case 'case.note':
      return byStatus(await reader.call('POST', `/api/v1/cases/${tn}/notes`, { body: 'matrix note' }));
    case 'person.view':
      return byStatus(await reader.call('GET', `/api/v1/people/${f.personId}`));
    case 'person.search': {
      const list = (await reader.call('GET', `/api/v1/people?q=${f.word}`)).json();
      return found(list.total > 0 && list.items.some((p: { id: number }) => p.id === f.personId));
    }
    case 'person.edit':
      return byStatus(
        await reader.call('PATCH', `/api/v1/people/${f.personId}`, {
          expectedVersion: await personVersion(f.personId),
          notes: 'matrix',
        }),
      );
    case 'search': {
      const res = (await reader.call('GET', `/api/v1/search?q=${f.word}`)).json();
      return found(res.people.total > 0 && res.people.items.some((p: { id: number }) => p.id === f.personId));
    }
    case 'open311.request':
      return byStatus(await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${tn}.json` }));
  }
}

const cells = ROLES.flatMap((role) =>
  RESOURCES.flatMap((resource) => STANDINGS.map((standing) => ({ role, resource, standing }))),
);

describe('the authorization matrix, cell by cell through the API', () => {
  it.each(cells)('$role · $resource · $standing', async ({ role, resource, standing }) => {
    const reader = standing === 'restricted_insider' ? readers[role].insider : readers[role].outsider;
    const f = standing === 'ordinary' ? fixtures.ordinary : fixtures.restricted;
    expect(await attempt(reader, resource, f)).toBe(MATRIX[role][resource][standing as Standing]);
  });
});
