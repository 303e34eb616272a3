// What a procedure version asks of staff once it is in force: a training course to complete and/or an
// acknowledgement that they read it. Set when a version is drafted (procedure-create, procedure-version-add) or on
// a draft afterwards (here); an approved or retired version keeps what it was approved with. One transaction, one
// audit event.
import type { CommandContext } from '../../context.ts';
import type { Db } from '../../db/database.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { findProcedure, listVersions, setVersionRequirements } from '../../repositories/procedures.ts';
import { courseTitle } from '../../repositories/training.ts';
import { requireQualityManager } from '../../policies/quality.ts';

export interface VersionRequirementsInput {
  requiredCourseId?: number | null | undefined;
  acknowledgementRequired?: boolean | undefined;
}

/** Refuses (400, naming requiredCourseId) a course that is not one of the agency's. */
export async function checkRequiredCourse(tx: Db, agencyId: number, courseId: number | null): Promise<void> {
  if (courseId === null) return;
  if ((await courseTitle(tx, agencyId, courseId)) === null) {
    throw new AppError('validation_failed', `requiredCourseId: there is no training course ${courseId}.`, [
      { field: 'requiredCourseId', message: 'is not a training course of this agency' },
    ]);
  }
}

/** Sets the required course and the acknowledgement of a draft version; supervisors and administrators. */
export async function setProcedureVersionRequirements(
  ctx: CommandContext,
  procedureId: number,
  version: number,
  input: { requiredCourseId: number | null; acknowledgementRequired: boolean },
): Promise<{ version: number; requiredCourseId: number | null; acknowledgementRequired: boolean }> {
  requireQualityManager(ctx, 'write procedures');
  return ctx.db.transaction().execute(async (tx) => {
    if (!(await findProcedure(tx, ctx.agency.id, procedureId, true))) throw notFound(`Procedure ${procedureId}`);
    const target = (await listVersions(tx, ctx.agency.id, procedureId)).find((v) => v.version === version);
    if (!target) throw notFound(`Version ${version} of procedure ${procedureId}`);
    if (target.status !== 'draft') {
      throw new AppError(
        'conflict',
        `Version ${version} is ${target.status}; what a version asks of staff is set while it is a draft.`,
      );
    }
    await checkRequiredCourse(tx, ctx.agency.id, input.requiredCourseId);
    await setVersionRequirements(tx, ctx.agency.id, procedureId, version, input);
    await recordAudit(tx, ctx, {
      action: 'procedure.version_requirements_set',
      entityType: 'procedure',
      entityId: procedureId,
      before: {
        version,
        required_course_id: target.requiredCourseId,
        acknowledgement_required: target.acknowledgementRequired,
      },
      after: {
        version,
        required_course_id: input.requiredCourseId,
        acknowledgement_required: input.acknowledgementRequired,
      },
    });
    return { version, ...input };
  });
}
