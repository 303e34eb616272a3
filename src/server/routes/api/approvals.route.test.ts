// GET /approvals: one list of what waits for the signed-in user's decision — a submitted template version (never to
// its own author), draft procedures and draft materials — and nothing for a role that decides none of them.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../test/test-app.ts';
import { createUser, USER_PASSWORD } from '../../test/factories.ts';

let t: TestApp;
let admin: SignedIn;
let drafter: SignedIn;
let otherSupervisor: SignedIn;
let caseworker: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  for (const [email, role] of [
    ['drafter@example.gov', 'supervisor'],
    ['other@example.gov', 'supervisor'],
    ['worker@example.gov', 'caseworker'],
  ] as const) {
    await createUser(t.db, { email, role, name: email.split('@')[0] });
  }
  drafter = await signInAs(t.app, 'drafter@example.gov', USER_PASSWORD);
  otherSupervisor = await signInAs(t.app, 'other@example.gov', USER_PASSWORD);
  caseworker = await signInAs(t.app, 'worker@example.gov', USER_PASSWORD);
});
afterAll(async () => t.close());

const pending = async (who: SignedIn) => {
  const res = await who.call('GET', '/api/v1/approvals');
  expect(res.statusCode).toBe(200);
  return res.json().items as { kind: string; id: number; title: string; version: number; submittedBy: string }[];
};

it('lists a submitted template to everyone who may approve it but its author, with procedures and materials', async () => {
  expect(await pending(otherSupervisor)).toEqual([]);
  const template = await drafter.call('POST', '/api/v1/templates', {
    code: 'shelter-reply',
    name: 'Shelter reply',
    channel: 'email',
    language: 'es',
    subject: 'Su caso {{trackingNumber}}',
    body: 'Estimado/a {{firstName}}:\n\n{{responseText}}',
  });
  expect(template.statusCode).toBe(201);
  const templateId = template.json().id as number;
  // A draft not yet submitted waits for nobody.
  expect(await pending(otherSupervisor)).toEqual([]);
  const submitted = await drafter.call('POST', `/api/v1/templates/${templateId}/versions/1/submit`);
  expect(submitted.statusCode).toBe(200);

  const procedure = await admin.call('POST', '/api/v1/procedures', { title: 'Shelter intake', body: 'Call the desk.' });
  expect(procedure.statusCode).toBe(201);
  const material = await admin.call('POST', '/api/v1/materials', { title: 'Know your rights', kind: 'flyer' });
  expect(material.statusCode).toBe(201);
  const version = await admin.call('POST', `/api/v1/materials/${material.json().id}/versions`, { language: 'es' });
  expect(version.statusCode).toBe(201);

  const forOther = await pending(otherSupervisor);
  expect(forOther.map((i) => [i.kind, i.title, i.version])).toEqual([
    ['template', 'Shelter reply', 1],
    ['procedure', 'Shelter intake', 1],
    ['material', 'Know your rights', 1],
  ]);
  expect(forOther[0]).toMatchObject({ id: templateId, language: 'es', submittedBy: 'drafter' });
  // Four eyes: the author does not see their own version; the rest is theirs to decide too.
  expect((await pending(drafter)).map((i) => i.kind)).toEqual(['procedure', 'material']);
  expect(await pending(caseworker)).toEqual([]);

  // Once approved it waits no more.
  const approved = await otherSupervisor.call('POST', `/api/v1/templates/${templateId}/versions/1/approve`, {});
  expect(approved.statusCode).toBe(200);
  expect((await pending(otherSupervisor)).map((i) => i.kind)).toEqual(['procedure', 'material']);
});
