// New-issue detection for one daily count series (cases per local day for one subject, facility or unit): what the
// latest day or the latest 7 days should have held, and how unlikely the count seen is. Pure; no I/O.
//
// Method (a Farrington-style count model, not a z-score):
// - Baseline: the 12 weeks (84 days) before the window. No verdict with less than 4 weeks of known history.
// - Model: log-linear Poisson regression fitted by IRLS, log μ = intercept + weekday effect + trend × weeks.
//   The seven weekday effects carry a light ridge penalty, so a weekday that never has cases (a closed office on
//   Sunday) gets a small expectation instead of an infinite coefficient.
// - Past bursts inside the baseline are down-weighted (a day whose Anscombe residual s is above 2.58 gets weight
//   1/s², refitted twice, as in Noufaily et al. 2013), so last month's spike does not raise this week's expectation
//   or dispersion.
// - The trend is kept only with 8+ weeks of history, when it is significant (|z| ≥ 1.96) and when it carries the
//   expectation no further than a week and a half of its own slope beyond the range of counts actually seen in the
//   baseline; otherwise the level of the most recent half of the baseline is used without a trend. A trend
//   therefore never drives the expectation toward zero (nor far above anything seen).
// - Overdispersion: the quasi-Poisson dispersion φ (weighted Pearson χ² / degrees of freedom, at least 1) of the
//   days, and for a week also of whole weeks (bursts that last several days), whichever is larger.
// - The count is then judged against a negative binomial with the expected mean μ and variance φ·(μ + Var(μ̂)) (the
//   uncertainty of the fit itself is added, which matters for small series), a Poisson when that variance is μ.
// - Alert when P(X ≥ observed) < 0.001, at least 5 cases were seen, and at least 1.5 times the expectation. The
//   minimum count keeps a key never seen before (expectation ≈ 0) from alerting on one or two cases; the ratio keeps
//   a large, very regular series from alerting on a rise too small to matter. With a few hundred keys tested a
//   day, the per-key level of 0.001 means well under one false alert a day (docs/new-issue-detection.md).
import { addLocalDays } from '../shared/local-time.ts';

export type DetectionWindow = 'day' | 'week';

export interface DetectionSettings {
  /** Upper-tail probability below which a count is a significant rise. */
  alpha: number;
  /** Fewest cases in the window that can raise an alert. */
  minObserved: number;
  /** Smallest observed ÷ expected that can raise an alert. */
  minRatio: number;
  /** Weeks of history the expectation is fitted on. */
  baselineWeeks: number;
  /** Weeks of known history needed before any verdict. */
  minBaselineWeeks: number;
  /** Weeks of history needed before a trend is considered. */
  trendMinWeeks: number;
}

export const DEFAULT_DETECTION_SETTINGS: DetectionSettings = {
  alpha: 0.001,
  minObserved: 5,
  minRatio: 1.5,
  baselineWeeks: 12,
  minBaselineWeeks: 4,
  trendMinWeeks: 8,
};

export interface DetectionInput {
  /** Cases per local date (YYYY-MM-DD); a date missing inside the known history counts as 0. */
  counts: ReadonlyMap<string, number> | Readonly<Record<string, number>>;
  /** The last local day of the window. */
  asOf: string;
  window: DetectionWindow;
  /**
   * The first local day whose counts are known (e.g. the agency's first case). Days before it are unknown, not
   * zero. Defaults to the earliest date in `counts`; pass it for a key that is new, so its zeros count as history.
   */
  historyStart?: string;
  settings?: Partial<DetectionSettings>;
}

export type DetectionVerdict = 'rise' | 'no_rise' | 'short_history';

export interface DetectionResult {
  verdict: DetectionVerdict;
  window: DetectionWindow;
  /** First and last local day of the window, inclusive. */
  from: string;
  to: string;
  observed: number;
  /** Expected count for the window (0 when there is too little history to say). */
  expected: number;
  /** Variance of the count under the model (φ·μ plus the fit's own uncertainty). */
  variance: number;
  /** Dispersion φ used (1 = Poisson). */
  dispersion: number;
  /** P(X ≥ observed | expected, variance); 1 when nothing was seen or there is too little history. */
  probability: number;
  /** Whether the fitted trend was used for the expectation. */
  trendUsed: boolean;
  /** Days of history the expectation was fitted on. */
  baselineDays: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Exact tails of the Poisson and negative binomial distributions.

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** log Γ(x) for x > 0 (Lanczos, about 15 significant digits). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

interface CountDistribution {
  /** log P(X = x). */
  logPmf(x: number): number;
  /** P(X = x + 1) / P(X = x). */
  stepUp(x: number): number;
  mode: number;
  mean: number;
}

const RELATIVE_EPSILON = 1e-17;
const MAX_TERMS = 5_000_000;

/** P(X ≥ k) by summing probabilities outward from k (the shorter side), stopping once terms no longer matter. */
function upperTail(dist: CountDistribution, k: number): number {
  if (k <= 0) return 1;
  if (k > dist.mean) {
    let term = Math.exp(dist.logPmf(k));
    let sum = 0;
    for (let x = k, n = 0; term > 0 && n < MAX_TERMS; x++, n++) {
      sum += term;
      if (x >= dist.mode && term < sum * RELATIVE_EPSILON) break;
      term *= dist.stepUp(x);
    }
    return Math.min(1, sum);
  }
  let term = Math.exp(dist.logPmf(k - 1));
  let below = 0;
  for (let x = k - 1; x >= 0 && term > 0; x--) {
    below += term;
    if (x <= dist.mode && term < below * RELATIVE_EPSILON) break;
    if (x > 0) term /= dist.stepUp(x - 1);
  }
  return Math.max(0, 1 - below);
}

function checkTailArguments(k: number, mean: number): void {
  if (!Number.isInteger(k)) throw new RangeError(`a count must be a whole number, not ${k}`);
  if (!(mean >= 0) || !Number.isFinite(mean)) throw new RangeError(`a mean must be finite and ≥ 0, not ${mean}`);
}

/** P(X ≥ k) for X ~ Poisson(mean). */
export function poissonUpperTail(k: number, mean: number): number {
  checkTailArguments(k, mean);
  if (k <= 0) return 1;
  if (mean === 0) return 0;
  return upperTail(
    {
      logPmf: (x) => x * Math.log(mean) - mean - logGamma(x + 1),
      stepUp: (x) => mean / (x + 1),
      mode: Math.floor(mean),
      mean,
    },
    k,
  );
}

/**
 * P(X ≥ k) for X negative binomial with the given mean and size r (variance mean + mean²/r; r need not be whole).
 * As r grows it tends to the Poisson.
 */
export function negativeBinomialUpperTail(k: number, mean: number, size: number): number {
  checkTailArguments(k, mean);
  if (!(size > 0)) throw new RangeError(`a size must be > 0, not ${size}`);
  if (k <= 0) return 1;
  if (mean === 0) return 0;
  const q = mean / (size + mean); // probability of a "failure" step; P(X = x) ∝ C(x + r − 1, x) q^x (1 − q)^r
  const logQ = Math.log(q);
  const logP = Math.log1p(-q);
  return upperTail(
    {
      logPmf: (x) => logGamma(x + size) - logGamma(size) - logGamma(x + 1) + size * logP + x * logQ,
      stepUp: (x) => ((x + size) / (x + 1)) * q,
      mode: size > 1 ? Math.floor(((size - 1) * q) / (1 - q)) : 0,
      mean,
    },
    k,
  );
}

/** P(X ≥ k) for a count with this mean and variance: Poisson when variance ≤ mean, else negative binomial. */
export function countUpperTail(k: number, mean: number, variance: number): number {
  if (!(variance > mean * (1 + 1e-9))) return poissonUpperTail(k, mean);
  return negativeBinomialUpperTail(k, mean, (mean * mean) / (variance - mean));
}

// ---------------------------------------------------------------------------------------------------------------
// Small dense linear algebra for the fit (at most 9 unknowns), on flat row-major arrays.

/** The Cholesky factor L (lower triangle, row-major) of a symmetric positive-definite p×p matrix. */
function cholesky(a: Float64Array, p: number): Float64Array {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * p + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * p + k]! * l[j * p + k]!;
      if (i === j) l[i * p + i] = Math.sqrt(Math.max(sum, 1e-300));
      else l[i * p + j] = sum / l[j * p + j]!;
    }
  }
  return l;
}

/** Solves (L Lᵀ) x = b. */
function choleskySolve(l: Float64Array, b: ArrayLike<number>, p: number): Float64Array {
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[i * p + k]! * y[k]!;
    y[i] = sum / l[i * p + i]!;
  }
  for (let i = p - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let k = i + 1; k < p; k++) sum -= l[k * p + i]! * y[k]!;
    y[i] = sum / l[i * p + i]!;
  }
  return y;
}

/** The inverse of L Lᵀ, column by column. */
function choleskyInverse(l: Float64Array, p: number): Float64Array {
  const inverse = new Float64Array(p * p);
  const unit = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    unit.fill(0);
    unit[j] = 1;
    const column = choleskySolve(l, unit, p);
    for (let i = 0; i < p; i++) inverse[i * p + j] = column[i]!;
  }
  return inverse;
}

/** vᵀ M v for a flat p×p matrix. */
function quadraticForm(m: Float64Array, v: ArrayLike<number>, p: number): number {
  let total = 0;
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) total += v[i]! * m[i * p + j]! * v[j]!;
  return total;
}

// ---------------------------------------------------------------------------------------------------------------
// The log-linear Poisson fit.

/** Ridge penalty on each weekday effect (in log-likelihood units): small next to the data of a busy key. */
const WEEKDAY_RIDGE = 1;
/** Anscombe residuals above this are treated as past bursts and down-weighted. */
const OUTLIER_RESIDUAL = 2.58;
const TREND_Z = 1.96;

interface Day {
  count: number;
  weekday: number;
  /** Weeks from the start of the window (negative in the baseline). */
  weeks: number;
}

interface Fit {
  beta: Float64Array;
  /** (X'WX + P)⁻¹, flat — times φ, the covariance of the coefficients. */
  inverse: Float64Array;
  withTrend: boolean;
}

/** The design row of a day: intercept, its weekday's indicator (7 columns) and, with a trend, its weeks. */
function design(day: Day, withTrend: boolean): number[] {
  const row = [1, 0, 0, 0, 0, 0, 0, 0];
  row[1 + day.weekday] = 1;
  if (withTrend) row.push(day.weeks);
  return row;
}

/** log μ of a day: intercept + its weekday's effect (+ trend × weeks). */
function linearPredictor(beta: Float64Array, day: Day, withTrend: boolean): number {
  const eta = beta[0]! + beta[1 + day.weekday]! + (withTrend ? beta[8]! * day.weeks : 0);
  return Math.min(30, Math.max(-30, eta));
}

/**
 * Penalised, weighted IRLS (Newton's method) for log μ = Xβ. Weights are prior weights (1, or less for a past burst);
 * `start` (a previous fit's coefficients) saves iterations.
 */
function fitPoisson(days: Day[], weights: number[], withTrend: boolean, start?: Float64Array): Fit {
  const p = withTrend ? 9 : 8;
  const beta = new Float64Array(p);
  if (start) beta.set(start.subarray(0, p));
  else {
    const totalWeight = weights.reduce((s, w) => s + w, 0);
    const mean = days.reduce((s, d, i) => s + weights[i]! * d.count, 0) / totalWeight;
    beta[0] = Math.log(Math.max(mean, 1e-3));
  }
  const h = new Float64Array(p * p);
  const score = new Float64Array(p);
  let factor: Float64Array = new Float64Array(p * p);
  for (let iteration = 0; iteration < 60; iteration++) {
    h.fill(0);
    score.fill(0);
    // The design row of a day is (1, its weekday's indicator, weeks): accumulate X'WX and the score sparsely.
    for (let i = 0; i < days.length; i++) {
      const day = days[i]!;
      const mu = Math.exp(linearPredictor(beta, day, withTrend));
      const w = weights[i]! * mu;
      const r = weights[i]! * (day.count - mu);
      const d = 1 + day.weekday;
      score[0]! += r;
      score[d]! += r;
      h[0]! += w;
      h[d]! += w;
      h[d * p + d]! += w;
      if (withTrend) {
        score[8]! += r * day.weeks;
        h[8]! += w * day.weeks;
        h[d * p + 8]! += w * day.weeks;
        h[8 * p + 8]! += w * day.weeks * day.weeks;
      }
    }
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) h[a * p + b] = h[b * p + a]!;
    for (let d = 1; d <= 7; d++) {
      h[d * p + d]! += WEEKDAY_RIDGE;
      score[d]! -= WEEKDAY_RIDGE * beta[d]!;
    }
    factor = cholesky(h, p);
    const step = choleskySolve(factor, score, p);
    let largest = 0;
    for (let j = 0; j < p; j++) {
      beta[j]! += step[j]!;
      largest = Math.max(largest, Math.abs(step[j]!));
    }
    if (largest < 1e-9) break;
  }
  return { beta, inverse: choleskyInverse(factor, p), withTrend };
}

const expectation = (fit: Fit, day: Day) => Math.exp(linearPredictor(fit.beta, day, fit.withTrend));

/** Anscombe residual of a Poisson count, scaled by the dispersion. */
function anscombe(count: number, mu: number, dispersion: number): number {
  return (1.5 * (Math.cbrt(count) ** 2 - Math.cbrt(mu) ** 2)) / (Math.pow(mu, 1 / 6) * Math.sqrt(dispersion));
}

/** Weighted Pearson dispersion of the days, at least 1. */
function dayDispersion(days: Day[], weights: number[], fit: Fit): number {
  let chi = 0;
  let weight = 0;
  days.forEach((d, i) => {
    const mu = expectation(fit, d);
    chi += (weights[i]! * (d.count - mu) ** 2) / mu;
    weight += weights[i]!;
  });
  const freedom = weight - fit.beta.length;
  return freedom > 0 ? Math.max(1, chi / freedom) : 1;
}

/** Pearson dispersion of whole 7-day blocks ending where the baseline ends (weeks with a down-weighted day left out). */
function weekDispersion(days: Day[], weights: number[], fit: Fit): number {
  let chi = 0;
  let blocks = 0;
  for (let end = days.length; end - 7 >= 0; end -= 7) {
    const block = days.slice(end - 7, end);
    if (weights.slice(end - 7, end).some((w) => w < 1)) continue;
    const observed = block.reduce((s, d) => s + d.count, 0);
    const expected = block.reduce((s, d) => s + expectation(fit, d), 0);
    chi += (observed - expected) ** 2 / expected;
    blocks++;
  }
  // Two degrees of freedom go to the level and the trend, which shape whole weeks; weekday effects do not.
  return blocks >= 4 ? Math.max(1, chi / (blocks - (fit.withTrend ? 2 : 1))) : 1;
}

function outlierWeights(days: Day[], fit: Fit, dispersion: number): number[] {
  return days.map((d) => {
    const s = anscombe(d.count, expectation(fit, d), dispersion);
    return s > OUTLIER_RESIDUAL ? 1 / (s * s) : 1;
  });
}

/** Sums of consecutive blocks the size of the window (same weekday for a day), ending where the baseline ends. */
function blockTotals(days: Day[], length: number): number[] {
  const totals: number[] = [];
  if (length === 1) {
    for (let i = days.length - 7; i >= 0; i -= 7) totals.push(days[i]!.count);
    return totals;
  }
  for (let end = days.length; end - length >= 0; end -= length) {
    totals.push(days.slice(end - length, end).reduce((s, d) => s + d.count, 0));
  }
  return totals;
}

// ---------------------------------------------------------------------------------------------------------------
// The verdict for the latest window.

const MILLIS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a local date (YYYY-MM-DD); plain arithmetic keeps a detection to a fraction of a ms. */
function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`a local date must be written YYYY-MM-DD, not "${date}"`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MILLIS_PER_DAY;
}

/** The counts keyed by day number. */
function countsByDay(counts: DetectionInput['counts']): Map<number, number> {
  const entries = counts instanceof Map ? [...counts.entries()] : Object.entries(counts);
  return new Map(entries.map(([date, count]) => [dayNumber(date), count]));
}

/** The days from `first` to `last` (day numbers, inclusive), with their counts, weekdays and weeks from `windowStart`. */
function daysBetween(counts: Map<number, number>, first: number, last: number, windowStart: number): Day[] {
  const days: Day[] = [];
  for (let n = first; n <= last; n++) {
    // 1970-01-01 was a Thursday (weekday 4, counting Sunday as 0).
    days.push({ count: counts.get(n) ?? 0, weekday: (((n + 4) % 7) + 7) % 7, weeks: (n - windowStart) / 7 });
  }
  return days;
}

interface Prediction {
  mean: number;
  /** Variance of the estimated mean (delta method on the log-linear fit), before φ. */
  fitVariance: number;
}

function predict(fit: Fit, window: Day[]): Prediction {
  const p = fit.beta.length;
  const gradient = new Float64Array(p);
  let mean = 0;
  for (const day of window) {
    const mu = expectation(fit, day);
    mean += mu;
    design(day, fit.withTrend).forEach((x, j) => (gradient[j]! += mu * x));
  }
  return { mean, fitVariance: quadraticForm(fit.inverse, gradient, p) };
}

/** A fit that down-weights past bursts, refitting twice with weights recomputed from the previous fit. */
function robustFit(days: Day[], withTrend: boolean): { fit: Fit; weights: number[] } {
  let weights = days.map(() => 1);
  let fit = fitPoisson(days, weights, withTrend);
  for (let round = 0; round < 2; round++) {
    const next = outlierWeights(days, fit, dayDispersion(days, weights, fit));
    // No day changed weight: the fit would come out the same.
    if (next.every((w, i) => w === weights[i])) break;
    weights = next;
    fit = fitPoisson(days, weights, withTrend, fit.beta);
  }
  return { fit, weights };
}

/** Chooses between the trend fit and the level without trend, following the rules in the file header. */
function chooseFit(baseline: Day[], windowDays: Day[], settings: DetectionSettings) {
  if (baseline.length < settings.trendMinWeeks * 7) return { ...robustFit(baseline, false), days: baseline };
  const trend = robustFit(baseline, true);
  const slope = trend.fit.beta[8]!;
  const z = slope / Math.sqrt(dayDispersion(baseline, trend.weights, trend.fit) * trend.fit.inverse[8 * 9 + 8]!);
  if (Math.abs(z) < TREND_Z)
    return { fit: fitPoisson(baseline, trend.weights, false, trend.fit.beta), weights: trend.weights, days: baseline };
  // The trend may carry the expectation a week and a half of its own slope beyond the range of counts seen, no more.
  const totals = blockTotals(baseline, windowDays.length);
  const slack = Math.exp(1.5 * Math.abs(slope));
  const predicted = predict(trend.fit, windowDays).mean;
  if (predicted >= Math.min(...totals) / slack && predicted <= Math.max(...totals) * slack) {
    return { ...trend, days: baseline };
  }
  // Otherwise the trend is not extrapolated: the level of the recent half of the baseline is used instead.
  const recentLength = Math.max(settings.minBaselineWeeks * 7, Math.floor(baseline.length / 14) * 7);
  const recent = baseline.slice(baseline.length - recentLength);
  return { ...robustFit(recent, false), days: recent };
}

/** Judges the latest day or 7 days of one key's daily counts against the expectation from its history. */
export function detectRise(input: DetectionInput): DetectionResult {
  const settings = { ...DEFAULT_DETECTION_SETTINGS, ...input.settings };
  const length = input.window === 'week' ? 7 : 1;
  const counts = countsByDay(input.counts);
  const last = dayNumber(input.asOf);
  const first = last - length + 1;
  const known = input.historyStart !== undefined ? dayNumber(input.historyStart) : Math.min(first, ...counts.keys());
  const baselineFirst = Math.max(known, first - 7 * settings.baselineWeeks);
  const windowDays = daysBetween(counts, first, last, first);
  const observed = windowDays.reduce((s, d) => s + d.count, 0);
  const baselineDays = Math.max(0, first - baselineFirst);
  const base = {
    window: input.window,
    from: addLocalDays(input.asOf, 1 - length),
    to: input.asOf,
    observed,
    trendUsed: false,
    baselineDays,
  };
  if (baselineDays < settings.minBaselineWeeks * 7) {
    return { ...base, verdict: 'short_history', expected: 0, variance: 0, dispersion: 1, probability: 1 };
  }
  const baseline = daysBetween(counts, baselineFirst, first - 1, first);
  // Half a case over the whole baseline: the floor of an expectation, so a key never seen has a small, finite one.
  const floor = (0.5 * length) / baseline.length;
  if (baseline.every((d) => d.count === 0)) {
    const probability = poissonUpperTail(observed, floor);
    const verdict = judge(observed, floor, probability, settings);
    return { ...base, verdict, expected: floor, variance: floor, dispersion: 1, probability };
  }
  const chosen = chooseFit(baseline, windowDays, settings);
  const dispersion = Math.max(
    dayDispersion(chosen.days, chosen.weights, chosen.fit),
    length > 1 ? weekDispersion(chosen.days, chosen.weights, chosen.fit) : 1,
  );
  const prediction = predict(chosen.fit, windowDays);
  const expected = Math.max(floor, prediction.mean);
  const variance = dispersion * (expected + prediction.fitVariance);
  const probability = countUpperTail(observed, expected, variance);
  const verdict = judge(observed, expected, probability, settings);
  return { ...base, verdict, expected, variance, dispersion, probability, trendUsed: chosen.fit.withTrend };
}

/** A rise needs all three: enough cases, enough of a multiple of the expectation, and a small tail probability. */
function judge(observed: number, expected: number, probability: number, settings: DetectionSettings): DetectionVerdict {
  const rise =
    observed >= settings.minObserved && observed >= settings.minRatio * expected && probability < settings.alpha;
  return rise ? 'rise' : 'no_rise';
}
