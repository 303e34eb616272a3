// The dashboard rollups stay equal to a count over the cases themselves: after many random inserts, updates,
// upserts, merges, closes, reopens, deletes and rolled-back writes, in two agencies on different time zones (one
// with a half-hour offset, both across a DST change), the trigger-kept tables equal what this test counts from the
// cases with the domain's own local-date functions; a rebuild gives the same rows, and so does a time-zone change.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type TestApp } from '../../test/test-app.ts';
import { localDate, localDaysBetween } from '../../../shared/local-time.ts';
import type { Db } from '../database.ts';
import * as migration from './0014-case-rollups.ts';

interface CaseRow {
  id: number;
  agency_id: number;
  received_at: Date;
  channel: string;
  channel_slug: string | null;
  subject_code: string | null;
  unit_id: number | null;
  restricted: boolean;
  first_response_at: Date | null;
  first_response_due_at: Date | null;
  resolution_due_at: Date | null;
  status: string;
  closed_at: Date | null;
  merged_into_id: number | null;
}

const MEASURES = [
  'received',
  'first_responded',
  'first_response_seconds',
  'responded_with_standard',
  'responded_within_standard',
  'responded_same_day',
  'responded_1_day',
  'responded_2_3_days',
  'responded_4_7_days',
  'responded_8_14_days',
  'responded_15_30_days',
  'responded_31_plus_days',
  'closed',
  'closed_seconds',
] as const;

type Counts = Record<string, number>;

const wholeSeconds = (from: Date, to: Date) => Math.max(0, Math.floor((to.getTime() - from.getTime()) / 1000));

function add(map: Map<string, Counts>, key: string, measure: string, value: number) {
  const counts = map.get(key) ?? {};
  counts[measure] = (counts[measure] ?? 0) + value;
  map.set(key, counts);
}

/** The rollups as this test counts them from the cases (merged duplicates left out). */
async function countFromCases(db: Db) {
  const zones = new Map(
    (await db.selectFrom('agencies').select(['id', 'time_zone']).execute()).map((a) => [a.id, a.time_zone]),
  );
  const cases = (await db
    .selectFrom('cases')
    .select([
      'id',
      'agency_id',
      'received_at',
      'channel',
      'channel_slug',
      'subject_code',
      'unit_id',
      'restricted',
      'first_response_at',
      'first_response_due_at',
      'resolution_due_at',
      'status',
      'closed_at',
      'merged_into_id',
    ])
    .execute()) as CaseRow[];
  const daily = new Map<string, Counts>();
  const open = new Map<string, Counts>();
  for (const c of cases) {
    if (c.merged_into_id !== null) continue;
    const zone = zones.get(c.agency_id)!;
    const dims = [c.channel, c.channel_slug ?? '', c.subject_code ?? '', c.unit_id ?? 0, c.restricted].join('|');
    const receivedKey = `${c.agency_id}|${localDate(c.received_at, zone)}|${dims}`;
    add(daily, receivedKey, 'received', 1);
    if (c.first_response_at) {
      add(daily, receivedKey, 'first_responded', 1);
      add(daily, receivedKey, 'first_response_seconds', wholeSeconds(c.received_at, c.first_response_at));
      if (c.first_response_due_at) {
        add(daily, receivedKey, 'responded_with_standard', 1);
        if (c.first_response_at <= c.first_response_due_at) add(daily, receivedKey, 'responded_within_standard', 1);
      }
      const days = localDaysBetween(localDate(c.received_at, zone), localDate(c.first_response_at, zone));
      const band =
        days <= 0
          ? 'responded_same_day'
          : days === 1
            ? 'responded_1_day'
            : days <= 3
              ? 'responded_2_3_days'
              : days <= 7
                ? 'responded_4_7_days'
                : days <= 14
                  ? 'responded_8_14_days'
                  : days <= 30
                    ? 'responded_15_30_days'
                    : 'responded_31_plus_days';
      add(daily, receivedKey, band, 1);
    }
    if (c.status === 'closed') {
      const closedAt = c.closed_at ?? c.received_at;
      const closedKey = `${c.agency_id}|${localDate(closedAt, zone)}|${dims}`;
      add(daily, closedKey, 'closed', 1);
      add(daily, closedKey, 'closed_seconds', wholeSeconds(c.received_at, closedAt));
    } else {
      const due = c.resolution_due_at ? localDate(c.resolution_due_at, zone) : 'infinity';
      add(open, `${c.agency_id}|${due}|${dims}`, 'open_cases', 1);
    }
  }
  return { daily: normalise(daily), open: normalise(open) };
}

function normalise(map: Map<string, Counts>): Record<string, Counts> {
  const out: Record<string, Counts> = {};
  for (const key of [...map.keys()].sort()) {
    const counts = map.get(key)!;
    if (Object.values(counts).some((v) => v !== 0)) {
      out[key] = Object.fromEntries(Object.entries(counts).filter(([, v]) => v !== 0));
    }
  }
  return out;
}

/** The rollup tables as they are, in the same shape. */
async function readRollups(db: Db) {
  const dims = sql`channel || '|' || channel_slug || '|' || subject_code || '|' || unit_id || '|' || restricted`;
  // Summed over the stripes of migration 0019 (a key has one row per connection that wrote it).
  const daily = await sql<Counts & { key: string }>`
    select agency_id || '|' || day::text || '|' || ${dims} as key,
      ${sql.raw(MEASURES.map((m) => `sum(${m})::bigint as ${m}`).join(', '))}
    from case_daily_rollups group by 1`.execute(db);
  const open = await sql<{ key: string; open_cases: number }>`
    select agency_id || '|' || resolution_due_day::text || '|' || ${dims} as key, sum(open_cases)::int as open_cases
    from case_open_rollups group by 1`.execute(db);
  const toMap = (rows: (Counts & { key: string })[]) =>
    new Map(rows.map(({ key, ...counts }) => [key, counts as Counts]));
  return { daily: normalise(toMap(daily.rows)), open: normalise(toMap(open.rows as never)) };
}

/** Seeded random numbers (mulberry32), so a failure can be replayed. */
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
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

type Random = ReturnType<typeof random>;

let t: TestApp;
let agencies: { id: number; units: number[] }[];
let trackingSeq = 0;

// Around the spring DST change in New York (8 March 2026) and across local midnights.
const BASE = Date.UTC(2026, 2, 1, 0, 0, 0);
const HOUR = 3_600_000;

function caseValues(r: Random, agency: { id: number; units: number[] }) {
  const received = new Date(BASE + r.int(40 * 24) * HOUR + r.int(3_600_000));
  const responded = r.chance(0.6) ? new Date(received.getTime() + r.int(45 * 24) * HOUR + r.int(3_600_000)) : null;
  const status = r.pick(['new', 'in_progress', 'responded', 'closed', 'closed'] as const);
  const closedAt =
    status === 'closed' && r.chance(0.9) ? new Date(received.getTime() + r.int(60 * 24) * HOUR + r.int(1000)) : null;
  return {
    agency_id: agency.id,
    tracking_number: `RU-${++trackingSeq}`,
    channel: r.pick(['email', 'letter', 'phone', '311']),
    channel_slug: r.pick([null, null, 'hotline-1', 'main-email']),
    subject_code: r.pick([null, 'SNAP', 'SHELTER.CONDITIONS', 'DV']),
    unit_id: r.chance(0.2) ? null : r.pick(agency.units),
    restricted: r.chance(0.2),
    received_at: received,
    first_response_at: responded,
    first_response_due_at: r.chance(0.8) ? new Date(received.getTime() + r.int(20 * 24) * HOUR) : null,
    resolution_due_at: r.chance(0.85) ? new Date(received.getTime() + r.int(40 * 24) * HOUR) : null,
    status,
    closed_at: closedAt,
  };
}

async function caseIds(db: Db, agencyId?: number): Promise<{ id: number; agency_id: number }[]> {
  let q = db.selectFrom('cases').select(['id', 'agency_id']).where('merged_into_id', 'is', null).orderBy('id');
  if (agencyId !== undefined) q = q.where('agency_id', '=', agencyId);
  return q.execute();
}

/** One random write to cases, of the kinds the product makes (and a few it could). */
async function randomWrite(db: Db, r: Random) {
  const agency = r.pick(agencies);
  const existing = await caseIds(db, agency.id);
  const target = existing.length ? r.pick(existing) : undefined;
  const kind = r.int(12);
  if (kind <= 2 || !target) {
    const rows = Array.from({ length: 1 + r.int(kind === 0 ? 25 : 3) }, () => caseValues(r, agency));
    await db.insertInto('cases').values(rows).execute();
    return;
  }
  const byId = db.updateTable('cases').where('agency_id', '=', target.agency_id).where('id', '=', target.id);
  switch (kind) {
    case 3: // close
      await byId.set({ status: 'closed', closed_at: new Date(BASE + r.int(50 * 24) * HOUR) }).execute();
      return;
    case 4: // reopen
      await byId.set({ status: 'in_progress', closed_at: null }).execute();
      return;
    case 5: // recode, reroute, restrict
      await byId
        .set({
          subject_code: r.pick([null, 'SNAP', 'HOUSING']),
          unit_id: r.chance(0.3) ? null : r.pick(agency.units),
          restricted: r.chance(0.5),
        })
        .execute();
      return;
    case 6: // first response, deadlines moved by a pause
      await byId
        .set({
          first_response_at: r.chance(0.2) ? null : new Date(BASE + r.int(60 * 24) * HOUR),
          resolution_due_at: new Date(BASE + r.int(70 * 24) * HOUR),
          first_response_due_at: r.chance(0.2) ? null : new Date(BASE + r.int(50 * 24) * HOUR),
        })
        .execute();
      return;
    case 7: {
      // merge into another case of the agency
      const survivor = existing.find((c) => c.id !== target.id);
      if (!survivor) return;
      await byId
        .set({ merged_into_id: survivor.id, status: 'closed', closed_at: new Date(BASE + r.int(50 * 24) * HOUR) })
        .execute();
      return;
    }
    case 8: // delete
      await db.deleteFrom('cases').where('agency_id', '=', target.agency_id).where('id', '=', target.id).execute();
      return;
    case 9: // a change of columns the rollups do not count
      await byId.set({ description: `edited ${r.int(1000)}`, version: sql`version + 1` }).execute();
      return;
    case 10: // many rows in one statement
      await db
        .updateTable('cases')
        .set({ restricted: sql`not restricted`, received_at: sql`received_at + interval '5 hours'` })
        .where('agency_id', '=', agency.id)
        .where(sql<boolean>`id % 3 = ${r.int(3)}`)
        .execute();
      return;
    default: {
      // an import batch: insert … on conflict do update, new and existing rows in one statement
      const current = await db
        .selectFrom('cases')
        .select('tracking_number')
        .where('agency_id', '=', agency.id)
        .limit(3)
        .execute();
      const rows = [
        ...current.map((c) => ({ ...caseValues(r, agency), tracking_number: c.tracking_number })),
        caseValues(r, agency),
      ];
      await db
        .insertInto('cases')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['agency_id', 'tracking_number']).doUpdateSet((eb) => ({
            subject_code: eb.ref('excluded.subject_code'),
            status: eb.ref('excluded.status'),
            closed_at: eb.ref('excluded.closed_at'),
            received_at: eb.ref('excluded.received_at'),
            first_response_at: eb.ref('excluded.first_response_at'),
          })),
        )
        .execute();
    }
  }
}

beforeAll(async () => {
  t = await createTestApp();
  const main = await t.db.selectFrom('agencies').select('id').where('slug', '=', 'main').executeTakeFirstOrThrow();
  const other = await t.db
    .insertInto('agencies')
    .values({
      slug: 'kolkata',
      name: 'Half-hour office',
      time_zone: 'Asia/Kolkata',
      tracking_prefix: 'KOL',
      calendar: JSON.stringify({ workingHours: {}, holidays: [] }),
      escalation_levels: '[]',
      settings: '{}',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('units')
    .values([
      { agency_id: other.id, code: 'A', name: 'A' },
      { agency_id: other.id, code: 'B', name: 'B' },
    ])
    .execute();
  const unitsOf = async (agencyId: number) =>
    (await t.db.selectFrom('units').select('id').where('agency_id', '=', agencyId).execute()).map((u) => u.id);
  agencies = [
    { id: main.id, units: (await unitsOf(main.id)).slice(0, 4) },
    { id: other.id, units: await unitsOf(other.id) },
  ];
});
afterAll(async () => t.close());

describe('case rollups', () => {
  it('equal a count over the cases after many random writes, in two time zones', async () => {
    for (const seed of [1, 2, 3]) {
      const r = random(seed);
      for (let i = 0; i < 120; i++) await randomWrite(t.db, r);
      expect(await readRollups(t.db)).toEqual(await countFromCases(t.db));
    }
    const total = await t.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    expect(Number(total?.n)).toBeGreaterThan(100);
  });

  it('take back nothing and add nothing when the write is rolled back', async () => {
    const before = await readRollups(t.db);
    await t.db
      .transaction()
      .execute(async (tx) => {
        await tx
          .insertInto('cases')
          .values(caseValues(random(9), agencies[0]!))
          .execute();
        await tx
          .updateTable('cases')
          .set({ status: 'closed', closed_at: new Date(BASE) })
          .execute();
        throw new Error('roll back');
      })
      .catch(() => {});
    expect(await readRollups(t.db)).toEqual(before);
  });

  it('are rebuilt to the same rows, and recounted when the agency changes its time zone', async () => {
    const kept = await readRollups(t.db);
    for (const agency of agencies) await sql`select civicdesk_rebuild_case_rollups(${agency.id})`.execute(t.db);
    expect(await readRollups(t.db)).toEqual(kept);

    await t.db
      .updateTable('agencies')
      .set({ time_zone: 'Pacific/Auckland' })
      .where('id', '=', agencies[1]!.id)
      .execute();
    const recounted = await readRollups(t.db);
    expect(recounted).toEqual(await countFromCases(t.db));
    expect(recounted).not.toEqual(kept);
  });

  it('are counted from the existing cases when the migration runs (down, then up again)', async () => {
    const kept = await readRollups(t.db);
    await migration.down(t.db as never);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_tables
      where schemaname = current_schema() and tablename in ('case_daily_rollups', 'case_open_rollups')`.execute(t.db);
    expect(rows[0]!.n).toBe(0);
    await migration.up(t.db as never);
    expect(await readRollups(t.db)).toEqual(kept);
  });

  it('follow the commands: intake, close, reopen and merge through the API', async () => {
    const admin = await signInAs(t.app);
    const created: string[] = [];
    for (const channel of ['email', 'letter', 'phone']) {
      const res = await admin.call('POST', '/api/v1/cases', {
        channel,
        subject: 'SNAP',
        description: `rollup check ${channel}`,
        person: { firstName: 'Roll', lastName: 'Up', email: `roll-${channel}@example.org` },
      });
      expect(res.statusCode).toBe(201);
      created.push(res.json().trackingNumber as string);
    }
    const close = await admin.call('POST', `/api/v1/cases/${created[0]}/status`, { status: 'closed' });
    expect(close.statusCode, close.body).toBe(200);
    const reopen = await admin.call('POST', `/api/v1/cases/${created[0]}/status`, { status: 'in_progress' });
    expect(reopen.statusCode, reopen.body).toBe(200);
    const merge = await admin.call('POST', `/api/v1/cases/${created[2]}/merge`, { into: created[1] });
    expect(merge.statusCode, merge.body).toBe(200);
    expect(await readRollups(t.db)).toEqual(await countFromCases(t.db));
  });
});
