// Approval of material versions, the same rule as procedures (domain/version-approval.ts): per language, draft →
// approved retires the version approved before it, approved → retired. Supervisors and administrators; a draft
// without a file cannot be approved (there would be nothing to hand out). Every decision audited.
import type { CommandContext } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { findMaterial, listMaterialVersions, setMaterialVersionStatus } from '../../repositories/materials.ts';
import { authorizePublicCommunication } from '../../policies/community.ts';
import { planVersionDecision, type VersionDecision } from '../../../domain/version-approval.ts';

async function decide(ctx: CommandContext, materialId: number, versionId: number, decision: VersionDecision) {
  authorizePublicCommunication(ctx, `${decision} materials`);
  return ctx.db.transaction().execute(async (tx) => {
    if (!(await findMaterial(tx, ctx.agency.id, materialId, true))) throw notFound(`Material ${materialId}`);
    const all = await listMaterialVersions(tx, ctx.agency.id, [materialId]);
    const target = all.find((v) => v.id === versionId);
    if (!target) throw notFound(`Version ${versionId} of material ${materialId}`);
    if (decision === 'approve' && !target.fileStorageKey) {
      throw new AppError('conflict', `Version ${target.version} (${target.language}) has no file yet; add it first.`, [
        { field: 'file', message: 'is required before approval' },
      ]);
    }
    const sameLanguage = all.filter((v) => v.language === target.language);
    const plan = planVersionDecision(sameLanguage, target.version, decision);
    if (!plan.ok) throw new AppError('conflict', plan.problem);
    const key = (version: number) => `${target.language}.v${version}.status`;
    const before: Record<string, unknown> = { [key(target.version)]: target.status };
    const after: Record<string, unknown> = { [key(target.version)]: plan.to };
    if (plan.retires !== null) {
      await setMaterialVersionStatus(tx, ctx.agency.id, materialId, target.language, plan.retires, {
        status: 'retired',
      });
      before[key(plan.retires)] = 'approved';
      after[key(plan.retires)] = 'retired';
    }
    await setMaterialVersionStatus(tx, ctx.agency.id, materialId, target.language, target.version, {
      status: plan.to,
      decidedBy: ctx.actor.userId || null,
    });
    await recordAudit(tx, ctx, {
      action: `material.version_${plan.to}`,
      entityType: 'material',
      entityId: materialId,
      before,
      after,
    });
  });
}

/** Approves a draft version of its language, retiring the one approved before it. */
export function approveMaterialVersion(ctx: CommandContext, materialId: number, versionId: number) {
  return decide(ctx, materialId, versionId, 'approve');
}

/** Retires an approved version: the language then has no version in use. */
export function retireMaterialVersion(ctx: CommandContext, materialId: number, versionId: number) {
  return decide(ctx, materialId, versionId, 'retire');
}
