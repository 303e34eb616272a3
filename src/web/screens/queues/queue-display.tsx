// How a queue shows its cases: which columns and how tall the rows are. Kept in this browser for the signed-in
// person (so a reload keeps them) and stored in a saved view when one is saved; the column chooser and the
// compact-rows switch change them.
import { useCallback, useId, useState } from 'react';
import {
  DEFAULT_QUEUE_COLUMNS,
  QUEUE_COLUMNS,
  QUEUE_COLUMN_LABELS,
  QUEUE_DENSITIES,
  type QueueColumn,
  type QueueDensity,
} from '../../../shared/queues.ts';
import { useUser } from '../../session.tsx';

export interface QueueDisplay {
  columns: QueueColumn[];
  density: QueueDensity;
}

const DEFAULT_DISPLAY: QueueDisplay = { columns: DEFAULT_QUEUE_COLUMNS, density: 'comfortable' };

/** The display read back from storage, keeping only known columns in their usual order. */
function parseDisplay(stored: string | null): QueueDisplay {
  try {
    const value = JSON.parse(stored ?? 'null') as Partial<QueueDisplay> | null;
    const columns = QUEUE_COLUMNS.filter((c) => value?.columns?.includes(c));
    return {
      columns: columns.length ? columns : DEFAULT_DISPLAY.columns,
      density: QUEUE_DENSITIES.find((d) => d === value?.density) ?? DEFAULT_DISPLAY.density,
    };
  } catch {
    return DEFAULT_DISPLAY;
  }
}

/** The signed-in person's queue display in this browser, and a setter that remembers it. */
export function useQueueDisplay(): [QueueDisplay, (next: QueueDisplay) => void] {
  const key = `civicdesk.queue-display.${useUser().id}`;
  const [display, setDisplay] = useState<QueueDisplay>(() => parseDisplay(localStorage.getItem(key)));
  const change = useCallback(
    (next: QueueDisplay) => {
      const ordered = { ...next, columns: QUEUE_COLUMNS.filter((c) => next.columns.includes(c)) };
      setDisplay(ordered);
      try {
        localStorage.setItem(key, JSON.stringify(ordered));
      } catch {
        // Storage full or refused: the choice still holds until the page is left.
      }
    },
    [key],
  );
  return [display, change];
}

/** The column chooser (a disclosure of checkboxes; the last shown column cannot be hidden) and the density switch. */
export function QueueDisplayControls({
  display,
  onChange,
}: {
  display: QueueDisplay;
  onChange(next: QueueDisplay): void;
}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const compactId = useId();
  const toggle = (column: QueueColumn, shown: boolean) =>
    onChange({
      ...display,
      columns: shown ? [...display.columns, column] : display.columns.filter((c) => c !== column),
    });
  return (
    <>
      <div className="checkbox-field">
        <input
          type="checkbox"
          id={compactId}
          checked={display.density === 'compact'}
          onChange={(e) => onChange({ ...display, density: e.currentTarget.checked ? 'compact' : 'comfortable' })}
        />
        <label htmlFor={compactId}>Compact rows</label>
      </div>
      <button type="button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        Columns ({display.columns.length + 1} of {QUEUE_COLUMNS.length + 1})
      </button>
      <fieldset id={panelId} className="column-chooser" hidden={!open}>
        <legend>Columns to show</legend>
        <p className="hint">The tracking number is always shown.</p>
        <ul>
          {QUEUE_COLUMNS.map((column) => {
            const shown = display.columns.includes(column);
            return (
              <li key={column}>
                <label>
                  <input
                    type="checkbox"
                    checked={shown}
                    disabled={shown && display.columns.length === 1}
                    onChange={(e) => toggle(column, e.currentTarget.checked)}
                  />{' '}
                  {QUEUE_COLUMN_LABELS[column]}
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>
    </>
  );
}
