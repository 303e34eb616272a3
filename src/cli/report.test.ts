// `civicdesk report mmr`: the options it refuses (with exit status 1), the exact JSON shape with the numbers of
// generated cases (made as the system, so restricted cases count), CSV to a file and XLSX through a pipe.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../server/env.ts';
import { startRuntime } from '../server/runtime.ts';
import { readMmrOptions } from './report.ts';
import {
  NEW_YORK,
  expectedPercent,
  expectedResponses,
  generateResponseCases,
  insertCases,
  ny,
} from '../server/test/indicators-test-support.ts';

const run = promisify(execFile);
const asOf = '2026-04-10T12:00:00-04:00';
const specs = generateResponseCases(21, 120, '2026-02-25', 40);

let dataDir: string;
let env: NodeJS.ProcessEnv;

const civicdesk = (args: string[], options: { encoding?: 'buffer' } = {}) =>
  run(process.execPath, ['bin/civicdesk.js', ...args], { env, maxBuffer: 20_000_000, ...options });

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'civicdesk-report-'));
  env = { ...process.env, CIVICDESK_DATA_DIR: dataDir, DATABASE_URL: '', CIVICDESK_ADMIN_PASSWORD: 'first admin pw' };
  const runtime = await startRuntime(loadConfig(env));
  try {
    const agency = await runtime.db
      .updateTable('agencies')
      .set({ time_zone: NEW_YORK })
      .where('slug', '=', 'main')
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertCases(runtime.db, agency.id, specs);
    await runtime.db
      .insertInto('indicator_targets')
      .values({ agency_id: agency.id, key: 'letters_responded_14d_pct', target: 75 })
      .execute();
  } finally {
    await runtime.close();
  }
}, 120_000);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('civicdesk report mmr', () => {
  it('names every wrong option', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    const problems = (flags: Parameters<typeof readMmrOptions>[0]) => {
      const read = readMmrOptions(flags, now);
      return 'problems' in read ? read.problems.map((p) => p.split(':')[0]) : [];
    };
    expect(problems({ agency: 'main', month: '2026-13', format: 'json' })).toEqual(['--month']);
    expect(problems({ agency: 'main', month: '10/2026', format: 'docx' })).toEqual(['--month', '--format']);
    expect(problems({ agency: 'main', period: 'FY27', format: 'json' })).toEqual(['--period']);
    expect(problems({ agency: 'main', format: 'json' })).toEqual(['--month YYYY-MM (or --period) is required']);
    expect(problems({ agency: 'main', month: '2026-10', asOf: '2027-01-01T00:00:00Z', format: 'json' })).toEqual([
      '--as-of',
    ]);
    expect(readMmrOptions({ agency: 'main', period: 'FY2027', format: 'pdf' }, now)).toMatchObject({
      period: { key: 'FY2027', from: '2026-07-01', to: '2027-06-30' },
      format: 'pdf',
    });
  });

  it('prints the indicators as JSON with exactly the promised fields', async () => {
    const { stdout } = await civicdesk(['report', 'mmr', '--agency', 'main', '--month', '2026-03', '--as-of', asOf]);
    const body = JSON.parse(stdout.toString()) as { indicators: Record<string, unknown>[] };
    const keys = body.indicators.map((i) => i.key);
    expect(keys.slice(0, 5)).toEqual([
      'emails_responded_14d_pct',
      'letters_responded_14d_pct',
      'calls_answered_30s_pct',
      'average_wait_seconds',
      'interpretation_requests_completed',
    ]);
    expect(keys).toContain('cases_closed_on_time_pct_311');
    for (const indicator of body.indicators) {
      const withPending = ['emails_responded_14d_pct', 'letters_responded_14d_pct'].includes(indicator.key as string);
      expect(Object.keys(indicator)).toEqual(
        expect.arrayContaining(['key', 'name', 'value', 'numerator', 'denominator']),
      );
      expect('pending' in indicator, String(indicator.key)).toBe(withPending);
      expect('target' in indicator, String(indicator.key)).toBe(indicator.key === 'letters_responded_14d_pct');
    }
    for (const [key, channel] of [
      ['emails_responded_14d_pct', 'email'],
      ['letters_responded_14d_pct', 'letter'],
    ] as const) {
      const e = expectedResponses(specs, channel, '2026-03-01', '2026-03-31', ny('2026-04-10 12:00'), 'system');
      expect(body.indicators.find((i) => i.key === key)).toMatchObject({
        value: expectedPercent(e.numerator.length, e.numerator.length + e.late.length),
        numerator: e.numerator.length,
        denominator: e.numerator.length + e.late.length,
        pending: e.pending.length,
      });
    }
    expect(body.indicators.find((i) => i.key === 'letters_responded_14d_pct')!.target).toBe(75);
    expect(body.indicators.find((i) => i.key === 'interpretation_requests_completed')).toMatchObject({
      name: 'Completed requests for interpretation',
      value: 0,
      numerator: 0,
      denominator: null,
    });
  }, 120_000);

  it('writes CSV to a file and XLSX through a pipe', async () => {
    const file = path.join(dataDir, 'mmr.csv');
    await civicdesk(['report', 'mmr', '--agency', 'main', '--period', '2026-Q1', '--format', 'csv', '--output', file]);
    const csv = readFileSync(file, 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      '\uFEFFKey,Indicator,Unit,Value,Numerator,Denominator,Pending,Excluded,Target,Q1 2025 value',
    );
    expect(csv).toContain('letters_responded_14d_pct,Letters responded to in 14 days (%),%,');
    const xlsx = await civicdesk(['report', 'mmr', '--agency', 'main', '--month', '2026-03', '--format', 'xlsx'], {
      encoding: 'buffer',
    });
    expect((xlsx.stdout as unknown as Buffer).subarray(0, 2).toString('latin1')).toBe('PK');
  }, 120_000);

  it('refuses an unknown agency and a malformed month with exit status 1', async () => {
    await expect(civicdesk(['report', 'mmr', '--agency', 'nowhere', '--month', '2026-03'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('There is no agency "nowhere".'),
    });
    await expect(civicdesk(['report', 'mmr', '--agency', 'main', '--month', 'March'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--month: "March" is not a month'),
    });
  }, 120_000);
});
