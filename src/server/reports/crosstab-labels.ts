// Words and order for the headers of a cross-tab: unit, subject and assignee names looked up once per table,
// enum values in plain English, months as "January 2026", and each dimension's natural order (the status
// workflow, priorities from low to urgent, time ascending, names alphabetically; "none" last). It also lists
// every month, week or day of a period, so a time axis shows the days without cases too.
import { channelLabel, isChannelType, isWriterType, writerTypeLabel } from '../../shared/vocabulary.ts';
import type { CommandContext } from '../context.ts';
import { CASE_STATUSES } from '../../shared/case-status.ts';
import { LANGUAGES } from '../../shared/languages.ts';
import { addLocalDays, weekdayOf } from '../../shared/local-time.ts';
import { monthPeriod, shortDate, type ReportPeriod } from '../../shared/report-periods.ts';
import type { Dimension } from './crosstab-definition.ts';
import { namesById, subjectNames, type DimensionValue } from './crosstab-sql.ts';
import { WRITER_TYPES } from '../../shared/vocabulary.ts';

const FIXED_ORDER: Partial<Record<Dimension, readonly string[]>> = {
  status: CASE_STATUSES,
  priority: ['low', 'normal', 'high', 'urgent'],
  writer_type: WRITER_TYPES,
};

const NONE_LABEL: Partial<Record<Dimension, string>> = {
  subject: 'No subject',
  subject_parent: 'No subject',
  unit: 'No unit',
  assignee: 'Unassigned',
  facility: 'No facility',
};

/** "in_progress" → "In progress", "walk_in" → "Walk in". */
function plain(value: string): string {
  const text = value.replace(/[_.-]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function timeLabel(dimension: Dimension, key: string): string {
  if (dimension === 'month') {
    const [y, m] = key.split('-').map(Number) as [number, number];
    return monthPeriod(y, m).label;
  }
  return dimension === 'week' ? `Week of ${shortDate(key)}` : shortDate(key);
}

export type LabelLookup = (dimension: Dimension, value: DimensionValue) => string;

/** Looks up the names of the values that occur (units, assignees, subjects) and returns a labeller. */
export async function headerLabeller(
  ctx: CommandContext,
  values: Map<Dimension, Set<DimensionValue>>,
): Promise<LabelLookup> {
  const ids = (d: Dimension) => [...(values.get(d) ?? [])].filter((v): v is number => typeof v === 'number');
  const codes = [...(values.get('subject') ?? []), ...(values.get('subject_parent') ?? [])].filter(
    (v): v is string => typeof v === 'string',
  );
  const [units, users, subjects] = await Promise.all([
    namesById(ctx, 'units', ids('unit')),
    namesById(ctx, 'users', ids('assignee')),
    subjectNames(ctx, [...new Set(codes)]),
  ]);
  return (dimension, value) => {
    if (value === null || value === '') return NONE_LABEL[dimension] ?? 'None';
    switch (dimension) {
      case 'unit':
        return units.get(Number(value)) ?? `Unit ${value}`;
      case 'assignee':
        return users.get(Number(value)) ?? `User ${value}`;
      case 'subject':
      case 'subject_parent':
        return subjects.get(String(value)) ?? String(value);
      case 'language':
        return LANGUAGES.find((l) => l.code === value)?.name ?? String(value);
      case 'month':
      case 'week':
      case 'day':
        return timeLabel(dimension, String(value));
      case 'channel':
        // The console's words for a channel type ("Walk-in"), so a report and a queue never name it two ways.
        return isChannelType(String(value)) ? channelLabel(String(value)) : plain(String(value));
      case 'writer_type':
        return isWriterType(String(value)) ? writerTypeLabel(String(value)) : plain(String(value));
      case 'status':
      case 'priority':
        return plain(String(value));
      case 'facility':
        return String(value);
    }
  };
}

/** Compares two values of a dimension in its natural order; the label breaks ties and orders names. */
export function compareValues(
  dimension: Dimension,
  a: { value: DimensionValue; label: string },
  b: { value: DimensionValue; label: string },
): number {
  if (a.value === null || b.value === null) return a.value === b.value ? 0 : a.value === null ? 1 : -1;
  const fixed = FIXED_ORDER[dimension];
  if (fixed) {
    const rank = (v: DimensionValue) => {
      const i = fixed.indexOf(String(v));
      return i === -1 ? fixed.length : i;
    };
    const byRank = rank(a.value) - rank(b.value);
    if (byRank !== 0) return byRank;
  }
  if (dimension === 'month' || dimension === 'week' || dimension === 'day') {
    return String(a.value) < String(b.value) ? -1 : String(a.value) > String(b.value) ? 1 : 0;
  }
  return a.label.localeCompare(b.label, 'en') || String(a.value).localeCompare(String(b.value), 'en');
}

/** Every key of a time dimension within a period (months YYYY-MM, Mondays of weeks, days), in order. */
export function periodTimeKeys(dimension: 'month' | 'week' | 'day', period: ReportPeriod): string[] {
  const keys: string[] = [];
  if (dimension === 'month') {
    // The first of a month plus 31 days is always in the next month.
    for (let month = period.from.slice(0, 7); month <= period.to.slice(0, 7);) {
      keys.push(month);
      month = addLocalDays(`${month}-01`, 31).slice(0, 7);
    }
    return keys;
  }
  const step = dimension === 'week' ? 7 : 1;
  // date_trunc('week') starts weeks on Monday.
  const first = dimension === 'week' ? addLocalDays(period.from, -((weekdayOf(period.from) + 6) % 7)) : period.from;
  for (let day = first; day <= period.to; day = addLocalDays(day, step)) keys.push(day);
  return keys;
}
