// "Make a case" from an issue raised at an engagement: the case goes through intake (case-create, channel
// community_meeting) like every other door, so routing rules, service standards and deadlines apply; the issue
// records the case and its follow-up moves to in progress, in the same transaction as the intake.
import type { CommandContext } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Priority } from '../../db/schema.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { engagementExtras, getEngagement, getIssue, linkIssueCase } from '../../repositories/engagements.ts';
import { getOrganization } from '../../repositories/organizations.ts';
import type { IntakePerson } from '../../repositories/people.ts';
import { authorizeCommunityChange } from '../../policies/community.ts';
import { createCase } from '../cases/case-create.ts';
import { localDate } from '../../../shared/local-time.ts';
import { ENGAGEMENT_KIND_LABELS, type EngagementKind } from '../../../shared/community.ts';

export interface MakeCaseInput {
  person?: { firstName: string; lastName: string; email?: string; phone?: string; language?: string } | undefined;
  priority?: Priority | undefined;
}

/** Creates the case and links it to the issue; 409 when the issue already has one. */
export async function makeCaseFromIssue(
  ctx: CommandContext,
  engagementId: number,
  issueId: number,
  input: MakeCaseInput,
): Promise<{ trackingNumber: string; caseId: number }> {
  authorizeCommunityChange(ctx, 'make cases from issues raised');
  const engagement = await getEngagement(ctx.db, ctx.agency.id, engagementId);
  const issue = engagement ? await getIssue(ctx.db, ctx.agency.id, engagementId, issueId) : undefined;
  if (!engagement || !issue) throw notFound(`Issue ${issueId} of engagement ${engagementId}`);
  const alreadyCase = () =>
    new AppError('conflict', `Issue ${issueId} already became a case.`, [
      { field: 'issueId', message: 'already has a case' },
    ]);
  if (issue.case_id !== null) throw alreadyCase();

  const kindLabel = ENGAGEMENT_KIND_LABELS[engagement.kind as EngagementKind] ?? engagement.kind;
  const firstOrganizationId = (await engagementExtras(ctx.db, ctx.agency.id, [engagementId])).get(engagementId)
    ?.organizations[0]?.id;
  const organization =
    firstOrganizationId !== undefined ? await getOrganization(ctx.db, ctx.agency.id, firstOrganizationId) : undefined;
  // Who raised it: the named person, else the first organisation taking part (as an advocate), else the engagement.
  const person: IntakePerson = input.person
    ? { ...input.person, kind: 'constituent' }
    : organization
      ? {
          firstName: '',
          lastName: organization.name,
          organisation: organization.name,
          kind: 'advocate',
          ...(organization.email ? { email: organization.email } : {}),
          ...(organization.phone ? { phone: organization.phone } : {}),
        }
      : { firstName: '', lastName: `${kindLabel}: ${engagement.title}`.slice(0, 200), kind: 'constituent' };
  const day = localDate(engagement.starts_at, ctx.agency.timeZone);

  const row = await createCase(ctx, {
    channel: 'community_meeting',
    subject: issue.subject_code,
    description: issue.description,
    title: `Raised at ${kindLabel.toLowerCase()} "${engagement.title}" on ${day}`.slice(0, 1000),
    person,
    ...(input.priority ? { priority: input.priority } : {}),
    tags: ['community'],
    withinTransaction: async (tx, created) => {
      if (!(await linkIssueCase(tx, ctx.agency.id, issueId, created.id))) throw alreadyCase();
      await recordAudit(tx, ctx, {
        action: 'engagement.issue_case_created',
        entityType: 'engagement_issue',
        entityId: issueId,
        caseId: created.id,
        before: { outcome: issue.outcome, case_id: null, follow_up_status: issue.follow_up_status },
        after: { outcome: 'case', case_id: created.id, follow_up_status: 'in_progress' },
      });
    },
  });
  return { trackingNumber: row.tracking_number, caseId: row.id };
}
