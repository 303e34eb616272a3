// Small labels for a case's status, priority and deadline, coloured for scanning but always readable as text.
import { humanize, timeLeft, formatDateTime } from '../format.ts';

/** The case status as a badge. */
export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status-${status}`}>{humanize(status)}</span>;
}

/** The priority as a badge. */
export function PriorityBadge({ priority }: { priority: string }) {
  return <span className={`badge priority-${priority}`}>{humanize(priority)}</span>;
}

/** Time left to a deadline in words, with the exact date on the element's title and in a time element. */
export function TimeLeft({ dueAt, met }: { dueAt: string | null; met?: boolean }) {
  if (!dueAt) return <span>—</span>;
  if (met) return <span className="time-met">Met</span>;
  const left = timeLeft(dueAt);
  return (
    <span className={left.overdue ? 'time-overdue' : 'time-left'}>
      {left.text}
      <span className="visually-hidden">, due </span>
      <time dateTime={dueAt} className="time-exact">
        {formatDateTime(dueAt)}
      </time>
    </span>
  );
}
