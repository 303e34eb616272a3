import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { importContext } from '../../commands/imports/import-context.ts';
import { importNyc311 } from '../../commands/imports/import-nyc311.ts';
import { localDate, localParts, zonedDateTime } from '../../../shared/local-time.ts';
import { arrayLiteral } from '../../repositories/new-cases.ts';
import { hashPrepared } from './case-writer.ts';
import { loadIntakePlanner } from './intake-plan.ts';
import { RowRejected, runImport, type ImportHandler } from './import-runner.ts';
import { localDayReader, parseImportTime } from './import-times.ts';
import { KeyLines } from './key-lines.ts';
import { nyc311Handler } from './nyc311.ts';

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await createTestApp();
  dir = mkdtempSync(path.join(os.tmpdir(), 'civicdesk-batches-'));
});
afterAll(async () => t.close());

const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('the pieces of a fast import', () => {
  it('remembers the first line of every key, integer or not, like a Map', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.integer({ min: 1, max: 3000 }).map(String),
            fc.integer({ min: 2_147_483_000, max: 2_147_484_000 }).map(String),
            fc.constantFrom('0', '007', '-5', 'A-1', '', '1e3', ' 12'),
          ),
          { maxLength: 6000 },
        ),
        (keys) => {
          const lines = new KeyLines();
          const expected = new Map<string, number>();
          keys.forEach((key, i) => {
            expect(lines.firstLine(key, i + 2)).toBe(expected.get(key));
            if (!expected.has(key)) expected.set(key, i + 2);
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('reads local days and years like shared/local-time, across offset changes', () => {
    const zones = ['America/New_York', 'America/Sao_Paulo', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC'];
    const readers = new Map(zones.map((zone) => [zone, localDayReader(zone)]));
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2035, 0, 1) }),
        (zone, time) => {
          const instant = new Date(time);
          expect(readers.get(zone)!(instant)).toEqual({
            date: localDate(instant, zone),
            year: localParts(instant, zone).year,
          });
        },
      ),
      { numRuns: 3000 },
    );
    // the minutes around changes at local midnight (São Paulo, 2018) and on New Year's Eve in New York
    for (const [zone, change] of [
      ['America/Sao_Paulo', Date.UTC(2018, 10, 4, 3)],
      ['America/Sao_Paulo', Date.UTC(2018, 1, 18, 2)],
      ['America/New_York', Date.UTC(2012, 0, 1, 5)],
    ] as const) {
      const reader = localDayReader(zone);
      for (let time = change - 7_200_000; time <= change + 7_200_000; time += 60_000) {
        expect(reader(new Date(time))).toEqual({
          date: localDate(new Date(time), zone),
          year: localParts(new Date(time), zone).year,
        });
      }
    }
  });

  it('resolves wall-clock times as zonedDateTime does, on ordinary days and on days the clocks change', () => {
    const zone = 'America/New_York';
    fc.assert(
      fc.property(
        fc.integer({ min: 2010, max: 2012 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (year, month, day, hour, minute) => {
          const pad = (n: number) => String(n).padStart(2, '0');
          const iso = `${year}-${pad(month)}-${pad(day)}`;
          const expected = zonedDateTime(iso, `${pad(hour)}:${pad(minute)}:30`, zone).toISOString();
          expect(parseImportTime(`${iso}T${pad(hour)}:${pad(minute)}:30`, zone)?.toISOString()).toBe(expected);
          const us = `${pad(month)}/${pad(day)}/${year} ${pad(hour % 12 || 12)}:${pad(minute)}:30 ${hour < 12 ? 'AM' : 'pm'}`;
          expect(parseImportTime(us, zone)?.toISOString()).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
    for (const [text, expected] of [
      ['03/13/2011 01:59:59 AM', '2011-03-13T06:59:59.000Z'],
      ['03/13/2011 03:00:00 AM', '2011-03-13T07:00:00.000Z'],
      ['11/06/2011 12:59:00 AM', '2011-11-06T04:59:00.000Z'],
      ['11/06/2011 02:00:00 AM', '2011-11-06T07:00:00.000Z'],
    ] as const) {
      expect(parseImportTime(text, zone)?.toISOString()).toBe(expected);
    }
    for (const bad of [
      '00/01/2011 01:00:00 PM',
      '02/30/2011 01:00:00 PM',
      '03/01/2011 13:00:00 PM',
      '03/01/2011 00:10:00 AM',
    ]) {
      expect(parseImportTime(bad, zone)).toBeNull();
    }
    expect(parseImportTime('03/01/2011 01:00:00 XM', zone)).toBeNull();
  });

  it('writes array literals PostgreSQL reads back exactly', async () => {
    const values = ['plain', 'say "hi"', 'back\\slash', '{braces}, commas', '', 'NULL', 'Café 北京 مرحبا', null, ' x '];
    const result = await sql<{ a: (string | null)[] }>`select ${arrayLiteral(values)}::text[] as a`.execute(t.db);
    expect(result.rows[0]!.a).toEqual(values);
    const numbers = await sql<{ a: (number | null)[] }>`select ${arrayLiteral([1, null, 42])}::int[] as a`.execute(
      t.db,
    );
    expect(numbers.rows[0]!.a).toEqual([1, null, 42]);
  });

  it('hashes a 311 row as earlier versions did, so that cases imported before stay unchanged', async () => {
    const ctx = await importContext(t.db, 'main');
    const handler = await nyc311Handler(t.db, ctx.agency, { actorLabel: 'test' });
    const cells: Record<string, string> = {
      'Unique Key': '123',
      'Created Date': '03/01/2011 02:27:57 PM',
      'Closed Date': '03/14/2011 03:59:20 PM',
      Agency: 'DOF',
      'Complaint Type': 'DOF Property - Payment Issue',
      Descriptor: 'Misapplied "Payment"',
      'Incident Address': '186 25 STREET',
      Status: 'Closed',
      Latitude: '40.7',
      Longitude: '-73.9',
    };
    const { value } = handler.parse((column) => cells[column] ?? '', 2);
    const values = { ...value.values, external_data: JSON.parse(value.externalJson!) as Record<string, unknown> };
    const fields = ['description', 'status', 'received_at', 'closed_at', 'first_response_at', 'facility'];
    expect(value.hash).toBe(hashPrepared(values, [...fields, 'external_data']));
  });
});

const HEADER = 'Unique Key,Created Date,Closed Date,Agency,Complaint Type,Descriptor,Status\n';
const row = (key: number, hour = 10) =>
  `${key},03/01/2011 ${String(hour).padStart(2, '0')}:00:00 AM,,NYPD,Noise,Loud,Open\n`;
const trackingNumbers = async (from: number, to: number) =>
  (
    await t.db
      .selectFrom('cases')
      .select(['external_id', 'tracking_number'])
      .where('channel', '=', '311')
      .where(
        'external_id',
        'in',
        Array.from({ length: to - from + 1 }, (_, i) => String(from + i)),
      )
      .orderBy('external_id')
      .execute()
  ).map((r) => r.tracking_number);

describe('import nyc311 — batches in one transaction', () => {
  it('numbers new cases in file order from the year sequence intake uses, past 999,999 unpadded', async () => {
    const report = await importNyc311(t.db, {
      agency: 'main',
      file: file('order.csv', HEADER + [1, 2, 3, 4, 5].map((k) => row(950_000 + k)).join('')),
      batchSize: 2,
    });
    expect(report).toMatchObject({ status: 'completed', created: 5 });
    const numbers = await trackingNumbers(950_001, 950_005);
    const serials = numbers.map((n) => Number(n!.split('-').at(-1)));
    expect(serials).toEqual([0, 1, 2, 3, 4].map((i) => serials[0]! + i));
    expect(numbers[0]).toMatch(/-2011-\d{6}$/);

    const sequence = (
      await sql<{ name: string }>`select 'tracking_' || id || '_2011' as name from agencies
      where slug = 'main'`.execute(t.db)
    ).rows[0]!.name;
    await sql`select setval(${sequence}::regclass, 999999)`.execute(t.db);
    await importNyc311(t.db, { agency: 'main', file: file('million.csv', HEADER + row(950_006)) });
    expect((await trackingNumbers(950_006, 950_006))[0]).toMatch(/-2011-1000000$/);
  });

  it('leaves nothing of earlier batches when the file fails further on', async () => {
    const before = await t.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    const text = HEADER + [1, 2, 3, 4, 5].map((k) => row(960_000 + k)).join('') + '960009,"03/01/2011,,NYPD\n';
    const report = await importNyc311(t.db, { agency: 'main', file: file('broken-tail.csv', text), batchSize: 2 });
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(/never closed.*nothing was written/);
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 0 });
    const after = await t.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    expect(Number(after!.n)).toBe(Number(before!.n));
    const run = await t.db
      .selectFrom('import_runs')
      .select(['status'])
      .where('id', '=', report.runId)
      .executeTakeFirstOrThrow();
    expect(run.status).toBe('failed');
  });

  it('skips unchanged rows by hash, updates changed ones with an audit event each, creates new ones', async () => {
    const first = HEADER + [1, 2, 3].map((k) => row(970_000 + k)).join('');
    expect(await importNyc311(t.db, { agency: 'main', file: file('r1.csv', first), batchSize: 2 })).toMatchObject({
      created: 3,
    });
    const second = HEADER + row(970_001) + row(970_002, 11) + row(970_003) + row(970_004);
    const report = await importNyc311(t.db, { agency: 'main', file: file('r2.csv', second), batchSize: 2 });
    expect(report).toMatchObject({ status: 'completed', created: 1, updated: 1, unchanged: 2, rejected: 0 });
    const changed = await t.db
      .selectFrom('cases')
      .select(['id', 'received_at', 'version'])
      .where('external_id', '=', '970002')
      .executeTakeFirstOrThrow();
    expect(changed.received_at.toISOString()).toBe('2011-03-01T16:00:00.000Z');
    expect(changed.version).toBe(2);
    const audits = await t.db
      .selectFrom('audit_events')
      .select(['action', 'changes'])
      .where('case_id', '=', changed.id)
      .execute();
    expect(audits).toEqual([
      {
        action: 'case.import_updated',
        changes: [{ field: 'received_at', old: '2011-03-01T15:00:00.000Z', new: '2011-03-01T16:00:00.000Z' }],
      },
    ]);
    const runAudit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'changes'])
      .where('entity_type', '=', 'import_run')
      .where('entity_id', '=', String(report.runId))
      .executeTakeFirstOrThrow();
    expect(runAudit.action).toBe('import.completed');
    expect(runAudit.changes).toEqual(
      expect.arrayContaining([
        { field: 'created', old: null, new: 1 },
        { field: 'updated', old: null, new: 1 },
        { field: 'unchanged', old: null, new: 2 },
      ]),
    );
  });
});

describe('intake decisions of imported rows', () => {
  it('are memoised on the fields the rules read: a rule on words makes the text count', async () => {
    const ctx = await importContext(t.db, 'main');
    const item = (text: string) => ({
      channel: '311',
      subject: null,
      text,
      writerType: 'constituent' as const,
      language: 'en',
      facility: null,
      receivedAt: new Date('2011-03-01T15:00:00Z'),
    });
    const before = await loadIntakePlanner(t.db, ctx.agency.id);
    expect(before.decide(item('Flooded basement')).priority).toBe(before.decide(item('Noise')).priority);
    const rule = await sql<{ id: number }>`insert into routing_rules (agency_id, name, position, conditions, actions,
        stop_processing)
      values (${ctx.agency.id}, 'Floods first', 0, ${JSON.stringify({ words: ['flooded basement'] })}::jsonb,
        ${JSON.stringify({ priority: 'urgent', tags: ['flood'] })}::jsonb, false)
      returning id`.execute(t.db);
    try {
      const planner = await loadIntakePlanner(t.db, ctx.agency.id);
      for (let round = 0; round < 2; round++) {
        expect(planner.decide(item('A flooded  basement again'))).toMatchObject({
          priority: 'urgent',
          tags: ['flood'],
        });
        expect(planner.decide(item('Noise')).priority).toBe('normal');
        expect(planner.decide(item('Noise')).tags).not.toContain('flood');
      }
    } finally {
      await sql`delete from routing_rules where agency_id = ${ctx.agency.id} and id = ${rule.rows[0]!.id}`.execute(
        t.db,
      );
    }
  });
});

describe('the import runner', () => {
  // A handler that stores each row as a subject and fails, in the database, on the row whose key is "bad".
  const subjectsHandler = (prefix: string): ImportHandler<string> => ({
    kind: 'cases',
    columns: [{ name: 'code', required: true }],
    keyColumn: 'code',
    parse(get) {
      const code = get('code');
      if (!code) throw new RowRejected('code', 'is empty');
      return { key: code, value: `${prefix}${code}` };
    },
    async write(tx, rows) {
      const ctx = await importContext(tx, 'main');
      for (const r of rows) {
        await tx.insertInto('subjects').values({ agency_id: ctx.agency.id, code: r.value, name: r.value }).execute();
        if (r.key === 'bad') await sql`select 1 / 0`.execute(tx);
      }
      return { created: rows.length, updated: 0, unchanged: 0 };
    },
  });
  const codes = async (prefix: string) =>
    (
      await t.db.selectFrom('subjects').select('code').where('code', 'like', `${prefix}%`).orderBy('code').execute()
    ).map((r) => r.code);

  it('retries a batch the database refuses row by row, and rejects only the row at fault', async () => {
    const ctx = await importContext(t.db, 'main');
    const text = 'code\na\nb\nbad\nc\nd\n';
    const report = await runImport(ctx, subjectsHandler('T1-'), { file: file('subjects.csv', text), batchSize: 2 });
    expect(report).toMatchObject({ status: 'completed', created: 4, rejected: 1 });
    expect(report.rejects).toEqual([{ line: 4, column: '', reason: 'could not be stored: division by zero' }]);
    expect(await codes('T1-')).toEqual(['T1-a', 'T1-b', 'T1-c', 'T1-d']);
  });

  it('with --strict, writes nothing at all when the database refuses a row', async () => {
    const ctx = await importContext(t.db, 'main');
    const report = await runImport(ctx, subjectsHandler('T2-'), {
      file: file('subjects-strict.csv', 'code\na\nb\nc\nbad\n'),
      batchSize: 2,
      strict: true,
    });
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(/division by zero; nothing was written/);
    expect(await codes('T2-')).toEqual([]);
  });
});
