// A line chart over dates: one line per series with a dot on every value (so a single week still shows), gaps where
// a value is missing, and the last value written beside its dot.
import { AXIS_LINE, AXIS_TEXT, ChartLegend, ChartSvg, ValueAxis, type Series } from './chart-svg.tsx';
import { formatNumber, labelStep, niceTicks, shortDate } from './chart-scale.ts';
import { useElementWidth } from './use-element-width.ts';

const MARGIN = { top: 14, right: 40, bottom: 28, left: 48 };

/** Paths of the runs of values without gaps. */
function segments(values: (number | null)[], x: (i: number) => number, y: (v: number) => number): string[] {
  const paths: string[] = [];
  let current = '';
  values.forEach((value, i) => {
    if (value === null) {
      if (current) paths.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(value).toFixed(1)}`;
  });
  if (current) paths.push(current);
  return paths;
}

/** A line chart. */
export function LineChart(props: { title: string; desc: string; labels: string[]; series: Series[]; height?: number }) {
  const { ref, width } = useElementWidth<HTMLDivElement>();
  const height = props.height ?? 220;
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotBottom = height - MARGIN.bottom;
  const values = props.series.flatMap((s) => s.values.map((v) => v ?? 0));
  const ticks = niceTicks(Math.max(0, ...values), { integer: values.every(Number.isInteger) });
  const top = ticks[ticks.length - 1]!;
  const y = (value: number) => plotBottom - (value / top) * (plotBottom - MARGIN.top);
  const count = props.labels.length;
  const x = (i: number) => MARGIN.left + (count <= 1 ? plotWidth / 2 : (i / (count - 1)) * plotWidth);
  const step = labelStep(count, plotWidth, 48);

  return (
    <div ref={ref} className="chart-box">
      <ChartSvg title={props.title} desc={props.desc} width={width} height={height}>
        <ValueAxis ticks={ticks} y={y} left={MARGIN.left} right={width - MARGIN.right} />
        <line x1={MARGIN.left} x2={width - MARGIN.right} y1={plotBottom} y2={plotBottom} stroke={AXIS_LINE} />
        {props.labels.map((label, i) =>
          i % step === 0 ? (
            <text key={label} x={x(i)} y={plotBottom + 18} textAnchor="middle" {...AXIS_TEXT}>
              {shortDate(label)}
            </text>
          ) : null,
        )}
        {props.series.map((s) => {
          const last = s.values
            .map((v, i) => [v, i] as const)
            .filter(([v]) => v !== null)
            .pop();
          return (
            <g key={s.name}>
              {segments(s.values, x, y).map((d) => (
                <path key={d} d={d} fill="none" stroke={s.color} strokeWidth={2.5} strokeLinejoin="round" />
              ))}
              {s.values.map((v, i) =>
                v === null ? null : <circle key={i} cx={x(i)} cy={y(v)} r={3.5} fill={s.color} stroke="#ffffff" />,
              )}
              {last && (
                <text x={x(last[1]) + 6} y={y(last[0]!) - 6} fontSize={12} fill="#1b1f24">
                  {formatNumber(last[0]!)}
                </text>
              )}
            </g>
          );
        })}
      </ChartSvg>
      <ChartLegend series={props.series} />
    </div>
  );
}
