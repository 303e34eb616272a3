// The notices of the complaint process (LCR002 acknowledgement, LCR005 extension, LCR006 resolution, …): merged from
// the agency's approved letter template in the complainant's language (English when there is none in it), stored
// with the complaint, printed as PDF by the letters pipeline, and the day each was mailed kept.
import type { Db } from '../../db/database.ts';
import type { CommandContext } from '../../context.ts';
import { AppError, notFound, type ErrorDetail } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { findTemplate, getApprovedVersion } from '../../repositories/templates.ts';
import {
  complaintClockSettings,
  findComplaintNotice,
  findVisibleComplaint,
  insertComplaintNotice,
  setNoticeMailed,
  type ComplaintRow,
} from '../../repositories/complaints.ts';
import { authorizeComplaint } from '../../policies/complaint-access.ts';
import { letterheadFor, recipientName } from '../../channels/letters/letter-documents.ts';
import { lettersHtml, type LetterDocument } from '../../channels/letters/letter-html.ts';
import { partiesOf } from '../../repositories/case-parties.ts';
import { contactsOf } from '../../repositories/people.ts';
import { presentParties, refuseProtectedAddresses } from '../../queries/case-parties.ts';
import { renderPdf } from '../../channels/letters/pdf-renderer.ts';
import { mergeFields } from '../../../domain/template-merge.ts';
import { isLanguageCode, LANGUAGES } from '../../../shared/languages.ts';
import { localDate, isCalendarDate } from '../../../shared/local-time.ts';
import { refuse } from './complaint-refusal.ts';

export type NoticeCode = 'LCR002' | 'LCR003' | 'LCR004' | 'LCR005' | 'LCR006';

/** A local date written out in the letter's language (e.g. "April 1, 2026", "1 de abril de 2026"). */
export function writtenDate(date: string | null, language: string): string {
  if (!date) return '';
  try {
    return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${date}T00:00:00Z`),
    );
  } catch {
    return date;
  }
}

/**
 * Merges and stores the notice `code` for a complaint (as it stands after the change being made) inside the
 * caller's transaction; null when the agency has no approved template for it.
 */
export async function issueComplaintNotice(
  tx: Db,
  ctx: CommandContext,
  complaint: ComplaintRow,
  code: NoticeCode,
  options: { mailedOn?: string | null; extra?: Record<string, string> } = {},
): Promise<number | null> {
  let template = await findTemplate(tx, ctx.agency.id, { code, channel: 'letter', language: complaint.language });
  let version = template ? await getApprovedVersion(tx, ctx.agency.id, template.id) : null;
  if (!version) {
    template = await findTemplate(tx, ctx.agency.id, { code, channel: 'letter', language: 'en' });
    version = template ? await getApprovedVersion(tx, ctx.agency.id, template.id) : null;
  }
  if (!template || !version) return null;
  const language = template.language;
  const values: Record<string, string> = {
    firstName: complaint.complainant_first_name,
    lastName: complaint.complainant_last_name,
    agencyName: ctx.agency.name,
    complaintNumber: complaint.complaint_number,
    programCaseNumber: complaint.program_case_number,
    receiptDate: writtenDate(complaint.receipt_date, language),
    resolutionDueOn: writtenDate(complaint.resolution_due_on, language),
    hearingRequestDeadline: writtenDate(complaint.hearing_request_deadline_on, language),
    ...(complaint.extension_reason ? { extensionReason: complaint.extension_reason } : {}),
    ...(complaint.findings ? { findings: complaint.findings } : {}),
    ...options.extra,
  };
  return insertComplaintNotice(tx, {
    agency_id: ctx.agency.id,
    complaint_id: complaint.id,
    code,
    language,
    subject: mergeFields(version.subject ?? '', values).text,
    body: mergeFields(version.body, values).text,
    template_id: template.id,
    template_version: version.version,
    mailed_on: options.mailedOn ?? null,
    created_by: ctx.actor.userId || null,
  });
}

/** Records the day a notice of a visible complaint was mailed. */
export async function recordNoticeMailed(
  ctx: CommandContext,
  complaintNumber: string,
  noticeId: number,
  mailedOn: string,
): Promise<void> {
  authorizeComplaint(ctx.actor, 'complaint:resolve');
  const clock = await complaintClockSettings(ctx.db, ctx.agency.id);
  const problems: ErrorDetail[] = [];
  if (!isCalendarDate(mailedOn)) problems.push({ field: 'mailedOn', message: 'must be a date written YYYY-MM-DD' });
  else if (mailedOn > localDate(new Date(), clock.timeZone)) {
    problems.push({ field: 'mailedOn', message: 'cannot be in the future' });
  }
  refuse(problems);
  await ctx.db.transaction().execute(async (tx) => {
    const complaint = await findVisibleComplaint(tx, ctx, complaintNumber, true);
    const notice = await findComplaintNotice(tx, ctx.agency.id, complaint.id, noticeId);
    if (!notice) throw notFound(`Notice ${noticeId} of complaint ${complaintNumber}`);
    if (mailedOn < complaint.received_on)
      refuse([{ field: 'mailedOn', message: 'is before the complaint was received' }]);
    await setNoticeMailed(tx, ctx.agency.id, noticeId, mailedOn);
    await recordAudit(tx, ctx, {
      action: 'complaint.notice_mailed',
      entityType: 'complaint_notice',
      entityId: noticeId,
      caseId: complaint.case_id,
      before: { mailed_on: notice.mailed_on },
      after: { mailed_on: mailedOn, code: notice.code, complaint_number: complaintNumber },
    });
  });
}

/**
 * The letter of a notice as its addressee receives it: a party of the complaint (`partyId`; by default the party in
 * the complainant's role, else the complainant by name). Refused (409) to a representative whose authorization has
 * expired, and when the addressee's address or the notice's text holds an address kept under another party's
 * protective order. The addressee's own protected address is printed only by the staff named on the order.
 */
export async function complaintNoticeLetter(
  ctx: CommandContext,
  complaintNumber: string,
  noticeId: number,
  partyId?: number,
): Promise<{
  letter: LetterDocument;
  disclosedPersonIds: number[];
  complaint: ComplaintRow;
  notice: { id: number; code: string };
}> {
  const complaint = await findVisibleComplaint(ctx.db, ctx, complaintNumber);
  const notice = await findComplaintNotice(ctx.db, ctx.agency.id, complaint.id, noticeId);
  if (!notice) throw notFound(`Notice ${noticeId} of complaint ${complaintNumber}`);
  const holder = { owner: { complaintId: complaint.id }, caseId: complaint.case_id, restricted: complaint.restricted };
  const own = await partiesOf(ctx.db, ctx.agency.id, holder.owner);
  const ofCase =
    complaint.case_id === null ? [] : await partiesOf(ctx.db, ctx.agency.id, { caseId: complaint.case_id });
  const addresseeRow =
    partyId === undefined ? own.find((p) => p.role === complaint.complainant_role) : own.find((p) => p.id === partyId);
  if (partyId !== undefined && !addresseeRow) throw notFound(`Party ${partyId} of complaint ${complaintNumber}`);
  let recipient = {
    personId: null as number | null,
    name: recipientName(complaint.complainant_first_name, complaint.complainant_last_name),
    address: null as string | null,
  };
  let disclosedPersonIds: number[] = [];
  if (addresseeRow) {
    const presented = await presentParties(ctx, ctx.db, holder, [addresseeRow], { discloseWhereabouts: true });
    const addressee = presented.parties[0];
    if (!addressee) throw notFound(`Party ${addresseeRow.id} of complaint ${complaintNumber}`);
    if (!addressee.mayBeAddressed) {
      throw new AppError(
        'conflict',
        'The authorization of this representative has expired; address the notice to the party, or record a new authorization.',
      );
    }
    recipient = {
      personId: addressee.personId,
      name: recipientName(addressee.firstName, addressee.lastName),
      address: addressee.address,
    };
    disclosedPersonIds = presented.disclosedPersonIds;
  }
  const protectedIds = [...own, ...ofCase].filter((p) => p.protective_order).map((p) => p.person_id);
  const protectedAddresses = (await contactsOf(ctx.db, ctx.agency.id, [...new Set(protectedIds)]))
    .filter((c) => c.kind === 'address')
    .map((c) => ({ personId: c.person_id, address: c.value }));
  refuseProtectedAddresses(protectedAddresses, recipient, [notice.subject, notice.body]);
  const language = isLanguageCode(notice.language) ? notice.language : 'en';
  const letter: LetterDocument = {
    trackingNumber: complaint.complaint_number,
    language,
    dir: LANGUAGES.find((l) => l.code === language)?.rtl ? 'rtl' : 'ltr',
    date: writtenDate(notice.mailed_on ?? localDate(notice.created_at, ctx.agency.timeZone), language),
    referenceLabel: notice.code,
    recipient: {
      name: recipient.name,
      addressLines: (recipient.address ?? '')
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    },
    subject: notice.subject,
    body: notice.body,
    signatureName: null,
    letterhead: await letterheadFor(ctx.db, ctx),
  };
  return { letter, disclosedPersonIds, complaint, notice };
}

/** The PDF of a notice as its addressee receives it, on the agency's letterhead (see complaintNoticeLetter). */
export async function renderComplaintNotice(
  ctx: CommandContext,
  chromiumPath: string,
  complaintNumber: string,
  noticeId: number,
  partyId?: number,
): Promise<{ filename: string; pdf: Buffer; disclosedPersonIds: number[] }> {
  const { letter, disclosedPersonIds, complaint, notice } = await complaintNoticeLetter(
    ctx,
    complaintNumber,
    noticeId,
    partyId,
  );
  const pdf = await renderPdf(lettersHtml([letter], { addressPages: false }), chromiumPath);
  return { filename: `${complaint.complaint_number}-${notice.code}-${notice.id}.pdf`, pdf, disclosedPersonIds };
}
