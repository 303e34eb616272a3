// GET /api/v1/reports/monthly: the JSON, each of whose counts lists exactly its cases through GET /api/v1/cases
// with the filter it carries; the CSV, XLSX (numbers as numbers, one sheet per table) and PDF downloads of the same
// numbers; the refusals of a wrong month or format.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { closeRenderer } from '../../../channels/letters/pdf-renderer.ts';
import type { CaseCount, MonthlyReport } from '../../../reports/monthly-report.ts';
import { existingAgency, generateSeeds, insertCases, seededRandom } from '../../../test/monthly-report-fixtures.ts';

let t: TestApp;
let admin: SignedIn;
let report: MonthlyReport;
const work = mkdtempSync(path.join(tmpdir(), 'civicdesk-monthly-'));
const url = '/api/v1/reports/monthly?month=2025-10&asOf=2025-11-05T12:00:00Z';

beforeAll(async () => {
  t = await createTestApp();
  const main = await existingAgency(t.db, 'main');
  await t.db.updateTable('agencies').set({ time_zone: 'America/New_York' }).where('id', '=', main.agency.id).execute();
  main.agency.timeZone = 'America/New_York';
  const seeds = generateSeeds(seededRandom(7), 400, new Date('2024-09-01T00:00:00Z'), new Date('2025-11-05T00:00:00Z'));
  await insertCases(t.db, main, seeds);
  admin = await signInAs(t.app);
  const res = await admin.call('GET', url);
  expect(res.statusCode).toBe(200);
  report = res.json() as MonthlyReport;
}, 120_000);

afterAll(async () => {
  await closeRenderer();
  await t.close();
  rmSync(work, { recursive: true, force: true });
});

/** Every {count, cases} in the report, with where it sits. */
function countsOf(value: unknown, where = 'report'): [string, CaseCount][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => countsOf(v, `${where}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  if (typeof record.count === 'number' && record.cases && typeof record.cases === 'object') {
    return [[where, record as unknown as CaseCount]];
  }
  return Object.entries(record).flatMap(([key, v]) => countsOf(v, `${where}.${key}`));
}

describe('GET /api/v1/reports/monthly', () => {
  it('answers the report as JSON with every section and the new issues', () => {
    expect(report.kind).toBe('monthly');
    expect(report.period).toMatchObject({ key: '2025-10', from: '2025-10-01', to: '2025-10-31' });
    expect(report.volume.total.thisMonth.count).toBeGreaterThan(10);
    expect(report.volume.byChannel.length).toBeGreaterThan(2);
    expect(report.backlog.bands).toHaveLength(6);
    expect(Array.isArray(report.newIssues)).toBe(true);
    for (const issue of report.newIssues) {
      expect(issue).toEqual(
        expect.objectContaining({
          dimension: expect.any(String),
          key: expect.any(String),
          observed: expect.any(Number),
          expected: expect.any(Number),
        }),
      );
    }
  });

  it('gives each count a case-list filter that lists exactly the cases counted', async () => {
    const counts = countsOf(report);
    expect(counts.length).toBeGreaterThan(100);
    const totals = new Map<string, number>();
    const mismatches: string[] = [];
    for (const [where, { count, cases }] of counts) {
      const query = new URLSearchParams({ ...cases, limit: '1' }).toString();
      if (!totals.has(query)) {
        const res = await admin.call('GET', `/api/v1/cases?${query}`);
        expect(res.statusCode, `${where}: ${res.body}`).toBe(200);
        totals.set(query, (res.json() as { total: number }).total);
      }
      if (totals.get(query) !== count)
        mismatches.push(`${where}: ${count} counted, ${totals.get(query)} listed (${query})`);
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('writes the same numbers as CSV', async () => {
    const res = await admin.call('GET', `${url}&format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('monthly-report-2025-10.csv');
    const lines = res.body.split('\r\n');
    const channel = report.volume.byChannel[0]!;
    const header = lines.indexOf('Volume by channel');
    expect(header).toBeGreaterThan(-1);
    expect(lines[header + 2]).toContain(`${channel.key},${channel.label},${channel.thisMonth.count},`);
  });

  it('writes an XLSX workbook with one sheet per table and numbers as numbers', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${url}&format=xlsx`, headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const names = workbook.worksheets.map((s) => s.name);
    for (const name of [
      'Summary',
      'Volume by channel',
      'Volume by subject',
      'Backlog by age',
      'Response times',
      'New issues',
    ]) {
      expect(names).toContain(name);
    }
    expect(names.every((n) => n.length <= 31)).toBe(true);
    const values = (name: string) =>
      workbook
        .getWorksheet(name)!
        .getSheetValues()
        .flatMap((row) => (Array.isArray(row) ? row : []));
    expect(values('Backlog by age')).toEqual(expect.arrayContaining(report.backlog.bands.map((b) => b.open.count)));
    expect(values('Summary')).toContain(report.volume.total.thisMonth.count);
  });

  it('writes a PDF with the tables and the charts', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${url}&format=pdf`, headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const file = path.join(work, 'monthly.pdf');
    writeFileSync(file, res.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Monthly report: October 2025');
    expect(text).toContain('Cases received by channel');
    expect(text).toContain('Open backlog by age');
    expect(text).toContain('Time to first response and to close');
  }, 120_000);

  it('refuses a month that is not YYYY-MM and an unknown format', async () => {
    const month = await admin.call('GET', '/api/v1/reports/monthly?month=2025-13');
    expect(month.statusCode).toBe(400);
    expect(month.json().error.details).toEqual([expect.objectContaining({ field: 'month' })]);
    const quarter = await admin.call('GET', '/api/v1/reports/monthly?month=2025-Q3');
    expect(quarter.statusCode).toBe(400);
    const format = await admin.call('GET', '/api/v1/reports/monthly?month=2025-10&format=docx');
    expect(format.statusCode).toBe(400);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/reports/monthly?month=2025-10' });
    expect(anonymous.statusCode).toBe(401);
  });
});
