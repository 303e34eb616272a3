import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addLocalDays } from '../shared/local-time.ts';
import {
  MEASURE_PERIOD_KINDS,
  applicablePercentage,
  assessValue,
  incursPenalty,
  measureValue,
  meetsGoal,
  parseMeasurePeriod,
  parsePeriodOfKind,
  periodContaining,
  previousMeasurePeriod,
  recentPeriods,
  trendOf,
  type MeasurePeriodKind,
  type ThresholdProfile,
} from './measures.ts';

describe('measure periods', () => {
  it.each([
    ['FFY2026', 'federal_fiscal_year', '2025-10-01', '2026-09-30', 2026],
    ['ffy 2026', 'federal_fiscal_year', '2025-10-01', '2026-09-30', 2026],
    ['FY2026', 'city_fiscal_year', '2025-07-01', '2026-06-30', 2026],
    ['2026-Q1', 'quarter', '2026-01-01', '2026-03-31', 2026],
    ['2026-02', 'month', '2026-02-01', '2026-02-28', 2026],
  ])('reads %s as a %s from %s to %s', (text, kind, from, to, goalYear) => {
    expect(parseMeasurePeriod(text)).toMatchObject({ kind, from, to, goalYear });
  });

  it('refuses a period of the wrong kind, naming the kind the measure wants', () => {
    expect(() => parsePeriodOfKind('FY2026', 'federal_fiscal_year')).toThrow(/federal fiscal year.*FFY2026/);
    expect(() => parsePeriodOfKind('2026-03', 'quarter')).toThrow(/quarter such as 2026-Q1/);
    expect(() => parsePeriodOfKind('2026-01-01..2026-02-01', 'month')).toThrow(RangeError);
    expect(() => parseMeasurePeriod('FFY26')).toThrow(/FFY2026/);
    expect(parsePeriodOfKind('FFY2026', 'federal_fiscal_year').key).toBe('FFY2026');
  });

  it.each([
    ['2025-10-01', 'federal_fiscal_year', 'FFY2026'],
    ['2025-09-30', 'federal_fiscal_year', 'FFY2025'],
    ['2025-07-01', 'city_fiscal_year', 'FY2026'],
    ['2025-06-30', 'city_fiscal_year', 'FY2025'],
    ['2025-11-15', 'quarter', '2025-Q4'],
    ['2025-11-15', 'month', '2025-11'],
  ] as const)('the %s is in %s %s', (date, kind, key) => {
    expect(periodContaining(date, kind).key).toBe(key);
  });

  const dates = fc.integer({ min: 0, max: 365 * 60 }).map((n) => addLocalDays('1990-01-01', n));
  const kinds = fc.constantFrom<MeasurePeriodKind>(...MEASURE_PERIOD_KINDS);

  it('every date lies in exactly the period that contains it, and periods tile without gaps', () => {
    fc.assert(
      fc.property(dates, kinds, (date, kind) => {
        const period = periodContaining(date, kind);
        expect(period.from <= date && date <= period.to).toBe(true);
        expect(parsePeriodOfKind(period.key, kind)).toEqual(period);
        const previous = previousMeasurePeriod(period);
        expect(addLocalDays(previous.to, 1)).toBe(period.from);
      }),
    );
  });

  it('lists recent periods oldest first, ending with the current one', () => {
    expect(recentPeriods('2026-03-05', 'federal_fiscal_year', 3).map((p) => p.key)).toEqual([
      'FFY2024',
      'FFY2025',
      'FFY2026',
    ]);
  });
});

describe('measure values', () => {
  it('divides the numerator by the denominator', () => {
    expect(measureValue(82, 100)).toBeCloseTo(0.82);
    expect(measureValue(5_200_000, 1_000_000)).toBeCloseTo(5.2);
  });

  it.each([
    [1, 0, /denominator/],
    [1, -2, /denominator/],
    [-1, 2, /numerator/],
    [Number.NaN, 2, /numerator/],
  ])('refuses %s ÷ %s', (n, d, message) => {
    expect(() => measureValue(n, d)).toThrow(message);
  });
});

describe('federal thresholds', () => {
  it.each<[ThresholdProfile, number, number | null, number | null]>([
    ['paternity', 0.85, null, 100],
    ['paternity', 0.8, null, 100],
    ['paternity', 0.795, null, 98],
    ['paternity', 0.7, null, 80],
    ['paternity', 0.69, null, 79],
    ['paternity', 0.5, null, 60],
    ['paternity', 0.49, null, 0],
    ['paternity', 0.49, 0.39, 50],
    ['orders', 0.45, 0.4, 50],
    ['orders', 0.45, 0.41, 0],
    ['current_collections', 0.4, null, 50],
    ['current_collections', 0.39, null, 0],
    ['arrears_collections', 0.55, null, 65],
    ['cost_effectiveness', 5.0, null, 100],
    ['cost_effectiveness', 4.99, null, 90],
    ['cost_effectiveness', 2.0, null, 40],
    ['cost_effectiveness', 1.99, null, 0],
    ['none', 0.3, null, null],
  ])('%s at %s (prior %s) earns %s %%', (profile, value, previous, expected) => {
    expect(applicablePercentage(profile, value, previous)).toBe(expected);
  });

  it('the applicable percentage never falls as performance rises', () => {
    const profiles = fc.constantFrom<ThresholdProfile>(
      'paternity',
      'orders',
      'current_collections',
      'arrears_collections',
      'cost_effectiveness',
    );
    fc.assert(
      fc.property(
        profiles,
        fc.double({ min: 0, max: 8, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (p, a, d) => {
          expect(applicablePercentage(p, a + d)!).toBeGreaterThanOrEqual(applicablePercentage(p, a)!);
        },
      ),
    );
  });

  it.each<[ThresholdProfile, number, number | null, boolean | null]>([
    ['paternity', 0.92, null, false],
    ['paternity', 0.85, 0.82, false],
    ['paternity', 0.85, 0.84, true],
    ['paternity', 0.6, 0.57, false],
    ['orders', 0.41, null, false],
    ['orders', 0.35, 0.3, false],
    ['orders', 0.35, null, true],
    ['current_collections', 0.34, 0.33, true],
    ['arrears_collections', 0.1, null, null],
  ])('penalty for %s at %s (prior %s): %s', (profile, value, previous, expected) => {
    expect(incursPenalty(profile, value, previous)).toBe(expected);
  });

  it('assesses a value with its thresholds and credit level', () => {
    expect(assessValue('current_collections', 0.62)).toEqual({
      thresholds: { fullCredit: 0.8, noCredit: 0.4, penaltyFloor: 0.35 },
      applicablePercentage: 72,
      credit: 'partial',
      penalty: false,
    });
    expect(assessValue('none', 0.5)).toEqual({
      thresholds: null,
      applicablePercentage: null,
      credit: null,
      penalty: null,
    });
  });
});

describe('goals and trends', () => {
  it('meets a goal from the side the measure prefers', () => {
    expect(meetsGoal(0.8, 0.8, 'higher')).toBe(true);
    expect(meetsGoal(0.79, 0.8, 'higher')).toBe(false);
    expect(meetsGoal(12, 14, 'lower')).toBe(true);
  });

  it('reads the last change as improving or worsening', () => {
    expect(trendOf([0.5], 'higher')).toBeNull();
    expect(trendOf([0.5, 0.6], 'higher')).toBe('improving');
    expect(trendOf([0.5, 0.6], 'lower')).toBe('worsening');
    expect(trendOf([0.6, 0.6], 'higher')).toBe('steady');
  });
});
