// Inquiries of the ombudsperson's office (DOMAIN.md §4): the repeat-contact rule on intake (a contact of the same
// participant on the same subject within the agency's repeat-contact days tells the caseworkers and, per the agency's
// setting, suggests a complaint or opens one), the close that records whether the participant was satisfied, and the
// one action that opens a complaint with the inquiry's facts (linked both ways: complaint.caseTrackingNumber, and the
// inquiry's complaint numbers).
import type { CommandContext } from '../../context.ts';
import { AppError, invalid } from '../../errors.ts';
import { getCaseView, type CaseViewRow } from '../../queries/case-list-queries.ts';
import { complaintClockSettings } from '../../repositories/complaints.ts';
import {
  complaintsFromCases,
  inquiryDetails,
  updateInquiryDetails,
  type ParticipantRole,
} from '../../repositories/inquiries.ts';
import { findVisibleCase } from '../../repositories/cases.ts';
import { notify } from '../notifications/notify.ts';
import { mutateCase } from '../cases/case-mutation.ts';
import { createComplaint } from './complaint-create.ts';
import { COMPLAINANT_ROLES, type ReceivedVia } from '../../../domain/complaint-clocks.ts';
import { complaintCategory } from '../../../domain/hearing-eligibility.ts';
import { canMove } from '../../../shared/case-status.ts';
import { localDate } from '../../../shared/local-time.ts';

/** How a complaint opened from a case says it came in, from the case's channel. */
export function receivedViaOfChannel(channel: string): ReceivedVia {
  switch (channel) {
    case 'phone':
    case 'hotline':
      return 'phone';
    case 'email':
      return 'email';
    case 'letter':
    case 'fax':
      return 'mail';
    case 'web':
    case '311':
    case 'social_media':
      return 'web';
    default:
      return 'in_person';
  }
}

export interface ComplaintFromInquiryInput {
  role?: string | null | undefined;
  category: string;
  knewOfActionOn?: string | null | undefined;
}

/** Opens a complaint with the inquiry's facts: participant, program case number, channel, day received, text. */
export async function complaintFromInquiry(
  ctx: CommandContext,
  trackingNumber: string,
  input: ComplaintFromInquiryInput,
): Promise<string> {
  const inquiry = await getCaseView(ctx, trackingNumber);
  const details = await inquiryDetails(ctx.db, ctx.agency.id, inquiry.id);
  if (details?.kind !== 'inquiry') throw invalid('trackingNumber', `${trackingNumber} is not an inquiry`);
  const existing = (await complaintsFromCases(ctx.db, ctx.agency.id, [inquiry.id])).get(inquiry.id);
  if (existing?.length) {
    throw new AppError('conflict', `Inquiry ${trackingNumber} already has complaint ${existing[0]}.`, [
      { field: 'trackingNumber', message: `complaint ${existing[0]} was opened from it` },
    ]);
  }
  if (!complaintCategory(input.category)) throw invalid('category', `"${input.category}" is not a complaint category`);
  const role = input.role ?? details.participant_role;
  if (!role) throw invalid('role', `give the participant's role: ${COMPLAINANT_ROLES.join(', ')}`);
  if (!details.program_case_number) {
    throw invalid('programCaseNumber', 'the inquiry has no program case number; add it to the case first');
  }
  return createComplaint(ctx, complaintBodyOf(ctx, inquiry, details.program_case_number, role, input));
}

function complaintBodyOf(
  ctx: CommandContext,
  inquiry: CaseViewRow,
  programCaseNumber: string,
  role: string,
  input: ComplaintFromInquiryInput,
) {
  return {
    complainant: {
      firstName: inquiry.person_first_name ?? '',
      lastName: inquiry.person_last_name ?? '',
      role,
      email: inquiry.person_email ?? null,
      phone: inquiry.person_phone ?? null,
      language: inquiry.person_language ?? inquiry.language ?? null,
    },
    programCaseNumber,
    receivedVia: receivedViaOfChannel(inquiry.channel),
    receivedOn: localDate(inquiry.received_at, ctx.agency.timeZone),
    knewOfActionOn: input.knewOfActionOn ?? null,
    caseTrackingNumber: inquiry.tracking_number,
    issues: [{ category: input.category, description: inquiry.description }],
  };
}

export interface CloseInquiryInput {
  satisfied: boolean;
  note?: string | null | undefined;
  expectedVersion?: number | undefined;
}

/** Closes an inquiry recording whether the participant was satisfied (one transaction, one audit event). */
export async function closeInquiry(ctx: CommandContext, trackingNumber: string, input: CloseInquiryInput) {
  const now = new Date();
  return mutateCase(
    ctx,
    { trackingNumber, expectedVersion: input.expectedVersion, action: 'case:status', auditAction: 'case.closed' },
    async (tx, current) => {
      const details = await inquiryDetails(tx, ctx.agency.id, current.id);
      if (details?.kind !== 'inquiry') throw invalid('trackingNumber', `${trackingNumber} is not an inquiry`);
      if (!canMove(current.status, 'closed')) {
        throw new AppError('conflict', `Inquiry ${trackingNumber} is already closed.`, [
          { field: 'status', message: `not allowed from ${current.status}` },
        ]);
      }
      const note = input.note?.trim() || null;
      const closedOn = localDate(now, ctx.agency.timeZone);
      await updateInquiryDetails(tx, ctx.agency.id, current.id, {
        satisfied: input.satisfied,
        outcome_note: note,
        closed_on: closedOn,
      });
      return {
        patch: { status: 'closed', closed_at: now },
        auditBefore: { satisfied: details.satisfied },
        auditAfter: { satisfied: input.satisfied, closed_on: closedOn },
        reason: note,
      };
    },
  );
}

/**
 * The repeat-contact rule for a new inquiry that repeats `earlier`: records what the agency's setting says to do,
 * tells the caseworkers of both contacts, and with `convert` (and the participant's role known) opens the complaint.
 * Returns the complaint number when one was opened.
 */
export async function handleRepeatContact(
  ctx: CommandContext,
  inquiry: CaseViewRow,
  earlierTrackingNumber: string,
): Promise<string | null> {
  const { settings } = await complaintClockSettings(ctx.db, ctx.agency.id);
  const details = await inquiryDetails(ctx.db, ctx.agency.id, inquiry.id);
  const role = details?.participant_role ?? null;
  let complaintNumber: string | null = null;
  let detail = 'a complaint is suggested';
  if (settings.repeatContactAction === 'convert') {
    if (role && details?.program_case_number) {
      complaintNumber = await createComplaint(
        ctx,
        complaintBodyOf(ctx, inquiry, details.program_case_number, role, { category: 'case_handling' }),
      );
      detail = `complaint ${complaintNumber} was opened from it`;
    } else {
      detail = "a complaint is due but could not be opened: give the participant's role and program case number";
    }
  }
  await ctx.db.transaction().execute(async (tx) => {
    const earlier = await findVisibleCase(tx, ctx, earlierTrackingNumber);
    await updateInquiryDetails(tx, ctx.agency.id, inquiry.id, { repeat_action: settings.repeatContactAction });
    const caseworkers = [...new Set([inquiry.assignee_id, earlier.assignee_id].filter((id) => id !== null))];
    await notify(
      tx,
      { ...ctx, db: tx },
      {
        kind: 'repeat_contact',
        to: caseworkers.length ? { userIds: caseworkers } : { role: 'supervisor', inUnit: inquiry.unit_id },
        summary: `Inquiry ${inquiry.tracking_number} repeats ${earlierTrackingNumber} within ${settings.repeatContactDays} days: ${detail}`,
        caseId: inquiry.id,
        trackingNumber: inquiry.tracking_number,
      },
    );
  });
  return complaintNumber;
}

export const PARTICIPANT_ROLES: readonly ParticipantRole[] = COMPLAINANT_ROLES;
