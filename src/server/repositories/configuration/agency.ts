// SQL for the agency row itself: name, zone, tracking prefix, calendar, escalation levels, complaint clocks; a new
// agency's row, and the lock under which the first start creates agency `main`.
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { complaintSettings, type ComplaintSettings } from '../../../domain/complaint-clocks.ts';
import type { BusinessCalendar, EscalationLevel } from '../../db/schema.ts';
import type { Agency } from '../../context.ts';

export interface AgencyRecord {
  id: number;
  slug: string;
  name: string;
  timeZone: string;
  trackingPrefix: string;
  calendar: BusinessCalendar;
  escalationLevels: EscalationLevel[];
  /** The complaint and hearing clocks (`settings.complaints` over their defaults). */
  complaints: ComplaintSettings;
  /** The agency's name on the public portal by language (`settings.publicNames`); a language left out shows `name`. */
  publicNames: Record<string, string>;
  /** The agency's list of areas engagements serve (`settings.areas`); empty = any area may be typed. */
  areas: string[];
  version: number;
}

/** The area list of `settings.areas`, whatever else a hand-edited row may hold there. */
export function areasOf(settings: Record<string, unknown> | null | undefined): string[] {
  const value = settings?.areas;
  return Array.isArray(value) ? value.filter((a): a is string => typeof a === 'string' && a.trim() !== '') : [];
}

/** The translated names of `settings.publicNames`, whatever else a hand-edited row may hold there. */
export function publicNamesOf(settings: Record<string, unknown> | null | undefined): Record<string, string> {
  const value = settings?.publicNames;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].trim() !== '',
    ),
  );
}

const agencyColumns = [
  'id',
  'slug',
  'name',
  'time_zone',
  'tracking_prefix',
  'calendar',
  'escalation_levels',
  'settings',
  'version',
] as const;
const toAgency = (r: {
  id: number;
  slug: string;
  name: string;
  time_zone: string;
  tracking_prefix: string;
  calendar: BusinessCalendar;
  escalation_levels: EscalationLevel[];
  settings: Record<string, unknown> | null;
  version: number;
}): AgencyRecord => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  timeZone: r.time_zone,
  trackingPrefix: r.tracking_prefix,
  calendar: r.calendar,
  escalationLevels: r.escalation_levels,
  complaints: complaintSettings(r.settings?.complaints),
  publicNames: publicNamesOf(r.settings),
  areas: areasOf(r.settings),
  version: r.version,
});

const toContextAgency = (r: { id: number; slug: string; name: string; time_zone: string }): Agency => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  timeZone: r.time_zone,
});

/** Every agency (what a command context needs of it) by slug, for jobs that run for all of them. */
export async function listAgencies(db: Db): Promise<Agency[]> {
  const rows = await db.selectFrom('agencies').select(['id', 'slug', 'name', 'time_zone']).orderBy('slug').execute();
  return rows.map(toContextAgency);
}

/** One agency by id (what a command context needs of it); throws when there is none. */
export async function agencyById(db: Db, agencyId: number): Promise<Agency> {
  const row = await db
    .selectFrom('agencies')
    .select(['id', 'slug', 'name', 'time_zone'])
    .where('id', '=', agencyId)
    .executeTakeFirstOrThrow();
  return toContextAgency(row);
}

/**
 * Holds, until the transaction ends, the lock under which the first start looks for agency `main` and creates it,
 * so that two processes starting at once create it once.
 */
export async function holdFirstStartLock(tx: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(42001)`.execute(tx);
}

/** The id of the agency with this slug, or null. */
export async function agencyIdBySlug(db: Db, slug: string): Promise<number | null> {
  const row = await db.selectFrom('agencies').select('id').where('slug', '=', slug).executeTakeFirst();
  return row?.id ?? null;
}

/** Every agency's id and the preset it was created with (`settings.preset`), if any. */
export async function agencyPresets(db: Db): Promise<{ id: number; preset: unknown }[]> {
  const rows = await db.selectFrom('agencies').select(['id', 'settings']).execute();
  return rows.map((r) => ({ id: r.id, preset: r.settings.preset }));
}

/** Inserts a new agency's row; returns its id. */
export async function insertAgency(
  tx: Db,
  agency: {
    slug: string;
    name: string;
    timeZone: string;
    trackingPrefix: string;
    calendar: BusinessCalendar;
    escalationLevels: EscalationLevel[];
    settings: Record<string, unknown>;
  },
): Promise<number> {
  const row = await tx
    .insertInto('agencies')
    .values({
      slug: agency.slug,
      name: agency.name,
      time_zone: agency.timeZone,
      tracking_prefix: agency.trackingPrefix,
      calendar: JSON.stringify(agency.calendar),
      escalation_levels: JSON.stringify(agency.escalationLevels),
      settings: JSON.stringify(agency.settings),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The agency's settings (locked when `lock`). */
export async function getAgency(db: Db, agencyId: number, lock = false): Promise<AgencyRecord> {
  let query = db.selectFrom('agencies').select(agencyColumns).where('id', '=', agencyId);
  if (lock) query = query.forUpdate();
  return toAgency(await query.executeTakeFirstOrThrow());
}

/** Changes the agency's settings and bumps its version. */
export async function updateAgency(
  tx: Db,
  agencyId: number,
  patch: Partial<
    Pick<
      AgencyRecord,
      'name' | 'timeZone' | 'trackingPrefix' | 'calendar' | 'escalationLevels' | 'complaints' | 'publicNames' | 'areas'
    >
  >,
): Promise<AgencyRecord> {
  // Each part of `settings` a patch changes is set in place; the others stay.
  let settings = sql<string>`coalesce(settings, '{}'::jsonb)`;
  if (patch.complaints !== undefined) {
    settings = sql<string>`jsonb_set(${settings}, '{complaints}', ${JSON.stringify(patch.complaints)}::jsonb)`;
  }
  if (patch.areas !== undefined) {
    settings = sql<string>`jsonb_set(${settings}, '{areas}', ${JSON.stringify(patch.areas)}::jsonb)`;
  }
  if (patch.publicNames !== undefined) {
    settings = sql<string>`jsonb_set(${settings}, '{publicNames}', ${JSON.stringify(patch.publicNames)}::jsonb)`;
  }
  const row = await tx
    .updateTable('agencies')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.timeZone !== undefined ? { time_zone: patch.timeZone } : {}),
      ...(patch.trackingPrefix !== undefined ? { tracking_prefix: patch.trackingPrefix } : {}),
      ...(patch.calendar !== undefined ? { calendar: JSON.stringify(patch.calendar) } : {}),
      ...(patch.escalationLevels !== undefined ? { escalation_levels: JSON.stringify(patch.escalationLevels) } : {}),
      ...(patch.complaints !== undefined || patch.publicNames !== undefined || patch.areas !== undefined
        ? { settings }
        : {}),
      version: sql<number>`version + 1`,
    })
    .where('id', '=', agencyId)
    .returning(agencyColumns)
    .executeTakeFirstOrThrow();
  return toAgency(row);
}

/** The agency's area list (`settings.areas`); empty when it keeps none. */
export async function agencyAreas(db: Db, agencyId: number): Promise<string[]> {
  const row = await db.selectFrom('agencies').select('settings').where('id', '=', agencyId).executeTakeFirst();
  return areasOf(row?.settings);
}
