// Computes the customer-service indicators of the Mayor's Management Report (definitions, in words, in
// indicator-definitions.ts) for a period and the same period a year earlier, in one SQL statement
// (indicators-queries.ts): each group of items (e-mails and letters by receipt, cases by closing, calls by offering,
// interpretation requests by completion) is classified once per row into numerator / late / pending / excluded with
// the agency's local days worked out in SQL, and counted per class. The drill-down (indicator-items.ts) lists rows
// from the same sources and the same classification, so its lists always add up to these numbers.
import type { CommandContext } from '../context.ts';
import { periodInstants, periodYearEarlier, type ReportPeriod } from '../../shared/report-periods.ts';
import {
  CALL_INDICATOR_ROLES,
  FIXED_INDICATORS,
  channelOrder,
  closedOnTimeDefinition,
  type IndicatorDefinition,
} from '../../shared/indicator-definitions.ts';
import { readIndicatorTargets } from '../repositories/indicator-targets.ts';
import { percentOf, roundTo } from './report-numbers.ts';
import { countingStatement, type CountingWindow } from './indicators-queries.ts';
import type { Indicator, IndicatorNumbers, IndicatorsResult } from '../../shared/reports.ts';

export type { CountingWindow } from './indicators-queries.ts';
export type { Indicator, IndicatorNumbers, IndicatorsResult } from '../../shared/reports.ts';

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
    countingStatement(ctx, windows, seesCallIndicators(ctx)).execute(),
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
