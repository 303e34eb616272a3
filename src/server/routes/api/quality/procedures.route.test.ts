// The procedures library from outside: a procedure starts as draft version 1, is found by a word of its body only
// once approved (full text, English stemming), renders its Markdown safely, gets new versions that retire the old
// one on approval, and tracks who has and has not acknowledged the version in force.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { USER_PASSWORD, createUser } from '../../../test/factories.ts';
import type { ProcedureDetail, ProcedureSummary } from '../../../../shared/quality.ts';

let t: TestApp;
let admin: SignedIn;
let worker: SignedIn;
let auditor: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  await createUser(t.db, { email: 'reader@example.gov', role: 'caseworker', name: 'Rita Reader' });
  await createUser(t.db, { email: 'auditor@example.gov', role: 'auditor', name: 'Avery Auditor' });
  worker = await signInAs(t.app, 'reader@example.gov', USER_PASSWORD);
  auditor = await signInAs(t.app, 'auditor@example.gov', USER_PASSWORD);
}, 60_000);

afterAll(async () => {
  await t.close();
});

const body = [
  '# Interpreter calls',
  '',
  'When a caller asks for an **interpreter**, conference the language line before verifying identity.',
  '',
  '<script>alert("x")</script>',
  '',
  '[Language line guide](https://example.gov/language-line)',
].join('\n');

const search = async (q: string) =>
  ((await worker.call('GET', `/api/v1/procedures?q=${encodeURIComponent(q)}`)).json() as ProcedureSummary[]).map(
    (p) => p.id,
  );

describe('procedures', () => {
  let id: number;

  it('writes a procedure as draft version 1, not found by search until approved', async () => {
    const res = await admin.call('POST', '/api/v1/procedures', {
      title: 'Calls needing an interpreter',
      body,
      reviewMonths: 12,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ version: 1, status: 'draft' });
    id = res.json().id;
    expect(typeof id).toBe('number');
    expect(await search('conference')).toEqual([]);
  });

  it('after approval finds it by a word of its body, stemmed, and not by an absent word', async () => {
    const approved = await admin.call('POST', `/api/v1/procedures/${id}/versions/1/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ id, version: 1, status: 'approved' });
    expect(await search('conference')).toEqual([id]);
    expect(await search('interpreters')).toEqual([id]);
    expect(await search('eviction')).toEqual([]);
    const list = (await worker.call('GET', '/api/v1/procedures')).json() as ProcedureSummary[];
    expect(list).toEqual([
      expect.objectContaining({
        id,
        version: 1,
        status: 'approved',
        acknowledgedByMe: false,
        reviewDueOn: expect.any(String),
      }),
    ]);
  });

  it('renders the Markdown safely and lists who has not acknowledged it (auditors, who cannot, aside)', async () => {
    const detail = (await worker.call('GET', `/api/v1/procedures/${id}`)).json() as ProcedureDetail;
    expect(detail.current.bodyHtml).toContain('<strong>interpreter</strong>');
    expect(detail.current.bodyHtml).not.toContain('<script>');
    expect(detail.current.bodyHtml).toContain('&lt;script&gt;');
    expect(detail.current.bodyHtml).toContain('rel="noopener noreferrer"');
    expect(detail.acknowledgements.pending.map((p) => p.name)).toEqual(['Administrator', 'Rita Reader']);
  });

  it('records acknowledgements once; auditors read but do not acknowledge', async () => {
    const first = await worker.call('POST', `/api/v1/procedures/${id}/versions/1/acknowledge`);
    expect(first.statusCode).toBe(200);
    const again = await worker.call('POST', `/api/v1/procedures/${id}/versions/1/acknowledge`);
    expect(again.json()).toEqual(first.json());
    expect((await auditor.call('POST', `/api/v1/procedures/${id}/versions/1/acknowledge`)).statusCode).toBe(403);
    const detail = (await worker.call('GET', `/api/v1/procedures/${id}`)).json() as ProcedureDetail;
    expect(detail.acknowledgedByMe).toBe(true);
    expect(detail.acknowledgements.acknowledged.map((a) => a.name)).toEqual(['Rita Reader']);
  });

  it('a new version stays a draft until approved, then retires the old one and asks everyone again', async () => {
    const draft = await admin.call('POST', `/api/v1/procedures/${id}/versions`, {
      body: `${body}\n\nAlso log the interpreter ID.`,
    });
    expect(draft.json()).toMatchObject({ version: 2, status: 'draft', title: 'Calls needing an interpreter' });
    expect((await worker.call('POST', `/api/v1/procedures/${id}/versions/2/acknowledge`)).statusCode).toBe(409);
    await admin.call('POST', `/api/v1/procedures/${id}/versions/2/approve`, { effectiveOn: '2026-01-05' });
    const detail = (await worker.call('GET', `/api/v1/procedures/${id}`)).json() as ProcedureDetail;
    expect(detail.versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'approved'],
      [1, 'retired'],
    ]);
    expect(detail.reviewDueOn).toBe('2027-01-05');
    expect(detail.acknowledgedByMe).toBe(false);
    expect((await admin.call('POST', `/api/v1/procedures/${id}/versions/1/approve`, {})).statusCode).toBe(409);
    const retired = await admin.call('POST', `/api/v1/procedures/${id}/versions/2/retire`);
    expect(retired.json()).toMatchObject({ status: 'retired' });
    expect(await search('conference')).toEqual([]);
  });

  it('refuses bad input naming the field and writes nothing; caseworkers may not write procedures', async () => {
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('procedures')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const blank = await admin.call('POST', '/api/v1/procedures', { title: ' ', body: 'x', kind: 'memo' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.details.map((d: { field: string }) => d.field)).toEqual(['title', 'kind']);
    const missing = await admin.call('POST', '/api/v1/procedures', { title: 'x' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toMatch(/body/);
    expect((await worker.call('POST', '/api/v1/procedures', { title: 'x', body: 'y' })).statusCode).toBe(403);
    expect(await count()).toBe(before);
    expect((await worker.call('GET', '/api/v1/procedures/99999')).statusCode).toBe(404);
  });
});
