// A person's choice to receive no notices to the public (they still get answers to their own cases). Recorded or
// withdrawn by staff who may see the person; audited on the person.
import type { CommandContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { findVisiblePerson } from '../../repositories/people.ts';
import { deleteOptOut, hasOptedOut, insertOptOut } from '../../repositories/notices.ts';
import { authorizeCommunityChange } from '../../policies/community.ts';

/** Records (optedOut true) or withdraws an opt-out; returns the person's standing. */
export async function setNoticeOptOut(
  ctx: CommandContext,
  personId: number,
  optedOut: boolean,
  reason = '',
): Promise<{ personId: number; optedOut: boolean }> {
  authorizeCommunityChange(ctx, 'record notice opt-outs');
  return ctx.db.transaction().execute(async (tx) => {
    if (!(await findVisiblePerson(ctx, tx, personId, { forUpdate: true }))) throw notFound(`Person ${personId}`);
    const before = await hasOptedOut(tx, ctx.agency.id, personId);
    if (optedOut)
      await insertOptOut(tx, ctx.agency.id, personId, reason.trim().slice(0, 500), ctx.actor.userId || null);
    else await deleteOptOut(tx, ctx.agency.id, personId);
    if (before !== optedOut) {
      await recordAudit(
        tx,
        { ...ctx, db: tx },
        {
          action: optedOut ? 'person.notice_opt_out' : 'person.notice_opt_in',
          entityType: 'person',
          entityId: personId,
          before: { notice_opt_out: before },
          after: { notice_opt_out: optedOut },
          reason: reason.trim() || null,
        },
      );
    }
    return { personId, optedOut };
  });
}

/** Whether a person the caller may see opted out. */
export async function noticeOptOut(ctx: CommandContext, personId: number) {
  if (!(await findVisiblePerson(ctx, ctx.db, personId))) throw notFound(`Person ${personId}`);
  return { personId, optedOut: await hasOptedOut(ctx.db, ctx.agency.id, personId) };
}
