// Drafts a new version of a material in one language (a translation or a revision); the approved version of that
// language stays in use until the draft is approved.
import type { CommandContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { findMaterial, insertMaterialVersion } from '../../repositories/materials.ts';
import { authorizeCommunityChange } from '../../policies/community.ts';
import { FieldProblems } from '../common.ts';
import { isLanguageCode } from '../../../shared/languages.ts';
import { isCalendarDate } from '../../../shared/local-time.ts';
import type { AddMaterialVersionInput } from '../../../shared/materials.ts';

/** Adds a draft version; returns its id and its number within the language. */
export async function addMaterialVersion(ctx: CommandContext, materialId: number, input: AddMaterialVersionInput) {
  authorizeCommunityChange(ctx, 'draft materials');
  const problems = new FieldProblems();
  if (!isLanguageCode(input.language)) problems.add('language', `"${input.language}" is not a supported language code`);
  if (input.reviewOn !== undefined && !isCalendarDate(input.reviewOn)) {
    problems.add('reviewOn', 'must be a real date written YYYY-MM-DD');
  }
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    if (!(await findMaterial(tx, ctx.agency.id, materialId, true))) throw notFound(`Material ${materialId}`);
    const created = await insertMaterialVersion(tx, ctx.agency.id, materialId, {
      language: input.language,
      reviewOn: input.reviewOn ?? null,
      note: input.note?.trim() ?? '',
      createdBy: ctx.actor.userId || null,
    });
    await recordAudit(tx, ctx, {
      action: 'material.version_drafted',
      entityType: 'material',
      entityId: materialId,
      after: { language: input.language, version: created.version, review_on: input.reviewOn ?? null },
    });
    return created;
  });
}
