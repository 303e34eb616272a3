// The statements behind the commissioner's monthly report: one per section, each a single pass over the cases the
// reader may see (visibleCasesFilter), merged duplicates left out. Volumes of three months come from one scan with
// grouping sets over a pre-aggregated set; the open backlog from the open cases plus those closed after the
// instant; repeat contacts from a window over the person's cases. Counts are cast to int so both drivers return
// numbers. See docs/performance.md for the indexes (migration 0017) that let each read the index alone.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { CommandContext } from '../context.ts';
import { visibleCasesFilter } from '../policies/case-access.ts';
import { REPEAT_CONTACT_DAYS } from '../queries/case-list-queries.ts';

/** An instant range [start, end). */
export interface InstantRange {
  start: Date;
  end: Date;
}

/** The cases of the report: visible to the reader and not merged into another case. */
function reportCases(ctx: CommandContext) {
  return ctx.db.selectFrom('cases as c').where(visibleCasesFilter(ctx)).where('c.merged_into_id', 'is', null);
}

const within = (column: string, range: InstantRange) =>
  sql<SqlBool>`${sql.ref(column)} >= ${range.start} and ${sql.ref(column)} < ${range.end}`;

const countWhere = (condition: Expression<SqlBool>) => sql<number>`(count(*) filter (where ${condition}))::int`;

export interface VolumeRow {
  /** Which grouping the row belongs to; `total` is every case. */
  dimension: 'channel' | 'subject' | 'subject_group' | 'unit' | 'facility' | 'language' | 'writer_type' | 'total';
  key: string | null;
  current: number;
  previous: number;
  year_earlier: number;
}

// The grouping sets of the volume table, in the order of the grouping() bits (first column = highest bit).
const VOLUME_DIMENSIONS = [
  ['channel', sql`t.channel`],
  ['subject', sql`t.subject_code`],
  ['subject_group', sql`split_part(t.subject_code, '.', 1)`],
  ['unit', sql`t.unit_id`],
  ['facility', sql`t.facility`],
  ['language', sql`t.language`],
  ['writer_type', sql`t.writer_type`],
] as const;

/**
 * Cases received in each of three months by channel, subject (code and top level), unit, facility, language and
 * writer type. The two ranges of receipt (the month before with the month, and a year earlier) are read as two
 * index range scans; cases are first counted per combination of the dimensions (a few thousand rows), then those
 * counts are summed per grouping set.
 */
export async function volumeRows(
  ctx: CommandContext,
  months: { current: InstantRange; previous: InstantRange; yearEarlier: InstantRange },
): Promise<VolumeRow[]> {
  const { current, previous, yearEarlier } = months;
  const received = (range: InstantRange) =>
    reportCases(ctx)
      .where(within('c.received_at', range))
      .select([
        'c.channel',
        'c.subject_code',
        'c.unit_id',
        sql<string | null>`nullif(c.facility, '')`.as('facility'),
        'c.language',
        'c.writer_type',
        'c.received_at',
      ]);
  // The month before ends where the month begins: one range for both.
  const cases = received({ start: previous.start, end: current.end }).unionAll(received(yearEarlier));
  const combinations = ctx.db
    .selectFrom(cases.as('r'))
    .select([
      'r.channel',
      'r.subject_code',
      'r.unit_id',
      'r.facility',
      'r.language',
      'r.writer_type',
      countWhere(within('r.received_at', current)).as('current'),
      countWhere(within('r.received_at', previous)).as('previous'),
      countWhere(within('r.received_at', yearEarlier)).as('year_earlier'),
    ])
    .groupBy(['r.channel', 'r.subject_code', 'r.unit_id', 'r.facility', 'r.language', 'r.writer_type']);
  const keys = VOLUME_DIMENSIONS.map(([, expression]) => expression);
  const rows = await ctx.db
    .selectFrom(combinations.as('t'))
    .select([
      sql<number>`grouping(${sql.join(keys)})`.as('mask'),
      ...VOLUME_DIMENSIONS.map(([name, expression]) => sql<string | null>`(${expression})::text`.as(name)),
      sql<number>`sum(t.current)::int`.as('current'),
      sql<number>`sum(t.previous)::int`.as('previous'),
      sql<number>`sum(t.year_earlier)::int`.as('year_earlier'),
    ])
    .groupBy(sql`grouping sets (${sql.join(keys.map((k) => sql`(${k})`))}, ())`)
    .execute();
  return rows.map((row) => {
    // grouping() sets a bit for each key left out of the row's grouping set; the one at 0 names the dimension.
    const bits = VOLUME_DIMENSIONS.length;
    const index = VOLUME_DIMENSIONS.findIndex((_, i) => (Number(row.mask) & (1 << (bits - 1 - i))) === 0);
    const dimension = index === -1 ? 'total' : VOLUME_DIMENSIONS[index]![0];
    return {
      dimension,
      key: dimension === 'total' ? null : ((row as unknown as Record<string, string | null>)[dimension] ?? null),
      current: Number(row.current),
      previous: Number(row.previous),
      year_earlier: Number(row.year_earlier),
    };
  });
}

export interface ResponseTimeRow {
  /** The channel, or null for all channels. */
  channel: string | null;
  received: number;
  responded: number;
  first_response_median: number | null;
  first_response_p90: number | null;
  closed: number;
  close_median: number | null;
  close_p90: number | null;
  /** Elected officials' items: received, answered, answered no later than their first-response due time. */
  elected: number;
  elected_answered: number;
  elected_within_standard: number;
}

const days = (from: string, to: string) => sql`extract(epoch from (${sql.ref(to)} - ${sql.ref(from)}))::float8 / 86400`;
const percentile = (fraction: number, value: ReturnType<typeof days>, condition: Expression<SqlBool>) =>
  sql<
    number | null
  >`percentile_cont(${sql.lit(fraction)}) within group (order by ${value}) filter (where ${condition})`;

/**
 * Median and 90th percentile days to first response and to close of the cases received in the month, by channel,
 * with the elected officials' items answered (within standard) — the same scan of the month.
 */
export async function responseTimeRows(ctx: CommandContext, month: InstantRange): Promise<ResponseTimeRow[]> {
  const responded = sql<SqlBool>`c.first_response_at is not null`;
  const closed = sql<SqlBool>`c.status = 'closed' and c.closed_at is not null`;
  const toResponse = days('c.received_at', 'c.first_response_at');
  const toClose = days('c.received_at', 'c.closed_at');
  const elected = sql<SqlBool>`c.writer_type = 'elected_official'`;
  const rows = await reportCases(ctx)
    .where(within('c.received_at', month))
    .select([
      sql<number>`grouping(c.channel)`.as('all_channels'),
      'c.channel',
      sql<number>`count(*)::int`.as('received'),
      countWhere(responded).as('responded'),
      percentile(0.5, toResponse, responded).as('first_response_median'),
      percentile(0.9, toResponse, responded).as('first_response_p90'),
      countWhere(sql`c.status = 'closed'`).as('closed'),
      percentile(0.5, toClose, closed).as('close_median'),
      percentile(0.9, toClose, closed).as('close_p90'),
      countWhere(elected).as('elected'),
      countWhere(sql`${elected} and c.first_response_at is not null`).as('elected_answered'),
      countWhere(sql`${elected} and c.first_response_at <= c.first_response_due_at`).as('elected_within_standard'),
    ])
    .groupBy(sql`grouping sets ((), (c.channel))`)
    .execute();
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows.map((r) => ({
    channel: Number(r.all_channels) === 1 ? null : r.channel,
    received: Number(r.received),
    responded: Number(r.responded),
    first_response_median: num(r.first_response_median),
    first_response_p90: num(r.first_response_p90),
    closed: Number(r.closed),
    close_median: num(r.close_median),
    close_p90: num(r.close_p90),
    elected: Number(r.elected),
    elected_answered: Number(r.elected_answered),
    elected_within_standard: Number(r.elected_within_standard),
  }));
}

/** The first instants of the age bands: received at or after bounds[i] is at most BAND_DAYS[i] days old. */
export const BAND_DAYS = [7, 14, 30, 60, 90] as const;

export interface BacklogRow {
  /** The unit id, or null with all_units = 1 for the total. */
  unit_id: number | null;
  all_units: boolean;
  /** Counts per age band, youngest first: 0–7, 8–14, 15–30, 31–60, 61–90, over 90 days. */
  bands: number[];
  elected_official: number;
}

/**
 * Cases open at `at` (received before it, not closed by then) by age band, overall and by unit. `bounds` are the
 * first instants of the local days 7, 14, 30, 60 and 90 days before the as-of day.
 */
export async function backlogRows(ctx: CommandContext, at: Date, bounds: Date[]): Promise<BacklogRow[]> {
  const columns = ['c.received_at', 'c.unit_id', 'c.writer_type'] as const;
  const stillOpen = reportCases(ctx).select(columns).where('c.closed_at', 'is', null).where('c.received_at', '<', at);
  const closedLater = reportCases(ctx)
    .select(columns)
    .where('c.closed_at', '>', at)
    .where('c.closed_at', 'is not', null)
    .where('c.received_at', '<', at);
  const edges = [at, ...bounds, null];
  const bandCounts = edges.slice(0, -1).map((newest, i) => {
    const oldest = edges[i + 1];
    const condition =
      oldest === null || oldest === undefined
        ? sql<SqlBool>`o.received_at < ${newest}`
        : sql<SqlBool>`o.received_at >= ${oldest} and o.received_at < ${newest}`;
    return sql<number>`(count(*) filter (where ${condition}))::int`.as(`band_${i}`);
  });
  const rows = await ctx.db
    .selectFrom(stillOpen.unionAll(closedLater).as('o'))
    .select([
      sql<number>`grouping(o.unit_id)`.as('all_units'),
      'o.unit_id',
      ...bandCounts,
      sql<number>`(count(*) filter (where o.writer_type = 'elected_official'))::int`.as('elected_official'),
    ])
    .groupBy(sql`grouping sets ((), (o.unit_id))`)
    .execute();
  return rows.map((r) => {
    const record = r as unknown as Record<string, unknown>;
    return {
      unit_id: r.unit_id,
      all_units: Number(r.all_units) === 1,
      bands: edges.slice(0, -1).map((_, i) => Number(record[`band_${i}`])),
      elected_official: Number(r.elected_official),
    };
  });
}

export interface EscalationRow {
  grouping: 'total' | 'level' | 'unit';
  level: number | null;
  unit_id: number | null;
  count: number;
}

/** Cases escalated in the month (their latest escalation), by level and by unit. */
export async function escalationRows(ctx: CommandContext, month: InstantRange): Promise<EscalationRow[]> {
  const rows = await reportCases(ctx)
    .where('c.escalated_at', 'is not', null)
    .where(within('c.escalated_at', month))
    .select([
      sql<number>`grouping(c.escalation_level, c.unit_id)`.as('mask'),
      'c.escalation_level',
      'c.unit_id',
      sql<number>`count(*)::int`.as('count'),
    ])
    .groupBy(sql`grouping sets ((), (c.escalation_level), (c.unit_id))`)
    .execute();
  return rows.map((r) => {
    const mask = Number(r.mask);
    return {
      grouping: mask === 3 ? 'total' : mask === 1 ? 'level' : 'unit',
      level: mask === 1 ? r.escalation_level : null,
      unit_id: mask === 2 ? r.unit_id : null,
      count: Number(r.count),
    };
  });
}

export interface RepeatRow {
  /** The top-level subject, or null for all subjects. */
  subject_group: string | null;
  count: number;
}

/**
 * Cases received in the month whose person had another visible case with the same subject code received before it
 * within REPEAT_CONTACT_DAYS local days: the previous case of the same person and subject (by receipt) decides.
 */
export async function repeatRows(ctx: CommandContext, month: InstantRange, windowStart: Date): Promise<RepeatRow[]> {
  const zone = ctx.agency.timeZone;
  const sequence = reportCases(ctx)
    .where('c.person_id', 'is not', null)
    .where('c.subject_code', 'is not', null)
    .where(within('c.received_at', { start: windowStart, end: month.end }))
    .select([
      'c.subject_code',
      'c.received_at',
      sql<Date | null>`lag(c.received_at) over (partition by c.person_id, c.subject_code order by c.received_at, c.id)`.as(
        'previous_at',
      ),
    ]);
  const rows = await ctx.db
    .selectFrom(sequence.as('r'))
    .where(within('r.received_at', month))
    .where('r.previous_at', 'is not', null)
    .where(
      sql<SqlBool>`(r.received_at at time zone ${zone})::date - (r.previous_at at time zone ${zone})::date <= ${sql.lit(REPEAT_CONTACT_DAYS)}`,
    )
    .select([
      sql<number>`grouping(split_part(r.subject_code, '.', 1))`.as('all_subjects'),
      sql<string>`split_part(r.subject_code, '.', 1)`.as('subject_group'),
      sql<number>`count(*)::int`.as('count'),
    ])
    .groupBy(sql`grouping sets ((), (split_part(r.subject_code, '.', 1)))`)
    .execute();
  return rows.map((r) => ({
    subject_group: Number(r.all_subjects) === 1 ? null : r.subject_group,
    count: Number(r.count),
  }));
}

export interface SurveyRow {
  responses: number;
  mean_satisfaction: number | null;
  resolved_yes: number;
  resolved_answered: number;
}

/** Survey answers given in the month about cases the reader may see. */
export async function surveyRow(ctx: CommandContext, month: InstantRange): Promise<SurveyRow> {
  const row = await reportCases(ctx)
    .innerJoin('survey_responses as s', (j) =>
      j.onRef('s.agency_id', '=', 'c.agency_id').onRef('s.case_id', '=', 'c.id'),
    )
    .where('s.agency_id', '=', ctx.agency.id)
    .where(within('s.created_at', month))
    .select([
      sql<number>`count(*)::int`.as('responses'),
      sql<number | null>`avg(s.satisfaction)::float8`.as('mean_satisfaction'),
      sql<number>`(count(*) filter (where s.resolved))::int`.as('resolved_yes'),
      sql<number>`count(s.resolved)::int`.as('resolved_answered'),
    ])
    .executeTakeFirstOrThrow();
  return {
    responses: Number(row.responses),
    mean_satisfaction: row.mean_satisfaction === null ? null : Number(row.mean_satisfaction),
    resolved_yes: Number(row.resolved_yes),
    resolved_answered: Number(row.resolved_answered),
  };
}

/** Names of the agency's units and subjects and its escalation levels, for labels. */
export async function reportLabels(ctx: CommandContext) {
  const [units, subjects, agency] = await Promise.all([
    ctx.db.selectFrom('units').select(['id', 'code', 'name']).where('agency_id', '=', ctx.agency.id).execute(),
    ctx.db.selectFrom('subjects').select(['code', 'name']).where('agency_id', '=', ctx.agency.id).execute(),
    ctx.db.selectFrom('agencies').select('escalation_levels').where('id', '=', ctx.agency.id).executeTakeFirstOrThrow(),
  ]);
  return {
    units: new Map(units.map((u) => [u.id, { code: u.code, name: u.name }])),
    subjects: new Map(subjects.map((s) => [s.code, s.name])),
    levels: new Map(agency.escalation_levels.map((l) => [l.level, l.name])),
  };
}
