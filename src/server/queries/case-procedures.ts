// The procedures for the case at hand: the approved procedures linked from the case's subject (or a subject above
// it) and from the routing rules its facts match now. The case is read through the case policies, so a case the
// reader may not see has no procedures either (404).
import type { CommandContext } from '../context.ts';
import { findVisibleCase } from '../repositories/cases.ts';
import { linksFrom, listProcedures, subjectByCode } from '../repositories/procedures.ts';
import { intakeConfiguration } from '../repositories/intake-configuration.ts';
import { evaluateRules } from '../../domain/routing-rules.ts';
import type { CaseProcedure } from '../../shared/quality.ts';

/** The approved procedures linked from the case's subject or from the routing rules its facts match. */
export async function caseProcedures(ctx: CommandContext, trackingNumber: string): Promise<CaseProcedure[]> {
  const current = await findVisibleCase(ctx.db, ctx, trackingNumber);
  const subjectCodes: string[] = [];
  for (let code = current.subject_code; code && !subjectCodes.includes(code);) {
    subjectCodes.push(code);
    code = (await subjectByCode(ctx.db, ctx.agency.id, code))?.parent_code ?? null;
  }
  const configuration = await intakeConfiguration(ctx.db, ctx.agency.id);
  const matched = evaluateRules(configuration.rules, {
    channel: current.channel,
    subject: current.subject_code,
    text: current.description,
    writerType: current.writer_type,
    language: current.language,
    facility: current.facility,
  }).matched;
  const links = await linksFrom(ctx.db, ctx.agency.id, { subjectCodes, ruleIds: matched.map((r) => r.id) });
  if (!links.length) return [];
  const approved = (await listProcedures(ctx.db, ctx.agency.id, ctx.actor.userId)).filter(
    (p) => p.status === 'approved' && links.some((l) => l.procedureId === p.id),
  );
  return approved.map((p) => ({
    id: p.id,
    title: p.title,
    kind: p.kind,
    version: p.version,
    effectiveOn: p.effectiveOn,
    acknowledgedByMe: p.acknowledgedByMe,
    because: links
      .filter((l) => l.procedureId === p.id)
      .map((l) =>
        l.subjectCode ? `subject ${l.subjectName ?? l.subjectCode}` : `routing rule ${l.routingRuleName ?? ''}`,
      ),
  }));
}
