// Changes an organisation of the directory: name, type, languages served, address and contact points, notes,
// (de)activation. Optimistic: a stale expectedVersion is refused.
import type { CommandContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { getOrganization, updateOrganization, type OrganizationRow } from '../../repositories/organizations.ts';
import { authorizeCommunityChange } from '../../policies/community.ts';
import { normalizeName } from '../../../domain/contact-normalization.ts';
import type { UpdateOrganizationInput } from '../../../shared/community.ts';
import { FieldProblems, checkVersion, cleanName } from '../common.ts';
import { checkLanguages, checkLink, optionalText } from './community-input.ts';

/** Applies the given fields; absent fields stay as they are. */
export async function updateOrganizationDetails(
  ctx: CommandContext,
  id: number,
  input: UpdateOrganizationInput,
): Promise<OrganizationRow> {
  authorizeCommunityChange(ctx, 'change organisations');
  const problems = new FieldProblems();
  const name = cleanName(problems, 'name', input.name);
  const languages = checkLanguages(problems, 'languages', input.languages);
  const website = checkLink(problems, 'website', input.website);
  if (input.email?.trim() && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.email.trim())) {
    problems.add('email', 'is not an email address');
  }
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    const current = await getOrganization(tx, ctx.agency.id, id, { forUpdate: true });
    if (!current) throw notFound(`Organisation ${id}`);
    checkVersion(`Organisation ${current.name}`, current.version, input.expectedVersion);
    const next = await updateOrganization(tx, ctx.agency.id, id, {
      ...(name !== undefined ? { name, search_name: normalizeName(name) } : {}),
      ...(input.type !== undefined ? { type: input.type } : {}),
      ...(languages !== undefined ? { languages } : {}),
      ...(input.address !== undefined ? { address: optionalText(input.address) ?? null } : {}),
      ...(input.phone !== undefined ? { phone: optionalText(input.phone) ?? null } : {}),
      ...(input.email !== undefined ? { email: optionalText(input.email) ?? null } : {}),
      ...(website !== undefined ? { website } : {}),
      ...(input.notes !== undefined ? { notes: input.notes } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    });
    await recordAudit(tx, ctx, {
      action: 'organization.updated',
      entityType: 'organization',
      entityId: id,
      before: { ...current, search_name: undefined },
      after: { ...next, search_name: undefined },
    });
    return next;
  });
}
