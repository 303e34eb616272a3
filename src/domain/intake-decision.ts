// The intake decision: what an agency's configuration makes of an incoming item — unit, priority, service standard,
// tags, escalation level and deadlines. Every door (API, portal, email, letters, Open311, imports, the demo seed)
// and every re-decision after an edit (a new priority, subject or writer type) asks this one function, so that the
// same facts always get the same answer. It composes the building blocks: routing-rules.ts (ordered rules),
// service-standards.ts (matching standards) and deadlines.ts (due dates on the agency's calendar).
//
// One order everywhere:
// - unit: the one the source fixes (an import's mapping), else the configured channel's, else the first rule's;
// - priority: the one given (by the door or, after an edit, by the case), else the first rule's, else normal;
// - service standard: the first rule's, else the configured channel's, else the first active standard whose match
//   fits the item with its decided priority;
// - tags: those given, then the rules' own, without duplicates.

import type { BusinessCalendar, Pause, Priority, Target, WriterType } from './types.ts';
import { evaluateRules, type RoutingRule } from './routing-rules.ts';
import { selectStandard, type StandardCandidate } from './service-standards.ts';
import { computeDeadlines, type Deadlines } from './deadlines.ts';
import { initialEscalationLevel } from './escalation.ts';

/** A service standard as the decision reads it: how it matches and its targets. */
export interface DecisionStandard extends StandardCandidate {
  name: string;
  firstResponse: Target | null;
  resolution: Target | null;
}

/** A configured channel (a door such as a hotline) and what it adds at intake. */
export interface DecisionChannel {
  slug: string;
  settings: { unitCode?: string | undefined; serviceStandardId?: number | undefined };
}

/** The agency's configuration the decision reads. */
export interface IntakeSetup<S extends DecisionStandard = DecisionStandard> {
  rules: readonly RoutingRule[];
  standards: readonly S[];
  channels: readonly DecisionChannel[];
  clock: { timeZone: string; calendar: BusinessCalendar };
}

/** What is known of an item when it is decided, whatever door it came through. */
export interface IntakeFacts {
  /** The channel type ('phone', 'email', '311' …). */
  channel: string;
  /** The configured channel it came through, if any; its unit and standard count. */
  channelSlug: string | null;
  subject: string | null;
  /** Everything searchable for words: the subject line and the body. */
  text: string;
  writerType: WriterType;
  language: string;
  facility: string | null;
  /** A priority given by the door or, on a re-decision, the case's own; the rules' otherwise. */
  priority?: Priority | undefined;
  /** A unit fixed by the source (an import's mapping or column); wins over the channel and the rules. */
  unitCode?: string | null | undefined;
  /** Tags given by the door; the rules' tags are added after them. */
  tags?: readonly string[] | undefined;
}

/** The part of a decision that does not depend on when the item was received. */
export interface IntakeRouting<S extends DecisionStandard = DecisionStandard> {
  unitCode: string | null;
  priority: Priority;
  /** Where the priority came from: given, a rule, or the default. */
  prioritySource: 'given' | 'rule' | 'default';
  standard: S | null;
  tags: string[];
  matchedRules: { id: number; name: string }[];
  /** The audit reason of an intake: the rules that matched, or null. */
  reason: string | null;
  escalationLevel: number;
}

export interface IntakeDecision<S extends DecisionStandard = DecisionStandard> extends IntakeRouting<S>, Deadlines {}

/** The moment an item's clock starts, and (for a re-decision) the pauses it has had so far. */
export interface IntakeClock {
  receivedAt: Date;
  pauses?: Pause[] | undefined;
  now?: Date | undefined;
}

/** Unit, priority, standard, tags and escalation level of an item (no deadlines: see decideIntake). */
export function routeIntake<S extends DecisionStandard>(setup: IntakeSetup<S>, facts: IntakeFacts): IntakeRouting<S> {
  const ruled = evaluateRules(setup.rules, {
    channel: facts.channel,
    subject: facts.subject,
    text: facts.text,
    writerType: facts.writerType,
    language: facts.language,
    facility: facts.facility,
  });
  const channel = facts.channelSlug === null ? undefined : setup.channels.find((c) => c.slug === facts.channelSlug);
  const settings = channel?.settings ?? {};
  const priority = facts.priority ?? ruled.priority ?? 'normal';
  const named = (id: number | undefined) => (id === undefined ? undefined : setup.standards.find((s) => s.id === id));
  const standard =
    named(ruled.serviceStandardId) ??
    named(settings.serviceStandardId) ??
    selectStandard(setup.standards, {
      channel: facts.channel,
      subject: facts.subject,
      priority,
      writerType: facts.writerType,
    });
  const given = facts.tags ?? [];
  return {
    unitCode: facts.unitCode || settings.unitCode || ruled.unitCode || null,
    priority,
    prioritySource: facts.priority ? 'given' : ruled.priority ? 'rule' : 'default',
    standard: standard ?? null,
    tags: given.length ? [...new Set([...given, ...ruled.tags])] : ruled.tags,
    matchedRules: ruled.matched,
    reason: ruled.matched.length ? `Routing rules: ${ruled.matched.map((m) => m.name).join(', ')}` : null,
    escalationLevel: initialEscalationLevel(facts.writerType),
  };
}

/** The first-response and resolution deadlines under a standard (none without one) on the agency's calendar. */
export function standardDeadlines(
  setup: Pick<IntakeSetup, 'clock'>,
  standard: DecisionStandard | null,
  clock: IntakeClock,
): Deadlines {
  if (!standard) return { firstResponseDueAt: null, resolutionDueAt: null };
  return computeDeadlines({
    receivedAt: clock.receivedAt,
    firstResponse: standard.firstResponse,
    resolution: standard.resolution,
    calendar: setup.clock.calendar,
    timeZone: setup.clock.timeZone,
    pauses: clock.pauses ?? [],
    now: clock.now,
  });
}

/** The whole decision for an item: its routing and the deadlines of its standard from its receipt. */
export function decideIntake<S extends DecisionStandard>(
  setup: IntakeSetup<S>,
  facts: IntakeFacts,
  clock: IntakeClock,
): IntakeDecision<S> {
  const routing = routeIntake(setup, facts);
  return { ...routing, ...standardDeadlines(setup, routing.standard, clock) };
}
