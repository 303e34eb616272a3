// The SQL of an indicator's drill-down (indicator-items.ts shapes the pages): the rows of one group of items read
// from the same sources and classification as the indicators (indicators-queries.ts), oldest first after a keyset
// cursor, `limit` + 1 rows (the extra one says a next page exists), with the group's total.
import { sql, type RawBuilder } from 'kysely';
import type { CommandContext } from '../context.ts';
import type { IndicatorDefinition } from '../../shared/indicator-definitions.ts';
import {
  callSource,
  closedSource,
  interpretationSource,
  responseSource,
  type CountingWindow,
} from './indicators-queries.ts';

/** A keyset position: the sort instant and the row's id. */
export interface Cursor {
  /** The sort instant in microseconds since 1970 (exact, unlike a JavaScript Date). */
  t: string;
  id: number;
}

/** The rows whose class is one of `classes`. */
const inClasses = (group: RawBuilder<string>, classes: string[]) =>
  sql<boolean>`(${group}) in (${sql.join(classes.map((c) => sql.lit(c)))})`;

/** Keyset condition: (instant, id) after the cursor's. */
const after = (instant: RawBuilder<unknown>, id: RawBuilder<unknown>, cursor: Cursor | undefined) =>
  cursor
    ? sql<boolean>`(${instant}, ${id}) > (timestamptz 'epoch' + ${cursor.t}::bigint * interval '1 microsecond', ${cursor.id}::bigint)`
    : sql<boolean>`true`;

const micros = (instant: RawBuilder<unknown>) => sql<string>`(extract(epoch from ${instant}) * 1000000)::bigint::text`;

/** Cases behind an e-mail/letter or closed-on-time number. */
export async function caseItemRows(
  ctx: CommandContext,
  definition: IndicatorDefinition,
  window: CountingWindow,
  classes: string[],
  cursor: Cursor | undefined,
  limit: number,
) {
  const source =
    definition.source === 'responses'
      ? responseSource(ctx, window, [definition.channel as 'email' | 'letter'])
      : closedSource(ctx, window, definition.channel);
  const instant = definition.source === 'responses' ? sql`c.received_at` : sql`c.closed_at`;
  const scoped = source.query.where(inClasses(source.group, classes));
  const [count, rows] = await Promise.all([
    scoped.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    scoped
      .leftJoin('units as u', (j) => j.onRef('u.agency_id', '=', 'c.agency_id').onRef('u.id', '=', 'c.unit_id'))
      .leftJoin('subjects as s', (j) =>
        j.onRef('s.agency_id', '=', 'c.agency_id').onRef('s.code', '=', 'c.subject_code'),
      )
      .where(after(instant, sql`c.id`, cursor))
      .select([
        'c.id',
        'c.tracking_number',
        'c.received_at',
        'c.first_response_at',
        'c.resolution_due_at',
        'c.closed_at',
        'c.channel',
        'c.subject_code',
        's.name as subject_name',
        'u.code as unit_code',
        'u.name as unit_name',
        micros(instant).as('sort_key'),
      ])
      .orderBy(instant)
      .orderBy('c.id')
      .limit(limit + 1)
      .execute(),
  ]);
  return { total: Number(count.n), rows };
}

/** Calls behind a call number (the answered ones for the average wait). */
export async function callItemRows(
  ctx: CommandContext,
  definition: IndicatorDefinition,
  window: CountingWindow,
  classes: string[],
  cursor: Cursor | undefined,
  limit: number,
) {
  const source = callSource(ctx, window);
  const scoped =
    definition.source === 'waits'
      ? source.query.where('l.answered_at', 'is not', null)
      : source.query.where(inClasses(source.group, classes));
  const [count, rows] = await Promise.all([
    scoped.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    scoped
      .where(after(sql`l.offered_at`, sql`l.id`, cursor))
      .select([
        'l.id',
        'l.call_id',
        'l.queue',
        'l.offered_at',
        'l.answered_at',
        'l.abandoned_at',
        source.wait.as('wait_seconds'),
        micros(sql`l.offered_at`).as('sort_key'),
      ])
      .orderBy('l.offered_at')
      .orderBy('l.id')
      .limit(limit + 1)
      .execute(),
  ]);
  return { total: Number(count.n), rows };
}

/** Interpretation requests completed in the window. */
export async function interpretationItemRows(
  ctx: CommandContext,
  window: CountingWindow,
  cursor: Cursor | undefined,
  limit: number,
) {
  const source = interpretationSource(ctx, window);
  const [count, rows] = await Promise.all([
    source.query.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    source.query
      .where(after(sql`i.completed_at`, sql`i.id`, cursor))
      .select([
        'i.id',
        'i.requested_at',
        'i.completed_at',
        'i.language',
        'i.mode',
        micros(sql`i.completed_at`).as('sort_key'),
      ])
      .orderBy('i.completed_at')
      .orderBy('i.id')
      .limit(limit + 1)
      .execute(),
  ]);
  return { total: Number(count.n), rows };
}
