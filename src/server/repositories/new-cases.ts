// The one writer of new cases: the only list of the columns a new case is written with, and the two statements that
// write them — one row (intake's single statement, repositories/case-intake.ts) and a batch (imports and the demo
// seed: one INSERT … SELECT FROM unnest(…), each column one array parameter, so a batch is one round trip whatever
// its size). Tracking numbers come from the per-agency-year sequence in both.
import { sql, type RawBuilder } from 'kysely';
import type { CasesTable } from '../db/schema.ts';

/** Every column a new case may be written with, and its SQL type, in the order a statement lists them. */
export const NEW_CASE_COLUMNS = {
  agency_id: 'int',
  id: 'int',
  tracking_number: 'text',
  channel: 'text',
  channel_slug: 'text',
  subject_code: 'text',
  description: 'text',
  received_at: 'timestamptz',
  status: 'text',
  priority: 'text',
  language: 'text',
  writer_type: 'text',
  person_id: 'int',
  on_behalf_of_person_id: 'int',
  unit_id: 'int',
  assignee_id: 'int',
  facility: 'text',
  restricted: 'boolean',
  tags: 'text[]',
  service_standard_id: 'int',
  first_response_due_at: 'timestamptz',
  resolution_due_at: 'timestamptz',
  first_response_at: 'timestamptz',
  closed_at: 'timestamptz',
  paused_at: 'timestamptz',
  pauses: 'jsonb',
  escalation_level: 'int',
  escalated_at: 'timestamptz',
  external_id: 'text',
  external_data: 'jsonb',
  import_hash: 'text',
  anonymised_at: 'timestamptz',
  created_at: 'timestamptz',
  updated_at: 'timestamptz',
} as const satisfies { [K in keyof CasesTable]?: string };

export type NewCaseColumn = keyof typeof NEW_CASE_COLUMNS;

const ORDER = Object.keys(NEW_CASE_COLUMNS) as NewCaseColumn[];

/** The tracking-number sequence of an agency and year, which every writer of new cases draws from. */
export const trackingSequenceName = (agencyId: number, year: number) =>
  `tracking_${Math.trunc(agencyId)}_${Math.trunc(year)}`;

/** A tracking number (PREFIX-YEAR-000123) from its text before the number and the number drawn from the sequence. */
export const trackingNumberSql = (head: RawBuilder<unknown>, n: RawBuilder<unknown>) =>
  sql<string>`${head} || case when ${n} < 1000000 then lpad(${n}::text, 6, '0') else ${n}::text end`;

/** The columns given, in the writer's order. */
function ordered<T>(given: Partial<Record<NewCaseColumn, T>>): NewCaseColumn[] {
  return ORDER.filter((column) => given[column] !== undefined);
}

/**
 * One new case: `insert into cases (…) select … from <source>`, each column from its SQL expression (which may read
 * the source, e.g. the writer found in the same statement). The statement's text depends only on which columns are
 * given, so that a prepared statement serves every intake.
 */
export function insertCaseRow(
  values: Partial<Record<NewCaseColumn, RawBuilder<unknown>>>,
  source: RawBuilder<unknown>,
): RawBuilder<unknown> {
  const columns = ordered(values);
  return sql`insert into cases (${sql.join(columns.map((c) => sql.ref(c)))})
    select ${sql.join(columns.map((c) => values[c]!))} from ${source}`;
}

/** A value of a new case's column as a batch carries it: jsonb as JSON text, text[] as an array literal. */
export type BatchValue = string | number | boolean | Date | null | undefined | readonly string[];

const QUOTE_OR_BACKSLASH = /["\\]/;

/** A PostgreSQL array literal of strings, numbers and nulls (the text form `{"a","b",NULL,3}`). */
export function arrayLiteral(values: readonly (string | number | null | undefined)[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) parts[i] = 'NULL';
    else if (typeof value === 'number') parts[i] = String(value);
    else if (QUOTE_OR_BACKSLASH.test(value)) parts[i] = `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    else parts[i] = `"${value}"`;
  }
  return `{${parts.join(',')}}`;
}

// JSON text never holds a raw control character (JSON.stringify writes them as \u escapes), so the rows' JSON
// documents travel joined by the record separator (U+001E) and are split with string_to_array — no escaping on
// either side, where an array literal would escape every quote of every document. '' stands for null.
const SEPARATOR = '\u001e';

function text(value: BatchValue): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return String(value);
  return arrayLiteral(value as readonly string[]);
}

/** One column of a batch as the array parameter unnest reads (also for a batch UPDATE … FROM unnest). */
export function batchColumn<R>(
  column: NewCaseColumn,
  rows: readonly R[],
  pick: (row: R) => BatchValue,
): RawBuilder<unknown> {
  const type = NEW_CASE_COLUMNS[column];
  if (type === 'jsonb') {
    return sql`string_to_array(${rows.map((row) => (pick(row) as string | null | undefined) ?? '').join(SEPARATOR)}::text, chr(30), '')`;
  }
  const literal = arrayLiteral(rows.map((row) => text(pick(row))));
  // A text[] column travels as the text of each row's array literal, cast back in the select.
  return type === 'text[]' ? sql`${literal}::text[]` : sql`${literal}::${sql.raw(type)}[]`;
}

/** How a batch numbers its cases, when it does not give their tracking numbers itself. */
export interface BatchNumbering<R> {
  trackingPrefix: string;
  /** The local year of each row's receipt: its number comes from that year's sequence. */
  year: (row: R) => number;
}

/**
 * New cases in one statement: `insert into cases (…) select … from unnest(…)`, every column the rows give (`pick`
 * answers undefined for a column a row does not give) one array parameter; with `numbering`, each row draws the next number of its agency-year sequence, in row order (the
 * sequences must exist). `onlyNew` is a condition on the unnested row `u` (e.g. its external id is not taken yet);
 * the rows go in ordered by `orderBy` of `r` when given.
 */
export function insertCaseRows<R>(
  agencyId: number,
  rows: readonly [R, ...R[]],
  pick: (row: R, column: NewCaseColumn) => BatchValue,
  options: { numbering?: BatchNumbering<R>; onlyNew?: RawBuilder<unknown>; orderBy?: RawBuilder<unknown> } = {},
): RawBuilder<unknown> {
  // The rows of a batch all give the same columns: those the first one gives (null is a value, undefined is none).
  const given = ORDER.filter((c) => c !== 'agency_id' && pick(rows[0], c) !== undefined);
  const { numbering } = options;
  const stored = numbering ? given.filter((c) => c !== 'tracking_number') : given;
  const arrays = stored.map((c) => batchColumn(c, rows, (row) => pick(row, c)));
  const names = stored.map((c) => sql.ref(c));
  const cast = (c: NewCaseColumn) =>
    NEW_CASE_COLUMNS[c] === 'jsonb' || NEW_CASE_COLUMNS[c] === 'text[]'
      ? sql`${sql.ref(`r.${c}`)}::${sql.raw(NEW_CASE_COLUMNS[c])}`
      : sql.ref(`r.${c}`);
  const unnest = numbering
    ? sql`unnest(${arrayLiteral(rows.map(numbering.year))}::int[], ${sql.join(arrays)}) as u(year, ${sql.join(names)})`
    : sql`unnest(${sql.join(arrays)}) as u(${sql.join(names)})`;
  const onlyNew = options.onlyNew ? sql`where ${options.onlyNew}` : sql``;
  // offset 0 keeps the sub-select whole, so that nextval runs once per row (the number is used twice) and in row
  // order.
  const source = numbering
    ? sql`(select u.*, nextval(format('tracking_%s_%s', ${agencyId}::int, u.year)::regclass) as n
        from ${unnest} ${onlyNew} offset 0) r`
    : sql`(select u.* from ${unnest} ${onlyNew}) r`;
  const tracking = numbering
    ? [sql`${trackingNumberSql(sql`${numbering.trackingPrefix}::text || '-' || r.year || '-'`, sql.ref('r.n'))}`]
    : [];
  const insertColumns = [sql.ref('agency_id'), ...(numbering ? [sql.ref('tracking_number')] : []), ...names];
  return sql`insert into cases (${sql.join(insertColumns)})
    select ${agencyId}::int, ${sql.join([...tracking, ...stored.map(cast)])}
    from ${source}
    ${options.orderBy ? sql`order by ${options.orderBy}` : sql``}`;
}
