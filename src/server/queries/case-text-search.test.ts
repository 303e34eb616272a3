// Text search of cases: the period keys agree with the database's civicdesk_search_periods; a common word ranks
// the matches of a recent period (the best of them first, older matches after, newest first) and a rare word ranks
// every match; restricted cases a reader may not see are in no page and in no total; correspondence and writers'
// names find their cases in both modes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import { createUser } from '../test/factories.ts';
import type { Actor, CommandContext } from '../context.ts';
import { listCases, TOTAL_CAP } from './case-list-queries.ts';
import {
  firstPeriod,
  MAX_PERIOD_LEVEL,
  nextPeriod,
  periodDays,
  periodKeys,
  RANKED_MATCHES,
  searchDay,
  type SearchPeriod,
} from './case-text-search-queries.ts';

const NOW = new Date('2026-04-15T16:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const RECENT = RANKED_MATCHES + 100;

let t: TestApp;
let agency: CommandContext['agency'];
let caseworker: CommandContext;
let dvWorker: CommandContext;
let admin: CommandContext;
const ids = new Map<string, number>();

function contextFor(userId: number, role: Actor['role'], unitIds: number[]): CommandContext {
  return {
    db: t.db,
    agency,
    actor: { userId, name: 'reader', email: 'reader@example.gov', role, unitIds, managedUnitIds: [], via: 'session' },
    requestId: null,
  };
}

async function unitId(code: string): Promise<number> {
  const unit = await t.db
    .selectFrom('units')
    .select('id')
    .where('agency_id', '=', agency.id)
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return unit.id;
}

interface NewCase {
  tracking: string;
  description: string;
  received: Date;
  unit?: number;
  restricted?: boolean;
  personId?: number;
}

async function insertCases(rows: NewCase[]): Promise<void> {
  const inserted = await t.db
    .insertInto('cases')
    .values(
      rows.map((r) => ({
        agency_id: agency.id,
        tracking_number: r.tracking,
        channel: 'email',
        description: r.description,
        received_at: r.received,
        unit_id: r.unit ?? null,
        restricted: r.restricted ?? false,
        person_id: r.personId ?? null,
      })),
    )
    .returning(['id', 'tracking_number'])
    .execute();
  for (const row of inserted) ids.set(row.tracking_number, row.id);
}

/** Every page of a search, in order, with the first page's total. */
async function allPages(ctx: CommandContext, q: string, limit: number) {
  const first = await listCases(ctx, { q, limit }, NOW);
  const items = [...first.items];
  let cursor = first.nextCursor;
  for (let guard = 0; cursor && guard < 100; guard++) {
    const page = await listCases(ctx, { q, limit, cursor }, NOW);
    items.push(...page.items);
    cursor = page.nextCursor;
  }
  return { first, items };
}

beforeAll(async () => {
  t = await createTestApp();
  const row = await t.db
    .selectFrom('agencies')
    .select(['id', 'slug', 'name', 'time_zone'])
    .where('slug', '=', 'main')
    .executeTakeFirstOrThrow();
  agency = { id: row.id, slug: row.slug, name: row.name, timeZone: row.time_zone };
  const snap = await unitId('SNAP');
  const dv = await unitId('DV');
  const worker = await createUser(t.db, { email: 'worker@example.gov', role: 'caseworker', units: ['SNAP'] });
  const dvMember = await createUser(t.db, { email: 'dv@example.gov', role: 'caseworker', units: ['DV'] });
  const administrator = await createUser(t.db, { email: 'boss@example.gov', role: 'administrator' });
  caseworker = contextFor(worker.id, 'caseworker', [snap]);
  dvWorker = contextFor(dvMember.id, 'caseworker', [dv]);
  admin = contextFor(administrator.id, 'administrator', []);

  const writer = await t.db
    .insertInto('people')
    .values({ agency_id: agency.id, first_name: 'Ines', last_name: 'Drizzle' })
    .returning('id')
    .executeTakeFirstOrThrow();

  // A common word: more recent matches than RANKED_MATCHES, all within the last two days.
  const recent: NewCase[] = Array.from({ length: RECENT }, (_, i) => ({
    tracking: `R-${i}`,
    description: `Tenant reports drizzle through the ceiling of unit ${i}`,
    received: new Date(NOW.getTime() - ((i * 7) % 47) * HOUR - i * 1000),
    unit: snap,
  }));
  await insertCases([
    ...recent,
    // The best recent match: the word three times.
    {
      tracking: 'BEST-RECENT',
      description: 'drizzle, drizzle and more drizzle',
      received: new Date(NOW.getTime() - 30 * HOUR),
    },
    // A better match, but received long ago: outside the ranked period.
    {
      tracking: 'OLD-STRONG',
      description: 'drizzle drizzle drizzle drizzle drizzle',
      received: new Date(NOW.getTime() - 300 * DAY),
    },
    { tracking: 'OLD-PLAIN', description: 'an old note about drizzle', received: new Date(NOW.getTime() - 200 * DAY) },
    // Restricted cases of DV: the SNAP caseworker and the administrator may not see them.
    ...Array.from({ length: 30 }, (_, i) => ({
      tracking: `DV-${i}`,
      description: `drizzle drizzle drizzle drizzle drizzle drizzle in room ${i}`,
      received: new Date(NOW.getTime() - (i + 1) * HOUR),
      unit: dv,
      restricted: true,
    })),
    {
      tracking: 'DV-OLD',
      description: 'drizzle',
      received: new Date(NOW.getTime() - 250 * DAY),
      unit: dv,
      restricted: true,
    },
    // Found by correspondence only: an old case with a note written today, and a recent one with a recent note.
    { tracking: 'NOTE-TODAY', description: 'Heating complaint', received: new Date(NOW.getTime() - 100 * DAY) },
    { tracking: 'NOTE-OLD', description: 'Heating complaint', received: new Date(NOW.getTime() - 150 * DAY) },
    // Found by the writer's name only, one recent and one old.
    {
      tracking: 'WRITER-RECENT',
      description: 'Benefits question',
      received: new Date(NOW.getTime() - 5 * HOUR),
      personId: writer.id,
    },
    {
      tracking: 'WRITER-OLD',
      description: 'Benefits question',
      received: new Date(NOW.getTime() - 400 * DAY),
      personId: writer.id,
    },
    // A rare word: every match is ranked, the best first whatever its age.
    { tracking: 'RARE-OLD', description: 'quagmire quagmire quagmire', received: new Date(NOW.getTime() - 700 * DAY) },
    { tracking: 'RARE-NEW', description: 'a quagmire', received: new Date(NOW.getTime() - 2 * HOUR) },
    {
      tracking: 'RARE-DV',
      description: 'quagmire quagmire quagmire quagmire',
      received: NOW,
      unit: dv,
      restricted: true,
    },
  ]);
  await t.db
    .insertInto('timeline_entries')
    .values([
      {
        agency_id: agency.id,
        case_id: ids.get('NOTE-TODAY')!,
        kind: 'note',
        body: 'Water is coming in as a drizzle',
        created_at: new Date(NOW.getTime() - HOUR),
      },
      {
        agency_id: agency.id,
        case_id: ids.get('NOTE-OLD')!,
        kind: 'note',
        body: 'Drizzle from the roof',
        created_at: new Date(NOW.getTime() - 150 * DAY),
      },
      {
        agency_id: agency.id,
        case_id: ids.get('RARE-NEW')!,
        kind: 'note',
        body: 'still a quagmire',
        created_at: new Date(NOW.getTime() - HOUR),
      },
    ])
    .execute();
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('search periods', () => {
  it('gives the keys that civicdesk_search_periods indexes', async () => {
    const instants = [
      '1999-12-31T23:59:59Z',
      '2000-01-01T00:00:00Z',
      '2026-04-15T16:00:00Z',
      '2026-04-15T23:59:59.999Z',
      '2031-07-01T04:00:00Z',
    ].map((s) => new Date(s));
    for (const at of instants) {
      const { rows } = await sql<{
        keys: number[];
      }>`select civicdesk_search_periods(${at}::timestamptz) as keys`.execute(t.db);
      const day = searchDay(at);
      const expected = Array.from({ length: MAX_PERIOD_LEVEL + 1 }, (_, level) => level * 1_000_000 + (day >> level));
      expect(rows[0]!.keys.map(Number)).toEqual(expected);
    }
  });

  it('covers exactly the days it reaches back to, and grows until every match is ranked', () => {
    const anchor = searchDay(NOW);
    for (let level = 0; level <= MAX_PERIOD_LEVEL; level++) {
      for (let back = 1; back <= 3; back++) {
        const keys = periodKeys(level, back, anchor);
        const key = (day: number) => level * 1_000_000 + (day >> level);
        const reach = periodDays(level, back, anchor);
        expect(reach).toBeGreaterThanOrEqual(back * 2 ** level + 1);
        expect(keys).toContain(key(anchor - reach + 1));
        expect(keys).toContain(key(anchor + 1));
        expect(keys).not.toContain(key(anchor - reach));
      }
    }
    let period: SearchPeriod = firstPeriod(anchor);
    let reach = periodDays(period.level!, period.back, anchor);
    for (let step = 0; step < 40 && period.level !== null; step++) {
      period = nextPeriod(period, 1);
      if (period.level === null) break;
      const next = periodDays(period.level, period.back, anchor);
      expect(next).toBeGreaterThan(reach);
      reach = next;
    }
    expect(period.level).toBeNull();
  });
});

describe('text search at scale', () => {
  it('ranks the recent matches of a common word, the best first, and counts only what the reader may see', async () => {
    const page = await listCases(caseworker, { q: 'drizzle', limit: 20 }, NOW);
    expect(page.items[0]!.tracking_number).toBe('BEST-RECENT');
    expect(page.items.some((c) => c.restricted)).toBe(false);
    // The recent visible matches: the common ones, the best one, the fresh note and the recent writer's case.
    expect(page.total).toBe(RECENT + 3);
    expect(page.totalIsLowerBound).toBe(true);
    expect((await listCases(admin, { q: 'drizzle', limit: 20 }, NOW)).total).toBe(RECENT + 3);
    // A member of DV sees its restricted cases too, and they rank first (six times the word).
    const dv = await listCases(dvWorker, { q: 'drizzle', limit: 20 }, NOW);
    expect(dv.total).toBe(RECENT + 3 + 30);
    expect(dv.items[0]!.tracking_number).toMatch(/^DV-/);
  });

  it('pages through every visible match once: the ranked period first, then older matches, newest first', async () => {
    const { items } = await allPages(caseworker, 'drizzle', 200);
    const seen = items.map((c) => c.tracking_number);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((tn) => tn.startsWith('DV-'))).toEqual([]);
    expect(seen).toHaveLength(RECENT + 3 + 4);
    for (const tn of ['BEST-RECENT', 'NOTE-TODAY', 'WRITER-RECENT', 'R-0', `R-${RECENT - 1}`]) {
      expect(seen.indexOf(tn)).toBeLessThan(RECENT + 3);
    }
    // Outside the period, newest first: the strongest match of all comes after the ranked ones.
    expect(seen.slice(RECENT + 3)).toEqual(['NOTE-OLD', 'OLD-PLAIN', 'OLD-STRONG', 'WRITER-OLD']);
    // Within the period, by rank and then newest first.
    const ranked = items.slice(1, RECENT + 3).filter((c) => c.tracking_number.startsWith('R-'));
    for (let i = 1; i < ranked.length; i++) {
      expect(ranked[i - 1]!.received_at.getTime()).toBeGreaterThanOrEqual(ranked[i]!.received_at.getTime());
    }
  });

  it('ranks every match of a rare word exactly, whatever its age, and counts it exactly', async () => {
    const page = await listCases(caseworker, { q: 'quagmire', limit: 10 }, NOW);
    expect(page.items.map((c) => c.tracking_number)).toEqual(['RARE-OLD', 'RARE-NEW']);
    expect(page.total).toBe(2);
    expect(page.totalIsLowerBound).toBeUndefined();
    const dv = await listCases(dvWorker, { q: 'quagmire', limit: 10 }, NOW);
    expect(dv.items.map((c) => c.tracking_number)).toEqual(['RARE-DV', 'RARE-OLD', 'RARE-NEW']);
    expect(dv.total).toBe(3);
  });

  it('keeps the other filters and refuses a cursor with a made-up period', async () => {
    const snapOnly = await listCases(caseworker, { q: 'drizzle', limit: 5, unitId: caseworker.actor.unitIds[0]! }, NOW);
    expect(snapOnly.total).toBeLessThanOrEqual(RECENT);
    expect(snapOnly.items.every((c) => c.tracking_number.startsWith('R-'))).toBe(true);
    const forged = Buffer.from(JSON.stringify({ o: 0, p: [99, 1, 1] })).toString('base64url');
    await expect(listCases(caseworker, { q: 'drizzle', limit: 5, cursor: forged }, NOW)).rejects.toMatchObject({
      details: [expect.objectContaining({ field: 'cursor' })],
    });
    expect(TOTAL_CAP).toBeGreaterThan(RANKED_MATCHES);
  });
});
