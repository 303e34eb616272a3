// A wide table's frame: on a narrow screen the table scrolls sideways inside it, and the frame itself can take
// keyboard focus (and is named) so keyboard users can scroll it too.
import type { ReactNode } from 'react';

/** The scrolling frame of a table. */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
