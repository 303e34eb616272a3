// Procedure reviews and training renewals, swept with the case deadlines (the deadline-sweep job). A procedure whose
// review comes due within PROCEDURE_REVIEW_WARNING_DAYS (its approved version's effective date plus its review
// cycle, local dates of the agency) tells its owner — else who approved it — once per due date. A staff member whose
// required course is due soon or overdue (the training matrix's own reckoning) is told once per due date and
// standing, and so are their supervisors. Whoever still owes a procedure version in force its acknowledgement or its
// required course once the due date has passed (PROCEDURE_OBLIGATION_DAYS after the effective date,
// domain/procedure-obligations.ts) is told once per version and obligation (procedure_obligation_reminders). Each reminder is one transaction with one audit event and its
// notifications through notify() (in the inbox, emailed by each person's preference), as the system.
import type { Config } from '../env.ts';
import type { Db } from '../db/database.ts';
import { recordAudit } from '../repositories/audit.ts';
import {
  agenciesWithQualityCycles,
  markReviewNotified,
  proceduresDueForReview,
  recordProcedureObligationReminder,
  recordTrainingReminder,
  supervisorsOf,
} from '../repositories/quality-reminders.ts';
import { systemActor, type CommandContext } from '../context.ts';
import { notify } from '../commands/notifications/notify.ts';
import { trainingMatrix } from '../queries/training.ts';
import { owedObligations } from '../queries/procedure-obligations.ts';
import { addLocalDays, localDate } from '../../shared/local-time.ts';

/** How many days before its review due date a procedure's owner is told. */
export const PROCEDURE_REVIEW_WARNING_DAYS = 30;

/**
 * Tells owners of procedures due for review, staff (and supervisors) of training due, and staff who still owe a
 * procedure version its acknowledgement or course past the due date; returns how many were told of each.
 */
export async function sweepQualityReminders(
  db: Db,
  now: Date,
  config: Pick<Config, 'publicUrl'>,
): Promise<{ procedures: number; training: number; obligations: number }> {
  const told = { procedures: 0, training: 0, obligations: 0 };
  for (const agency of await agenciesWithQualityCycles(db)) {
    const ctx: CommandContext = {
      db,
      agency: { id: agency.id, slug: agency.slug, name: agency.name, timeZone: agency.time_zone },
      actor: systemActor('deadline sweep'),
      requestId: null,
    };
    const today = localDate(now, agency.time_zone);

    const until = addLocalDays(today, PROCEDURE_REVIEW_WARNING_DAYS);
    for (const procedure of await proceduresDueForReview(db, agency.id, until)) {
      await db.transaction().execute(async (tx) => {
        if (!(await markReviewNotified(tx, agency.id, procedure.id, procedure.dueOn))) return;
        const txCtx = { ...ctx, db: tx };
        const overdue = procedure.dueOn < today;
        await recordAudit(tx, txCtx, {
          action: 'procedure.review_reminded',
          entityType: 'procedure',
          entityId: procedure.id,
          after: { review_notified_for: procedure.dueOn },
          reason: `The review of “${procedure.title}” is due on ${procedure.dueOn}.`,
        });
        if (procedure.recipientUserId !== null) {
          await notify(tx, txCtx, {
            kind: 'procedure_review_due',
            to: { userIds: [procedure.recipientUserId] },
            summary: overdue
              ? `The review of the procedure “${procedure.title}” was due on ${procedure.dueOn}`
              : `The review of the procedure “${procedure.title}” is due on ${procedure.dueOn}`,
            procedureId: procedure.id,
            subjectDetail: procedure.title,
            consoleUrl: config.publicUrl,
          });
        }
        told.procedures++;
      });
    }

    const matrix = await trainingMatrix(ctx, today);
    const titles = new Map(matrix.courses.map((c) => [c.id, c.title]));
    for (const person of matrix.staff) {
      for (const course of person.courses) {
        if (!course.required || course.dueOn === null) continue;
        if (course.status !== 'due_soon' && course.status !== 'overdue') continue;
        const standing = course.status;
        const dueOn = course.dueOn;
        const title = titles.get(course.courseId) ?? '';
        await db.transaction().execute(async (tx) => {
          const reminder = { userId: person.userId, courseId: course.courseId, dueOn, standing };
          if (!(await recordTrainingReminder(tx, agency.id, reminder))) return;
          const txCtx = { ...ctx, db: tx };
          const kind = standing === 'overdue' ? 'training_overdue' : 'training_due';
          const when = standing === 'overdue' ? `was due on ${dueOn}` : `is due on ${dueOn}`;
          await recordAudit(tx, txCtx, {
            action: standing === 'overdue' ? 'training.overdue_reminded' : 'training.due_reminded',
            entityType: 'training_course',
            entityId: course.courseId,
            after: { user_id: person.userId, due_on: dueOn, standing },
            reason: `${person.name}'s “${title}” ${when}.`,
          });
          const common = {
            kind,
            subjectDetail: title,
            consolePath: '/quality/training',
            consoleUrl: config.publicUrl,
          } as const;
          await notify(tx, txCtx, {
            ...common,
            to: { userIds: [person.userId] },
            summary: `Your training “${title}” ${when}`,
          });
          const supervisors = await supervisorsOf(tx, agency.id, person.userId);
          if (supervisors.length) {
            await notify(tx, txCtx, {
              ...common,
              to: { userIds: supervisors },
              summary: `${person.name}'s training “${title}” ${when}`,
            });
          }
          told.training++;
        });
      }
    }

    for (const owed of await owedObligations(ctx, today)) {
      if (owed.standing !== 'overdue') continue;
      await db.transaction().execute(async (tx) => {
        if (!(await recordProcedureObligationReminder(tx, agency.id, owed))) return;
        const txCtx = { ...ctx, db: tx };
        const what =
          owed.obligation === 'acknowledgement'
            ? `acknowledge “${owed.procedureTitle}” version ${owed.version}`
            : `complete the training “${owed.courseTitle}” required by “${owed.procedureTitle}” version ${owed.version}`;
        await recordAudit(tx, txCtx, {
          action:
            owed.obligation === 'acknowledgement'
              ? 'procedure.acknowledgement_reminded'
              : 'procedure.training_reminded',
          entityType: 'procedure',
          entityId: owed.procedureId,
          after: { version: owed.version, user_id: owed.userId, due_on: owed.dueOn },
          reason: `${owed.name} was to ${what} by ${owed.dueOn}.`,
        });
        await notify(tx, txCtx, {
          kind: owed.obligation === 'acknowledgement' ? 'procedure_acknowledgement_due' : 'training_overdue',
          to: { userIds: [owed.userId] },
          summary: `You were to ${what} by ${owed.dueOn}`,
          ...(owed.obligation === 'acknowledgement'
            ? { procedureId: owed.procedureId }
            : { consolePath: '/quality/training' }),
          subjectDetail: owed.procedureTitle,
          consoleUrl: config.publicUrl,
        });
        told.obligations++;
      });
    }
  }
  return told;
}
