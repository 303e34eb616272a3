// The commissioner's monthly report as typed JSON: volumes by channel, subject, unit, facility, language and writer
// type against the month before and the same month a year earlier; the open backlog by age; times to first response
// and to close; escalations; elected officials' items; repeat contacts; survey answers; new issues. Every count
// carries the case-list filter (GET /api/v1/cases?…) that lists exactly the cases behind it. Counts are of the
// cases the reader may see, merged duplicates left out.
import { plansOfPeriod } from './quality-report/quality-report-queries.ts';
import type { CommandContext } from '../context.ts';
import { addLocalDays, localDate, startOfLocalDay } from '../../shared/local-time.ts';
import { periodInstants, periodYearEarlier, previousMonth, type ReportPeriod } from '../../shared/report-periods.ts';
import { LANGUAGES } from '../../shared/languages.ts';
import { AppError } from '../errors.ts';
import { REPEAT_CONTACT_DAYS } from '../queries/case-list-queries.ts';
import type { NewIssue } from './new-issues.ts';
import { newIssuesForPeriod } from './new-issue-alerts.ts';
import { percentOf, roundTo } from './report-numbers.ts';
import {
  BAND_DAYS,
  backlogRows,
  escalationRows,
  repeatRows,
  reportLabels,
  responseTimeRows,
  surveyRow,
  volumeRows,
  type VolumeRow as VolumeSqlRow,
} from './monthly-report-queries.ts';
import { channelLabel, writerTypeLabel } from '../../shared/vocabulary.ts';
import type {
  CaseQuery,
  CaseCount,
  Change,
  VolumeRow,
  PeriodSummary,
  ResponseTimeRow,
  KeyedCount,
  MonthlyNewIssue,
  MonthlyReport,
} from '../../shared/monthly-report.ts';

export type {
  CaseQuery,
  CaseCount,
  Change,
  VolumeRow,
  PeriodSummary,
  BacklogBand,
  BacklogUnit,
  TimeMeasure,
  ResponseTimeRow,
  KeyedCount,
  MonthlyNewIssue,
  MonthlyReport,
} from '../../shared/monthly-report.ts';

export const AGE_BANDS: { band: string; label: string; minDays: number; maxDays: number | null }[] = [
  { band: '0-7', label: '0–7 days', minDays: 0, maxDays: 7 },
  { band: '8-14', label: '8–14 days', minDays: 8, maxDays: 14 },
  { band: '15-30', label: '15–30 days', minDays: 15, maxDays: 30 },
  { band: '31-60', label: '31–60 days', minDays: 31, maxDays: 60 },
  { band: '61-90', label: '61–90 days', minDays: 61, maxDays: 90 },
  { band: '91+', label: 'Over 90 days', minDays: 91, maxDays: null },
];

const change = (now: number, before: number): Change => ({
  absolute: now - before,
  percent: percentOf(now - before, before),
});

function summarize(period: ReportPeriod, timeZone: string): PeriodSummary & { range: { start: Date; end: Date } } {
  const range = periodInstants(period, timeZone);
  return {
    key: period.key,
    label: period.label,
    from: period.from,
    to: period.to,
    start: range.start.toISOString(),
    end: range.end.toISOString(),
    range,
  };
}

/** The case-list filter of the cases received in a period (merged duplicates out). */
const receivedIn = (p: PeriodSummary): CaseQuery => ({ receivedFrom: p.from, receivedTo: p.to, merged: 'false' });

type Labels = Awaited<ReturnType<typeof reportLabels>>;

/** The label and case-list filter of one key of a dimension; null keys are "none" rows (missing=…). */
function describeKey(
  dimension: VolumeSqlRow['dimension'],
  key: string | null,
  labels: Labels,
): { label: string; filter: CaseQuery; key?: string | null } {
  switch (dimension) {
    case 'channel':
      return { label: key === null ? 'Unknown' : channelLabel(key), filter: { channel: key ?? '' } };
    case 'subject':
    case 'subject_group':
      return key === null || key === ''
        ? { label: 'Not coded', filter: { missing: 'subject' } }
        : { label: labels.subjects.get(key) ?? key, filter: { subject: key } };
    case 'unit': {
      const unit = key === null ? undefined : labels.units.get(Number(key));
      return unit
        ? { label: unit.name, filter: { unit: unit.code }, key: unit.code }
        : { label: 'Not routed', filter: { missing: 'unit' }, key: null };
    }
    case 'facility':
      return key === null
        ? { label: 'No facility', filter: { missing: 'facility' } }
        : { label: key, filter: { facility: key } };
    case 'language':
      return { label: LANGUAGES.find((l) => l.code === key)?.name ?? key ?? '', filter: { language: key ?? '' } };
    case 'writer_type':
      return { label: writerTypeLabel(key ?? ''), filter: { writerType: key ?? '' } };
    default:
      return { label: 'All cases', filter: {} };
  }
}

interface Months {
  current: PeriodSummary;
  previous: PeriodSummary;
  yearEarlier: PeriodSummary;
}

function volumeRow(row: VolumeSqlRow, months: Months, labels: Labels): VolumeRow {
  const described = describeKey(row.dimension, row.key, labels);
  const count = (n: number, p: PeriodSummary): CaseCount => ({
    count: n,
    cases: { ...receivedIn(p), ...described.filter },
  });
  return {
    key: 'key' in described ? (described.key ?? null) : row.key,
    label: described.label,
    ...(row.dimension === 'subject_group'
      ? { level: 1 as const }
      : row.dimension === 'subject'
        ? { level: 2 as const }
        : {}),
    thisMonth: count(row.current, months.current),
    previousMonth: count(row.previous, months.previous),
    yearEarlier: count(row.year_earlier, months.yearEarlier),
    changeFromPreviousMonth: change(row.current, row.previous),
    changeFromYearEarlier: change(row.current, row.year_earlier),
  };
}

const byCurrentThenLabel = (a: VolumeRow, b: VolumeRow) =>
  b.thisMonth.count - a.thisMonth.count || a.label.localeCompare(b.label);

/** Two-level subjects: each top-level subject (its cases and its children's), then its children. */
function subjectRows(rows: VolumeSqlRow[], months: Months, labels: Labels): VolumeRow[] {
  const groups = rows.filter((r) => r.dimension === 'subject_group').map((r) => volumeRow(r, months, labels));
  const children = rows
    .filter((r) => r.dimension === 'subject' && r.key !== null && r.key.includes('.'))
    .map((r) => volumeRow(r, months, labels));
  return groups
    .sort(byCurrentThenLabel)
    .flatMap((group) => [
      group,
      ...children
        .filter((child) => group.key !== null && child.key?.startsWith(`${group.key}.`))
        .sort(byCurrentThenLabel),
    ]);
}

function volumeSection(rows: VolumeSqlRow[], months: Months, labels: Labels): MonthlyReport['volume'] {
  const of = (dimension: VolumeSqlRow['dimension']) =>
    rows
      .filter((r) => r.dimension === dimension)
      .map((r) => volumeRow(r, months, labels))
      .sort(byCurrentThenLabel);
  const total = rows.find((r) => r.dimension === 'total') ?? {
    dimension: 'total' as const,
    key: null,
    current: 0,
    previous: 0,
    year_earlier: 0,
  };
  return {
    total: volumeRow(total, months, labels),
    byChannel: of('channel'),
    bySubject: subjectRows(rows, months, labels),
    byUnit: of('unit'),
    byFacility: of('facility'),
    byLanguage: of('language'),
    byWriterType: of('writer_type'),
  };
}

/** The instant the backlog is taken at, the local day ages count to, and the first instants of the bands. */
function backlogMoment(month: PeriodSummary & { range: { end: Date } }, asOf: Date, timeZone: string) {
  const at = asOf < month.range.end ? asOf : month.range.end;
  const asOfDate = localDate(new Date(at.getTime() - 1), timeZone);
  const bounds = BAND_DAYS.map((n) => startOfLocalDay(addLocalDays(asOfDate, -n), timeZone));
  return { at, asOfDate, bounds };
}

/** The received-date range of a band, as case-list dates. */
function bandFilter(asOfDate: string, band: (typeof AGE_BANDS)[number]): CaseQuery {
  return {
    ...(band.maxDays !== null ? { receivedFrom: addLocalDays(asOfDate, -band.maxDays) } : {}),
    ...(band.minDays > 0 ? { receivedTo: addLocalDays(asOfDate, -band.minDays) } : {}),
  };
}

async function backlogSection(
  ctx: CommandContext,
  month: Months['current'] & { range: { end: Date } },
  asOf: Date,
  labels: Labels,
) {
  const { at, asOfDate, bounds } = backlogMoment(month, asOf, ctx.agency.timeZone);
  const rows = await backlogRows(ctx, at, bounds);
  const openAt: CaseQuery = { openAt: at.toISOString(), merged: 'false' };
  const unitFilter = (unitId: number | null): { key: string | null; label: string; filter: CaseQuery } => {
    const unit = unitId === null ? undefined : labels.units.get(unitId);
    return unit
      ? { key: unit.code, label: unit.name, filter: { unit: unit.code } }
      : { key: null, label: 'Not routed', filter: { missing: 'unit' } };
  };
  const bandsOf = (counts: number[], extra: CaseQuery) =>
    AGE_BANDS.map((band, i) => ({
      count: counts[i] ?? 0,
      cases: { ...openAt, ...bandFilter(asOfDate, band), ...extra },
    }));
  const totalRow = rows.find((r) => r.all_units) ?? { bands: AGE_BANDS.map(() => 0), elected_official: 0 };
  const sum = (counts: number[]) => counts.reduce((a, b) => a + b, 0);
  const backlog: MonthlyReport['backlog'] = {
    at: at.toISOString(),
    asOfDate,
    total: { count: sum(totalRow.bands), cases: openAt },
    bands: AGE_BANDS.map((band, i) => ({ ...band, open: bandsOf(totalRow.bands, {})[i]! })),
    byUnit: rows
      .filter((r) => !r.all_units)
      .map((r) => {
        const unit = unitFilter(r.unit_id);
        return {
          key: unit.key,
          label: unit.label,
          total: { count: sum(r.bands), cases: { ...openAt, ...unit.filter } },
          bands: bandsOf(r.bands, unit.filter),
        };
      })
      .sort((a, b) => b.total.count - a.total.count || a.label.localeCompare(b.label)),
  };
  const electedOpen: CaseCount = {
    count: totalRow.elected_official,
    cases: { ...openAt, writerType: 'elected_official' },
  };
  return { backlog, electedOpen };
}

function timesSection(rows: Awaited<ReturnType<typeof responseTimeRows>>, month: PeriodSummary): ResponseTimeRow[] {
  const all = rows.find((r) => r.channel === null) ?? {
    channel: null,
    received: 0,
    responded: 0,
    first_response_median: null,
    first_response_p90: null,
    closed: 0,
    close_median: null,
    close_p90: null,
    elected: 0,
    elected_answered: 0,
    elected_within_standard: 0,
  };
  const perChannel = rows.filter((r) => r.channel !== null).sort((a, b) => b.received - a.received);
  return [all, ...perChannel].map((r) => {
    const base = { ...receivedIn(month), ...(r.channel === null ? {} : { channel: r.channel }) };
    return {
      key: r.channel,
      label: r.channel === null ? 'All channels' : channelLabel(r.channel),
      received: { count: r.received, cases: base },
      firstResponse: {
        cases: { count: r.responded, cases: { ...base, firstResponse: 'any' } },
        medianDays: roundTo(r.first_response_median, 2),
        p90Days: roundTo(r.first_response_p90, 2),
      },
      close: {
        cases: { count: r.closed, cases: { ...base, status: 'closed' } },
        medianDays: roundTo(r.close_median, 2),
        p90Days: roundTo(r.close_p90, 2),
      },
    };
  });
}

async function escalationSection(
  ctx: CommandContext,
  month: Months['current'] & { range: { start: Date; end: Date } },
  labels: Labels,
) {
  const rows = await escalationRows(ctx, month.range);
  const base: CaseQuery = { escalatedFrom: month.from, escalatedTo: month.to, merged: 'false' };
  const total = rows.find((r) => r.grouping === 'total')?.count ?? 0;
  const byCount = (a: KeyedCount, b: KeyedCount) => b.count.count - a.count.count || a.label.localeCompare(b.label);
  return {
    total: { count: total, cases: base },
    byLevel: rows
      .filter((r) => r.grouping === 'level')
      .map((r) => ({
        key: String(r.level),
        label: labels.levels.get(r.level ?? 0) ?? `Level ${r.level}`,
        count: { count: r.count, cases: { ...base, escalationLevel: String(r.level) } },
      }))
      .sort((a, b) => Number(a.key) - Number(b.key)),
    byUnit: rows
      .filter((r) => r.grouping === 'unit')
      .map((r) => {
        const unit = r.unit_id === null ? undefined : labels.units.get(r.unit_id);
        return unit
          ? { key: unit.code, label: unit.name, count: { count: r.count, cases: { ...base, unit: unit.code } } }
          : { key: null, label: 'Not routed', count: { count: r.count, cases: { ...base, missing: 'unit' } } };
      })
      .sort(byCount),
  };
}

/** Repeat contacts of the month: the earliest receipt a repeat can look back to is the window's first day. */
function repeatRowsOf(ctx: CommandContext, month: Months['current'] & { range: { start: Date; end: Date } }) {
  const windowStart = startOfLocalDay(addLocalDays(month.from, -REPEAT_CONTACT_DAYS), ctx.agency.timeZone);
  return repeatRows(ctx, month.range, windowStart);
}

function repeatSection(
  rows: Awaited<ReturnType<typeof repeatRows>>,
  month: PeriodSummary,
  received: number,
  labels: Labels,
) {
  const base: CaseQuery = { ...receivedIn(month), repeatContact: 'true' };
  const total = rows.find((r) => r.subject_group === null)?.count ?? 0;
  return {
    windowDays: REPEAT_CONTACT_DAYS,
    count: { count: total, cases: base },
    percentOfReceived: percentOf(total, received),
    topSubjects: rows
      .filter((r) => r.subject_group !== null)
      .map((r) => ({
        key: r.subject_group,
        label: labels.subjects.get(r.subject_group!) ?? r.subject_group!,
        count: { count: r.count, cases: { ...base, subject: r.subject_group! } },
      }))
      .sort((a, b) => b.count.count - a.count.count || a.label.localeCompare(b.label))
      .slice(0, 10),
  };
}

/**
 * The case-list filter of a new issue's cases: its days, its subject, facility or unit, and (as detection counts)
 * neither restricted cases nor merged duplicates.
 */
function newIssueFilter(issue: NewIssue): CaseQuery {
  const base: CaseQuery = { receivedFrom: issue.from, receivedTo: issue.to, merged: 'false', restricted: 'false' };
  switch (issue.dimension) {
    case 'subject':
      return { ...base, subject: issue.key };
    case 'facility':
      return { ...base, facility: issue.key };
    case 'unit':
      return { ...base, unit: issue.key };
    default: {
      const [subject = '', facility = ''] = issue.key.split('|');
      return { ...base, subject, facility };
    }
  }
}

async function newIssuesSection(ctx: CommandContext, period: ReportPeriod): Promise<MonthlyNewIssue[]> {
  const issues = await newIssuesForPeriod(ctx, period);
  return issues.map((issue) => {
    return {
      dimension: issue.dimension,
      key: issue.key,
      label: issue.label,
      observed: issue.observed,
      expected: issue.expected,
      window: issue.window,
      from: issue.from,
      to: issue.to,
      sentence: issue.sentence,
      cases: newIssueFilter(issue),
    };
  });
}

const NOTES = [
  'Counts are of the cases you may see; cases merged into another case (duplicates) are left out.',
  'Volumes count cases by the local day they were received.',
  'The backlog counts cases received before the backlog time and not closed by then; age is in calendar days since the day of receipt.',
  'Times to first response and to close are in days, over the cases received in the month that have them.',
  `A repeat contact is a case whose person had another case with the same subject received in the ${REPEAT_CONTACT_DAYS} days before it.`,
  'Escalations are cases whose latest escalation happened in the month.',
  'Survey results are the answers given in the month; "resolved" is the share of yes among those who answered that question.',
];

/** Builds the monthly report of a month for the reader in ctx; numbers that depend on today use asOf. */
export async function buildMonthlyReport(
  ctx: CommandContext,
  request: { period: ReportPeriod; asOf: Date },
): Promise<MonthlyReport> {
  const { period, asOf } = request;
  if (period.kind !== 'month') {
    throw new AppError('validation_failed', 'month: the monthly report is made for one month (YYYY-MM).', [
      { field: 'month', message: 'must be a month (YYYY-MM)' },
    ]);
  }
  const zone = ctx.agency.timeZone;
  const current = summarize(period, zone);
  const previous = summarize(previousMonth(period), zone);
  const yearEarlier = summarize(periodYearEarlier(period), zone);
  const months = { current, previous, yearEarlier };
  const labels = await reportLabels(ctx);
  // Independent statements: on PostgreSQL each runs on its own pooled connection at the same time.
  const [volumes, times, backlog, escalations, repeats, survey, newIssues, actionPlans] = await Promise.all([
    volumeRows(ctx, { current: current.range, previous: previous.range, yearEarlier: yearEarlier.range }),
    responseTimeRows(ctx, current.range),
    backlogSection(ctx, current, asOf, labels),
    escalationSection(ctx, current, labels),
    repeatRowsOf(ctx, current),
    surveyRow(ctx, current.range),
    newIssuesSection(ctx, period),
    plansOfPeriod(ctx, current),
  ]);
  const volume = volumeSection(volumes, months, labels);
  const repeatContacts = repeatSection(repeats, current, volume.total.thisMonth.count, labels);
  const allChannels = times.find((r) => r.channel === null);
  const electedBase: CaseQuery = { ...receivedIn(current), writerType: 'elected_official' };
  const electedReceived = allChannels?.elected ?? 0;
  const withinStandard = allChannels?.elected_within_standard ?? 0;
  const strip = ({ range: _range, ...rest }: typeof current): PeriodSummary => rest;
  return {
    kind: 'monthly',
    agency: { slug: ctx.agency.slug, name: ctx.agency.name, timeZone: zone },
    period: strip(current),
    previousMonth: strip(previous),
    yearEarlier: strip(yearEarlier),
    asOf: asOf.toISOString(),
    notes: NOTES,
    volume,
    backlog: backlog.backlog,
    responseTimes: timesSection(times, current),
    escalations,
    electedOfficials: {
      received: { count: electedReceived, cases: electedBase },
      answered: { count: allChannels?.elected_answered ?? 0, cases: { ...electedBase, firstResponse: 'any' } },
      answeredWithinStandard: { count: withinStandard, cases: { ...electedBase, firstResponse: 'within_standard' } },
      withinStandardPercent: percentOf(withinStandard, electedReceived),
      openAtBacklogTime: backlog.electedOpen,
    },
    repeatContacts,
    survey: {
      responses: {
        count: survey.responses,
        cases: { surveyedFrom: current.from, surveyedTo: current.to, merged: 'false' },
      },
      meanSatisfaction: roundTo(survey.mean_satisfaction, 2),
      resolvedYes: survey.resolved_yes,
      resolvedAnswered: survey.resolved_answered,
      resolvedYesPercent: percentOf(survey.resolved_yes, survey.resolved_answered),
    },
    newIssues,
    actionPlans,
  };
}
