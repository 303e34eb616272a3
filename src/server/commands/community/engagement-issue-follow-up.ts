// Turns an issue into a follow-up that lives outside the case queue: a procedure change request or an action-plan
// action. With a procedure of the library it writes a draft version of that procedure (the newest text under the
// request) and links it; with an open action plan it adds the action (owner, due date) and links the plan — in the
// same transaction as the follow-up. Without one the request is kept here on its own.
import type { CommandContext } from '../../context.ts';
import { AppError, invalid, notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { findPlan, insertActions, touchPlan } from '../../repositories/action-plans.ts';
import { findProcedure, insertDraftVersion, listVersions } from '../../repositories/procedures.ts';
import { requireQualityManager } from '../../policies/quality.ts';
import { FieldProblems } from '../common.ts';
import { activeUserIds, checkDate, checkOwner } from '../quality/action-plan-input.ts';
import { addLocalDays, localDate } from '../../../shared/local-time.ts';
import type { CreateFollowUpInput } from '../../../shared/community.ts';
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
  input: CreateFollowUpInput,
): Promise<FollowUpRow> {
  authorizeCommunityChange(ctx, 'follow up issues raised');
  const kind = input.kind as 'procedure_change' | 'action_plan_action';
  const problems = new FieldProblems();
  if (input.procedureId !== undefined && kind !== 'procedure_change') {
    problems.add('procedureId', 'goes with a procedure change request only');
  }
  if (input.actionPlanId !== undefined && kind !== 'action_plan_action') {
    problems.add('actionPlanId', 'goes with an action-plan action only');
  }
  const ownerId = input.ownerId ?? ctx.actor.userId;
  const dueOn = input.dueOn ?? addLocalDays(localDate(new Date(), ctx.agency.timeZone), 30);
  if (input.actionPlanId !== undefined) {
    checkOwner(problems, 'ownerId', ownerId, await activeUserIds(ctx.db, ctx.agency.id, [ownerId]));
    checkDate(problems, 'dueOn', dueOn);
  }
  problems.throwIfAny();
  if (input.procedureId !== undefined) requireQualityManager(ctx, 'draft procedure changes');
  if (input.actionPlanId !== undefined) requireQualityManager(ctx, 'add actions to plans');
  return ctx.db.transaction().execute(async (tx) => {
    const issue = await getIssue(tx, ctx.agency.id, engagementId, issueId, { forUpdate: true });
    if (!issue) throw notFound(`Issue ${issueId} of engagement ${engagementId}`);
    const description = input.description?.trim() || issue.description;
    if (!description) throw invalid('description', 'must not be blank');
    let link: { linked_type: 'procedure' | 'action_plan'; linked_id: number } | undefined;
    if (input.procedureId !== undefined) {
      const procedure = await findProcedure(tx, ctx.agency.id, input.procedureId, true);
      if (!procedure) throw invalid('procedureId', `there is no procedure ${input.procedureId} in the library`);
      const newest = (await listVersions(tx, ctx.agency.id, input.procedureId))[0];
      const request = `> Change requested from an issue raised at an engagement: ${description.replace(/\n/g, '\n> ')}`;
      const version = await insertDraftVersion(tx, ctx.agency.id, input.procedureId, {
        title: newest?.title ?? `Procedure ${procedure.id}`,
        body: `${request}\n\n${newest?.body ?? ''}`.slice(0, 200_000),
        createdBy: ctx.actor.userId || null,
      });
      await recordAudit(tx, ctx, {
        action: 'procedure.version_drafted',
        entityType: 'procedure',
        entityId: input.procedureId,
        after: { version, from_engagement_issue: issueId },
      });
      link = { linked_type: 'procedure', linked_id: input.procedureId };
    }
    if (input.actionPlanId !== undefined) {
      const plan = await findPlan(tx, ctx.agency.id, input.actionPlanId, true);
      if (!plan) throw invalid('actionPlanId', `there is no action plan ${input.actionPlanId}`);
      if (plan.status !== 'open') {
        throw new AppError('conflict', `The plan is ${plan.status}; reopen it to add actions.`, [
          { field: 'actionPlanId', message: `the plan is ${plan.status}` },
        ]);
      }
      const title = description.length > 300 ? `${description.slice(0, 299)}…` : description;
      const [actionId] = await insertActions(tx, ctx.agency.id, input.actionPlanId, [
        { title, ownerUserId: ownerId, dueOn },
      ]);
      await touchPlan(tx, ctx.agency.id, input.actionPlanId);
      await recordAudit(tx, ctx, {
        action: 'action_plan.action_added',
        entityType: 'action_plan',
        entityId: input.actionPlanId,
        after: {
          action: title,
          action_id: actionId,
          owner_user_id: ownerId,
          due_on: dueOn,
          from_engagement_issue: issueId,
        },
      });
      link = { linked_type: 'action_plan', linked_id: input.actionPlanId };
    }
    const followUp = await insertFollowUp(tx, ctx.agency.id, {
      issue_id: issueId,
      kind,
      description,
      created_by_user_id: ctx.actor.userId || null,
      ...(link ?? {}),
    });
    await updateIssue(tx, ctx.agency.id, issueId, {
      ...(issue.outcome === null ? { outcome: kind } : {}),
      ...(issue.follow_up_status === 'open' ? { follow_up_status: 'in_progress' } : {}),
    });
    await recordAudit(tx, ctx, {
      action: 'engagement.issue_follow_up_created',
      entityType: 'engagement_issue',
      entityId: issueId,
      after: { follow_up_id: followUp.id, kind, description, ...(link ?? {}) },
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
