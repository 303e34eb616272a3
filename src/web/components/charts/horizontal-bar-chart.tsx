// Horizontal bars for categories with long names (units, bands of days): the name on the left, one bar per series
// side by side in each row, and each bar's value written at its end so the chart reads without colour.
import { AXIS_TEXT, ChartLegend, ChartSvg, GRID_LINE, type Series } from './chart-svg.tsx';
import { fitLabel, formatNumber, niceTicks } from './chart-scale.ts';
import { useElementWidth } from './use-element-width.ts';

const BAR = 14;
const GAP = 10;

/** A horizontal (grouped) bar chart. */
export function HorizontalBarChart(props: { title: string; desc: string; labels: string[]; series: Series[] }) {
  const { ref, width } = useElementWidth<HTMLDivElement>();
  const labelWidth = Math.min(180, Math.round(width * 0.38));
  const valueSpace = 44;
  const plotLeft = labelWidth + 8;
  const plotWidth = width - plotLeft - valueSpace;
  const rowHeight = props.series.length * BAR + GAP;
  const height = Math.max(40, props.labels.length * rowHeight + GAP + 18);
  const max = Math.max(0, ...props.series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const ticks = niceTicks(max, { integer: true });
  const top = ticks[ticks.length - 1]!;
  const x = (value: number) => plotLeft + (value / top) * plotWidth;

  return (
    <div ref={ref} className="chart-box">
      <ChartSvg title={props.title} desc={props.desc} width={width} height={height}>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={x(tick)} x2={x(tick)} y1={GAP / 2} y2={height - 18} stroke={GRID_LINE} />
            <text x={x(tick)} y={height - 4} textAnchor="middle" {...AXIS_TEXT}>
              {tick.toLocaleString('en-US')}
            </text>
          </g>
        ))}
        {props.labels.map((label, row) => {
          const rowTop = GAP + row * rowHeight;
          return (
            <g key={label}>
              <text
                x={labelWidth}
                y={rowTop + (props.series.length * BAR) / 2 + 4}
                textAnchor="end"
                fontSize={12}
                fill="#1b1f24"
              >
                {fitLabel(label, labelWidth)}
              </text>
              {props.series.map((s, i) => {
                const value = s.values[row] ?? 0;
                const barTop = rowTop + i * BAR;
                return (
                  <g key={s.name}>
                    <rect
                      x={plotLeft}
                      y={barTop + 1}
                      width={Math.max(0, x(value) - plotLeft)}
                      height={BAR - 2}
                      fill={s.color}
                    />
                    <text x={x(value) + 4} y={barTop + BAR - 3} {...AXIS_TEXT} fill="#1b1f24">
                      {formatNumber(value)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </ChartSvg>
      <ChartLegend series={props.series} />
    </div>
  );
}
