// Adds a material (flyer, brochure, fact sheet, call-centre script) to the library; its versions come after.
import type { CommandContext } from '../../context.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { insertMaterial, type MaterialKind } from '../../repositories/materials.ts';
import { findSubject } from '../../repositories/engagements.ts';
import { authorizeCommunityChange } from '../../policies/community.ts';
import { FieldProblems, cleanName } from '../common.ts';
import type { CreateMaterialInput } from '../../../shared/materials.ts';

/** Creates a material; returns its id. */
export async function createMaterial(ctx: CommandContext, input: CreateMaterialInput): Promise<{ id: number }> {
  authorizeCommunityChange(ctx, 'add materials');
  const problems = new FieldProblems();
  const title = cleanName(problems, 'title', input.title)!;
  const subjectCode = input.subjectCode?.trim() || null;
  if (subjectCode && !(await findSubject(ctx.db, ctx.agency.id, subjectCode))) {
    problems.add('subjectCode', `no subject has the code "${subjectCode}"`);
  }
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    const id = await insertMaterial(tx, ctx.agency.id, {
      title,
      kind: input.kind as MaterialKind,
      description: input.description?.trim() ?? '',
      subjectCode,
      createdBy: ctx.actor.userId || null,
    });
    await recordAudit(tx, ctx, {
      action: 'material.created',
      entityType: 'material',
      entityId: id,
      after: { title, kind: input.kind, subject_code: subjectCode },
    });
    return { id };
  });
}
