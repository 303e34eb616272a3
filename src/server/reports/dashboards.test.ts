// Dashboard numbers against a direct count over generated cases (seeded, with restricted cases, merges, closes,
// children of a parent subject, deadlines either side of midnight and "now"), computed here from the case rows
// with the domain's local-date functions; and the scoping of every chart by the reader's policies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import { createUser } from '../test/factories.ts';
import type { Actor, CommandContext } from '../context.ts';
import { parsePeriod, type ReportPeriod } from '../../shared/report-periods.ts';
import { addLocalDays, localDate, localDaysBetween, weekdayOf } from '../../shared/local-time.ts';
import { dashboardData, type Dashboard, type DashboardFilters } from './dashboards.ts';

const ZONE = 'America/New_York';
const NOW = new Date('2026-04-15T16:00:00Z'); // noon in New York
const TODAY = '2026-04-15';
const MIDNIGHT = new Date('2026-04-15T04:00:00Z');

interface GeneratedCase {
  tracking_number: string;
  channel: string;
  channel_slug: string | null;
  subject_code: string | null;
  unit: string | null;
  restricted: boolean;
  received_at: Date;
  first_response_at: Date | null;
  first_response_due_at: Date | null;
  resolution_due_at: Date | null;
  status: 'new' | 'in_progress' | 'closed';
  closed_at: Date | null;
  merged: boolean;
}

interface Reader {
  role: Actor['role'];
  units: string[];
  via?: Actor['via'];
}

/** Seeded random numbers (mulberry32). */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

const HOUR = 3_600_000;
const START = Date.UTC(2026, 1, 1, 0, 0, 0);

function generate(count: number): GeneratedCase[] {
  const r = random(42);
  const cases: GeneratedCase[] = [];
  for (let i = 0; i < count; i++) {
    const received = new Date(START + r.int(73 * 24) * HOUR + r.int(HOUR));
    const unit = r.pick(['SNAP', 'SNAP', 'FIA', 'DV', 'OCS', null]);
    const responded =
      r.chance(0.7) && received.getTime() + 40 * HOUR < NOW.getTime()
        ? new Date(received.getTime() + r.int(35 * 24) * HOUR + r.int(HOUR))
        : null;
    const closedAt = r.chance(0.5) ? new Date(received.getTime() + r.int(50 * 24) * HOUR + r.int(HOUR)) : null;
    const closed = closedAt !== null && closedAt < NOW;
    let due: Date | null = r.chance(0.9) ? new Date(received.getTime() + r.int(60 * 24) * HOUR) : null;
    // A few due earlier today (after local midnight) and later today, so "overdue" reads both sources.
    if (i % 37 === 0) due = new Date(MIDNIGHT.getTime() + r.int(12 * HOUR - 60_000));
    if (i % 41 === 0) due = new Date(NOW.getTime() + r.int(8 * HOUR) + 60_000);
    cases.push({
      tracking_number: `DB-${i}`,
      channel: r.pick(['email', 'email', 'letter', '311', 'phone']),
      channel_slug: r.chance(0.1) ? 'emergency-hotline' : null,
      subject_code: r.pick(['SNAP', 'CASH', 'SHELTER.CONDITIONS', 'SHELTER.SAFETY', 'SHELTER', 'DV', null]),
      unit,
      restricted: unit === 'DV' ? r.chance(0.8) : r.chance(0.05),
      received_at: received,
      first_response_at: responded && responded < NOW ? responded : null,
      first_response_due_at: r.chance(0.85) ? new Date(received.getTime() + r.int(20 * 24) * HOUR) : null,
      resolution_due_at: due,
      status: closed ? 'closed' : r.pick(['new', 'in_progress'] as const),
      closed_at: closed ? closedAt : null,
      merged: closed && r.chance(0.08),
    });
  }
  return cases;
}

// ---- the expected numbers, straight from the generated rows ----

function seesOnDashboard(c: GeneratedCase, reader: Reader): boolean {
  if (reader.via === 'system') return true;
  const inMyUnit = c.unit !== null && reader.units.includes(c.unit);
  if (reader.role === 'unit_liaison') return inMyUnit;
  return !c.restricted || inMyUnit;
}

function matches(c: GeneratedCase, f: { channel?: string; subject?: string; unit?: string }): boolean {
  if (f.channel && c.channel !== f.channel && c.channel_slug !== f.channel) return false;
  if (f.subject && c.subject_code !== f.subject && !(c.subject_code ?? '').startsWith(`${f.subject}.`)) return false;
  if (f.unit && c.unit !== f.unit) return false;
  return true;
}

const day = (instant: Date) => localDate(instant, ZONE);
const round1 = (v: number) => Math.round(v * 10) / 10;

/** Monday-to-Sunday weeks of the period, cut at its ends: [first day, last day]. */
function weeksOf(period: ReportPeriod): [string, string][] {
  const weeks: [string, string][] = [];
  for (let from = period.from; from <= period.to;) {
    let to = from;
    while (weekdayOf(to) !== 0 && to < period.to) to = addLocalDays(to, 1);
    weeks.push([from, to]);
    from = addLocalDays(to, 1);
  }
  return weeks;
}

function expected(cases: GeneratedCase[], period: ReportPeriod, reader: Reader, f: Parameters<typeof matches>[1]) {
  const counted = cases.filter((c) => !c.merged && seesOnDashboard(c, reader) && matches(c, f));
  const inPeriod = counted.filter((c) => day(c.received_at) >= period.from && day(c.received_at) <= period.to);
  const weeks = weeksOf(period);
  const receivedIn = (from: string, to: string) =>
    counted.filter((c) => day(c.received_at) >= from && day(c.received_at) <= to);
  const responseRows = weeks.map(([from, to]) => {
    const received = receivedIn(from, to);
    const responded = received.filter((c) => c.first_response_at);
    const seconds = responded.reduce(
      (total, c) => total + Math.floor((c.first_response_at!.getTime() - c.received_at.getTime()) / 1000),
      0,
    );
    const withStandard = responded.filter((c) => c.first_response_due_at);
    const within = withStandard.filter((c) => c.first_response_at! <= c.first_response_due_at!);
    return {
      week: from,
      received: received.length,
      responded: responded.length,
      awaiting: received.length - responded.length,
      mean_days: responded.length ? round1(seconds / responded.length / 86_400) : null,
      within_standard_pct: withStandard.length ? round1((100 * within.length) / withStandard.length) : null,
    };
  });
  const bandOf = (days: number) =>
    days <= 0 ? 0 : days === 1 ? 1 : days <= 3 ? 2 : days <= 7 ? 3 : days <= 14 ? 4 : days <= 30 ? 5 : 6;
  const bands = [0, 0, 0, 0, 0, 0, 0];
  for (const c of inPeriod) {
    if (c.first_response_at) bands[bandOf(localDaysBetween(day(c.received_at), day(c.first_response_at)))]! += 1;
  }
  const openAt = (endDay: string) =>
    counted.filter(
      (c) => day(c.received_at) <= endDay && !(c.status === 'closed' && day(c.closed_at ?? c.received_at) <= endDay),
    ).length;
  const backlogRows = weeks
    .filter(([from]) => from <= TODAY)
    .map(([from, to]) => {
      const asOf = to < TODAY ? to : TODAY;
      const closed = counted.filter(
        (c) => c.status === 'closed' && day(c.closed_at!) >= from && day(c.closed_at!) <= to,
      ).length;
      return { week: from, as_of: asOf, received: receivedIn(from, to).length, closed, open: openAt(asOf) };
    });
  const open = counted.filter((c) => c.status !== 'closed');
  const workload = new Map<string, { open: number; overdue: number }>();
  for (const c of open) {
    const unit = c.unit ?? '(none)';
    const w = workload.get(unit) ?? { open: 0, overdue: 0 };
    w.open += 1;
    if (c.resolution_due_at && c.resolution_due_at < NOW) w.overdue += 1;
    workload.set(unit, w);
  }
  const subjectWeeks = new Map<string, number[]>();
  for (const c of inPeriod) {
    const i = weeks.findIndex(([from, to]) => day(c.received_at) >= from && day(c.received_at) <= to);
    const cells = subjectWeeks.get(c.subject_code ?? '') ?? weeks.map(() => 0);
    cells[i]! += 1;
    subjectWeeks.set(c.subject_code ?? '', cells);
  }
  const volumeByDay = new Map<string, Map<string, number>>();
  for (const c of inPeriod) {
    const d = day(c.received_at);
    const byChannel = volumeByDay.get(d) ?? new Map<string, number>();
    byChannel.set(c.channel, (byChannel.get(c.channel) ?? 0) + 1);
    volumeByDay.set(d, byChannel);
  }
  return { inPeriod, responseRows, bands, backlogRows, workload, subjectWeeks, volumeByDay, weeks };
}

// ---- setup ----

let t: TestApp;
let agencyId: number;
let unitIds: Map<string, number>;
let subjectNames: Map<string, string>;
let cases: GeneratedCase[];

async function contextFor(reader: Reader, userId = 0): Promise<CommandContext> {
  return {
    db: t.db,
    agency: { id: agencyId, slug: 'main', name: 'Main', timeZone: ZONE },
    actor: {
      userId,
      name: 'reader',
      email: 'reader@example.gov',
      role: reader.role,
      unitIds: reader.units.map((u) => unitIds.get(u)!),
      managedUnitIds: [],
      via: reader.via ?? 'session',
    },
    requestId: null,
  };
}

const chart = (dashboard: Dashboard, name: string) => dashboard.charts.find((c) => c.name === name)!;

async function check(reader: Reader, period: ReportPeriod, f: { channel?: string; subject?: string; unit?: string }) {
  const ctx = await contextFor(reader);
  const filters: DashboardFilters = { period, channel: f.channel, subject: f.subject };
  if (f.unit) filters.unitId = unitIds.get(f.unit)!;
  const dashboard = await dashboardData(ctx, filters, NOW);
  const want = expected(cases, period, reader, f);

  expect(chart(dashboard, 'response-times').table.rows).toEqual(want.responseRows);
  expect(chart(dashboard, 'response-distribution').table.rows.map((r) => r.responses)).toEqual(want.bands);
  expect(chart(dashboard, 'backlog').table.rows).toEqual(want.backlogRows);

  const volumes = chart(dashboard, 'volumes');
  const volumeTotal = volumes.table.rows.reduce((total, r) => total + Number(r.total), 0);
  expect(volumeTotal).toBe(want.inPeriod.length);
  if (dashboard.interval === 'day') {
    for (const row of volumes.table.rows) {
      const byChannel = want.volumeByDay.get(String(row.period)) ?? new Map<string, number>();
      for (const channel of volumes.valueColumns)
        expect(row[channel], `${row.period} ${channel}`).toBe(byChannel.get(channel) ?? 0);
      expect(row.total).toBe([...byChannel.values()].reduce((a, b) => a + b, 0));
    }
  }

  const heat = chart(dashboard, 'subjects-by-week');
  const heatRows = Object.fromEntries(heat.table.rows.map((r) => [r.subject, heat.valueColumns.map((k) => r[k])]));
  const wantHeat = Object.fromEntries(
    [...want.subjectWeeks].map(([code, cells]) => [code === '' ? 'No subject' : subjectNames.get(code), cells]),
  );
  expect(heatRows).toEqual(wantHeat);

  const workload = Object.fromEntries(
    chart(dashboard, 'unit-workload').table.rows.map((r) => [r.unit, { open: r.open, overdue: r.overdue }]),
  );
  const unitName = (code: string) => (code === '(none)' ? 'Not routed' : [...unitNames].find(([c]) => c === code)![1]);
  expect(workload).toEqual(Object.fromEntries([...want.workload].map(([code, w]) => [unitName(code), w])));
  return { dashboard, want };
}

let unitNames: Map<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  agencyId = (await t.db.selectFrom('agencies').select('id').where('slug', '=', 'main').executeTakeFirstOrThrow()).id;
  const units = await t.db
    .selectFrom('units')
    .select(['id', 'code', 'name'])
    .where('agency_id', '=', agencyId)
    .execute();
  unitIds = new Map(units.map((u) => [u.code, u.id]));
  unitNames = new Map(units.map((u) => [u.code, u.name]));
  const subjects = await t.db
    .selectFrom('subjects')
    .select(['code', 'name'])
    .where('agency_id', '=', agencyId)
    .execute();
  subjectNames = new Map(subjects.map((s) => [s.code, s.name]));
  cases = generate(600);
  const inserted = await t.db
    .insertInto('cases')
    .values(
      cases.map((c) => ({
        agency_id: agencyId,
        tracking_number: c.tracking_number,
        channel: c.channel,
        channel_slug: c.channel_slug,
        subject_code: c.subject_code,
        unit_id: c.unit ? unitIds.get(c.unit)! : null,
        restricted: c.restricted,
        received_at: c.received_at,
        first_response_at: c.first_response_at,
        first_response_due_at: c.first_response_due_at,
        resolution_due_at: c.resolution_due_at,
        status: c.status,
        closed_at: c.closed_at,
      })),
    )
    .returning(['id', 'tracking_number'])
    .execute();
  // Merged duplicates point at the first case; written the way the merge command writes them.
  const ids = new Map(inserted.map((row) => [row.tracking_number, row.id]));
  for (const c of cases.filter((x) => x.merged)) {
    await t.db
      .updateTable('cases')
      .set({ merged_into_id: ids.get('DB-0')! })
      .where('agency_id', '=', agencyId)
      .where('tracking_number', '=', c.tracking_number)
      .execute();
  }
});
afterAll(async () => t.close());

describe('dashboard numbers', () => {
  it('equal a direct count over the cases for a month (by day) and a quarter (by week)', async () => {
    const supervisor: Reader = { role: 'supervisor', units: [] };
    const month = await check(supervisor, parsePeriod('2026-03'), {});
    expect(month.dashboard.interval).toBe('day');
    expect(chart(month.dashboard, 'volumes').table.rows).toHaveLength(31);
    const quarter = await check(supervisor, parsePeriod('2026-Q2'), {});
    expect(quarter.dashboard.interval).toBe('week');
    expect(quarter.want.inPeriod.length).toBeGreaterThan(50);
    await check({ role: 'supervisor', units: [], via: 'system' }, parsePeriod('2026-02-10..2026-04-20'), {});
  });

  it('apply the channel (kind or slug), subject (with its children) and unit filters', async () => {
    const supervisor: Reader = { role: 'administrator', units: ['OCS'] };
    const q1 = parsePeriod('2026-Q1');
    const { want } = await check(supervisor, q1, { subject: 'SHELTER' });
    expect(want.inPeriod.some((c) => c.subject_code === 'SHELTER.CONDITIONS')).toBe(true);
    await check(supervisor, q1, { channel: 'email' });
    await check(supervisor, q1, { channel: 'emergency-hotline' });
    await check(supervisor, q1, { unit: 'SNAP', channel: 'letter' });
  });

  it('count overdue cases due before today and earlier today, not those due later today', async () => {
    const { dashboard } = await check({ role: 'supervisor', units: [], via: 'system' }, parsePeriod('2026-04'), {});
    const dueEarlierToday = cases.filter(
      (c) =>
        !c.merged &&
        c.status !== 'closed' &&
        c.resolution_due_at &&
        c.resolution_due_at >= MIDNIGHT &&
        c.resolution_due_at < NOW,
    );
    expect(dueEarlierToday.length).toBeGreaterThan(0);
    const overdue = chart(dashboard, 'unit-workload').table.rows.reduce((a, r) => a + Number(r.overdue), 0);
    const dueBeforeToday = cases.filter(
      (c) => !c.merged && c.status !== 'closed' && c.resolution_due_at && c.resolution_due_at < MIDNIGHT,
    ).length;
    expect(overdue).toBe(dueBeforeToday + dueEarlierToday.length);
  });

  it('name the band holding the median response', async () => {
    const { dashboard, want } = await check({ role: 'supervisor', units: [] }, parsePeriod('2026-Q1'), {});
    const total = want.bands.reduce((a, b) => a + b, 0);
    let seen = 0;
    const median = want.bands.findIndex((n) => (seen += n) * 2 >= total);
    const labels = ['Same day', '1 day', '2–3 days', '4–7 days', '8–14 days', '15–30 days', '31 days or more'];
    expect(chart(dashboard, 'response-distribution').notes[0]).toContain(`"${labels[median]}"`);
  });
});

describe('dashboard scoping', () => {
  const q1 = parsePeriod('2026-Q1');

  it('never counts restricted cases for a caseworker of another unit', async () => {
    const { dashboard, want } = await check({ role: 'caseworker', units: ['FIA'] }, q1, {});
    const restrictedOutside = cases.filter((c) => c.restricted && c.unit !== 'FIA' && !c.merged);
    expect(restrictedOutside.length).toBeGreaterThan(10);
    expect(want.inPeriod.every((c) => !c.restricted || c.unit === 'FIA')).toBe(true);
    // The DV unit's cases are mostly restricted: its workload shows only the unrestricted ones.
    const dvOpen = cases.filter((c) => c.unit === 'DV' && !c.merged && c.status !== 'closed' && !c.restricted).length;
    const dvRow = chart(dashboard, 'unit-workload').table.rows.find((r) => r.unit === unitNames.get('DV'));
    expect(dvRow?.open ?? 0).toBe(dvOpen);
  });

  it('counts restricted cases of the reader’s own unit', async () => {
    const member = await check({ role: 'caseworker', units: ['DV'] }, q1, {});
    const outsider = await check({ role: 'caseworker', units: ['FIA'] }, q1, {});
    const total = (d: Dashboard) => chart(d, 'volumes').table.rows.reduce((a, r) => a + Number(r.total), 0);
    expect(total(member.dashboard)).toBeGreaterThan(total(outsider.dashboard));
  });

  it('shows a unit liaison their units only', async () => {
    const { dashboard } = await check({ role: 'unit_liaison', units: ['SNAP'] }, q1, {});
    const units = chart(dashboard, 'unit-workload').table.rows.map((r) => r.unit);
    expect(units).toEqual([unitNames.get('SNAP')]);
  });

  it('does not count a restricted case for someone only named on it', async () => {
    const named = await createUser(t.db, { email: 'named@example.gov', role: 'caseworker', units: ['FIA'] });
    const restricted = cases.find((c) => c.restricted && c.unit === 'DV' && !c.merged)!;
    const row = await t.db
      .selectFrom('cases')
      .select('id')
      .where('tracking_number', '=', restricted.tracking_number)
      .executeTakeFirstOrThrow();
    await t.db.insertInto('case_access').values({ agency_id: agencyId, case_id: row.id, user_id: named.id }).execute();
    const ctx = await contextFor({ role: 'caseworker', units: ['FIA'] }, named.id);
    const dashboard = await dashboardData(ctx, { period: q1 }, NOW);
    const want = expected(cases, q1, { role: 'caseworker', units: ['FIA'] }, {});
    expect(chart(dashboard, 'backlog').table.rows).toEqual(want.backlogRows);
  });
});
