// Links from subjects and routing rules to procedures: a supervisor links a procedure from a subject and from a
// routing rule (bad input names the field and writes nothing), the case screen's list shows the approved procedure
// for a case of that subject or matched by that rule and nothing for another case, and a link can be removed.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { USER_PASSWORD, createUser } from '../../../test/factories.ts';
import type { CaseProcedure, ProcedureLink } from '../../../../shared/quality.ts';

let t: TestApp;
let admin: SignedIn;
let worker: SignedIn;
let procedureId: number;
let subjectCode: string;
let ruleId: number;

async function newCase(description: string, subject?: string): Promise<string> {
  const res = await admin.call('POST', '/api/v1/cases', {
    channel: 'email',
    description,
    ...(subject ? { subject } : {}),
    person: { firstName: 'Lee', lastName: 'Writer', email: 'lee@example.org' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().trackingNumber as string;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  await createUser(t.db, { email: 'links.worker@example.gov', role: 'caseworker', name: 'Wes Worker' });
  worker = await signInAs(t.app, 'links.worker@example.gov', USER_PASSWORD);
  const created = await admin.call('POST', '/api/v1/procedures', { title: 'Shelter intake', body: 'Call the desk.' });
  procedureId = created.json().id;
  expect((await admin.call('POST', `/api/v1/procedures/${procedureId}/versions/1/approve`)).statusCode).toBe(200);
  const subject = await t.db
    .selectFrom('subjects')
    .select('code')
    .where('active', '=', true)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  subjectCode = subject.code;
  const rule = await t.db
    .insertInto('routing_rules')
    .values({
      agency_id: (await t.db.selectFrom('agencies').select('id').executeTakeFirstOrThrow()).id,
      name: 'Eviction words',
      position: 0,
      conditions: JSON.stringify({ words: ['eviction'] }),
      actions: JSON.stringify({ tags: ['eviction'] }),
      stop_processing: false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  ruleId = rule.id;
  await sql`update agencies set config_version = config_version + 1`.execute(t.db);
}, 60_000);

afterAll(async () => {
  await t.close();
});

describe('procedure links', () => {
  it('refuses bad links naming the field, and a caseworker', async () => {
    const both = await admin.call('POST', `/api/v1/procedures/${procedureId}/links`, {});
    expect(both.statusCode).toBe(400);
    expect(both.json().error.details[0].field).toBe('subjectCode');
    const noSubject = await admin.call('POST', `/api/v1/procedures/${procedureId}/links`, { subjectCode: 'NOPE' });
    expect(noSubject.json().error.details[0].field).toBe('subjectCode');
    const noRule = await admin.call('POST', `/api/v1/procedures/${procedureId}/links`, { routingRuleId: 99999 });
    expect(noRule.json().error.details[0].field).toBe('routingRuleId');
    expect((await worker.call('POST', `/api/v1/procedures/${procedureId}/links`, { subjectCode })).statusCode).toBe(
      403,
    );
    expect((await admin.call('GET', `/api/v1/procedures/${procedureId}/links`)).json()).toEqual([]);
  });

  it('shows the procedure on a case of the linked subject and on a case the linked rule matches', async () => {
    const bySubject = await admin.call('POST', `/api/v1/procedures/${procedureId}/links`, { subjectCode });
    expect(bySubject.statusCode, bySubject.body).toBe(201);
    expect((bySubject.json() as ProcedureLink).subjectCode).toBe(subjectCode);
    const byRule = await admin.call('POST', `/api/v1/procedures/${procedureId}/links`, { routingRuleId: ruleId });
    expect(byRule.statusCode, byRule.body).toBe(201);
    expect((await admin.call('POST', `/api/v1/procedures/${procedureId}/links`, { subjectCode })).statusCode).toBe(409);

    const ofSubject = await newCase('A question about my benefits.', subjectCode);
    const ofRule = await newCase('I received an eviction notice yesterday.');
    const neither = await newCase('Thank you for your help.');
    const list = async (tn: string) =>
      (await worker.call('GET', `/api/v1/cases/${tn}/procedures`)).json() as CaseProcedure[];
    expect(await list(ofSubject)).toEqual([
      expect.objectContaining({
        id: procedureId,
        title: 'Shelter intake',
        version: 1,
        because: [expect.stringMatching(/^subject /)],
      }),
    ]);
    expect((await list(ofRule))[0]).toMatchObject({ id: procedureId, because: ['routing rule Eviction words'] });
    expect(await list(neither)).toEqual([]);

    const links = (await admin.call('GET', `/api/v1/procedures/${procedureId}/links`)).json() as ProcedureLink[];
    const ruleLink = links.find((l) => l.routingRuleId === ruleId)!;
    expect((await admin.call('DELETE', `/api/v1/procedures/${procedureId}/links/${ruleLink.id}`)).statusCode).toBe(204);
    expect(await list(ofRule)).toEqual([]);
    const audit = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_type', '=', 'procedure')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['procedure.linked', 'procedure.unlinked']));
  });
});
