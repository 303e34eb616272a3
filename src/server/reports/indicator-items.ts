// The drill-down of a customer-service indicator: the exact cases, calls or interpretation requests behind one of
// its numbers (numerator, late, pending, denominator, excluded), page by page. It reads the same sources with the
// same classification as indicators.ts, so the lists add up to the published numbers.
import { sql, type RawBuilder } from 'kysely';
import type { CommandContext } from '../context.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import type { ReportPeriod } from '../../shared/report-periods.ts';
import {
  indicatorDefinition,
  type IndicatorDefinition,
  type IndicatorGroup,
} from '../../shared/indicator-definitions.ts';
import {
  callSource,
  closedSource,
  countingWindow,
  interpretationSource,
  responseSource,
  seesCallIndicators,
  type CountingWindow,
} from './indicators.ts';

export interface IndicatorItemsRequest {
  key: string;
  period: ReportPeriod;
  group: IndicatorGroup;
  asOf: Date;
  cursor?: string | undefined;
  limit: number;
}

export interface CaseItem {
  trackingNumber: string;
  receivedAt: string;
  firstResponseAt: string | null;
  resolutionDueAt: string | null;
  closedAt: string | null;
  channel: string;
  subject: string | null;
  subjectName: string | null;
  unit: string | null;
  unitName: string | null;
}

export interface CallItem {
  callId: string;
  queue: string;
  offeredAt: string;
  answeredAt: string | null;
  abandonedAt: string | null;
  waitSeconds: number | null;
}

export interface InterpretationItem {
  id: number;
  requestedAt: string;
  completedAt: string;
  language: string;
  mode: string | null;
}

export interface IndicatorItemsPage {
  key: string;
  name: string;
  group: IndicatorGroup;
  period: string;
  asOf: string;
  kind: 'cases' | 'calls' | 'interpretation_requests';
  /** How many items the group has in all (the indicator's number). */
  total: number;
  items: (CaseItem | CallItem | InterpretationItem)[];
  nextCursor: string | null;
}

interface Cursor {
  /** The sort instant in microseconds since 1970 (exact, unlike a JavaScript Date). */
  t: string;
  id: number;
}

function decodeCursor(cursor: string | undefined): Cursor | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Cursor;
    if (typeof value.t !== 'string' || !/^-?\d{1,17}$/.test(value.t) || !Number.isSafeInteger(value.id)) {
      throw new Error('malformed');
    }
    return value;
  } catch {
    throw invalid('cursor', 'is not a cursor this API returned; start again without it');
  }
}

const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

const iso = (value: Date | null) => (value ? value.toISOString() : null);

/** The classes a group is made of; undefined for a group the indicator does not have. */
function classesOf(definition: IndicatorDefinition, group: IndicatorGroup): string[] {
  if (!definition.groups.includes(group)) {
    throw invalid('group', `${definition.key} has the groups ${definition.groups.join(', ')}`);
  }
  return group === 'denominator' ? ['numerator', 'late'] : [group];
}

const inClasses = (group: RawBuilder<string>, classes: string[]) =>
  sql<boolean>`(${group}) in (${sql.join(classes.map((c) => sql.lit(c)))})`;

/** Keyset condition: (instant, id) after the cursor's. */
const after = (instant: RawBuilder<unknown>, id: RawBuilder<unknown>, cursor: Cursor | undefined) =>
  cursor
    ? sql<boolean>`(${instant}, ${id}) > (timestamptz 'epoch' + ${cursor.t}::bigint * interval '1 microsecond', ${cursor.id}::bigint)`
    : sql<boolean>`true`;

const micros = (instant: RawBuilder<unknown>) => sql<string>`(extract(epoch from ${instant}) * 1000000)::bigint::text`;

function page<T extends { sort_key: string; id: number }, I>(rows: T[], limit: number, present: (row: T) => I) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(present),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.sort_key, id: last.id }) : null,
  };
}

async function caseItems(
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
  const present = (r: (typeof rows)[number]): CaseItem => ({
    trackingNumber: r.tracking_number,
    receivedAt: r.received_at.toISOString(),
    firstResponseAt: iso(r.first_response_at),
    resolutionDueAt: iso(r.resolution_due_at),
    closedAt: iso(r.closed_at),
    channel: r.channel,
    subject: r.subject_code,
    subjectName: r.subject_name,
    unit: r.unit_code,
    unitName: r.unit_name,
  });
  return { total: Number(count.n), ...page(rows, limit, present) };
}

async function callItems(
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
  const present = (r: (typeof rows)[number]): CallItem => ({
    callId: r.call_id,
    queue: r.queue,
    offeredAt: r.offered_at.toISOString(),
    answeredAt: iso(r.answered_at),
    abandonedAt: iso(r.abandoned_at),
    waitSeconds: r.wait_seconds === null ? null : Number(r.wait_seconds),
  });
  return { total: Number(count.n), ...page(rows, limit, present) };
}

async function interpretationItems(
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
  const present = (r: (typeof rows)[number]): InterpretationItem => ({
    id: r.id,
    requestedAt: r.requested_at.toISOString(),
    completedAt: r.completed_at!.toISOString(),
    language: r.language,
    mode: r.mode,
  });
  return { total: Number(count.n), ...page(rows, limit, present) };
}

/** One page of the items behind an indicator's number, oldest first, with the group's total. */
export async function indicatorItems(ctx: CommandContext, request: IndicatorItemsRequest): Promise<IndicatorItemsPage> {
  const definition = indicatorDefinition(request.key);
  if (!definition) throw notFound(`Indicator ${request.key}`);
  const cases = definition.source === 'responses' || definition.source === 'closed';
  if (!cases && !seesCallIndicators(ctx)) {
    throw new AppError(
      'forbidden',
      'The call and interpretation indicators are open to administrators, supervisors and auditors.',
    );
  }
  const classes = classesOf(definition, request.group);
  const cursor = decodeCursor(request.cursor);
  const window = countingWindow(ctx, request.period, request.asOf);
  const result = cases
    ? await caseItems(ctx, definition, window, classes, cursor, request.limit)
    : definition.source === 'interpretations'
      ? await interpretationItems(ctx, window, cursor, request.limit)
      : await callItems(ctx, definition, window, classes, cursor, request.limit);
  return {
    key: definition.key,
    name: definition.name,
    group: request.group,
    period: request.period.key,
    asOf: request.asOf.toISOString(),
    kind: cases ? 'cases' : definition.source === 'interpretations' ? 'interpretation_requests' : 'calls',
    ...result,
  };
}
