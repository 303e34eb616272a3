import { describe, expect, it } from 'vitest';
import {
  countUpperTail,
  detectRise,
  logGamma,
  negativeBinomialUpperTail,
  poissonUpperTail,
  type DetectionWindow,
} from './new-issues.ts';
import { addLocalDays, weekdayOf } from '../shared/local-time.ts';

describe('exact tails', () => {
  it('logGamma matches factorials and Γ(1/2) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(21)).toBeCloseTo(Math.log(2432902008176640000), 11);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
  });

  it.each([
    // P(X ≥ k) = 1 − Σ_{x<k} e^−μ μ^x / x!, written out by hand.
    [0, 3, 1],
    [1, 0.5, 1 - Math.exp(-0.5)],
    [3, 2, 1 - 5 * Math.exp(-2)],
    [4, 1, 1 - (8 / 3) * Math.exp(-1)],
    [2, 6, 1 - 7 * Math.exp(-6)],
    // Published Poisson tables: P(X ≤ 19 | 10) = 0.99654, P(X ≤ 9 | 4) = 0.99187.
    [20, 10, 0.0034543],
    [10, 4, 0.0081322],
  ])('Poisson P(X ≥ %i | mean %d)', (k, mean, expected) => {
    expect(poissonUpperTail(k, mean)).toBeCloseTo(expected, 7);
  });

  it('Poisson far tails stay accurate and the median of a large mean is about one half', () => {
    // P(X ≥ 10 | 1) ≈ e^−1 / 10! × (1 + 1/11 + 1/132 + …) = 1.1142e-7 (the leading terms dominate).
    expect(poissonUpperTail(10, 1) / 1.1142e-7).toBeCloseTo(1, 3);
    expect(poissonUpperTail(5000, 5000)).toBeGreaterThan(0.5);
    expect(poissonUpperTail(5000, 5000)).toBeLessThan(0.51);
    expect(poissonUpperTail(3, 0)).toBe(0);
  });

  it.each([
    // Size 1 is the geometric distribution: P(X ≥ k) = q^k with q = mean / (1 + mean).
    [5, 3, 1, (3 / 4) ** 5],
    [12, 9, 1, 0.9 ** 12],
    // Size 2, mean 2 (q = 1/2): P(X = x) = (x + 1) / 2^(x + 2), so P(X ≥ 3) = 1 − (1/4 + 1/4 + 3/16).
    [3, 2, 2, 0.3125],
    // Size 3, mean 1 (q = 1/4): P(X = x) = C(x + 2, 2) (1/4)^x (3/4)^3.
    [2, 1, 3, 1 - (27 / 64) * (1 + 3 / 4)],
  ])('negative binomial P(X ≥ %i | mean %d, size %d)', (k, mean, size, expected) => {
    expect(negativeBinomialUpperTail(k, mean, size)).toBeCloseTo(expected, 10);
  });

  it('the negative binomial tends to the Poisson and countUpperTail picks by variance', () => {
    expect(negativeBinomialUpperTail(20, 10, 1e7)).toBeCloseTo(poissonUpperTail(20, 10), 6);
    expect(countUpperTail(20, 10, 10)).toBe(poissonUpperTail(20, 10));
    // Variance 30 at mean 10: size 10²/20 = 5.
    expect(countUpperTail(20, 10, 30)).toBe(negativeBinomialUpperTail(20, 10, 5));
    expect(countUpperTail(20, 10, 30)).toBeGreaterThan(poissonUpperTail(20, 10));
  });

  it('refuses counts that are not whole and negative means', () => {
    expect(() => poissonUpperTail(1.5, 2)).toThrow(RangeError);
    expect(() => poissonUpperTail(1, -1)).toThrow(RangeError);
    expect(() => negativeBinomialUpperTail(1, 1, 0)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Deterministic synthetic series.

/** mulberry32: a small seeded generator, so every run sees the same series. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

/** Poisson draw (Knuth's product method; large means as a sum of Poisson(≤ 30) draws, which is exact). */
function poisson(random: Random, mean: number): number {
  let n = 0;
  let rest = mean;
  while (rest > 30) {
    n += poisson(random, 30);
    rest -= 30;
  }
  const limit = Math.exp(-rest);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k++;
  return n + k;
}

function normal(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, 1) draw (Marsaglia–Tsang). */
function gamma(random: Random, shape: number): number {
  if (shape < 1) return gamma(random, shape + 1) * Math.pow(random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    if (Math.log(random()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Weekday multipliers, Sunday first, averaging 1: busy Mondays, quiet weekends. */
const WEEKDAY_SHAPE = [0.3, 1.3, 1.2, 1.1, 1.1, 1.0, 0.4].map((w) => (w * 7) / 6.4);
const START = '2026-01-05';
const DAYS = 91; // 12 weeks of history and the week judged

interface Scenario {
  /** Mean cases per day. */
  base: number;
  /** 1 = Poisson; above 1, negative binomial with variance ≈ dispersion × mean at the base level. */
  dispersion: number;
}

type Spike = { label: string; apply: (mean: number, window: DetectionWindow) => number };

const SPIKES: Spike[] = [
  { label: 'none', apply: (m) => m },
  { label: '×2', apply: (m) => 2 * m },
  { label: '×3', apply: (m) => 3 * m },
  { label: '+10', apply: (m, window) => m + (window === 'week' ? 10 / 7 : 10) },
];

/**
 * One series: weekday shape, a random log-linear trend of up to ±4 % a week, Poisson or gamma-mixed (negative
 * binomial) noise, and the spike applied to the mean of the judged window (the last 7 days, or the last day).
 */
function syntheticSeries(seed: number, scenario: Scenario, spike: Spike, window: DetectionWindow) {
  const random = seeded(seed);
  const slope = (random() * 2 - 1) * 0.04;
  const size = scenario.dispersion > 1 ? scenario.base / (scenario.dispersion - 1) : Infinity;
  const counts: Record<string, number> = {};
  const windowStart = window === 'week' ? DAYS - 7 : DAYS - 1;
  let date = START;
  for (let i = 0; i < DAYS; i++) {
    let mean = scenario.base * WEEKDAY_SHAPE[weekdayOf(date)]! * Math.exp((slope * (i - (DAYS - 7))) / 7);
    if (i >= windowStart) mean = spike.apply(mean, window);
    const rate = Number.isFinite(size) ? (gamma(random, size) * mean) / size : mean;
    counts[date] = poisson(random, rate);
    date = addLocalDays(date, 1);
  }
  return { counts, asOf: addLocalDays(START, DAYS - 1), historyStart: START };
}

const SCENARIOS: (Scenario & { label: string })[] = [
  { label: 'low, 0.7/day, Poisson', base: 0.7, dispersion: 1 },
  { label: 'low, 0.7/day, NB φ≈2', base: 0.7, dispersion: 2 },
  { label: 'moderate, 3/day, Poisson', base: 3, dispersion: 1 },
  { label: 'moderate, 3/day, NB φ≈2', base: 3, dispersion: 2 },
  { label: 'high, 50/day, Poisson', base: 50, dispersion: 1 },
  { label: 'high, 50/day, NB φ≈2', base: 50, dispersion: 2 },
];
const SERIES_PER_CELL = 200;

/** Share of series flagged (in %) per scenario and spike, for one window. */
function detectionTable(window: DetectionWindow): Map<string, Map<string, number>> {
  const table = new Map<string, Map<string, number>>();
  SCENARIOS.forEach((scenario, s) => {
    const row = new Map<string, number>();
    SPIKES.forEach((spike, k) => {
      let flagged = 0;
      for (let i = 0; i < SERIES_PER_CELL; i++) {
        const seed = 1_000_003 * (s + 1) + 10_007 * (k + 1) + i + (window === 'day' ? 7 : 0);
        if (detectRise({ ...syntheticSeries(seed, scenario, spike, window), window }).verdict === 'rise') flagged++;
      }
      row.set(spike.label, (100 * flagged) / SERIES_PER_CELL);
    });
    table.set(scenario.label, row);
  });
  return table;
}

function printTable(title: string, table: Map<string, Map<string, number>>): string {
  const header = `| series | false alarms (no spike) | ${SPIKES.slice(1)
    .map((s) => `${s.label} detected`)
    .join(' | ')} |`;
  const lines = [...table].map(
    ([label, row]) => `| ${label} | ${[...row.values()].map((v) => `${v.toFixed(1)} %`).join(' | ')} |`,
  );
  return [title, '', header, `|${' --- |'.repeat(SPIKES.length + 1)}`, ...lines].join('\n');
}

describe('evaluation on synthetic series with injected spikes', () => {
  it('detects weekly rises and keeps false alarms rare', () => {
    const week = detectionTable('week');
    console.log(printTable(`Week window (${SERIES_PER_CELL} series per cell)`, week));
    const cell = (scenario: string, spike: string) => week.get(scenario)!.get(spike)!;
    for (const [scenario, row] of week) {
      expect(row.get('none'), `${scenario}: false alarms`).toBeLessThanOrEqual(2);
      expect(row.get('×3')!, `${scenario}: ×3 at least ×2`).toBeGreaterThanOrEqual(row.get('×2')!);
    }
    const falseAlarms = [...week.values()].reduce((s, row) => s + row.get('none')!, 0) / week.size;
    expect(falseAlarms).toBeLessThanOrEqual(1);
    expect(cell('moderate, 3/day, Poisson', '×3')).toBeGreaterThanOrEqual(90);
    expect(cell('moderate, 3/day, NB φ≈2', '×3')).toBeGreaterThanOrEqual(65);
    expect(cell('high, 50/day, Poisson', '×2')).toBeGreaterThanOrEqual(99);
    expect(cell('high, 50/day, NB φ≈2', '×2')).toBeGreaterThanOrEqual(95);
    expect(cell('low, 0.7/day, Poisson', '×3')).toBeGreaterThanOrEqual(30);
  }, 240_000);

  it('detects a tripled day at a high base and keeps false alarms rare', () => {
    const day = detectionTable('day');
    console.log(printTable(`Day window (${SERIES_PER_CELL} series per cell)`, day));
    for (const [scenario, row] of day) expect(row.get('none'), `${scenario}: false alarms`).toBeLessThanOrEqual(2);
    expect(day.get('high, 50/day, Poisson')!.get('×3')!).toBeGreaterThanOrEqual(90);
    expect(day.get('high, 50/day, NB φ≈2')!.get('×3')!).toBeGreaterThanOrEqual(60);
  }, 240_000);
});

// ---------------------------------------------------------------------------------------------------------------
// The awkward cases.

/** A series from a function of the day index (0 = START). */
function seriesOf(days: number, countOn: (i: number, date: string) => number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (let i = 0, date = START; i < days; i++, date = addLocalDays(date, 1)) counts[date] = countOn(i, date);
  return counts;
}

describe('detectRise', () => {
  it('gives no verdict before four weeks of history, and one from four weeks on', () => {
    const short = seriesOf(27, (i) => (i >= 20 ? 30 : 2));
    const asOf = addLocalDays(START, 26);
    const early = detectRise({ counts: short, asOf, window: 'week' });
    expect(early).toMatchObject({ verdict: 'short_history', probability: 1, expected: 0, baselineDays: 20 });
    const enough = seriesOf(35, (i) => (i >= 28 ? 30 : 2));
    const later = detectRise({ counts: enough, asOf: addLocalDays(START, 34), window: 'week' });
    expect(later.verdict).toBe('rise');
    expect(later.baselineDays).toBe(28);
    expect(later.expected).toBeCloseTo(14, 0);
  });

  it('counts days before historyStart as unknown, not as zero', () => {
    const counts = { [addLocalDays(START, 90)]: 8 };
    const asOf = addLocalDays(START, 90);
    expect(detectRise({ counts, asOf, window: 'week' }).verdict).toBe('short_history');
    expect(detectRise({ counts, asOf, window: 'week', historyStart: addLocalDays(START, 70) }).verdict).toBe(
      'short_history',
    );
  });

  it('says nothing about a key with no cases at all', () => {
    const result = detectRise({ counts: {}, asOf: addLocalDays(START, 90), window: 'week', historyStart: START });
    expect(result).toMatchObject({ verdict: 'no_rise', observed: 0, probability: 1 });
  });

  it('needs at least five cases for a key never seen before, whose expectation is close to zero', () => {
    const asOf = addLocalDays(START, 90);
    const newKey = (n: number) => detectRise({ counts: { [asOf]: n }, asOf, window: 'week', historyStart: START });
    expect(newKey(4).verdict).toBe('no_rise');
    expect(newKey(4).probability).toBeLessThan(0.001);
    expect(newKey(5).verdict).toBe('rise');
    expect(newKey(5).expected).toBeGreaterThan(0);
    expect(newKey(5).expected).toBeLessThan(0.1);
  });

  it('gives a weekday that never has cases a small expectation instead of an infinite effect', () => {
    // Closed at weekends: 4 a weekday, never a case on Saturday or Sunday.
    const counts = seriesOf(90, (_i, date) => ([0, 6].includes(weekdayOf(date)) ? 0 : 4));
    const sunday = addLocalDays(START, 90); // START is a Monday, so day 90 is a Sunday
    expect(weekdayOf(sunday)).toBe(0);
    const quiet = detectRise({ counts: { ...counts, [sunday]: 2 }, asOf: sunday, window: 'day' });
    expect(quiet.expected).toBeGreaterThan(0);
    expect(quiet.expected).toBeLessThan(0.5);
    expect(quiet.verdict).toBe('no_rise');
    const monday = addLocalDays(START, 91);
    const steady = detectRise({ counts: { ...counts, [sunday]: 0, [monday]: 4 }, asOf: monday, window: 'day' });
    expect(steady.expected).toBeCloseTo(4, 0);
    expect(steady.verdict).toBe('no_rise');
  });

  it('does not extrapolate a steep decline toward zero', () => {
    // 60 a day falling by 0.7 a day: a straight line would reach zero soon after the baseline.
    const counts = seriesOf(84, (i) => Math.max(0, Math.round(60 - 0.7 * i)));
    const asOf = addLocalDays(START, 90);
    const lastWeek = [77, 78, 79, 80, 81, 82, 83].reduce((s, i) => s + Math.round(60 - 0.7 * i), 0);
    const sameAsLastWeek = Object.fromEntries(
      [84, 85, 86, 87, 88, 89, 90].map((i, j) => [addLocalDays(START, i), Math.round(60 - 0.7 * (77 + j))]),
    );
    const result = detectRise({ counts: { ...counts, ...sameAsLastWeek }, asOf, window: 'week' });
    expect(result.expected).toBeGreaterThanOrEqual(lastWeek * 0.9);
    expect(result.verdict).toBe('no_rise');
  });

  it('follows a steady, significant growth instead of calling its continuation a rise', () => {
    const random = seeded(42);
    const rate = (i: number) => 5 * Math.exp((0.06 * i) / 7);
    const counts = seriesOf(91, (i) => poisson(random, rate(i)));
    const result = detectRise({ counts, asOf: addLocalDays(START, 90), window: 'week' });
    const truth = [84, 85, 86, 87, 88, 89, 90].reduce((s, i) => s + rate(i), 0);
    expect(result.trendUsed).toBe(true);
    expect(result.expected / truth).toBeGreaterThan(0.85);
    expect(result.expected / truth).toBeLessThan(1.15);
    expect(result.verdict).toBe('no_rise');
  });

  it('is not thrown off by a burst in its own history', () => {
    // 3 a day, except 30 a day for three days five weeks ago; then 3 a day in the judged week.
    const counts = seriesOf(91, (i) => (i >= 49 && i < 52 ? 30 : 3));
    const result = detectRise({ counts, asOf: addLocalDays(START, 90), window: 'week' });
    expect(result.expected).toBeGreaterThan(20);
    expect(result.expected).toBeLessThan(23);
    const spiked = seriesOf(91, (i) => (i >= 49 && i < 52 ? 30 : i >= 84 ? 8 : 3));
    expect(detectRise({ counts: spiked, asOf: addLocalDays(START, 90), window: 'week' }).verdict).toBe('rise');
  });

  it('accepts a Map and reports the window it judged', () => {
    const counts = new Map(Object.entries(seriesOf(91, () => 2)));
    const result = detectRise({ counts, asOf: addLocalDays(START, 90), window: 'week' });
    expect(result).toMatchObject({ from: addLocalDays(START, 84), to: addLocalDays(START, 90), observed: 14 });
    expect(result.expected).toBeCloseTo(14, 0);
    expect(() => detectRise({ counts, asOf: '2026/01/01', window: 'day' })).toThrow(RangeError);
  });
});
