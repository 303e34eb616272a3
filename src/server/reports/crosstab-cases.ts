// The cases behind one number of a cross-tab: the same scoped cases as the table, narrowed to the cell's row and
// column values, and to the cases the measure is computed over (answered cases for a time to first response,
// cases with a due date that are done or past due for an on-time share). For the count measure the total is the
// cell's number exactly. A page at a time, newest first, with each case's own value of the measure.
import type { CommandContext } from '../context.ts';
import { invalid } from '../errors.ts';
import type { ReportPeriod } from '../../shared/report-periods.ts';
import type { CrosstabCasePage } from '../../shared/reports.ts';
import { NUMERIC_DIMENSIONS, type CrosstabDefinition, type Dimension } from './crosstab-definition.ts';
import { casePage, narrowTo, scopedCases, type DimensionValue } from './crosstab-sql.ts';

export type { CrosstabCasePage } from '../../shared/reports.ts';

export interface CrosstabCell {
  /** The row's values, one per row dimension; absent or null for all rows (a column total, the grand total). */
  row?: DimensionValue[] | null | undefined;
  /** The column's values, one per column dimension; absent or null for all columns (a row total). */
  column?: DimensionValue[] | null | undefined;
}

function checkCoordinates(field: 'row' | 'column', dimensions: Dimension[], values: DimensionValue[]): void {
  if (values.length !== dimensions.length) {
    throw invalid(
      field,
      `must have ${dimensions.length} value${dimensions.length === 1 ? '' : 's'} (${dimensions.join(', ') || 'none'})`,
    );
  }
  values.forEach((value, i) => {
    const numeric = NUMERIC_DIMENSIONS.includes(dimensions[i]!);
    const ok =
      value === null ||
      (numeric
        ? Number.isInteger(value) && Math.abs(value as number) <= 2147483647
        : typeof value === 'string' && value.length <= 200);
    if (!ok) throw invalid(`${field}[${i}]`, `must be ${numeric ? 'an id' : 'text'} or null for ${dimensions[i]}`);
  });
}

function decodeCursor(cursor: string | undefined): [string, number] | null {
  if (!cursor) return null;
  try {
    const state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(state) &&
      state.length === 2 &&
      typeof state[0] === 'string' &&
      !Number.isNaN(new Date(state[0]).getTime()) &&
      Number.isInteger(state[1])
    ) {
      return [state[0], state[1] as number];
    }
  } catch {
    // fall through
  }
  throw invalid('cursor', 'is not a cursor this API returned; start again without it');
}

/** A page of the cases behind a cell (or a total) of a cross-tab, as the reader may see them. */
export async function crosstabCases(
  ctx: CommandContext,
  definition: CrosstabDefinition,
  period: ReportPeriod,
  cell: CrosstabCell,
  page: { limit: number; cursor?: string | undefined },
  asOf: Date = new Date(),
): Promise<CrosstabCasePage> {
  let query = scopedCases(ctx, definition.filters, period);
  if (cell.row) {
    checkCoordinates('row', definition.rows, cell.row);
    query = narrowTo(ctx.agency.timeZone, query, definition.rows, cell.row);
  }
  if (cell.column) {
    checkCoordinates('column', definition.columns, cell.column);
    query = narrowTo(ctx.agency.timeZone, query, definition.columns, cell.column);
  }
  const after = decodeCursor(page.cursor);
  const { total, rows } = await casePage(query, definition.measure, asOf, after, page.limit);
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return {
    total,
    items: items.map((r) => ({
      trackingNumber: r.tracking_number,
      receivedAt: r.received_at.toISOString(),
      status: r.status,
      channel: r.channel,
      subject: r.subject_code,
      subjectName: r.subject_name ?? null,
      unit: r.unit_code ?? null,
      unitName: r.unit_name ?? null,
      assignee: r.assignee_name ?? null,
      priority: r.priority,
      firstResponseAt: r.first_response_at?.toISOString() ?? null,
      closedAt: r.closed_at?.toISOString() ?? null,
      value: r.value === null ? null : Math.round(Number(r.value) * 100) / 100,
    })),
    nextCursor:
      rows.length > page.limit && last
        ? Buffer.from(JSON.stringify([last.received_at.toISOString(), last.id])).toString('base64url')
        : null,
  };
}
