// How every report rounds what it shows: shares in percent with one decimal, other numbers to a given number of
// decimals. One place, so the dashboards, the indicators and the monthly report agree on the same counts.

/** A number rounded to `digits` decimals; null for null, NaN or an infinity. */
export function roundTo(value: number, digits: number): number;
export function roundTo(value: number | null, digits: number): number | null;
export function roundTo(value: number | null, digits: number): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** A share in percent with one decimal (exact halves round up); null when the whole is 0. */
export function percentOf(part: number, whole: number): number | null {
  // part × 1000 / whole is exact where (part / whole) × 100 × 10 is not: 23 of 80 is 28.75 %, shown 28.8.
  return whole > 0 ? Math.round((part * 1000) / whole) / 10 : null;
}
