import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { auditRows, signInWithRole } from '../../../test/admin-test-support.ts';

let t: TestApp;
let admin: SignedIn;
let caseworker: SignedIn;
let supervisor: SignedIn;
let liaison: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  caseworker = await signInWithRole(t, admin, 'caseworker');
  supervisor = await signInWithRole(t, admin, 'supervisor');
  liaison = await signInWithRole(t, admin, 'unit_liaison');
});
afterAll(async () => t.close());

const draft = {
  code: 'shelter-reply',
  name: 'Shelter reply',
  channel: 'email',
  language: 'es',
  subject: 'Su caso {{trackingNumber}}',
  body: 'Estimado/a {{firstName}}:\n\n{{responseText}}\n\n{{caseworkerName}}',
};
const countTemplates = async () => (await t.db.selectFrom('templates').select('id').execute()).length;

describe('reading templates', () => {
  it('lists the starter templates with their approved version, filtered', async () => {
    const res = await liaison.call('GET', '/api/v1/templates?code=acknowledgement&channel=email');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toHaveLength(1);
    expect(res.json()[0]).toMatchObject({
      code: 'acknowledgement',
      channel: 'email',
      language: 'en',
      approvedVersion: 1,
      latestVersion: { version: 1, status: 'approved', fieldNames: expect.arrayContaining(['trackingNumber']) },
    });
    expect(res.json()[0].latestVersion).not.toHaveProperty('body');
  });

  it('hands out the approved English version with fallback: true when the language has none', async () => {
    const res = await caseworker.call(
      'GET',
      '/api/v1/templates/approved?code=acknowledgement&channel=letter&language=bn',
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      requestedLanguage: 'bn',
      language: 'en',
      fallback: true,
      template: { code: 'acknowledgement', channel: 'letter' },
      version: { version: 1, status: 'approved', body: expect.stringContaining('{{trackingNumber}}') },
    });
    const none = await caseworker.call('GET', '/api/v1/templates/approved?code=nothing&channel=phone');
    expect(none.statusCode).toBe(404);
  });
});

describe('drafting', () => {
  it('lets a caseworker draft, but not a unit liaison', async () => {
    expect((await liaison.call('POST', '/api/v1/templates', { ...draft, code: 'liaison' })).statusCode).toBe(403);
    const res = await caseworker.call('POST', '/api/v1/templates', draft);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      code: 'shelter-reply',
      language: 'es',
      approvedVersion: null,
      versions: [{ version: 1, status: 'draft', body: draft.body, createdBy: { name: expect.any(String) } }],
    });
    expect((await auditRows(t, 'template', 'template.created')).map((a) => a.entity_id)).toEqual([
      String(res.json().id),
    ]);
    const dup = await caseworker.call('POST', '/api/v1/templates', draft);
    expect(dup.statusCode).toBe(409);
  });

  it('names the field for unknown merge fields, lengths and channels, and writes nothing', async () => {
    const before = await countTemplates();
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ ...draft, code: 'x1', body: 'Hello {{favouriteColour}}' }, 'body', 'favouriteColour'],
      [{ ...draft, code: 'x2', subject: '{{nickname}}' }, 'subject', 'nickname'],
      [{ ...draft, code: 'x3', subject: 's'.repeat(301) }, 'subject'],
      [{ ...draft, code: 'x4', body: 'b'.repeat(50_001) }, 'body'],
      [{ ...draft, code: 'x5', channel: 'fax' }, 'channel'],
      [{ ...draft, code: 'x6', body: '   ' }, 'body'],
      [{ ...draft, code: 'Bad Code' }, 'code'],
    ];
    for (const [body, field, mention] of cases) {
      const res = await caseworker.call('POST', '/api/v1/templates', body);
      expect(res.statusCode, field).toBe(400);
      const detail = res.json().error.details.find((d: { field: string }) => d.field === field);
      expect(detail, JSON.stringify(res.json())).toBeDefined();
      if (mention) expect(detail.message).toContain(mention);
    }
    expect(await countTemplates()).toBe(before);
  });
});

describe('approval flow', () => {
  it('submits, refuses four-eyes violations, approves, hands out only the approved text, and retires the old one', async () => {
    const [template] = (await admin.call('GET', '/api/v1/templates?code=shelter-reply')).json();
    const id = template.id;
    const url = (version: number, step: string) => `/api/v1/templates/${id}/versions/${version}/${step}`;

    // A draft is not usable, and cannot be approved before it is submitted.
    const unusable = await caseworker.call(
      'GET',
      '/api/v1/templates/approved?code=shelter-reply&channel=email&language=es',
    );
    expect(unusable.statusCode).toBe(404);
    const early = await supervisor.call('POST', url(1, 'approve'));
    expect(early.statusCode, early.body).toBe(409);

    expect((await caseworker.call('POST', url(1, 'submit'))).json().status).toBe('submitted');
    expect((await caseworker.call('POST', url(1, 'approve'))).statusCode).toBe(403);

    // A supervisor who drafted a version may not approve it (four eyes).
    const own = await supervisor.call('POST', `/api/v1/templates/${id}/versions`, {
      subject: 'Su caso {{trackingNumber}}',
      body: 'Versión del supervisor {{firstName}}',
    });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ version: 2, status: 'draft' });
    await supervisor.call('POST', url(2, 'submit'));
    const fourEyes = await supervisor.call('POST', url(2, 'approve'));
    expect(fourEyes.statusCode).toBe(403);
    expect(fourEyes.json().error.message).toMatch(/four eyes/);

    const approved = await supervisor.call('POST', url(1, 'approve'), { note: 'Bien' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      decisionNote: 'Bien',
      decidedBy: { name: expect.any(String) },
    });
    const usable = (
      await caseworker.call('GET', '/api/v1/templates/approved?code=shelter-reply&channel=email&language=es')
    ).json();
    expect(usable).toMatchObject({ fallback: false, language: 'es', version: { version: 1, body: draft.body } });

    const second = await admin.call('POST', url(2, 'approve'));
    expect(second.statusCode).toBe(200);
    const detail = (await caseworker.call('GET', `/api/v1/templates/${id}`)).json();
    expect(detail.approvedVersion).toBe(2);
    expect(detail.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'approved'],
      [1, 'retired'],
    ]);

    // Rejection, and a rejected version is edited only as a new version.
    const third = (
      await caseworker.call('POST', `/api/v1/templates/${id}/versions`, { subject: '', body: 'Otra {{firstName}}' })
    ).json();
    await caseworker.call('POST', url(third.version, 'submit'));
    const rejected = await supervisor.call('POST', url(third.version, 'reject'), { note: 'Falta el saludo' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', decisionNote: 'Falta el saludo' });
    expect((await caseworker.call('POST', url(third.version, 'submit'))).statusCode).toBe(409);

    // Retiring is for administrators; afterwards no version is usable (and there is no English one to fall back to).
    expect((await supervisor.call('POST', url(2, 'retire'))).statusCode).toBe(403);
    expect((await admin.call('POST', url(2, 'retire'))).json().status).toBe('retired');
    const after = await caseworker.call(
      'GET',
      '/api/v1/templates/approved?code=shelter-reply&channel=email&language=es',
    );
    expect(after.statusCode).toBe(404);

    const actions = (await auditRows(t, 'template')).filter((a) => a.entity_id === String(id)).map((a) => a.action);
    expect(actions).toEqual([
      'template.created',
      'template.version_submitted',
      'template.version_drafted',
      'template.version_submitted',
      'template.version_approved',
      'template.version_approved',
      'template.version_drafted',
      'template.version_submitted',
      'template.version_rejected',
      'template.version_retired',
    ]);
    const secondApproval = (await auditRows(t, 'template', 'template.version_approved')).at(-1)!;
    expect(secondApproval.changes).toEqual(
      expect.arrayContaining([
        { field: 'v2.status', old: 'submitted', new: 'approved' },
        { field: 'v1.status', old: 'approved', new: 'retired' },
      ]),
    );
  });

  it('answers 404 for an unknown template or version', async () => {
    expect((await admin.call('GET', '/api/v1/templates/999999')).statusCode).toBe(404);
    const [template] = (await admin.call('GET', '/api/v1/templates?code=shelter-reply')).json();
    expect((await admin.call('POST', `/api/v1/templates/${template.id}/versions/99/submit`)).statusCode).toBe(404);
  });
});
