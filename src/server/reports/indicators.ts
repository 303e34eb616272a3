// Computes the customer-service indicators of the Mayor's Management Report (definitions, in words, in
// indicator-definitions.ts) for a period and the same period a year earlier, in one SQL statement: each group of
// items (e-mails and letters by receipt, cases by closing, calls by offering, interpretation requests by completion)
// is classified once per row into numerator / late / pending / excluded with the agency's local days worked out
// in SQL, and counted per class. The drill-down (indicator-items.ts) lists rows from the same sources and the same
// classification, so its lists always add up to these numbers.
import { sql, type RawBuilder } from 'kysely';
import type { CommandContext } from '../context.ts';
import { visibleCasesFilter } from '../policies/case-access.ts';
import { periodInstants, periodYearEarlier, type ReportPeriod } from '../../shared/report-periods.ts';
import {
  CALL_INDICATOR_ROLES,
  FIXED_INDICATORS,
  channelOrder,
  closedOnTimeDefinition,
  type IndicatorDefinition,
  type IndicatorUnit,
} from '../../shared/indicator-definitions.ts';
import { readIndicatorTargets } from '../repositories/indicator-targets.ts';
import { percentOf, roundTo } from './report-numbers.ts';

/** The instants counted for a period: [start, end), the end never after asOf. */
export interface CountingWindow {
  start: Date;
  end: Date;
  asOf: Date;
}

/** The numbers of one indicator in one period. */
export interface IndicatorNumbers {
  /** Percent 0–100 or seconds, one decimal; a count for counts; null when there is nothing to divide by. */
  value: number | null;
  numerator: number;
  /** Null for a plain count. */
  denominator: number | null;
  /** E-mails and letters still inside their 14 days with no response (in neither number). */
  pending?: number;
  /** Items in neither number for want of what the indicator measures (see indicator-definitions.ts). */
  excluded?: number;
}

export interface Indicator extends IndicatorNumbers {
  key: string;
  name: string;
  unit: IndicatorUnit;
  better: 'higher' | 'lower';
  target?: number;
  previousYear: IndicatorNumbers;
}

export interface IndicatorsResult {
  period: ReportPeriod;
  previousYearPeriod: ReportPeriod;
  /** When the numbers were taken (ISO instant). */
  asOf: string;
  timeZone: string;
  indicators: Indicator[];
}

/** Why a period cannot be reported on (outside the years 1901–2999, so a year earlier is a real year), if so. */
export function unreportablePeriod(period: ReportPeriod): string | undefined {
  return period.from < '1901-01-01' || period.to > '2999-12-31' ? 'choose a period between 1901 and 2999' : undefined;
}

/** Whether the actor sees the call and interpretation indicators (and their drill-downs). */
export function seesCallIndicators(ctx: CommandContext): boolean {
  return (CALL_INDICATOR_ROLES as readonly string[]).includes(ctx.actor.role);
}

/** The counting window of a period in the agency's time zone. */
export function countingWindow(ctx: CommandContext, period: ReportPeriod, asOf: Date): CountingWindow {
  const { start, end } = periodInstants(period, ctx.agency.timeZone);
  return { start, end: end.getTime() < asOf.getTime() ? end : asOf, asOf };
}

/** E-mails or letters received in the window, classified against their 14th local day. */
export function responseSource(ctx: CommandContext, window: CountingWindow, channels: ('email' | 'letter')[]) {
  const tz = ctx.agency.timeZone;
  const dueDay = sql`((c.received_at at time zone ${tz})::date + 14)`;
  const responded = sql`c.first_response_at <= ${window.asOf}::timestamptz`;
  const group = sql<string>`case
      when ${responded} then
        case when (c.first_response_at at time zone ${tz})::date <= ${dueDay} then 'numerator' else 'late' end
      when (${window.asOf}::timestamptz at time zone ${tz})::date > ${dueDay} then 'late'
      else 'pending' end`;
  // Channels as literals, so that the planner matches the partial index cases_report_responses.
  const channelList = sql.join(channels.map((channel) => sql.lit(channel)));
  const query = ctx.db
    .selectFrom('cases as c')
    .where(visibleCasesFilter(ctx))
    .where(sql<boolean>`c.channel in (${channelList})`)
    .where('c.received_at', '>=', window.start)
    .where('c.received_at', '<', window.end)
    .where('c.merged_into_id', 'is', null);
  return { query, group };
}

/** Cases closed in the window (of one channel, or all), classified against their resolution deadline. */
export function closedSource(ctx: CommandContext, window: CountingWindow, channel?: string) {
  const group = sql<string>`case
      when c.resolution_due_at is null then 'excluded'
      when c.closed_at <= c.resolution_due_at then 'numerator'
      else 'late' end`;
  let query = ctx.db
    .selectFrom('cases as c')
    .where(visibleCasesFilter(ctx))
    .where('c.closed_at', '>=', window.start)
    .where('c.closed_at', '<', window.end)
    .where('c.merged_into_id', 'is', null);
  if (channel !== undefined) query = query.where('c.channel', '=', channel);
  return { query, group };
}

/** Calls offered in the window, classified by their wait (answered in 30 s, later or abandoned, neither). */
export function callSource(ctx: CommandContext, window: CountingWindow) {
  const group = sql<string>`case
      when l.answered_at is not null then
        case when l.answered_at - l.offered_at <= interval '30 seconds' then 'numerator' else 'late' end
      when l.abandoned_at is not null then 'late'
      else 'excluded' end`;
  const wait = sql<number | null>`extract(epoch from l.answered_at - l.offered_at)`;
  const query = ctx.db
    .selectFrom('calls as l')
    .where('l.agency_id', '=', ctx.agency.id)
    .where('l.offered_at', '>=', window.start)
    .where('l.offered_at', '<', window.end);
  return { query, group, wait };
}

/** Interpretation requests completed in the window. */
export function interpretationSource(ctx: CommandContext, window: CountingWindow) {
  const query = ctx.db
    .selectFrom('interpretation_requests as i')
    .where('i.agency_id', '=', ctx.agency.id)
    .where('i.completed_at', '>=', window.start)
    .where('i.completed_at', '<', window.end);
  return { query, group: sql<string>`'numerator'` };
}

type Measure = 'responses' | 'closed' | 'calls' | 'interpretations';

const label = (text: string) => sql<string>`${sql.lit(text)}::text`;

/**
 * One statement: every source of every window, counted per channel and class. Each source classifies its rows in a
 * sub-select and the outer query groups by that class, so the local-day arithmetic runs once per row.
 */
function countingStatement(ctx: CommandContext, windows: { which: string; window: CountingWindow }[]) {
  const withCalls = seesCallIndicators(ctx);
  const branches = windows.flatMap(({ which, window }) => {
    const tally = (measure: Measure, channel: RawBuilder<string | null>, wait: RawBuilder<number | null>) =>
      [
        label(which).as('which'),
        label(measure).as('measure'),
        channel.as('channel'),
        sql<string>`x.grp`.as('grp'),
        sql<number>`count(*)`.as('n'),
        sql<number>`count(${wait})`.as('timed'),
        sql<number | null>`sum(${wait})`.as('wait_seconds'),
      ] as const;
    const noWait = sql<number | null>`null::numeric`;
    const responses = responseSource(ctx, window, ['email', 'letter']);
    const closed = closedSource(ctx, window);
    const list = [
      ctx.db
        .selectFrom(responses.query.select(['c.channel', responses.group.as('grp')]).as('x'))
        .select(tally('responses', sql`x.channel`, noWait))
        .groupBy(['x.channel', 'x.grp']),
      ctx.db
        .selectFrom(closed.query.select(['c.channel', closed.group.as('grp')]).as('x'))
        .select(tally('closed', sql`x.channel`, noWait))
        .groupBy(['x.channel', 'x.grp']),
    ];
    if (withCalls) {
      const calls = callSource(ctx, window);
      const interpretations = interpretationSource(ctx, window);
      list.push(
        ctx.db
          .selectFrom(calls.query.select([calls.group.as('grp'), calls.wait.as('wait')]).as('x'))
          .select(tally('calls', sql`null::text`, sql`x.wait`))
          .groupBy('x.grp'),
        ctx.db
          .selectFrom(interpretations.query.select(interpretations.group.as('grp')).as('x'))
          .select(tally('interpretations', sql`null::text`, noWait))
          .groupBy('x.grp'),
      );
    }
    return list;
  });
  return branches.slice(1).reduce((all, branch) => all.unionAll(branch), branches[0]!);
}

interface Tally {
  numerator: number;
  late: number;
  pending: number;
  excluded: number;
  timed: number;
  waitSeconds: number;
}

const emptyTally = (): Tally => ({ numerator: 0, late: 0, pending: 0, excluded: 0, timed: 0, waitSeconds: 0 });

function numbersFor(definition: IndicatorDefinition, t: Tally): IndicatorNumbers {
  switch (definition.source) {
    case 'responses':
      return {
        value: percentOf(t.numerator, t.numerator + t.late),
        numerator: t.numerator,
        denominator: t.numerator + t.late,
        pending: t.pending,
      };
    case 'closed':
    case 'calls':
      return {
        value: percentOf(t.numerator, t.numerator + t.late),
        numerator: t.numerator,
        denominator: t.numerator + t.late,
        excluded: t.excluded,
      };
    case 'waits':
      return {
        value: t.timed > 0 ? roundTo(t.waitSeconds / t.timed, 1) : null,
        numerator: roundTo(t.waitSeconds, 1),
        denominator: t.timed,
      };
    case 'interpretations':
      return { value: t.numerator, numerator: t.numerator, denominator: null };
  }
}

/** The indicators of `period` (and of the same period a year earlier) as the actor may see them, with targets. */
export async function computeIndicators(
  ctx: CommandContext,
  request: { period: ReportPeriod; asOf: Date },
): Promise<IndicatorsResult> {
  const { period, asOf } = request;
  const previousYearPeriod = periodYearEarlier(period);
  const windows = [
    { which: 'current', window: countingWindow(ctx, period, asOf) },
    { which: 'previous_year', window: countingWindow(ctx, previousYearPeriod, asOf) },
  ];
  const [rows, targets] = await Promise.all([
    countingStatement(ctx, windows).execute(),
    readIndicatorTargets(ctx.db, ctx.agency.id),
  ]);

  const tallies = new Map<string, Tally>();
  const closedChannels = new Set<string>(['311']);
  for (const row of rows) {
    const id = `${row.which}|${row.measure}|${row.channel ?? ''}`;
    const tally = tallies.get(id) ?? emptyTally();
    const group = row.grp as 'numerator' | 'late' | 'pending' | 'excluded';
    tally[group] += Number(row.n);
    tally.timed += Number(row.timed);
    tally.waitSeconds += Number(row.wait_seconds ?? 0);
    tallies.set(id, tally);
    if (row.measure === 'closed' && row.channel !== null) closedChannels.add(row.channel);
  }
  const tallyOf = (which: string, definition: IndicatorDefinition) => {
    const measure = definition.source === 'waits' ? 'calls' : definition.source;
    return tallies.get(`${which}|${measure}|${definition.channel ?? ''}`) ?? emptyTally();
  };

  const definitions = [
    ...FIXED_INDICATORS.filter((d) => seesCallIndicators(ctx) || d.source === 'responses'),
    ...[...closedChannels].sort(channelOrder).map(closedOnTimeDefinition),
  ];
  const indicators = definitions.map((definition): Indicator => {
    const target = targets.get(definition.key);
    return {
      key: definition.key,
      name: definition.name,
      unit: definition.unit,
      better: definition.better,
      ...numbersFor(definition, tallyOf('current', definition)),
      ...(target !== undefined ? { target } : {}),
      previousYear: numbersFor(definition, tallyOf('previous_year', definition)),
    };
  });
  return { period, previousYearPeriod, asOf: asOf.toISOString(), timeZone: ctx.agency.timeZone, indicators };
}
