// The indicator API: the numbers of a period as JSON and as CSV / XLSX / PDF downloads, the drill-down whose pages
// add up to each number, who sees which indicators, and the administrators' targets (validation naming the field,
// audit, and the target appearing beside its indicator).
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { USER_PASSWORD, createUser } from '../../../test/factories.ts';
import { closeRenderer } from '../../../channels/letters/pdf-renderer.ts';
import {
  NEW_YORK,
  expectedPercent,
  expectedResponses,
  generateResponseCases,
  insertCalls,
  insertCases,
  ny,
  type CaseSpec,
} from '../../../test/indicators-test-support.ts';

const asOf = ny('2026-04-10 12:00');
const query = `period=2026-03&asOf=${encodeURIComponent(asOf.toISOString())}`;

const specs: CaseSpec[] = [
  ...generateResponseCases(11, 160, '2026-02-25', 40),
  {
    tracking: 'API-311-ON-TIME',
    channel: '311',
    received: '2026-03-02 09:00',
    closed: '2026-03-05 10:00',
    due: '2026-03-06 17:00',
  },
  {
    tracking: 'API-311-LATE',
    channel: '311',
    received: '2026-03-02 09:00',
    closed: '2026-03-09 10:00',
    due: '2026-03-06 17:00',
  },
];

let t: TestApp;
let admin: SignedIn;
let caseworker: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  const agency = await t.db
    .updateTable('agencies')
    .set({ time_zone: NEW_YORK })
    .where('slug', '=', 'main')
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertCases(t.db, agency.id, specs);
  await insertCalls(t.db, agency.id, [
    { callId: 'fast', offered: '2026-03-03 10:00', answerAfterSeconds: 12 },
    { callId: 'slow', offered: '2026-03-03 10:05', answerAfterSeconds: 95 },
  ]);
  admin = await signInAs(t.app);
  await createUser(t.db, { email: 'worker@example.gov', role: 'caseworker', units: ['OCS'] });
  caseworker = await signInAs(t.app, 'worker@example.gov', USER_PASSWORD);
}, 120_000);

afterAll(async () => {
  await closeRenderer();
  await t?.close();
});

interface IndicatorJson {
  key: string;
  value: number | null;
  numerator: number;
  denominator: number | null;
  pending?: number;
  target?: number;
  previousYear: { value: number | null };
}

describe('GET /api/v1/reports/indicators', () => {
  it('answers the numbers of a month, as the reader may see them', async () => {
    const res = await admin.call('GET', `/api/v1/reports/indicators?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { period: { key: string; label: string }; asOf: string; indicators: IndicatorJson[] };
    expect(body.period).toMatchObject({ key: '2026-03', label: 'March 2026' });
    expect(body.asOf).toBe(asOf.toISOString());
    // An administrator outside the DV unit does not count the DV unit's restricted cases.
    const expected = expectedResponses(specs, 'email', '2026-03-01', '2026-03-31', asOf, { units: [] });
    const emails = body.indicators.find((i) => i.key === 'emails_responded_14d_pct')!;
    expect(emails).toMatchObject({
      value: expectedPercent(expected.numerator.length, expected.numerator.length + expected.late.length),
      numerator: expected.numerator.length,
      denominator: expected.numerator.length + expected.late.length,
      pending: expected.pending.length,
    });
    expect(body.indicators.find((i) => i.key === 'cases_closed_on_time_pct_311')).toMatchObject({
      value: 50,
      numerator: 1,
      denominator: 2,
    });
    expect(body.indicators.find((i) => i.key === 'calls_answered_30s_pct')).toMatchObject({
      value: 50,
      denominator: 2,
    });
    expect(body.indicators.find((i) => i.key === 'average_wait_seconds')).toMatchObject({ value: 53.5 });

    const worker = (await caseworker.call('GET', `/api/v1/reports/indicators?${query}`)).json() as {
      indicators: IndicatorJson[];
    };
    expect(worker.indicators.map((i) => i.key)).not.toContain('calls_answered_30s_pct');
    expect(worker.indicators.map((i) => i.key)).not.toContain('interpretation_requests_completed');
  });

  it('names the field of a bad period or asOf', async () => {
    for (const [url, field] of [
      ['/api/v1/reports/indicators?period=2026-13', 'period'],
      ['/api/v1/reports/indicators?period=last%20month', 'period'],
      ['/api/v1/reports/indicators?period=0001-03', 'period'],
      ['/api/v1/reports/indicators?period=9999-12', 'period'],
      ['/api/v1/reports/indicators?period=2026-03&asOf=yesterday', 'asOf'],
      ['/api/v1/reports/indicators?period=2026-03&asOf=2999-01-01T00:00:00Z', 'asOf'],
      ['/api/v1/reports/indicators/emails_responded_14d_pct/items?period=FY20&group=numerator', 'period'],
    ] as const) {
      const res = await admin.call('GET', url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.details[0].field, url).toBe(field);
    }
    expect((await admin.call('GET', '/api/v1/reports/indicators?period=2026-03&format=doc')).statusCode).toBe(400);
  });

  it('downloads CSV, XLSX with real numbers and PDF', async () => {
    const json = (await admin.call('GET', `/api/v1/reports/indicators?${query}`)).json() as {
      indicators: IndicatorJson[];
    };
    const emails = json.indicators.find((i) => i.key === 'emails_responded_14d_pct')!;

    const csv = await admin.call('GET', `/api/v1/reports/indicators?${query}&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toContain('mmr-indicators-2026-03.csv');
    const line = csv.body.split('\r\n').find((l) => l.startsWith('emails_responded_14d_pct,'))!;
    expect(line).toContain(`,${emails.value},${emails.numerator},${emails.denominator},${emails.pending},`);

    const xlsx = await admin.call('GET', `/api/v1/reports/indicators?${query}&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets.find((w) => w.name.toLowerCase() === 'indicators')!;
    let found = false;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === 'emails_responded_14d_pct') {
        found = true;
        expect(row.getCell(4).value).toBe(emails.value);
        expect(row.getCell(5).value).toBe(emails.numerator);
      }
    });
    expect(found).toBe(true);

    const pdf = await admin.call('GET', `/api/v1/reports/indicators?${query}&format=pdf`);
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 120_000);
});

describe('GET /api/v1/reports/indicators/:key/items', () => {
  it('pages through exactly the items of each group, in as many pages as it takes', async () => {
    const numbers = (await admin.call('GET', `/api/v1/reports/indicators?${query}`)).json() as {
      indicators: IndicatorJson[];
    };
    const emails = numbers.indicators.find((i) => i.key === 'emails_responded_14d_pct')!;
    for (const [group, count] of [
      ['numerator', emails.numerator],
      ['late', emails.denominator! - emails.numerator],
      ['pending', emails.pending!],
      ['denominator', emails.denominator!],
    ] as const) {
      const seen = new Set<string>();
      let cursor = '';
      let pages = 0;
      do {
        const res = await admin.call(
          'GET',
          `/api/v1/reports/indicators/emails_responded_14d_pct/items?${query}&group=${group}&limit=10${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.statusCode, res.body).toBe(200);
        const page = res.json() as { total: number; items: { trackingNumber: string }[]; nextCursor: string | null };
        expect(page.total).toBe(count);
        for (const item of page.items) seen.add(item.trackingNumber);
        cursor = page.nextCursor ?? '';
        pages += 1;
      } while (cursor && pages < 100);
      expect(seen.size, group).toBe(count);
    }
  });

  it('shows each case with the fields a person checks it by', async () => {
    const res = await admin.call(
      'GET',
      `/api/v1/reports/indicators/cases_closed_on_time_pct_311/items?${query}&group=late`,
    );
    expect(res.json()).toMatchObject({
      key: 'cases_closed_on_time_pct_311',
      group: 'late',
      kind: 'cases',
      total: 1,
      nextCursor: null,
      items: [
        {
          trackingNumber: 'API-311-LATE',
          channel: '311',
          receivedAt: ny('2026-03-02 09:00').toISOString(),
          closedAt: ny('2026-03-09 10:00').toISOString(),
          resolutionDueAt: ny('2026-03-06 17:00').toISOString(),
          firstResponseAt: null,
          subject: 'SNAP',
          unit: 'OCS',
        },
      ],
    });
    const calls = await admin.call(
      'GET',
      `/api/v1/reports/indicators/average_wait_seconds/items?${query}&group=denominator`,
    );
    expect(calls.json().items.map((c: { callId: string; waitSeconds: number }) => [c.callId, c.waitSeconds])).toEqual([
      ['fast', 12],
      ['slow', 95],
    ]);
  });

  it('refuses the call drill-down to a caseworker and an unknown indicator to anyone', async () => {
    const forbidden = await caseworker.call(
      'GET',
      `/api/v1/reports/indicators/calls_answered_30s_pct/items?${query}&group=late`,
    );
    expect(forbidden.statusCode).toBe(403);
    expect((await admin.call('GET', `/api/v1/reports/indicators/nothing/items?${query}&group=late`)).statusCode).toBe(
      404,
    );
    const wrongGroup = await admin.call(
      'GET',
      `/api/v1/reports/indicators/average_wait_seconds/items?${query}&group=pending`,
    );
    expect(wrongGroup.statusCode).toBe(400);
    expect(wrongGroup.json().error.details[0].field).toBe('group');
  });
});

describe('/api/v1/reports/indicator-targets', () => {
  it('is for administrators only', async () => {
    expect((await caseworker.call('GET', '/api/v1/reports/indicator-targets')).statusCode).toBe(403);
    const put = await caseworker.call('PUT', '/api/v1/reports/indicator-targets', { targets: [] });
    expect(put.statusCode).toBe(403);
  });

  it('names every bad field and writes nothing', async () => {
    const res = await admin.call('PUT', '/api/v1/reports/indicator-targets', {
      targets: [
        { key: 'emails_responded_14d_pct', target: 90 },
        { key: 'happiness_index', target: 3 },
        { key: 'letters_responded_14d_pct', target: 120 },
        { key: 'average_wait_seconds', target: -1 },
        { key: 'emails_responded_14d_pct', target: 80 },
        { key: 'cases_closed_on_time_pct_BAD CHANNEL', target: 50 },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      'targets[1].key',
      'targets[2].target',
      'targets[3].target',
      'targets[4].key',
      'targets[5].key',
    ]);
    const list = await admin.call('GET', '/api/v1/reports/indicator-targets');
    expect(list.json()).toEqual({ targets: [] });
    const shape = await admin.call('PUT', '/api/v1/reports/indicator-targets', { targets: [{ key: 'x' }] });
    expect(shape.statusCode).toBe(400);
  });

  it('replaces the targets, audits the change and shows them beside the indicators', async () => {
    const put = await admin.call('PUT', '/api/v1/reports/indicator-targets', {
      targets: [
        { key: 'emails_responded_14d_pct', target: 90 },
        { key: 'average_wait_seconds', target: 60 },
        { key: 'cases_closed_on_time_pct_311', target: 85.5 },
      ],
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().targets.map((x: { key: string; target: number }) => [x.key, x.target])).toEqual([
      ['average_wait_seconds', 60],
      ['cases_closed_on_time_pct_311', 85.5],
      ['emails_responded_14d_pct', 90],
    ]);
    const numbers = (await admin.call('GET', `/api/v1/reports/indicators?${query}`)).json() as {
      indicators: IndicatorJson[];
    };
    const byKey = new Map(numbers.indicators.map((i) => [i.key, i]));
    expect(byKey.get('emails_responded_14d_pct')!.target).toBe(90);
    expect(byKey.get('cases_closed_on_time_pct_311')!.target).toBe(85.5);
    expect(byKey.get('letters_responded_14d_pct')).not.toHaveProperty('target');

    const second = await admin.call('PUT', '/api/v1/reports/indicator-targets', {
      targets: [{ key: 'emails_responded_14d_pct', target: 92 }],
    });
    expect(second.json().targets).toHaveLength(1);
    const audits = await t.db
      .selectFrom('audit_events')
      .select(['action', 'entity_type', 'entity_id', 'changes', 'actor_label'])
      .where('action', '=', 'indicator_targets.replaced')
      .orderBy('id')
      .execute();
    expect(audits).toHaveLength(2);
    expect(audits[1]).toMatchObject({ entity_type: 'indicator_targets', entity_id: 'main' });
    expect(audits[1]!.changes).toEqual(
      expect.arrayContaining([
        { field: 'emails_responded_14d_pct', old: 90, new: 92 },
        { field: 'average_wait_seconds', old: 60, new: null },
        { field: 'cases_closed_on_time_pct_311', old: 85.5, new: null },
      ]),
    );
  });
});
