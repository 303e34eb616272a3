// The reporting benchmarks of `npm run bench -- reports`: on a generated load (bench/generate-report-load.ts) of
// 5,000,000 cases on PostgreSQL and 200,000 on PGlite, the MMR indicators and the monthly report for the latest
// complete month, each timed beside hand-written SQL for the same numbers (and checked to give the same numbers),
// the dashboards and an ad-hoc cross-tab. Everything runs as a supervisor, so the visibility policy is measured too.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import type { Database } from '../src/server/db/schema.ts';
import { SESSION_OPTIONS, type Db } from '../src/server/db/database.ts';
import type { CommandContext } from '../src/server/context.ts';
import { loadConfig, type Config } from '../src/server/env.ts';
import { startRuntime, type Runtime } from '../src/server/runtime.ts';
import { addLocalDays, localDate, startOfLocalDay, zonedDateTime } from '../src/shared/local-time.ts';
import { runNewIssueDetection } from '../src/server/reports/new-issue-alerts.ts';
import {
  parsePeriod,
  periodInstants,
  periodYearEarlier,
  previousMonth,
  type ReportPeriod,
} from '../src/shared/report-periods.ts';
import { computeIndicators, type IndicatorsResult } from '../src/server/reports/indicators.ts';
import { dashboardData, type DashboardFilters } from '../src/server/reports/dashboards.ts';
import { runCrosstabDefinition, type CrosstabDefinition } from '../src/server/reports/crosstab.ts';
import { buildMonthlyReport, type MonthlyReport } from '../src/server/reports/monthly-report.ts';
import { newIssuesForPeriod } from '../src/server/reports/new-issue-alerts.ts';
import { DEFAULT_DETECTION_SETTINGS } from '../src/domain/new-issues.ts';
import { BENCH_SUPERVISOR_EMAIL, generateReportLoad, type ReportLoadResult } from './generate-report-load.ts';
import { percentile } from './stats.ts';

export interface BenchRow {
  measure: string;
  driver: string;
  value: string;
  target: string;
  verdict: 'met' | 'missed' | '';
}

export interface ReportBenchEnvironment {
  quick: boolean;
  /** 'backfill' (default): triggers on cases off during the load, rollups filled after; 'triggers': on. */
  rollups: 'triggers' | 'backfill';
  log: (line: string) => void;
  createDatabase: (name: string) => Promise<string>;
  dropDatabase: (name: string) => Promise<void>;
  benchEnv: (extra: Record<string, string>) => NodeJS.ProcessEnv;
  resultsDir: string;
  rows: BenchRow[];
  notes: string[];
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const count = (n: number) => n.toLocaleString('en-US');
const verdict = (ok: boolean): BenchRow['verdict'] => (ok ? 'met' : 'missed');

// ---------------------------------------------------------------- the functions under test

/** The report functions under test, as the API, the CLI and the schedules call them. */
const under = { computeIndicators, buildMonthlyReport, newIssuesForPeriod, dashboardData, runCrosstabDefinition };

// ---------------------------------------------------------------- context and period

export async function supervisorContext(db: Db): Promise<CommandContext> {
  const agency = await db
    .selectFrom('agencies')
    .select(['id', 'slug', 'name', 'time_zone'])
    .where('slug', '=', 'main')
    .executeTakeFirstOrThrow();
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('agency_id', '=', agency.id)
    .where('email', '=', BENCH_SUPERVISOR_EMAIL)
    .executeTakeFirstOrThrow();
  const memberships = await db
    .selectFrom('unit_memberships')
    .select(['unit_id', 'is_manager'])
    .where('agency_id', '=', agency.id)
    .where('user_id', '=', user.id)
    .execute();
  return {
    db,
    agency: { id: agency.id, slug: agency.slug, name: agency.name, timeZone: agency.time_zone },
    actor: {
      userId: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      unitIds: memberships.map((m) => m.unit_id),
      managedUnitIds: memberships.filter((m) => m.is_manager).map((m) => m.unit_id),
      via: 'token',
    },
    requestId: null,
  };
}

/** The latest month that has ended, in the agency's time zone. */
export function latestCompleteMonth(now: Date, timeZone: string): ReportPeriod {
  return previousMonth(parsePeriod(localDate(now, timeZone).slice(0, 7)));
}

// ---------------------------------------------------------------- hand-written SQL

/** The parameters every hand-written statement shares: $1 agency, $2 zone, $3 as of, $4 user, $5 unit ids. */
function baseParameters(ctx: CommandContext, asOf: Date): unknown[] {
  return [ctx.agency.id, ctx.agency.timeZone, asOf.toISOString(), ctx.actor.userId, ctx.actor.unitIds];
}

/**
 * The visibility policy of src/server/policies/case-access.ts for a supervisor, written out for alias `c`; a case
 * merged into another counts as the one that stays.
 */
const visible = (
  alias = 'c',
) => `${alias}.agency_id = $1 and ${alias}.merged_into_id is null and (not ${alias}.restricted
  or ${alias}.unit_id = any($5::int[])
  or exists (select 1 from case_access a where a.agency_id = ${alias}.agency_id and a.case_id = ${alias}.id
             and a.user_id = $4))`;

/** `periods(p, start_at, end_at)` from parameters $6 onwards: one row per named period. */
function periodValues(ctx: CommandContext, periods: Record<string, ReportPeriod>) {
  const names = Object.keys(periods);
  const parameters: unknown[] = [];
  const values = names.map((name, i) => {
    const { start, end } = periodInstants(periods[name]!, ctx.agency.timeZone);
    parameters.push(start.toISOString(), end.toISOString());
    return `('${name}', $${6 + 2 * i}::timestamptz, $${7 + 2 * i}::timestamptz)`;
  });
  // The first CTE names the shared parameters' types, so a statement that does not use one of them still prepares.
  const typed = `typed as (select $1::int, $2::text, $3::timestamptz, $4::int, $5::int[])`;
  return { cte: `${typed}, periods(p, start_at, end_at) as (values ${values.join(', ')})`, parameters };
}

async function query(db: Db, text: string, parameters: unknown[]) {
  return (await db.executeQuery(CompiledQuery.raw(text, parameters))).rows as Record<string, unknown>[];
}

export interface IndicatorNumbers {
  numerator: number;
  denominator: number;
  pending?: number;
  value: number | null;
}
/** Indicator numbers by period name ('current', 'previous_year') and indicator key. */
export type IndicatorTable = Record<string, Record<string, IndicatorNumbers>>;

const pct = (numerator: number, denominator: number) => (denominator ? (100 * numerator) / denominator : null);

/**
 * The MMR indicators for a period and the same period a year earlier in ONE statement: e-mails and letters
 * answered by the 14th calendar day after the local day of receipt (no answer: late once that day has passed,
 * pending before), calls answered within 30 s of being offered over answered + abandoned, the mean wait of answered
 * calls, interpretation requests completed, and cases closed by their resolution due date per channel (cases
 * without a resolution due date in neither number).
 */
export function indicatorStatement(ctx: CommandContext, period: ReportPeriod, asOf: Date) {
  const { cte, parameters } = periodValues(ctx, { current: period, previous_year: periodYearEarlier(period) });
  const text = `
    with ${cte},
    mail as (
      select p.p, c.channel, (c.received_at at time zone $2)::date as received_day,
        case when c.first_response_at <= $3::timestamptz then (c.first_response_at at time zone $2)::date end as answered_day
      from periods p join cases c on c.received_at >= p.start_at and c.received_at < p.end_at
      where c.channel in ('email', 'letter') and ${visible()}
    ),
    as_of(day) as (select ($3::timestamptz at time zone $2)::date)
    select 'mail' as part, p, channel,
      count(*) filter (where answered_day <= received_day + 14) as a,
      count(*) filter (where answered_day > received_day + 14
                          or (answered_day is null and (select day from as_of) > received_day + 14)) as b,
      count(*) filter (where answered_day is null and (select day from as_of) <= received_day + 14) as c,
      null::float8 as d
    from mail group by p, channel
    union all
    select 'closed', p.p, c.channel, count(*) filter (where c.closed_at <= c.resolution_due_at),
      count(c.resolution_due_at), 0, null
    from periods p join cases c on c.closed_at >= p.start_at and c.closed_at < p.end_at
    where ${visible()}
    group by p.p, c.channel
    union all
    select 'calls', p.p, null,
      count(*) filter (where k.answered_at <= k.offered_at + interval '30 seconds'),
      count(*) filter (where k.answered_at is not null or k.abandoned_at is not null),
      count(k.answered_at),
      sum(extract(epoch from k.answered_at - k.offered_at))::float8
    from periods p join calls k on k.offered_at >= p.start_at and k.offered_at < p.end_at
    where k.agency_id = $1
    group by p.p
    union all
    select 'interpretations', p.p, null, count(*), count(*), 0, null
    from periods p join interpretation_requests i on i.completed_at >= p.start_at and i.completed_at < p.end_at
    where i.agency_id = $1
    group by p.p`;
  return { text, parameters: [...baseParameters(ctx, asOf), ...parameters] };
}

/** Runs the indicator statement and shapes its rows as indicator numbers. */
export async function handIndicators(ctx: CommandContext, period: ReportPeriod, asOf: Date): Promise<IndicatorTable> {
  const { text, parameters } = indicatorStatement(ctx, period, asOf);
  const rows = await query(ctx.db, text, parameters);
  const table: IndicatorTable = {};
  for (const p of ['current', 'previous_year']) {
    table[p] = {
      emails_responded_14d_pct: { numerator: 0, denominator: 0, pending: 0, value: null },
      letters_responded_14d_pct: { numerator: 0, denominator: 0, pending: 0, value: null },
      calls_answered_30s_pct: { numerator: 0, denominator: 0, value: null },
      average_wait_seconds: { numerator: 0, denominator: 0, value: null },
      interpretation_requests_completed: { numerator: 0, denominator: 0, value: 0 },
      cases_closed_on_time_pct_311: { numerator: 0, denominator: 0, value: null },
    };
  }
  for (const row of rows) {
    const [a, b, c] = [Number(row.a), Number(row.b), Number(row.c)];
    const slot = table[String(row.p)]!;
    if (row.part === 'mail') {
      const key = row.channel === 'email' ? 'emails_responded_14d_pct' : 'letters_responded_14d_pct';
      slot[key] = { numerator: a, denominator: a + b, pending: c, value: pct(a, a + b) };
    } else if (row.part === 'closed') {
      slot[`cases_closed_on_time_pct_${String(row.channel)}`] = { numerator: a, denominator: b, value: pct(a, b) };
    } else if (row.part === 'calls') {
      slot.calls_answered_30s_pct = { numerator: a, denominator: b, value: pct(a, b) };
      const waited = Number(row.d ?? 0);
      slot.average_wait_seconds = { numerator: waited, denominator: c, value: c ? waited / c : null };
    } else {
      slot.interpretation_requests_completed = { numerator: a, denominator: 0, value: a };
    }
  }
  return table;
}

/** The days back a repeat contact looks (as in src/server/queries/case-list-queries.ts). */
const REPEAT_DAYS = 90;

/**
 * The local days new-issue detection counts for a month's report: the weeks ending on the month's last day (never
 * after yesterday) and every 7 days before it inside the month, each with the 12 weeks before it as its baseline.
 */
function newIssueDays(period: ReportPeriod, asOf: Date, timeZone: string): { from: string; to: string } {
  const yesterday = addLocalDays(localDate(asOf, timeZone), -1);
  const last = period.to < yesterday ? period.to : yesterday;
  let first = last;
  while (addLocalDays(first, -7) >= period.from) first = addLocalDays(first, -7);
  const weekDays = 7;
  const baselineDays = 7 * DEFAULT_DETECTION_SETTINGS.baselineWeeks;
  return { from: addLocalDays(first, 1 - weekDays - baselineDays), to: last };
}

/**
 * The monthly report's numbers in seven statements, with the definitions of src/server/reports/monthly-report.ts:
 * volumes of the month, the month before and the same month a year earlier by channel, subject (code and first
 * level), unit, facility, language and writer type with the elected officials' answered counts; median and 90th
 * percentile days to first response and to close of the month's cases by channel; the backlog open at the end of
 * the month (or now) by age band and unit; cases escalated in the month by level and unit; repeat contacts (an
 * earlier visible case of the same person and subject within 90 local days); the month's survey answers; and the
 * daily counts new-issue detection is made from (per subject, facility, unit and subject at a facility, restricted
 * cases left out for every reader) — the model fitted to them is not SQL and is left to the report.
 */
export function monthlyStatements(ctx: CommandContext, period: ReportPeriod, asOf: Date) {
  const zone = ctx.agency.timeZone;
  const { cte, parameters } = periodValues(ctx, {
    current: period,
    previous: previousMonth(period),
    year_earlier: periodYearEarlier(period),
  });
  const { end } = periodInstants(period, zone);
  const backlogAt = asOf < end ? asOf : end;
  const windowStart = startOfLocalDay(addLocalDays(period.from, -REPEAT_DAYS), zone);
  const issueDays = newIssueDays(period, asOf, zone);
  // $12 the backlog instant, $13 the first instant a repeat contact can look back to, $14–$15 the local days
  // new-issue detection counts (first, and the day after the last).
  const all = [
    ...baseParameters(ctx, asOf),
    ...parameters,
    backlogAt.toISOString(),
    windowStart.toISOString(),
    issueDays.from,
    addLocalDays(issueDays.to, 1),
  ];
  const head = `with ${cte}, extra as (select $12::timestamptz, $13::timestamptz, $14::date, $15::date)`;
  const received = `periods p join cases c on c.received_at >= p.start_at and c.received_at < p.end_at`;
  const month = `periods p join cases c on c.received_at >= p.start_at and c.received_at < p.end_at and p.p = 'current'`;
  const group = `split_part(c.subject_code, '.', 1)`;
  const days = (to: string) => `extract(epoch from ${to} - c.received_at)::float8 / 86400`;
  // Age in calendar days on the backlog's local day; open = not closed by then: still open, or closed after it.
  const age = `(($12::timestamptz - interval '1 millisecond') at time zone $2)::date - (c.received_at at time zone $2)::date`;
  const statements: Record<string, string> = {
    volumes: `${head}
      select p.p, grouping(c.channel, c.subject_code, ${group}, c.unit_id, nullif(c.facility, ''), c.language,
          c.writer_type) as mask,
        c.channel, c.subject_code, ${group} as subject_group, c.unit_id, nullif(c.facility, '') as facility,
        c.language, c.writer_type, count(*)::int as cases,
        count(c.first_response_at)::int as answered,
        (count(*) filter (where c.first_response_at <= c.first_response_due_at))::int as answered_within_standard
      from ${received} where ${visible()}
      group by grouping sets ((p.p), (p.p, c.channel), (p.p, c.subject_code), (p.p, ${group}), (p.p, c.unit_id),
        (p.p, nullif(c.facility, '')), (p.p, c.language), (p.p, c.writer_type))`,
    times: `${head}
      select grouping(c.channel) as all_channels, c.channel, count(*)::int as received,
        count(c.first_response_at)::int as responded,
        percentile_cont(array[0.5, 0.9]) within group (order by ${days('c.first_response_at')})
          filter (where c.first_response_at is not null) as first_response_days,
        (count(*) filter (where c.status = 'closed'))::int as closed,
        percentile_cont(array[0.5, 0.9]) within group (order by ${days('c.closed_at')})
          filter (where c.status = 'closed' and c.closed_at is not null) as close_days
      from ${month} where ${visible()}
      group by grouping sets ((), (c.channel))`,
    backlog: `${head}
      select grouping(unit_id) as all_units, unit_id, count(*)::int as open,
        (count(*) filter (where age <= 7))::int as band_0, (count(*) filter (where age between 8 and 14))::int as band_1,
        (count(*) filter (where age between 15 and 30))::int as band_2,
        (count(*) filter (where age between 31 and 60))::int as band_3,
        (count(*) filter (where age between 61 and 90))::int as band_4, (count(*) filter (where age > 90))::int as band_5,
        (count(*) filter (where writer_type = 'elected_official'))::int as elected_official
      from (select c.unit_id, c.writer_type, ${age} as age
            from cases c where c.closed_at is null and c.received_at < $12 and ${visible()}
            union all
            select c.unit_id, c.writer_type, ${age}
            from cases c where c.closed_at > $12 and c.received_at < $12 and ${visible()}) open
      group by grouping sets ((), (unit_id))`,
    escalations: `${head}
      select grouping(c.escalation_level, c.unit_id) as mask, c.escalation_level, c.unit_id, count(*)::int as count
      from periods p join cases c on c.escalated_at >= p.start_at and c.escalated_at < p.end_at and p.p = 'current'
      where ${visible()}
      group by grouping sets ((), (c.escalation_level), (c.unit_id))`,
    repeats: `${head}
      select grouping(${group}) as all_subjects, ${group} as subject_group, count(*)::int as count
      from ${month}
      where ${visible()} and c.person_id is not null and c.subject_code is not null and exists (
        select 1 from cases e
        where e.agency_id = c.agency_id and e.person_id = c.person_id and e.subject_code = c.subject_code
          and (e.received_at, e.id) < (c.received_at, c.id) and e.received_at >= $13
          and (c.received_at at time zone $2)::date - (e.received_at at time zone $2)::date <= ${REPEAT_DAYS}
          and ${visible('e')})
      group by grouping sets ((), (${group}))`,
    surveys: `${head}
      select count(*)::int as responses, avg(s.satisfaction)::float8 as mean_satisfaction,
        (count(*) filter (where s.resolved))::int as resolved_yes, count(s.resolved)::int as resolved_answered
      from periods p join survey_responses s on s.created_at >= p.start_at and s.created_at < p.end_at
        and p.p = 'current'
        join cases c on c.agency_id = s.agency_id and c.id = s.case_id
      where s.agency_id = $1 and ${visible()}`,
    issueCounts: `${head}
      select to_char(day, 'YYYY-MM-DD') as day, subject_code, facility, unit_id,
        grouping(subject_code, facility, unit_id) as grouping, sum(n)::int as n
      from (select (c.received_at at time zone $2)::date as day, c.subject_code, nullif(btrim(c.facility), '') as facility,
              c.unit_id, count(*) as n
            from cases c
            where ${visible()} and not c.restricted
              and c.received_at >= $14::timestamp at time zone $2 and c.received_at < $15::timestamp at time zone $2
            group by 1, 2, 3, 4) v
      group by grouping sets ((day, subject_code), (day, facility), (day, unit_id), (day, subject_code, facility))`,
  };
  return { statements, parameters: all };
}

export type MonthlyRows = Record<string, Record<string, unknown>[]>;

/**
 * Runs the monthly statements at the same time, each on its own pooled connection, as the report runs its own (on
 * PGlite they queue on the one connection); returns their rows by statement name.
 */
export async function handMonthly(ctx: CommandContext, period: ReportPeriod, asOf: Date): Promise<MonthlyRows> {
  const { statements, parameters } = monthlyStatements(ctx, period, asOf);
  const names = Object.keys(statements);
  const results = await Promise.all(names.map((name) => query(ctx.db, statements[name]!, parameters)));
  return Object.fromEntries(names.map((name, i) => [name, results[i]!]));
}

/** The headline numbers of the monthly report by name, from the hand SQL's rows. */
export function monthlyHeadlines(rows: MonthlyRows): Record<string, number | null> {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const total = (p: string) => rows.volumes!.find((r) => r.p === p && Number(r.mask) === 127);
  const elected = rows.volumes!.find((r) => r.p === 'current' && r.writer_type === 'elected_official');
  const times = rows.times!.find((r) => Number(r.all_channels) === 1) ?? {};
  const backlog = rows.backlog!.find((r) => Number(r.all_units) === 1) ?? {};
  const quantiles = (v: unknown) => (Array.isArray(v) ? v.map(Number) : [null, null]);
  const [firstMedian, firstP90] = quantiles(times.first_response_days);
  const [closeMedian, closeP90] = quantiles(times.close_days);
  const round2 = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 100) / 100);
  const survey = rows.surveys![0] ?? {};
  return {
    'received this month': num(total('current')?.cases) ?? 0,
    'received previous month': num(total('previous')?.cases) ?? 0,
    'received a year earlier': num(total('year_earlier')?.cases) ?? 0,
    'channels this month': rows.volumes!.filter((r) => r.p === 'current' && Number(r.mask) === 63).length,
    'first response median days': round2(firstMedian),
    'first response p90 days': round2(firstP90),
    'close median days': round2(closeMedian),
    'close p90 days': round2(closeP90),
    'backlog open': num(backlog.open) ?? 0,
    'backlog over 90 days': num(backlog.band_5) ?? 0,
    'escalated this month': num(rows.escalations!.find((r) => Number(r.mask) === 3)?.count) ?? 0,
    'elected officials received': num(elected?.cases) ?? 0,
    'elected officials answered within standard': num(elected?.answered_within_standard) ?? 0,
    'repeat contacts': num(rows.repeats!.find((r) => Number(r.all_subjects) === 1)?.count) ?? 0,
    'survey answers': num(survey.responses) ?? 0,
    'survey mean satisfaction': round2(num(survey.mean_satisfaction)),
  };
}

/** The same headline numbers from buildMonthlyReport's answer. */
export function reportHeadlines(report: MonthlyReport): Record<string, number | null> {
  const all = report.responseTimes.find((r) => r.key === null);
  const band = report.backlog.bands.find((b) => b.maxDays === null);
  return {
    'received this month': report.volume.total.thisMonth.count,
    'received previous month': report.volume.total.previousMonth.count,
    'received a year earlier': report.volume.total.yearEarlier.count,
    'channels this month': report.volume.byChannel.filter((r) => r.thisMonth.count > 0).length,
    'first response median days': all?.firstResponse.medianDays ?? null,
    'first response p90 days': all?.firstResponse.p90Days ?? null,
    'close median days': all?.close.medianDays ?? null,
    'close p90 days': all?.close.p90Days ?? null,
    'backlog open': report.backlog.total.count,
    'backlog over 90 days': band?.open.count ?? 0,
    'escalated this month': report.escalations.total.count,
    'elected officials received': report.electedOfficials.received.count,
    'elected officials answered within standard': report.electedOfficials.answeredWithinStandard.count,
    'repeat contacts': report.repeatContacts.count.count,
    'survey answers': report.survey.responses.count,
    'survey mean satisfaction': report.survey.meanSatisfaction,
  };
}

/** The headline numbers on which the report and the hand SQL differ (none when they agree). */
export function monthlyDifferences(hand: Record<string, number | null>, report: Record<string, number | null>) {
  return Object.entries(hand)
    .filter(([name, value]) => {
      const other = report[name];
      if (value === null || other === null || other === undefined) return value !== (other ?? null);
      return Math.abs(value - other) > 0.011;
    })
    .map(([name, value]) => `${name}: report ${String(report[name])}, hand SQL ${String(value)}`);
}

// ---------------------------------------------------------------- timing and plans

interface Sampling {
  warmup: number;
  samples: number;
  maxSeconds: number;
}

/** Runs `fn` `warmup` times, then up to `samples` times or until `maxSeconds` have passed; returns milliseconds. */
async function sample(fn: () => Promise<unknown>, s: Sampling): Promise<number[]> {
  for (let i = 0; i < s.warmup; i++) await fn();
  const until = Date.now() + s.maxSeconds * 1000;
  const latencies: number[] = [];
  for (let i = 0; i < s.samples && (i < 2 || Date.now() < until); i++) {
    const started = performance.now();
    await fn();
    latencies.push(performance.now() - started);
  }
  return latencies;
}

/** Runs `fn` once with query logging on (its own pool, same session settings as the service) and explains each select. */
async function explainStatements(
  url: string,
  fn: (db: Db) => Promise<unknown>,
): Promise<{ sql: string; parameters: readonly unknown[]; plan: string }[]> {
  const captured: CompiledQuery[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 4, options: SESSION_OPTIONS });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') captured.push(event.query);
    },
  });
  try {
    await fn(db);
    const statements = captured.filter(
      (q) =>
        /^\s*(with|select)/i.test(q.sql) &&
        !/^\s*select [^;]* from "(users|agencies|unit_memberships)"/i.test(q.sql.replace(/\s+/g, ' ')),
    );
    const plans = [];
    for (const q of statements) {
      const result = await pool.query(`explain (analyze, buffers) ${q.sql}`, [...q.parameters]);
      plans.push({
        sql: q.sql,
        parameters: q.parameters,
        plan: result.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'),
      });
    }
    return plans;
  } finally {
    await db.destroy();
  }
}

const executionMs = (plan: string) => Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? NaN);

// ---------------------------------------------------------------- comparing numbers

/** Fails loudly when the indicators of the code under test differ from the hand-written SQL's. */
export function compareIndicators(hand: IndicatorTable, computed: IndicatorTable, label: string): string[] {
  const differences: string[] = [];
  for (const [p, indicators] of Object.entries(hand)) {
    for (const [key, expected] of Object.entries(indicators)) {
      const actual = computed[p]?.[key];
      if (!actual) {
        if (expected.denominator > 0) differences.push(`${p} ${key}: missing (hand SQL ${JSON.stringify(expected)})`);
        continue;
      }
      const same =
        Math.abs(actual.numerator - expected.numerator) < 0.5 &&
        Math.abs(actual.denominator - expected.denominator) < 0.5 &&
        (expected.pending === undefined || actual.pending === undefined || actual.pending === expected.pending) &&
        (expected.value === null
          ? actual.value === null
          : actual.value !== null && Math.abs(actual.value - expected.value) < 0.051);
      if (!same) differences.push(`${p} ${key}: ${JSON.stringify(actual)} ≠ hand SQL ${JSON.stringify(expected)}`);
    }
  }
  if (differences.length) {
    throw new Error(`${label}: the indicators differ from the hand-written SQL:\n  ${differences.join('\n  ')}`);
  }
  return differences;
}

/** Reads computeIndicators' answer (src/server/reports/indicators.ts IndicatorsResult) into the hand SQL's shape. */
export function indicatorTableOf(result: IndicatorsResult): IndicatorTable {
  const table: IndicatorTable = { current: {}, previous_year: {} };
  const numbers = (n: Omit<IndicatorNumbers, 'denominator'> & { denominator: number | null }): IndicatorNumbers => ({
    numerator: n.numerator,
    denominator: n.denominator ?? 0,
    ...(n.pending !== undefined ? { pending: n.pending } : {}),
    value: n.value,
  });
  for (const indicator of result.indicators) {
    table.current![indicator.key] = numbers(indicator);
    table.previous_year![indicator.key] = numbers(indicator.previousYear);
  }
  return table;
}

// ---------------------------------------------------------------- the benchmark

interface Measured {
  name: string;
  driver: string;
  latencies: number[];
  target?: number;
  /** The hand-written SQL's p50 for the same numbers, for the ratio. */
  baseline?: number;
}

function pushMeasured(env: ReportBenchEnvironment, m: Measured): void {
  const p50 = percentile(m.latencies, 50);
  const p95 = percentile(m.latencies, 95);
  env.rows.push({
    measure: `${m.name}, p50 / p95 ms (n=${m.latencies.length})`,
    driver: m.driver,
    value: `${fmt(p50)} / ${fmt(p95)}`,
    target: m.target ? `p95 < ${count(m.target)}` : '',
    verdict: m.target ? verdict(p95 < m.target) : '',
  });
  if (m.baseline !== undefined) {
    const ratio = p50 / m.baseline;
    env.rows.push({
      measure: `ratio ${m.name} / hand SQL (p50)`,
      driver: m.driver,
      value: fmt(ratio, 2),
      target: '≤ 1.5',
      verdict: verdict(ratio <= 1.5),
    });
  }
}

function loadRows(env: ReportBenchEnvironment, driver: string, load: ReportLoadResult): void {
  const c = load.counts;
  env.rows.push({
    measure:
      `generate ${count(c.cases ?? 0)} cases, ${count(c.calls ?? 0)} calls, ` +
      `${count(c.interpretation_requests ?? 0)} interpretations, ${count(c.survey_responses ?? 0)} survey answers`,
    driver,
    value: `${fmt(load.seconds, 0)} s`,
    target: '',
    verdict: '',
  });
  const rollups = load.caseTriggers.length
    ? load.rollups === 'triggers'
      ? `triggers on cases (${load.caseTriggers.join(', ')}) ran during the load`
      : `triggers on cases (${load.caseTriggers.join(', ')}) were off during the load and the rollups filled afterwards`
    : 'no triggers on cases yet (no rollups to fill)';
  env.notes.push(
    `${driver} load: ${load.steps.map((s) => `${s.step} ${fmt(s.seconds, 0)} s`).join('; ')}. Rollups: ${rollups}.`,
  );
}

interface Scenario {
  driver: string;
  cases: number;
  reportTarget: number;
  withRatios: boolean;
}

interface Run {
  env: ReportBenchEnvironment;
  ctx: CommandContext;
  request: { period: ReportPeriod; asOf: Date };
  scenario: Scenario;
  sampling: Sampling;
  /** The driver column of the table: driver and case count. */
  driver: string;
  /** What the daily new-issue detection job runs with. */
  jobs: { db: Db; config: Config };
}

/** computeIndicators beside the one hand-written statement; stops the run when their numbers differ. */
async function measureIndicators({ env, ctx, request, scenario, sampling, driver }: Run): Promise<void> {
  const { period, asOf } = request;
  const handLatencies = await sample(() => handIndicators(ctx, period, asOf), sampling);
  pushMeasured(env, { name: 'indicators, hand SQL (1 statement)', driver, latencies: handLatencies });
  const hand = await handIndicators(ctx, period, asOf);
  compareIndicators(hand, indicatorTableOf(await under.computeIndicators(ctx, request)), scenario.driver);
  env.notes.push(
    `${scenario.driver}: computeIndicators gives the same numbers as the hand-written SQL for ${period.key} and a ` +
      `year earlier — ${summarise(hand)}.`,
  );
  const latencies = await sample(() => under.computeIndicators(ctx, request), sampling);
  pushMeasured(env, {
    name: 'indicators (computeIndicators)',
    driver,
    latencies,
    target: scenario.reportTarget,
    ...(scenario.withRatios ? { baseline: percentile(handLatencies, 50) } : {}),
  });
}

/** buildMonthlyReport beside the hand-written statements; their headline numbers are compared. */
async function measureMonthly({ env, ctx, request, scenario, sampling, driver, jobs }: Run): Promise<void> {
  const { period, asOf } = request;
  const handLatencies = await sample(() => handMonthly(ctx, period, asOf), sampling);
  pushMeasured(env, {
    name: 'monthly report numbers, hand SQL (7 statements at once)',
    driver,
    latencies: handLatencies,
  });
  const hand = monthlyHeadlines(await handMonthly(ctx, period, asOf));
  const differences = monthlyDifferences(hand, reportHeadlines(await under.buildMonthlyReport(ctx, request)));
  env.rows.push({
    measure: `monthly report: ${Object.keys(hand).length} headline numbers equal to the hand SQL's`,
    driver,
    value: differences.length ? `${differences.length} differ` : 'all equal',
    target: 'all equal',
    verdict: verdict(differences.length === 0),
  });
  if (differences.length) {
    env.log(`monthly report differs from the hand SQL: ${differences.join('; ')}`);
    env.notes.push(`${scenario.driver}: the monthly report differs from the hand SQL — ${differences.join('; ')}.`);
  }
  const latencies = await sample(() => under.buildMonthlyReport(ctx, request), sampling);
  pushMeasured(env, {
    name: 'monthly report (buildMonthlyReport)',
    driver,
    latencies,
    target: scenario.reportTarget,
    ...(scenario.withRatios ? { baseline: percentile(handLatencies, 50) } : {}),
  });
  // New-issue detection is part of the report but not of the hand SQL: its own time shows its share.
  const issues = await sample(() => under.newIssuesForPeriod(ctx, period), { ...sampling, warmup: 0 });
  pushMeasured(env, { name: 'of which new issues (newIssuesForPeriod, no stored alerts)', driver, latencies: issues });

  // In service the daily job has judged every day of the month by the time the report is made: the report then reads
  // its stored alerts. Run the job for each day of the month, as it would have run, and time the report again.
  const runs: number[] = [];
  for (let day = period.from; day <= period.to; day = addLocalDays(day, 1)) {
    const started = performance.now();
    await runNewIssueDetection(jobs, ctx.agency.id, zonedDateTime(addLocalDays(day, 1), '06:00', ctx.agency.timeZone));
    runs.push(performance.now() - started);
  }
  pushMeasured(env, { name: 'daily new-issue detection job, one day', driver, latencies: runs });
  const withStored = await sample(() => under.buildMonthlyReport(ctx, request), sampling);
  pushMeasured(env, {
    name: 'monthly report (buildMonthlyReport), the daily detection having run',
    driver,
    latencies: withStored,
    target: scenario.reportTarget,
    ...(scenario.withRatios ? { baseline: percentile(handLatencies, 50) } : {}),
  });
}

/** The console's dashboards and the analyst's twelve-month cross-tab. */
async function measureConsole({ env, ctx, request, sampling, driver }: Run): Promise<void> {
  const { period, asOf } = request;
  const many = { ...sampling, samples: sampling.samples * 3 };
  for (const [what, filters] of dashboardFilterSets(period, asOf, ctx.agency.timeZone)) {
    const latencies = await sample(() => under.dashboardData(ctx, filters, asOf), many);
    pushMeasured(env, { name: `dashboards (dashboardData, ${what})`, driver, latencies, target: 300 });
  }
  const crosstab = yearCrosstab(asOf, ctx.agency.timeZone);
  const latencies = await sample(() => under.runCrosstabDefinition(ctx, crosstab, asOf), sampling);
  pushMeasured(env, { name: 'cross-tab subject × unit × month, 12 months, count', driver, latencies });
}

/** Times the indicators and the monthly report (and, on PostgreSQL, dashboards and a cross-tab) on one database. */
async function measureScenario(
  env: ReportBenchEnvironment,
  runtime: Runtime,
  scenario: Scenario,
  sampling: Sampling,
  url: string | null,
  planFile: string[],
): Promise<void> {
  const ctx = await supervisorContext(runtime.db);
  const asOf = new Date();
  const request = { period: latestCompleteMonth(asOf, ctx.agency.timeZone), asOf };
  const run: Run = {
    env,
    ctx,
    request,
    scenario,
    sampling,
    driver: `${scenario.driver}, ${count(scenario.cases)} cases`,
    jobs: { db: runtime.db, config: loadConfig(env.benchEnv({})) },
  };
  env.log(`${scenario.driver}: reports for ${request.period.key} as supervisor ${ctx.actor.email}`);
  await measureIndicators(run);
  await measureMonthly(run);
  if (scenario.withRatios) await measureConsole(run);
  if (url) await explainAll(url, ctx, request, planFile);
}

/** The dashboards as opened: the latest month with no filter, and twelve months of e-mail only. */
function dashboardFilterSets(period: ReportPeriod, asOf: Date, timeZone: string): [string, DashboardFilters][] {
  return [
    [`${period.key}, no filters`, { period }],
    ['last 12 months, channel email', { period: lastTwelveMonths(asOf, timeZone), channel: 'email' }],
  ];
}

/** The twelve complete months before `asOf`, as a range of days. */
function lastTwelveMonths(asOf: Date, timeZone: string): ReportPeriod {
  const last = latestCompleteMonth(asOf, timeZone);
  const first = periodYearEarlier(last);
  return parsePeriod(`${addLocalDays(first.to, 1)}..${last.to}`);
}

/** The analyst's cross-tab: subject and unit down, month received across, cases counted, over twelve months. */
function yearCrosstab(asOf: Date, timeZone: string): CrosstabDefinition {
  return {
    filters: { period: lastTwelveMonths(asOf, timeZone).key },
    rows: ['subject', 'unit'],
    columns: ['month'],
    measure: 'count',
  };
}

function summarise(table: IndicatorTable): string {
  const current = table.current ?? {};
  return Object.entries(current)
    .map(([key, n]) => `${key} ${n.value === null ? 'n/a' : fmt(n.value, 1)} (${fmt(n.numerator, 0)}/${n.denominator})`)
    .join(', ');
}

/** EXPLAIN (ANALYZE, BUFFERS) of the hand SQL and of every statement the functions under test issue. */
async function explainAll(
  url: string,
  ctx: CommandContext,
  request: { period: ReportPeriod; asOf: Date },
  planFile: string[],
): Promise<void> {
  const withDb = (db: Db): CommandContext => ({ ...ctx, db });
  const sections: [string, (db: Db) => Promise<unknown>][] = [
    ['indicators, hand SQL', (db) => handIndicators(withDb(db), request.period, request.asOf)],
    ['computeIndicators', (db) => under.computeIndicators(withDb(db), request)],
    ['monthly report, hand SQL', (db) => handMonthly(withDb(db), request.period, request.asOf)],
    ['buildMonthlyReport', (db) => under.buildMonthlyReport(withDb(db), request)],
  ];
  for (const [what, filters] of dashboardFilterSets(request.period, request.asOf, ctx.agency.timeZone)) {
    sections.push([`dashboardData, ${what}`, (db) => under.dashboardData(withDb(db), filters, request.asOf)]);
  }
  const crosstab = yearCrosstab(request.asOf, ctx.agency.timeZone);
  sections.push(['cross-tab', (db) => under.runCrosstabDefinition(withDb(db), crosstab, request.asOf)]);
  for (const [name, fn] of sections) {
    const plans = await explainStatements(url, fn);
    const total = plans.reduce((sum, p) => sum + executionMs(p.plan), 0);
    planFile.push(
      `==== ${name}: ${plans.length} statements, ${fmt(total)} ms executing under EXPLAIN ANALYZE\n\n` +
        plans
          .map(
            (p) =>
              `-- ${fmt(executionMs(p.plan))} ms\n${p.sql}\n-- parameters: ${JSON.stringify(p.parameters)}\n${p.plan}`,
          )
          .join('\n\n'),
    );
  }
}

async function openRuntime(env: ReportBenchEnvironment, extra: Record<string, string>): Promise<Runtime> {
  return startRuntime(loadConfig(env.benchEnv(extra)));
}

/** The reporting benchmarks: a PostgreSQL database with the large load, then a PGlite directory with 200,000 cases. */
export async function reportBenchmarks(env: ReportBenchEnvironment): Promise<void> {
  const sizes = env.quick
    ? { cases: 200_000, calls: 100_000, interpretations: 10_000, pgliteCases: 200_000 }
    : { cases: 5_000_000, calls: 2_000_000, interpretations: 200_000, pgliteCases: 200_000 };
  const sampling: Sampling = env.quick
    ? { warmup: 1, samples: 5, maxSeconds: 30 }
    : { warmup: 2, samples: 10, maxSeconds: 90 };
  const now = new Date();
  const planFile: string[] = [];
  mkdirSync(env.resultsDir, { recursive: true });

  const name = `civicdesk_bench_reports_${process.pid}`;
  const url = await env.createDatabase(name);
  try {
    const runtime = await openRuntime(env, { DATABASE_URL: url });
    try {
      env.log(`generating ${count(sizes.cases)} cases on PostgreSQL`);
      const load = await generateReportLoad(runtime.db, { ...sizes, now, rollups: env.rollups, log: env.log });
      loadRows(env, 'PostgreSQL', load);
      await measureScenario(
        env,
        runtime,
        { driver: 'PostgreSQL', cases: sizes.cases, reportTarget: 2000, withRatios: true },
        sampling,
        url,
        planFile,
      );
    } finally {
      await runtime.close();
    }
  } finally {
    await env.dropDatabase(name);
  }
  const planPath = path.join(env.resultsDir, `plans-reports-${env.quick ? 'quick' : 'full'}.txt`);
  writeFileSync(planPath, planFile.join('\n\n'));
  env.notes.push(`EXPLAIN (ANALYZE, BUFFERS) of every report statement: ${path.relative(process.cwd(), planPath)}.`);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'civicdesk-bench-reports-'));
  try {
    const runtime = await openRuntime(env, { CIVICDESK_DATA_DIR: dir });
    try {
      env.log(`generating ${count(sizes.pgliteCases)} cases on PGlite`);
      const load = await generateReportLoad(runtime.db, {
        cases: sizes.pgliteCases,
        calls: Math.round(sizes.pgliteCases / 2),
        interpretations: Math.round(sizes.pgliteCases / 25),
        now,
        rollups: env.rollups,
        chunk: 50_000,
        log: env.log,
      });
      loadRows(env, 'PGlite', load);
      await measureScenario(
        env,
        runtime,
        { driver: 'PGlite', cases: sizes.pgliteCases, reportTarget: 3000, withRatios: false },
        { ...sampling, samples: Math.min(sampling.samples, 5) },
        null,
        planFile,
      );
    } finally {
      await runtime.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
