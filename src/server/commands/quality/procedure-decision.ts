// Approval of procedure versions (domain/version-approval.ts, shared with materials): draft → approved (the version
// approved before it is retired, so a procedure has one version in force; its effective date is today in the agency's
// time zone unless given) and approved → retired. Supervisors and administrators; every transition audited. An
// approved version that asks staff for an acknowledgement or a course tells each person who owes it
// (queries/procedure-obligations.ts) in the same transaction.
import type { CommandContext } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { findProcedure, listVersions, setVersionStatus, type ProcedureStatus } from '../../repositories/procedures.ts';
import { requireQualityManager } from '../../policies/quality.ts';
import { agencyToday } from '../../queries/action-plans.ts';
import { FieldProblems } from '../common.ts';
import { checkDate } from './action-plan-input.ts';
import { planVersionDecision, type VersionDecision } from '../../../domain/version-approval.ts';
import { owedObligations } from '../../queries/procedure-obligations.ts';
import { notify } from '../notifications/notify.ts';

type Decision = VersionDecision;

async function decide(
  ctx: CommandContext,
  procedureId: number,
  version: number,
  decision: Decision,
  effectiveOn?: string,
): Promise<{ id: number; version: number; status: ProcedureStatus; title: string }> {
  requireQualityManager(ctx, `${decision} procedures`);
  const problems = new FieldProblems();
  if (effectiveOn !== undefined) checkDate(problems, 'effectiveOn', effectiveOn);
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    const procedure = await findProcedure(tx, ctx.agency.id, procedureId, true);
    if (!procedure) throw notFound(`Procedure ${procedureId}`);
    const versions = await listVersions(tx, ctx.agency.id, procedureId);
    const target = versions.find((v) => v.version === version);
    if (!target) throw notFound(`Version ${version} of procedure ${procedureId}`);
    const plan = planVersionDecision(versions, version, decision);
    if (!plan.ok) throw new AppError('conflict', plan.problem);
    const before: Record<string, unknown> = { [`v${version}.status`]: target.status };
    const after: Record<string, unknown> = { [`v${version}.status`]: plan.to };
    if (plan.retires !== null) {
      await setVersionStatus(tx, ctx.agency.id, procedureId, plan.retires, { status: 'retired' });
      before[`v${plan.retires}.status`] = 'approved';
      after[`v${plan.retires}.status`] = 'retired';
    }
    if (decision === 'approve') {
      await setVersionStatus(tx, ctx.agency.id, procedureId, version, {
        status: 'approved',
        decidedBy: ctx.actor.userId || null,
        effectiveOn: effectiveOn ?? agencyToday(ctx),
      });
    } else {
      await setVersionStatus(tx, ctx.agency.id, procedureId, version, { status: 'retired' });
    }
    if (decision === 'approve') {
      if (target.requiredCourseId !== null) after.required_course_id = target.requiredCourseId;
      if (target.acknowledgementRequired) after.acknowledgement_required = true;
    }
    await recordAudit(tx, ctx, {
      action: `procedure.version_${plan.to}`,
      entityType: 'procedure',
      entityId: procedureId,
      before,
      after,
    });
    if (decision === 'approve' && (target.requiredCourseId !== null || target.acknowledgementRequired)) {
      await tellWhoOwes({ ...ctx, db: tx }, procedureId, version);
    }
    return { id: procedureId, version, status: plan.to as ProcedureStatus, title: target.title };
  });
}

/** Tells each person who owes the newly approved version an acknowledgement or its course (one notification each). */
async function tellWhoOwes(ctx: CommandContext, procedureId: number, version: number): Promise<void> {
  const owed = (await owedObligations(ctx, agencyToday(ctx))).filter(
    (o) => o.procedureId === procedureId && o.version === version,
  );
  const reading = owed.filter((o) => o.obligation === 'acknowledgement');
  const training = owed.filter((o) => o.obligation === 'training');
  if (reading.length) {
    const o = reading[0]!;
    await notify(ctx.db, ctx, {
      kind: 'procedure_acknowledgement_due',
      to: { userIds: reading.map((r) => r.userId) },
      summary: `Read and acknowledge “${o.procedureTitle}” version ${version} by ${o.dueOn}`,
      procedureId,
      subjectDetail: o.procedureTitle,
    });
  }
  if (training.length) {
    const o = training[0]!;
    await notify(ctx.db, ctx, {
      kind: 'training_due',
      to: { userIds: training.map((r) => r.userId) },
      summary: `“${o.procedureTitle}” version ${version} requires the training “${o.courseTitle}” by ${o.dueOn}`,
      subjectDetail: o.courseTitle ?? o.procedureTitle,
      consolePath: '/quality/training',
    });
  }
}

/** Approves a draft version; it comes into force and the one before it is retired. */
export function approveProcedureVersion(
  ctx: CommandContext,
  procedureId: number,
  version: number,
  effectiveOn?: string,
) {
  return decide(ctx, procedureId, version, 'approve', effectiveOn);
}

/** Retires an approved version (the procedure then has none in force). */
export function retireProcedureVersion(ctx: CommandContext, procedureId: number, version: number) {
  return decide(ctx, procedureId, version, 'retire');
}
