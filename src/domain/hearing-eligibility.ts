// State hearings (DOMAIN.md §4): which complaint categories may be heard, the request window, the judgement of a
// request issue by issue with its reasons, and the hearing's own clocks (dismissal, presumed receipt of the
// decision, compliance report). Pure functions over local dates ('YYYY-MM-DD').

import type { BusinessCalendar } from './types.ts';
import { addBusinessDays } from './business-calendar.ts';
import { addLocalDays } from '../shared/local-time.ts';
import { dueOn, type ComplaintSettings } from './complaint-clocks.ts';

export interface ComplaintCategory {
  code: string;
  name: string;
  /** Whether a state hearing may be held on this kind of issue. */
  hearingEligible: boolean;
}

/** The categories of complaint issues; only the first four grounds are heard at a state hearing. */
export const COMPLAINT_CATEGORIES: readonly ComplaintCategory[] = Object.freeze([
  { code: 'application', name: 'Application denied or not acted on in time', hearingEligible: true },
  { code: 'case_handling', name: 'Case handled against the rules or not acted on in time', hearingEligible: true },
  { code: 'distribution', name: 'Collections distributed wrongly or arrears miscalculated', hearingEligible: true },
  { code: 'case_closure', name: 'Case closure', hearingEligible: true },
  { code: 'support_order_amount', name: 'Court-ordered amount of support', hearingEligible: false },
  { code: 'paternity', name: 'Paternity', hearingEligible: false },
  { code: 'custody_visitation', name: 'Custody or visitation', hearingEligible: false },
  { code: 'spousal_support', name: 'Spousal support', hearingEligible: false },
  { code: 'contempt', name: 'Contempt', hearingEligible: false },
  { code: 'civil_rights', name: 'Civil rights', hearingEligible: false },
  { code: 'other', name: 'Other', hearingEligible: false },
]);

const categoriesByCode = new Map(COMPLAINT_CATEGORIES.map((c) => [c.code, c]));

/** The category with this code, or undefined. */
export function complaintCategory(code: string): ComplaintCategory | undefined {
  return categoriesByCode.get(code);
}

export const HEARING_REASONS = [
  'not_hearing_issue',
  'not_raised_in_complaint',
  'local_process_not_finished',
  'request_late',
] as const;
export type HearingReason = (typeof HEARING_REASONS)[number];

/** What the hearing rules need to know of the complaint. */
export interface ComplaintForHearing {
  receiptDate: string;
  resolutionDueOn: string;
  /** The categories of the issues raised in the complaint. */
  categories: string[];
  /** Whether the written resolution has been issued. */
  resolved: boolean;
  /** The day the notice of resolution was mailed, if it was. */
  resolutionNoticeMailedOn: string | null;
}

/**
 * The last day to request a state hearing: the window after the resolution notice was mailed when it was mailed
 * by the due date; when no resolution came by the due date, the window after the receipt date (or, if a late
 * notice was mailed, after that notice, whichever ends later).
 */
export function hearingRequestDeadline(
  complaint: ComplaintForHearing,
  settings: ComplaintSettings,
  calendar: BusinessCalendar,
): string {
  const window = settings.hearingRequestWindowDays;
  const notice = complaint.resolutionNoticeMailedOn;
  const afterNotice = notice ? dueOn(addLocalDays(notice, window), calendar) : null;
  if (afterNotice && notice! <= complaint.resolutionDueOn) return afterNotice;
  const afterReceipt = dueOn(addLocalDays(complaint.receiptDate, window), calendar);
  return afterNotice && afterNotice > afterReceipt ? afterNotice : afterReceipt;
}

export interface IssueJudgement {
  category: string;
  eligible: boolean;
  reasons: HearingReason[];
}

export interface HearingJudgement {
  /** Whether at least one issue can be heard. */
  eligible: boolean;
  issues: IssueJudgement[];
  /** Reasons that concern the whole request, and, when nothing can be heard, every reason given. */
  reasons: HearingReason[];
  /** The last day a timely request could be made. */
  requestDeadlineOn: string;
}

/** Judges a hearing request issue by issue against the rules of DOMAIN.md §4 and says why. */
export function judgeHearingRequest(
  complaint: ComplaintForHearing,
  request: { requestedOn: string; categories: string[] },
  settings: ComplaintSettings,
  calendar: BusinessCalendar,
): HearingJudgement {
  const deadline = hearingRequestDeadline(complaint, settings, calendar);
  const requestReasons: HearingReason[] = [];
  // The local process must be finished first, unless the office let its resolution deadline pass.
  if (!complaint.resolved && request.requestedOn <= complaint.resolutionDueOn) {
    requestReasons.push('local_process_not_finished');
  }
  if (request.requestedOn > deadline) requestReasons.push('request_late');
  const raised = new Set(complaint.categories);
  const issues = [...new Set(request.categories)].map((category): IssueJudgement => {
    const reasons: HearingReason[] = [];
    if (!complaintCategory(category)?.hearingEligible) reasons.push('not_hearing_issue');
    if (!raised.has(category)) reasons.push('not_raised_in_complaint');
    reasons.push(...requestReasons);
    return { category, eligible: reasons.length === 0, reasons };
  });
  const eligible = issues.some((issue) => issue.eligible);
  const reasons = eligible
    ? requestReasons
    : HEARING_REASONS.filter((reason) => issues.some((issue) => issue.reasons.includes(reason)));
  return { eligible, issues, reasons, requestDeadlineOn: deadline };
}

/** The day a dismissal takes effect after its notice. */
export function dismissalEffectiveOn(noticeOn: string, settings: ComplaintSettings, calendar: BusinessCalendar) {
  return dueOn(addLocalDays(noticeOn, settings.dismissalEffectiveDays), calendar);
}

/** The day a hearing decision is presumed received: business days after its adoption. */
export function decisionPresumedReceivedOn(
  adoptedOn: string,
  settings: ComplaintSettings,
  calendar: BusinessCalendar,
): string {
  return addBusinessDays(adoptedOn, settings.decisionPresumedReceivedBusinessDays, calendar);
}

/** When the compliance report on a decision for the complainant is due. */
export function complianceReportDueOn(
  adoptedOn: string,
  settings: ComplaintSettings,
  calendar: BusinessCalendar,
): string {
  const received = decisionPresumedReceivedOn(adoptedOn, settings, calendar);
  return dueOn(addLocalDays(received, settings.complianceReportDays), calendar);
}
