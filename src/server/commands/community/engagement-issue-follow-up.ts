// Turns an issue into a follow-up that lives outside the case queue: a procedure change request or an action-plan
// action. The procedures and action-plan modules are built separately; until they are merged the request is kept
// here (kind, description, status) and linked_type/linked_id stay empty, ready for the link.
import type { CommandContext } from '../../context.ts';
import { invalid, notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  getFollowUpForUpdate,
  getIssue,
  insertFollowUp,
  setFollowUpStatus,
  updateIssue,
  type FollowUpRow,
} from '../../repositories/engagements.ts';
import { authorizeCommunityChange } from '../../policies/community.ts';

/** Records the follow-up and marks the issue's outcome (unless it already became a case) and progress. */
export async function createIssueFollowUp(
  ctx: CommandContext,
  engagementId: number,
  issueId: number,
  input: { kind: 'procedure_change' | 'action_plan_action'; description?: string | undefined },
): Promise<FollowUpRow> {
  authorizeCommunityChange(ctx, 'follow up issues raised');
  return ctx.db.transaction().execute(async (tx) => {
    const issue = await getIssue(tx, ctx.agency.id, engagementId, issueId, { forUpdate: true });
    if (!issue) throw notFound(`Issue ${issueId} of engagement ${engagementId}`);
    const description = input.description?.trim() || issue.description;
    if (!description) throw invalid('description', 'must not be blank');
    const followUp = await insertFollowUp(tx, ctx.agency.id, {
      issue_id: issueId,
      kind: input.kind,
      description,
      created_by_user_id: ctx.actor.userId || null,
    });
    await updateIssue(tx, ctx.agency.id, issueId, {
      ...(issue.outcome === null ? { outcome: input.kind } : {}),
      ...(issue.follow_up_status === 'open' ? { follow_up_status: 'in_progress' } : {}),
    });
    await recordAudit(tx, ctx, {
      action: 'engagement.issue_follow_up_created',
      entityType: 'engagement_issue',
      entityId: issueId,
      after: { follow_up_id: followUp.id, kind: input.kind, description },
    });
    return followUp;
  });
}

/** Marks a follow-up done (or open again). */
export async function setIssueFollowUpStatus(
  ctx: CommandContext,
  engagementId: number,
  issueId: number,
  followUpId: number,
  status: 'open' | 'done',
): Promise<FollowUpRow> {
  authorizeCommunityChange(ctx, 'follow up issues raised');
  return ctx.db.transaction().execute(async (tx) => {
    const issue = await getIssue(tx, ctx.agency.id, engagementId, issueId, { forUpdate: true });
    const current = issue ? await getFollowUpForUpdate(tx, ctx.agency.id, issueId, followUpId) : undefined;
    if (!current) throw notFound(`Follow-up ${followUpId} of issue ${issueId}`);
    const next = await setFollowUpStatus(tx, ctx.agency.id, followUpId, status);
    await recordAudit(tx, ctx, {
      action: 'engagement.issue_follow_up_updated',
      entityType: 'engagement_issue',
      entityId: issueId,
      before: { follow_up_id: followUpId, status: current.status },
      after: { follow_up_id: followUpId, status: next.status },
    });
    return next;
  });
}
