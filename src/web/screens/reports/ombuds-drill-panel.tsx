// The records behind one number of the ombudsperson's report: the inquiries (each a link to its case), complaints or
// hearing requests (each a link to its complaint) that the number counts, for the same period and the records the
// reader may see — the same panel as the indicators' drill-down: the heading takes focus, a link closes the list.
import { useEffect, useId, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, queryString } from '../../api/client.ts';
import type { ReportSearch } from '../../route-search.ts';
import { FormError } from '../../components/form-error.tsx';
import { TableWrap } from '../../components/table-wrap.tsx';
import {
  RecordRows,
  byTrackingNumber,
  trackingNumberColumn,
  type RecordColumn,
} from '../../components/record-rows.tsx';
import { humanize } from '../../format.ts';
import type {
  OmbudsComplaintItem,
  OmbudsHearingItem,
  OmbudsInquiryItem,
  OmbudspersonItems,
} from '../../../shared/ombudsperson-report.ts';

const date = (value: string | null) => value ?? '—';
const yesNo = (value: boolean | null) => (value === null ? '—' : value ? 'Yes' : 'No');

function ComplaintLink(props: { complaintNumber: string }) {
  return (
    <Link to="/complaints/$complaintNumber" params={{ complaintNumber: props.complaintNumber }}>
      {props.complaintNumber}
    </Link>
  );
}

const INQUIRY_COLUMNS: RecordColumn<OmbudsInquiryItem>[] = [
  trackingNumberColumn,
  { label: 'Received', cell: (i) => i.receivedOn },
  { label: 'Repeat contact', cell: (i) => yesNo(i.repeatContact) },
  { label: 'Closed', cell: (i) => date(i.closedOn) },
  { label: 'Satisfied', cell: (i) => yesNo(i.satisfied) },
];

const COMPLAINT_COLUMNS: RecordColumn<OmbudsComplaintItem>[] = [
  { label: 'Complaint', cell: (c) => <ComplaintLink complaintNumber={c.complaintNumber} /> },
  { label: 'Received via', cell: (c) => humanize(c.receivedVia) },
  { label: 'Receipt date', cell: (c) => c.receiptDate },
  { label: 'Issues', cell: (c) => c.categories.map(humanize).join(', ') || '—' },
  { label: 'Resolution due', cell: (c) => c.resolutionDueOn },
  { label: 'Extended', cell: (c) => date(c.extendedOn) },
  { label: 'Resolved', cell: (c) => date(c.resolvedOn) },
  { label: 'Transferred', cell: (c) => date(c.transferredOn) },
];

const HEARING_COLUMNS: RecordColumn<OmbudsHearingItem>[] = [
  { label: 'Complaint', cell: (h) => <ComplaintLink complaintNumber={h.complaintNumber} /> },
  { label: 'Requested', cell: (h) => h.requestedOn },
  { label: 'Eligible', cell: (h) => yesNo(h.eligible) },
  { label: 'Hearing', cell: (h) => date(h.hearingOn) },
  { label: 'Dismissed', cell: (h) => yesNo(h.dismissed) },
  { label: 'Decision adopted', cell: (h) => date(h.decisionAdoptedOn) },
  { label: 'Compliance report due', cell: (h) => date(h.complianceReportDueOn) },
  { label: 'Compliance report filed', cell: (h) => date(h.complianceReportFiledOn) },
];

const NOUNS = { inquiries: 'inquiry', complaints: 'complaint', hearings: 'hearing request' } as const;
const plural = (n: number, noun: string) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? noun : noun === 'inquiry' ? 'inquiries' : `${noun}s`}`;

/** The drill-down panel of one cell of the ombudsperson's report. */
export function OmbudsDrillPanel(props: { cell: string; period: string; search: ReportSearch }) {
  const { cell, period } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const items = useQuery({
    queryKey: ['ombudsperson-items', cell, period],
    queryFn: () => api<OmbudspersonItems>('GET', `/reports/ombudsperson/items${queryString({ period, cell })}`),
  });
  useEffect(() => heading.current?.focus(), [cell, period]);
  const data = items.data;
  return (
    <section aria-labelledby={headingId} className="panel">
      <div className="section-heading">
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          {data ? `${data.label}, ${data.periodLabel}` : 'The records behind the number'}
        </h2>
        <Link
          to="/reports/$section"
          params={{ section: 'ombudsperson' }}
          search={{ ...props.search, drill: undefined }}
        >
          Close the list
        </Link>
      </div>
      <FormError error={items.error} />
      {items.isPending ? (
        <p role="status">Loading the records…</p>
      ) : (
        data && (
          <>
            <p role="status">{plural(data.total, NOUNS[data.kind])}.</p>
            {data.total > 0 && (
              <TableWrap label={`Records behind ${data.label}`}>
                <table className="data-table card-table">
                  <caption className="visually-hidden">
                    {data.label}, {data.periodLabel}
                  </caption>
                  {data.kind === 'inquiries' ? (
                    <RecordRows columns={INQUIRY_COLUMNS} items={data.inquiries} rowKey={byTrackingNumber} />
                  ) : data.kind === 'complaints' ? (
                    <RecordRows columns={COMPLAINT_COLUMNS} items={data.complaints} rowKey={(c) => c.complaintNumber} />
                  ) : (
                    <RecordRows columns={HEARING_COLUMNS} items={data.hearings} rowKey={(h) => h.id} />
                  )}
                </table>
              </TableWrap>
            )}
          </>
        )
      )}
    </section>
  );
}
