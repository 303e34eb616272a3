// Changes an engagement: reschedule, record that it was held (attendance, minutes) or cancelled, change the
// organisations taking part. Optimistic: a stale expectedVersion is refused.
import type { CommandContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  engagementExtras,
  getEngagement,
  replaceEngagementOrganizations,
  updateEngagement,
  type EngagementRow,
} from '../../repositories/engagements.ts';
import { authorizeCommunityChange } from '../../policies/community.ts';
import type { UpdateEngagementInput } from '../../../shared/community.ts';
import { FieldProblems, checkVersion, cleanName } from '../common.ts';
import { checkEngagementFields, checkRecurrence } from './engagement-input.ts';

/** Applies the given fields; absent fields stay as they are. */
export async function updateEngagementDetails(
  ctx: CommandContext,
  id: number,
  input: UpdateEngagementInput,
): Promise<EngagementRow> {
  authorizeCommunityChange(ctx, 'change engagements');
  return ctx.db.transaction().execute(async (tx) => {
    const current = await getEngagement(tx, ctx.agency.id, id, { forUpdate: true });
    if (!current) throw notFound(`Engagement ${id}`);
    const problems = new FieldProblems();
    const title = cleanName(problems, 'title', input.title);
    const fields = await checkEngagementFields(tx, ctx.agency.id, problems, input, current);
    // A new rule, or new times for a series, is checked again against the (new) first meeting.
    const rule =
      input.recurrence !== undefined
        ? input.recurrence
        : fields.startsAt || fields.endsAt
          ? current.recurrence
          : undefined;
    const first = { start: fields.startsAt ?? current.starts_at, end: fields.endsAt ?? current.ends_at };
    const series = checkRecurrence(problems, rule, first, ctx.agency.timeZone);
    problems.throwIfAny();
    checkVersion(`Engagement "${current.title}"`, current.version, input.expectedVersion);
    const before = (await engagementExtras(tx, ctx.agency.id, [id])).get(id)!;
    const next = await updateEngagement(tx, ctx.agency.id, id, {
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(title !== undefined ? { title } : {}),
      ...(fields.startsAt ? { starts_at: fields.startsAt } : {}),
      ...(fields.endsAt ? { ends_at: fields.endsAt } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(fields.location !== undefined ? { location: fields.location } : {}),
      ...(fields.area !== undefined ? { area: fields.area } : {}),
      ...(fields.link !== undefined ? { link: fields.link } : {}),
      ...(input.audience !== undefined ? { audience: input.audience } : {}),
      ...(fields.languages !== undefined ? { languages: fields.languages } : {}),
      ...(input.interpretation !== undefined ? { interpretation: input.interpretation } : {}),
      ...(input.attendance !== undefined ? { attendance: input.attendance } : {}),
      ...(input.agenda !== undefined ? { agenda: input.agenda } : {}),
      ...(input.minutes !== undefined ? { minutes: input.minutes } : {}),
      ...(series ?? {}),
    });
    if (fields.organizationIds !== undefined) {
      await replaceEngagementOrganizations(tx, ctx.agency.id, id, fields.organizationIds);
    }
    await recordAudit(tx, ctx, {
      action: 'engagement.updated',
      entityType: 'engagement',
      entityId: id,
      before: { ...current, organization_ids: before.organizations.map((o) => o.id) },
      after: { ...next, organization_ids: fields.organizationIds ?? before.organizations.map((o) => o.id) },
    });
    return next;
  });
}
