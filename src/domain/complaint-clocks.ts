// The clocks of a formal complaint (DOMAIN.md §4): its receipt date, filing window, resolution due date and its one
// extension, the transfer deadline. All dates are local calendar dates ('YYYY-MM-DD') in the agency's zone; every
// due date that falls on a non-business day moves to the next business day; every number is an agency setting.

import type { BusinessCalendar } from './types.ts';
import { addBusinessDays, nextBusinessDay } from './business-calendar.ts';
import { addLocalDays, isCalendarDate } from '../shared/local-time.ts';

/** The ways a complaint reaches the office. */
export const RECEIVED_VIA = ['in_person', 'phone', 'mail', 'email', 'web', 'transfer'] as const;
export type ReceivedVia = (typeof RECEIVED_VIA)[number];

/** Who may complain: a parent on the program case or their authorized representative. */
export const COMPLAINANT_ROLES = ['custodial_party', 'noncustodial_parent', 'authorized_representative'] as const;
export type ComplainantRole = (typeof COMPLAINANT_ROLES)[number];

/** The numbers of the complaint and hearing process; an agency may change any of them. */
export interface ComplaintSettings {
  /** The acknowledgement (LCR002) is due this many business days after the receipt date. */
  acknowledgementBusinessDays: number;
  /** Mail is received this many business days after its postmark. */
  mailReceiptBusinessDays: number;
  /** A complaint is timely within this many days after the complainant knew of the action. */
  filingWindowDays: number;
  /** The written resolution is due this many calendar days after the receipt date. */
  resolutionDays: number;
  /** How many days one extension adds to the resolution. */
  extensionDays: number;
  /** How many extensions the director may grant. */
  maxExtensions: number;
  /** A complaint for another county is transferred within this many days of receipt. */
  transferDays: number;
  /** A state hearing may be requested within this many days of the resolution notice (or of receipt). */
  hearingRequestWindowDays: number;
  /** A dismissal takes effect this many days after its notice. */
  dismissalEffectiveDays: number;
  /** A hearing decision is presumed received this many business days after its adoption. */
  decisionPresumedReceivedBusinessDays: number;
  /** The compliance report is due this many days after a decision for the complainant is received. */
  complianceReportDays: number;
  /** Contacts of the same person on the same subject within this many days make a repeat contact. */
  repeatContactDays: number;
  /** What a repeat contact does: suggest a complaint to the caseworker, or open one. */
  repeatContactAction: 'suggest' | 'convert';
}

export const DEFAULT_COMPLAINT_SETTINGS: Readonly<ComplaintSettings> = Object.freeze({
  acknowledgementBusinessDays: 5,
  mailReceiptBusinessDays: 5,
  filingWindowDays: 90,
  resolutionDays: 30,
  extensionDays: 30,
  maxExtensions: 1,
  transferDays: 5,
  hearingRequestWindowDays: 90,
  dismissalEffectiveDays: 15,
  decisionPresumedReceivedBusinessDays: 15,
  complianceReportDays: 30,
  repeatContactDays: 90,
  repeatContactAction: 'suggest',
});

const NUMERIC_SETTINGS = Object.keys(DEFAULT_COMPLAINT_SETTINGS).filter(
  (key) => key !== 'repeatContactAction',
) as Exclude<keyof ComplaintSettings, 'repeatContactAction'>[];

/** The agency's settings over the defaults; values that are not whole numbers from 0 to 3660 are ignored. */
export function complaintSettings(stored: unknown): ComplaintSettings {
  const settings: ComplaintSettings = { ...DEFAULT_COMPLAINT_SETTINGS };
  if (!stored || typeof stored !== 'object') return settings;
  const record = stored as Record<string, unknown>;
  for (const key of NUMERIC_SETTINGS) {
    const value = record[key];
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 3660) settings[key] = value;
  }
  if (record.repeatContactAction === 'convert' || record.repeatContactAction === 'suggest') {
    settings.repeatContactAction = record.repeatContactAction;
  }
  return settings;
}

/** `date` itself if it is a business day, else the next one: the rule for every due date of the process. */
export function dueOn(date: string, calendar: BusinessCalendar): string {
  return nextBusinessDay(date, calendar);
}

export interface ReceiptInput {
  receivedVia: ReceivedVia;
  /** The day the office received it (for a transfer: the day this office received it). */
  receivedOn: string;
  /** The postmark of a mailed complaint, when known. */
  postmarkedOn?: string | null | undefined;
}

/**
 * The legal receipt date: the day received, except mail with a known postmark, which counts as received the
 * configured number of business days after the postmark.
 */
export function receiptDate(input: ReceiptInput, settings: ComplaintSettings, calendar: BusinessCalendar): string {
  if (input.receivedVia === 'mail' && input.postmarkedOn) {
    return addBusinessDays(input.postmarkedOn, settings.mailReceiptBusinessDays, calendar);
  }
  return input.receivedOn;
}

/** The last day to file after knowing of the action, or null when that day is not known. */
export function filingDeadline(
  knewOfActionOn: string | null | undefined,
  settings: ComplaintSettings,
  calendar: BusinessCalendar,
): string | null {
  if (!knewOfActionOn) return null;
  return dueOn(addLocalDays(knewOfActionOn, settings.filingWindowDays), calendar);
}

/** Whether a complaint received on `receipt` was filed after its filing deadline (accepted, with a warning). */
export function isFiledLate(receipt: string, deadline: string | null): boolean {
  return deadline !== null && receipt > deadline;
}

/** When the written resolution is due, after `extensions` extensions. */
export function resolutionDue(
  receipt: string,
  extensions: number,
  settings: ComplaintSettings,
  calendar: BusinessCalendar,
): string {
  const days = settings.resolutionDays + Math.max(0, extensions) * settings.extensionDays;
  return dueOn(addLocalDays(receipt, days), calendar);
}

/** When a complaint for another county must have been transferred. */
export function transferDue(receipt: string, settings: ComplaintSettings, calendar: BusinessCalendar): string {
  return dueOn(addLocalDays(receipt, settings.transferDays), calendar);
}

/** All the clocks a new complaint starts with. */
export interface ComplaintClocks {
  receiptDate: string;
  filingDeadlineOn: string | null;
  filedLate: boolean;
  resolutionDueOn: string;
  transferDueOn: string;
}

export function complaintClocks(
  input: ReceiptInput & { knewOfActionOn?: string | null | undefined },
  settings: ComplaintSettings,
  calendar: BusinessCalendar,
): ComplaintClocks {
  const receipt = receiptDate(input, settings, calendar);
  const filing = filingDeadline(input.knewOfActionOn, settings, calendar);
  return {
    receiptDate: receipt,
    filingDeadlineOn: filing,
    filedLate: isFiledLate(receipt, filing),
    resolutionDueOn: resolutionDue(receipt, 0, settings, calendar),
    transferDueOn: transferDue(receipt, settings, calendar),
  };
}

/** A problem with the dates of a new complaint, naming the field. */
export interface DateProblem {
  field: string;
  message: string;
}

/**
 * Checks the dates of a new complaint against each other and today: formats, a postmark after the receipt, a
 * receipt in the future, knowing of the action after complaining about it.
 */
export function complaintDateProblems(
  input: { receivedVia: string; receivedOn: unknown; postmarkedOn?: unknown; knewOfActionOn?: unknown },
  today: string,
): DateProblem[] {
  const problems: DateProblem[] = [];
  const format = 'must be a date written YYYY-MM-DD';
  const received = isCalendarDate(input.receivedOn) ? input.receivedOn : null;
  if (!received) problems.push({ field: 'receivedOn', message: format });
  else if (received > today) problems.push({ field: 'receivedOn', message: 'cannot be in the future' });
  else if (received < '1990-01-01') problems.push({ field: 'receivedOn', message: 'is before 1990; check the year' });
  for (const field of ['postmarkedOn', 'knewOfActionOn'] as const) {
    const value = input[field];
    if (value === undefined || value === null) continue;
    if (!isCalendarDate(value)) problems.push({ field, message: format });
    else if (received && value > received) {
      problems.push({
        field,
        message:
          field === 'postmarkedOn'
            ? 'is after the day the complaint was received'
            : 'is after the complaint was received',
      });
    } else if (value < '1900-01-01') problems.push({ field, message: 'is too far in the past; check the year' });
  }
  return problems;
}
