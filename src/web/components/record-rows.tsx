// The head and body of a list table whose first column names each row (cases, calls, requests): the caller keeps
// its own <table>, caption and frame; every other cell carries its column name for the narrow-screen card layout.
import type { ReactNode } from 'react';
import { Link } from '@tanstack/react-router';

/** One column: its heading and what a row shows under it. */
export interface RecordColumn<T> {
  label: string;
  cell(item: T): ReactNode;
}

/** <thead> and <tbody> of the items; the first column is each row's header. */
export function RecordRows<T>(props: { columns: RecordColumn<T>[]; items: T[]; rowKey(item: T): string | number }) {
  const [first, ...rest] = props.columns;
  return (
    <>
      <thead>
        <tr>
          {props.columns.map((column) => (
            <th key={column.label} scope="col">
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.items.map((item) => (
          <tr key={props.rowKey(item)}>
            {first && <th scope="row">{first.cell(item)}</th>}
            {rest.map((column) => (
              <td key={column.label} data-label={column.label}>
                {column.cell(item)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </>
  );
}

/** The first column of a list of cases: the tracking number as a link to the case. */
export const trackingNumberColumn: RecordColumn<{ trackingNumber: string }> = {
  label: 'Tracking number',
  cell: (c) => (
    <Link to="/cases/$trackingNumber" params={{ trackingNumber: c.trackingNumber }} search={{}}>
      {c.trackingNumber}
    </Link>
  ),
};

/** Row key of a case. */
export const byTrackingNumber = (c: { trackingNumber: string }) => c.trackingNumber;
