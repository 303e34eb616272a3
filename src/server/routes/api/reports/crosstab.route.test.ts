// The cross-tab API: validation errors that name the field, the row and column caps, saved reports (create, open,
// change with version checks, delete, audit), the sharing rules, a shared report run under the reader's policy,
// the "saved" report kind, and the CSV and XLSX exports.
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { createUser, USER_PASSWORD } from '../../../test/factories.ts';
import { parsePeriod } from '../../../../shared/report-periods.ts';
import { reportBuilders } from '../../../reports/report-builders.ts';
import { contextFor, insertCases, unitIdsByCode, type GeneratedCase } from '../../../test/crosstab-test-support.ts';

let t: TestApp;
let admin: SignedIn;
let analyst: SignedIn;
let analystId: number;
let colleague: SignedIn;
let colleagueId: number;
let outsider: SignedIn;
let dvWorkerId: number;
let auditor: SignedIn;
let units: Map<string, number>;
let cases: GeneratedCase[];

const definition = {
  filters: { period: '2026-Q1' },
  rows: ['unit'],
  columns: ['month'],
  measure: 'count',
};

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  const sign = async (email: string, role: 'supervisor' | 'caseworker' | 'auditor', unitCodes: string[]) => {
    const user = await createUser(t.db, { email, role, units: unitCodes });
    return { id: user.id, session: await signInAs(t.app, email, USER_PASSWORD) };
  };
  const a = await sign('analyst@example.gov', 'supervisor', ['SNAP', 'DV']);
  analyst = a.session;
  analystId = a.id;
  const c = await sign('colleague@example.gov', 'caseworker', ['SNAP']);
  colleague = c.session;
  colleagueId = c.id;
  outsider = (await sign('outsider@example.gov', 'caseworker', ['FIA'])).session;
  const d = await sign('dv@example.gov', 'caseworker', ['DV']);
  dvWorkerId = d.id;
  auditor = (await sign('auditor@example.gov', 'auditor', [])).session;
  units = await unitIdsByCode(t.db);
  // January: SNAP 3, DV 2 (both restricted) and 1 open DV; February: SNAP 1, FIA 2; one SNAP case merged away.
  cases = await insertCases(t.db, [
    { localDate: '2026-01-03', unitCode: 'SNAP', responseHours: 24 },
    { localDate: '2026-01-04', unitCode: 'SNAP', responseHours: 48 },
    { localDate: '2026-01-31', localTime: '23:30', unitCode: 'SNAP', responseHours: 96 },
    { localDate: '2026-01-10', unitCode: 'DV', restricted: true, responseHours: 10 * 24 },
    { localDate: '2026-01-11', unitCode: 'DV', restricted: true, responseHours: 12 * 24 },
    { localDate: '2026-01-12', unitCode: 'DV' },
    { localDate: '2026-02-02', unitCode: 'SNAP' },
    { localDate: '2026-02-03', unitCode: 'FIA', channel: 'letter' },
    { localDate: '2026-02-04', unitCode: 'FIA', channel: 'letter' },
    { localDate: '2026-02-05', unitCode: 'SNAP', merged: true },
    { localDate: '2026-04-01', unitCode: 'SNAP' },
  ]);
});
afterAll(async () => t.close());

const row = (result: { rowHeaders: { key: unknown[] }[] }, code: string) =>
  result.rowHeaders.findIndex((h) => h.key[0] === units.get(code));

async function save(as: SignedIn, body: Record<string, unknown>) {
  return as.call('POST', '/api/v1/reports/saved', { name: 'Volume by unit', definition, ...body });
}

describe('validation', () => {
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ['an unknown dimension', { ...definition, rows: ['colour'] }, 'rows[0]', /not a dimension/],
    ['three row dimensions', { ...definition, rows: ['unit', 'subject', 'channel'] }, 'rows', /at most 2/],
    ['two column dimensions', { ...definition, columns: ['month', 'channel'] }, 'columns', /at most 1/],
    ['the same dimension twice', { ...definition, rows: ['unit'], columns: ['unit'] }, 'columns', /more than once/],
    ['an unknown measure', { ...definition, measure: 'sum' }, 'measure', /not a measure/],
    ['a bad period', { ...definition, filters: { period: '2026-13' } }, 'filters.period', /write a month/],
    [
      'an unknown status',
      { ...definition, filters: { period: '2026-01', status: ['lost'] } },
      'filters.status',
      /lost/,
    ],
    [
      'an unknown unit',
      { ...definition, filters: { period: '2026-01', unitId: [999999] } },
      'filters.unitId',
      /no unit/,
    ],
    [
      'an unknown filter',
      { ...definition, filters: { period: '2026-01', colour: ['red'] } },
      'filters.colour',
      /not a filter/,
    ],
  ];
  it.each(cases)('refuses %s, naming the field', async (_what, body, field, message) => {
    const res = await analyst.call('POST', '/api/v1/reports/crosstab', body);
    expect(res.statusCode, res.body).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('validation_failed');
    expect(error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(error.message).toMatch(message);
  });

  it('refuses a table with too many rows or columns, saying how to narrow it', async () => {
    const rows = await analyst.call('POST', '/api/v1/reports/crosstab', {
      filters: { period: '2020-01-01..2026-12-31' },
      rows: ['day'],
      measure: 'count',
    });
    expect(rows.statusCode).toBe(400);
    expect(rows.json().error.details[0]).toMatchObject({ field: 'rows' });
    expect(rows.json().error.message).toMatch(/2,557 rows; at most 500/);
    const columns = await analyst.call('POST', '/api/v1/reports/crosstab', {
      filters: { period: '2026-Q1' },
      columns: ['day'],
      measure: 'count',
    });
    expect(columns.statusCode).toBe(400);
    expect(columns.json().error.message).toMatch(/90 columns; at most 60/);
  });
});

describe('running a definition', () => {
  it('returns labelled headers, cells and totals for the reader', async () => {
    const res = await analyst.call('POST', '/api/v1/reports/crosstab', definition);
    expect(res.statusCode, res.body).toBe(200);
    const { result } = res.json();
    expect(result.columnHeaders.map((h: { labels: string[] }) => h.labels[0])).toEqual([
      'January 2026',
      'February 2026',
      'March 2026',
    ]);
    expect(result.rowHeaders.map((h: { labels: string[] }) => h.labels[0])).toEqual([
      'Cash Assistance (FIA)',
      'Domestic Violence',
      'SNAP',
    ]);
    expect(result.cells).toEqual([
      [0, 2, 0],
      [3, 0, 0],
      [3, 1, 0],
    ]);
    expect(result.rowTotals).toEqual([2, 3, 4]);
    expect(result.columnTotals).toEqual([6, 3, 0]);
    expect(result.grandTotal).toBe(9);
  });
});

describe('saved reports', () => {
  it('are created, opened, changed with a version check, deleted and audited', async () => {
    const created = await save(analyst, { description: 'Monthly volume' });
    expect(created.statusCode, created.body).toBe(201);
    const report = created.json();
    expect(report).toMatchObject({
      name: 'Volume by unit',
      description: 'Monthly volume',
      sharedWith: 'private',
      sharedUnit: null,
      version: 1,
      canEdit: true,
      owner: { id: analystId },
    });
    expect(report.definition).toEqual(definition);
    expect((await analyst.call('GET', `/api/v1/reports/saved/${report.id}`)).json().name).toBe('Volume by unit');
    expect((await analyst.call('GET', '/api/v1/reports/saved')).json().map((r: { id: number }) => r.id)).toContain(
      report.id,
    );

    const renamed = await analyst.call('PATCH', `/api/v1/reports/saved/${report.id}`, {
      name: 'Volume by unit and month',
      expectedVersion: 1,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Volume by unit and month', version: 2 });

    const stale = await analyst.call('PATCH', `/api/v1/reports/saved/${report.id}`, {
      name: 'Lost edit',
      expectedVersion: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    const staleDelete = await analyst.call('DELETE', `/api/v1/reports/saved/${report.id}?expectedVersion=1`);
    expect(staleDelete.statusCode).toBe(409);

    const badDefinition = await analyst.call('PATCH', `/api/v1/reports/saved/${report.id}`, {
      definition: { ...definition, rows: ['colour'] },
      expectedVersion: 2,
    });
    expect(badDefinition.statusCode).toBe(400);
    expect(badDefinition.json().error.details[0].field).toBe('definition.rows[0]');

    const deleted = await analyst.call('DELETE', `/api/v1/reports/saved/${report.id}?expectedVersion=2`);
    expect(deleted.statusCode).toBe(204);
    expect((await analyst.call('GET', `/api/v1/reports/saved/${report.id}`)).statusCode).toBe(404);

    const events = await t.db
      .selectFrom('audit_events')
      .select(['action', 'actor_user_id', 'changes'])
      .where('entity_type', '=', 'saved_report')
      .where('entity_id', '=', String(report.id))
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'saved_report.created',
      'saved_report.updated',
      'saved_report.deleted',
    ]);
    expect(events.every((e) => e.actor_user_id === analystId)).toBe(true);
    expect(events[1]!.changes).toEqual([{ field: 'name', old: 'Volume by unit', new: 'Volume by unit and month' }]);
  });

  it('refuses a saved report with a bad definition or no name, naming the fields', async () => {
    const res = await save(analyst, { name: '  ', definition: { ...definition, measure: 'sum' } });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['definition.measure', 'name']);
  });
});

describe('sharing', () => {
  it('shows a private report to its owner only; a unit report to its members; an agency report to all', async () => {
    const report = (await save(analyst, { name: 'Shared step by step' })).json();
    const sees = async (who: SignedIn) => (await who.call('GET', `/api/v1/reports/saved/${report.id}`)).statusCode;
    const listed = async (who: SignedIn) =>
      ((await who.call('GET', '/api/v1/reports/saved')).json() as { id: number }[]).some((r) => r.id === report.id);
    expect(await sees(colleague)).toBe(404);
    expect(await listed(colleague)).toBe(false);

    const toUnit = await analyst.call('PATCH', `/api/v1/reports/saved/${report.id}`, {
      sharedWith: 'unit',
      sharedUnitId: units.get('SNAP'),
      expectedVersion: 1,
    });
    expect(toUnit.statusCode, toUnit.body).toBe(200);
    expect(toUnit.json().sharedUnit).toEqual({ id: units.get('SNAP'), name: 'SNAP' });
    expect(await sees(colleague)).toBe(200);
    expect(await listed(colleague)).toBe(true);
    expect((await colleague.call('GET', `/api/v1/reports/saved/${report.id}`)).json().canEdit).toBe(false);
    expect(await sees(outsider)).toBe(404);

    const toAgency = await analyst.call('PATCH', `/api/v1/reports/saved/${report.id}`, {
      sharedWith: 'agency',
      expectedVersion: 2,
    });
    expect(toAgency.json()).toMatchObject({ sharedWith: 'agency', sharedUnit: null });
    expect(await sees(outsider)).toBe(200);
    expect(await listed(outsider)).toBe(true);
  });

  it('lets only the owner or an administrator change or delete a report', async () => {
    const report = (
      await save(analyst, { name: 'Owner only', sharedWith: 'unit', sharedUnitId: units.get('SNAP') })
    ).json();
    const change = await colleague.call('PATCH', `/api/v1/reports/saved/${report.id}`, {
      name: 'Taken over',
      expectedVersion: 1,
    });
    expect(change.statusCode).toBe(403);
    expect(change.json().error.message).toMatch(/Only analyst/);
    expect((await colleague.call('DELETE', `/api/v1/reports/saved/${report.id}`)).statusCode).toBe(403);
    const byAdmin = await admin.call('PATCH', `/api/v1/reports/saved/${report.id}`, {
      name: 'Tidied by an administrator',
      expectedVersion: 1,
    });
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);
    expect((await admin.call('DELETE', `/api/v1/reports/saved/${report.id}?expectedVersion=2`)).statusCode).toBe(204);
  });

  it('shares with a unit only a member of that unit', async () => {
    const notMember = await save(analyst, { sharedWith: 'unit', sharedUnitId: units.get('FIA') });
    expect(notMember.statusCode).toBe(403);
    expect(notMember.json().error.message).toMatch(/not in Cash Assistance/);
    const noUnit = await save(analyst, { sharedWith: 'unit' });
    expect(noUnit.statusCode).toBe(400);
    expect(noUnit.json().error.details[0].field).toBe('sharedUnitId');
    const stray = await save(analyst, { sharedWith: 'agency', sharedUnitId: units.get('SNAP') });
    expect(stray.statusCode).toBe(400);
    expect(stray.json().error.details[0].field).toBe('sharedUnitId');
  });

  it('lets auditors run reports shared with them but not save any', async () => {
    expect((await save(auditor, {})).statusCode).toBe(403);
    const shared = (await save(analyst, { name: 'For everyone', sharedWith: 'agency' })).json();
    const run = await auditor.call('GET', `/api/v1/reports/saved/${shared.id}/run`);
    expect(run.statusCode, run.body).toBe(200);
  });
});

describe("a shared report applies the reader's policy", () => {
  it('shows restricted cases to readers of their unit only, in cells and in totals', async () => {
    const report = (
      await save(analyst, {
        name: 'DV volume',
        sharedWith: 'agency',
        definition: { ...definition, measure: 'median_days_to_first_response' },
      })
    ).json();
    const runAs = async (who: SignedIn, measure?: string) => {
      if (measure) {
        const res = await who.call('POST', '/api/v1/reports/crosstab', { ...definition, measure });
        return res.json().result;
      }
      const res = await who.call('GET', `/api/v1/reports/saved/${report.id}/run`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().result;
    };
    // The owner (a DV member) sees the two restricted DV cases answered after 10 and 12 days: median 11.
    const owner = await runAs(analyst);
    expect(owner.rowTotals[row(owner, 'DV')]).toBe(11);
    // Whole-table median over 1, 2, 4, 10, 12 days (owner) and over 1, 2, 4 days (colleague).
    expect(owner.grandTotal).toBe(4);
    const reader = await runAs(colleague);
    expect(reader.rowTotals[row(reader, 'DV')]).toBeNull();
    expect(reader.grandTotal).toBe(2);
    const readerCounts = await runAs(colleague, 'count');
    expect(readerCounts.rowTotals[row(readerCounts, 'DV')]).toBe(1);
    expect(readerCounts.grandTotal).toBe(7);
    const drilled = await colleague.call('POST', '/api/v1/reports/crosstab/cases', {
      definition,
      row: [units.get('DV')],
      column: null,
    });
    const restricted = cases.filter((c) => c.restricted).map((c) => c.trackingNumber);
    expect(drilled.json().total).toBe(1);
    expect(drilled.json().items.map((c: { trackingNumber: string }) => c.trackingNumber)).not.toContain(restricted[0]);
    const exported = await colleague.call('GET', `/api/v1/reports/saved/${report.id}/run?format=csv`);
    expect(exported.body).not.toMatch(/,11\b/);
  });

  it('builds the "saved" report kind for the scheduled reader and the requested period', async () => {
    const report = (await save(analyst, { name: 'Scheduled volume', sharedWith: 'agency' })).json();
    const build = reportBuilders.saved!;
    const forDv = await build(await contextFor(t.db, dvWorkerId), {
      period: parsePeriod('2026-01'),
      savedReportId: report.id,
      asOf: new Date('2026-11-01T00:00:00Z'),
    });
    expect(forDv.title).toBe('Scheduled volume');
    expect(forDv.subtitle).toContain('Cases received January 2026');
    const table = forDv.tables[0]!;
    expect(table.columns.map((c) => c.label)).toEqual(['Unit', 'January 2026', 'Total']);
    expect(table.rows).toEqual([
      { row_0: 'Domestic Violence', col_0: 3, total: 3 },
      { row_0: 'SNAP', col_0: 3, total: 3 },
      { row_0: 'Total', col_0: 6, total: 6 },
    ]);
    const forColleague = await build(await contextFor(t.db, colleagueId), {
      period: parsePeriod('2026-01'),
      savedReportId: report.id,
      asOf: new Date('2026-11-01T00:00:00Z'),
    });
    expect(forColleague.tables[0]!.rows.at(-1)).toEqual({ row_0: 'Total', col_0: 4, total: 4 });
  });
});

describe('exports', () => {
  it('downloads the cross-tab as CSV with labels, numbers and totals', async () => {
    const res = await analyst.call('POST', '/api/v1/reports/crosstab?format=csv', definition);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename=".*2026-q1\.csv"/);
    expect(res.body.replace(/^\uFEFF/, '').split('\r\n')).toEqual([
      'Unit,January 2026,February 2026,March 2026,Total',
      'Cash Assistance (FIA),0,2,0,2',
      'Domestic Violence,3,0,0,3',
      'SNAP,3,1,0,4',
      'Total,6,3,0,9',
      '',
    ]);
  });

  it('downloads the same CSV from a plain link with the definition in the query string', async () => {
    const posted = await analyst.call('POST', '/api/v1/reports/crosstab?format=csv', definition);
    const linked = await analyst.call(
      'GET',
      `/api/v1/reports/crosstab?format=csv&definition=${encodeURIComponent(JSON.stringify(definition))}`,
    );
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.body).toBe(posted.body);
    const broken = await analyst.call('GET', '/api/v1/reports/crosstab?format=csv&definition=%7Bnot%20json');
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.details[0].field).toBe('definition');
  });

  it('downloads a saved report as XLSX with numeric cells', async () => {
    const report = (await save(analyst, { name: 'Workbook' })).json();
    const res = await analyst.call('GET', `/api/v1/reports/saved/${report.id}/run?format=xlsx&period=2026-02`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const values: unknown[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((r) => r.eachCell((cell) => values.push(cell.value))));
    expect(values).toContain('February 2026');
    expect(values).toContain('Cash Assistance (FIA)');
    expect(values.filter((v) => typeof v === 'number')).toContain(2);
  });
});

describe('arbitrary input', () => {
  const junk = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('unit', 'month', 'subject', 'count', 'open', 'FY2027', '2026-02', '%', "'; drop table cases; --"),
  );
  const value = fc.oneof(
    junk,
    fc.array(junk, { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 8 }), junk, { maxKeys: 3 }),
  );
  const definitionLike = fc.record(
    {
      filters: fc.oneof(
        fc.record(
          {
            period: fc.oneof(fc.constantFrom('2026-Q1', '2026-01', 'FY2026', '2026-01-01..2026-01-31'), junk),
            unitId: value,
            subject: value,
            status: value,
            channel: value,
            writerType: value,
            language: value,
            facility: value,
          },
          { requiredKeys: [] },
        ),
        value,
      ),
      rows: fc.oneof(fc.subarray(['unit', 'subject', 'month', 'day', 'assignee', 'facility']), value),
      columns: fc.oneof(fc.subarray(['channel', 'week', 'status', 'language']), value),
      measure: fc.oneof(fc.constantFrom('count', 'median_days_to_close', 'pct_closed_on_time'), junk),
    },
    { requiredKeys: [] },
  );

  it('never answers a cross-tab or drill-down request with a server error', async () => {
    await fc.assert(
      fc.asyncProperty(definitionLike, value, value, junk, async (definition, rowKey, columnKey, cursor) => {
        const run = await analyst.call('POST', '/api/v1/reports/crosstab', definition);
        expect([200, 400], run.body).toContain(run.statusCode);
        const drill = await analyst.call('POST', '/api/v1/reports/crosstab/cases', {
          definition,
          row: rowKey,
          column: columnKey,
          cursor,
        });
        expect([200, 400], drill.body).toContain(drill.statusCode);
      }),
      { numRuns: 120 },
    );
  });
});
