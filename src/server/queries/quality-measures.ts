// Read models of the measures: the catalogue (the agency's entered measures, then civicdesk's own customer-service
// indicators read from the report pipeline), one measure with its values, goals and trend, and the scorecard (each
// measure's latest value against its goal and the federal thresholds, with a short series for the sparkline).
import type { CommandContext } from '../context.ts';
import { notFound } from '../errors.ts';
import {
  findMeasure,
  listGoals,
  listMeasures,
  listValues,
  type MeasureRecord,
  type MeasureValueRecord,
} from '../repositories/quality-measures.ts';
import { computeIndicators, seesCallIndicators } from '../reports/indicators.ts';
import {
  FIXED_INDICATORS,
  closedOnTimeDefinition,
  type IndicatorDefinition,
} from '../../shared/indicator-definitions.ts';
import { readIndicatorTargets } from '../repositories/indicator-targets.ts';
import {
  assessValue,
  meetsGoal,
  parseMeasurePeriod,
  recentPeriods,
  thresholdsFor,
  trendOf,
  type MeasureDirection,
  type ThresholdProfile,
} from '../../domain/measures.ts';
import { monthPeriod } from '../../shared/report-periods.ts';
import { localDate } from '../../shared/local-time.ts';
import type { Measure, MeasureDetail, MeasureValue, Scorecard } from '../../shared/quality.ts';

/** How many periods the scorecard's sparkline shows. */
export const SERIES_LENGTH = 6;

/** A catalogue row as the API shows it. */
export function presentMeasure(m: MeasureRecord): Measure {
  return {
    key: m.key,
    name: m.name,
    periodKind: m.periodKind,
    source: m.source,
    description: m.description,
    unit: m.unit,
    direction: m.direction,
    numeratorLabel: m.numeratorLabel,
    denominatorLabel: m.denominatorLabel,
    reportLines: m.reportLines,
    thresholds: thresholdsFor(m.thresholdProfile as ThresholdProfile),
    entered: true,
  };
}

/** civicdesk's own indicators as measures: computed per month from cases, calls and interpretation requests. */
function indicatorDefinitions(ctx: CommandContext): IndicatorDefinition[] {
  return [
    ...FIXED_INDICATORS.filter((d) => seesCallIndicators(ctx) || d.source === 'responses'),
    closedOnTimeDefinition('311'),
  ];
}

function presentIndicator(d: IndicatorDefinition): Measure {
  return {
    key: d.key,
    name: d.name,
    periodKind: 'month',
    source: 'civicdesk',
    description: d.definition,
    unit: d.unit,
    direction: d.better,
    numeratorLabel: d.unit === 'seconds' ? 'Seconds waited' : 'Items on time',
    denominatorLabel: d.unit === 'count' ? '' : d.unit === 'seconds' ? 'Calls answered' : 'Items counted',
    reportLines: "Mayor's Management Report",
    thresholds: null,
    entered: false,
  };
}

/** The whole catalogue: entered measures first, then civicdesk's computed indicators. */
export async function measureCatalogue(ctx: CommandContext): Promise<Measure[]> {
  const entered = await listMeasures(ctx.db, ctx.agency.id);
  return [...entered.map(presentMeasure), ...indicatorDefinitions(ctx).map(presentIndicator)];
}

/** The value of a period as the API shows it, with the goal of its year and the federal assessment. */
export function presentValue(
  measure: MeasureRecord,
  v: MeasureValueRecord,
  goal: number | undefined,
  previous: number | null,
): MeasureValue {
  const period = parseMeasurePeriod(v.periodKey);
  const profile = measure.thresholdProfile as ThresholdProfile;
  const { thresholds, ...assessment } = assessValue(profile, v.value, previous);
  return {
    measureKey: measure.key,
    period: v.periodKey,
    periodLabel: period.label,
    from: v.periodFrom,
    to: v.periodTo,
    numerator: v.numerator,
    denominator: v.denominator,
    value: v.value,
    source: v.source,
    enteredVia: v.enteredVia,
    reliable: v.reliable,
    reliabilityNote: v.reliabilityNote,
    enteredByName: v.enteredByName,
    enteredAt: v.enteredAt.toISOString(),
    version: v.version,
    goal: goal ?? null,
    meetsGoal: goal === undefined ? null : meetsGoal(v.value, goal, measure.direction),
    thresholds,
    assessment,
  };
}

/** The values of entered measures presented with goals, the prior period feeding the federal "improvement" rules. */
async function presentedValues(ctx: CommandContext, measures: MeasureRecord[]): Promise<Map<number, MeasureValue[]>> {
  const ids = measures.map((m) => m.id);
  const [values, goals] = await Promise.all([
    listValues(ctx.db, ctx.agency.id, ids),
    listGoals(ctx.db, ctx.agency.id, ids),
  ]);
  const goalOf = new Map(goals.map((g) => [`${g.measureId}|${g.year}`, g.goal]));
  const byMeasure = new Map<number, MeasureValue[]>();
  for (const measure of measures) {
    const own = values.filter((v) => v.measureId === measure.id);
    byMeasure.set(
      measure.id,
      own.map((v, i) => {
        const year = parseMeasurePeriod(v.periodKey).goalYear;
        return presentValue(measure, v, goalOf.get(`${measure.id}|${year}`), i > 0 ? own[i - 1]!.value : null);
      }),
    );
  }
  return byMeasure;
}

/** civicdesk's indicators for the last months, each month through the report pipeline (computeIndicators). */
async function indicatorSeries(ctx: CommandContext, months: number, now: Date): Promise<Map<string, MeasureValue[]>> {
  const periods = recentPeriods(localDate(now, ctx.agency.timeZone), 'month', months);
  const targets = await readIndicatorTargets(ctx.db, ctx.agency.id);
  const series = new Map<string, MeasureValue[]>();
  for (const p of periods) {
    const [year, month] = p.key.split('-').map(Number) as [number, number];
    const result = await computeIndicators(ctx, { period: monthPeriod(year, month), asOf: now });
    for (const indicator of result.indicators) {
      const scale = indicator.unit === 'percent' ? 100 : 1;
      const target = targets.get(indicator.key);
      const value = indicator.value === null ? null : indicator.value / scale;
      const goal = target === undefined ? null : target / scale;
      const list = series.get(indicator.key) ?? [];
      list.push({
        measureKey: indicator.key,
        period: p.key,
        periodLabel: p.label,
        from: p.from,
        to: p.to,
        numerator: indicator.numerator,
        denominator: indicator.denominator,
        value,
        source: 'civicdesk cases',
        enteredVia: 'computed',
        reliable: true,
        reliabilityNote: '',
        enteredByName: null,
        enteredAt: result.asOf,
        version: 1,
        goal,
        meetsGoal:
          value === null || goal === null ? null : meetsGoal(value, goal, indicator.better as MeasureDirection),
        thresholds: null,
        assessment: { applicablePercentage: null, credit: null, penalty: null },
      });
      series.set(indicator.key, list);
    }
  }
  return series;
}

const valuesOf = (list: MeasureValue[]) => list.map((v) => v.value).filter((v): v is number => v !== null);

/** One measure with its values (oldest first), goals and trend; 404 for a key not in the catalogue. */
export async function measureDetail(ctx: CommandContext, key: string, now = new Date()): Promise<MeasureDetail> {
  const measure = await findMeasure(ctx.db, ctx.agency.id, key);
  if (measure) {
    const values = (await presentedValues(ctx, [measure])).get(measure.id) ?? [];
    const goals = await listGoals(ctx.db, ctx.agency.id, [measure.id]);
    return {
      measure: presentMeasure(measure),
      values,
      goals: goals.map((g) => ({ year: g.year, goal: g.goal })),
      trend: trendOf(valuesOf(values), measure.direction),
    };
  }
  const indicator = indicatorDefinitions(ctx).find((d) => d.key === key);
  if (!indicator) throw notFound(`Measure ${key}`);
  const values = (await indicatorSeries(ctx, 12, now)).get(key) ?? [];
  const target = (await readIndicatorTargets(ctx.db, ctx.agency.id)).get(key);
  const year = Number(localDate(now, ctx.agency.timeZone).slice(0, 4));
  return {
    measure: presentIndicator(indicator),
    values,
    goals: target === undefined ? [] : [{ year, goal: indicator.unit === 'percent' ? target / 100 : target }],
    trend: trendOf(valuesOf(values), indicator.better),
  };
}

/** Every measure's latest value against its goal and thresholds, with the last periods for a sparkline. */
export async function scorecard(ctx: CommandContext, now = new Date()): Promise<Scorecard> {
  const measures = await listMeasures(ctx.db, ctx.agency.id);
  const values = await presentedValues(ctx, measures);
  const rows: Scorecard['rows'] = measures.map((m) => {
    const list = values.get(m.id) ?? [];
    const recent = list.slice(-SERIES_LENGTH);
    return {
      measure: presentMeasure(m),
      latest: list[list.length - 1] ?? null,
      series: recent.map((v) => ({ period: v.period, value: v.value })),
      trend: trendOf(valuesOf(list), m.direction),
    };
  });
  const series = await indicatorSeries(ctx, SERIES_LENGTH, now);
  for (const d of indicatorDefinitions(ctx)) {
    const list = series.get(d.key) ?? [];
    rows.push({
      measure: presentIndicator(d),
      latest: [...list].reverse().find((v) => v.value !== null) ?? list[list.length - 1] ?? null,
      series: list.map((v) => ({ period: v.period, value: v.value })),
      trend: trendOf(valuesOf(list), d.better),
    });
  }
  return { rows };
}
