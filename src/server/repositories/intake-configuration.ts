// Everything intake reads about an agency — clock, routing rules, standards, subjects, units, channels — cached per
// database handle and agency, and reloaded whenever agencies.config_version moves (triggers bump it on every
// configuration change, from any process). One primary-key read per intake instead of six. Intake, imports, the
// demo seed and every re-decision of a case read the configuration here.
import type { Db } from '../db/database.ts';
import type { ChannelRow } from './channels.ts';
import { listRoutingRules } from './configuration/routing-rules.ts';
import { listServiceStandards } from './configuration/service-standards.ts';
import type { RoutingRule } from '../../domain/routing-rules.ts';
import type { StandardCandidate } from '../../domain/service-standards.ts';
import type { BusinessCalendar, EscalationLevel, Target } from '../../domain/types.ts';

export interface AgencyClock {
  timeZone: string;
  calendar: BusinessCalendar;
  trackingPrefix: string;
  escalationLevels: EscalationLevel[];
}

export interface StandardRow extends StandardCandidate {
  name: string;
  firstResponse: Target | null;
  resolution: Target | null;
  warningPercent: number;
}

/** The agency's time zone, business calendar, tracking prefix and escalation ladder. */
export async function agencyClock(db: Db, agencyId: number): Promise<AgencyClock> {
  const row = await db
    .selectFrom('agencies')
    .select(['time_zone', 'calendar', 'tracking_prefix', 'escalation_levels'])
    .where('id', '=', agencyId)
    .executeTakeFirstOrThrow();
  return {
    timeZone: row.time_zone,
    calendar: row.calendar,
    trackingPrefix: row.tracking_prefix,
    escalationLevels: row.escalation_levels,
  };
}

export interface IntakeConfiguration {
  version: number;
  clock: AgencyClock;
  rules: RoutingRule[];
  standards: StandardRow[];
  subjects: Map<string, { name: string; active: boolean }>;
  units: Map<string, { id: number; name: string; active: boolean }>;
  channels: ChannelRow[];
}

const caches = new WeakMap<Db, Map<number, IntakeConfiguration>>();

async function load(db: Db, agencyId: number, version: number): Promise<IntakeConfiguration> {
  const [clock, rules, standards, subjects, units, channels] = await Promise.all([
    agencyClock(db, agencyId),
    // Active rules in evaluation order; every standard (a case keeps an inactive one) in selection order.
    listRoutingRules(db, agencyId).then((rules) => rules.filter((rule) => rule.active)),
    listServiceStandards(db, agencyId),
    db.selectFrom('subjects').select(['code', 'name', 'active']).where('agency_id', '=', agencyId).execute(),
    db.selectFrom('units').select(['id', 'code', 'name', 'active']).where('agency_id', '=', agencyId).execute(),
    db.selectFrom('channels').selectAll().where('agency_id', '=', agencyId).orderBy('id').execute(),
  ]);
  return {
    version,
    clock,
    rules,
    standards,
    subjects: new Map(subjects.map((s) => [s.code, { name: s.name, active: s.active }])),
    units: new Map(units.map((u) => [u.code, { id: u.id, name: u.name, active: u.active }])),
    channels,
  };
}

/**
 * The agency's intake configuration as last read, without checking that it is still current; a caller that uses it
 * must check agencies.config_version where it writes (intake does so inside its one statement).
 */
export function cachedIntakeConfiguration(db: Db, agencyId: number): IntakeConfiguration | undefined {
  return caches.get(db)?.get(agencyId);
}

/**
 * The agency's intake configuration, from the cache when nothing changed since it was read. `cacheOwner` is the
 * database handle whose cache serves it when `db` is a transaction (a transaction's own handle lives too briefly to
 * cache anything); the version is always read through `db`. A transaction that changes the configuration must not
 * read it this way before it commits.
 */
export async function intakeConfiguration(db: Db, agencyId: number, cacheOwner: Db = db): Promise<IntakeConfiguration> {
  const { config_version: version } = await db
    .selectFrom('agencies')
    .select('config_version')
    .where('id', '=', agencyId)
    .executeTakeFirstOrThrow();
  let perAgency = caches.get(cacheOwner);
  if (!perAgency) caches.set(cacheOwner, (perAgency = new Map()));
  const cached = perAgency.get(agencyId);
  if (cached && cached.version === version) return cached;
  // Read the version first: data loaded after it is at least as new, so a stale entry can only be reloaded.
  const fresh = await load(db, agencyId, version);
  perAgency.set(agencyId, fresh);
  return fresh;
}
