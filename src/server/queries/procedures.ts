// Read models of the procedures library: the list (with full-text search over approved text) and one procedure
// with its current version rendered to safe HTML, its history (with what each version asks of staff), and who has
// and has not acknowledged the approved version (and by when, when the version requires it).
import type { CommandContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { acknowledgementsOf, findProcedure, listProcedures, listVersions } from '../repositories/procedures.ts';
import { renderProcedureMarkdown } from '../../domain/procedure-markdown.ts';
import { addMonths } from '../../domain/training.ts';
import { obligationDueOn } from '../../domain/procedure-obligations.ts';
import type { ProcedureDetail, ProcedureSummary } from '../../shared/quality.ts';

/** The library, or the procedures whose approved text matches `q`. */
export async function listProcedureLibrary(ctx: CommandContext, q?: string): Promise<ProcedureSummary[]> {
  return listProcedures(ctx.db, ctx.agency.id, ctx.actor.userId, q);
}

/** One procedure: the approved version (else the newest draft) rendered, every version, acknowledgements. */
export async function getProcedure(ctx: CommandContext, id: number): Promise<ProcedureDetail> {
  const procedure = await findProcedure(ctx.db, ctx.agency.id, id);
  if (!procedure) throw notFound(`Procedure ${id}`);
  const versions = await listVersions(ctx.db, ctx.agency.id, id);
  const approved = versions.find((v) => v.status === 'approved');
  const current = approved ?? versions.find((v) => v.status === 'draft') ?? versions[0]!;
  const staff = approved ? await acknowledgementsOf(ctx.db, ctx.agency.id, id, approved.version) : [];
  const acknowledged = staff
    .filter((s) => s.at !== null)
    .map((s) => ({ userId: s.userId, name: s.name, at: s.at!.toISOString() }));
  return {
    id: procedure.id,
    kind: procedure.kind,
    reviewMonths: procedure.reviewMonths,
    reviewDueOn:
      approved?.effectiveOn && procedure.reviewMonths ? addMonths(approved.effectiveOn, procedure.reviewMonths) : null,
    current: {
      version: current.version,
      title: current.title,
      status: current.status,
      body: current.body,
      bodyHtml: renderProcedureMarkdown(current.body),
    },
    versions: versions.map((v) => ({
      version: v.version,
      title: v.title,
      status: v.status,
      effectiveOn: v.effectiveOn,
      createdByName: v.createdByName,
      createdAt: v.createdAt.toISOString(),
      decidedByName: v.decidedByName,
      decidedAt: v.decidedAt?.toISOString() ?? null,
      requiredCourse:
        v.requiredCourseId !== null ? { id: v.requiredCourseId, title: v.requiredCourseTitle ?? '' } : null,
      acknowledgementRequired: v.acknowledgementRequired,
      obligationsDueOn:
        v.effectiveOn && (v.acknowledgementRequired || v.requiredCourseId !== null)
          ? obligationDueOn(v.effectiveOn)
          : null,
    })),
    acknowledgements: {
      version: approved?.version ?? null,
      acknowledged,
      pending: staff.filter((s) => s.at === null).map((s) => ({ userId: s.userId, name: s.name })),
      required: approved?.acknowledgementRequired ?? false,
      dueOn: approved?.acknowledgementRequired && approved.effectiveOn ? obligationDueOn(approved.effectiveOn) : null,
    },
    acknowledgedByMe: acknowledged.some((a) => a.userId === ctx.actor.userId),
  };
}
