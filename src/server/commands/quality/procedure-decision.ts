// Approval of procedure versions (domain/version-approval.ts, shared with materials): draft → approved (the version
// approved before it is retired, so a procedure has one version in force; its effective date is today in the agency's
// time zone unless given) and approved → retired. Supervisors and administrators; every transition audited.
import type { CommandContext } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { findProcedure, listVersions, setVersionStatus, type ProcedureStatus } from '../../repositories/procedures.ts';
import { requireQualityManager } from '../../policies/quality.ts';
import { agencyToday } from '../../queries/action-plans.ts';
import { FieldProblems } from '../common.ts';
import { checkDate } from './action-plan-input.ts';
import { planVersionDecision, type VersionDecision } from '../../../domain/version-approval.ts';

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
    await recordAudit(tx, ctx, {
      action: `procedure.version_${plan.to}`,
      entityType: 'procedure',
      entityId: procedureId,
      before,
      after,
    });
    return { id: procedureId, version, status: plan.to as ProcedureStatus, title: target.title };
  });
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
