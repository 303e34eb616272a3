// The SQL of new-issue detection (new-issues.ts judges the counts): cases per local day for every subject, facility,
// unit and subject at a facility in one grouped statement, the first counted day, the unit most of a key's cases
// went to, and the stored weekly alerts of a period. Counted cases leave out restricted cases and merged duplicates.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { CommandContext } from '../context.ts';
import type { ReportPeriod } from '../../shared/report-periods.ts';
import { addLocalDays } from '../../shared/local-time.ts';
import { visibleCasesFilter } from '../policies/case-access.ts';

/** One row of the grouped count: a day and the key of one grouping set; grouping says which. */
export interface CountRow {
  day: string;
  subject_code: string | null;
  facility: string | null;
  unit_id: number | null;
  grouping: number;
  n: number;
}

/** The cases that count: visible to the reader, not restricted, not merged into another case. */
function countedCases(ctx: CommandContext) {
  const visible = visibleCasesFilter(ctx);
  return ctx.db
    .selectFrom('cases as c')
    .where((eb) => eb.and([visible(eb), eb('c.restricted', '=', false), eb('c.merged_into_id', 'is', null)]));
}

/** Cases per local day from `from` to `to` (inclusive) for every key of every dimension, in one statement. */
export async function dailyCountRows(ctx: CommandContext, from: string, to: string): Promise<CountRow[]> {
  const tz = ctx.agency.timeZone;
  const days = countedCases(ctx)
    .select([
      sql<string>`(c.received_at at time zone ${tz})::date`.as('day'),
      'c.subject_code',
      sql<string | null>`nullif(btrim(c.facility), '')`.as('facility'),
      'c.unit_id',
      sql<number>`count(*)`.as('n'),
    ])
    .where(sql<SqlBool>`c.received_at >= (${from}::date)::timestamp at time zone ${tz}`)
    .where(sql<SqlBool>`c.received_at < (${addLocalDays(to, 1)}::date)::timestamp at time zone ${tz}`)
    // Cases first collapse to one row per day, subject, facility and unit; the grouping sets then sum those rows.
    .groupBy(sql`1, 2, 3, 4`);
  const rows = await ctx.db
    .selectFrom(days.as('v'))
    .select([
      sql<string>`to_char(v.day, 'YYYY-MM-DD')`.as('day'),
      'v.subject_code',
      'v.facility',
      'v.unit_id',
      sql<number>`grouping(v.subject_code, v.facility, v.unit_id)`.as('grouping'),
      sql<number>`sum(v.n)`.as('n'),
    ])
    .groupBy(
      sql`grouping sets ((v.day, v.subject_code), (v.day, v.facility), (v.day, v.unit_id), (v.day, v.subject_code, v.facility))`,
    )
    .execute();
  return rows as CountRow[];
}

/** When the first counted case was received, if any. */
export async function firstCountedCaseAt(ctx: CommandContext): Promise<Date | string | null | undefined> {
  const row = await countedCases(ctx)
    .select((eb) => eb.fn.min('c.received_at').as('first'))
    .executeTakeFirst();
  return row?.first as Date | string | null | undefined;
}

/** The agency's subjects and units, for the alerts' labels. */
export async function subjectAndUnitNames(ctx: CommandContext) {
  const [subjects, units] = await Promise.all([
    ctx.db.selectFrom('subjects').select(['code', 'name']).where('agency_id', '=', ctx.agency.id).execute(),
    ctx.db.selectFrom('units').select(['id', 'code', 'name']).where('agency_id', '=', ctx.agency.id).execute(),
  ]);
  return { subjects, units };
}

/** The unit most of a key's counted cases from `from` to `to` went to (ties: the lower id). */
export async function mainUnitOf(
  ctx: CommandContext,
  series: { subjectCode: string | null; facility: string | null },
  from: string,
  to: string,
): Promise<number | null> {
  const tz = ctx.agency.timeZone;
  const row = await countedCases(ctx)
    .select(['c.unit_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('c.unit_id', 'is not', null)
    .where(sql<SqlBool>`c.received_at >= (${from}::date)::timestamp at time zone ${tz}`)
    .where(sql<SqlBool>`c.received_at < (${addLocalDays(to, 1)}::date)::timestamp at time zone ${tz}`)
    .where((eb) => {
      const conditions: Expression<SqlBool>[] = [];
      if (series.subjectCode) conditions.push(eb('c.subject_code', '=', series.subjectCode));
      if (series.facility) conditions.push(sql<SqlBool>`nullif(btrim(c.facility), '') = ${series.facility}`);
      return eb.and(conditions);
    })
    .groupBy('c.unit_id')
    .orderBy('n', 'desc')
    .orderBy('c.unit_id')
    .limit(1)
    .executeTakeFirst();
  return row?.unit_id ?? null;
}

/** The stored weekly alerts of the agency whose week ends inside the period, newest first. */
export async function storedWeekAlertRows(ctx: CommandContext, period: ReportPeriod) {
  const rows = await ctx.db
    .selectFrom('issue_alerts')
    .select([
      'dimension',
      'key',
      'label',
      'observed',
      'expected',
      'window',
      'probability',
      'unit_id',
      sql<string>`to_char(period_from, 'YYYY-MM-DD')`.as('period_from'),
      sql<string>`to_char(period_to, 'YYYY-MM-DD')`.as('period_to'),
    ])
    .where('agency_id', '=', ctx.agency.id)
    .where('window', '=', 'week')
    .where('period_to', '>=', period.from)
    .where('period_to', '<=', period.to)
    .orderBy('period_to', 'desc')
    .orderBy('probability')
    .execute();
  return rows;
}
