// Tracks an issue's follow-up to closure: its status (open, in progress, closed), a note on what was done, and when
// it was reported back to the group that raised it. The description and subject can be corrected.
import type { CommandContext } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { getIssue, updateIssue, type IssueRow } from '../../repositories/engagements.ts';
import { authorizeCommunityChange } from '../../policies/community.ts';
import type { UpdateIssueInput } from '../../../shared/community.ts';
import { checkVersion } from '../common.ts';
import { resolveSubjectCode } from './engagement-issue-raise.ts';

/** Applies the given fields; closing records when, reopening clears it. */
export async function updateEngagementIssue(
  ctx: CommandContext,
  engagementId: number,
  issueId: number,
  input: UpdateIssueInput,
): Promise<IssueRow> {
  authorizeCommunityChange(ctx, 'follow up issues raised');
  return ctx.db.transaction().execute(async (tx) => {
    const current = await getIssue(tx, ctx.agency.id, engagementId, issueId, { forUpdate: true });
    if (!current) throw notFound(`Issue ${issueId} of engagement ${engagementId}`);
    checkVersion(`Issue ${issueId}`, current.version, input.expectedVersion);
    const description = input.description?.trim();
    if (description === '') {
      throw new AppError('validation_failed', 'description: must not be blank', [
        { field: 'description', message: 'must not be blank' },
      ]);
    }
    const subjectCode =
      input.subject !== undefined ? await resolveSubjectCode(tx, ctx.agency.id, input.subject) : undefined;
    const status = input.followUpStatus;
    const next = await updateIssue(tx, ctx.agency.id, issueId, {
      ...(description !== undefined ? { description } : {}),
      ...(subjectCode !== undefined ? { subject_code: subjectCode } : {}),
      ...(status !== undefined ? { follow_up_status: status } : {}),
      ...(status === 'closed' && current.follow_up_status !== 'closed' ? { closed_at: new Date() } : {}),
      ...(status !== undefined && status !== 'closed' ? { closed_at: null } : {}),
      ...(input.followUpNote !== undefined ? { follow_up_note: input.followUpNote } : {}),
      ...(input.reportedBack === true && !current.reported_back_at ? { reported_back_at: new Date() } : {}),
      ...(input.reportedBack === false ? { reported_back_at: null } : {}),
    });
    await recordAudit(tx, ctx, {
      action: 'engagement.issue_updated',
      entityType: 'engagement_issue',
      entityId: issueId,
      before: { ...current },
      after: { ...next },
    });
    return next;
  });
}
