// The frame of every chart: an <svg role="img"> named by its <title> and described by its <desc>, drawn at the
// pixel size it is shown at, with the axis text style the charts share.
import { useId, type ReactNode } from 'react';

export interface Series {
  name: string;
  /** One value per label; null leaves a gap (e.g. no responses that week). */
  values: (number | null)[];
  color: string;
}

export const AXIS_TEXT = { fontSize: 12, fill: '#4a5560' } as const;
export const GRID_LINE = '#dde3ea';
export const AXIS_LINE = '#66717d';

/** An accessible chart image. */
export function ChartSvg(props: { title: string; desc: string; width: number; height: number; children: ReactNode }) {
  const id = useId();
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      width={props.width}
      height={props.height}
      viewBox={`0 0 ${props.width} ${props.height}`}
      className="chart-svg"
    >
      <title id={`${id}-title`}>{props.title}</title>
      <desc id={`${id}-desc`}>{props.desc}</desc>
      {props.children}
    </svg>
  );
}

/** Horizontal grid lines and their values along the left edge of a plot. */
export function ValueAxis(props: { ticks: number[]; y: (value: number) => number; left: number; right: number }) {
  return (
    <g>
      {props.ticks.map((tick) => (
        <g key={tick}>
          <line x1={props.left} x2={props.right} y1={props.y(tick)} y2={props.y(tick)} stroke={GRID_LINE} />
          <text x={props.left - 6} y={props.y(tick) + 4} textAnchor="end" {...AXIS_TEXT}>
            {tick.toLocaleString('en-US')}
          </text>
        </g>
      ))}
    </g>
  );
}

/** A legend of series names with their colour swatches (the table view carries the same numbers). */
export function ChartLegend({ series }: { series: Pick<Series, 'name' | 'color'>[] }) {
  if (series.length < 2) return null;
  return (
    <ul className="chart-legend">
      {series.map((s) => (
        <li key={s.name}>
          <span className="chart-swatch" style={{ background: s.color }} aria-hidden="true" />
          {s.name}
        </li>
      ))}
    </ul>
  );
}
