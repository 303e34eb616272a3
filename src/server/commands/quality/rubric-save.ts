// An administrator's edit of the review rubric (criteria: name, description, weight; the scale): saved as the next
// version, never changing an earlier one, so every review keeps the rubric it was scored with. One transaction, one
// audit event; an edit started from an older version than the newest is refused (409) rather than overwriting it.
import type { CommandContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { insertRubricVersion, latestRubric, rubricVersion } from '../../repositories/review-rubrics.ts';
import { rubricFromDraft, type RubricDraft } from '../../../domain/review-rubric.ts';
import { presentRubricVersion } from '../../queries/review-rubric.ts';
import type { RubricVersion } from '../../../shared/quality.ts';
import { FieldProblems, requireAdministrator } from '../common.ts';

/** Saves the edit as the rubric's next version (administrators). */
export async function saveRubric(
  ctx: CommandContext,
  input: RubricDraft & { basedOn: number | null },
): Promise<RubricVersion> {
  requireAdministrator(ctx, 'change the review rubric');
  const { criteria, problems: found } = rubricFromDraft(input);
  const problems = new FieldProblems();
  for (const [field, message] of found) problems.add(field, message);
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    const latest = await latestRubric(tx, ctx.agency.id);
    const newest = latest?.version ?? null;
    if (input.basedOn !== newest) {
      throw new AppError(
        'conflict',
        `The rubric has changed since you opened it: version ${newest ?? 'built-in'} is the newest, not ` +
          `${input.basedOn ?? 'built-in'}. Open it again and make your change there.`,
      );
    }
    const version = (newest ?? 0) + 1;
    const saved = await insertRubricVersion(
      tx,
      ctx.agency.id,
      { version, scaleMin: input.scaleMin, scaleMax: input.scaleMax, criteria },
      ctx.actor.userId || null,
    );
    if (saved === undefined)
      throw new AppError('conflict', 'Another edit of the rubric was saved first; open it again.');
    await recordAudit(tx, ctx, {
      action: 'review_rubric.versioned',
      entityType: 'review_rubric',
      entityId: String(version),
      before: latest ? { version: latest.version, criteria: latest.criteria } : null,
      after: { version, scale_min: input.scaleMin, scale_max: input.scaleMax, criteria },
    });
    return presentRubricVersion((await rubricVersion(tx, ctx.agency.id, version))!);
  });
}
