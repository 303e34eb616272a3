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

const countStandards = async () => (await t.db.selectFrom('service_standards').select('id').execute()).length;
const standard = {
  name: 'Hotline: 2 business days',
  match: { channel: ['phone'], subject: ['SHELTER'], priority: ['urgent'] },
  firstResponse: { amount: 4, unit: 'business_hours' },
  resolution: { amount: 2, unit: 'business_days' },
  warningPercent: 50,
};

describe('service standards', () => {
  it('lists standards in order to any signed-in user', async () => {
    const res = await caseworker.call('GET', '/api/v1/service-standards');
    expect(res.statusCode).toBe(200);
    expect(res.json()[0]).toMatchObject({
      name: expect.any(String),
      match: { writerType: ['elected_official'] },
      firstResponse: { amount: 5, unit: 'business_days' },
      warningPercent: 60,
      active: true,
      version: 1,
    });
  });

  it('creates, updates with the current version and refuses a stale one', async () => {
    const created = await admin.call('POST', '/api/v1/service-standards', standard);
    expect(created.statusCode).toBe(201);
    const s = created.json();
    expect(s).toMatchObject({ ...standard, active: true, version: 1 });
    const updated = await admin.call('PATCH', `/api/v1/service-standards/${s.id}`, {
      resolution: { amount: 3, unit: 'business_days' },
      expectedVersion: 1,
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ resolution: { amount: 3, unit: 'business_days' }, version: 2 });
    const stale = await admin.call('PATCH', `/api/v1/service-standards/${s.id}`, { name: 'stale', expectedVersion: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    const audit = await auditRows(t, 'service_standard');
    expect(audit.map((a) => a.action)).toEqual(['service_standard.created', 'service_standard.updated']);
    expect(audit[1]!.changes).toEqual([
      { field: 'resolution', old: { amount: 2, unit: 'business_days' }, new: { amount: 3, unit: 'business_days' } },
    ]);
  });

  it('names the field for bad amounts, percentages and codes, writing nothing', async () => {
    const before = await countStandards();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...standard, firstResponse: { amount: 0, unit: 'business_days' } }, 'firstResponse.amount'],
      [{ ...standard, firstResponse: { amount: 1.5, unit: 'business_days' } }, 'firstResponse.amount'],
      [{ ...standard, resolution: { amount: 5000, unit: 'calendar_days' } }, 'resolution.amount'],
      [{ ...standard, resolution: { amount: 5, unit: 'fortnights' } }, 'resolution'],
      [{ ...standard, warningPercent: 100 }, 'warningPercent'],
      [{ ...standard, match: { subject: ['NOPE'] } }, 'match.subject'],
      [{ ...standard, match: { priority: ['someday'] } }, 'match.priority.0'],
      [{ ...standard, firstResponse: null, resolution: null }, 'firstResponse'],
      [{ ...standard, firstResponse: { amount: 10, unit: 'business_days' } }, 'firstResponse.amount'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.call('POST', '/api/v1/service-standards', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const fields = res.json().error.details.map((d: { field: string }) => d.field);
      expect(
        fields.some((f: string) => f.startsWith(field)),
        `${fields} should name ${field}`,
      ).toBe(true);
    }
    expect(await countStandards()).toBe(before);
  });

  it('refuses a caseworker with 403', async () => {
    const [first] = (await admin.call('GET', '/api/v1/service-standards')).json();
    expect((await caseworker.call('POST', '/api/v1/service-standards', standard)).statusCode).toBe(403);
    expect(
      (await caseworker.call('PATCH', `/api/v1/service-standards/${first.id}`, { name: 'x', expectedVersion: 1 }))
        .statusCode,
    ).toBe(403);
    expect((await caseworker.call('DELETE', `/api/v1/service-standards/${first.id}`)).statusCode).toBe(403);
  });

  it('deletes an unused standard but not one a routing rule sets', async () => {
    const s = (await admin.call('POST', '/api/v1/service-standards', { ...standard, name: 'Used' })).json();
    const rule = await admin.call('POST', '/api/v1/routing-rules', {
      name: 'Uses the standard',
      conditions: { channel: ['phone'] },
      actions: { serviceStandardId: s.id },
    });
    expect(rule.statusCode).toBe(201);
    const used = await admin.call('DELETE', `/api/v1/service-standards/${s.id}`);
    expect(used.statusCode).toBe(409);
    expect(used.json().error.message).toContain('Uses the standard');
    await admin.call('DELETE', `/api/v1/routing-rules/${rule.json().id}`);
    expect((await admin.call('DELETE', `/api/v1/service-standards/${s.id}?expectedVersion=1`)).statusCode).toBe(204);
    expect((await auditRows(t, 'service_standard', 'service_standard.deleted')).map((a) => a.entity_id)).toEqual([
      String(s.id),
    ]);
  });
});
