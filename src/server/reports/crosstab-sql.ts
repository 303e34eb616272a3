// The SQL of a cross-tab: its pieces and the statement that computes the table with its totals (groupedRows).
// Every dimension and measure name maps to a fixed SQL expression written here; values from the request reach the
// database only as bound parameters. scopedCases applies the reader's policy (visibleCasesFilter), leaves out merged
// duplicates and applies the period and filters, so the table, its totals and the drill-down to cases all start
// from the same set of cases.
import { sql, type Expression, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { CommandContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { visibleCasesFilter } from '../policies/case-access.ts';
import { periodInstants, type ReportPeriod } from '../../shared/report-periods.ts';
import type { CaseStatus } from '../../shared/case-status.ts';
import type { DimensionValue } from '../../shared/reports.ts';
import type { CrosstabDefinition, CrosstabFilters, Dimension, Measure } from './crosstab-definition.ts';

type Joined = Database & { c: Database['cases'] };
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type CaseQuery = SelectQueryBuilder<Joined, 'c', {}>;

export type { DimensionValue } from '../../shared/reports.ts';

/** A LIKE pattern matching the children of a subject code (codes may hold _, which LIKE reads as a wildcard). */
const childrenOf = (code: string) => `${code.replace(/[\\%_]/g, (ch) => `\\${ch}`)}.%`;

/** The cases a cross-tab counts: visible to the reader, not merged away, received in the period, filtered. */
export function scopedCases(ctx: CommandContext, filters: CrosstabFilters, period: ReportPeriod): CaseQuery {
  const { start, end } = periodInstants(period, ctx.agency.timeZone);
  let q = ctx.db
    .selectFrom('cases as c')
    .where(visibleCasesFilter(ctx))
    .where('c.merged_into_id', 'is', null)
    .where('c.received_at', '>=', start)
    .where('c.received_at', '<', end) as CaseQuery;
  const { channel, unitId, subject, status, writerType, language, facility } = filters;
  if (channel) q = q.where((eb) => eb.or([eb('c.channel', 'in', channel), eb('c.channel_slug', 'in', channel)]));
  if (unitId) q = q.where('c.unit_id', 'in', unitId);
  if (subject) {
    q = q.where((eb) =>
      eb.or(
        subject.flatMap((code) => [eb('c.subject_code', '=', code), eb('c.subject_code', 'like', childrenOf(code))]),
      ),
    );
  }
  if (status) {
    const exact = status.filter((s): s is CaseStatus => s !== 'open');
    q = q.where((eb) => {
      const any: Expression<SqlBool>[] = [];
      if (exact.length > 0) any.push(eb('c.status', 'in', exact));
      if (status.includes('open')) any.push(eb('c.status', '<>', 'closed'));
      return eb.or(any);
    });
  }
  if (writerType) q = q.where('c.writer_type', 'in', writerType);
  if (language) q = q.where('c.language', 'in', language);
  if (facility) q = q.where('c.facility', 'in', facility);
  return q;
}

/** The SQL value a case has in a dimension (the key it is grouped by). */
export function dimensionSql(dimension: Dimension, timeZone: string): RawBuilder<DimensionValue> {
  switch (dimension) {
    case 'subject':
      return sql`c.subject_code`;
    case 'subject_parent':
      // A child's code is its parent's code, a dot and one more segment (admin-subjects.ts).
      return sql`split_part(c.subject_code, '.', 1)`;
    case 'unit':
      return sql`c.unit_id`;
    case 'channel':
      return sql`c.channel`;
    case 'status':
      return sql`c.status`;
    case 'writer_type':
      return sql`c.writer_type`;
    case 'language':
      return sql`c.language`;
    case 'facility':
      return sql`c.facility`;
    case 'priority':
      return sql`c.priority`;
    case 'assignee':
      return sql`c.assignee_id`;
    case 'month':
      return sql`to_char(c.received_at at time zone ${timeZone}, 'YYYY-MM')`;
    case 'week':
      return sql`to_char(date_trunc('week', c.received_at at time zone ${timeZone}), 'YYYY-MM-DD')`;
    case 'day':
      return sql`to_char(c.received_at at time zone ${timeZone}, 'YYYY-MM-DD')`;
  }
}

const DAYS = (to: RawBuilder<unknown>) => sql<number>`(extract(epoch from (${to} - c.received_at)) / 86400.0)::float8`;

/**
 * A case's own value for the measure, or null when the case is outside what the measure is computed over: 1 for
 * a counted case, days to first response or to close, 100 or 0 for on time or late. The cell aggregates these
 * values, and the drill-down lists exactly the cases whose value is not null.
 */
export function measureValueSql(measure: Measure, asOf: Date): RawBuilder<number | null> {
  switch (measure) {
    case 'count':
      return sql`1`;
    case 'open_count':
      return sql`case when c.status <> 'closed' then 1 end`;
    case 'median_days_to_first_response':
    case 'p90_days_to_first_response':
    case 'mean_days_to_first_response':
      return DAYS(sql`c.first_response_at`);
    case 'median_days_to_close':
      return DAYS(sql`c.closed_at`);
    case 'pct_first_response_on_time':
      return onTimeSql(sql`c.first_response_at`, sql`c.first_response_due_at`, asOf);
    case 'pct_closed_on_time':
      return onTimeSql(sql`c.closed_at`, sql`c.resolution_due_at`, asOf);
  }
}

/** 100 when done by the due date, 0 when done late or not done and past due, null without a due date or still in time. */
function onTimeSql(doneAt: RawBuilder<unknown>, dueAt: RawBuilder<unknown>, asOf: Date): RawBuilder<number | null> {
  return sql`case
    when ${dueAt} is null then null
    when ${doneAt} is not null and ${doneAt} <= ${dueAt} then 100
    when ${doneAt} is not null or ${dueAt} < ${asOf} then 0
  end`;
}

/** The aggregate of the measure over the values of a group (column `v` of the inner query `x`). */
export function measureAggregateSql(measure: Measure): RawBuilder<number | null> {
  switch (measure) {
    case 'count':
      return sql`count(*)::float8`;
    case 'open_count':
      return sql`count(x.v)::float8`;
    case 'median_days_to_first_response':
    case 'median_days_to_close':
      return sql`(percentile_cont(0.5) within group (order by x.v))::float8`;
    case 'p90_days_to_first_response':
      return sql`(percentile_cont(0.9) within group (order by x.v))::float8`;
    case 'mean_days_to_first_response':
    case 'pct_first_response_on_time':
    case 'pct_closed_on_time':
      return sql`avg(x.v)::float8`;
  }
}

/** Narrows a case query to one row or column of the table: each dimension equal to its value (or null). */
export function narrowTo(
  timeZone: string,
  query: CaseQuery,
  dimensions: Dimension[],
  values: DimensionValue[],
): CaseQuery {
  let q = query;
  dimensions.forEach((dimension, i) => {
    const expression = dimensionSql(dimension, timeZone);
    const value = values[i];
    q = q.where(
      value === null || value === undefined
        ? sql<boolean>`${expression} is null`
        : sql<boolean>`${expression} = ${value}`,
    );
  });
  return q;
}

/**
 * How many cases of the query have a value of the measure (every case for a count), and one page of them, newest
 * first after the keyset `after` ([received at, id]), `limit` + 1 rows (the extra one says a next page exists).
 */
export async function casePage(
  query: CaseQuery,
  measure: Measure,
  asOf: Date,
  after: [string, number] | null,
  limit: number,
) {
  const value = measureValueSql(measure, asOf);
  const measured = measure === 'count' ? query : query.where(sql<boolean>`${value} is not null`);
  const { total } = await measured.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  let list = measured
    .leftJoin('units as u', (j) => j.onRef('u.agency_id', '=', 'c.agency_id').onRef('u.id', '=', 'c.unit_id'))
    .leftJoin('subjects as s', (j) => j.onRef('s.agency_id', '=', 'c.agency_id').onRef('s.code', '=', 'c.subject_code'))
    .leftJoin('users as a', (j) => j.onRef('a.agency_id', '=', 'c.agency_id').onRef('a.id', '=', 'c.assignee_id'))
    .select([
      'c.id',
      'c.tracking_number',
      'c.received_at',
      'c.status',
      'c.channel',
      'c.subject_code',
      's.name as subject_name',
      'u.code as unit_code',
      'u.name as unit_name',
      'a.name as assignee_name',
      'c.priority',
      'c.first_response_at',
      'c.closed_at',
      value.as('value'),
    ]);
  if (after) list = list.where(sql<boolean>`(c.received_at, c.id) < (${new Date(after[0])}::timestamptz, ${after[1]})`);
  const rows = await list
    .orderBy('c.received_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit + 1)
    .execute();
  return { total: Number(total), rows };
}

/** Names of the agency's units or users by id (for the table's headers). */
export async function namesById(
  ctx: CommandContext,
  table: 'units' | 'users',
  ids: number[],
): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom(table)
    .select(['id', 'name'])
    .where('agency_id', '=', ctx.agency.id)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Names of the agency's subjects by code (for the table's headers). */
export async function subjectNames(ctx: CommandContext, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('subjects')
    .select(['code', 'name'])
    .where('agency_id', '=', ctx.agency.id)
    .where('code', 'in', codes)
    .execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** One row of the cross-tab statement: d0… the dimension values, g0… their grouping flags, and the value. */
export interface GroupedRow {
  value: number | null;
  [column: string]: unknown;
}

const keyOf = (values: number[]) => JSON.stringify(values);

/** The grouping sets of the query: the cells, the row totals, the column totals and the grand total. */
function groupingSets(rowCount: number, columnCount: number): number[][] {
  const rows = [...Array(rowCount).keys()];
  const columns = [...Array(columnCount).keys()].map((i) => i + rowCount);
  const sets = [[...rows, ...columns], rows, columns, []];
  return sets.filter((set, i) => sets.findIndex((other) => keyOf(other) === keyOf(set)) === i);
}

/** The statement of a cross-tab: its cells and, through GROUPING SETS, every total, `limit` rows at most. */
export async function groupedRows(
  ctx: CommandContext,
  definition: CrosstabDefinition,
  period: ReportPeriod,
  asOf: Date,
  limit: number,
): Promise<GroupedRow[]> {
  const dimensions = [...definition.rows, ...definition.columns];
  const inner = scopedCases(ctx, definition.filters, period).select([
    ...dimensions.map((d, i) => dimensionSql(d, ctx.agency.timeZone).as(`d${i}`)),
    measureValueSql(definition.measure, asOf).as('v'),
  ]);
  const refs = dimensions.map((_, i) => sql.ref(`x.d${i}`));
  const flags = refs.map((ref, i) => sql<number>`grouping(${ref})`.as(`g${i}`));
  let query = ctx.db
    .selectFrom(inner.as('x'))
    .select([...refs.map((ref, i) => ref.as(`d${i}`)), ...flags, measureAggregateSql(definition.measure).as('value')]);
  if (dimensions.length > 0) {
    const sets = groupingSets(definition.rows.length, definition.columns.length).map((set) =>
      set.length > 0 ? sql`(${sql.join(set.map((i) => refs[i]!))})` : sql`()`,
    );
    const rolledUp: RawBuilder<number> = sql`${sql.join(
      refs.map((ref) => sql`grouping(${ref})`),
      sql` + `,
    )}`;
    // Totals first, so that a table too large for the limit still shows how many rows it would have.
    query = query.groupBy(sql`grouping sets (${sql.join(sets)})`).orderBy(rolledUp, 'desc');
  }
  return (await query.limit(limit).execute()) as GroupedRow[];
}
