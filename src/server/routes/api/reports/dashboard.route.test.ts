// GET /api/v1/reports/dashboard: the charts as JSON, one chart's table as CSV, filters checked against the
// agency's configuration, and the reader's policies applied to what is counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { createUser, USER_PASSWORD } from '../../../test/factories.ts';
import { localDate, startOfLocalDay } from '../../../../shared/local-time.ts';

let t: TestApp;
let admin: SignedIn;
let agencyId: number;
const ZONE = 'America/New_York';
// Days of the current month in agency time, so the default period (this month) holds them.
const now = new Date();
const thisMonth = localDate(now, ZONE).slice(0, 7);

interface ChartBody {
  name: string;
  title: string;
  table: { columns: { key: string; label: string }[]; rows: Record<string, unknown>[] };
  valueColumns: string[];
}

const chart = (body: { charts: ChartBody[] }, name: string) => body.charts.find((c) => c.name === name)!;
const totalReceived = (body: { charts: ChartBody[] }) =>
  chart(body, 'volumes').table.rows.reduce((a, r) => a + Number(r.total), 0);

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  agencyId = (await t.db.selectFrom('agencies').select('id').where('slug', '=', 'main').executeTakeFirstOrThrow()).id;
  const units = new Map(
    (await t.db.selectFrom('units').select(['id', 'code']).where('agency_id', '=', agencyId).execute()).map((u) => [
      u.code,
      u.id,
    ]),
  );
  // Four cases received earlier this month: two in SNAP (one restricted), two in DV (both restricted), one closed.
  const monthStart = startOfLocalDay(`${thisMonth}-01`, ZONE).getTime();
  const receivedAt = new Date(monthStart + (now.getTime() - monthStart) / 2);
  const base = { agency_id: agencyId, received_at: receivedAt, subject_code: 'SNAP' };
  await t.db
    .insertInto('cases')
    .values([
      { ...base, tracking_number: 'RT-1', channel: 'email', unit_id: units.get('SNAP')!, restricted: false },
      { ...base, tracking_number: 'RT-2', channel: 'letter', unit_id: units.get('SNAP')!, restricted: true },
      { ...base, tracking_number: 'RT-3', channel: 'email', unit_id: units.get('DV')!, restricted: true },
      {
        ...base,
        tracking_number: 'RT-4',
        channel: 'email',
        unit_id: units.get('DV')!,
        restricted: true,
        status: 'closed',
        closed_at: now,
      },
    ])
    .execute();
  await createUser(t.db, { email: 'fia@example.gov', role: 'caseworker', units: ['FIA'] });
  await createUser(t.db, { email: 'dv@example.gov', role: 'caseworker', units: ['DV'] });
  await createUser(t.db, { email: 'snap-liaison@example.gov', role: 'unit_liaison', units: ['SNAP'] });
});
afterAll(async () => t.close());

describe('GET /api/v1/reports/dashboard', () => {
  it('returns every chart with its table for the current month by default', async () => {
    const res = await admin.call('GET', '/api/v1/reports/dashboard');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.period.key).toBe(thisMonth);
    expect(body.charts.map((c: ChartBody) => c.name)).toEqual([
      'volumes',
      'response-times',
      'response-distribution',
      'backlog',
      'subjects-by-week',
      'unit-workload',
    ]);
    for (const c of body.charts as ChartBody[]) {
      expect(c.title).not.toBe('');
      expect(c.table.columns.length).toBeGreaterThan(1);
    }
    // The administrator is in no unit: restricted cases are not counted, whatever the role.
    expect(totalReceived(body)).toBe(1);
  });

  it('counts by the reader: restricted cases only for their unit, liaisons their units only', async () => {
    const asUser = async (email: string) => {
      const session = await signInAs(t.app, email, USER_PASSWORD);
      const res = await session.call('GET', `/api/v1/reports/dashboard?period=${thisMonth}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    expect(totalReceived(await asUser('fia@example.gov'))).toBe(1);
    const dv = await asUser('dv@example.gov');
    expect(totalReceived(dv)).toBe(3);
    expect(chart(dv, 'unit-workload').table.rows.map((r) => [r.unit, r.open])).toEqual([
      ['Domestic Violence', 1],
      ['SNAP', 1],
    ]);
    const liaison = await asUser('snap-liaison@example.gov');
    expect(totalReceived(liaison)).toBe(2);
    expect(chart(liaison, 'unit-workload').table.rows.map((r) => r.unit)).toEqual(['SNAP']);
  });

  it('filters by channel, unit and subject', async () => {
    const dvMember = await signInAs(t.app, 'dv@example.gov', USER_PASSWORD);
    const get = async (query: string) => {
      const res = await dvMember.call('GET', `/api/v1/reports/dashboard?period=${thisMonth}&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return totalReceived(res.json());
    };
    expect(await get('channel=email')).toBe(3);
    expect(await get('unit=DV')).toBe(2);
    expect(await get('subject=SNAP&channel=letter')).toBe(0);
    expect(await get('subject=CASH')).toBe(0);
  });

  it('downloads one chart as CSV with real numbers', async () => {
    const res = await admin.call('GET', `/api/v1/reports/dashboard?period=${thisMonth}&format=csv&chart=unit-workload`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="dashboard-unit-workload-${thisMonth}.csv"`);
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toEqual(['Unit,Open,Past the resolution deadline', 'SNAP,1,0']);
  });

  it('refuses unknown periods, units, subjects and channels, and a CSV without a chart, naming the field', async () => {
    const cases: [string, string][] = [
      ['period=2026-13', 'period'],
      ['unit=NOPE', 'unit'],
      ['subject=NOPE', 'subject'],
      ['channel=carrier-pigeon', 'channel'],
      ['format=csv', 'chart'],
    ];
    for (const [query, field] of cases) {
      const res = await admin.call('GET', `/api/v1/reports/dashboard?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.details[0].field, query).toBe(field);
    }
    const unknownChart = await admin.call('GET', '/api/v1/reports/dashboard?format=csv&chart=pie');
    expect(unknownChart.statusCode).toBe(400);
  });

  it('needs a signed-in reader', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/reports/dashboard' });
    expect(res.statusCode).toBe(401);
  });
});
