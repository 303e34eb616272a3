// `civicdesk report monthly`: the options it refuses, the JSON it prints (counts made as the system, so restricted
// cases count; the new issues as a list of {dimension, key, observed, expected, …}) and an XLSX written to a file.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../server/env.ts';
import { startRuntime } from '../server/runtime.ts';
import { existingAgency, insertCases, type CaseSeed } from '../server/test/monthly-report-fixtures.ts';
import { readMonthlyOptions } from './report-monthly.ts';

const run = promisify(execFile);
let dataDir: string;
let env: NodeJS.ProcessEnv;

const civicdesk = (args: string[]) =>
  run(process.execPath, ['bin/civicdesk.js', ...args], { env, maxBuffer: 20_000_000 });

// October 2025 in New York: three emails (one restricted), a letter, a case from September and one merged duplicate.
const seeds: CaseSeed[] = [
  { channel: 'email', subject: 'SNAP', unit: 'SNAP', receivedAt: new Date('2025-10-02T14:00:00Z') },
  { channel: 'email', subject: 'SNAP', unit: 'SNAP', receivedAt: new Date('2025-10-03T14:00:00Z') },
  { channel: 'email', subject: 'DV', unit: 'DV', restricted: true, receivedAt: new Date('2025-10-04T14:00:00Z') },
  { channel: 'letter', subject: 'CASH', unit: 'FIA', receivedAt: new Date('2025-10-31T20:00:00Z') },
  { channel: 'letter', subject: 'CASH', unit: 'FIA', receivedAt: new Date('2025-09-30T20:00:00Z') },
  { channel: 'email', subject: 'SNAP', unit: 'SNAP', merged: true, receivedAt: new Date('2025-10-05T14:00:00Z') },
];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'civicdesk-monthly-cli-'));
  env = { ...process.env, CIVICDESK_DATA_DIR: dataDir, DATABASE_URL: '', CIVICDESK_ADMIN_PASSWORD: 'first admin pw' };
  const runtime = await startRuntime(loadConfig(env));
  try {
    const main = await existingAgency(runtime.db, 'main');
    await runtime.db
      .updateTable('agencies')
      .set({ time_zone: 'America/New_York' })
      .where('slug', '=', 'main')
      .execute();
    await insertCases(runtime.db, main, seeds);
  } finally {
    await runtime.close();
  }
}, 120_000);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('civicdesk report monthly', () => {
  it('names every wrong option', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    const problems = (flags: Parameters<typeof readMonthlyOptions>[0]) => {
      const read = readMonthlyOptions(flags, now);
      return 'problems' in read ? read.problems.map((p) => p.split(':')[0]) : [];
    };
    expect(problems({ agency: 'main', month: '2025-13', format: 'json' })).toEqual(['--month']);
    expect(problems({ agency: 'main', month: '2025-Q3', format: 'docx' })).toEqual(['--month', '--format']);
    expect(problems({ agency: 'main', format: 'json' })).toEqual(['--month YYYY-MM is required']);
    expect(problems({ agency: 'main', month: '2025-10', format: 'pdf', asOf: '2027-01-01T00:00:00Z' })).toEqual([
      '--as-of',
    ]);
    expect(readMonthlyOptions({ agency: 'main', month: '2025-10', format: 'xlsx' }, now)).toMatchObject({
      period: { key: '2025-10', from: '2025-10-01', to: '2025-10-31' },
      format: 'xlsx',
    });
  });

  it('prints the report as JSON, restricted cases counted, with the new issues as a list', async () => {
    const { stdout } = await civicdesk([
      'report',
      'monthly',
      '--agency',
      'main',
      '--month',
      '2025-10',
      '--format',
      'json',
      '--as-of',
      '2025-11-05T12:00:00Z',
    ]);
    const body = JSON.parse(stdout) as Record<string, unknown> & {
      volume: { total: { thisMonth: { count: number }; previousMonth: { count: number } } };
      newIssues: Record<string, unknown>[];
      backlog: { total: { count: number } };
    };
    expect(Object.keys(body)).toEqual(
      expect.arrayContaining(['period', 'volume', 'backlog', 'responseTimes', 'escalations', 'newIssues']),
    );
    expect(body.volume.total.thisMonth.count).toBe(4);
    expect(body.volume.total.previousMonth.count).toBe(1);
    expect(body.backlog.total.count).toBe(5);
    expect(Array.isArray(body.newIssues)).toBe(true);
    for (const issue of body.newIssues) {
      expect(Object.keys(issue)).toEqual(expect.arrayContaining(['dimension', 'key', 'observed', 'expected']));
    }
  }, 120_000);

  it('writes an XLSX file with the same numbers', async () => {
    const file = path.join(dataDir, 'monthly.xlsx');
    const { stderr } = await civicdesk([
      'report',
      'monthly',
      '--agency',
      'main',
      '--month',
      '2025-10',
      '--format',
      'xlsx',
      '--output',
      file,
      '--as-of',
      '2025-11-05T12:00:00Z',
    ]);
    expect(stderr).toContain('Wrote');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const channel = workbook.getWorksheet('Volume by channel')!;
    const rows = channel.getSheetValues().filter(Array.isArray) as unknown[][];
    const email = rows.find((r) => r.includes('email'))!;
    expect(email).toContain(3);
  }, 120_000);

  it('refuses an unknown agency', async () => {
    await expect(civicdesk(['report', 'monthly', '--agency', 'nowhere', '--month', '2025-10'])).rejects.toThrow(
      /no agency "nowhere"/,
    );
  }, 120_000);
});
