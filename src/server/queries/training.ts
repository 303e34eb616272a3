// Read models of training: courses with their sessions, and the matrix of staff × courses — for each course
// required of a person (by their role or one of their units) whether they never took it, are current, due soon or
// overdue, as of today in the agency's time zone.
import type { CommandContext } from '../context.ts';
import { activeStaff, latestCompletions, listCourses, listSessions } from '../repositories/training.ts';
import { agencyToday } from './action-plans.ts';
import { trainingStatus } from '../../domain/training.ts';
import type { Course, TrainingMatrix } from '../../shared/quality.ts';

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
