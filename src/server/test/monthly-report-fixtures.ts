// Test data for the monthly report's tests: an agency of its own with the starter units and subjects, cases written
// straight into the database with every field the report reads, survey answers, and a seeded generator of varied
// cases whose expected numbers the tests compute on their own.
import type { Db } from '../db/database.ts';
import type { Actor, Agency, CommandContext } from '../context.ts';
import { systemActor } from '../context.ts';
import { createAgencyWithStarterConfiguration } from '../bootstrap.ts';
import type { CaseStatus, WriterType } from '../db/schema.ts';

export interface CaseSeed {
  channel: string;
  subject: string | null;
  unit: string | null;
  facility?: string | null;
  language?: string;
  writerType?: WriterType;
  /** A person number within the scenario (people are created on first use). */
  person?: number | null;
  receivedAt: Date;
  firstResponseAt?: Date | null;
  firstResponseDueAt?: Date | null;
  closedAt?: Date | null;
  escalatedAt?: Date | null;
  escalationLevel?: number;
  restricted?: boolean;
  /** Merged into the first case of the batch that is not merged itself. */
  merged?: boolean;
  survey?: { createdAt: Date; satisfaction: number; resolved: boolean | null };
}

export interface ScenarioAgency {
  agency: Agency;
  unitIds: Map<string, number>;
  unitCodes: Map<number, string>;
}

/** A new agency with the starter configuration (units, subjects, escalation levels). */
export async function createScenarioAgency(
  db: Db,
  slug: string,
  timeZone = 'America/New_York',
): Promise<ScenarioAgency> {
  const name = `Scenario ${slug}`;
  const id = await db
    .transaction()
    .execute((tx) => createAgencyWithStarterConfiguration(tx, { slug, name, timeZone, trackingPrefix: 'T' }));
  const units = await db.selectFrom('units').select(['id', 'code']).where('agency_id', '=', id).execute();
  return {
    agency: { id, slug, name, timeZone },
    unitIds: new Map(units.map((u) => [u.code, u.id])),
    unitCodes: new Map(units.map((u) => [u.id, u.code])),
  };
}

/** An existing agency (e.g. `main`, where the test app's administrator signs in). */
export async function existingAgency(db: Db, slug: string): Promise<ScenarioAgency> {
  const row = await db
    .selectFrom('agencies')
    .select(['id', 'name', 'time_zone'])
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow();
  const units = await db.selectFrom('units').select(['id', 'code']).where('agency_id', '=', row.id).execute();
  return {
    agency: { id: row.id, slug, name: row.name, timeZone: row.time_zone },
    unitIds: new Map(units.map((u) => [u.code, u.id])),
    unitCodes: new Map(units.map((u) => [u.id, u.code])),
  };
}

/** A context acting as the system (sees every case of the agency) or as the given actor. */
export function contextFor(db: Db, agency: Agency, actor: Actor = systemActor('test')): CommandContext {
  return { db, agency, actor, requestId: null };
}

/** A staff member of the agency with a role and unit memberships (ids), for contexts. */
export async function createActor(
  db: Db,
  scenario: ScenarioAgency,
  options: { email: string; role: Actor['role']; units: string[] },
): Promise<Actor> {
  const user = await db
    .insertInto('users')
    .values({
      agency_id: scenario.agency.id,
      email: options.email,
      name: options.email,
      role: options.role,
      password_hash: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const unitIds = options.units.map((code) => scenario.unitIds.get(code)!);
  for (const unitId of unitIds) {
    await db
      .insertInto('unit_memberships')
      .values({ agency_id: scenario.agency.id, user_id: user.id, unit_id: unitId })
      .execute();
  }
  return {
    userId: user.id,
    name: options.email,
    email: options.email,
    role: options.role,
    unitIds,
    managedUnitIds: [],
    via: 'session',
  };
}

function statusOf(seed: CaseSeed): CaseStatus {
  if (seed.merged || seed.closedAt) return 'closed';
  return seed.firstResponseAt ? 'responded' : 'in_progress';
}

/** Writes the cases (and their people and survey answers); returns the case ids in the order given. */
export async function insertCases(db: Db, scenario: ScenarioAgency, seeds: CaseSeed[]): Promise<number[]> {
  const agencyId = scenario.agency.id;
  const people = new Map<number, number>();
  for (const n of new Set(seeds.map((s) => s.person).filter((p): p is number => p !== null && p !== undefined))) {
    const row = await db
      .insertInto('people')
      .values({ agency_id: agencyId, first_name: 'Person', last_name: String(n) })
      .returning('id')
      .executeTakeFirstOrThrow();
    people.set(n, row.id);
  }
  const prefix = `${scenario.agency.slug.toUpperCase()}-${Date.now().toString(36)}`;
  const ids: number[] = [];
  for (let i = 0; i < seeds.length; i += 500) {
    const batch = seeds.slice(i, i + 500).map((s, j) => ({
      agency_id: agencyId,
      tracking_number: `${prefix}-${i + j}`,
      channel: s.channel,
      subject_code: s.subject,
      received_at: s.receivedAt,
      status: statusOf(s),
      language: s.language ?? 'en',
      writer_type: s.writerType ?? 'constituent',
      person_id: s.person === null || s.person === undefined ? null : people.get(s.person)!,
      unit_id: s.unit === null ? null : scenario.unitIds.get(s.unit)!,
      facility: s.facility ?? null,
      restricted: s.restricted ?? false,
      first_response_due_at: s.firstResponseDueAt ?? null,
      first_response_at: s.firstResponseAt ?? null,
      closed_at: s.closedAt ?? (s.merged ? s.receivedAt : null),
      escalated_at: s.escalatedAt ?? null,
      escalation_level: s.escalationLevel ?? (s.escalatedAt ? 1 : 0),
    }));
    const rows = await db.insertInto('cases').values(batch).returning('id').execute();
    ids.push(...rows.map((r) => r.id));
  }
  const mergedIds = ids.filter((_, i) => seeds[i]!.merged);
  const survivor = ids[seeds.findIndex((s) => !s.merged)];
  if (mergedIds.length && survivor !== undefined) {
    await db
      .updateTable('cases')
      .set({ merged_into_id: survivor })
      .where('agency_id', '=', agencyId)
      .where('id', 'in', mergedIds)
      .execute();
  }
  for (const [i, seed] of seeds.entries()) {
    if (!seed.survey) continue;
    const invitation = await db
      .insertInto('survey_invitations')
      .values({
        agency_id: agencyId,
        case_id: ids[i]!,
        token_digest: `${prefix}-survey-${i}`,
        expires_at: new Date(seed.survey.createdAt.getTime() + 60 * 86_400_000),
        answered_at: seed.survey.createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('survey_responses')
      .values({
        agency_id: agencyId,
        invitation_id: invitation.id,
        case_id: ids[i]!,
        satisfaction: seed.survey.satisfaction,
        resolved: seed.survey.resolved,
        created_at: seed.survey.createdAt,
      })
      .execute();
  }
  return ids;
}

/** A small seeded random number generator (mulberry32), so a failing case can be reproduced. */
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

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * `count` varied cases received between `from` and `to`: channels, subjects (both levels and none), units (and
 * none), facilities, languages, writer types, a few dozen people writing again, responses and closings at random
 * delays (some after `to`), escalations, restricted and merged cases, and survey answers.
 */
export function generateSeeds(random: () => number, count: number, from: Date, to: Date): CaseSeed[] {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const channels = ['email', 'email', 'letter', '311', 'web', 'phone'] as const;
  const subjects = ['SNAP', 'CASH', 'SHELTER', 'SHELTER.CONDITIONS', 'SHELTER.SAFETY', 'EVICTION', null] as const;
  const units = ['SNAP', 'FIA', 'FAC', 'DV', null] as const;
  const span = to.getTime() - from.getTime();
  return Array.from({ length: count }, () => {
    const receivedAt = new Date(from.getTime() + Math.floor(random() * span));
    const responds = random() < 0.8;
    const firstResponseAt = responds ? new Date(receivedAt.getTime() + Math.floor(random() * 30 * DAY)) : null;
    const closedAt =
      firstResponseAt && random() < 0.7 ? new Date(firstResponseAt.getTime() + Math.floor(random() * 40 * DAY)) : null;
    const escalatedAt = random() < 0.15 ? new Date(receivedAt.getTime() + Math.floor(random() * 20 * DAY)) : null;
    const subject = pick(subjects);
    const seed: CaseSeed = {
      channel: pick(channels),
      subject,
      unit: pick(units),
      facility: subject?.startsWith('SHELTER') ? pick(['Bedford Atlantic', 'Franklin Avenue', null]) : null,
      language: pick(['en', 'en', 'es', 'zh']),
      writerType: random() < 0.1 ? 'elected_official' : pick(['constituent', 'constituent', 'advocate']),
      person: random() < 0.7 ? Math.floor(random() * 40) : null,
      receivedAt,
      firstResponseAt,
      firstResponseDueAt: random() < 0.9 ? new Date(receivedAt.getTime() + 14 * DAY) : null,
      closedAt,
      escalatedAt,
      escalationLevel: escalatedAt ? 1 + Math.floor(random() * 3) : 0,
      restricted: random() < 0.08,
      merged: random() < 0.05,
    };
    if (closedAt && random() < 0.4) {
      seed.survey = {
        createdAt: new Date(closedAt.getTime() + Math.floor(random() * 5 * DAY)),
        satisfaction: 1 + Math.floor(random() * 5),
        resolved: pick([true, false, null]),
      };
    }
    return seed;
  });
}
