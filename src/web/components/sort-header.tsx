// A column heading that sorts a table: a button (Enter or Space) inside the <th>, and aria-sort on the sorted column
// so screen readers say which column orders the rows and which way. The arrow is for the eye only.
import type { ReactNode } from 'react';

/** A table's order: the column's key and its direction. */
export interface Sort<K extends string> {
  key: K;
  direction: 'asc' | 'desc';
}

/** A sortable column heading; a first press sorts `firstDirection` (ascending unless said), a second reverses it. */
export function SortHeader<K extends string>(props: {
  label: string;
  column: K;
  sort: Sort<K>;
  onSort: (sort: Sort<K>) => void;
  firstDirection?: 'asc' | 'desc';
  className?: string;
}): ReactNode {
  const active = props.sort.key === props.column;
  const next = active ? (props.sort.direction === 'asc' ? 'desc' : 'asc') : (props.firstDirection ?? 'asc');
  return (
    <th
      scope="col"
      className={props.className}
      aria-sort={active ? (props.sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <button
        type="button"
        className="link-button sort-button"
        onClick={() => props.onSort({ key: props.column, direction: next })}
      >
        {props.label}
        <span aria-hidden="true" className="sort-arrow">
          {active ? (props.sort.direction === 'asc' ? ' ▲' : ' ▼') : ' ↕'}
        </span>
      </button>
    </th>
  );
}
