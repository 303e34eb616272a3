// Performance measures: the periods a measure is reported for (month, quarter, federal fiscal year October–September
// written FFY2026, city fiscal year July–June written FY2026), value = numerator ÷ denominator, the federal
// child-support incentive and penalty thresholds (45 CFR 305.33 and 305.40, DOMAIN.md §5) and the catalogue of
// federal and California measures every agency starts with. Pure: no I/O, no clock.
import { addLocalDays } from '../shared/local-time.ts';
import { MONTH_NAMES, parsePeriod, shortDate } from '../shared/report-periods.ts';

export const MEASURE_PERIOD_KINDS = ['month', 'quarter', 'federal_fiscal_year', 'city_fiscal_year'] as const;
export type MeasurePeriodKind = (typeof MEASURE_PERIOD_KINDS)[number];

export const MEASURE_UNITS = ['percent', 'ratio', 'dollars', 'count', 'seconds'] as const;
export type MeasureUnit = (typeof MEASURE_UNITS)[number];

export type MeasureDirection = 'higher' | 'lower';

/** Where a measure's values come from: the federal or state program (entered), civicdesk's own cases, a supervisor. */
export type MeasureSource = 'federal' | 'california' | 'civicdesk' | 'manual';

/** Which federal threshold table applies to a measure ('none' for state, local and civicdesk measures). */
export type ThresholdProfile =
  'paternity' | 'orders' | 'current_collections' | 'arrears_collections' | 'cost_effectiveness' | 'none';

/** Data must pass this reliability standard (share of sampled records correct) to earn incentives. */
export const RELIABILITY_STANDARD = 0.95;

export interface MeasurePeriod {
  kind: MeasurePeriodKind;
  /** Normalised text: 2026-10, 2026-Q3, FFY2026, FY2026. */
  key: string;
  label: string;
  /** First and last local day, inclusive. */
  from: string;
  to: string;
  /** The year goals are set for: the fiscal year a fiscal period is named by, else the calendar year. */
  goalYear: number;
}

const KIND_EXAMPLES: Record<MeasurePeriodKind, string> = {
  month: 'a month such as 2026-03',
  quarter: 'a quarter such as 2026-Q1',
  federal_fiscal_year: 'a federal fiscal year such as FFY2026 (1 Oct 2025 – 30 Sep 2026)',
  city_fiscal_year: 'a city fiscal year such as FY2026 (1 Jul 2025 – 30 Jun 2026)',
};

/** A person's name for a period kind. */
export const PERIOD_KIND_LABELS: Record<MeasurePeriodKind, string> = {
  month: 'Month',
  quarter: 'Quarter',
  federal_fiscal_year: 'Federal fiscal year (Oct–Sep)',
  city_fiscal_year: 'City fiscal year (Jul–Jun)',
};

/** The federal fiscal year named by the year it ends in: FFY2026 runs 1 October 2025 – 30 September 2026. */
export function federalFiscalYear(year: number): MeasurePeriod {
  return {
    kind: 'federal_fiscal_year',
    key: `FFY${year}`,
    label: `Federal fiscal year ${year}`,
    from: `${year - 1}-10-01`,
    to: `${year}-09-30`,
    goalYear: year,
  };
}

/**
 * Reads a period of any measure kind: YYYY-MM, YYYY-Qn, FFYyyyy (federal, Oct–Sep) or FYyyyy (city, Jul–Jun).
 * Throws a RangeError saying what is accepted.
 */
export function parseMeasurePeriod(text: string): MeasurePeriod {
  const value = text.trim();
  const federal = /^FFY ?(\d{4})$/i.exec(value);
  if (federal) return federalFiscalYear(Number(federal[1]));
  let parsed;
  try {
    parsed = parsePeriod(value);
  } catch {
    parsed = undefined;
  }
  if (parsed && parsed.kind !== 'range') {
    const kind: MeasurePeriodKind = parsed.kind === 'fiscal_year' ? 'city_fiscal_year' : parsed.kind;
    const year = Number(parsed.kind === 'fiscal_year' ? parsed.key.slice(2) : parsed.key.slice(0, 4));
    return { kind, key: parsed.key, label: parsed.label, from: parsed.from, to: parsed.to, goalYear: year };
  }
  throw new RangeError(`write ${Object.values(KIND_EXAMPLES).join(', ')}`);
}

/** Reads a period that must be of `kind`; the RangeError names the kind the measure is reported for. */
export function parsePeriodOfKind(text: string, kind: MeasurePeriodKind): MeasurePeriod {
  let period: MeasurePeriod | undefined;
  try {
    period = parseMeasurePeriod(text);
  } catch {
    period = undefined;
  }
  if (period?.kind === kind) return period;
  throw new RangeError(
    `this measure is reported per ${PERIOD_KIND_LABELS[kind].toLowerCase()}: write ${KIND_EXAMPLES[kind]}`,
  );
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The period of `kind` that contains a local date (YYYY-MM-DD). */
export function periodContaining(date: string, kind: MeasurePeriodKind): MeasurePeriod {
  const [year, month] = date.split('-').map(Number) as [number, number];
  switch (kind) {
    case 'month':
      return parseMeasurePeriod(`${year}-${pad(month)}`);
    case 'quarter':
      return parseMeasurePeriod(`${year}-Q${Math.floor((month - 1) / 3) + 1}`);
    case 'federal_fiscal_year':
      return federalFiscalYear(month >= 10 ? year + 1 : year);
    case 'city_fiscal_year':
      return parseMeasurePeriod(`FY${month >= 7 ? year + 1 : year}`);
  }
}

/** The period just before another of the same kind. */
export function previousMeasurePeriod(period: MeasurePeriod): MeasurePeriod {
  return periodContaining(addLocalDays(period.from, -1), period.kind);
}

/** The `count` periods of `kind` ending with the one containing `date`, oldest first. */
export function recentPeriods(date: string, kind: MeasurePeriodKind, count: number): MeasurePeriod[] {
  const periods = [periodContaining(date, kind)];
  while (periods.length < count) periods.unshift(previousMeasurePeriod(periods[0]!));
  return periods;
}

/** A period's days as "1 Oct 2025 – 30 Sep 2026". */
export function periodSpan(period: MeasurePeriod): string {
  return `${shortDate(period.from)} – ${shortDate(period.to)}`;
}

/** Numerator ÷ denominator; throws a RangeError naming the part at fault when there is no value to compute. */
export function measureValue(numerator: number, denominator: number): number {
  if (!Number.isFinite(numerator)) throw new RangeError('numerator: must be a number');
  if (!Number.isFinite(denominator)) throw new RangeError('denominator: must be a number');
  if (numerator < 0) throw new RangeError('numerator: must not be negative');
  if (denominator <= 0)
    throw new RangeError('denominator: must be greater than 0 (a measure has no value over nothing)');
  return numerator / denominator;
}

export interface Thresholds {
  /** The value that earns full incentive credit (100 % applicable percentage). */
  fullCredit: number;
  /** Below this value no incentive is earned (unless improved enough over the prior year). */
  noCredit: number;
  /** Below this value a penalty applies (unless improved enough over the prior year); null when none. */
  penaltyFloor: number | null;
}

const THRESHOLDS: Record<Exclude<ThresholdProfile, 'none'>, Thresholds> = {
  paternity: { fullCredit: 0.8, noCredit: 0.5, penaltyFloor: 0.9 },
  orders: { fullCredit: 0.8, noCredit: 0.5, penaltyFloor: 0.4 },
  current_collections: { fullCredit: 0.8, noCredit: 0.4, penaltyFloor: 0.35 },
  arrears_collections: { fullCredit: 0.8, noCredit: 0.4, penaltyFloor: null },
  cost_effectiveness: { fullCredit: 5, noCredit: 2, penaltyFloor: null },
};

/** The federal thresholds of a profile, or null for measures without them. */
export function thresholdsFor(profile: ThresholdProfile): Thresholds | null {
  return profile === 'none' ? null : THRESHOLDS[profile];
}

/** Points of improvement over the prior year that earn 50 % applicable percentage below the no-credit level. */
const IMPROVEMENT_FOR_CREDIT: Record<Exclude<ThresholdProfile, 'none' | 'cost_effectiveness'>, number> = {
  paternity: 10,
  orders: 5,
  current_collections: 5,
  arrears_collections: 5,
};

const points = (ratio: number) => Math.floor(ratio * 100 + 1e-9);

/**
 * The incentive applicable percentage (0–100) for a performance level: tables 1–3 of 45 CFR 305.33. Percentage
 * measures drop 2 per point from 80 to 70, then 1 per point to the no-credit level; cost-effectiveness drops 10 per
 * 50 cents from $5.00 to $2.00. `previous` (the prior fiscal year) rescues a level below no-credit that improved by
 * the required points.
 */
export function applicablePercentage(
  profile: ThresholdProfile,
  value: number,
  previous?: number | null,
): number | null {
  if (profile === 'none') return null;
  if (profile === 'cost_effectiveness') {
    if (value >= 5) return 100;
    if (value < 2) return 0;
    return 40 + Math.floor((value - 2) / 0.5 + 1e-9) * 10;
  }
  const level = points(value);
  if (level >= 80) return 100;
  if (level >= 70) return 80 + (level - 70) * 2;
  const floor = points(THRESHOLDS[profile].noCredit);
  if (level >= floor) return 80 - (70 - level);
  if (
    previous !== undefined &&
    previous !== null &&
    (value - previous) * 100 + 1e-9 >= IMPROVEMENT_FOR_CREDIT[profile]
  ) {
    return 50;
  }
  return 0;
}

/** Improvement over the prior year that avoids the paternity penalty below 90 % (45 CFR 305.40 table 4). */
function paternityImprovementNeeded(level: number): number {
  if (level >= 90) return 0;
  if (level >= 75) return 2;
  if (level >= 50) return 3;
  if (level >= 45) return 4;
  if (level >= 40) return 5;
  return 6;
}

/**
 * Whether a performance level incurs the federal penalty (45 CFR 305.40): paternity below 90 % without the required
 * increase, orders below 40 % or current collections below 35 % without a 5-point increase. Null when the measure
 * has no penalty; without the prior year a level below the floor counts as penalised.
 */
export function incursPenalty(profile: ThresholdProfile, value: number, previous?: number | null): boolean | null {
  const floor = thresholdsFor(profile)?.penaltyFloor ?? null;
  if (floor === null) return null;
  if (value + 1e-9 >= floor) return false;
  const needed = profile === 'paternity' ? paternityImprovementNeeded(points(value)) : 5;
  if (previous === undefined || previous === null) return true;
  return (value - previous) * 100 + 1e-9 < needed;
}

export type CreditLevel = 'full' | 'partial' | 'none';

export interface Assessment {
  thresholds: Thresholds | null;
  applicablePercentage: number | null;
  credit: CreditLevel | null;
  penalty: boolean | null;
}

/** A value judged against the federal thresholds of its profile (all null for measures without them). */
export function assessValue(profile: ThresholdProfile, value: number, previous?: number | null): Assessment {
  const applicable = applicablePercentage(profile, value, previous);
  return {
    thresholds: thresholdsFor(profile),
    applicablePercentage: applicable,
    credit: applicable === null ? null : applicable >= 100 ? 'full' : applicable > 0 ? 'partial' : 'none',
    penalty: incursPenalty(profile, value, previous),
  };
}

/** Whether a value meets its goal: at or above for "higher is better", at or below for "lower". */
export function meetsGoal(value: number, goal: number, direction: MeasureDirection): boolean {
  return direction === 'higher' ? value + 1e-12 >= goal : value - 1e-12 <= goal;
}

export type Trend = 'improving' | 'worsening' | 'steady';

/** The direction of the last change in a series of values (oldest first), better or worse for the measure. */
export function trendOf(values: number[], direction: MeasureDirection): Trend | null {
  if (values.length < 2) return null;
  const change = values[values.length - 1]! - values[values.length - 2]!;
  if (Math.abs(change) < 1e-9) return 'steady';
  return change > 0 === (direction === 'higher') ? 'improving' : 'worsening';
}

/** A value as a person reads it: 81.3 %, $4.52, 1,204. */
export function formatMeasureValue(value: number, unit: MeasureUnit): string {
  switch (unit) {
    case 'percent':
      return `${(value * 100).toFixed(1)} %`;
    case 'dollars':
      return `$${value.toFixed(2)}`;
    case 'ratio':
      return value.toFixed(2);
    case 'count':
      return Math.round(value).toLocaleString('en-US');
    case 'seconds':
      return `${value.toFixed(1)} s`;
  }
}

export interface MeasureDefinition {
  key: string;
  name: string;
  description: string;
  source: MeasureSource;
  periodKind: MeasurePeriodKind;
  unit: MeasureUnit;
  direction: MeasureDirection;
  numeratorLabel: string;
  denominatorLabel: string;
  /** The report lines the numbers come from (OCSE-157 lines, OCSE-34/396). */
  reportLines: string;
  thresholdProfile: ThresholdProfile;
}

const federal = (d: Omit<MeasureDefinition, 'source' | 'periodKind' | 'direction'>): MeasureDefinition => ({
  ...d,
  source: 'federal',
  periodKind: 'federal_fiscal_year',
  direction: 'higher',
});

/** The federal child-support incentive measures (DOMAIN.md §5), reported per federal fiscal year. */
export const FEDERAL_MEASURES: MeasureDefinition[] = [
  federal({
    key: 'paternity_establishment_ivd',
    name: 'Paternity establishment, IV-D',
    description:
      'Children in the IV-D caseload born outside marriage with paternity established ÷ such children in the caseload at the end of the prior year.',
    unit: 'percent',
    numeratorLabel: 'Children born outside marriage with paternity established (line 6)',
    denominatorLabel: 'Children in the caseload born outside marriage, end of prior year (line 5a)',
    reportLines: 'OCSE-157 lines 6 ÷ 5a',
    thresholdProfile: 'paternity',
  }),
  federal({
    key: 'paternity_establishment_statewide',
    name: 'Paternity establishment, statewide',
    description: 'Paternities established or acknowledged ÷ births outside marriage in the prior year.',
    unit: 'percent',
    numeratorLabel: 'Paternities established or acknowledged (line 9)',
    denominatorLabel: 'Births outside marriage in the prior year (line 8a)',
    reportLines: 'OCSE-157 lines 9 ÷ 8a',
    thresholdProfile: 'paternity',
  }),
  federal({
    key: 'cases_with_orders',
    name: 'Cases with support orders',
    description: 'IV-D cases with support orders ÷ open IV-D cases.',
    unit: 'percent',
    numeratorLabel: 'Cases with support orders (line 2)',
    denominatorLabel: 'Open IV-D cases (line 1)',
    reportLines: 'OCSE-157 lines 2 ÷ 1',
    thresholdProfile: 'orders',
  }),
  federal({
    key: 'current_collections',
    name: 'Current collections',
    description: 'Current support distributed ÷ current support due.',
    unit: 'percent',
    numeratorLabel: 'Current support distributed (line 25)',
    denominatorLabel: 'Current support due (line 24)',
    reportLines: 'OCSE-157 lines 25 ÷ 24',
    thresholdProfile: 'current_collections',
  }),
  federal({
    key: 'arrears_collections',
    name: 'Arrearage collections',
    description: 'Cases paying toward arrears ÷ cases with arrears due.',
    unit: 'percent',
    numeratorLabel: 'Cases paying toward arrears (line 29)',
    denominatorLabel: 'Cases with arrears due (line 28)',
    reportLines: 'OCSE-157 lines 29 ÷ 28',
    thresholdProfile: 'arrears_collections',
  }),
  federal({
    key: 'cost_effectiveness',
    name: 'Cost-effectiveness',
    description:
      'Total distributed collections ÷ total administrative expenditure (dollars collected per dollar spent).',
    unit: 'dollars',
    numeratorLabel: 'Total distributed collections (OCSE-34)',
    denominatorLabel: 'Total administrative expenditure (OCSE-396)',
    reportLines: 'OCSE-34 ÷ OCSE-396',
    thresholdProfile: 'cost_effectiveness',
  }),
];

/**
 * California's own county measures (beside the federal ones), per federal fiscal year. Labels are the plain
 * definitions; an agency can add others as its own measures.
 */
export const CALIFORNIA_MEASURES: MeasureDefinition[] = [
  {
    key: 'ca_service_of_summons',
    name: 'Service of summons and complaint',
    description: 'Summons and complaints served in the year ÷ summons and complaints filed in the year.',
    source: 'california',
    periodKind: 'federal_fiscal_year',
    unit: 'percent',
    direction: 'higher',
    numeratorLabel: 'Summons and complaints served',
    denominatorLabel: 'Summons and complaints filed',
    reportLines: 'State performance measure',
    thresholdProfile: 'none',
  },
  {
    key: 'ca_collections_per_paying_case',
    name: 'Average collected per paying case',
    description: 'Total distributed collections ÷ cases with a collection in the year.',
    source: 'california',
    periodKind: 'federal_fiscal_year',
    unit: 'dollars',
    direction: 'higher',
    numeratorLabel: 'Total distributed collections (dollars)',
    denominatorLabel: 'Cases with a collection',
    reportLines: 'State performance measure',
    thresholdProfile: 'none',
  },
  {
    key: 'ca_medical_support',
    name: 'Cases with medical support ordered',
    description: 'Cases with an order for medical support ÷ cases with support orders.',
    source: 'california',
    periodKind: 'federal_fiscal_year',
    unit: 'percent',
    direction: 'higher',
    numeratorLabel: 'Cases with medical support ordered',
    denominatorLabel: 'Cases with support orders',
    reportLines: 'State performance measure',
    thresholdProfile: 'none',
  },
];

/** The catalogue a new agency starts with: the federal measures and California's. */
export const STARTER_MEASURES: MeasureDefinition[] = [...FEDERAL_MEASURES, ...CALIFORNIA_MEASURES];

/** Measure keys a supervisor writes: lower-case letters, digits and underscores, starting with a letter. */
export const MEASURE_KEY_PATTERN = /^[a-z][a-z0-9_]{1,59}$/;

/** English month names (re-exported for period pickers). */
export { MONTH_NAMES };
