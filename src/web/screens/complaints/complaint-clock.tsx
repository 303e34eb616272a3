// A complaint deadline as a visible clock: the local due date and the days left (or overdue), readable as text.
import type { Static } from '@sinclair/typebox';
import type { NextDeadlineSchema } from '../../../shared/complaints.ts';
import { agencyToday, humanize } from '../../format.ts';

type NextDeadline = Static<typeof NextDeadlineSchema>;

/** Whole days from local date `from` to local date `to`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** "5 days left", "due today", "3 days overdue". */
export function daysLeftText(dueOn: string, today = agencyToday()): string {
  const days = daysBetween(today, dueOn);
  if (days === 0) return 'due today';
  if (days > 0) return `${days} day${days === 1 ? '' : 's'} left`;
  return `${-days} day${days === -1 ? '' : 's'} overdue`;
}

/** A due date with its clock. */
export function DueClock({ dueOn, label }: { dueOn: string | null; label?: string }) {
  if (!dueOn) return <span>—</span>;
  const overdue = daysBetween(agencyToday(), dueOn) < 0;
  return (
    <span className={overdue ? 'time-overdue' : 'time-left'}>
      {label ? `${label}: ` : ''}
      <time dateTime={dueOn}>{dueOn}</time> ({daysLeftText(dueOn)})
    </span>
  );
}

/** The next deadline of a complaint, named. */
export function NextDeadlineClock({ deadline }: { deadline: NextDeadline }) {
  if (!deadline) return <span>None</span>;
  return <DueClock dueOn={deadline.dueOn} label={humanize(deadline.kind)} />;
}
