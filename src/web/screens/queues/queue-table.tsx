// The cases of a queue as a table: the columns the reader chose, sortable headings (the order lives in the URL),
// comfortable or compact rows; each row has a checkbox for bulk actions and a link to the case. On narrow screens
// the rows become cards (see styles.css), each cell keeping its column name, and the sort buttons stay in a row above.
import { forwardRef, type ReactNode } from 'react';
import { Link } from '@tanstack/react-router';
import type { CaseRecord } from '../../api/types.ts';
import type { CaseSort } from '../../../shared/cases.ts';
import { QUEUE_COLUMN_LABELS, type QueueColumn, type QueueDensity } from '../../../shared/queues.ts';
import { PriorityBadge, StatusBadge, TimeLeft } from '../../components/badges.tsx';
import { SortHeader, type Sort } from '../../components/sort-header.tsx';
import { currentDeadline, formatDateTime, textDirection } from '../../format.ts';

interface Props {
  caption: string;
  cases: CaseRecord[];
  columns: QueueColumn[];
  density: QueueDensity;
  /** The order of the rows; none when they are ranked by a text search (the headings then do not sort). */
  sort: Sort<CaseSort> | undefined;
  onSort(sort: Sort<CaseSort>): void;
  selected: Set<string>;
  onToggle(trackingNumber: string): void;
  onToggleAll(): void;
}

/** The sort key of each sortable column, and which way a first press orders it (most pressing first). */
const SORTABLE: Partial<Record<QueueColumn, { key: CaseSort; first: 'asc' | 'desc' }>> = {
  subject: { key: 'subject', first: 'asc' },
  status: { key: 'status', first: 'asc' },
  deadline: { key: 'deadline', first: 'asc' },
  priority: { key: 'priority', first: 'desc' },
  received: { key: 'received', first: 'desc' },
};

const excerpt = (text: string) => (text.length > 90 ? `${text.slice(0, 90)}…` : text);

/** One cell of a column for a case. */
function cell(column: QueueColumn, c: CaseRecord): ReactNode {
  switch (column) {
    case 'subject':
      return (
        <>
          <span>{c.subjectName ?? 'Not coded'}</span>
          <span className="excerpt" {...textDirection(c.language)}>
            {excerpt(c.description)}
          </span>
        </>
      );
    case 'person':
      return <span dir="auto">{c.person ? `${c.person.firstName} ${c.person.lastName}`.trim() : '—'}</span>;
    case 'unit':
      return c.unit ?? '—';
    case 'assignee':
      return c.assignee?.name ?? 'Unassigned';
    case 'status':
      return <StatusBadge status={c.status} />;
    case 'deadline': {
      const deadline = currentDeadline(c);
      return deadline ? (
        <>
          <span className="deadline-kind">{deadline.label}: </span>
          <TimeLeft dueAt={deadline.dueAt} />
        </>
      ) : (
        '—'
      );
    }
    case 'priority':
      return <PriorityBadge priority={c.priority} />;
    case 'escalation':
      return c.escalationLevel > 0 ? `Level ${c.escalationLevel}` : 'None';
    case 'received':
      return formatDateTime(c.receivedAt);
    case 'tags':
      return c.tags.length ? c.tags.join(', ') : '—';
  }
}

/** The queue table. */
export const QueueTable = forwardRef<HTMLTableElement, Props>(function QueueTable(props, ref) {
  const sort = props.sort;
  const allSelected = props.cases.length > 0 && props.cases.every((c) => props.selected.has(c.trackingNumber));
  return (
    <table className={props.density === 'compact' ? 'queue-table compact' : 'queue-table'} ref={ref}>
      <caption className="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="select-cell">
            <input
              type="checkbox"
              aria-label="Select all cases on this page"
              checked={allSelected}
              onChange={props.onToggleAll}
            />
          </th>
          {sort ? (
            <SortHeader label="Tracking number" column="tracking" sort={sort} onSort={props.onSort} />
          ) : (
            <th scope="col" className="unsortable">
              Tracking number
            </th>
          )}
          {props.columns.map((column) => {
            const sortable = sort && SORTABLE[column];
            return sortable ? (
              <SortHeader
                key={column}
                label={QUEUE_COLUMN_LABELS[column]}
                column={sortable.key}
                firstDirection={sortable.first}
                sort={sort}
                onSort={props.onSort}
              />
            ) : (
              <th key={column} scope="col" className="unsortable">
                {QUEUE_COLUMN_LABELS[column]}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {props.cases.map((c) => (
          <tr key={c.trackingNumber} className={props.selected.has(c.trackingNumber) ? 'selected' : undefined}>
            <td className="select-cell">
              <input
                type="checkbox"
                aria-label={`Select ${c.trackingNumber}`}
                checked={props.selected.has(c.trackingNumber)}
                onChange={() => props.onToggle(c.trackingNumber)}
                data-row-select
              />
            </td>
            <th scope="row" data-label="Tracking number">
              <Link to="/cases/$trackingNumber" params={{ trackingNumber: c.trackingNumber }} search={{}} data-row-link>
                {c.trackingNumber}
              </Link>
              {c.restricted && <span className="badge badge-restricted">Restricted</span>}
            </th>
            {props.columns.map((column) => (
              <td key={column} data-label={QUEUE_COLUMN_LABELS[column]}>
                {cell(column, c)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
});

/** The order in words, for the count above the table ("soonest deadline first"). */
export function sortWords(sort: Sort<CaseSort>): string {
  const asc = sort.direction === 'asc';
  switch (sort.key) {
    case 'deadline':
      return asc ? 'soonest deadline first' : 'latest deadline first';
    case 'received':
      return asc ? 'oldest first' : 'newest first';
    case 'priority':
      return asc ? 'lowest priority first' : 'most urgent first';
    case 'tracking':
      return asc ? 'by tracking number' : 'by tracking number, last first';
    case 'status':
      return asc ? 'by status' : 'by status, reversed';
    case 'subject':
      return asc ? 'by subject, A to Z' : 'by subject, Z to A';
    case 'updated':
      return asc ? 'least recently changed first' : 'most recently changed first';
  }
}
