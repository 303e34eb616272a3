// The deadlines a complaint owes while it runs (DOMAIN.md §4), as the deadline sweep and the queues see them: the
// acknowledgement (LCR002 mailed), the resolution (or, once extended, the extended resolution), each scheduled
// hearing until it is decided or dismissed, and the compliance report after a decision for the complainant. Each has
// a stable key, so the sweep can remember what it already warned about; a new due date starts the deadline afresh.

import type { BusinessCalendar } from './types.ts';
import type { ComplaintSettings } from './complaint-clocks.ts';
import { addBusinessDays } from './business-calendar.ts';

export const COMPLAINT_DEADLINE_KINDS = [
  'acknowledgement',
  'resolution',
  'extended_resolution',
  'hearing',
  'compliance_report',
] as const;
export type ComplaintDeadlineKind = (typeof COMPLAINT_DEADLINE_KINDS)[number];

export const COMPLAINT_DEADLINE_LABELS: Record<ComplaintDeadlineKind, string> = {
  acknowledgement: 'acknowledgement (LCR002)',
  resolution: 'resolution',
  extended_resolution: 'extended resolution',
  hearing: 'state hearing',
  compliance_report: 'compliance report',
};

export interface HearingForDeadlines {
  id: number;
  requestedOn: string;
  hearingOn: string | null;
  dismissalNoticeOn: string | null;
  decisionAdoptedOn: string | null;
  decisionPresumedReceivedOn: string | null;
  complianceReportDueOn: string | null;
  complianceReportFiledOn: string | null;
}

export interface ComplaintForDeadlines {
  status: 'open' | 'resolved' | 'transferred' | 'withdrawn';
  receiptDate: string;
  resolutionDueOn: string;
  extensions: number;
  extendedOn: string | null;
  /** The day the acknowledgement (LCR002) was mailed, if it was. */
  acknowledgementMailedOn: string | null;
  hearings: HearingForDeadlines[];
}

export interface ComplaintDeadline {
  /** Stable within the complaint: `acknowledgement`, `resolution`, `hearing:12`, `compliance_report:12`. */
  key: string;
  kind: ComplaintDeadlineKind;
  /** The day the clock started (for the warning share of the span). */
  startsOn: string;
  dueOn: string;
  hearingId: number | null;
}

/** The deadlines a complaint still owes, soonest first (ties in the order above). */
export function complaintDeadlines(
  complaint: ComplaintForDeadlines,
  settings: ComplaintSettings,
  calendar: BusinessCalendar,
): ComplaintDeadline[] {
  const deadlines: ComplaintDeadline[] = [];
  if (complaint.status === 'open') {
    if (!complaint.acknowledgementMailedOn) {
      deadlines.push({
        key: 'acknowledgement',
        kind: 'acknowledgement',
        startsOn: complaint.receiptDate,
        dueOn: addBusinessDays(complaint.receiptDate, settings.acknowledgementBusinessDays, calendar),
        hearingId: null,
      });
    }
    deadlines.push({
      key: 'resolution',
      kind: complaint.extensions > 0 ? 'extended_resolution' : 'resolution',
      startsOn: complaint.extensions > 0 && complaint.extendedOn ? complaint.extendedOn : complaint.receiptDate,
      dueOn: complaint.resolutionDueOn,
      hearingId: null,
    });
  }
  for (const hearing of complaint.hearings) {
    const over = hearing.dismissalNoticeOn !== null || hearing.decisionAdoptedOn !== null;
    if (hearing.hearingOn && !over) {
      deadlines.push({
        key: `hearing:${hearing.id}`,
        kind: 'hearing',
        startsOn: hearing.requestedOn,
        dueOn: hearing.hearingOn,
        hearingId: hearing.id,
      });
    }
    if (hearing.complianceReportDueOn && !hearing.complianceReportFiledOn) {
      deadlines.push({
        key: `compliance_report:${hearing.id}`,
        kind: 'compliance_report',
        startsOn: hearing.decisionPresumedReceivedOn ?? hearing.decisionAdoptedOn ?? hearing.requestedOn,
        dueOn: hearing.complianceReportDueOn,
        hearingId: hearing.id,
      });
    }
  }
  const order = (kind: ComplaintDeadlineKind) => COMPLAINT_DEADLINE_KINDS.indexOf(kind);
  return deadlines.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : order(a.kind) - order(b.kind)));
}
