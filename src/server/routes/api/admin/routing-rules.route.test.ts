import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { auditRows, signInWithRole } from '../../../test/admin-test-support.ts';

let t: TestApp;
let admin: SignedIn;
let caseworker: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  caseworker = await signInWithRole(t, admin, 'caseworker');
});
afterAll(async () => t.close());

const countRules = async () => (await t.db.selectFrom('routing_rules').select('id').execute()).length;
const sample = {
  channel: 'email',
  subject: 'SHELTER.CONDITIONS',
  text: 'There is no heat in the shelter',
  writerType: 'constituent',
  language: 'en',
  facility: null,
};

describe('GET /routing-rules', () => {
  it('lists the rules in position order to any signed-in user', async () => {
    const res = await caseworker.call('GET', '/api/v1/routing-rules');
    expect(res.statusCode).toBe(200);
    const positions = res.json().map((r: { position: number }) => r.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(res.json()[0]).toMatchObject({
      id: expect.any(Number),
      name: expect.any(String),
      conditions: expect.any(Object),
      actions: expect.any(Object),
      stopProcessing: expect.any(Boolean),
      active: true,
      version: 1,
    });
  });
});

describe('changing rules', () => {
  it('creates a rule at the end, normalizing codes, and audits it', async () => {
    const res = await admin.call('POST', '/api/v1/routing-rules', {
      name: 'Hotline to triage',
      conditions: { channel: ['Phone'], subject: ['shelter'] },
      actions: { unitCode: 'ocs', priority: 'high', tags: ['Hotline'] },
      stopProcessing: false,
    });
    expect(res.statusCode).toBe(201);
    const rule = res.json();
    expect(rule).toMatchObject({
      conditions: { channel: ['phone'], subject: ['SHELTER'] },
      actions: { unitCode: 'OCS', priority: 'high', tags: ['hotline'] },
      stopProcessing: false,
      version: 1,
    });
    const all = (await admin.call('GET', '/api/v1/routing-rules')).json();
    expect(all.at(-1).id).toBe(rule.id);
    const audit = await auditRows(t, 'routing_rule', 'routing_rule.created');
    expect(audit.at(-1)!.entity_id).toBe(String(rule.id));
  });

  it('names each bad field and writes nothing', async () => {
    const before = await countRules();
    const res = await admin.call('POST', '/api/v1/routing-rules', {
      name: 'Broken',
      conditions: { subject: ['NO_SUCH_SUBJECT'], writerType: ['alien'] },
      actions: { unitCode: 'NOPE', priority: 'whenever', serviceStandardId: 999999 },
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['conditions.writerType.0', 'actions.priority']));
    const semantic = await admin.call('POST', '/api/v1/routing-rules', {
      name: 'Broken',
      conditions: { subject: ['NO_SUCH_SUBJECT'] },
      actions: { unitCode: 'NOPE', serviceStandardId: 999999 },
    });
    expect(semantic.statusCode).toBe(400);
    expect(semantic.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      'conditions.subject',
      'actions.unitCode',
      'actions.serviceStandardId',
    ]);
    expect(await countRules()).toBe(before);
  });

  it('refuses a caseworker with 403 for every change', async () => {
    const [first] = (await admin.call('GET', '/api/v1/routing-rules')).json();
    const calls: [string, string, unknown][] = [
      ['POST', '/api/v1/routing-rules', { name: 'x', conditions: {}, actions: {} }],
      ['PATCH', `/api/v1/routing-rules/${first.id}`, { name: 'x', expectedVersion: first.version }],
      ['DELETE', `/api/v1/routing-rules/${first.id}`, undefined],
      ['POST', '/api/v1/routing-rules/reorder', { ids: [first.id] }],
    ];
    for (const [method, url, body] of calls) {
      const res = await caseworker.call(method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    expect((await admin.call('GET', '/api/v1/routing-rules')).json()[0]).toEqual(first);
  });

  it('updates with the current version, and answers 409 to a stale one without writing', async () => {
    const [first] = (await admin.call('GET', '/api/v1/routing-rules')).json();
    const ok = await admin.call('PATCH', `/api/v1/routing-rules/${first.id}`, {
      name: 'Elected officials',
      expectedVersion: first.version,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: 'Elected officials', version: first.version + 1 });
    const stale = await admin.call('PATCH', `/api/v1/routing-rules/${first.id}`, {
      name: 'Lost update',
      expectedVersion: first.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    const now = (await admin.call('GET', '/api/v1/routing-rules')).json()[0];
    expect(now.name).toBe('Elected officials');
    const missing = await admin.call('PATCH', `/api/v1/routing-rules/${first.id}`, { name: 'x' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].field).toBe('expectedVersion');
    const audit = await auditRows(t, 'routing_rule', 'routing_rule.updated');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.changes).toContainEqual({ field: 'name', old: first.name, new: 'Elected officials' });
  });

  it('reorders every rule, refusing an incomplete list', async () => {
    const rules = (await admin.call('GET', '/api/v1/routing-rules')).json() as { id: number }[];
    const reversed = rules.map((r) => r.id).reverse();
    const partial = await admin.call('POST', '/api/v1/routing-rules/reorder', { ids: reversed.slice(1) });
    expect(partial.statusCode).toBe(400);
    expect(partial.json().error.details[0].field).toBe('ids');
    const res = await admin.call('POST', '/api/v1/routing-rules/reorder', { ids: reversed });
    expect(res.statusCode).toBe(200);
    expect(res.json().map((r: { id: number }) => r.id)).toEqual(reversed);
    expect(res.json().map((r: { position: number }) => r.position)).toEqual(reversed.map((_, i) => (i + 1) * 10));
    const audit = await auditRows(t, 'routing_rule', 'routing_rules.reordered');
    expect(audit).toHaveLength(1);
    await admin.call('POST', '/api/v1/routing-rules/reorder', { ids: rules.map((r) => r.id) });
  });

  it('deletes a rule (409 for a stale version) and audits it', async () => {
    const created = (
      await admin.call('POST', '/api/v1/routing-rules', {
        name: 'Temporary',
        conditions: {},
        actions: {},
        active: false,
      })
    ).json();
    const stale = await admin.call('DELETE', `/api/v1/routing-rules/${created.id}?expectedVersion=7`);
    expect(stale.statusCode).toBe(409);
    const res = await admin.call('DELETE', `/api/v1/routing-rules/${created.id}?expectedVersion=1`);
    expect(res.statusCode).toBe(204);
    expect((await admin.call('DELETE', `/api/v1/routing-rules/${created.id}`)).statusCode).toBe(404);
    const audit = await auditRows(t, 'routing_rule', 'routing_rule.deleted');
    expect(audit.map((a) => a.entity_id)).toEqual([String(created.id)]);
  });
});

describe('POST /routing-rules/test', () => {
  it('shows what all the rules would do, with each condition checked', async () => {
    const res = await caseworker.call('POST', '/api/v1/routing-rules/test', { sample });
    expect(res.statusCode).toBe(200);
    const { result, rules } = res.json();
    expect(result).toMatchObject({ unitCode: 'FAC', tags: [] });
    expect(result.matched.map((m: { name: string }) => m.name)).toEqual(['Shelter']);
    const shelter = rules.find((r: { name: string }) => r.name === 'Shelter');
    expect(shelter).toMatchObject({
      matched: true,
      conditions: [{ field: 'subject', expected: ['SHELTER'], actual: 'SHELTER.CONDITIONS', matched: true }],
    });
    const urgent = rules.find((r: { name: string }) => r.name === 'Urgent words');
    expect(urgent.conditions[0]).toMatchObject({ field: 'words', actual: ['no heat'], matched: true });
  });

  it('tries one rule as if active when ruleId is given', async () => {
    const urgent = (await admin.call('GET', '/api/v1/routing-rules'))
      .json()
      .find((r: { name: string }) => r.name === 'Urgent words');
    const res = await caseworker.call('POST', '/api/v1/routing-rules/test', { sample, ruleId: urgent.id });
    expect(res.statusCode).toBe(200);
    expect(res.json().result).toMatchObject({ priority: 'urgent', tags: ['urgent-words'] });
    expect(res.json().rules).toHaveLength(1);
    const unknown = await caseworker.call('POST', '/api/v1/routing-rules/test', { sample, ruleId: 999999 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].field).toBe('ruleId');
    const bad = await caseworker.call('POST', '/api/v1/routing-rules/test', { sample: { ...sample, writerType: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('sample.writerType');
  });
});
