// The counts of the ombudsperson's periodic report (DOMAIN.md §4), from the records that touch the period. Pure:
// dates are local calendar dates YYYY-MM-DD compared as text; `receivedOn` of an inquiry is its local day.
// Timeliness: a complaint resolved on or before its resolution due date without an extension is resolved within
// the clock (30 days); with the extension, within the extension; after its due date, late.

export interface OmbudsInquiry {
  receivedOn: string;
  closedOn: string | null;
  satisfied: boolean | null;
  repeat: boolean;
}

export interface OmbudsComplaint {
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

const within = (date: string | null, from: string, to: string): date is string =>
  date !== null && date >= from && date <= to;
const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

function tally(keys: string[]): { key: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
}

/** The report's counts for the period from `from` to `to` (inclusive), as of the local day `today`. */
export function ombudsCounts(
  period: { from: string; to: string; today: string },
  inquiries: OmbudsInquiry[],
  complaints: OmbudsComplaint[],
  hearings: OmbudsHearing[],
): OmbudsCounts {
  const { from, to, today } = period;
  const receivedInquiries = inquiries.filter((i) => within(i.receivedOn, from, to));
  const closedInquiries = inquiries.filter((i) => within(i.closedOn, from, to));
  const received = complaints.filter((c) => within(c.receiptDate, from, to));
  const resolved = complaints.filter((c) => within(c.resolvedOn, from, to));
  const onTime = resolved.filter((c) => c.resolvedOn! <= c.resolutionDueOn);
  const withinClock = onTime.filter((c) => !c.extended).length;
  const withinExtension = onTime.length - withinClock;
  const requested = hearings.filter((h) => within(h.requestedOn, from, to));
  const decided = hearings.filter((h) => within(h.decisionAdoptedOn, from, to));
  const outcomes = new Map<string, { category: string; granted: number; denied: number }>();
  for (const { category, outcome } of decided.flatMap((h) => h.outcomes)) {
    const row = outcomes.get(category) ?? { category, granted: 0, denied: 0 };
    row[outcome] += 1;
    outcomes.set(category, row);
  }
  const complianceDue = hearings.filter((h) => within(h.complianceReportDueOn, from, to));
  const filedOnTime = complianceDue.filter(
    (h) => h.complianceReportFiledOn !== null && h.complianceReportFiledOn <= h.complianceReportDueOn!,
  ).length;
  const outstanding = complianceDue.filter((h) => h.complianceReportFiledOn === null).length;
  return {
    inquiries: {
      received: receivedInquiries.length,
      repeatContacts: receivedInquiries.filter((i) => i.repeat).length,
      closed: closedInquiries.length,
      satisfied: closedInquiries.filter((i) => i.satisfied === true).length,
      dissatisfied: closedInquiries.filter((i) => i.satisfied === false).length,
    },
    complaints: {
      received: received.length,
      filedLate: received.filter((c) => c.filedLate).length,
      resolved: resolved.length,
      withinClock,
      withinExtension,
      late: resolved.length - onTime.length,
      withinClockPercent: percent(withinClock, resolved.length),
      withinDeadlinePercent: percent(onTime.length, resolved.length),
      extensions: complaints.filter((c) => c.extended && within(c.extendedOn, from, to)).length,
      transfers: complaints.filter((c) => within(c.transferredOn, from, to)).length,
      byCategory: tally(received.flatMap((c) => c.categories)).map(({ key, count }) => ({ category: key, count })),
      byChannel: tally(received.map((c) => c.receivedVia)).map(({ key, count }) => ({ channel: key, count })),
    },
    hearings: {
      requested: requested.length,
      eligible: requested.filter((h) => h.eligible).length,
      held: hearings.filter((h) => !h.dismissed && within(h.hearingOn, from, to) && h.hearingOn <= today).length,
      dismissed: requested.filter((h) => h.dismissed).length,
      decided: decided.length,
      outcomes: [...outcomes.values()].sort((a, b) => (a.category < b.category ? -1 : 1)),
      complianceDue: complianceDue.length,
      complianceOnTime: filedOnTime,
      complianceLate: complianceDue.length - filedOnTime - outstanding,
      complianceOutstanding: outstanding,
    },
  };
}
