// The cases of a queue as a table sorted by deadline; each row has a checkbox for bulk actions and a link to the case.
// On narrow screens the rows become cards (see styles.css), each cell keeping its column name.
import { forwardRef } from 'react';
import { Link } from '@tanstack/react-router';
import type { CaseRecord } from '../../api/types.ts';
import { PriorityBadge, StatusBadge, TimeLeft } from '../../components/badges.tsx';
import { currentDeadline, textDirection } from '../../format.ts';

interface Props {
  caption: string;
  cases: CaseRecord[];
  selected: Set<string>;
  onToggle(trackingNumber: string): void;
  onToggleAll(): void;
}

const excerpt = (text: string) => (text.length > 90 ? `${text.slice(0, 90)}…` : text);

/** The queue table. */
export const QueueTable = forwardRef<HTMLTableElement, Props>(function QueueTable(props, ref) {
  const allSelected = props.cases.length > 0 && props.cases.every((c) => props.selected.has(c.trackingNumber));
  return (
    <table className="queue-table" ref={ref}>
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
          <th scope="col">Tracking number</th>
          <th scope="col">Subject</th>
          <th scope="col">Person</th>
          <th scope="col">Unit</th>
          <th scope="col">Assignee</th>
          <th scope="col">Status</th>
          <th scope="col" aria-sort="ascending">
            Deadline
          </th>
          <th scope="col">Priority</th>
          <th scope="col">Escalation</th>
        </tr>
      </thead>
      <tbody>
        {props.cases.map((c) => {
          const deadline = currentDeadline(c);
          const person = c.person ? `${c.person.firstName} ${c.person.lastName}`.trim() : '—';
          return (
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
                <Link
                  to="/cases/$trackingNumber"
                  params={{ trackingNumber: c.trackingNumber }}
                  search={{}}
                  data-row-link
                >
                  {c.trackingNumber}
                </Link>
                {c.restricted && <span className="badge badge-restricted">Restricted</span>}
              </th>
              <td data-label="Subject">
                <span>{c.subjectName ?? 'Not coded'}</span>
                <span className="excerpt" {...textDirection(c.language)}>
                  {excerpt(c.description)}
                </span>
              </td>
              <td data-label="Person" dir="auto">
                {person}
              </td>
              <td data-label="Unit">{c.unit ?? '—'}</td>
              <td data-label="Assignee">{c.assignee?.name ?? 'Unassigned'}</td>
              <td data-label="Status">
                <StatusBadge status={c.status} />
              </td>
              <td data-label="Deadline">
                {deadline ? (
                  <>
                    <span className="deadline-kind">{deadline.label}: </span>
                    <TimeLeft dueAt={deadline.dueAt} />
                  </>
                ) : (
                  '—'
                )}
              </td>
              <td data-label="Priority">
                <PriorityBadge priority={c.priority} />
              </td>
              <td data-label="Escalation">{c.escalationLevel > 0 ? `Level ${c.escalationLevel}` : 'None'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
});
