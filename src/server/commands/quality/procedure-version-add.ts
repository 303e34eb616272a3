// Drafts a new version of a procedure (its text changed); the approved version stays in force until the new one is
// approved. The draft starts with the files of the version in force (else of the newest version) and, unless given,
// with what that version asks of staff (its required course and acknowledgement). One transaction, one audit event.
import type { CommandContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { findProcedure, insertDraftVersion, listVersions } from '../../repositories/procedures.ts';
import { copyVersionFiles } from '../../repositories/quality-files.ts';
import { requireQualityManager } from '../../policies/quality.ts';
import { FieldProblems } from '../common.ts';
import { cleanText } from './action-plan-input.ts';
import { MAX_PROCEDURE_BODY } from './procedure-create.ts';
import { checkRequiredCourse, type VersionRequirementsInput } from './procedure-requirements.ts';

/** Adds a draft version (title kept from the newest version when left out); supervisors and administrators. */
export async function addProcedureVersion(
  ctx: CommandContext,
  procedureId: number,
  input: { title?: string | undefined; body: string } & VersionRequirementsInput,
): Promise<{ id: number; version: number; status: 'draft'; title: string }> {
  requireQualityManager(ctx, 'write procedures');
  const problems = new FieldProblems();
  const body = cleanText(problems, 'body', input.body, MAX_PROCEDURE_BODY);
  const givenTitle = input.title === undefined ? undefined : cleanText(problems, 'title', input.title, 200);
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    const procedure = await findProcedure(tx, ctx.agency.id, procedureId, true);
    if (!procedure) throw notFound(`Procedure ${procedureId}`);
    const versions = await listVersions(tx, ctx.agency.id, procedureId);
    const title = givenTitle ?? versions[0]!.title;
    const from = versions.find((v) => v.status === 'approved') ?? versions[0]!;
    const requiredCourseId = input.requiredCourseId === undefined ? from.requiredCourseId : input.requiredCourseId;
    const acknowledgementRequired = input.acknowledgementRequired ?? from.acknowledgementRequired;
    await checkRequiredCourse(tx, ctx.agency.id, requiredCourseId);
    const version = await insertDraftVersion(tx, ctx.agency.id, procedureId, {
      title,
      body,
      createdBy: ctx.actor.userId || null,
      requiredCourseId,
      acknowledgementRequired,
    });
    const files = await copyVersionFiles(tx, ctx.agency.id, procedureId, from.version, version);
    await recordAudit(tx, ctx, {
      action: 'procedure.version_drafted',
      entityType: 'procedure',
      entityId: procedureId,
      after: {
        version,
        title,
        body: body.slice(0, 500),
        required_course_id: requiredCourseId,
        acknowledgement_required: acknowledgementRequired,
        ...(files ? { files_carried_over: files } : {}),
      },
    });
    return { id: procedureId, version, status: 'draft' as const, title };
  });
}
