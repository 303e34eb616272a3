// A staff member acknowledges having read the approved version of a procedure. Only the version in force can be
// acknowledged; acknowledging twice keeps the first time. One transaction, one audit event (the first time).
import type { CommandContext } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { acknowledge, findProcedure, listVersions } from '../../repositories/procedures.ts';
import { refuseAuditor } from '../../policies/quality.ts';

/** Records that the actor read an approved version. */
export async function acknowledgeProcedure(
  ctx: CommandContext,
  procedureId: number,
  version: number,
): Promise<{ acknowledgedAt: string }> {
  refuseAuditor(ctx);
  if (!ctx.actor.userId) throw new AppError('forbidden', 'Only a staff member can acknowledge a procedure.');
  return ctx.db.transaction().execute(async (tx) => {
    if (!(await findProcedure(tx, ctx.agency.id, procedureId))) throw notFound(`Procedure ${procedureId}`);
    const target = (await listVersions(tx, ctx.agency.id, procedureId)).find((v) => v.version === version);
    if (!target) throw notFound(`Version ${version} of procedure ${procedureId}`);
    if (target.status !== 'approved') {
      throw new AppError(
        'conflict',
        `Version ${version} is ${target.status}; only the approved version is acknowledged.`,
      );
    }
    const result = await acknowledge(tx, ctx.agency.id, procedureId, version, ctx.actor.userId);
    if (result.created) {
      await recordAudit(tx, ctx, {
        action: 'procedure.acknowledged',
        entityType: 'procedure',
        entityId: procedureId,
        after: { version, user: ctx.actor.name },
      });
    }
    return { acknowledgedAt: result.at.toISOString() };
  });
}
