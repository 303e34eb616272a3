import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { importCalls } from './import-calls.ts';
import { importInterpretations } from './import-interpretations.ts';

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await createTestApp();
  dir = mkdtempSync(path.join(os.tmpdir(), 'civicdesk-calls-'));
});
afterAll(async () => t.close());
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('import calls', () => {
  const header = 'call_id,queue,offered_at,answered_at,abandoned_at,ended_at,agent,language\n';
  it('validates calls and is idempotent by call_id', async () => {
    const text =
      header +
      'c1,main,2024-03-01T09:00:00-05:00,2024-03-01T09:00:25-05:00,,2024-03-01T09:05:00-05:00,agent7,Spanish\n' +
      'c2,main,2024-03-01 09:01:00,,2024-03-01 09:02:00,,,\n' +
      'c3,main,2024-03-01T09:00:00Z,2024-03-01T09:00:10Z,2024-03-01T09:00:20Z,,,\n' +
      'c4,main,2024-03-01T09:00:00Z,2024-03-01T08:00:00Z,,,,\n' +
      'c5,main,2024-03-01T09:00:00Z,2024-03-01T09:01:00Z,,2024-03-01T09:00:30Z,,\n' +
      'c1,main,2024-03-01T09:00:00Z,,,,,\n' +
      ',main,2024-03-01T09:00:00Z,,,,,\n';
    const report = await importCalls(t.db, { agency: 'main', file: file('calls.csv', text) });
    expect(report).toMatchObject({ created: 2, rejected: 5 });
    expect(report.rejects.map((r) => [r.line, r.column, r.reason])).toEqual([
      [4, 'abandoned_at', 'a call is answered or abandoned, not both'],
      [5, 'answered_at', 'is before offered_at'],
      [6, 'ended_at', 'is before answered_at'],
      [7, 'call_id', 'duplicates line 2 (same call_id)'],
      [8, 'call_id', 'is empty'],
    ]);
    const c1 = await t.db.selectFrom('calls').selectAll().where('call_id', '=', 'c1').executeTakeFirstOrThrow();
    expect(c1.language).toBe('es');
    expect(c1.answered_at?.toISOString()).toBe('2024-03-01T14:00:25.000Z');
    const c2 = await t.db.selectFrom('calls').selectAll().where('call_id', '=', 'c2').executeTakeFirstOrThrow();
    expect(c2.offered_at.toISOString()).toBe('2024-03-01T14:01:00.000Z'); // New York local time, no offset given

    const again = await importCalls(t.db, { agency: 'main', file: file('calls.csv', text) });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const changed = await importCalls(t.db, {
      agency: 'main',
      file: file('calls2.csv', header + 'c2,main,2024-03-01 09:01:00,2024-03-01 09:01:40,,,,\n'),
    });
    expect(changed).toMatchObject({ created: 0, updated: 1 });
    const count = await t.db
      .selectFrom('calls')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });
});

describe('import interpretations', () => {
  it('validates requests and is idempotent by the row', async () => {
    const text =
      'requested_at,language,mode,completed_at\n' +
      '2024-03-01T09:00:00-05:00,Bengali,Phone,2024-03-01T09:20:00-05:00\n' +
      '2024-03-02T09:00:00-05:00,ar,in person,\n' +
      '2024-03-02T09:00:00-05:00,ar,in person,\n' +
      '2024-03-03T09:00:00-05:00,,phone,\n' +
      '2024-03-03T09:00:00-05:00,fr,phone,2024-03-02T09:00:00-05:00\n';
    const report = await importInterpretations(t.db, { agency: 'main', file: file('interp.csv', text) });
    expect(report).toMatchObject({ created: 2, rejected: 3 });
    expect(report.rejects.map((r) => [r.line, r.column])).toEqual([
      [4, 'requested_at'],
      [5, 'language'],
      [6, 'completed_at'],
    ]);
    const again = await importInterpretations(t.db, { agency: 'main', file: file('interp.csv', text) });
    expect(again).toMatchObject({ created: 0, unchanged: 2 });
    const rows = await t.db.selectFrom('interpretation_requests').selectAll().orderBy('requested_at').execute();
    expect(rows.map((r) => [r.language, r.mode])).toEqual([
      ['bn', 'phone'],
      ['ar', 'in person'],
    ]);
  });
});
