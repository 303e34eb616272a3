// Who owes what to the procedure versions in force: every active staff member (auditors, who only read, aside) owes
// each version that asks for it an acknowledgement and a completion of its required course, due
// PROCEDURE_OBLIGATION_DAYS after the effective date (domain/procedure-obligations.ts). Procedures are linked to
// subjects and routing rules, not to units, so a version applies to all staff of the agency. Read by the training
// needs, the procedure screen and the quality reminder sweep.
import type { CommandContext } from '../context.ts';
import { acknowledgementKeys, versionsInForceWithObligations } from '../repositories/procedures.ts';
import { activeStaff, latestCompletions } from '../repositories/training.ts';
import { courseMeetsVersion, obligationDueOn, obligationStanding } from '../../domain/procedure-obligations.ts';
import { localDate } from '../../shared/local-time.ts';

export interface OwedObligation {
  procedureId: number;
  version: number;
  procedureTitle: string;
  effectiveOn: string;
  dueOn: string;
  standing: 'owed' | 'overdue';
  userId: number;
  name: string;
  obligation: 'acknowledgement' | 'training';
  /** The course to complete (training only). */
  courseId: number | null;
  courseTitle: string | null;
}

/** Every obligation of the versions in force not met yet, as of `today` (a local date of the agency). */
export async function owedObligations(ctx: CommandContext, today: string): Promise<OwedObligation[]> {
  const versions = await versionsInForceWithObligations(ctx.db, ctx.agency.id);
  if (!versions.length) return [];
  const [staff, completions, acknowledged] = await Promise.all([
    activeStaff(ctx.db, ctx.agency.id),
    latestCompletions(ctx.db, ctx.agency.id),
    acknowledgementKeys(
      ctx.db,
      ctx.agency.id,
      versions.map((v) => v.procedureId),
    ),
  ]);
  const owed: OwedObligation[] = [];
  for (const v of versions) {
    const approvedOn = v.decidedAt ? localDate(v.decidedAt, ctx.agency.timeZone) : null;
    const common = {
      procedureId: v.procedureId,
      version: v.version,
      procedureTitle: v.title,
      effectiveOn: v.effectiveOn,
      dueOn: obligationDueOn(v.effectiveOn),
      standing: obligationStanding(v.effectiveOn, today),
    };
    for (const person of staff) {
      if (person.role === 'auditor') continue;
      const who = { userId: person.id, name: person.name };
      if (v.acknowledgementRequired && !acknowledged.has(`${v.procedureId}|${v.version}|${person.id}`)) {
        owed.push({ ...common, ...who, obligation: 'acknowledgement', courseId: null, courseTitle: null });
      }
      if (v.requiredCourseId !== null) {
        const last = completions.get(`${v.requiredCourseId}|${person.id}`) ?? null;
        if (!courseMeetsVersion(last, { effectiveOn: v.effectiveOn, approvedOn })) {
          owed.push({
            ...common,
            ...who,
            obligation: 'training',
            courseId: v.requiredCourseId,
            courseTitle: v.requiredCourseTitle,
          });
        }
      }
    }
  }
  return owed;
}
