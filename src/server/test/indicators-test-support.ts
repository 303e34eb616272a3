// Generated data with known answers for the indicator tests: New York wall times turned into instants by the US
// daylight-saving rule written out here (not by the code under test), cases, calls and interpretation requests
// inserted straight into the database, and the expected numbers worked out in plain JavaScript from the same specs.
import type { Db } from '../db/database.ts';

export const NEW_YORK = 'America/New_York';

// Daylight-saving time in New York: from the second Sunday of March 02:00 to the first Sunday of November 02:00.
const DST: Record<number, [string, string]> = {
  2024: ['2024-03-10 02:00', '2024-11-03 02:00'],
  2025: ['2025-03-09 02:00', '2025-11-02 02:00'],
  2026: ['2026-03-08 02:00', '2026-11-01 02:00'],
  2027: ['2027-03-14 02:00', '2027-11-07 02:00'],
};

/** The instant of a New York wall time 'YYYY-MM-DD HH:mm[:ss[.sss]]' (avoid the skipped and repeated hours). */
export function ny(local: string): Date {
  const [start, end] = DST[Number(local.slice(0, 4))]!;
  const offset = local >= start && local < end ? '-04:00' : '-05:00';
  const time = local.slice(11);
  const withSeconds = time.length === 5 ? `${time}:00` : time;
  return new Date(`${local.slice(0, 10)}T${withSeconds}${offset}`);
}

/** A local date plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** A small seeded random generator (mulberry32), so a failing case can be replayed. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(list: T[]) => list[Math.floor(next() * list.length)]!,
  };
}

export interface CaseSpec {
  tracking: string;
  channel: string;
  /** New York wall times. */
  received: string;
  response?: string | null;
  closed?: string | null;
  due?: string | null;
  restricted?: boolean;
  unit?: string;
  merged?: boolean;
}

export interface CallSpec {
  callId: string;
  offered: string;
  answerAfterSeconds?: number;
  abandonAfterSeconds?: number;
}

export interface InterpretationSpec {
  requested: string;
  completed: string | null;
}

/** Inserts the cases (the merged ones merged into a first, plain case) in batches. */
export async function insertCases(db: Db, agencyId: number, specs: CaseSpec[]): Promise<void> {
  const units = new Map(
    (await db.selectFrom('units').select(['id', 'code']).where('agency_id', '=', agencyId).execute()).map((u) => [
      u.code,
      u.id,
    ]),
  );
  const survivor = await db
    .insertInto('cases')
    .values({
      agency_id: agencyId,
      tracking_number: `SURVIVOR-${Date.now()}`,
      channel: 'web',
      received_at: ny('2024-01-02 12:00'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rows = specs.map((s) => ({
    agency_id: agencyId,
    tracking_number: s.tracking,
    channel: s.channel,
    received_at: ny(s.received),
    first_response_at: s.response ? ny(s.response) : null,
    closed_at: s.closed ? ny(s.closed) : null,
    status: s.closed ? ('closed' as const) : s.response ? ('responded' as const) : ('new' as const),
    resolution_due_at: s.due ? ny(s.due) : null,
    restricted: s.restricted ?? false,
    unit_id: units.get(s.unit ?? 'OCS') ?? null,
    merged_into_id: s.merged ? survivor.id : null,
    subject_code: 'SNAP',
  }));
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('cases')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** Inserts the calls. */
export async function insertCalls(db: Db, agencyId: number, specs: CallSpec[]): Promise<void> {
  if (!specs.length) return;
  const rows = specs.map((s) => {
    const offered = ny(s.offered);
    const later = (seconds: number | undefined) =>
      seconds === undefined ? null : new Date(offered.getTime() + seconds * 1000);
    return {
      agency_id: agencyId,
      call_id: s.callId,
      offered_at: offered,
      answered_at: later(s.answerAfterSeconds),
      abandoned_at: later(s.abandonAfterSeconds),
      row_hash: s.callId,
    };
  });
  await db.insertInto('calls').values(rows).execute();
}

/** Inserts the interpretation requests. */
export async function insertInterpretations(db: Db, agencyId: number, specs: InterpretationSpec[]): Promise<void> {
  if (!specs.length) return;
  await db
    .insertInto('interpretation_requests')
    .values(
      specs.map((s, i) => ({
        agency_id: agencyId,
        row_hash: `interp-${i}-${s.requested}`,
        requested_at: ny(s.requested),
        completed_at: s.completed ? ny(s.completed) : null,
        language: 'es',
      })),
    )
    .execute();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A random New York wall time on a local date, away from the skipped and repeated hours of DST changes. */
export function wallTime(date: string, r: ReturnType<typeof random>, edge = false): string {
  const hour = edge ? r.pick([0, 23]) : r.pick([0, 4, 8, 9, 12, 15, 17, 19, 22, 23]);
  const minute = edge ? (hour === 0 ? r.int(3) : 57 + r.int(3)) : r.int(60);
  return `${date} ${pad(hour)}:${pad(minute)}:${pad(r.int(60))}`;
}

/** E-mails and letters received over `days` from `firstDay`, answered around the 14th day, some never. */
export function generateResponseCases(seed: number, count: number, firstDay: string, days: number): CaseSpec[] {
  const r = random(seed);
  const specs: CaseSpec[] = [];
  for (let i = 0; i < count; i++) {
    const received = wallTime(addDays(firstDay, r.int(days)), r, r.next() < 0.3);
    const offset = r.pick([null, null, 0, 3, 13, 14, 14, 14, 15, 15, 21]);
    const response = offset === null ? null : wallTime(addDays(received.slice(0, 10), offset), r, r.next() < 0.5);
    const restricted = r.next() < 0.12;
    specs.push({
      tracking: `R${seed}-${i}`,
      channel: r.next() < 0.75 ? 'email' : 'letter',
      received,
      response: response !== null && response < received ? null : response,
      restricted,
      unit: restricted ? r.pick(['DV', 'OCS']) : r.pick(['OCS', 'SNAP']),
      merged: r.next() < 0.04,
    });
  }
  return specs;
}

/** Cases of several channels closed over `days` from `firstDay`, just before, at or after their deadline or none. */
export function generateClosedCases(seed: number, count: number, firstDay: string, days: number): CaseSpec[] {
  const r = random(seed);
  const specs: CaseSpec[] = [];
  for (let i = 0; i < count; i++) {
    const closed = wallTime(addDays(firstDay, r.int(days)), r, r.next() < 0.3);
    const shift = r.pick([-86_400, -1, 0, 0, 1, 3_600, null]);
    let due: string | null = null;
    if (shift !== null) {
      const instant = new Date(ny(closed).getTime() - shift * 1000);
      due = localWallTime(instant);
    }
    const restricted = r.next() < 0.1;
    specs.push({
      tracking: `C${seed}-${i}`,
      channel: r.pick(['311', '311', 'web', 'phone', 'email']),
      received: wallTime(addDays(closed.slice(0, 10), -10), r),
      response: null,
      closed,
      due,
      restricted,
      unit: restricted ? 'DV' : 'OCS',
      merged: r.next() < 0.04,
    });
  }
  return specs;
}

/** The New York wall time of an instant, by the same written-out rule as ny() (inverse within a second). */
export function localWallTime(instant: Date): string {
  for (const offset of [4, 5]) {
    const shifted = new Date(instant.getTime() - offset * 3_600_000).toISOString();
    const local = `${shifted.slice(0, 10)} ${shifted.slice(11, 23)}`;
    if (ny(local).getTime() === instant.getTime()) return local;
  }
  throw new Error(`no New York wall time for ${instant.toISOString()}`);
}

export interface ExpectedRate {
  numerator: string[];
  late: string[];
  pending: string[];
  excluded: string[];
}

/** Who sees what: the system sees everything; others see restricted cases of their own units only. */
export type Viewer = { units: string[] } | 'system';

const visible = (s: CaseSpec, viewer: Viewer) =>
  viewer === 'system' || !s.restricted || viewer.units.includes(s.unit ?? 'OCS');

/** The e-mails (or letters) of a local-date range, classified by hand: on time, late, pending. */
export function expectedResponses(
  specs: CaseSpec[],
  channel: string,
  from: string,
  to: string,
  asOf: Date,
  viewer: Viewer,
): ExpectedRate {
  const out: ExpectedRate = { numerator: [], late: [], pending: [], excluded: [] };
  const asOfDay = localWallTime(asOf).slice(0, 10);
  for (const s of specs) {
    const day = s.received.slice(0, 10);
    if (s.channel !== channel || s.merged || !visible(s, viewer)) continue;
    if (day < from || day > to || ny(s.received) >= asOf) continue;
    const due = addDays(day, 14);
    const responded = s.response && ny(s.response) <= asOf;
    if (responded) out[s.response!.slice(0, 10) <= due ? 'numerator' : 'late'].push(s.tracking);
    else out[asOfDay > due ? 'late' : 'pending'].push(s.tracking);
  }
  return out;
}

/** The cases of one channel closed in a local-date range, classified by hand against their deadline. */
export function expectedClosed(
  specs: CaseSpec[],
  channel: string,
  from: string,
  to: string,
  asOf: Date,
  viewer: Viewer,
): ExpectedRate {
  const out: ExpectedRate = { numerator: [], late: [], pending: [], excluded: [] };
  for (const s of specs) {
    if (!s.closed || s.channel !== channel || s.merged || !visible(s, viewer)) continue;
    const day = s.closed.slice(0, 10);
    if (day < from || day > to || ny(s.closed) >= asOf) continue;
    if (!s.due) out.excluded.push(s.tracking);
    else out[ny(s.closed) <= ny(s.due) ? 'numerator' : 'late'].push(s.tracking);
  }
  return out;
}

/** A share in percent with one decimal, worked out the long way. */
export function expectedPercent(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  const tenths = Math.floor((numerator * 1000) / denominator);
  const remainder = numerator * 1000 - tenths * denominator;
  return (tenths + (remainder * 2 >= denominator ? 1 : 0)) / 10;
}
