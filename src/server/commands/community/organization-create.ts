// Adds an organisation to the directory (advocacy groups, community and faith organisations, schools, employers,
// shelters, facilities, elected officials' offices, media outlets, government agencies).
import type { CommandContext } from '../../context.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { insertOrganization, type OrganizationRow } from '../../repositories/organizations.ts';
import { authorizeCommunityChange } from '../../policies/community.ts';
import { normalizeName } from '../../../domain/contact-normalization.ts';
import type { CreateOrganizationInput } from '../../../shared/community.ts';
import { FieldProblems, cleanName } from '../common.ts';
import { checkLanguages, checkLink, optionalText } from './community-input.ts';

/** Adds an organisation; its folded name is what the directory search matches. */
export async function createOrganization(
  ctx: CommandContext,
  input: CreateOrganizationInput,
): Promise<OrganizationRow> {
  authorizeCommunityChange(ctx, 'add organisations');
  const problems = new FieldProblems();
  const name = cleanName(problems, 'name', input.name)!;
  const languages = checkLanguages(problems, 'languages', input.languages) ?? [];
  const website = checkLink(problems, 'website', input.website);
  if (input.email?.trim() && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.email.trim())) {
    problems.add('email', 'is not an email address');
  }
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    const created = await insertOrganization(tx, ctx.agency.id, {
      name,
      search_name: normalizeName(name),
      type: input.type,
      languages,
      address: optionalText(input.address) ?? null,
      phone: optionalText(input.phone) ?? null,
      email: optionalText(input.email) ?? null,
      website: website ?? null,
      notes: input.notes ?? '',
    });
    await recordAudit(tx, ctx, {
      action: 'organization.created',
      entityType: 'organization',
      entityId: created.id,
      after: { ...created, search_name: undefined },
    });
    return created;
  });
}
