import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { importNyc311 } from '../../commands/imports/import-nyc311.ts';
import { importLegacyCases } from '../../commands/imports/import-cases.ts';
import { readCsvRecords } from './csv-reader.ts';
import { parseImportTime } from './import-times.ts';
import { neutralizeCell } from '../../../domain/csv-safety.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const SAMPLE = path.resolve(root, '../shared/data/nyc-311-sample-2011.csv');

let t: TestApp;
let dir: string;
beforeAll(async () => {
  t = await createTestApp();
  dir = mkdtempSync(path.join(os.tmpdir(), 'civicdesk-import-'));
});
afterAll(async () => t.close());

const file = (name: string, text: string | Buffer) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};
const count311 = async () =>
  Number(
    (
      await t.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('channel', '=', '311')
        .executeTakeFirstOrThrow()
    ).n,
  );

async function records(text: string) {
  const out = [];
  for await (const batch of readCsvRecords([Buffer.from(text)])) out.push(...batch);
  return out;
}

describe('csv reader', () => {
  it('reads quotes, escaped quotes, CRLF and multi-line fields with their starting lines', async () => {
    const rows = await records('a,b\r\n"x, y","say ""hi"""\r\n"two\nlines",z\nlast,1');
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 3, fields: ['two\nlines', 'z'] },
      { line: 5, fields: ['last', '1'] },
    ]);
  });

  it('gives the same records whatever the chunk boundaries', async () => {
    const text = 'h1,h2\n"a""b",c\r\n"multi\nline",d\n';
    const expected = await records(text);
    for (let cut = 1; cut < text.length; cut++) {
      const out = [];
      for await (const batch of readCsvRecords([Buffer.from(text.slice(0, cut)), Buffer.from(text.slice(cut))])) {
        out.push(...batch);
      }
      expect(out).toEqual(expected);
    }
  });

  it('reports text after a closing quote as a bad record and an unclosed quote as a file error', async () => {
    expect(await records('a,b\n"x"y,z\nok,1\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, error: 'unexpected text after a closing quote in field 1' },
      { line: 3, fields: ['ok', '1'] },
    ]);
    await expect(records('a,b\n"open,1\nmore,2\n')).rejects.toThrow(/line 2: a quoted field .* never closed/);
  });
});

describe('import times', () => {
  it('reads New York wall clock times across DST, and ISO 8601 with or without an offset', () => {
    const ny = 'America/New_York';
    expect(parseImportTime('03/01/2011 02:27:57 PM', ny)?.toISOString()).toBe('2011-03-01T19:27:57.000Z');
    expect(parseImportTime('07/04/2011 12:00:00 AM', ny)?.toISOString()).toBe('2011-07-04T04:00:00.000Z');
    // 2:30 AM on 03/13/2011 does not exist: it moves forward by the gap (03:30 EDT)
    expect(parseImportTime('03/13/2011 02:30:00 AM', ny)?.toISOString()).toBe('2011-03-13T07:30:00.000Z');
    // 1:30 AM on 11/06/2011 happens twice: the earlier (EDT) one
    expect(parseImportTime('11/06/2011 01:30:00 AM', ny)?.toISOString()).toBe('2011-11-06T05:30:00.000Z');
    expect(parseImportTime('2011-11-06T01:30:00-05:00', ny)?.toISOString()).toBe('2011-11-06T06:30:00.000Z');
    expect(parseImportTime('2011-03-01 09:00', ny)?.toISOString()).toBe('2011-03-01T14:00:00.000Z');
    expect(parseImportTime('2011-03-01T09:00:00Z', ny)?.toISOString()).toBe('2011-03-01T09:00:00.000Z');
    for (const bad of ['13/01/2011 01:00:00 PM', '02/30/2011', '2011-02-30', 'yesterday', '03/01/2011 13:00:00 PM']) {
      expect(parseImportTime(bad, ny)).toBeNull();
    }
  });

  it('neutralises formula cells', () => {
    expect(['=1+1', '+1', '-2', '@SUM(A1)', 'fine'].map(neutralizeCell)).toEqual([
      "'=1+1",
      "'+1",
      "'-2",
      "'@SUM(A1)",
      'fine',
    ]);
  });
});

const NEW_LAYOUT =
  'unique key , Created Date,Closed Date,Agency,Agency Name,Problem (formerly Complaint Type),' +
  'Problem Detail (formerly Descriptor),Additional Details,Incident Address,Status,Latitude,Longitude\n';

describe('import nyc311 — layouts and bad input', () => {
  it('matches renamed columns by name (newer layout) and keeps the additional details', async () => {
    const report = await importNyc311(t.db, {
      agency: 'main',
      file: file(
        'new-layout.csv',
        NEW_LAYOUT +
          '900001,2024-07-01T10:00:00,,DHS,Department of Homeless Services,Homeless Person Assistance,' +
          'Assistance Needed,"Near the ""north"" entrance",1 CENTRE STREET,In Progress,40.71,-74.0\n',
      ),
    });
    expect(report).toMatchObject({ status: 'completed', created: 1, rejected: 0 });
    const row = await t.db
      .selectFrom('cases')
      .selectAll()
      .where('external_id', '=', '900001')
      .executeTakeFirstOrThrow();
    expect(row.description).toBe('Assistance Needed\nNear the "north" entrance');
    expect(row.status).toBe('in_progress');
    expect(row.received_at.toISOString()).toBe('2024-07-01T14:00:00.000Z');
  });

  it('refuses a file without a required column and writes nothing', async () => {
    const report = await importNyc311(t.db, {
      agency: 'main',
      file: file('no-agency.csv', 'Unique Key,Created Date,Complaint Type\n1,03/01/2011 10:00:00 AM,Noise\n'),
    });
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(/no column "Agency"/);
  });

  const bad =
    NEW_LAYOUT +
    '910001,03/01/2011 10:00:00 AM,,NYPD,Police,Noise,Loud,,1 MAIN ST,Open,,\n' +
    '910002,not a date,,NYPD,Police,Noise,Loud,,1 MAIN ST,Open,,\n' +
    '910003,03/01/2011 10:00:00 AM,,NYPD,Police,,Loud,,1 MAIN ST,Open,,\n' +
    '910001,03/01/2011 11:00:00 AM,,NYPD,Police,Noise,Again,,1 MAIN ST,Open,,\n' +
    '910004,03/01/2011 10:00:00 AM,,NYPD,Police,=HYPERLINK("http://evil"),x,,1 MAIN ST,Open,91,\n' +
    '910005,03/01/2011 10:00:00 AM,,NYPD\n' +
    '910006,03/01/2011 10:00:00 AM,,NYPD,Police,"Noise"x,Loud,,1 MAIN ST,Open,,\n' +
    '910007,03/01/2011 10:00:00 AM,,NYPD,Police,Noise,Loud,,1 MAIN ST,Open,,\n';

  it('reports bad rows with line, column and reason, writes none of them, and neutralises the rejects file', async () => {
    const rejectsFile = path.join(dir, 'rejects.csv');
    const before = await count311();
    const report = await importNyc311(t.db, { agency: 'main', file: file('bad.csv', bad), rejectsFile });
    expect(report).toMatchObject({ status: 'completed', rowsRead: 8, created: 2, rejected: 6 });
    expect(report.rejects).toEqual([
      { line: 3, column: 'Created Date', reason: expect.stringContaining('is not a date and time') },
      { line: 4, column: 'Complaint Type', reason: 'is empty' },
      { line: 5, column: 'Unique Key', reason: 'duplicates line 2 (same Unique Key)' },
      { line: 6, column: 'Latitude', reason: 'is not a latitude' },
      { line: 7, column: '', reason: 'has 4 fields, the header has 12' },
      { line: 8, column: '', reason: 'unexpected text after a closing quote in field 6' },
    ]);
    expect(await count311()).toBe(before + 2);
    const written = parse(readFileSync(rejectsFile), { relax_column_count: true }) as string[][];
    expect(written[0]!.slice(0, 4)).toEqual(['line', 'column', 'reason', 'unique key ']);
    const injected = written.find((r) => r[0] === '6')!;
    expect(injected).toContain(`'=HYPERLINK("http://evil")`);
    expect(written.flat().some((cell) => /^[=+\-@]/.test(cell))).toBe(false);
  });

  it('--strict stops at the first bad row and leaves nothing written', async () => {
    const before = await count311();
    const report = await importNyc311(t.db, {
      agency: 'main',
      file: file('strict.csv', bad.replace(/91001/g, '92001')),
      strict: true,
      createUnknown: true,
    });
    expect(report.status).toBe('aborted');
    expect(report.error).toMatch(/line 3, column "Created Date"/);
    expect(await count311()).toBe(before);
    const units = await t.db.selectFrom('units').select('code').where('code', '=', '311-NYPD').execute();
    expect(units).toHaveLength(0);
  });

  it('rejects Latin-1 bytes row by row unless --encoding latin1 is given', async () => {
    const latin1 = Buffer.concat([
      Buffer.from(NEW_LAYOUT),
      Buffer.from('930001,03/01/2011 10:00:00 AM,,NYPD,Police,Noise,Caf', 'latin1'),
      Buffer.from([0xe9]),
      Buffer.from(',,1 MAIN ST,Open,,\n'),
    ]);
    const asUtf8 = await importNyc311(t.db, { agency: 'main', file: file('latin1.csv', latin1) });
    expect(asUtf8.rejects).toEqual([
      { line: 2, column: 'Problem Detail (formerly Descriptor)', reason: expect.stringContaining('not valid UTF-8') },
    ]);
    const asLatin1 = await importNyc311(t.db, { agency: 'main', file: file('latin1.csv', latin1), encoding: 'latin1' });
    expect(asLatin1).toMatchObject({ created: 1, rejected: 0 });
    const row = await t.db
      .selectFrom('cases')
      .selectAll()
      .where('external_id', '=', '930001')
      .executeTakeFirstOrThrow();
    expect(row.description).toBe('Café');
  });

  it('stops at an unbalanced quote with the line it opens on', async () => {
    const report = await importNyc311(t.db, {
      agency: 'main',
      file: file(
        'unbalanced.csv',
        NEW_LAYOUT + '940001,03/01/2011 10:00:00 AM,,NYPD,Police,"Noise,Loud,,1 MAIN ST,Open,,\n',
      ),
    });
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(/line 2: a quoted field .* never closed/);
  });
});

describe('import cases (legacy)', () => {
  const header =
    'external_id,received_at,channel,subject,unit,status,first_response_at,closed_at,language,first_name,last_name,email,phone,address,description,writer_type\n';
  it('imports history with people found or created by email, validates rows, and is idempotent', async () => {
    const text =
      header +
      'L-1,2019-05-02T09:15:00-04:00,email,SNAP,,closed,2019-05-03T10:00:00-04:00,2019-05-10T10:00:00-04:00,es,Ana,Ruiz,ana@example.org,,,"Mi tarjeta",constituent\n' +
      'L-2,2019-05-03 11:00,letter,HOUSING,FAC,,,,,Ana,Ruiz,ANA@example.org,212-555-0100,1 Main St,Repairs,\n' +
      'L-3,2019-05-04T09:00:00Z,email,NOPE,,,,,,Bo,Li,bo@example.org,,,x,\n' +
      'L-4,2019-05-04T09:00:00Z,email,,,closed,,,,Bo,Li,bo@example.org,,,x,\n' +
      'L-5,2019-05-04T09:00:00Z,email,,,,2019-05-01T09:00:00Z,,,Bo,Li,bo@example.org,,,x,\n' +
      'L-6,2019-05-04T09:00:00Z,pigeon,,,,,,,Bo,Li,bo@example.org,,,x,\n';
    const report = await importLegacyCases(t.db, { agency: 'main', file: file('legacy.csv', text) });
    expect(report).toMatchObject({ created: 2, rejected: 4 });
    expect(report.rejects.map((r) => [r.line, r.column])).toEqual([
      [4, 'subject'],
      [5, 'closed_at'],
      [6, 'first_response_at'],
      [7, 'channel'],
    ]);
    const rows = await t.db
      .selectFrom('cases')
      .selectAll()
      .where('external_id', 'in', ['L-1', 'L-2'])
      .orderBy('external_id')
      .execute();
    expect(rows[0]!.person_id).toBe(rows[1]!.person_id);
    expect(rows[0]).toMatchObject({ status: 'closed', language: 'es', subject_code: 'SNAP', channel: 'email' });
    expect(rows[1]!.received_at.toISOString()).toBe('2019-05-03T15:00:00.000Z');
    const again = await importLegacyCases(t.db, { agency: 'main', file: file('legacy.csv', text) });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const people = await t.db
      .selectFrom('person_contacts')
      .select('person_id')
      .where('normalized', '=', 'ana@example.org')
      .execute();
    expect(people).toHaveLength(1);
  });
});

describe('the civicdesk import command', () => {
  it('imports the real sample through the CLI and exits 0; exits 1 when rows are rejected', () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'civicdesk-cli-'));
    const env = { ...process.env, CIVICDESK_DATA_DIR: dataDir, DATABASE_URL: '' };
    const run = (args: string[]) =>
      spawnSync('node', ['bin/civicdesk.js', 'import', ...args, '--agency', 'main'], {
        cwd: root,
        env,
        encoding: 'utf8',
      });
    const ok = run(['nyc311', SAMPLE]);
    expect(ok.stderr).not.toMatch(/Error/);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/rows read\s+999/);
    expect(ok.stdout).toMatch(/created\s+999/);
    const calls = file(
      'cli-calls.csv',
      'call_id,offered_at,answered_at,abandoned_at\nc1,2024-01-01T10:00:00Z,2024-01-01T10:00:20Z,2024-01-01T10:00:30Z\n',
    );
    const bad = run(['calls', calls]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/line 2, column "abandoned_at": a call is answered or abandoned, not both/);
  }, 120_000);
});
