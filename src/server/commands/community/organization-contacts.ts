// An organisation's contacts are people of the directory (so their cases, letters and language are one record):
// linking a person with a role, and unlinking them.
import type { CommandContext } from '../../context.ts';
import { invalid, notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  deleteOrganizationContact,
  getOrganization,
  personExists,
  upsertOrganizationContact,
} from '../../repositories/organizations.ts';
import { authorizeCommunityChange } from '../../policies/community.ts';

/** Links a person as a contact of the organisation, or changes their role. */
export async function addOrganizationContact(
  ctx: CommandContext,
  organizationId: number,
  input: { personId: number; role?: string | undefined },
): Promise<void> {
  authorizeCommunityChange(ctx, 'change organisations');
  await ctx.db.transaction().execute(async (tx) => {
    const organization = await getOrganization(tx, ctx.agency.id, organizationId, { forUpdate: true });
    if (!organization) throw notFound(`Organisation ${organizationId}`);
    if (!(await personExists(tx, ctx.agency.id, input.personId))) {
      throw invalid('personId', `person ${input.personId} is not in this agency's directory`);
    }
    const role = input.role?.trim() ?? '';
    await upsertOrganizationContact(tx, ctx.agency.id, organizationId, input.personId, role);
    await recordAudit(tx, ctx, {
      action: 'organization.contact_added',
      entityType: 'organization',
      entityId: organizationId,
      after: { person_id: input.personId, role },
    });
  });
}

/** Unlinks a contact (the person stays in the directory). */
export async function removeOrganizationContact(
  ctx: CommandContext,
  organizationId: number,
  personId: number,
): Promise<void> {
  authorizeCommunityChange(ctx, 'change organisations');
  await ctx.db.transaction().execute(async (tx) => {
    const organization = await getOrganization(tx, ctx.agency.id, organizationId, { forUpdate: true });
    if (!organization) throw notFound(`Organisation ${organizationId}`);
    if (!(await deleteOrganizationContact(tx, ctx.agency.id, organizationId, personId))) {
      throw notFound(`Contact ${personId} of organisation ${organizationId}`);
    }
    await recordAudit(tx, ctx, {
      action: 'organization.contact_removed',
      entityType: 'organization',
      entityId: organizationId,
      before: { person_id: personId },
    });
  });
}
