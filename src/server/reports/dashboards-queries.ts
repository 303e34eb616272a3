// The SQL of the dashboards (dashboards.ts shapes the charts): the trigger-kept rollups of migration 0014 read within
// the reader's reach (dashboardScope), the cases that fell overdue earlier today, and the names of units and subjects.
import { sql, type RawBuilder } from 'kysely';
import type { CommandContext } from '../context.ts';
import type { ReportPeriod } from '../../shared/report-periods.ts';
import { localDate, startOfLocalDay } from '../../shared/local-time.ts';
import { visibleCasesFilter } from '../policies/case-access.ts';

export interface DashboardFilters {
  period: ReportPeriod;
  /** A kind of channel (email, 311 …) or a configured channel's slug. */
  channel?: string | undefined;
  unitId?: number | undefined;
  /** A subject code; its child subjects count too. */
  subject?: string | undefined;
}

export const RESPONSE_BANDS = [
  { column: 'responded_same_day', label: 'Same day' },
  { column: 'responded_1_day', label: '1 day' },
  { column: 'responded_2_3_days', label: '2–3 days' },
  { column: 'responded_4_7_days', label: '4–7 days' },
  { column: 'responded_8_14_days', label: '8–14 days' },
  { column: 'responded_15_30_days', label: '15–30 days' },
  { column: 'responded_31_plus_days', label: '31 days or more' },
] as const;

export type BandColumn = (typeof RESPONSE_BANDS)[number]['column'];

export interface DailyRow extends Record<BandColumn, number> {
  day: string;
  channel: string;
  received: number;
  first_responded: number;
  first_response_seconds: number;
  responded_with_standard: number;
  responded_within_standard: number;
  closed: number;
}

/** The rollup rows (alias r) this reader may count; see the file header. */
export function dashboardScope(ctx: CommandContext): RawBuilder<boolean> {
  const { actor, agency } = ctx;
  if (actor.via === 'system') return sql<boolean>`r.agency_id = ${agency.id}`;
  const units = sql.join(actor.unitIds.length ? actor.unitIds : [-1]);
  if (actor.role === 'unit_liaison') return sql<boolean>`r.agency_id = ${agency.id} and r.unit_id in (${units})`;
  return sql<boolean>`r.agency_id = ${agency.id} and (not r.restricted or r.unit_id in (${units}))`;
}

/** The filters over rollup rows (alias r), written like the case list's (a channel's kind or slug, subject tree). */
export function rollupFilters(filters: DashboardFilters): RawBuilder<boolean> {
  const parts: RawBuilder<boolean>[] = [sql<boolean>`true`];
  if (filters.channel)
    parts.push(sql<boolean>`(r.channel = ${filters.channel} or r.channel_slug = ${filters.channel})`);
  if (filters.subject) {
    parts.push(
      sql<boolean>`(r.subject_code = ${filters.subject} or starts_with(r.subject_code, ${`${filters.subject}.`}))`,
    );
  }
  if (filters.unitId !== undefined) parts.push(sql<boolean>`r.unit_id = ${filters.unitId}`);
  return sql<boolean>`${sql.join(parts, sql` and `)}`;
}

/** Rollup rows per day and channel from the period's first day on (later days feed the backlog's walk back). */
export async function dailyRows(ctx: CommandContext, filters: DashboardFilters): Promise<DailyRow[]> {
  const bands = sql.raw(RESPONSE_BANDS.map((b) => `sum(r.${b.column}) as ${b.column}`).join(', '));
  const { rows } = await sql<DailyRow>`
    select r.day::text as day, r.channel, sum(r.received) as received, sum(r.first_responded) as first_responded,
      sum(r.first_response_seconds) as first_response_seconds,
      sum(r.responded_with_standard) as responded_with_standard,
      sum(r.responded_within_standard) as responded_within_standard, ${bands}, sum(r.closed) as closed
    from case_daily_rollups r
    where ${dashboardScope(ctx)} and r.day >= ${filters.period.from}::date and ${rollupFilters(filters)}
    group by r.day, r.channel`.execute(ctx.db);
  return rows;
}

export async function subjectWeekRows(ctx: CommandContext, filters: DashboardFilters) {
  const { rows } = await sql<{ subject_code: string; week: string; received: number }>`
    select r.subject_code, (r.day - (extract(isodow from r.day)::int - 1))::text as week, sum(r.received) as received
    from case_daily_rollups r
    where ${dashboardScope(ctx)} and r.day between ${filters.period.from}::date and ${filters.period.to}::date
      and ${rollupFilters(filters)}
    group by 1, 2
    having sum(r.received) <> 0`.execute(ctx.db);
  return rows;
}

export async function openRows(ctx: CommandContext, filters: DashboardFilters, today: string) {
  const { rows } = await sql<{ unit_id: number; open_cases: number; overdue_before_today: number }>`
    select r.unit_id, sum(r.open_cases) as open_cases,
      coalesce(sum(r.open_cases) filter (where r.resolution_due_day < ${today}::date), 0) as overdue_before_today
    from case_open_rollups r
    where ${dashboardScope(ctx)} and ${rollupFilters(filters)}
    group by r.unit_id`.execute(ctx.db);
  return rows;
}

/** Open cases whose resolution fell due earlier today, by unit: a short range of the open-deadline index. */
export async function overdueSinceMidnight(ctx: CommandContext, filters: DashboardFilters, now: Date) {
  const midnight = startOfLocalDay(localDate(now, ctx.agency.timeZone), ctx.agency.timeZone);
  const units = ctx.actor.unitIds.length ? ctx.actor.unitIds : [-1];
  let query = ctx.db
    .selectFrom('cases as c')
    .select((eb) => [sql<number>`coalesce(c.unit_id, 0)`.as('unit_id'), eb.fn.countAll<number>().as('overdue')])
    .where(visibleCasesFilter(ctx))
    .where('c.status', '<>', 'closed')
    .where('c.resolution_due_at', '>=', midnight)
    .where('c.resolution_due_at', '<', now)
    .where('c.merged_into_id', 'is', null);
  // The same reach as the rollups: restricted cases of the reader's units only; liaisons their units only.
  if (ctx.actor.via !== 'system') {
    query =
      ctx.actor.role === 'unit_liaison'
        ? query.where('c.unit_id', 'in', units)
        : query.where((eb) => eb.or([eb('c.restricted', '=', false), eb('c.unit_id', 'in', units)]));
  }
  if (filters.channel) {
    const channel = filters.channel;
    query = query.where((eb) => eb.or([eb('c.channel', '=', channel), eb('c.channel_slug', '=', channel)]));
  }
  if (filters.subject) {
    const subject = filters.subject;
    query = query.where((eb) =>
      eb.or([eb('c.subject_code', '=', subject), sql<boolean>`starts_with(c.subject_code, ${`${subject}.`})`]),
    );
  }
  if (filters.unitId !== undefined) query = query.where('c.unit_id', '=', filters.unitId);
  return query.groupBy(sql`coalesce(c.unit_id, 0)`).execute();
}

/** The agency's units and subjects, for the charts' labels. */
export async function unitAndSubjectNames(ctx: CommandContext) {
  const [units, subjects] = await Promise.all([
    ctx.db.selectFrom('units').select(['id', 'name']).where('agency_id', '=', ctx.agency.id).execute(),
    ctx.db.selectFrom('subjects').select(['code', 'name']).where('agency_id', '=', ctx.agency.id).execute(),
  ]);
  return { units, subjects };
}
