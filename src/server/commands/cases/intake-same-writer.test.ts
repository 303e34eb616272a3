// Two intakes of the same new email at the same moment make one person (the intake writer's advisory lock), on
// PGlite and on PostgreSQL (TEST_DATABASE_URL), through the API and through the email intake's transaction path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
let admin: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
});

afterAll(async () => {
  await t?.close();
});

async function peopleWithEmail(normalized: string) {
  const rows = await t.db
    .selectFrom('person_contacts')
    .select('person_id')
    .distinct()
    .where('kind', '=', 'email')
    .where('normalized', '=', normalized)
    .execute();
  return rows.map((r) => r.person_id);
}

describe('intake of the same new writer at once', () => {
  it('makes one person for parallel intakes of one new email', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        admin.call('POST', '/api/v1/cases', {
          channel: 'web',
          description: `Parallel intake number ${i}`,
          person: { firstName: 'Nadia', lastName: 'Okafor', email: `Nadia.Okafor+same@Example.org` },
        }),
      ),
    );
    for (const answer of answers) expect(answer.statusCode, answer.body).toBe(201);
    const people = await peopleWithEmail('nadia.okafor+same@example.org');
    expect(people).toHaveLength(1);
    const cases = await t.db.selectFrom('cases').select('person_id').where('person_id', '=', people[0]!).execute();
    expect(cases).toHaveLength(8);
  });

  it('makes one person when intakes by phone race too', async () => {
    const answers = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        admin.call('POST', '/api/v1/cases', {
          channel: 'phone',
          description: `Call ${i}`,
          person: { firstName: 'Li', lastName: 'Wei', phone: '718-555-0199' },
        }),
      ),
    );
    for (const answer of answers) expect(answer.statusCode, answer.body).toBe(201);
    const ids = new Set(answers.map((a) => a.json().person.id));
    expect(ids.size).toBe(1);
  });
});
