// Records an issue raised at an engagement, coded by subject like every case so that it counts in the same trends.
import type { CommandContext } from '../../context.ts';
import type { Db } from '../../db/database.ts';
import { invalid, notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { findSubject, getEngagement, insertIssue, type IssueRow } from '../../repositories/engagements.ts';
import { authorizeCommunityChange } from '../../policies/community.ts';

/**
 * The subject code for what the caller sent: a subject code of the agency (as POST /cases takes it), or a subject's
 * numeric id; 400 naming `subject` when it is neither or no longer in use.
 */
export async function resolveSubjectCode(db: Db, agencyId: number, value: string | number): Promise<string> {
  const text = typeof value === 'number' ? String(value) : value.trim();
  let subject = typeof value === 'number' ? undefined : await findSubject(db, agencyId, text);
  if (!subject && /^\d{1,9}$/.test(text)) subject = await findSubject(db, agencyId, Number(text));
  if (!subject) throw invalid('subject', `"${text}" is not a subject code of this agency`);
  if (!subject.active) throw invalid('subject', `"${subject.code}" is no longer in use`);
  return subject.code;
}

/** Adds an issue to an engagement of the agency. */
export async function raiseEngagementIssue(
  ctx: CommandContext,
  engagementId: number,
  input: { description: string; subject: string | number },
): Promise<IssueRow> {
  authorizeCommunityChange(ctx, 'record issues raised');
  const description = input.description.trim();
  if (!description) throw invalid('description', 'must not be blank');
  return ctx.db.transaction().execute(async (tx) => {
    const engagement = await getEngagement(tx, ctx.agency.id, engagementId, { forUpdate: true });
    if (!engagement) throw notFound(`Engagement ${engagementId}`);
    const subjectCode = await resolveSubjectCode(tx, ctx.agency.id, input.subject);
    const issue = await insertIssue(tx, ctx.agency.id, {
      engagement_id: engagementId,
      description,
      subject_code: subjectCode,
      created_by_user_id: ctx.actor.userId || null,
    });
    await recordAudit(tx, ctx, {
      action: 'engagement.issue_raised',
      entityType: 'engagement_issue',
      entityId: issue.id,
      after: { engagement_id: engagementId, description, subject_code: subjectCode },
    });
    return issue;
  });
}
