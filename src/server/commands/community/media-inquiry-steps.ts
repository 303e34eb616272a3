// The media desk's workflow on one inquiry: assign a spokesperson, draft the answer, approve it (supervisors and
// administrators), release exactly the approved text (recorded with the time), decline, and link the published
// coverage. Each step locks the inquiry, checks the step against domain/media-desk.ts and writes one audit event.
import type { CommandContext } from '../../context.ts';
import type { Db } from '../../db/database.ts';
import { AppError, invalid, notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  getActiveUser,
  getMediaInquiryForUpdate,
  updateMediaInquiry,
  type MediaInquiryRow,
} from '../../repositories/media-inquiries.ts';
import { authorizeCommunityChange, authorizeMediaApproval } from '../../policies/community.ts';
import { statusAfter, stepRefusal, type MediaInquiryStep } from '../../../domain/media-desk.ts';
import type { MediaInquiryStatus } from '../../../shared/community.ts';
import { checkVersion } from '../common.ts';
import { checkLink } from './community-input.ts';
import { FieldProblems } from '../common.ts';

type Patch = Parameters<typeof updateMediaInquiry>[3];

async function step(
  ctx: CommandContext,
  id: number,
  name: MediaInquiryStep | 'coverage',
  expectedVersion: number | undefined,
  change: (tx: Db, current: MediaInquiryRow) => Promise<Patch> | Patch,
  reason?: string,
): Promise<MediaInquiryRow> {
  return ctx.db.transaction().execute(async (tx) => {
    const current = await getMediaInquiryForUpdate(tx, ctx.agency.id, id);
    if (!current) throw notFound(`Media inquiry ${id}`);
    checkVersion(`Media inquiry ${id}`, current.version, expectedVersion);
    const status = current.status as MediaInquiryStatus;
    let patch: Patch;
    if (name === 'coverage') {
      patch = await change(tx, current);
    } else {
      const refusal = stepRefusal(status, name);
      if (refusal)
        throw new AppError('conflict', `Media inquiry ${id}: ${refusal}.`, [{ field: 'status', message: refusal }]);
      patch = { ...(await change(tx, current)), status: statusAfter(status, name) };
    }
    const next = await updateMediaInquiry(tx, ctx.agency.id, id, patch);
    await recordAudit(tx, ctx, {
      action: `media_inquiry.${name === 'coverage' ? 'coverage_linked' : `${name}${name.endsWith('e') ? 'd' : 'ed'}`}`,
      entityType: 'media_inquiry',
      entityId: id,
      before: { ...current },
      after: { ...next },
      reason: reason ?? null,
    });
    return next;
  });
}

/** Assigns the spokesperson who answers (an active staff member of the agency). */
export function assignSpokesperson(ctx: CommandContext, id: number, userId: number) {
  authorizeCommunityChange(ctx, 'assign media inquiries');
  return step(ctx, id, 'assign', undefined, async (tx) => {
    const user = await getActiveUser(tx, ctx.agency.id, userId);
    if (!user) throw invalid('spokespersonUserId', `${userId} is not an active staff member of this agency`);
    return { spokesperson_user_id: user.id };
  });
}

/** Saves the drafted answer; a changed draft always needs a new approval. */
export function draftAnswer(ctx: CommandContext, id: number, answer: string, expectedVersion?: number) {
  authorizeCommunityChange(ctx, 'draft media answers');
  const text = answer.trim();
  if (!text) throw invalid('answer', 'must not be blank');
  return step(ctx, id, 'draft', expectedVersion, () => ({
    draft_answer: text,
    drafted_by_user_id: ctx.actor.userId || null,
    drafted_at: new Date(),
    approved_by_user_id: null,
    approved_at: null,
  }));
}

/** Records the approval of the drafted answer (supervisors and administrators). */
export function approveAnswer(ctx: CommandContext, id: number, expectedVersion?: number) {
  authorizeMediaApproval(ctx);
  return step(ctx, id, 'approve', expectedVersion, () => ({
    approved_by_user_id: ctx.actor.userId || null,
    approved_at: new Date(),
  }));
}

/** Releases the approved answer: exactly the approved text, with the time of release. */
export function releaseAnswer(ctx: CommandContext, id: number, expectedVersion?: number) {
  authorizeCommunityChange(ctx, 'release media answers');
  return step(ctx, id, 'release', expectedVersion, (_tx, current) => ({
    released_text: current.draft_answer,
    released_at: new Date(),
  }));
}

/** Declines to answer (the reason is kept in the audit trail). */
export function declineInquiry(ctx: CommandContext, id: number, reason?: string, expectedVersion?: number) {
  authorizeCommunityChange(ctx, 'decline media inquiries');
  return step(ctx, id, 'decline', expectedVersion, () => ({}), reason);
}

/** Links the published coverage. */
export function linkCoverage(ctx: CommandContext, id: number, url: string) {
  authorizeCommunityChange(ctx, 'link media coverage');
  const problems = new FieldProblems();
  const link = checkLink(problems, 'url', url);
  if (link === null) problems.add('url', 'must not be blank');
  problems.throwIfAny();
  return step(ctx, id, 'coverage', undefined, () => ({ coverage_url: link ?? null }));
}
