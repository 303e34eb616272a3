// Staff side of feedback after an engagement: the public link (made once, or renewed so an old link stops working;
// audited) and what the answers add up to — counts per answer, the average, resolved yes/no and the comments.
import type { CommandContext } from '../../context.ts';
import type { Config } from '../../env.ts';
import { notFound } from '../../errors.ts';
import { atRestBox } from '../../secret-box.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { getEngagement } from '../../repositories/engagements.ts';
import {
  feedbackComments,
  feedbackCounts,
  getFeedbackLink,
  saveFeedbackLink,
} from '../../repositories/engagement-feedback.ts';
import { authorizeCommunityChange } from '../../policies/community.ts';
import { FEEDBACK_OPEN_DAYS, feedbackClosesAt, feedbackOpen } from '../../../domain/engagement-feedback.ts';
import type { EngagementFeedbackView } from '../../../shared/community.ts';
import { accessCodeHash, newAccessCode } from '../portal/public-form-token.ts';
import { feedbackUrl, printableCode } from '../portal/engagement-feedback.ts';

/** How many comments the engagement's feedback shows (the newest). */
export const FEEDBACK_COMMENTS_SHOWN = 200;

const sealContext = (agencyId: number, engagementId: number) =>
  `engagement_feedback_links.code:${agencyId}:${engagementId}`;

async function engagementOrThrow(ctx: CommandContext, engagementId: number, forUpdate = false) {
  const engagement = await getEngagement(ctx.db, ctx.agency.id, engagementId, { forUpdate });
  if (!engagement) throw notFound(`Engagement ${engagementId}`);
  return engagement;
}

/**
 * Gives the engagement its public feedback link; when it has one already, the same link — unless `renew`, which makes
 * a new code so that the old link stops working.
 */
export async function issueFeedbackLink(
  ctx: CommandContext,
  config: Pick<Config, 'publicUrl' | 'secret'>,
  engagementId: number,
  options: { renew?: boolean | undefined } = {},
): Promise<void> {
  authorizeCommunityChange(ctx, 'give out feedback links');
  const box = await atRestBox(ctx.db, config);
  await ctx.db.transaction().execute(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    await engagementOrThrow(txCtx, engagementId, true);
    const existing = await getFeedbackLink(tx, ctx.agency.id, engagementId);
    if (existing && !options.renew) return;
    const code = newAccessCode();
    await saveFeedbackLink(tx, {
      agencyId: ctx.agency.id,
      engagementId,
      codeHash: accessCodeHash(code),
      codeSealed: box.seal(code, sealContext(ctx.agency.id, engagementId)),
      userId: ctx.actor.userId || null,
    });
    await recordAudit(tx, txCtx, {
      action: existing ? 'engagement.feedback_link_renewed' : 'engagement.feedback_link_created',
      entityType: 'engagement',
      entityId: engagementId,
      after: { feedback_link: existing ? 'renewed' : 'created' },
    });
  });
}

/** The engagement's feedback: its link (if made), when it closes, and what the answers add up to. */
export async function engagementFeedback(
  ctx: CommandContext,
  config: Pick<Config, 'publicUrl' | 'secret'>,
  engagementId: number,
  now = new Date(),
): Promise<EngagementFeedbackView> {
  const engagement = await engagementOrThrow(ctx, engagementId);
  const window = {
    endsAt: engagement.ends_at,
    seriesEndsAt: engagement.series_ends_at,
    recurring: engagement.recurrence !== null,
    status: engagement.status,
  };
  const link = await getFeedbackLink(ctx.db, ctx.agency.id, engagementId);
  let shown: EngagementFeedbackView['link'] = null;
  if (link) {
    const box = await atRestBox(ctx.db, config);
    const code = box.open(link.codeSealed, sealContext(ctx.agency.id, engagementId)).plain;
    shown = {
      url: feedbackUrl(config, ctx.agency.slug, code),
      printableUrl: feedbackUrl(config, ctx.agency.slug, printableCode(code)),
      createdAt: link.createdAt.toISOString(),
    };
  }
  const closesAt = feedbackClosesAt(window, ctx.agency.timeZone);
  const counts = await feedbackCounts(ctx.db, ctx.agency.id, engagementId);
  const comments = await feedbackComments(ctx.db, ctx.agency.id, engagementId, FEEDBACK_COMMENTS_SHOWN);
  return {
    engagementId,
    link: shown,
    open: feedbackOpen(window, ctx.agency.timeZone, now),
    closesAt: closesAt ? closesAt.toISOString() : null,
    openDays: FEEDBACK_OPEN_DAYS,
    answers: counts.answers,
    bySatisfaction: counts.bySatisfaction.map((count, index) => ({ satisfaction: index + 1, count })),
    average: counts.average === null ? null : Math.round(counts.average * 100) / 100,
    resolvedYes: counts.resolvedYes,
    resolvedNo: counts.resolvedNo,
    comments: comments.map((c) => ({
      id: c.id,
      satisfaction: c.satisfaction,
      comment: c.comment,
      language: c.language,
      createdAt: c.createdAt.toISOString(),
    })),
  };
}
