// Writes a new procedure (policy, procedure, call-centre script or desk guide) as its first draft version.
// One transaction, one audit event.
import type { CommandContext } from '../../context.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { insertDraftVersion, insertProcedure, type ProcedureKind } from '../../repositories/procedures.ts';
import { requireQualityManager } from '../../policies/quality.ts';
import { FieldProblems } from '../common.ts';
import { cleanText } from './action-plan-input.ts';
import { checkRequiredCourse, type VersionRequirementsInput } from './procedure-requirements.ts';

export const PROCEDURE_KINDS: readonly ProcedureKind[] = ['policy', 'procedure', 'script', 'desk_guide'];
export const MAX_PROCEDURE_BODY = 200_000;

/** Creates a procedure with draft version 1; supervisors and administrators. */
export async function createProcedure(
  ctx: CommandContext,
  input: {
    title: string;
    body: string;
    kind?: string | undefined;
    reviewMonths?: number | null | undefined;
  } & VersionRequirementsInput,
): Promise<{ id: number; version: number; status: 'draft'; title: string }> {
  requireQualityManager(ctx, 'write procedures');
  const problems = new FieldProblems();
  const title = cleanText(problems, 'title', input.title, 200);
  const body = cleanText(problems, 'body', input.body, MAX_PROCEDURE_BODY);
  const kind = (input.kind ?? 'procedure') as ProcedureKind;
  if (!PROCEDURE_KINDS.includes(kind)) problems.add('kind', `must be one of ${PROCEDURE_KINDS.join(', ')}`);
  problems.throwIfAny();
  const requiredCourseId = input.requiredCourseId ?? null;
  const acknowledgementRequired = input.acknowledgementRequired ?? false;
  return ctx.db.transaction().execute(async (tx) => {
    await checkRequiredCourse(tx, ctx.agency.id, requiredCourseId);
    const id = await insertProcedure(tx, ctx.agency.id, {
      kind,
      ownerUserId: ctx.actor.userId || null,
      reviewMonths: input.reviewMonths ?? null,
    });
    const version = await insertDraftVersion(tx, ctx.agency.id, id, {
      title,
      body,
      createdBy: ctx.actor.userId || null,
      requiredCourseId,
      acknowledgementRequired,
    });
    await recordAudit(tx, ctx, {
      action: 'procedure.created',
      entityType: 'procedure',
      entityId: id,
      after: {
        title,
        kind,
        review_months: input.reviewMonths ?? null,
        body: body.slice(0, 500),
        required_course_id: requiredCourseId,
        acknowledgement_required: acknowledgementRequired,
      },
    });
    return { id, version, status: 'draft' as const, title };
  });
}
