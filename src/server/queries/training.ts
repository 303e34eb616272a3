// Read models of training: courses with their sessions, and the matrix of staff × courses — for each course
// required of a person (by their role or one of their units) whether they never took it, are current, due soon or
// overdue, as of today in the agency's time zone.
import type { CommandContext } from '../context.ts';
import {
  activeStaff,
  latestCompletions,
  listCourses,
  listSessions,
  openAssignments,
  unitNamesById,
} from '../repositories/training.ts';
import { agencyToday } from './action-plans.ts';
import { trainingStatus } from '../../domain/training.ts';
import { owedObligations } from './procedure-obligations.ts';
import type { Course, TrainingMatrix, TrainingNeeds } from '../../shared/quality.ts';

/** Every course with its sessions. */
export async function courseList(ctx: CommandContext): Promise<Course[]> {
  const [courses, sessions] = await Promise.all([
    listCourses(ctx.db, ctx.agency.id),
    listSessions(ctx.db, ctx.agency.id),
  ]);
  return courses.map((c) => ({
    ...c,
    sessions: sessions
      .filter((s) => s.course_id === c.id)
      .map((s) => ({
        id: s.id,
        heldOn: s.held_on,
        place: s.place,
        trainer: s.trainer,
        capacity: s.capacity,
        enrolled: Number(s.enrolled),
        attended: Number(s.attended),
      })),
  }));
}

/**
 * Staff × courses with what each person must take and where they stand: today, with every completion recorded, or,
 * for a report, as of the day `asOf` with the completions recorded up to that day.
 */
export async function trainingMatrix(ctx: CommandContext, asOf?: string): Promise<TrainingMatrix> {
  const today = asOf ?? agencyToday(ctx);
  const [courses, staff, completions] = await Promise.all([
    listCourses(ctx.db, ctx.agency.id),
    activeStaff(ctx.db, ctx.agency.id),
    latestCompletions(ctx.db, ctx.agency.id, asOf),
  ]);
  return {
    today,
    courses: courses.map((c) => ({ id: c.id, title: c.title, renewalMonths: c.renewalMonths })),
    staff: staff.map((person) => ({
      userId: person.id,
      name: person.name,
      role: person.role,
      courses: courses.map((c) => {
        const required =
          (c.requiredForRole !== null || c.requiredForUnitId !== null) &&
          (c.requiredForRole === null || c.requiredForRole === person.role) &&
          (c.requiredForUnitId === null || person.unitIds.includes(c.requiredForUnitId));
        const last = completions.get(`${c.id}|${person.id}`) ?? null;
        const standing = trainingStatus(last, c.renewalMonths, today);
        return {
          courseId: c.id,
          required,
          status: required ? standing.status : last === null ? 'not_required' : standing.status,
          lastCompletedOn: last,
          dueOn: standing.dueOn,
        };
      }),
    })),
  };
}

/**
 * The training needs: for each person (with their units), each required course they never took, are due soon for or
 * overdue on (from the matrix), each course a procedure version in force requires of them and they have not
 * completed for it (queries/procedure-obligations.ts), and each course assigned to them (e.g. by a review finding)
 * not completed since; overdue first, then by due date.
 */
export async function trainingNeeds(ctx: CommandContext): Promise<TrainingNeeds> {
  const [matrix, assignments, staff, units] = await Promise.all([
    trainingMatrix(ctx),
    openAssignments(ctx.db, ctx.agency.id),
    activeStaff(ctx.db, ctx.agency.id),
    unitNamesById(ctx.db, ctx.agency.id),
  ]);
  // Earliest due first, so that a course two procedures require shows the sooner due date and its standing.
  const owed = (await owedObligations(ctx, matrix.today))
    .filter((o) => o.obligation === 'training')
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  const unitsOf = new Map(staff.map((p) => [p.id, p.unitIds.map((id) => units.get(id) ?? '').filter(Boolean)]));
  const titles = new Map(matrix.courses.map((c) => [c.id, c.title]));
  const needs: TrainingNeeds['needs'] = [];
  for (const person of matrix.staff) {
    for (const c of person.courses) {
      if (!c.required || c.status === 'current' || c.status === 'not_required') continue;
      needs.push({
        userId: person.userId,
        name: person.name,
        units: unitsOf.get(person.userId) ?? [],
        courseId: c.courseId,
        courseTitle: titles.get(c.courseId) ?? '',
        status: c.status,
        dueOn: c.dueOn,
        why: 'Required for their role or unit',
        procedure: null,
      });
    }
  }
  const names = new Map(staff.map((p) => [p.id, p.name]));
  for (const o of owed) {
    const why = `Required by procedure “${o.procedureTitle}” version ${o.version}`;
    // A course the person already needs by their role keeps its standing and also names the procedure.
    const already = needs.find((n) => n.userId === o.userId && n.courseId === o.courseId);
    if (already) {
      already.why = `${already.why}; ${why.charAt(0).toLowerCase()}${why.slice(1)}`;
      already.procedure ??= { id: o.procedureId, version: o.version, title: o.procedureTitle };
      // A course never taken has no date of its own: the procedure's due date (and its overdue standing) applies.
      if (already.dueOn === null) already.dueOn = o.dueOn;
      if (o.standing === 'overdue' && already.status === 'never') already.status = 'overdue';
      continue;
    }
    needs.push({
      userId: o.userId,
      name: o.name,
      units: unitsOf.get(o.userId) ?? [],
      courseId: o.courseId!,
      courseTitle: o.courseTitle ?? titles.get(o.courseId!) ?? '',
      status: o.standing === 'overdue' ? 'overdue' : 'assigned',
      dueOn: o.dueOn,
      why,
      procedure: { id: o.procedureId, version: o.version, title: o.procedureTitle },
    });
  }
  for (const a of assignments) {
    if (!names.has(a.user_id)) continue;
    const why = a.reason ? `Assigned on ${a.assigned_on}: ${a.reason}` : `Assigned on ${a.assigned_on}`;
    // A course the person already needs by their role keeps its standing and also says why it was assigned.
    const already = needs.find((n) => n.userId === a.user_id && n.courseId === a.course_id);
    if (already) {
      already.why = `${already.why}; ${why.charAt(0).toLowerCase()}${why.slice(1)}`;
      continue;
    }
    needs.push({
      userId: a.user_id,
      name: names.get(a.user_id)!,
      units: unitsOf.get(a.user_id) ?? [],
      courseId: a.course_id,
      courseTitle: titles.get(a.course_id) ?? '',
      status: 'assigned',
      dueOn: null,
      why,
      procedure: null,
    });
  }
  const rank = { overdue: 0, never: 1, due_soon: 2, assigned: 3 } as const;
  needs.sort(
    (a, b) =>
      rank[a.status] - rank[b.status] ||
      (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') ||
      a.name.localeCompare(b.name),
  );
  return { today: matrix.today, needs };
}
