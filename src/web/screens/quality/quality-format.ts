// How the quality screens write values, thresholds and credit levels (values are ratios: 0.82 is 82 %).
import type { Measure, MeasureValue } from '../../../shared/quality.ts';

/** A value as a person reads it: 81.3 %, $4.52, 1,204, 12.5 s; "—" when there is none. */
export function formatValue(value: number | null | undefined, unit: Measure['unit']): string {
  if (value === null || value === undefined) return '—';
  switch (unit) {
    case 'percent':
      return `${(value * 100).toFixed(1)} %`;
    case 'dollars':
      return `$${value.toFixed(2)}`;
    case 'ratio':
      return value.toFixed(2);
    case 'seconds':
      return `${value.toFixed(1)} s`;
    case 'count':
      return Math.round(value).toLocaleString('en-US');
  }
}

/** A goal typed by a person (82 for 82 %) as the API stores it (0.82). */
export function goalFromInput(text: string, unit: Measure['unit']): number {
  const n = Number(text.trim().replace(/[$%,\s]/g, ''));
  return unit === 'percent' ? n / 100 : n;
}

/** "Full credit", "Partial credit (72 %)", "No credit". */
export function creditText(value: MeasureValue | null): string {
  const a = value?.assessment;
  if (!a || a.credit === null) return '';
  if (a.credit === 'full') return 'Full credit';
  if (a.credit === 'none') return 'No credit';
  return `Partial credit (${a.applicablePercentage} %)`;
}

/** The thresholds of a measure in one line. */
export function thresholdText(measure: Measure): string {
  const t = measure.thresholds;
  if (!t) return '';
  const f = (v: number) => formatValue(v, measure.unit);
  return [
    `full credit ${f(t.fullCredit)}`,
    `no credit below ${f(t.noCredit)}`,
    ...(t.penaltyFloor !== null ? [`penalty below ${f(t.penaltyFloor)}`] : []),
  ].join(' · ');
}

export const SOURCE_NAMES: Record<Measure['source'], string> = {
  federal: 'Federal',
  california: 'California',
  civicdesk: 'civicdesk (computed)',
  manual: 'Our own',
};
