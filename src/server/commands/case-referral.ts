// Referrals: asking another unit for input on a case, with its own due date, and that unit's reply.
import type { CommandContext } from '../context.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { mutateCase } from './case-mutation.ts';

export interface ReferInput {
  trackingNumber: string;
  unit: string;
  request: string;
  dueAt?: string | undefined;
}

/** Refers a case to a unit; the referral shows on the timeline and in that unit's liaisons' view. */
export async function referCase(ctx: CommandContext, input: ReferInput) {
  let referralId = 0;
  await mutateCase(
    ctx,
    { trackingNumber: input.trackingNumber, action: 'case:update', auditAction: 'case.referred' },
    async (tx, current) => {
      const unit = await tx
        .selectFrom('units')
        .select(['id', 'active'])
        .where('agency_id', '=', ctx.agency.id)
        .where('code', '=', input.unit)
        .executeTakeFirst();
      if (!unit?.active) throw invalid('unit', `"${input.unit}" is not an active unit code`);
      let dueAt: Date | null = null;
      if (input.dueAt) {
        dueAt = new Date(input.dueAt);
        if (Number.isNaN(dueAt.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(input.dueAt))
          throw invalid('dueAt', 'must be an ISO 8601 date-time');
        if (dueAt.getTime() < Date.now()) throw invalid('dueAt', 'must be in the future');
      }
      const referral = await tx
        .insertInto('referrals')
        .values({
          agency_id: ctx.agency.id,
          case_id: current.id,
          unit_id: unit.id,
          request: input.request,
          due_at: dueAt,
          created_by: ctx.actor.userId || null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      referralId = referral.id;
      await tx
        .insertInto('timeline_entries')
        .values({
          agency_id: ctx.agency.id,
          case_id: current.id,
          kind: 'referral',
          author_user_id: ctx.actor.userId || null,
          subject: `Referred to ${input.unit}`,
          body: input.request,
        })
        .execute();
      return { patch: {}, auditAfter: { referral_unit: input.unit, referral_due_at: dueAt } };
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
      const referral = await tx
        .selectFrom('referrals')
        .select(['id', 'unit_id', 'status'])
        .where('agency_id', '=', ctx.agency.id)
        .where('case_id', '=', current.id)
        .where('id', '=', referralId)
        .forUpdate()
        .executeTakeFirst();
      if (!referral) throw notFound(`Referral ${referralId}`);
      if (referral.status !== 'open')
        throw new AppError('conflict', 'This referral was already answered or withdrawn.');
      const mayReply =
        ctx.actor.unitIds.includes(referral.unit_id) || ['supervisor', 'administrator'].includes(ctx.actor.role);
      if (!mayReply) throw new AppError('forbidden', 'Only the referred unit can answer this referral.');
      await tx
        .updateTable('referrals')
        .set({ status: 'answered', reply, replied_at: new Date() })
        .where('agency_id', '=', ctx.agency.id)
        .where('id', '=', referralId)
        .execute();
      await tx
        .insertInto('timeline_entries')
        .values({
          agency_id: ctx.agency.id,
          case_id: current.id,
          kind: 'referral_reply',
          author_user_id: ctx.actor.userId || null,
          body: reply,
        })
        .execute();
      return { patch: {}, auditBefore: { referral_status: 'open' }, auditAfter: { referral_status: 'answered' } };
    },
  );
}
