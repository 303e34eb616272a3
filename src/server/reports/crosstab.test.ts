// Cross-tab numbers against an independent computation on generated cases: counts by subject × unit × month,
// every measure with its totals over the underlying cases, hand-computed medians, time zone edges, filters, the
// drill-down to the exact cases of a cell, and the reader's policy (restricted cases) in cells and totals alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../test/test-app.ts';
import { createUser, USER_PASSWORD } from '../test/factories.ts';
import { parsePeriod } from '../../shared/report-periods.ts';
import { runCrosstab, type CrosstabResult } from './crosstab.ts';
import {
  contextFor,
  insertCases,
  mean,
  percentileCont,
  randomSpecs,
  unitIdsByCode,
  type CaseSpec,
  type GeneratedCase,
} from '../test/crosstab-test-support.ts';

let t: TestApp;
let admin: SignedIn;
let analyst: SignedIn;
let analystId: number;
let dvWorker: SignedIn;
let cases: GeneratedCase[];
let units: Map<string, number>;

const HAND = 'Hand-checked facility';
const handSpecs: CaseSpec[] = [
  // SNAP answered after 1, 3 and 20 days; FIA after 2 and 10 days (all in January 2026).
  { localDate: '2026-01-05', unitCode: 'SNAP', facility: HAND, responseHours: 24 },
  { localDate: '2026-01-06', unitCode: 'SNAP', facility: HAND, responseHours: 72 },
  { localDate: '2026-01-07', unitCode: 'SNAP', facility: HAND, responseHours: 480 },
  { localDate: '2026-01-08', unitCode: 'FIA', facility: HAND, responseHours: 48 },
  { localDate: '2026-01-09', unitCode: 'FIA', facility: HAND, responseHours: 240 },
  // Not answered: counted, but outside every time-to-response measure.
  { localDate: '2026-01-10', unitCode: 'FIA', facility: HAND, responseHours: null },
];

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  const a = await createUser(t.db, { email: 'analyst@example.gov', role: 'supervisor', units: ['SNAP'] });
  analystId = a.id;
  analyst = await signInAs(t.app, a.email, USER_PASSWORD);
  const d = await createUser(t.db, { email: 'dv@example.gov', role: 'caseworker', units: ['DV'] });
  dvWorker = await signInAs(t.app, d.email, USER_PASSWORD);
  units = await unitIdsByCode(t.db);
  cases = [...(await insertCases(t.db, randomSpecs(400, 20260101))), ...(await insertCases(t.db, handSpecs))];
});
afterAll(async () => t.close());

type Reader = 'admin' | 'analyst' | 'dv';
const readers: Record<Reader, () => SignedIn> = { admin: () => admin, analyst: () => analyst, dv: () => dvWorker };
/** The policy's plain rule: restricted cases only for members of the case's unit (nobody is named on these). */
const visibleTo = (reader: Reader) => (c: GeneratedCase) =>
  !c.restricted || (reader === 'analyst' && c.unitCode === 'SNAP') || (reader === 'dv' && c.unitCode === 'DV');

function inScope(reader: Reader, from: string, to: string, facility?: string) {
  return cases.filter(
    (c) =>
      visibleTo(reader)(c) &&
      !c.merged &&
      c.localDate >= from &&
      c.localDate <= to &&
      (facility === undefined || c.facility === facility),
  );
}

async function run(reader: Reader, definition: unknown): Promise<CrosstabResult> {
  const res = await readers[reader]().call('POST', '/api/v1/reports/crosstab', definition);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().result as CrosstabResult;
}

const parent = (subject: string | null) => (subject === null ? null : subject.split('.')[0]!);
const days = (from: Date, to: Date | null) => (to === null ? null : (to.getTime() - from.getTime()) / 86_400_000);

/** Each measure computed from its definition in the issue, over a list of cases. */
function expectedMeasure(measure: string, list: GeneratedCase[], asOf: Date): number | null {
  const firstResponseDays = list.map((c) => days(c.receivedAt, c.firstResponseAt)).filter((v) => v !== null);
  const closeDays = list.map((c) => days(c.receivedAt, c.closedAt)).filter((v) => v !== null);
  const onTime = (done: (c: GeneratedCase) => Date | null, due: (c: GeneratedCase) => Date | null) => {
    const denominator = list.filter((c) => due(c) !== null && (done(c) !== null || due(c)! < asOf));
    const numerator = denominator.filter((c) => done(c) !== null && done(c)! <= due(c)!);
    return denominator.length === 0 ? null : (100 * numerator.length) / denominator.length;
  };
  switch (measure) {
    case 'count':
      return list.length;
    case 'open_count':
      return list.filter((c) => c.status !== 'closed').length;
    case 'median_days_to_first_response':
      return percentileCont(firstResponseDays, 0.5);
    case 'p90_days_to_first_response':
      return percentileCont(firstResponseDays, 0.9);
    case 'mean_days_to_first_response':
      return mean(firstResponseDays);
    case 'median_days_to_close':
      return percentileCont(closeDays, 0.5);
    case 'pct_first_response_on_time':
      return onTime(
        (c) => c.firstResponseAt,
        (c) => c.firstResponseDueAt,
      );
    case 'pct_closed_on_time':
      return onTime(
        (c) => c.closedAt,
        (c) => c.resolutionDueAt,
      );
  }
  throw new Error(measure);
}

/** The result's rounding (days to 2 decimals, percentages to 1) allows at most half a unit of the last digit. */
function expectNear(actual: number | null, expected: number | null, measure: string) {
  if (expected === null) return expect(actual).toBeNull();
  const tolerance = measure.startsWith('pct_') ? 0.05 : 0.005;
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(tolerance + 1e-9);
}

describe('counts by subject × unit × month', () => {
  it('match an independent count in every cell, row, column and the grand total', async () => {
    const result = await run('analyst', {
      filters: { period: '2026-Q1' },
      rows: ['subject_parent', 'unit'],
      columns: ['month'],
      measure: 'count',
    });
    const scope = inScope('analyst', '2026-01-01', '2026-03-31');
    expect(result.columnHeaders.map((h) => h.key)).toEqual([['2026-01'], ['2026-02'], ['2026-03']]);
    expect(result.columnHeaders.map((h) => h.labels[0])).toEqual(['January 2026', 'February 2026', 'March 2026']);
    const rowKey = (c: GeneratedCase) => JSON.stringify([parent(c.subject), c.unitId]);
    const expectedRows = new Set(scope.map(rowKey));
    expect(new Set(result.rowHeaders.map((h) => JSON.stringify(h.key)))).toEqual(expectedRows);
    result.rowHeaders.forEach((h, i) => {
      const inRow = scope.filter((c) => rowKey(c) === JSON.stringify(h.key));
      result.columnHeaders.forEach((column, j) => {
        expect(result.cells[i]![j], `${JSON.stringify(h.key)} ${column.key[0]}`).toBe(
          inRow.filter((c) => c.localDate.startsWith(column.key[0] as string)).length,
        );
      });
      expect(result.rowTotals[i]).toBe(inRow.length);
    });
    result.columnHeaders.forEach((column, j) => {
      expect(result.columnTotals[j]).toBe(scope.filter((c) => c.localDate.startsWith(column.key[0] as string)).length);
    });
    expect(result.grandTotal).toBe(scope.length);
    // Unit names and subject names label the rows; cases without a subject come last.
    const snapRow = result.rowHeaders.find((h) => h.key[0] === 'SNAP' && h.key[1] === units.get('SNAP'));
    expect(snapRow?.labels).toEqual(['SNAP', 'SNAP']);
    const shelterRow = result.rowHeaders.find((h) => h.key[0] === 'SHELTER' && h.key[1] === units.get('FAC'));
    expect(shelterRow?.labels).toEqual(['Shelter', 'Facilities Operations']);
    expect(result.rowHeaders[result.rowHeaders.length - 1]!.key[0]).toBeNull();
    expect(result.rowHeaders[result.rowHeaders.length - 1]!.labels[0]).toBe('No subject');
  });

  it('leaves merged duplicates out and counts only the period', async () => {
    const result = await run('admin', { filters: { period: '2026-Q1' }, rows: [], columns: [], measure: 'count' });
    const all = cases.filter((c) => !c.restricted && c.localDate >= '2026-01-01' && c.localDate <= '2026-03-31');
    expect(all.some((c) => c.merged)).toBe(true);
    expect(result.grandTotal).toBe(all.filter((c) => !c.merged).length);
    expect(result.cells).toEqual([[result.grandTotal]]);
  });
});

describe('measures and their totals', () => {
  it('computes medians, the 90th percentile and the mean over a hand-checked list; a total is not a sum', async () => {
    const definition = (measure: string) => ({
      filters: { period: '2026-01', facility: [HAND] },
      rows: ['unit'],
      columns: [],
      measure,
    });
    const median = await run('admin', definition('median_days_to_first_response'));
    expect(median.rowHeaders.map((h) => h.labels[0])).toEqual(['Cash Assistance (FIA)', 'SNAP']);
    // FIA: 2 and 10 days → 6; SNAP: 1, 3 and 20 days → 3; all five: 1, 2, 3, 10, 20 → 3 (not 6 + 3 = 9).
    expect(median.cells).toEqual([[6], [3]]);
    expect(median.rowTotals).toEqual([6, 3]);
    expect(median.grandTotal).toBe(3);
    expect(median.columnTotals).toEqual([3]);
    const p90 = await run('admin', definition('p90_days_to_first_response'));
    // FIA: 2 + 0.9 × (10 − 2) = 9.2; SNAP: 3 + 0.8 × (20 − 3) = 16.6; all: 10 + 0.6 × (20 − 10) = 16.
    expect(p90.cells).toEqual([[9.2], [16.6]]);
    expect(p90.grandTotal).toBe(16);
    const meanDays = await run('admin', definition('mean_days_to_first_response'));
    expect(meanDays.cells).toEqual([[6], [8]]);
    expect(meanDays.grandTotal).toBe(7.2);
    const count = await run('admin', definition('count'));
    expect(count.cells).toEqual([[3], [3]]);
    expect(count.grandTotal).toBe(6);
  });

  it.each([
    'count',
    'open_count',
    'median_days_to_first_response',
    'p90_days_to_first_response',
    'mean_days_to_first_response',
    'median_days_to_close',
    'pct_first_response_on_time',
    'pct_closed_on_time',
  ])('%s by unit × channel matches the independent computation in cells and totals', async (measure) => {
    const result = await run('admin', {
      filters: { period: '2026-Q1' },
      rows: ['unit'],
      columns: ['channel'],
      measure,
    });
    const asOf = new Date(result.asOf);
    const scope = inScope('admin', '2026-01-01', '2026-03-31');
    result.rowHeaders.forEach((row, i) => {
      const inRow = scope.filter((c) => c.unitId === row.key[0]);
      result.columnHeaders.forEach((column, j) => {
        const inCell = inRow.filter((c) => c.channel === column.key[0]);
        expectNear(result.cells[i]![j]!, expectedMeasure(measure, inCell, asOf), measure);
      });
      expectNear(result.rowTotals[i]!, expectedMeasure(measure, inRow, asOf), measure);
    });
    result.columnHeaders.forEach((column, j) => {
      const inColumn = scope.filter((c) => c.channel === column.key[0]);
      expectNear(result.columnTotals[j]!, expectedMeasure(measure, inColumn, asOf), measure);
    });
    expectNear(result.grandTotal, expectedMeasure(measure, scope, asOf), measure);
    expect(result.rowHeaders.length).toBe(new Set(scope.map((c) => c.unitId)).size);
    expect(result.columnHeaders.map((h) => h.key[0])).toEqual(['email', 'letter', 'phone']);
  });

  it('leaves responses still inside their due date out of the on-time share', async () => {
    const ctx = await contextFor(t.db, analystId);
    const asOf = new Date('2026-01-20T12:00:00Z');
    const result = await runCrosstab(
      ctx,
      { filters: { period: '2026-01' }, rows: [], columns: [], measure: 'pct_first_response_on_time' },
      parsePeriod('2026-01'),
      asOf,
    );
    // Unanswered cases whose due date is after asOf are still in time: in neither numerator nor denominator.
    const stored = inScope('analyst', '2026-01-01', '2026-01-31');
    const pending = stored.filter((c) => c.firstResponseDueAt && !c.firstResponseAt && c.firstResponseDueAt >= asOf);
    expect(pending.length).toBeGreaterThan(0);
    expectNear(result.grandTotal, expectedMeasure('pct_first_response_on_time', stored, asOf), 'pct_');
    const withoutAsOf = expectedMeasure('pct_first_response_on_time', stored, new Date('2030-01-01'));
    expect(result.grandTotal).not.toBe(withoutAsOf === null ? null : Math.round(withoutAsOf * 10) / 10);
  });
});

describe('time dimensions and filters', () => {
  it('groups by week (from Monday) and day in the agency time zone, listing empty days too', async () => {
    const scope = inScope('admin', '2026-01-01', '2026-01-31');
    const weeks = await run('admin', { filters: { period: '2026-01' }, rows: ['week'], columns: [], measure: 'count' });
    expect(weeks.rowHeaders.map((h) => h.key[0])).toEqual([
      '2025-12-29',
      '2026-01-05',
      '2026-01-12',
      '2026-01-19',
      '2026-01-26',
    ]);
    expect(weeks.rowHeaders[0]!.labels[0]).toBe('Week of 29 Dec 2025');
    weeks.rowHeaders.forEach((h, i) => {
      const monday = h.key[0] as string;
      const sunday = new Date(Date.parse(`${monday}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
      expect(weeks.cells[i]![0]).toBe(scope.filter((c) => c.localDate >= monday && c.localDate <= sunday).length);
    });
    const byDay = await run('admin', { filters: { period: '2026-01' }, rows: ['day'], columns: [], measure: 'count' });
    expect(byDay.rowHeaders).toHaveLength(31);
    byDay.rowHeaders.forEach((h, i) => {
      expect(byDay.cells[i]![0], h.key[0] as string).toBe(scope.filter((c) => c.localDate === h.key[0]).length);
    });
    // Cases received at 23:30 in New York are on the next day in UTC; they count on their local day.
    expect(scope.some((c) => c.localTime === '23:30' && c.receivedAt.toISOString().slice(0, 10) !== c.localDate)).toBe(
      true,
    );
  });

  it('filters subjects by prefix, statuses (open) and units', async () => {
    const result = await run('admin', {
      filters: {
        period: '2026-Q1',
        subject: ['SHELTER'],
        status: ['open'],
        unitId: [units.get('FAC'), units.get('SNAP')],
      },
      rows: ['subject'],
      columns: [],
      measure: 'count',
    });
    const scope = inScope('admin', '2026-01-01', '2026-03-31').filter(
      (c) =>
        (c.subject === 'SHELTER' || c.subject?.startsWith('SHELTER.')) &&
        c.status !== 'closed' &&
        (c.unitCode === 'FAC' || c.unitCode === 'SNAP'),
    );
    expect(result.rowHeaders.map((h) => h.key[0]).sort()).toEqual([...new Set(scope.map((c) => c.subject))].sort());
    result.rowHeaders.forEach((h, i) => {
      expect(result.cells[i]![0]).toBe(scope.filter((c) => c.subject === h.key[0]).length);
    });
    expect(result.grandTotal).toBe(scope.length);
  });
});

describe('drill-down', () => {
  const definition = {
    filters: { period: '2026-Q1' },
    rows: ['subject_parent', 'unit'],
    columns: ['month'],
    measure: 'count',
  };

  async function drill(reader: SignedIn, body: Record<string, unknown>) {
    const res = await reader.call('POST', '/api/v1/reports/crosstab/cases', { definition, limit: 500, ...body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      total: number;
      items: { trackingNumber: string; value: number }[];
      nextCursor: string | null;
    };
  }

  it('lists exactly the cases of each count cell, row total and the grand total', async () => {
    const result = await run('analyst', definition);
    const scope = inScope('analyst', '2026-01-01', '2026-03-31');
    let checked = 0;
    for (const [i, row] of result.rowHeaders.entries()) {
      for (const [j, column] of result.columnHeaders.entries()) {
        const page = await drill(analyst, { row: row.key, column: column.key });
        expect(page.total).toBe(result.cells[i]![j]);
        const expected = scope.filter(
          (c) =>
            parent(c.subject) === row.key[0] &&
            c.unitId === row.key[1] &&
            c.localDate.startsWith(column.key[0] as string),
        );
        expect(page.items.map((c) => c.trackingNumber).sort()).toEqual(expected.map((c) => c.trackingNumber).sort());
        checked += 1;
      }
      const rowTotal = await drill(analyst, { row: row.key, column: null });
      expect(rowTotal.total).toBe(result.rowTotals[i]);
    }
    expect(checked).toBeGreaterThan(20);
    const column = await drill(analyst, { column: ['2026-02'] });
    expect(column.total).toBe(result.columnTotals[1]);
    const grand = await drill(analyst, {});
    expect(grand.total).toBe(result.grandTotal);
  });

  it('pages through the cases with a cursor, each case once', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    let total: number;
    do {
      const page = await drill(analyst, { limit: 37, ...(cursor ? { cursor } : {}) });
      total = page.total;
      for (const item of page.items) {
        expect(seen.has(item.trackingNumber)).toBe(false);
        seen.add(item.trackingNumber);
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(total);
    expect(total).toBe(inScope('analyst', '2026-01-01', '2026-03-31').length);
  });

  it('lists the answered cases behind a median, whose own values give the median', async () => {
    const medianDefinition = { ...definition, rows: ['unit'], columns: [], measure: 'median_days_to_first_response' };
    const result = await run('admin', medianDefinition);
    const i = result.rowHeaders.findIndex((h) => h.key[0] === units.get('SNAP'));
    const res = await admin.call('POST', '/api/v1/reports/crosstab/cases', {
      definition: medianDefinition,
      row: [units.get('SNAP')],
      limit: 500,
      asOf: result.asOf,
    });
    const page = res.json() as { total: number; items: { value: number; trackingNumber: string }[] };
    const answered = inScope('admin', '2026-01-01', '2026-03-31').filter(
      (c) => c.unitCode === 'SNAP' && c.firstResponseAt,
    );
    expect(page.total).toBe(answered.length);
    expectNear(
      result.cells[i]![0]!,
      percentileCont(
        page.items.map((c) => c.value),
        0.5,
      ),
      'days',
    );
  });

  it('refuses coordinates that do not fit the definition, naming the field', async () => {
    const res = await analyst.call('POST', '/api/v1/reports/crosstab/cases', { definition, row: ['SNAP'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('row');
    const wrongType = await analyst.call('POST', '/api/v1/reports/crosstab/cases', {
      definition,
      row: ['SNAP', 'not an id'],
    });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.details[0].field).toBe('row[1]');
  });
});

describe("the reader's policy", () => {
  it('keeps restricted cases out of cells, totals and drill-downs for readers outside their unit', async () => {
    const definition = { filters: { period: '2026-Q1' }, rows: ['unit'], columns: [], measure: 'count' };
    const restricted = cases.filter(
      (c) => c.restricted && !c.merged && c.localDate >= '2026-01-01' && c.localDate <= '2026-03-31',
    );
    expect(restricted.length).toBeGreaterThan(0);
    const outsider = await run('analyst', definition);
    const insider = await run('dv', definition);
    expect(insider.grandTotal! - outsider.grandTotal!).toBe(restricted.length);
    const dvRow = (r: CrosstabResult) => r.rowHeaders.findIndex((h) => h.key[0] === units.get('DV'));
    const dvOpen = inScope('analyst', '2026-01-01', '2026-03-31').filter((c) => c.unitCode === 'DV').length;
    expect(outsider.rowTotals[dvRow(outsider)] ?? 0).toBe(dvOpen);
    expect(insider.rowTotals[dvRow(insider)]).toBe(dvOpen + restricted.length);
    const drilled = await analyst.call('POST', '/api/v1/reports/crosstab/cases', {
      definition,
      row: [units.get('DV')],
      limit: 500,
    });
    const restrictedNumbers = new Set(restricted.map((c) => c.trackingNumber));
    expect(
      (drilled.json().items as { trackingNumber: string }[]).some((c) => restrictedNumbers.has(c.trackingNumber)),
    ).toBe(false);
    // A median's total moves too: it is computed over the cases the reader sees.
    const median = { ...definition, measure: 'median_days_to_first_response' };
    const outsiderMedian = await run('analyst', median);
    const expected = expectedMeasure(
      'median_days_to_first_response',
      inScope('analyst', '2026-01-01', '2026-03-31'),
      new Date(),
    );
    expectNear(outsiderMedian.grandTotal, expected, 'days');
  });
});
