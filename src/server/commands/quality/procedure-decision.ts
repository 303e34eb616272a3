// Approval of procedure versions, like templates: draft → approved (the version approved before it is retired, so a
// procedure has one version in force; its effective date is today in the agency's time zone unless given) and
// approved → retired. Supervisors and administrators; every transition audited.
import type { CommandContext } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { findProcedure, listVersions, setVersionStatus, type ProcedureStatus } from '../../repositories/procedures.ts';
import { requireQualityManager } from '../../policies/quality.ts';
import { agencyToday } from '../../queries/action-plans.ts';
import { FieldProblems } from '../admin-common.ts';
import { checkDate } from './action-plan-input.ts';

type Decision = 'approve' | 'retire';
const FROM: Record<Decision, ProcedureStatus> = { approve: 'draft', retire: 'approved' };
const TO: Record<Decision, ProcedureStatus> = { approve: 'approved', retire: 'retired' };

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
    if (target.status !== FROM[decision]) {
      throw new AppError(
        'conflict',
        `Version ${version} is ${target.status}; only a ${FROM[decision]} version can be ${TO[decision]}.`,
      );
    }
    const before: Record<string, unknown> = { [`v${version}.status`]: target.status };
    const after: Record<string, unknown> = { [`v${version}.status`]: TO[decision] };
    if (decision === 'approve') {
      const previous = versions.find((v) => v.status === 'approved');
      if (previous) {
        await setVersionStatus(tx, ctx.agency.id, procedureId, previous.version, { status: 'retired' });
        before[`v${previous.version}.status`] = 'approved';
        after[`v${previous.version}.status`] = 'retired';
      }
      await setVersionStatus(tx, ctx.agency.id, procedureId, version, {
        status: 'approved',
        decidedBy: ctx.actor.userId || null,
        effectiveOn: effectiveOn ?? agencyToday(ctx),
      });
    } else {
      await setVersionStatus(tx, ctx.agency.id, procedureId, version, { status: 'retired' });
    }
    await recordAudit(tx, ctx, {
      action: `procedure.version_${TO[decision]}`,
      entityType: 'procedure',
      entityId: procedureId,
      before,
      after,
    });
    return { id: procedureId, version, status: TO[decision], title: target.title };
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
