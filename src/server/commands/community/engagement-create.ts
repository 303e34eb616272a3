// Puts an engagement on the calendar: an advocate meeting, presentation, workshop, outreach event or forum, with its
// time, place or link, audience, languages, organisations taking part and attendance.
import type { CommandContext } from '../../context.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  insertEngagement,
  replaceEngagementOrganizations,
  type EngagementRow,
} from '../../repositories/engagements.ts';
import { authorizeCommunityChange } from '../../policies/community.ts';
import type { CreateEngagementInput } from '../../../shared/community.ts';
import { FieldProblems, cleanName } from '../common.ts';
import { checkEngagementFields, checkRecurrence } from './engagement-input.ts';

/** Adds an engagement; nothing is written when a field is wrong. */
export async function createEngagement(ctx: CommandContext, input: CreateEngagementInput): Promise<EngagementRow> {
  authorizeCommunityChange(ctx, 'plan engagements');
  const problems = new FieldProblems();
  const title = cleanName(problems, 'title', input.title)!;
  const fields = await checkEngagementFields(ctx.db, ctx.agency.id, problems, input);
  const first = fields.startsAt && fields.endsAt ? { start: fields.startsAt, end: fields.endsAt } : undefined;
  const series = checkRecurrence(problems, input.recurrence, first, ctx.agency.timeZone);
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    const created = await insertEngagement(tx, ctx.agency.id, {
      kind: input.kind,
      title,
      starts_at: fields.startsAt!,
      ends_at: fields.endsAt!,
      location: fields.location ?? null,
      area: fields.area ?? null,
      link: fields.link ?? null,
      audience: input.audience ?? '',
      languages: fields.languages ?? [],
      interpretation: input.interpretation ?? '',
      attendance: input.attendance ?? null,
      agenda: input.agenda ?? '',
      minutes: input.minutes ?? '',
      ...(series ?? {}),
      created_by_user_id: ctx.actor.userId || null,
    });
    await replaceEngagementOrganizations(tx, ctx.agency.id, created.id, fields.organizationIds ?? []);
    await recordAudit(tx, ctx, {
      action: 'engagement.created',
      entityType: 'engagement',
      entityId: created.id,
      after: { ...created, organization_ids: fields.organizationIds ?? [] },
    });
    return created;
  });
}
