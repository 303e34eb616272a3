// Links from a subject or a routing rule to a procedure, so the case screen shows the procedure for the case at hand.
// Supervisors and administrators add and remove them; each change is one transaction with one audit event.
import type { CommandContext } from '../../context.ts';
import { AppError, invalid, notFound } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  deleteLink,
  findProcedure,
  insertLink,
  linksOfProcedure,
  routingRuleExists,
  subjectByCode,
  type ProcedureLinkRow,
} from '../../repositories/procedures.ts';
import { requireQualityManager } from '../../policies/quality.ts';

/** Links a procedure from a subject (by code) or a routing rule (by id), exactly one of them. */
export async function linkProcedure(
  ctx: CommandContext,
  procedureId: number,
  input: { subjectCode?: string | undefined; routingRuleId?: number | undefined },
): Promise<ProcedureLinkRow> {
  requireQualityManager(ctx, 'link procedures');
  if ((input.subjectCode === undefined) === (input.routingRuleId === undefined)) {
    throw invalid('subjectCode', 'give either a subject code or a routing rule id (routingRuleId), not both');
  }
  return ctx.db.transaction().execute(async (tx) => {
    if (!(await findProcedure(tx, ctx.agency.id, procedureId))) throw notFound(`Procedure ${procedureId}`);
    let subjectId: number | null = null;
    if (input.subjectCode !== undefined) {
      const subject = await subjectByCode(tx, ctx.agency.id, input.subjectCode.trim());
      if (!subject) throw invalid('subjectCode', `no subject has the code “${input.subjectCode}”`);
      subjectId = subject.id;
    } else if (!(await routingRuleExists(tx, ctx.agency.id, input.routingRuleId!))) {
      throw invalid('routingRuleId', `no routing rule has id ${input.routingRuleId}`);
    }
    const id = await insertLink(tx, ctx.agency.id, {
      procedureId,
      subjectId,
      routingRuleId: subjectId === null ? input.routingRuleId! : null,
      createdBy: ctx.actor.userId || null,
    });
    if (id === undefined) throw new AppError('conflict', 'The procedure is already linked from there.');
    const link = (await linksOfProcedure(tx, ctx.agency.id, procedureId)).find((l) => l.id === id)!;
    await recordAudit(tx, ctx, {
      action: 'procedure.linked',
      entityType: 'procedure',
      entityId: procedureId,
      after: { subject: link.subjectCode, routing_rule: link.routingRuleName },
    });
    return link;
  });
}

/** Removes a link of a procedure. */
export async function unlinkProcedure(ctx: CommandContext, procedureId: number, linkId: number): Promise<void> {
  requireQualityManager(ctx, 'link procedures');
  await ctx.db.transaction().execute(async (tx) => {
    const link = (await linksOfProcedure(tx, ctx.agency.id, procedureId)).find((l) => l.id === linkId);
    if (!link || !(await deleteLink(tx, ctx.agency.id, procedureId, linkId))) {
      throw notFound(`Link ${linkId} of procedure ${procedureId}`);
    }
    await recordAudit(tx, ctx, {
      action: 'procedure.unlinked',
      entityType: 'procedure',
      entityId: procedureId,
      before: { subject: link.subjectCode, routing_rule: link.routingRuleName },
    });
  });
}
