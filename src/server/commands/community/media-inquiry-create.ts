// Logs a media inquiry: outlet, reporter, topic and the reporter's deadline, which is the queue's clock.
import type { CommandContext } from '../../context.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { insertMediaInquiry, type MediaInquiryRow } from '../../repositories/media-inquiries.ts';
import { getOrganization } from '../../repositories/organizations.ts';
import { authorizeCommunityChange } from '../../policies/community.ts';
import type { CreateMediaInquiryInput } from '../../../shared/community.ts';
import { FieldProblems, cleanName } from '../common.ts';
import { parseDateTime } from './community-input.ts';

/** Adds an inquiry to the media queue; nothing is written when a field is wrong. */
export async function createMediaInquiry(
  ctx: CommandContext,
  input: CreateMediaInquiryInput,
): Promise<MediaInquiryRow> {
  authorizeCommunityChange(ctx, 'log media inquiries');
  const problems = new FieldProblems();
  const outlet = cleanName(problems, 'outlet', input.outlet)!;
  const reporter = cleanName(problems, 'reporter', input.reporter)!;
  const topic = cleanName(problems, 'topic', input.topic)!;
  const deadlineAt = parseDateTime(problems, 'deadlineAt', input.deadlineAt);
  const receivedAt = parseDateTime(problems, 'receivedAt', input.receivedAt) ?? new Date();
  if (input.deadlineAt === undefined) problems.add('deadlineAt', 'is required');
  // A deadline already past is accepted: inquiries are sometimes logged after the fact, and the clock shows overdue.
  if (
    input.outletOrganizationId !== undefined &&
    !(await getOrganization(ctx.db, ctx.agency.id, input.outletOrganizationId))
  ) {
    problems.add('outletOrganizationId', `${input.outletOrganizationId} is not an organisation of this agency`);
  }
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    const created = await insertMediaInquiry(tx, ctx.agency.id, {
      outlet,
      outlet_organization_id: input.outletOrganizationId ?? null,
      reporter,
      reporter_contact: input.reporterContact?.trim() ?? '',
      topic,
      deadline_at: deadlineAt!,
      received_at: receivedAt,
    });
    await recordAudit(tx, ctx, {
      action: 'media_inquiry.created',
      entityType: 'media_inquiry',
      entityId: created.id,
      after: { ...created },
    });
    return created;
  });
}
