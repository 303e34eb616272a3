// Intake semantics for imported rows, without a query per row: the agency's configuration is read once (the cached
// one intake uses), then each row gets the intake decision every door gets (domain/intake-decision.ts). The
// routing of an item is memoised on the fields the active rules read (a 311 file has a few hundred complaint types, so the rules run a few hundred times, not once a row),
// deadlines of day-based targets per local date, and the local date and tracking year of each receipt come from a
// per-zone reader that rarely asks Intl.
import type { Db } from '../../db/database.ts';
import type { Priority, WriterType } from '../../db/schema.ts';
import type { AgencyClock, StandardRow } from '../../repositories/intake-configuration.ts';
import { intakeConfiguration, type IntakeConfiguration } from '../../repositories/intake-configuration.ts';
import type { ChannelRow } from '../../repositories/channels.ts';
import { routeIntake, standardDeadlines, type IntakeRouting } from '../../../domain/intake-decision.ts';
import type { Deadlines } from '../../../domain/deadlines.ts';
import { localDayReader } from './import-times.ts';

export interface IntakeItem {
  channel: string;
  /** The configured channel the rows came through, if any (its unit and standard count, as at intake). */
  channelSlug?: string | null;
  subject: string | null;
  text: string;
  writerType: WriterType;
  language: string;
  facility: string | null;
  receivedAt: Date;
  /** A unit fixed by the source (a mapping or the file's own column); wins over the rules. */
  unitCode?: string | null;
}

export interface RowDecision {
  unitCode: string | null;
  priority: Priority;
  tags: string[];
  standardId: number | null;
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  escalationLevel: number;
  trackingYear: number;
  reason: string | null;
}

/** The agency facts intake needs, loaded once per import. */
export interface IntakePlanner {
  clock: AgencyClock;
  units: Map<string, number>;
  subjects: Map<string, { name: string; active: boolean }>;
  /** The agency's channels in the order intake picks among them (by id): a type's first active one is its channel. */
  channels: readonly ChannelRow[];
  decide(item: IntakeItem): RowDecision;
}

/** Loads the agency's configuration and returns the per-row intake decision function. */
export async function loadIntakePlanner(db: Db, agencyId: number): Promise<IntakePlanner> {
  // The same cached configuration intake uses, so an import follows exactly the rules a new case would.
  const config = await intakeConfiguration(db, agencyId);
  const { clock, subjects } = config;
  const units = new Map([...config.units].map(([code, unit]) => [code, unit.id]));
  return { clock, units, subjects, channels: config.channels, decide: decider(config) };
}

const ROUTING_CACHE_LIMIT = 10_000;

function decider(config: IntakeConfiguration) {
  const { clock, rules } = config;
  const deadlineCache = new Map<string, Deadlines>();
  const localDay = localDayReader(clock.timeZone);
  // The item's text and facility are part of the memo key only when an active rule looks at them: otherwise two
  // items with the same channel, subject, writer and language are routed alike, whatever they say.
  const conditions = rules.filter((rule) => rule.active).map((rule) => rule.conditions);
  const readsText = conditions.some((c) => !!c.words?.length);
  const readsFacility = conditions.some((c) => !!c.facility?.length);
  const routingCache = new Map<string, IntakeRouting<StandardRow>>();
  // The intake decision without the source's unit and the receipt time (memoised per distinct item).
  const route = (item: IntakeItem): IntakeRouting<StandardRow> => {
    const key = JSON.stringify([
      item.channel,
      item.channelSlug ?? null,
      item.subject,
      item.writerType,
      item.language,
      readsFacility ? item.facility : null,
      readsText ? item.text : null,
    ]);
    let routing = routingCache.get(key);
    if (routing) return routing;
    routing = routeIntake(config, { ...item, channelSlug: item.channelSlug ?? null, unitCode: null });
    Object.freeze(routing.tags); // shared by every decision with this key
    if (routingCache.size >= ROUTING_CACHE_LIMIT) routingCache.clear();
    routingCache.set(key, routing);
    return routing;
  };
  const deadlinesFor = (standard: StandardRow | null, receivedAt: Date, date: string): Deadlines => {
    const compute = () => standardDeadlines(config, standard, { receivedAt });
    if (!standard) return compute();
    const dayBased =
      standard.firstResponse?.unit !== 'business_hours' && standard.resolution?.unit !== 'business_hours';
    if (!dayBased) return compute();
    const key = `${standard.id}|${date}`;
    let cached = deadlineCache.get(key);
    if (!cached) {
      cached = compute();
      if (deadlineCache.size > 20_000) deadlineCache.clear();
      deadlineCache.set(key, cached);
    }
    return cached;
  };
  return (item: IntakeItem): RowDecision => {
    const { unitCode, priority, standard, tags, escalationLevel, reason } = route(item);
    const day = localDay(item.receivedAt);
    const deadlines = deadlinesFor(standard, item.receivedAt, day.date);
    return {
      // A unit fixed by the source wins, as in decideIntake.
      unitCode: item.unitCode || unitCode,
      priority,
      tags,
      standardId: standard ? standard.id : null,
      firstResponseDueAt: deadlines.firstResponseDueAt,
      resolutionDueAt: deadlines.resolutionDueAt,
      escalationLevel,
      trackingYear: day.year,
      reason,
    };
  };
}
