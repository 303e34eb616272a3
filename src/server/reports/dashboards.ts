// The console's dashboards: volumes by channel, time to first response, backlog, subjects by week and unit
// workload, each a chart drawn from a table of real numbers (shown as a table and downloadable as CSV). They read
// the trigger-kept rollups of migration 0014 — small aggregates however many cases there are — plus, for cases
// that fell overdue earlier today, the open-deadline index of cases (their SQL: dashboards-queries.ts).
//
// Scope: a reader sees rollup rows of unrestricted cases and restricted ones of their own units; unit liaisons see
// their units only. A restricted case a reader may see only because they are named on it is not counted (rollups
// do not know who is named), so a dashboard never counts more than the reader may see.
import type { CommandContext } from '../context.ts';
import type { ReportPeriod } from '../../shared/report-periods.ts';
import { addLocalDays, localDate, localDaysBetween, weekdayOf } from '../../shared/local-time.ts';
import type { ReportCell } from '../../shared/report-document.ts';
import { percentOf, roundTo } from './report-numbers.ts';
import { channelLabel } from '../../shared/vocabulary.ts';
import {
  RESPONSE_BANDS,
  dailyRows,
  openRows,
  overdueSinceMidnight,
  subjectWeekRows,
  unitAndSubjectNames,
  type DailyRow,
  type DashboardFilters,
} from './dashboards-queries.ts';

import {
  DASHBOARD_CHARTS,
  type Dashboard,
  type DashboardChart,
  type DashboardChartName,
} from '../../shared/reports.ts';

export { RESPONSE_BANDS, type DashboardFilters } from './dashboards-queries.ts';
export { DASHBOARD_CHARTS, type Dashboard, type DashboardChart, type DashboardChartName };

/** How many subjects the heat map shows, busiest first. */
export const HEAT_MAP_SUBJECTS = 15;
const DAILY_BUCKETS_UP_TO = 45;

interface Bucket {
  /** First day of the bucket inside the period; the bucket's label. */
  from: string;
  to: string;
}

const mondayOf = (day: string) => addLocalDays(day, -((weekdayOf(day) + 6) % 7));

/** The period cut into days or weeks (Monday to Sunday), the first and last clipped to the period. */
export function periodBuckets(period: ReportPeriod, interval: 'day' | 'week'): Bucket[] {
  const buckets: Bucket[] = [];
  let from = period.from;
  while (from <= period.to) {
    const end = interval === 'day' ? from : addLocalDays(mondayOf(from), 6);
    const to = end < period.to ? end : period.to;
    buckets.push({ from, to });
    from = addLocalDays(to, 1);
  }
  return buckets;
}

function bucketIndex(buckets: Bucket[]): (day: string) => number {
  return (day) => {
    let low = 0;
    let high = buckets.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (day < buckets[mid]!.from) high = mid - 1;
      else if (day > buckets[mid]!.to) low = mid + 1;
      else return mid;
    }
    return -1;
  };
}

const meanDays = (seconds: number, count: number) => (count ? roundTo(seconds / count / 86_400, 1) : null);

async function names(ctx: CommandContext) {
  const { units, subjects } = await unitAndSubjectNames(ctx);
  return {
    unit: (id: number) => (id === 0 ? 'Not routed' : (units.find((u) => u.id === id)?.name ?? `Unit ${id}`)),
    subject: (code: string) => (code === '' ? 'No subject' : (subjects.find((s) => s.code === code)?.name ?? code)),
  };
}

function volumesChart(rows: DailyRow[], buckets: Bucket[], interval: 'day' | 'week'): DashboardChart {
  const index = bucketIndex(buckets);
  const totals = new Map<string, number>();
  const cells = buckets.map(() => new Map<string, number>());
  for (const row of rows) {
    const i = index(row.day);
    if (i < 0 || !row.received) continue;
    cells[i]!.set(row.channel, (cells[i]!.get(row.channel) ?? 0) + row.received);
    totals.set(row.channel, (totals.get(row.channel) ?? 0) + row.received);
  }
  const channels = [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)! || a.localeCompare(b));
  const label = interval === 'day' ? 'Day' : 'Week from';
  return {
    name: 'volumes',
    kind: 'stacked-bar',
    title: 'Cases received by channel',
    description: `Cases received each ${interval} of the period, by kind of channel${
      interval === 'week' ? ' (weeks run Monday to Sunday; the first and last may be cut by the period)' : ''
    }. A duplicate merged into another case counts once.`,
    table: {
      name: 'volumes',
      title: 'Cases received by channel',
      columns: [
        { key: 'period', label, format: 'date' },
        ...channels.map((c) => ({ key: c, label: channelLabel(c), format: 'count' as const })),
        { key: 'total', label: 'Total', format: 'count' },
      ],
      rows: buckets.map((bucket, i) => {
        const row: Record<string, ReportCell> = { period: bucket.from };
        let total = 0;
        for (const channel of channels) {
          const value = cells[i]!.get(channel) ?? 0;
          row[channel] = value;
          total += value;
        }
        row.total = total;
        return row;
      }),
    },
    labelColumn: 'period',
    valueColumns: channels,
    notes: [],
  };
}

type Sums = Omit<DailyRow, 'day' | 'channel'>;
const SUM_KEYS: (keyof Sums)[] = [
  'received',
  'first_responded',
  'first_response_seconds',
  'responded_with_standard',
  'responded_within_standard',
  ...RESPONSE_BANDS.map((b) => b.column),
  'closed',
];
const emptySums = (): Sums => Object.fromEntries(SUM_KEYS.map((k) => [k, 0])) as unknown as Sums;
function addSums(into: Sums, row: Sums) {
  for (const key of SUM_KEYS) into[key] += Number(row[key]);
}

function weeklySums(rows: DailyRow[], weeks: Bucket[]): Sums[] {
  const index = bucketIndex(weeks);
  const sums = weeks.map(emptySums);
  for (const row of rows) {
    const i = index(row.day);
    if (i >= 0) addSums(sums[i]!, row);
  }
  return sums;
}

function responseTimesChart(weeks: Bucket[], sums: Sums[]): DashboardChart {
  return {
    name: 'response-times',
    kind: 'line',
    title: 'Time to first response',
    description:
      'Mean days from receipt to the first substantive response, for the cases received each week; the table adds how many were answered, how many still wait, and the share of answers sent within the service standard.',
    table: {
      name: 'response-times',
      title: 'Time to first response',
      columns: [
        { key: 'week', label: 'Week from', format: 'date' },
        { key: 'received', label: 'Received', format: 'count' },
        { key: 'responded', label: 'Responded', format: 'count' },
        { key: 'awaiting', label: 'Awaiting a first response', format: 'count' },
        { key: 'mean_days', label: 'Mean days to first response', format: 'days' },
        { key: 'within_standard_pct', label: 'Responses within the standard (%)', format: 'percent' },
      ],
      rows: weeks.map((week, i) => {
        const s = sums[i]!;
        return {
          week: week.from,
          received: s.received,
          responded: s.first_responded,
          awaiting: s.received - s.first_responded,
          mean_days: meanDays(s.first_response_seconds, s.first_responded),
          within_standard_pct: percentOf(s.responded_within_standard, s.responded_with_standard),
        };
      }),
    },
    labelColumn: 'week',
    valueColumns: ['mean_days'],
    notes: [],
  };
}

/** The band that holds the middle response, read off the cumulative shares (a median cannot be summed). */
export function medianBand(counts: number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  if (!total) return -1;
  let seen = 0;
  return counts.findIndex((count) => (seen += count) * 2 >= total);
}

function responseDistributionChart(total: Sums): DashboardChart {
  const counts = RESPONSE_BANDS.map((b) => total[b.column]);
  const responded = counts.reduce((a, b) => a + b, 0);
  const median = medianBand(counts);
  let cumulative = 0;
  const within14 = counts.slice(0, 5).reduce((a, b) => a + b, 0);
  return {
    name: 'response-distribution',
    kind: 'bar',
    title: 'Days to first response',
    description:
      'First responses to the cases received in the period, by calendar days between the day of receipt and the day of the response (agency time).',
    table: {
      name: 'response-distribution',
      title: 'Days to first response',
      columns: [
        { key: 'band', label: 'Calendar days', format: 'text' },
        { key: 'responses', label: 'Responses', format: 'count' },
        { key: 'share_pct', label: 'Share (%)', format: 'percent' },
        { key: 'cumulative_pct', label: 'Cumulative (%)', format: 'percent' },
      ],
      rows: RESPONSE_BANDS.map((band, i) => {
        cumulative += counts[i]!;
        return {
          band: band.label,
          responses: counts[i]!,
          share_pct: percentOf(counts[i]!, responded),
          cumulative_pct: percentOf(cumulative, responded),
        };
      }),
    },
    labelColumn: 'band',
    valueColumns: ['responses'],
    notes: responded
      ? [
          `The median response came in the "${RESPONSE_BANDS[median]!.label}" band.`,
          `${percentOf(within14, responded)}% of the responses were sent within 14 calendar days.`,
        ]
      : ['No first responses to cases received in the period yet.'],
  };
}

function backlogChart(rows: DailyRow[], weeks: Bucket[], sums: Sums[], openNow: number, today: string): DashboardChart {
  // Open at the end of day D = open now − (received − closed) on every day after D.
  const netByDay = new Map<string, number>();
  for (const row of rows) netByDay.set(row.day, (netByDay.get(row.day) ?? 0) + row.received - row.closed);
  const days = [...netByDay.keys()].sort();
  let netAfter = days.reduce((total, d) => total + netByDay.get(d)!, 0);
  let next = 0;
  // Called with days in increasing order: each call moves the days up to `day` out of "after".
  const openAtEndOf = (day: string) => {
    for (; next < days.length && days[next]! <= day; next++) netAfter -= netByDay.get(days[next]!)!;
    return openNow - netAfter;
  };
  const shown = weeks.map((week, i) => ({ week, sums: sums[i]! })).filter(({ week }) => week.from <= today);
  return {
    name: 'backlog',
    kind: 'line',
    title: 'Open cases (backlog)',
    description:
      'Cases open at the end of each week (or today, for the current week): received by then and not closed by then, by the date each case was closed; the table adds what came in and what was closed that week.',
    table: {
      name: 'backlog',
      title: 'Open cases (backlog)',
      columns: [
        { key: 'week', label: 'Week from', format: 'date' },
        { key: 'as_of', label: 'Open at the end of', format: 'date' },
        { key: 'received', label: 'Received', format: 'count' },
        { key: 'closed', label: 'Closed', format: 'count' },
        { key: 'open', label: 'Open', format: 'count' },
      ],
      rows: shown.map(({ week, sums: s }) => {
        const asOf = week.to < today ? week.to : today;
        return { week: week.from, as_of: asOf, received: s.received, closed: s.closed, open: openAtEndOf(asOf) };
      }),
    },
    labelColumn: 'week',
    valueColumns: ['open'],
    notes: [],
  };
}

function heatMapChart(
  rows: { subject_code: string; week: string; received: number }[],
  weeks: Bucket[],
  subjectName: (code: string) => string,
): DashboardChart {
  const index = bucketIndex(weeks);
  const bySubject = new Map<string, number[]>();
  for (const row of rows) {
    // A week's Monday may fall before the period; its first day in the period is the bucket.
    const i = index(row.week < weeks[0]!.from ? weeks[0]!.from : row.week);
    if (i < 0) continue;
    const cells = bySubject.get(row.subject_code) ?? weeks.map(() => 0);
    cells[i]! += Number(row.received);
    bySubject.set(row.subject_code, cells);
  }
  const total = (code: string) => bySubject.get(code)!.reduce((a, b) => a + b, 0);
  const ranked = [...bySubject.keys()].sort((a, b) => total(b) - total(a) || a.localeCompare(b));
  const top = ranked.slice(0, HEAT_MAP_SUBJECTS);
  const rest = ranked.slice(HEAT_MAP_SUBJECTS);
  const weekKey = (week: Bucket) => `w${week.from}`;
  return {
    name: 'subjects-by-week',
    kind: 'heat-map',
    title: 'Subjects by week',
    description: `Cases received per subject and week, for the ${HEAT_MAP_SUBJECTS} busiest subjects of the period; darker cells hold more cases, and every cell shows its number.`,
    table: {
      name: 'subjects-by-week',
      title: 'Subjects by week',
      columns: [
        { key: 'subject', label: 'Subject', format: 'text' },
        ...weeks.map((w) => ({ key: weekKey(w), label: w.from, format: 'count' as const })),
        { key: 'total', label: 'Total', format: 'count' },
      ],
      rows: top.map((code) => {
        const row: Record<string, ReportCell> = { subject: subjectName(code) };
        weeks.forEach((w, i) => (row[weekKey(w)] = bySubject.get(code)![i]!));
        row.total = total(code);
        return row;
      }),
    },
    labelColumn: 'subject',
    valueColumns: weeks.map(weekKey),
    notes: rest.length
      ? [
          `${rest.length} other subject${rest.length === 1 ? '' : 's'} with ${rest.reduce((a, c) => a + total(c), 0)} cases not shown.`,
        ]
      : [],
  };
}

function workloadChart(
  open: { unit_id: number; open_cases: number; overdue_before_today: number }[],
  overdueToday: { unit_id: number; overdue: number }[],
  unitName: (id: number) => string,
): DashboardChart {
  const units = new Map<number, { open: number; overdue: number }>();
  for (const row of open) {
    units.set(row.unit_id, { open: Number(row.open_cases), overdue: Number(row.overdue_before_today) });
  }
  for (const row of overdueToday) {
    const unit = units.get(row.unit_id) ?? { open: 0, overdue: 0 };
    unit.overdue += Number(row.overdue);
    units.set(row.unit_id, unit);
  }
  const rows = [...units.entries()]
    .filter(([, u]) => u.open > 0)
    .map(([id, u]) => ({ unit: unitName(id), open: u.open, overdue: u.overdue }))
    .sort((a, b) => b.open - a.open || a.unit.localeCompare(b.unit));
  return {
    name: 'unit-workload',
    kind: 'grouped-bar',
    title: 'Unit workload now',
    description:
      'Open cases of each unit now, and those past their resolution deadline; the period does not apply, the other filters do.',
    table: {
      name: 'unit-workload',
      title: 'Unit workload now',
      columns: [
        { key: 'unit', label: 'Unit', format: 'text' },
        { key: 'open', label: 'Open', format: 'count' },
        { key: 'overdue', label: 'Past the resolution deadline', format: 'count' },
      ],
      rows,
    },
    labelColumn: 'unit',
    valueColumns: ['open', 'overdue'],
    notes: [],
  };
}

/** Every dashboard chart for the reader, the period and the filters, as of `now`. */
export async function dashboardData(
  ctx: CommandContext,
  filters: DashboardFilters,
  now: Date = new Date(),
): Promise<Dashboard> {
  const { period } = filters;
  const today = localDate(now, ctx.agency.timeZone);
  const interval = localDaysBetween(period.from, period.to) < DAILY_BUCKETS_UP_TO ? 'day' : 'week';
  const [daily, subjectWeeks, open, overdueToday, labels] = await Promise.all([
    dailyRows(ctx, filters),
    subjectWeekRows(ctx, filters),
    openRows(ctx, filters, today),
    overdueSinceMidnight(ctx, filters, now),
    names(ctx),
  ]);
  const rows = daily.map((r) => {
    const row = { ...r };
    for (const key of SUM_KEYS) row[key] = Number(r[key]);
    return row;
  });
  const weeks = periodBuckets(period, 'week');
  const sums = weeklySums(rows, weeks);
  const total = emptySums();
  for (const s of sums) addSums(total, s);
  const openNow = open.reduce((a, r) => a + Number(r.open_cases), 0);
  return {
    period: { key: period.key, label: period.label, from: period.from, to: period.to },
    filters: { channel: filters.channel ?? null, unitId: filters.unitId ?? null, subject: filters.subject ?? null },
    interval,
    asOf: now.toISOString(),
    charts: [
      volumesChart(rows, periodBuckets(period, interval), interval),
      responseTimesChart(weeks, sums),
      responseDistributionChart(total),
      backlogChart(rows, weeks, sums, openNow, today),
      heatMapChart(subjectWeeks, weeks, labels.subject),
      workloadChart(open, overdueToday, labels.unit),
    ],
  };
}
