// Intake semantics for imported rows, without a query per row: the agency's clock, routing rules, standards,
// units and subjects are read once, then each row goes through the same domain functions case-create uses
// (evaluateRules, selectStandard, computeDeadlines). The routing of an item is memoised on the fields the active
// rules read (a 311 file has a few hundred complaint types, so the rules run a few hundred times, not once a row),
// deadlines of day-based targets per local date, and the local date and tracking year of each receipt come from a
// per-zone reader that rarely asks Intl.
import type { Db } from '../../db/database.ts';
import type { Priority, WriterType } from '../../db/schema.ts';
import type { AgencyClock, StandardRow } from '../../repositories/cases.ts';
import { intakeConfiguration } from '../../repositories/intake-configuration.ts';
import type { RoutingResult, RoutingRule } from '../../../domain/routing-rules.ts';
import { evaluateRules } from '../../../domain/routing-rules.ts';
import { selectStandard } from '../../../domain/service-standards.ts';
import { computeDeadlines, type Deadlines } from '../../../domain/deadlines.ts';
import { initialEscalationLevel } from '../../../domain/escalation.ts';
import { localDayReader } from './import-times.ts';

export interface IntakeItem {
  channel: string;
  subject: string | null;
  text: string;
  writerType: WriterType;
  language: string;
  facility: string | null;
  receivedAt: Date;
  /** A unit fixed by the source (a mapping or the file's own column); wins over the rules. */
  unitCode?: string | null;
}

export interface IntakeDecision {
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
  decide(item: IntakeItem): IntakeDecision;
}

/** Loads the agency's configuration and returns the per-row intake decision function. */
export async function loadIntakePlanner(db: Db, agencyId: number): Promise<IntakePlanner> {
  // The same cached configuration intake uses, so an import follows exactly the rules a new case would.
  const config = await intakeConfiguration(db, agencyId);
  const { clock, rules, standards, subjects } = config;
  const units = new Map([...config.units].map(([code, unit]) => [code, unit.id]));
  return { clock, units, subjects, decide: decider(clock, rules, standards) };
}

/** What the rules and standards make of an item, whatever its receipt time (memoised per distinct item). */
interface Routing {
  ruled: RoutingResult;
  priority: Priority;
  standard: StandardRow | null;
  escalationLevel: number;
  reason: string | null;
}

const ROUTING_CACHE_LIMIT = 10_000;

function decider(clock: AgencyClock, rules: RoutingRule[], standards: StandardRow[]) {
  const deadlineCache = new Map<string, Deadlines>();
  const localDay = localDayReader(clock.timeZone);
  // The item's text and facility are part of the memo key only when an active rule looks at them: otherwise two
  // items with the same channel, subject, writer and language are routed alike, whatever they say.
  const conditions = rules.filter((rule) => rule.active).map((rule) => rule.conditions);
  const readsText = conditions.some((c) => !!c.words?.length);
  const readsFacility = conditions.some((c) => !!c.facility?.length);
  const routingCache = new Map<string, Routing>();
  const route = (item: IntakeItem): Routing => {
    const key = JSON.stringify([
      item.channel,
      item.subject,
      item.writerType,
      item.language,
      readsFacility ? item.facility : null,
      readsText ? item.text : null,
    ]);
    let routing = routingCache.get(key);
    if (routing) return routing;
    const ruled = evaluateRules(rules, {
      channel: item.channel,
      subject: item.subject,
      text: item.text,
      writerType: item.writerType,
      language: item.language,
      facility: item.facility,
    });
    Object.freeze(ruled.tags); // shared by every decision with this key
    const priority = ruled.priority ?? 'normal';
    const standard =
      (ruled.serviceStandardId !== undefined && standards.find((s) => s.id === ruled.serviceStandardId)) ||
      selectStandard(standards, {
        channel: item.channel,
        subject: item.subject,
        priority,
        writerType: item.writerType,
      });
    routing = {
      ruled,
      priority,
      standard: standard || null,
      escalationLevel: initialEscalationLevel(item.writerType),
      reason: ruled.matched.length ? `Routing rules: ${ruled.matched.map((m) => m.name).join(', ')}` : null,
    };
    if (routingCache.size >= ROUTING_CACHE_LIMIT) routingCache.clear();
    routingCache.set(key, routing);
    return routing;
  };
  const deadlinesFor = (standard: StandardRow | null, receivedAt: Date, date: string): Deadlines => {
    if (!standard) return { firstResponseDueAt: null, resolutionDueAt: null };
    const dayBased =
      standard.firstResponse?.unit !== 'business_hours' && standard.resolution?.unit !== 'business_hours';
    const compute = () =>
      computeDeadlines({
        receivedAt,
        firstResponse: standard.firstResponse,
        resolution: standard.resolution,
        calendar: clock.calendar,
        timeZone: clock.timeZone,
      });
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
  return (item: IntakeItem): IntakeDecision => {
    const { ruled, priority, standard, escalationLevel, reason } = route(item);
    const day = localDay(item.receivedAt);
    const deadlines = deadlinesFor(standard, item.receivedAt, day.date);
    return {
      unitCode: item.unitCode ?? ruled.unitCode ?? null,
      priority,
      tags: ruled.tags,
      standardId: standard ? standard.id : null,
      firstResponseDueAt: deadlines.firstResponseDueAt,
      resolutionDueAt: deadlines.resolutionDueAt,
      escalationLevel,
      trackingYear: day.year,
      reason,
    };
  };
}
