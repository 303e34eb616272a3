// New-issue detection over the cases table: cases per local day for every subject, facility, unit and subject at a
// facility (one grouped statement), each series judged against what its own history predicts (src/domain/new-issues.ts),
// and a plain sentence for every significant rise (the SQL: new-issues-queries.ts). The daily job (new-issue-alerts.ts) stores and tells what
// detectIssuesOn finds; the monthly report and the alert list both read those stored alerts.
//
// Counts leave out restricted cases for every reader, the system included, and merged duplicates: an alert is
// shown to many people, so its numbers must never reveal a restricted case.
import type { CommandContext } from '../context.ts';
import { shortDate, type ReportPeriod } from '../../shared/report-periods.ts';
import { addLocalDays, localDate } from '../../shared/local-time.ts';
import { DEFAULT_DETECTION_SETTINGS, detectRise } from '../../domain/new-issues.ts';
import type { NewIssue, NewIssueDimension, NewIssueWindow } from '../../shared/reports.ts';
import {
  dailyCountRows,
  firstCountedCaseAt,
  mainUnitOf,
  storedWeekAlertRows,
  subjectAndUnitNames,
  type CountRow,
} from './new-issues-queries.ts';

export type { NewIssue, NewIssueDimension, NewIssueWindow } from '../../shared/reports.ts';

/** A rise as the daily job needs it: the unit whose managers are told (the unit most of its cases went to). */
export interface DetectedIssue extends NewIssue {
  unitId: number | null;
  /** Counts of the windows before it and of its own, oldest first (the alert's sparkline); see windowHistory. */
  history: number[];
}

/** Windows a sparkline shows: 13 weeks for a week (12 of history and the week judged), 28 days for a day. */
export const HISTORY_WINDOWS: Record<NewIssueWindow, number> = { day: 28, week: 13 };

/** Weeks of history fetched before a window: the model's baseline. */
const BASELINE_DAYS = 7 * DEFAULT_DETECTION_SETTINGS.baselineWeeks;
const WINDOW_DAYS: Record<NewIssueWindow, number> = { day: 1, week: 7 };

// ---------------------------------------------------------------------------------------------------------------
// Sentences.

/**
 * The plain sentence of a rise, read on local day `today`: "Shelter conditions at Facility X: 23 this week, 6
 * expected", "Facility X: 9 cases yesterday, 2 expected", "Unit name: 40 cases in the week to 12 Mar 2026, 18 expected".
 */
export function newIssueSentence(
  issue: Pick<NewIssue, 'dimension' | 'label' | 'observed' | 'expected' | 'window' | 'to'>,
  today: string,
): string {
  const yesterday = addLocalDays(today, -1);
  let when: string;
  if (issue.window === 'week') {
    when = issue.to === today || issue.to === yesterday ? 'this week' : `in the week to ${shortDate(issue.to)}`;
  } else {
    when = issue.to === today ? 'today' : issue.to === yesterday ? 'yesterday' : `on ${shortDate(issue.to)}`;
  }
  // A subject names what is counted ("Shelter conditions: 23"); a facility or unit names where ("23 cases").
  const counted =
    issue.dimension === 'subject' || issue.dimension === 'subject_facility'
      ? String(issue.observed)
      : `${issue.observed} ${issue.observed === 1 ? 'case' : 'cases'}`;
  const expected = issue.expected < 0.5 ? 'fewer than 1 expected' : `${Math.round(issue.expected)} expected`;
  return `${issue.label}: ${counted} ${when}, ${expected}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Counting.

interface KeySeries {
  dimension: NewIssueDimension;
  key: string;
  /** Subject code, facility, unit id — what the key is made of, for labels and drill-down. */
  subjectCode: string | null;
  facility: string | null;
  unitId: number | null;
  counts: Map<string, number>;
}

/** grouping(subject_code, facility, unit_id): a 1 bit for each column left out of the grouping set. */
const GROUPING_DIMENSION: Record<number, NewIssueDimension> = {
  0b011: 'subject',
  0b101: 'facility',
  0b110: 'unit',
  0b001: 'subject_facility',
};

/** Cases per local day from `from` to `to` (inclusive) for every key of every dimension, in one statement. */
async function dailyCounts(ctx: CommandContext, from: string, to: string): Promise<Map<string, KeySeries>> {
  const rows = await dailyCountRows(ctx, from, to);
  const series = new Map<string, KeySeries>();
  for (const row of rows) {
    const dimension = GROUPING_DIMENSION[Number(row.grouping)];
    if (!dimension) continue;
    const part = keyParts(dimension, row);
    if (!part) continue;
    const id = `${dimension}\u0000${part.key}`;
    let entry = series.get(id);
    if (!entry) {
      entry = { dimension, ...part, counts: new Map() };
      series.set(id, entry);
    }
    entry.counts.set(row.day, Number(row.n));
  }
  return series;
}

/** The key of a grouped row, or null when the grouped column is empty (no subject, no facility, no unit). */
function keyParts(dimension: NewIssueDimension, row: CountRow) {
  const none = { subjectCode: null, facility: null, unitId: null };
  if (dimension === 'subject')
    return row.subject_code ? { ...none, key: row.subject_code, subjectCode: row.subject_code } : null;
  if (dimension === 'facility') return row.facility ? { ...none, key: row.facility, facility: row.facility } : null;
  if (dimension === 'unit')
    return row.unit_id !== null ? { ...none, key: String(row.unit_id), unitId: row.unit_id } : null;
  if (!row.subject_code || !row.facility) return null;
  return { ...none, key: `${row.subject_code}|${row.facility}`, subjectCode: row.subject_code, facility: row.facility };
}

/** The first local day with a counted case: days before it are unknown history, not zeros. */
async function historyStart(ctx: CommandContext): Promise<string | null> {
  const first = await firstCountedCaseAt(ctx);
  return first ? localDate(new Date(first), ctx.agency.timeZone) : null;
}

interface Names {
  subjects: Map<string, string>;
  units: Map<number, { code: string; name: string }>;
}

async function namesOf(ctx: CommandContext): Promise<Names> {
  const { subjects, units } = await subjectAndUnitNames(ctx);
  return {
    subjects: new Map(subjects.map((s) => [s.code, s.name])),
    units: new Map(units.map((u) => [u.id, { code: u.code, name: u.name }])),
  };
}

function labelOf(series: KeySeries, names: Names): { key: string; label: string } {
  const subject = series.subjectCode ? (names.subjects.get(series.subjectCode) ?? series.subjectCode) : '';
  switch (series.dimension) {
    case 'subject':
      return { key: series.key, label: subject };
    case 'facility':
      return { key: series.key, label: series.facility! };
    case 'unit': {
      const unit = names.units.get(series.unitId!);
      return { key: unit?.code ?? series.key, label: unit?.name ?? `Unit ${series.key}` };
    }
    case 'subject_facility':
      return { key: series.key, label: `${subject} at ${series.facility}` };
  }
}

/** The unit most of a key's cases in the window went to (ties: the lower id), for whom to tell. */
async function mainUnit(ctx: CommandContext, series: KeySeries, from: string, to: string): Promise<number | null> {
  if (series.dimension === 'unit') return series.unitId;
  return mainUnitOf(ctx, series, from, to);
}

/** Counts of consecutive windows ending on `asOf`, oldest first, leaving out windows that begin before history. */
function windowHistory(counts: Map<string, number>, asOf: string, window: NewIssueWindow, start: string): number[] {
  const length = WINDOW_DAYS[window];
  const history: number[] = [];
  for (let i = HISTORY_WINDOWS[window] - 1; i >= 0; i--) {
    const from = addLocalDays(asOf, 1 - length * (i + 1));
    if (from < start) continue;
    let total = 0;
    for (let d = 0; d < length; d++) total += counts.get(addLocalDays(from, d)) ?? 0;
    history.push(total);
  }
  return history;
}

// ---------------------------------------------------------------------------------------------------------------
// Detection.

/** Who sees which alerts: administrators, supervisors, auditors and the system all; others those of their units. */
export function seesAllAlerts(ctx: CommandContext): boolean {
  return ctx.actor.via === 'system' || ['administrator', 'supervisor', 'auditor'].includes(ctx.actor.role);
}

function visibleToReader(ctx: CommandContext, unitId: number | null): boolean {
  return seesAllAlerts(ctx) || (unitId !== null && ctx.actor.unitIds.includes(unitId));
}

/** Today's local date in the agency. */
export function agencyToday(ctx: CommandContext, now = new Date()): string {
  return localDate(now, ctx.agency.timeZone);
}

/**
 * Rises for each window ending on one of `asOfs` (local dates), from one fetch of the counts: every key with at
 * least the minimum count in the window is judged against its own last 12 weeks.
 */
export async function detectIssuesOn(
  ctx: CommandContext,
  asOfs: string[],
  window: NewIssueWindow,
  today: string,
): Promise<DetectedIssue[]> {
  if (asOfs.length === 0) return [];
  const start = await historyStart(ctx);
  if (!start) return [];
  const sorted = [...asOfs].sort();
  const length = WINDOW_DAYS[window];
  const fetchFrom = addLocalDays(sorted[0]!, 1 - length - BASELINE_DAYS);
  const [series, names] = await Promise.all([dailyCounts(ctx, fetchFrom, sorted.at(-1)!), namesOf(ctx)]);
  const issues: DetectedIssue[] = [];
  for (const asOf of sorted) {
    const from = addLocalDays(asOf, 1 - length);
    const windowDates = Array.from({ length }, (_, i) => addLocalDays(from, i));
    for (const entry of series.values()) {
      const observed = windowDates.reduce((sum, day) => sum + (entry.counts.get(day) ?? 0), 0);
      // Fewer cases than an alert needs: no model to fit.
      if (observed < DEFAULT_DETECTION_SETTINGS.minObserved) continue;
      const result = detectRise({ counts: entry.counts, asOf, window, historyStart: start });
      if (result.verdict !== 'rise') continue;
      const unitId = await mainUnit(ctx, entry, from, asOf);
      if (!visibleToReader(ctx, unitId)) continue;
      const { key, label } = labelOf(entry, names);
      const issue = {
        dimension: entry.dimension,
        key,
        label,
        observed: result.observed,
        expected: result.expected,
        window,
        from,
        to: asOf,
        probability: result.probability,
      };
      const history = windowHistory(entry.counts, asOf, window, start);
      issues.push({ ...issue, sentence: newIssueSentence(issue, today), unitId, history });
    }
  }
  return issues.sort((a, b) => (a.to === b.to ? a.probability - b.probability : a.to < b.to ? 1 : -1));
}

/** Internal form of detectNewIssues, with the unit to tell; `today` words the sentences. */
export async function detectIssues(
  ctx: CommandContext,
  options: { asOf: string; window: NewIssueWindow; today?: string },
): Promise<DetectedIssue[]> {
  return detectIssuesOn(ctx, [options.asOf], options.window, options.today ?? agencyToday(ctx));
}

const withoutUnit = ({ unitId: _unitId, history: _history, ...issue }: DetectedIssue): NewIssue => issue;

/** Detects rises for the day or the 7 days ending on `asOf` (a local date), in the cases the reader may see. */
export async function detectNewIssues(
  ctx: CommandContext,
  options: { asOf: string; window: NewIssueWindow },
): Promise<NewIssue[]> {
  return (await detectIssues(ctx, options)).map(withoutUnit);
}

// ---------------------------------------------------------------------------------------------------------------
// The monthly report's view.

/** A stored alert row as a NewIssue. */
export function issueFromAlert(
  row: {
    dimension: NewIssueDimension;
    key: string;
    label: string;
    observed: number;
    expected: number;
    window: NewIssueWindow;
    period_from: string;
    period_to: string;
    probability: number;
  },
  today: string,
): NewIssue {
  const issue = {
    dimension: row.dimension,
    key: row.key,
    label: row.label,
    observed: Number(row.observed),
    expected: Number(row.expected),
    window: row.window,
    from: row.period_from,
    to: row.period_to,
    probability: Number(row.probability),
  };
  return { ...issue, sentence: newIssueSentence(issue, today) };
}

/** The stored weekly alerts whose week ends inside the period, for this reader (possibly none). */
export async function storedWeekAlerts(ctx: CommandContext, period: ReportPeriod, today: string): Promise<NewIssue[]> {
  const rows = await storedWeekAlertRows(ctx, period);
  return rows.filter((r) => visibleToReader(ctx, r.unit_id)).map((r) => issueFromAlert(r, today));
}
