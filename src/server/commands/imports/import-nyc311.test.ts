import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestApp, signInAs, type TestApp } from '../../test/test-app.ts';
import { importNyc311 } from './import-nyc311.ts';

const SAMPLE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../../shared/data/nyc-311-sample-2011.csv',
);

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await createTestApp();
  dir = mkdtempSync(path.join(os.tmpdir(), 'civicdesk-311-'));
});
afterAll(async () => t.close());

async function caseByKey(key: string) {
  return t.db
    .selectFrom('cases')
    .selectAll()
    .where('channel', '=', '311')
    .where('external_id', '=', key)
    .executeTakeFirstOrThrow();
}

describe('import nyc311', () => {
  it('imports the real 2011 sample cleanly', async () => {
    const report = await importNyc311(t.db, { file: SAMPLE, agency: 'main' });
    expect(report.error).toBeUndefined();
    expect(report).toMatchObject({ status: 'completed', rowsRead: 999, created: 999, updated: 0, rejected: 0 });
    const count = await t.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('channel', '=', '311')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(999);
    // 03/01/2011 02:27:57 PM EST = 19:27:57Z; closed 03/14/2011 03:59:20 PM EDT (DST began 03/13) = 19:59:20Z
    const first = await caseByKey('19937896');
    expect(first.received_at.toISOString()).toBe('2011-03-01T19:27:57.000Z');
    expect(first.closed_at?.toISOString()).toBe('2011-03-14T19:59:20.000Z');
    expect(first.status).toBe('closed');
    expect(first.description).toBe('Misapplied Payment');
    expect(first.tracking_number).toMatch(/-2011-\d{6}$/);
    expect(first.external_data).toMatchObject({
      complaintType: 'DOF Property - Payment Issue',
      agency: 'DOF',
      zip: '10027',
    });
    // 11/02/2011 08:43:00 PM is still daylight time (EDT, -04:00) four days before the change back
    const november = await caseByKey('21801941');
    expect(november.received_at.toISOString()).toBe('2011-11-03T00:43:00.000Z');
    const assigned = await caseByKey('19938272');
    expect(assigned.status).toBe('assigned');
    expect(assigned.closed_at).toBeNull();
    expect(assigned.resolution_due_at).not.toBeNull();
    const withAddress = await caseByKey('19937901');
    expect(withAddress.facility).toBe('186 25 STREET');
    expect(report.unknownComplaintTypes).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Noise - Residential', rows: 226 })]),
    );
  });

  it('is visible through GET /api/v1/cases?channel=311', async () => {
    const admin = await signInAs(t.app);
    const res = await admin.call('GET', '/api/v1/cases?channel=311');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total ?? body.items?.length ?? body.length).toBeGreaterThan(0);
  });

  it('re-import is idempotent and updates a changed row', async () => {
    const text = readFileSync(SAMPLE, 'utf8').replace(
      '19938272,03/01/2011 12:34:42 PM,,',
      '19938272,03/01/2011 12:34:42 PM,03/20/2011 09:00:00 AM,',
    );
    const changed = text.replace(/^(19938272,.*?),Assigned,/m, '$1,Closed,');
    expect(changed).not.toBe(text);
    const file = path.join(dir, 'changed.csv');
    writeFileSync(file, changed);
    const before = await caseByKey('19938272');
    const report = await importNyc311(t.db, { file, agency: 'main' });
    expect(report).toMatchObject({ rowsRead: 999, created: 0, updated: 1, unchanged: 998, rejected: 0 });
    const after = await caseByKey('19938272');
    expect(after.status).toBe('closed');
    expect(after.closed_at?.toISOString()).toBe('2011-03-20T13:00:00.000Z');
    expect(after.tracking_number).toBe(before.tracking_number);
    expect(after.version).toBe(before.version + 1);
    const count = await t.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('channel', '=', '311')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(999);
    const audit = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'case.import_updated')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.changes).toEqual(expect.arrayContaining([{ field: 'status', old: 'assigned', new: 'closed' }]));
  });
});
