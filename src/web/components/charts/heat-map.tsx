// A heat map of rows by columns (subjects by week): darker cells hold more, and every cell also shows its number,
// so it reads without colour. Cells keep a minimum size; on a narrow screen the map scrolls sideways in its frame.
import { useId } from 'react';
import { AXIS_TEXT, ChartSvg } from './chart-svg.tsx';
import { fitLabel, heatShade, labelStep, shortDate } from './chart-scale.ts';
import { useElementWidth } from './use-element-width.ts';

const CELL_HEIGHT = 26;
const MIN_CELL_WIDTH = 34;
const HEADER = 24;

/** A heat map with numbers in its cells. */
export function HeatMap(props: {
  title: string;
  desc: string;
  rowLabels: string[];
  columnLabels: string[];
  values: number[][];
}) {
  const { ref, width: frameWidth } = useElementWidth<HTMLDivElement>();
  const regionId = useId();
  const labelWidth = Math.min(170, Math.max(90, Math.round(frameWidth * 0.3)));
  const columns = Math.max(1, props.columnLabels.length);
  const cellWidth = Math.max(MIN_CELL_WIDTH, (frameWidth - labelWidth - 4) / columns);
  const width = Math.ceil(labelWidth + cellWidth * columns + 4);
  const height = HEADER + CELL_HEIGHT * props.rowLabels.length + 4;
  const scrolls = width > frameWidth;
  const max = Math.max(0, ...props.values.flat());
  const step = labelStep(columns, cellWidth * columns, 44);

  return (
    <div ref={ref} className="chart-box">
      {/* Only a map wider than its frame scrolls; then keyboard users can focus the frame to scroll it. */}
      <div className="chart-scroll" {...(scrolls ? { role: 'region', 'aria-labelledby': regionId, tabIndex: 0 } : {})}>
        {scrolls && (
          <span id={regionId} className="visually-hidden">
            {props.title} (scrolls sideways)
          </span>
        )}
        <ChartSvg title={props.title} desc={props.desc} width={width} height={height}>
          {props.columnLabels.map((label, c) =>
            c % step === 0 ? (
              <text
                key={label}
                x={labelWidth + (c + 0.5) * cellWidth}
                y={HEADER - 8}
                textAnchor="middle"
                {...AXIS_TEXT}
              >
                {shortDate(label)}
              </text>
            ) : null,
          )}
          {props.rowLabels.map((label, r) => (
            <g key={label}>
              <text
                x={labelWidth - 8}
                y={HEADER + r * CELL_HEIGHT + CELL_HEIGHT / 2 + 4}
                textAnchor="end"
                fontSize={12}
                fill="#1b1f24"
              >
                {fitLabel(label, labelWidth - 8)}
              </text>
              {props.columnLabels.map((column, c) => {
                const value = props.values[r]?.[c] ?? 0;
                const shade = heatShade(value, max);
                const x = labelWidth + c * cellWidth;
                const y = HEADER + r * CELL_HEIGHT;
                return (
                  <g key={column}>
                    <rect x={x} y={y} width={cellWidth} height={CELL_HEIGHT} fill={shade.fill} stroke="#c9d0d8" />
                    <text
                      x={x + cellWidth / 2}
                      y={y + CELL_HEIGHT / 2 + 4}
                      textAnchor="middle"
                      fontSize={11}
                      fill={shade.text}
                    >
                      {value.toLocaleString('en-US')}
                    </text>
                  </g>
                );
              })}
            </g>
          ))}
        </ChartSvg>
      </div>
    </div>
  );
}
