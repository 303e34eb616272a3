// Bar and line charts as inline SVG for printed reports, drawn from a report table. Pure: text in, markup out, every
// inserted text escaped. Charts are readable without colour and without sight: each bar and point carries its value
// as text, the axes are labelled, and <title>/<desc> give a screen reader the chart's name and its numbers.
import { escapeHtml } from '../../channels/letters/letter-html.ts';
import type { ReportChart, ReportTable } from '../../../shared/report-document.ts';
import { formatValue, type ValueFormat } from '../../../shared/value-format.ts';

export interface ChartSeries {
  name: string;
  values: (number | null)[];
}

export interface ChartSpec {
  /** Unique within the page: the ids of the <title> and <desc> elements derive from it. */
  id: string;
  kind: 'bar' | 'line';
  title: string;
  categoryLabel: string;
  valueLabel: string;
  categories: string[];
  series: ChartSeries[];
  format?: ValueFormat;
}

const WIDTH = 640;
const FONT = 11;
const SMALL = 9.5;
const TITLE_HEIGHT = 30;
const LEGEND_HEIGHT = 20;
/** More categories than this, or long labels, turn a bar chart sideways so every label stays readable. */
const MAX_UPRIGHT_BARS = 8;
const MAX_UPRIGHT_LABEL = 16;
const MAX_DESCRIBED_VALUES = 40;
/** Okabe–Ito colours, distinguishable with the common colour-vision deficiencies; values are also printed. */
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#999999'];

const esc = escapeHtml;
const round = (n: number) => Math.round(n * 10) / 10;
const colour = (index: number) => COLOURS[index % COLOURS.length]!;

/** The spec of a report chart: its categories from the label column, one series per value column. */
export function chartSpec(chart: ReportChart, table: ReportTable, id: string): ChartSpec {
  const column = (key: string) => {
    const found = table.columns.find((c) => c.key === key);
    if (!found) throw new RangeError(`chart "${chart.title}" names column "${key}", which table "${table.name}" lacks`);
    return found;
  };
  const labelColumn = column(chart.labelColumn);
  const valueColumns = chart.valueColumns.map(column);
  const format = valueColumns[0]?.format;
  return {
    id,
    kind: chart.kind,
    title: chart.title,
    categoryLabel: labelColumn.label,
    valueLabel: valueColumns.length === 1 ? valueColumns[0]!.label : valueAxisName(format),
    categories: table.rows.map((row) => formatValue(row[labelColumn.key], labelColumn.format)),
    series: valueColumns.map((c) => ({
      name: c.label,
      values: table.rows.map((row) => {
        const value = row[c.key];
        return typeof value === 'number' && Number.isFinite(value) ? value : null;
      }),
    })),
    ...(format ? { format } : {}),
  };
}

function valueAxisName(format: ValueFormat | undefined): string {
  const names: Partial<Record<ValueFormat, string>> = { percent: 'Percent', days: 'Days', seconds: 'Seconds' };
  return (format && names[format]) ?? 'Count';
}

/** Rough rendered width of a text: wide (CJK, Hangul) characters take a full em, others a little over half. */
export function textWidth(text: string, fontSize = FONT): number {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0)! >= 0x1100 ? 1 : 0.58) * fontSize;
  return width;
}

/** The text cut to fit a width, with an ellipsis when cut. */
export function fitText(text: string, maxWidth: number, fontSize = FONT): string {
  if (textWidth(text, fontSize) <= maxWidth) return text;
  let out = '';
  for (const ch of text) {
    if (textWidth(`${out}${ch}…`, fontSize) > maxWidth) break;
    out += ch;
  }
  return `${out}…`;
}

export interface Scale {
  low: number;
  high: number;
  step: number;
}

/** A value axis with round tick steps that covers every value and zero; percents of 0–100 get the whole 0–100. */
export function niceScale(values: number[], format?: ValueFormat, ticks = 5): Scale {
  let low = Math.min(0, ...values);
  let high = Math.max(0, ...values);
  if (format === 'percent' && low >= 0 && high <= 100) high = 100;
  // A span too small to divide into ticks (all zero, or values next to nothing) gets a unit axis.
  if (high - low < 1e-9) high = low + 1;
  const raw = (high - low) / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const normal = raw / magnitude;
  let step = (normal <= 1 ? 1 : normal <= 2 ? 2 : normal <= 2.5 ? 2.5 : normal <= 5 ? 5 : 10) * magnitude;
  if (format === 'count') step = Math.max(1, Math.round(step));
  low = Math.floor(low / step) * step;
  high = Math.ceil(high / step) * step;
  return { low, high, step };
}

function tickValues(scale: Scale): number[] {
  const values: number[] = [];
  const count = Math.round((scale.high - scale.low) / scale.step);
  for (let i = 0; i <= count; i += 1) values.push(Number((scale.low + i * scale.step).toPrecision(12)));
  return values;
}

function finiteValues(spec: ChartSpec): number[] {
  return spec.series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)));
}

function kindName(spec: ChartSpec, sideways: boolean): string {
  if (spec.kind === 'line') return 'Line chart';
  return sideways ? 'Horizontal bar chart' : 'Bar chart';
}

/** The <desc>: what is drawn and the numbers themselves, so the chart is complete without seeing it. */
export function describeChart(spec: ChartSpec, sideways = false): string {
  const n = spec.categories.length;
  const head = `${kindName(spec, sideways)} of ${spec.valueLabel} by ${spec.categoryLabel}`;
  if (n === 0 || finiteValues(spec).length === 0) return `${head}: no data for this period.`;
  const parts: string[] = [];
  for (const series of spec.series) {
    const entries = spec.categories.map((category, i) => {
      const value = series.values[i];
      return `${category} ${value === null || value === undefined ? 'no value' : formatValue(value, spec.format)}`;
    });
    const shown = entries.slice(0, MAX_DESCRIBED_VALUES).join('; ');
    const more = entries.length > MAX_DESCRIBED_VALUES ? `; and ${entries.length - MAX_DESCRIBED_VALUES} more` : '';
    parts.push(`${spec.series.length > 1 ? `${series.name}: ` : ''}${shown}${more}.`);
  }
  return `${head}, ${n} ${n === 1 ? 'category' : 'categories'}. ${parts.join(' ')}`;
}

interface Frame {
  height: number;
  top: number;
  left: number;
  right: number;
  bottom: number;
}

function text(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${round(x)}" y="${round(y)}"${attributes ? ` ${attributes}` : ''}>${esc(content)}</text>`;
}

function legend(spec: ChartSpec, y: number): string {
  if (spec.series.length < 2) return '';
  let x = 16;
  const items = spec.series.map((series, index) => {
    const name = fitText(series.name, 160, SMALL);
    const item =
      `<rect x="${round(x)}" y="${round(y - 9)}" width="10" height="10" fill="${colour(index)}"/>` +
      text(x + 14, y, name, `font-size="${SMALL}"`);
    x += 14 + textWidth(name, SMALL) + 16;
    return item;
  });
  return `<g class="legend">${items.join('')}</g>`;
}

function shell(spec: ChartSpec, frame: Frame, body: string, sideways: boolean): string {
  const titleId = `${spec.id}-title`;
  const descId = `${spec.id}-desc`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${esc(titleId)} ${esc(descId)}" ` +
    `viewBox="0 0 ${WIDTH} ${round(frame.height)}" width="100%" font-size="${FONT}" class="chart">` +
    `<title id="${esc(titleId)}">${esc(spec.title)}</title>` +
    `<desc id="${esc(descId)}">${esc(describeChart(spec, sideways))}</desc>` +
    text(0, 18, fitText(spec.title, WIDTH, 13), 'font-size="13" font-weight="700" class="chart-title"') +
    legend(spec, TITLE_HEIGHT + 10) +
    body +
    `</svg>`
  );
}

function emptyChart(spec: ChartSpec): string {
  const frame = { height: 120, top: TITLE_HEIGHT, left: 0, right: 0, bottom: 0 };
  const body =
    `<rect x="0.5" y="${TITLE_HEIGHT}" width="${WIDTH - 1}" height="80" fill="none" stroke="#999"/>` +
    text(WIDTH / 2, TITLE_HEIGHT + 45, 'No data for this period', 'text-anchor="middle" fill="#333"');
  return shell(spec, frame, body, false);
}

/** Upright axes (vertical bars, lines): value ticks on the left, categories along the bottom. */
function uprightAxes(spec: ChartSpec, frame: Frame, scale: Scale, y: (v: number) => number): string {
  const plotRight = WIDTH - frame.right;
  const plotBottom = frame.height - frame.bottom;
  const ticks = tickValues(scale).map(
    (value) =>
      `<line x1="${frame.left}" x2="${plotRight}" y1="${round(y(value))}" y2="${round(y(value))}" ` +
      `stroke="${value === 0 ? '#333' : '#ddd'}"/>` +
      text(frame.left - 6, y(value) + 4, formatValue(value, spec.format), `text-anchor="end" font-size="${SMALL}"`),
  );
  const middle = (frame.top + plotBottom) / 2;
  return (
    `<g class="axis value-axis">${ticks.join('')}` +
    text(
      12,
      middle,
      fitText(spec.valueLabel, plotBottom - frame.top, SMALL),
      `text-anchor="middle" ` + `font-size="${SMALL}" transform="rotate(-90 12 ${round(middle)})"`,
    ) +
    `</g>` +
    `<line x1="${frame.left}" x2="${frame.left}" y1="${frame.top}" y2="${plotBottom}" stroke="#333"/>` +
    text(
      (frame.left + plotRight) / 2,
      frame.height - 6,
      spec.categoryLabel,
      `text-anchor="middle" font-size="${SMALL}"`,
    )
  );
}

function categoryLabels(spec: ChartSpec, frame: Frame, band: number): string {
  const plotBottom = frame.height - frame.bottom;
  const every = Math.max(1, Math.ceil((spec.categories.length * 56) / (WIDTH - frame.left - frame.right)));
  return spec.categories
    .map((category, i) =>
      i % every === 0
        ? text(
            frame.left + band * (i + 0.5),
            plotBottom + 16,
            fitText(category, band * every - 4, SMALL),
            `text-anchor="middle" font-size="${SMALL}"`,
          )
        : '',
    )
    .join('');
}

function uprightFrame(spec: ChartSpec): Frame {
  const top = TITLE_HEIGHT + (spec.series.length > 1 ? LEGEND_HEIGHT : 0) + 10;
  return { height: 320, top, left: 64, right: 16, bottom: 48 };
}

function verticalBars(spec: ChartSpec, values: number[]): string {
  const frame = uprightFrame(spec);
  const scale = niceScale(values, spec.format);
  const plotHeight = frame.height - frame.top - frame.bottom;
  const y = (v: number) => frame.top + (plotHeight * (scale.high - v)) / (scale.high - scale.low);
  const band = (WIDTH - frame.left - frame.right) / spec.categories.length;
  const barWidth = Math.min(48, (band * 0.72) / spec.series.length);
  const bars = spec.series.flatMap((series, s) =>
    series.values.map((value, i) => {
      if (value === null) return '';
      const x = frame.left + band * (i + 0.5) - (barWidth * spec.series.length) / 2 + s * barWidth;
      const top = y(Math.max(0, value));
      const label = formatValue(value, spec.format);
      const labelY = value < 0 ? y(value) + 12 : top - 3;
      return (
        `<rect x="${round(x)}" y="${round(top)}" width="${round(barWidth - 1)}" ` +
        `height="${round(Math.abs(y(value) - y(0)))}" fill="${colour(s)}"><title>${esc(`${spec.categories[i]}: ${label}`)}</title></rect>` +
        text(x + barWidth / 2, labelY, label, `text-anchor="middle" font-size="${SMALL}"`)
      );
    }),
  );
  const body =
    uprightAxes(spec, frame, scale, y) + `<g class="bars">${bars.join('')}</g>` + categoryLabels(spec, frame, band);
  return shell(spec, frame, body, false);
}

function horizontalBars(spec: ChartSpec, values: number[]): string {
  const barHeight = 14;
  const rowStep = spec.series.length * barHeight + 8;
  const longest = Math.max(...spec.categories.map((c) => textWidth(c, SMALL)));
  const top = TITLE_HEIGHT + (spec.series.length > 1 ? LEGEND_HEIGHT : 0) + 6;
  const left = Math.min(220, Math.max(80, longest + 12));
  const frame: Frame = { height: top + spec.categories.length * rowStep + 44, top, left, right: 56, bottom: 44 };
  const scale = niceScale(values, spec.format);
  // Room between the category labels and the plot for the values printed left of negative bars.
  const plotLeft = frame.left + (scale.low < 0 ? 40 : 0);
  const plotWidth = WIDTH - plotLeft - frame.right;
  const plotBottom = frame.height - frame.bottom;
  const x = (v: number) => plotLeft + (plotWidth * (v - scale.low)) / (scale.high - scale.low);
  const ticks = tickValues(scale).map(
    (value) =>
      `<line x1="${round(x(value))}" x2="${round(x(value))}" y1="${frame.top}" y2="${plotBottom}" ` +
      `stroke="${value === 0 ? '#333' : '#ddd'}"/>` +
      text(x(value), plotBottom + 14, formatValue(value, spec.format), `text-anchor="middle" font-size="${SMALL}"`),
  );
  const rows = spec.categories.map((category, i) => {
    const rowTop = frame.top + i * rowStep + 4;
    const label = text(
      frame.left - 6,
      rowTop + (rowStep - 8) / 2 + 4,
      fitText(category, frame.left - 12, SMALL),
      `text-anchor="end" font-size="${SMALL}"`,
    );
    const bars = spec.series.map((series, s) => {
      const value = series.values[i];
      if (value === null || value === undefined) return '';
      const barY = rowTop + s * barHeight;
      const start = x(Math.min(0, value));
      const shown = formatValue(value, spec.format);
      const labelX = value < 0 ? x(value) - 3 : x(value) + 3;
      return (
        `<rect x="${round(start)}" y="${round(barY)}" width="${round(Math.abs(x(value) - x(0)))}" ` +
        `height="${barHeight - 2}" fill="${colour(s)}"><title>${esc(`${category}: ${shown}`)}</title></rect>` +
        text(labelX, barY + barHeight - 4, shown, `text-anchor="${value < 0 ? 'end' : 'start'}" font-size="${SMALL}"`)
      );
    });
    return label + bars.join('');
  });
  const body =
    `<g class="axis value-axis">${ticks.join('')}` +
    text(
      (frame.left + WIDTH - frame.right) / 2,
      frame.height - 8,
      spec.valueLabel,
      `text-anchor="middle" font-size="${SMALL}"`,
    ) +
    `</g>` +
    `<line x1="${round(x(0))}" x2="${round(x(0))}" y1="${frame.top}" y2="${plotBottom}" stroke="#333"/>` +
    text(8, frame.top - 4, fitText(spec.categoryLabel, frame.left, SMALL), `font-size="${SMALL}" font-weight="700"`) +
    `<g class="bars">${rows.join('')}</g>`;
  return shell(spec, frame, body, true);
}

function lineChart(spec: ChartSpec, values: number[]): string {
  const frame = uprightFrame(spec);
  const scale = niceScale(values, spec.format);
  const plotHeight = frame.height - frame.top - frame.bottom;
  const y = (v: number) => frame.top + (plotHeight * (scale.high - v)) / (scale.high - scale.low);
  const band = (WIDTH - frame.left - frame.right) / spec.categories.length;
  const px = (i: number) => frame.left + band * (i + 0.5);
  const labelPoints = spec.categories.length <= 14 && spec.series.length <= 2;
  const lines = spec.series.map((series, s) => {
    // A missing value breaks the line rather than drawing it to zero.
    let path = '';
    let pen = false;
    series.values.forEach((value, i) => {
      if (value === null) {
        pen = false;
        return;
      }
      path += `${pen ? 'L' : 'M'}${round(px(i))} ${round(y(value))}`;
      pen = true;
    });
    const points = series.values.map((value, i) => {
      if (value === null) return '';
      const shown = formatValue(value, spec.format);
      return (
        `<circle cx="${round(px(i))}" cy="${round(y(value))}" r="3" fill="${colour(s)}"><title>${esc(`${series.name}, ${spec.categories[i]}: ${shown}`)}</title></circle>` +
        (labelPoints ? text(px(i), y(value) - 6, shown, `text-anchor="middle" font-size="${SMALL}"`) : '')
      );
    });
    return `<g class="series"><path d="${path}" fill="none" stroke="${colour(s)}" stroke-width="2"/>${points.join('')}</g>`;
  });
  const body = uprightAxes(spec, frame, scale, y) + lines.join('') + categoryLabels(spec, frame, band);
  return shell(spec, frame, body, false);
}

/** The chart as an <svg> element. Empty data draws a framed "No data for this period"; many categories lie sideways. */
export function svgChart(spec: ChartSpec): string {
  const values = finiteValues(spec);
  if (spec.categories.length === 0 || values.length === 0) return emptyChart(spec);
  if (spec.kind === 'line') return lineChart(spec, values);
  const sideways =
    spec.categories.length > MAX_UPRIGHT_BARS ||
    spec.categories.some((c) => textWidth(c, SMALL) > textWidth('x'.repeat(MAX_UPRIGHT_LABEL), SMALL));
  return sideways ? horizontalBars(spec, values) : verticalBars(spec, values);
}
