// The distribution log: how many copies of a material, in which language, went to whom — an engagement, an
// organisation, or a named recipient. Only a language with an approved version can be handed out.
import type { CommandContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { findMaterial, insertDistribution, listMaterialVersions } from '../../repositories/materials.ts';
import { getEngagement } from '../../repositories/engagements.ts';
import { getOrganization } from '../../repositories/organizations.ts';
import { authorizeCommunityChange } from '../../policies/community.ts';
import { FieldProblems } from '../common.ts';
import { isCalendarDate, localDate } from '../../../shared/local-time.ts';
import type { RecordDistributionInput } from '../../../shared/materials.ts';

/** Records a distribution; returns its id. */
export async function recordDistribution(
  ctx: CommandContext,
  materialId: number,
  input: RecordDistributionInput,
): Promise<{ id: number }> {
  authorizeCommunityChange(ctx, 'record distributions');
  const problems = new FieldProblems();
  const today = localDate(new Date(), ctx.agency.timeZone);
  if (!isCalendarDate(input.distributedOn)) problems.add('distributedOn', 'must be a real date written YYYY-MM-DD');
  else if (input.distributedOn > today) problems.add('distributedOn', `cannot be in the future (today is ${today})`);
  const recipient = input.recipient?.trim() ?? '';
  if (!input.engagementId && !input.organizationId && !recipient) {
    problems.add('recipient', 'say who received the copies: an engagement, an organisation or a recipient');
  }
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    const material = await findMaterial(tx, ctx.agency.id, materialId, true);
    if (!material) throw notFound(`Material ${materialId}`);
    const versions = await listMaterialVersions(tx, ctx.agency.id, [materialId]);
    if (!versions.some((v) => v.language === input.language && v.status === 'approved')) {
      problems.add('language', `"${material.title}" has no approved version in this language`);
    }
    if (input.engagementId && !(await getEngagement(tx, ctx.agency.id, input.engagementId))) {
      problems.add('engagementId', `no engagement ${input.engagementId}`);
    }
    if (input.organizationId && !(await getOrganization(tx, ctx.agency.id, input.organizationId))) {
      problems.add('organizationId', `no organisation ${input.organizationId}`);
    }
    problems.throwIfAny();
    const id = await insertDistribution(tx, ctx.agency.id, materialId, {
      language: input.language,
      quantity: input.quantity,
      distributedOn: input.distributedOn,
      engagementId: input.engagementId ?? null,
      organizationId: input.organizationId ?? null,
      recipient,
      note: input.note?.trim() ?? '',
      recordedBy: ctx.actor.userId || null,
    });
    await recordAudit(tx, ctx, {
      action: 'material.distributed',
      entityType: 'material',
      entityId: materialId,
      after: {
        language: input.language,
        quantity: input.quantity,
        distributed_on: input.distributedOn,
        engagement_id: input.engagementId ?? null,
        organization_id: input.organizationId ?? null,
      },
    });
    return { id };
  });
}
