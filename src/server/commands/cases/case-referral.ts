// Referrals: asking another unit for input on a case, with its own due date, and that unit's reply.
import type { CommandContext } from '../../context.ts';
import { AppError, invalid, notFound } from '../../errors.ts';
import { mutateCase } from './case-mutation.ts';
import { notify } from '../notifications/notify.ts';
import { findUnitByCode } from '../../repositories/configuration/units.ts';
import { answerReferral, insertReferral, lockCaseReferral } from '../../repositories/referrals.ts';
import { insertTimelineEntry } from '../../repositories/timeline.ts';
import { endOfLocalDay, localDate } from '../../../shared/local-time.ts';

export interface ReferInput {
  trackingNumber: string;
  unit: string;
  request: string;
  /** The local date (YYYY-MM-DD, agency time zone) the reply is due. */
  dueDate?: string | undefined;
  /** Older name: a date (read as dueDate) or a date-time (its local date is taken). */
  dueAt?: string | undefined;
}

/**
 * The local due date of a referral from what was sent: a date stays that date in the agency's zone (a date is a
 * legal fact, not an instant at UTC midnight); a date-time gives its local date. Refuses days before today.
 */
export function referralDueDate(
  input: Pick<ReferInput, 'dueDate' | 'dueAt'>,
  timeZone: string,
  now: Date,
): string | null {
  const field = input.dueDate !== undefined ? 'dueDate' : 'dueAt';
  const value = (input.dueDate ?? input.dueAt)?.trim();
  if (!value) return null;
  let date: string | null = null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    try {
      endOfLocalDay(value, timeZone);
      date = value;
    } catch {
      date = null;
    }
  } else if (field === 'dueAt' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(new Date(value).getTime())) {
    date = localDate(new Date(value), timeZone);
  }
  if (!date) throw invalid(field, 'must be a date (YYYY-MM-DD, in the agency time zone)');
  if (date < localDate(now, timeZone)) throw invalid(field, 'must be today or later');
  return date;
}

/** Refers a case to a unit; the referral shows on the timeline and in that unit's liaisons' view. */
export async function referCase(ctx: CommandContext, input: ReferInput) {
  let referralId = 0;
  await mutateCase(
    ctx,
    { trackingNumber: input.trackingNumber, action: 'case:update', auditAction: 'case.referred' },
    async (tx, current) => {
      const unit = await findUnitByCode(tx, ctx.agency.id, input.unit, { exactCase: true });
      if (!unit?.active) throw invalid('unit', `"${input.unit}" is not an active unit code`);
      const dueDate = referralDueDate(input, ctx.agency.timeZone, new Date());
      // The instant the sweep compares with: the end of the due day where the agency is.
      const dueAt = dueDate ? endOfLocalDay(dueDate, ctx.agency.timeZone) : null;
      referralId = await insertReferral(tx, {
        agency_id: ctx.agency.id,
        case_id: current.id,
        unit_id: unit.id,
        request: input.request,
        due_at: dueAt,
        due_date: dueDate,
        created_by: ctx.actor.userId || null,
      });
      await insertTimelineEntry(tx, {
        agency_id: ctx.agency.id,
        case_id: current.id,
        kind: 'referral',
        author_user_id: ctx.actor.userId || null,
        subject: `Referred to ${input.unit}`,
        body: input.request,
      });
      await notify(tx, ctx, {
        kind: 'referral',
        to: { unitMembersOf: unit.id },
        summary: `Case ${current.tracking_number} was referred to ${input.unit}${dueDate ? `; reply by ${dueDate}` : ''}`,
        caseId: current.id,
        trackingNumber: current.tracking_number,
        referralId,
      });
      return { patch: {}, auditAfter: { referral_unit: input.unit, referral_due_date: dueDate } };
    },
  );
  return referralId;
}

/** Records a unit's reply to a referral; members of the referred unit (or supervisors and administrators) may reply. */
export async function replyToReferral(ctx: CommandContext, trackingNumber: string, referralId: number, reply: string) {
  await mutateCase(
    ctx,
    { trackingNumber, action: 'case:referral_reply', auditAction: 'case.referral_answered' },
    async (tx, current) => {
      const referral = await lockCaseReferral(tx, ctx.agency.id, current.id, referralId);
      if (!referral) throw notFound(`Referral ${referralId}`);
      if (referral.status !== 'open')
        throw new AppError('conflict', 'This referral was already answered or withdrawn.');
      const mayReply =
        ctx.actor.unitIds.includes(referral.unit_id) || ['supervisor', 'administrator'].includes(ctx.actor.role);
      if (!mayReply) throw new AppError('forbidden', 'Only the referred unit can answer this referral.');
      await answerReferral(tx, ctx.agency.id, referralId, reply);
      await insertTimelineEntry(tx, {
        agency_id: ctx.agency.id,
        case_id: current.id,
        kind: 'referral_reply',
        author_user_id: ctx.actor.userId || null,
        body: reply,
      });
      await notify(tx, ctx, {
        kind: 'reply',
        to: { userIds: [referral.created_by, current.assignee_id].filter((id): id is number => id !== null) },
        summary: `${ctx.actor.name} answered the referral on case ${current.tracking_number}`,
        caseId: current.id,
        trackingNumber: current.tracking_number,
        referralId: referral.id,
      });
      return { patch: {}, auditBefore: { referral_status: 'open' }, auditAfter: { referral_status: 'answered' } };
    },
  );
}
