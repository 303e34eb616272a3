// Ad-hoc cross-tabs: cases counted (or timed) by up to two row dimensions and one column dimension, for the
// reader's own view of the cases. One query computes the cells and, through GROUPING SETS, every row total, column
// total and the grand total over the underlying cases — so a median's total is the median of all the cases, not a
// sum of medians. crosstabDocument turns a result into the ReportDocument that CSV, XLSX and PDF are rendered from.
import type { CommandContext } from '../context.ts';
import { AppError, invalid } from '../errors.ts';
import type { ReportPeriod } from '../../shared/report-periods.ts';
import type { ReportColumn, ReportDocument, ReportTable } from '../../shared/report-document.ts';
import type { CrosstabHeader, CrosstabResult } from '../../shared/reports.ts';
import {
  COUNT_MEASURES,
  DIMENSION_LABELS,
  MEASURE_INFO,
  TIME_DIMENSIONS,
  validateCrosstabDefinition,
  type CrosstabDefinition,
  type Dimension,
  type Measure,
} from './crosstab-definition.ts';
import { groupedRows, namesById, type DimensionValue } from './crosstab-sql.ts';
import { compareValues, headerLabeller, periodTimeKeys, type LabelLookup } from './crosstab-labels.ts';

export type { CrosstabDefinition, CrosstabFilters, Dimension, Measure } from './crosstab-definition.ts';
export type { DimensionValue } from './crosstab-sql.ts';

/** The most rows and columns a cross-tab shows; more is refused with a message saying how to narrow it. */
export const MAX_ROWS = 500;
export const MAX_COLUMNS = 60;

export type { CrosstabHeader, CrosstabResult } from '../../shared/reports.ts';

const ALL_HEADER: CrosstabHeader = { key: [], labels: ['All'] };

/** Validates a definition (400 naming each bad field, unknown units included) and runs it for the reader. */
export async function runCrosstabDefinition(
  ctx: CommandContext,
  input: unknown,
  asOf: Date = new Date(),
): Promise<{ definition: CrosstabDefinition; result: CrosstabResult }> {
  const { definition, period } = validateCrosstabDefinition(input);
  await checkUnitsExist(ctx, definition.filters.unitId);
  return { definition, result: await runCrosstab(ctx, definition, period, asOf) };
}

async function checkUnitsExist(ctx: CommandContext, unitIds: number[] | undefined): Promise<void> {
  if (!unitIds) return;
  const found = await namesById(ctx, 'units', unitIds);
  const missing = unitIds.filter((id) => !found.has(id));
  if (missing.length > 0) throw invalid('filters.unitId', `no unit with id ${missing.join(', ')}`);
}

const keyOf = (values: DimensionValue[]) => JSON.stringify(values);

function capError(field: 'rows' | 'columns', count: number | null, max: number): AppError {
  const how =
    field === 'rows'
      ? 'narrow the period or the filters, or choose a coarser row dimension (month instead of day)'
      : 'narrow the period or the filters, or swap rows and columns';
  const size = count === null ? `more than ${max}` : count.toLocaleString('en-US');
  return invalid(field, `the table would have ${size} ${field}; at most ${max} can be shown — ${how}`);
}

/** The time keys an axis always shows (all months, weeks or days of the period) when it is one time dimension. */
function filledKeys(dimensions: Dimension[], period: ReportPeriod): DimensionValue[][] {
  const [only] = dimensions;
  if (dimensions.length !== 1 || !only || !TIME_DIMENSIONS.includes(only)) return [];
  return periodTimeKeys(only as 'month' | 'week' | 'day', period).map((k) => [k]);
}

/** Runs a checked definition for the reader: only cases they may see count, in cells and totals alike. */
export async function runCrosstab(
  ctx: CommandContext,
  definition: CrosstabDefinition,
  period: ReportPeriod,
  asOf: Date = new Date(),
): Promise<CrosstabResult> {
  const rowFill = filledKeys(definition.rows, period);
  const columnFill = filledKeys(definition.columns, period);
  if (rowFill.length > MAX_ROWS) throw capError('rows', rowFill.length, MAX_ROWS);
  if (columnFill.length > MAX_COLUMNS) throw capError('columns', columnFill.length, MAX_COLUMNS);

  const limit = MAX_ROWS * MAX_COLUMNS + MAX_ROWS + MAX_COLUMNS + 2;
  const rows = await groupedRows(ctx, definition, period, asOf, limit);
  const R = definition.rows.length;
  const C = definition.columns.length;
  const cells = new Map<string, number | null>();
  const rowTotals = new Map<string, { key: DimensionValue[]; value: number | null }>();
  const columnTotals = new Map<string, { key: DimensionValue[]; value: number | null }>();
  let grandTotal: number | null = null;
  for (const row of rows) {
    const flag = (i: number) => Number(row[`g${i}`]);
    const rowKey = definition.rows.map((_, i) => row[`d${i}`] as DimensionValue);
    const columnKey = definition.columns.map((_, i) => row[`d${R + i}`] as DimensionValue);
    const rowIn = definition.rows.every((_, i) => flag(i) === 0);
    const rowOut = definition.rows.every((_, i) => flag(i) === 1);
    const columnIn = definition.columns.every((_, i) => flag(R + i) === 0);
    const columnOut = definition.columns.every((_, i) => flag(R + i) === 1);
    const value = row.value === null ? null : Number(row.value);
    if (rowIn && columnIn) cells.set(keyOf([...rowKey, ...columnKey]), value);
    if (rowIn && columnOut) rowTotals.set(keyOf(rowKey), { key: rowKey, value });
    if (rowOut && columnIn) columnTotals.set(keyOf(columnKey), { key: columnKey, value });
    if (rowOut && columnOut) grandTotal = value;
  }
  for (const key of rowFill) if (!rowTotals.has(keyOf(key))) rowTotals.set(keyOf(key), { key, value: null });
  for (const key of columnFill) {
    if (!columnTotals.has(keyOf(key))) columnTotals.set(keyOf(key), { key, value: null });
  }
  if (rowTotals.size > MAX_ROWS) throw capError('rows', rows.length >= limit ? null : rowTotals.size, MAX_ROWS);
  if (columnTotals.size > MAX_COLUMNS) {
    throw capError('columns', rows.length >= limit ? null : columnTotals.size, MAX_COLUMNS);
  }
  if (rows.length >= limit) throw capError('rows', null, MAX_ROWS);

  const labels = await headerLabeller(ctx, valuesByDimension(definition, rowTotals, columnTotals));
  const rowHeaders = R === 0 ? [ALL_HEADER] : headers(definition.rows, [...rowTotals.values()], labels);
  const columnHeaders = C === 0 ? [ALL_HEADER] : headers(definition.columns, [...columnTotals.values()], labels);
  const empty = COUNT_MEASURES.includes(definition.measure) ? 0 : null;
  const round = rounder(definition.measure);
  const at = (value: number | null | undefined) => (value === undefined || value === null ? empty : round(value));
  const info = MEASURE_INFO[definition.measure];
  return {
    period: { key: period.key, label: period.label, from: period.from, to: period.to },
    measure: { key: definition.measure, label: info.label, format: info.format },
    rowDimensions: definition.rows.map((d) => ({ key: d, label: DIMENSION_LABELS[d] })),
    columnDimensions: definition.columns.map((d) => ({ key: d, label: DIMENSION_LABELS[d] })),
    rowHeaders,
    columnHeaders,
    cells: rowHeaders.map((r) => columnHeaders.map((c) => at(cells.get(keyOf([...r.key, ...c.key]))))),
    rowTotals: rowHeaders.map((r) => at(rowTotals.get(keyOf(r.key))?.value)),
    columnTotals: columnHeaders.map((c) => at(columnTotals.get(keyOf(c.key))?.value)),
    grandTotal: at(grandTotal),
    filterSummary: await describeFilters(ctx, definition),
    asOf: asOf.toISOString(),
  };
}

/** Days to two decimals, percentages to one; counts are whole already. */
function rounder(measure: Measure): (value: number) => number {
  const digits = MEASURE_INFO[measure].format === 'percent' ? 1 : 2;
  const factor = 10 ** digits;
  return (value) => Math.round(value * factor) / factor;
}

function valuesByDimension(
  definition: CrosstabDefinition,
  rowTotals: Map<string, { key: DimensionValue[] }>,
  columnTotals: Map<string, { key: DimensionValue[] }>,
): Map<Dimension, Set<DimensionValue>> {
  const values = new Map<Dimension, Set<DimensionValue>>();
  const collect = (dimensions: Dimension[], keys: DimensionValue[][]) =>
    dimensions.forEach((d, i) => values.set(d, new Set(keys.map((k) => k[i]!))));
  collect(
    definition.rows,
    [...rowTotals.values()].map((r) => r.key),
  );
  collect(
    definition.columns,
    [...columnTotals.values()].map((c) => c.key),
  );
  return values;
}

function headers(dimensions: Dimension[], entries: { key: DimensionValue[] }[], labels: LabelLookup): CrosstabHeader[] {
  const list = entries.map((e) => ({ key: e.key, labels: e.key.map((v, i) => labels(dimensions[i]!, v)) }));
  return list.sort((a, b) => {
    for (const [i, d] of dimensions.entries()) {
      const order = compareValues(
        d,
        { value: a.key[i]!, label: a.labels[i]! },
        { value: b.key[i]!, label: b.labels[i]! },
      );
      if (order !== 0) return order;
    }
    return 0;
  });
}

async function describeFilters(ctx: CommandContext, definition: CrosstabDefinition): Promise<string[]> {
  const f = definition.filters;
  const lines: string[] = [];
  if (f.unitId) {
    const units = await namesById(ctx, 'units', f.unitId);
    lines.push(`Units: ${f.unitId.map((id) => units.get(id) ?? `#${id}`).join(', ')}`);
  }
  if (f.subject) lines.push(`Subjects: ${f.subject.join(', ')}`);
  if (f.channel) lines.push(`Channels: ${f.channel.join(', ')}`);
  if (f.status) lines.push(`Statuses: ${f.status.join(', ').replace(/_/g, ' ')}`);
  if (f.writerType) lines.push(`Writers: ${f.writerType.join(', ').replace(/_/g, ' ')}`);
  if (f.language) lines.push(`Languages: ${f.language.join(', ')}`);
  if (f.facility) lines.push(`Facilities: ${f.facility.join(', ')}`);
  return lines;
}

function describeLayout(definition: CrosstabDefinition): string {
  const by = [...definition.rows, ...definition.columns].map((d) => DIMENSION_LABELS[d].toLowerCase());
  const measure = MEASURE_INFO[definition.measure].label;
  return by.length > 0 ? `${measure} by ${by.join(' and ')}` : measure;
}

/** The cross-tab as a report document: one table, header columns first, a Total column and a Total row. */
export function crosstabDocument(
  definition: CrosstabDefinition,
  result: CrosstabResult,
  agencyName: string,
  title?: string,
): ReportDocument {
  const valueFormat = result.measure.format;
  const hasColumnTotals = definition.rows.length > 0;
  const hasRowTotals = definition.columns.length > 0;
  const columns: ReportColumn[] = [
    ...result.rowDimensions.map((d, i) => ({ key: `row_${i}`, label: d.label, format: 'text' as const })),
    ...result.columnHeaders.map((h, j) => ({
      key: `col_${j}`,
      label: definition.columns.length > 0 ? h.labels.join(' / ') : result.measure.label,
      format: valueFormat,
    })),
    ...(hasRowTotals ? [{ key: 'total', label: 'Total', format: valueFormat }] : []),
  ];
  const tableRows: ReportTable['rows'] = result.rowHeaders.map((h, i) => ({
    ...Object.fromEntries(h.key.map((_, k) => [`row_${k}`, h.labels[k]!])),
    ...Object.fromEntries(result.cells[i]!.map((v, j) => [`col_${j}`, v])),
    ...(hasRowTotals ? { total: result.rowTotals[i]! } : {}),
  }));
  if (hasColumnTotals) {
    tableRows.push({
      ...Object.fromEntries(definition.rows.map((_, k) => [`row_${k}`, k === 0 ? 'Total' : ''])),
      ...Object.fromEntries(result.columnTotals.map((v, j) => [`col_${j}`, v])),
      ...(hasRowTotals ? { total: result.grandTotal } : {}),
    });
  }
  const layout = describeLayout(definition);
  return {
    title: title ?? `Cross-tab: ${layout}`,
    subtitle: [
      agencyName,
      `Cases received ${result.period.label}`,
      ...result.filterSummary,
      `As of ${result.asOf.slice(0, 16).replace('T', ' ')} UTC`,
    ],
    tables: [
      {
        name: 'crosstab',
        title: layout.charAt(0).toUpperCase() + layout.slice(1),
        description: `${MEASURE_INFO[definition.measure].description} Totals are computed over the cases, not added up.`,
        columns,
        rows: tableRows,
      },
    ],
  };
}
