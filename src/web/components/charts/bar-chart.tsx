// A vertical bar chart: one bar per label, series stacked in each bar (bottom first) and parted by a white line so
// neighbouring colours never touch. Axis labels thin out when the bars are narrow.
import { AXIS_LINE, AXIS_TEXT, ChartLegend, ChartSvg, ValueAxis, type Series } from './chart-svg.tsx';
import { labelStep, niceTicks, shortDate } from './chart-scale.ts';
import { useElementWidth } from './use-element-width.ts';

const MARGIN = { top: 12, right: 8, bottom: 28, left: 48 };

/** A stacked (or single-series) bar chart. */
export function BarChart(props: { title: string; desc: string; labels: string[]; series: Series[]; height?: number }) {
  const { ref, width } = useElementWidth<HTMLDivElement>();
  const height = props.height ?? 240;
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotBottom = height - MARGIN.bottom;
  const totals = props.labels.map((_, i) => props.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const ticks = niceTicks(Math.max(0, ...totals), { integer: true });
  const top = ticks[ticks.length - 1]!;
  const y = (value: number) => plotBottom - (value / top) * (plotBottom - MARGIN.top);
  const band = plotWidth / Math.max(1, props.labels.length);
  const barWidth = Math.max(2, band * 0.72);
  const step = labelStep(props.labels.length, plotWidth, 48);

  return (
    <div ref={ref} className="chart-box">
      <ChartSvg title={props.title} desc={props.desc} width={width} height={height}>
        <ValueAxis ticks={ticks} y={y} left={MARGIN.left} right={width - MARGIN.right} />
        {props.labels.map((label, i) => {
          const x = MARGIN.left + i * band + (band - barWidth) / 2;
          let base = 0;
          return (
            <g key={label}>
              {props.series.map((s) => {
                const value = s.values[i] ?? 0;
                if (!value) return null;
                const rect = (
                  <rect
                    key={s.name}
                    x={x}
                    y={y(base + value)}
                    width={barWidth}
                    height={y(base) - y(base + value)}
                    fill={s.color}
                    stroke="#ffffff"
                    strokeWidth={props.series.length > 1 ? 1 : 0}
                  />
                );
                base += value;
                return rect;
              })}
              {i % step === 0 && (
                <text x={x + barWidth / 2} y={plotBottom + 18} textAnchor="middle" {...AXIS_TEXT}>
                  {shortDate(label)}
                </text>
              )}
            </g>
          );
        })}
        <line x1={MARGIN.left} x2={width - MARGIN.right} y1={plotBottom} y2={plotBottom} stroke={AXIS_LINE} />
      </ChartSvg>
      <ChartLegend series={props.series} />
    </div>
  );
}
