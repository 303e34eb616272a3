// The counts of the ombudsperson's periodic report (DOMAIN.md §4), from the records that touch the period. Pure:
// dates are local calendar dates YYYY-MM-DD compared as text; `receivedOn` of an inquiry is its local day.
// Timeliness: a complaint resolved on or before its resolution due date without an extension is resolved within
// the clock (30 days); with the extension, within the extension; after its due date, late.
// Every number is the length of a list of records (`ombudsMembers`), so the drill-down behind a number lists exactly
// the records it counts: `ref` is a record's number (an inquiry's tracking number, a complaint's number, a hearing
// request's id).

export interface OmbudsInquiry {
  ref: string;
  receivedOn: string;
  closedOn: string | null;
  satisfied: boolean | null;
  repeat: boolean;
}

export interface OmbudsComplaint {
  ref: string;
  receivedVia: string;
  receiptDate: string;
  filedLate: boolean;
  extended: boolean;
  extendedOn: string | null;
  resolvedOn: string | null;
  resolutionDueOn: string;
  transferredOn: string | null;
  categories: string[];
}

export interface OmbudsHearing {
  ref: string;
  requestedOn: string;
  eligible: boolean;
  hearingOn: string | null;
  dismissed: boolean;
  decisionAdoptedOn: string | null;
  outcomes: { category: string; outcome: 'granted' | 'denied' }[];
  complianceReportDueOn: string | null;
  complianceReportFiledOn: string | null;
}

export interface OmbudsCounts {
  inquiries: { received: number; repeatContacts: number; closed: number; satisfied: number; dissatisfied: number };
  complaints: {
    received: number;
    filedLate: number;
    resolved: number;
    withinClock: number;
    withinExtension: number;
    late: number;
    /** Share of resolved complaints resolved within the 30 days, and within the clock or its extension (0–100). */
    withinClockPercent: number | null;
    withinDeadlinePercent: number | null;
    extensions: number;
    transfers: number;
    byCategory: { category: string; count: number }[];
    byChannel: { channel: string; count: number }[];
  };
  hearings: {
    requested: number;
    eligible: number;
    held: number;
    dismissed: number;
    decided: number;
    outcomes: { category: string; granted: number; denied: number }[];
    complianceDue: number;
    complianceOnTime: number;
    complianceLate: number;
    complianceOutstanding: number;
  };
}

/** The fixed cells of the report, each the key of a list of records. */
export const OMBUDS_CELLS = [
  'inquiries.received',
  'inquiries.repeatContacts',
  'inquiries.closed',
  'inquiries.satisfied',
  'inquiries.dissatisfied',
  'complaints.received',
  'complaints.filedLate',
  'complaints.resolved',
  'complaints.withinClock',
  'complaints.withinExtension',
  'complaints.onTime',
  'complaints.late',
  'complaints.extensions',
  'complaints.transfers',
  'hearings.requested',
  'hearings.eligible',
  'hearings.held',
  'hearings.dismissed',
  'hearings.decided',
  'hearings.complianceDue',
  'hearings.complianceOnTime',
  'hearings.complianceLate',
  'hearings.complianceOutstanding',
] as const;
export type OmbudsCell = (typeof OMBUDS_CELLS)[number];

/**
 * The records behind each number, by cell key: the fixed cells, `complaints.category:<code>`,
 * `complaints.channel:<code>` and `hearings.outcome:<category>:granted|denied`. A cell with no record may be absent.
 */
export type OmbudsMembers = Record<string, string[]>;

/** The kind of record a cell lists; null for a key that is no cell of the report. */
export function ombudsCellKind(cell: string): 'inquiries' | 'complaints' | 'hearings' | null {
  if ((OMBUDS_CELLS as readonly string[]).includes(cell)) return cell.split('.')[0] as 'inquiries';
  if (/^complaints\.(category|channel):[a-z0-9_]{1,60}$/.test(cell)) return 'complaints';
  if (/^hearings\.outcome:[a-z0-9_]{1,60}:(granted|denied)$/.test(cell)) return 'hearings';
  return null;
}

const within = (date: string | null, from: string, to: string): date is string =>
  date !== null && date >= from && date <= to;
const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);
const refs = (records: { ref: string }[]) => records.map((r) => r.ref);

/** Records grouped by a key, largest group first, then by key. */
function groups<T extends { ref: string }>(records: T[], keys: (record: T) => string[]): [string, string[]][] {
  const grouped = new Map<string, string[]>();
  for (const record of records) {
    for (const key of keys(record)) grouped.set(key, [...(grouped.get(key) ?? []), record.ref]);
  }
  return [...grouped].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
}

/** The records behind each number of the period from `from` to `to` (inclusive), as of the local day `today`. */
export function ombudsMembers(
  period: { from: string; to: string; today: string },
  inquiries: OmbudsInquiry[],
  complaints: OmbudsComplaint[],
  hearings: OmbudsHearing[],
): OmbudsMembers {
  const { from, to, today } = period;
  const receivedInquiries = inquiries.filter((i) => within(i.receivedOn, from, to));
  const closedInquiries = inquiries.filter((i) => within(i.closedOn, from, to));
  const received = complaints.filter((c) => within(c.receiptDate, from, to));
  const resolved = complaints.filter((c) => within(c.resolvedOn, from, to));
  const onTime = resolved.filter((c) => c.resolvedOn! <= c.resolutionDueOn);
  const requested = hearings.filter((h) => within(h.requestedOn, from, to));
  const decided = hearings.filter((h) => within(h.decisionAdoptedOn, from, to));
  const complianceDue = hearings.filter((h) => within(h.complianceReportDueOn, from, to));
  const filed = complianceDue.filter((h) => h.complianceReportFiledOn !== null);
  const members: OmbudsMembers = {
    'inquiries.received': refs(receivedInquiries),
    'inquiries.repeatContacts': refs(receivedInquiries.filter((i) => i.repeat)),
    'inquiries.closed': refs(closedInquiries),
    'inquiries.satisfied': refs(closedInquiries.filter((i) => i.satisfied === true)),
    'inquiries.dissatisfied': refs(closedInquiries.filter((i) => i.satisfied === false)),
    'complaints.received': refs(received),
    'complaints.filedLate': refs(received.filter((c) => c.filedLate)),
    'complaints.resolved': refs(resolved),
    'complaints.withinClock': refs(onTime.filter((c) => !c.extended)),
    'complaints.withinExtension': refs(onTime.filter((c) => c.extended)),
    'complaints.onTime': refs(onTime),
    'complaints.late': refs(resolved.filter((c) => c.resolvedOn! > c.resolutionDueOn)),
    'complaints.extensions': refs(complaints.filter((c) => c.extended && within(c.extendedOn, from, to))),
    'complaints.transfers': refs(complaints.filter((c) => within(c.transferredOn, from, to))),
    'hearings.requested': refs(requested),
    'hearings.eligible': refs(requested.filter((h) => h.eligible)),
    'hearings.held': refs(
      hearings.filter((h) => !h.dismissed && within(h.hearingOn, from, to) && h.hearingOn <= today),
    ),
    'hearings.dismissed': refs(requested.filter((h) => h.dismissed)),
    'hearings.decided': refs(decided),
    'hearings.complianceDue': refs(complianceDue),
    'hearings.complianceOnTime': refs(filed.filter((h) => h.complianceReportFiledOn! <= h.complianceReportDueOn!)),
    'hearings.complianceLate': refs(filed.filter((h) => h.complianceReportFiledOn! > h.complianceReportDueOn!)),
    'hearings.complianceOutstanding': refs(complianceDue.filter((h) => h.complianceReportFiledOn === null)),
  };
  for (const [category, list] of groups(received, (c) => c.categories)) {
    members[`complaints.category:${category}`] = list;
  }
  for (const [channel, list] of groups(received, (c) => [c.receivedVia])) {
    members[`complaints.channel:${channel}`] = list;
  }
  for (const [key, list] of groups(decided, (h) => h.outcomes.map((o) => `${o.category}:${o.outcome}`))) {
    members[`hearings.outcome:${key}`] = list;
  }
  return members;
}

/** The report's numbers: each the length of its list of records. */
export function ombudsCountsOf(members: OmbudsMembers): OmbudsCounts {
  const n = (cell: OmbudsCell) => members[cell]?.length ?? 0;
  const prefixed = (prefix: string) =>
    Object.keys(members)
      .filter((key) => key.startsWith(prefix))
      .map((key) => ({ key: key.slice(prefix.length), count: members[key]!.length }));
  const outcomes = new Map<string, { category: string; granted: number; denied: number }>();
  for (const { key, count } of prefixed('hearings.outcome:')) {
    const [category, outcome] = key.split(':') as [string, 'granted' | 'denied'];
    const row = outcomes.get(category) ?? { category, granted: 0, denied: 0 };
    row[outcome] += count;
    outcomes.set(category, row);
  }
  return {
    inquiries: {
      received: n('inquiries.received'),
      repeatContacts: n('inquiries.repeatContacts'),
      closed: n('inquiries.closed'),
      satisfied: n('inquiries.satisfied'),
      dissatisfied: n('inquiries.dissatisfied'),
    },
    complaints: {
      received: n('complaints.received'),
      filedLate: n('complaints.filedLate'),
      resolved: n('complaints.resolved'),
      withinClock: n('complaints.withinClock'),
      withinExtension: n('complaints.withinExtension'),
      late: n('complaints.late'),
      withinClockPercent: percent(n('complaints.withinClock'), n('complaints.resolved')),
      withinDeadlinePercent: percent(n('complaints.onTime'), n('complaints.resolved')),
      extensions: n('complaints.extensions'),
      transfers: n('complaints.transfers'),
      byCategory: prefixed('complaints.category:').map(({ key, count }) => ({ category: key, count })),
      byChannel: prefixed('complaints.channel:').map(({ key, count }) => ({ channel: key, count })),
    },
    hearings: {
      requested: n('hearings.requested'),
      eligible: n('hearings.eligible'),
      held: n('hearings.held'),
      dismissed: n('hearings.dismissed'),
      decided: n('hearings.decided'),
      outcomes: [...outcomes.values()].sort((a, b) => (a.category < b.category ? -1 : 1)),
      complianceDue: n('hearings.complianceDue'),
      complianceOnTime: n('hearings.complianceOnTime'),
      complianceLate: n('hearings.complianceLate'),
      complianceOutstanding: n('hearings.complianceOutstanding'),
    },
  };
}

/** The report's counts for the period from `from` to `to` (inclusive), as of the local day `today`. */
export function ombudsCounts(
  period: { from: string; to: string; today: string },
  inquiries: OmbudsInquiry[],
  complaints: OmbudsComplaint[],
  hearings: OmbudsHearing[],
): OmbudsCounts {
  return ombudsCountsOf(ombudsMembers(period, inquiries, complaints, hearings));
}
