// A small line of a measure's recent values with its goal as a dashed line. Decorative beside the numbers (the
// scorecard's table view and the text next to it carry the same facts), so it is named with role="img" and a label.
import type { Measure } from '../../../shared/quality.ts';
import { formatValue } from './quality-format.ts';

const WIDTH = 120;
const HEIGHT = 32;
const PAD = 4;

/** A sparkline over values (gaps where null) and an optional goal. */
export function Sparkline(props: {
  values: (number | null)[];
  goal: number | null;
  unit: Measure['unit'];
  label: string;
}) {
  const numbers = props.values.filter((v): v is number => v !== null);
  if (numbers.length === 0) return <span className="muted">No values yet</span>;
  const all = props.goal === null ? numbers : [...numbers, props.goal];
  const min = Math.min(...all);
  const max = Math.max(...all);
  const span = max - min || 1;
  const x = (i: number) =>
    PAD + (props.values.length <= 1 ? (WIDTH - 2 * PAD) / 2 : (i / (props.values.length - 1)) * (WIDTH - 2 * PAD));
  const y = (v: number) => HEIGHT - PAD - ((v - min) / span) * (HEIGHT - 2 * PAD);
  let d = '';
  props.values.forEach((v, i) => {
    if (v === null) return;
    d += `${d ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
  });
  const lastIndex = props.values.map((v, i) => (v === null ? -1 : i)).reduce((a, b) => Math.max(a, b), -1);
  const description = `${props.label}: ${props.values.map((v) => formatValue(v, props.unit)).join(', ')}${
    props.goal !== null ? `; goal ${formatValue(props.goal, props.unit)}` : ''
  }`;
  return (
    <svg
      className="sparkline"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={description}
    >
      {props.goal !== null && (
        <line x1={PAD} x2={WIDTH - PAD} y1={y(props.goal)} y2={y(props.goal)} stroke="#6b7280" strokeDasharray="3 3" />
      )}
      <path d={d} fill="none" stroke="#1d4ed8" strokeWidth={2} />
      {lastIndex >= 0 && <circle cx={x(lastIndex)} cy={y(props.values[lastIndex]!)} r={3} fill="#1d4ed8" />}
    </svg>
  );
}
