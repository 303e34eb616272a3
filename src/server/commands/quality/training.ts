// Training: a course (required for a role and/or a unit, renewed every N months, optionally tied to a procedure), a
// session of it (date, place, trainer, capacity), enrolment (not beyond capacity) and attendance with the
// participant's evaluation; attending completes the course on the session's date. Each write is one transaction with
// one audit event; supervisors and administrators.
import type { CommandContext } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Role } from '../../db/schema.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { existingUnitIds } from '../../repositories/configuration/units.ts';
import {
  courseExists,
  enrol,
  enrolledCount,
  findSessionForUpdate,
  insertCourse,
  insertSession,
  recordAttendance,
} from '../../repositories/training.ts';
import { findProcedure } from '../../repositories/procedures.ts';
import { requireQualityManager } from '../../policies/quality.ts';
import { FieldProblems } from '../common.ts';
import { activeUserIds, checkDate, checkOwner, cleanText } from './action-plan-input.ts';

const ROLES: readonly Role[] = ['administrator', 'supervisor', 'caseworker', 'unit_liaison', 'auditor'];

/** Adds a course. */
export async function createCourse(
  ctx: CommandContext,
  input: {
    title: string;
    description?: string | undefined;
    requiredForRole?: string | null | undefined;
    requiredForUnitId?: number | null | undefined;
    renewalMonths?: number | null | undefined;
    procedureId?: number | null | undefined;
  },
): Promise<{ id: number }> {
  requireQualityManager(ctx, 'manage training');
  const problems = new FieldProblems();
  const title = cleanText(problems, 'title', input.title, 200);
  const description = cleanText(problems, 'description', input.description, 4000, false);
  const role = input.requiredForRole ?? null;
  if (role !== null && !(ROLES as readonly string[]).includes(role)) {
    problems.add('requiredForRole', `must be one of ${ROLES.join(', ')}`);
  }
  const unitId = input.requiredForUnitId ?? null;
  if (unitId !== null) {
    const found = await existingUnitIds(ctx.db, ctx.agency.id, [unitId]);
    if (!found.has(unitId)) problems.add('requiredForUnitId', `no unit has id ${unitId}`);
  }
  const procedureId = input.procedureId ?? null;
  if (procedureId !== null && !(await findProcedure(ctx.db, ctx.agency.id, procedureId))) {
    problems.add('procedureId', `no procedure has id ${procedureId}`);
  }
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    const values = {
      title,
      description,
      requiredForRole: role as Role | null,
      requiredForUnitId: unitId,
      renewalMonths: input.renewalMonths ?? null,
      procedureId,
    };
    const id = await insertCourse(tx, ctx.agency.id, values);
    await recordAudit(tx, ctx, {
      action: 'training.course_created',
      entityType: 'training_course',
      entityId: id,
      after: values,
    });
    return { id };
  });
}

/** Adds a session of a course. */
export async function createSession(
  ctx: CommandContext,
  courseId: number,
  input: {
    heldOn: string;
    place?: string | undefined;
    trainer?: string | undefined;
    capacity?: number | null | undefined;
  },
): Promise<{ id: number }> {
  requireQualityManager(ctx, 'manage training');
  const problems = new FieldProblems();
  checkDate(problems, 'heldOn', input.heldOn);
  const place = cleanText(problems, 'place', input.place, 200, false);
  const trainer = cleanText(problems, 'trainer', input.trainer, 200, false);
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    if (!(await courseExists(tx, ctx.agency.id, courseId))) throw notFound(`Course ${courseId}`);
    const values = { courseId, heldOn: input.heldOn, place, trainer, capacity: input.capacity ?? null };
    const id = await insertSession(tx, ctx.agency.id, values);
    await recordAudit(tx, ctx, {
      action: 'training.session_created',
      entityType: 'training_course',
      entityId: courseId,
      after: values,
    });
    return { id };
  });
}

/** Enrols a staff member in a session, refusing beyond its capacity. */
export async function enrolInSession(ctx: CommandContext, sessionId: number, userId: number) {
  requireQualityManager(ctx, 'manage training');
  const problems = new FieldProblems();
  checkOwner(problems, 'userId', userId, await activeUserIds(ctx.db, ctx.agency.id, [userId]));
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    const session = await findSessionForUpdate(tx, ctx.agency.id, sessionId);
    if (!session) throw notFound(`Session ${sessionId}`);
    if (session.capacity !== null && (await enrolledCount(tx, ctx.agency.id, sessionId)) >= session.capacity) {
      throw new AppError('conflict', `The session on ${session.held_on} is full (${session.capacity} places).`);
    }
    if (await enrol(tx, ctx.agency.id, sessionId, userId)) {
      await recordAudit(tx, ctx, {
        action: 'training.enrolled',
        entityType: 'training_session',
        entityId: sessionId,
        after: { user_id: userId },
      });
    }
    return { sessionId, userId, attended: null, completedOn: null };
  });
}

/** Records whether a staff member attended (and their evaluation); attending completes the course. */
export async function recordSessionAttendance(
  ctx: CommandContext,
  sessionId: number,
  input: {
    userId: number;
    attended: boolean;
    evaluationScore?: number | null | undefined;
    comment?: string | undefined;
  },
) {
  requireQualityManager(ctx, 'record attendance');
  const problems = new FieldProblems();
  checkOwner(problems, 'userId', input.userId, await activeUserIds(ctx.db, ctx.agency.id, [input.userId]));
  const comment = cleanText(problems, 'comment', input.comment, 2000, false);
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    const session = await findSessionForUpdate(tx, ctx.agency.id, sessionId);
    if (!session) throw notFound(`Session ${sessionId}`);
    const completedOn = input.attended ? session.held_on : null;
    await recordAttendance(tx, ctx.agency.id, {
      sessionId,
      userId: input.userId,
      attended: input.attended,
      evaluationScore: input.evaluationScore ?? null,
      comment,
      completedOn,
    });
    await recordAudit(tx, ctx, {
      action: 'training.attendance_recorded',
      entityType: 'training_session',
      entityId: sessionId,
      after: { user_id: input.userId, attended: input.attended, evaluation_score: input.evaluationScore ?? null },
    });
    return { sessionId, userId: input.userId, attended: input.attended, completedOn };
  });
}
