// Test data for cross-tab tests: seeded random cases written straight into the database with their facts kept in
// memory, so that tests compute every expected number independently of the SQL under test (local months from the
// chosen wall-clock dates, medians by hand-written interpolation, visibility by the policy's plain rules).
import type { Db } from '../db/database.ts';
import type { CommandContext } from '../context.ts';
import type { CaseStatus } from '../db/schema.ts';
import { zonedDateTime } from '../../shared/local-time.ts';

export const TIME_ZONE = 'America/New_York';
const HOUR = 3_600_000;

export interface GeneratedCase {
  id: number;
  trackingNumber: string;
  /** The local (New York) date and time it was received. */
  localDate: string;
  localTime: string;
  receivedAt: Date;
  channel: string;
  subject: string | null;
  unitCode: string | null;
  unitId: number | null;
  status: CaseStatus;
  restricted: boolean;
  merged: boolean;
  facility: string | null;
  firstResponseAt: Date | null;
  firstResponseDueAt: Date | null;
  closedAt: Date | null;
  resolutionDueAt: Date | null;
}

/** A small seeded generator (mulberry32), so every run sees the same cases. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
const pad = (n: number) => String(n).padStart(2, '0');

export async function agencyOf(db: Db) {
  return db
    .selectFrom('agencies')
    .select(['id', 'slug', 'name', 'time_zone'])
    .where('slug', '=', 'main')
    .executeTakeFirstOrThrow();
}

export async function unitIdsByCode(db: Db): Promise<Map<string, number>> {
  const agency = await agencyOf(db);
  const units = await db.selectFrom('units').select(['id', 'code']).where('agency_id', '=', agency.id).execute();
  return new Map(units.map((u) => [u.code, u.id]));
}

export interface CaseSpec {
  localDate: string;
  localTime?: string;
  channel?: string;
  subject?: string | null;
  unitCode?: string | null;
  restricted?: boolean;
  merged?: boolean;
  facility?: string | null;
  /** Hours after receipt of the first response, or null for none. */
  responseHours?: number | null;
  /** Hours after receipt the first response is due, or null for no due date. */
  responseDueHours?: number | null;
  closeHours?: number | null;
  closeDueHours?: number | null;
}

let counter = 0;

/** Inserts the cases (one statement) and returns them with their ids. */
export async function insertCases(db: Db, specs: CaseSpec[]): Promise<GeneratedCase[]> {
  const agency = await agencyOf(db);
  const units = await unitIdsByCode(db);
  const cases = specs.map((s): Omit<GeneratedCase, 'id'> => {
    counter += 1;
    const localTime = s.localTime ?? '10:00';
    const receivedAt = zonedDateTime(s.localDate, localTime, TIME_ZONE);
    const after = (hours: number | null | undefined) =>
      hours === null || hours === undefined ? null : new Date(receivedAt.getTime() + hours * HOUR);
    const closedAt = after(s.closeHours);
    return {
      trackingNumber: `XT-2026-${String(counter).padStart(6, '0')}`,
      localDate: s.localDate,
      localTime,
      receivedAt,
      channel: s.channel ?? 'email',
      subject: s.subject ?? null,
      unitCode: s.unitCode ?? null,
      unitId: s.unitCode ? units.get(s.unitCode)! : null,
      status: closedAt ? 'closed' : 'in_progress',
      restricted: s.restricted ?? false,
      merged: s.merged ?? false,
      facility: s.facility ?? null,
      firstResponseAt: after(s.responseHours),
      firstResponseDueAt: after(s.responseDueHours),
      closedAt,
      resolutionDueAt: after(s.closeDueHours),
    };
  });
  if (cases.length === 0) return [];
  const inserted = await db
    .insertInto('cases')
    .values(
      cases.map((c) => ({
        agency_id: agency.id,
        tracking_number: c.trackingNumber,
        channel: c.channel,
        subject_code: c.subject,
        received_at: c.receivedAt,
        status: c.status,
        unit_id: c.unitId,
        restricted: c.restricted,
        facility: c.facility,
        first_response_at: c.firstResponseAt,
        first_response_due_at: c.firstResponseDueAt,
        closed_at: c.closedAt,
        resolution_due_at: c.resolutionDueAt,
      })),
    )
    .returning(['id', 'tracking_number'])
    .execute();
  const ids = new Map(inserted.map((r) => [r.tracking_number, r.id]));
  const result = cases.map((c) => ({ ...c, id: ids.get(c.trackingNumber)! }));
  const merged = result.filter((c) => c.merged);
  if (merged.length > 0) {
    // A merged duplicate points at the case it was merged into (any other case will do for the reports).
    const survivor = result.find((c) => !c.merged)!;
    await db
      .updateTable('cases')
      .set({ merged_into_id: survivor.id, status: 'closed' })
      .where(
        'id',
        'in',
        merged.map((c) => c.id),
      )
      .execute();
  }
  return result;
}

const SUBJECTS = ['SNAP', 'CASH', 'SHELTER', 'SHELTER.CONDITIONS', 'SHELTER.PLACEMENT', 'HEAT', null] as const;
const UNITS = ['SNAP', 'FIA', 'FAC', 'DV', null] as const;

/**
 * About `count` random cases received from mid-December 2025 to early April 2026 (so some fall outside the first
 * quarter), some late at night so that the UTC day and the local day differ, a few restricted (DV) and merged.
 */
export function randomSpecs(count: number, seed: number): CaseSpec[] {
  const random = seededRandom(seed);
  const first = Date.UTC(2025, 11, 15);
  const specs: CaseSpec[] = [];
  for (let i = 0; i < count; i += 1) {
    const day = new Date(first + Math.floor(random() * 115) * 86_400_000);
    const localDate = `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
    const localTime =
      random() < 0.2 ? '23:30' : `${pad(8 + Math.floor(random() * 10))}:${pad(Math.floor(random() * 60))}`;
    const unitCode = pick(random, UNITS);
    const responded = random() < 0.7;
    const closed = responded && random() < 0.6;
    const responseHours = responded ? 1 + Math.floor(random() * 480) : null;
    specs.push({
      localDate,
      localTime,
      channel: pick(random, ['email', 'letter', 'phone']),
      subject: pick(random, SUBJECTS),
      unitCode,
      restricted: unitCode === 'DV' && random() < 0.8,
      merged: random() < 0.05,
      responseHours,
      responseDueHours: random() < 0.85 ? 14 * 24 : null,
      closeHours: closed ? responseHours! + Math.floor(random() * 600) : null,
      closeDueHours: random() < 0.9 ? 30 * 24 : null,
    });
  }
  return specs;
}

/** percentile_cont as PostgreSQL defines it: linear interpolation between the closest ranks. */
export function percentileCont(values: number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (position - lower) * (sorted[upper]! - sorted[lower]!);
}

export const mean = (values: number[]) =>
  values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;

/** The command context of a user, as the request hook would build it. */
export async function contextFor(db: Db, userId: number): Promise<CommandContext> {
  const agency = await agencyOf(db);
  const user = await db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'role'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const memberships = await db
    .selectFrom('unit_memberships')
    .select(['unit_id', 'is_manager'])
    .where('user_id', '=', userId)
    .execute();
  return {
    db,
    agency: { id: agency.id, slug: agency.slug, name: agency.name, timeZone: agency.time_zone },
    actor: {
      userId: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      unitIds: memberships.map((m) => m.unit_id),
      managedUnitIds: memberships.filter((m) => m.is_manager).map((m) => m.unit_id),
      via: 'session',
    },
    requestId: null,
  };
}
