// SQL for training (migration 0025): courses with their sessions and counts, inserting courses and sessions,
// enrolment and attendance, the latest completion of each course by each staff member, and the staff with their
// roles and units (for the matrix of who must take what).
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Role } from '../db/schema.ts';

export interface CourseRow {
  id: number;
  title: string;
  description: string;
  requiredForRole: Role | null;
  requiredForUnitId: number | null;
  renewalMonths: number | null;
  procedureId: number | null;
}

/** Every course of the agency, by title. */
export async function listCourses(db: Db, agencyId: number): Promise<CourseRow[]> {
  const rows = await db
    .selectFrom('training_courses')
    .select([
      'id',
      'title',
      'description',
      'required_for_role',
      'required_for_unit_id',
      'renewal_months',
      'procedure_id',
    ])
    .where('agency_id', '=', agencyId)
    .orderBy('title')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    description: r.description,
    requiredForRole: r.required_for_role,
    requiredForUnitId: r.required_for_unit_id,
    renewalMonths: r.renewal_months,
    procedureId: r.procedure_id,
  }));
}

/** Sessions of the agency's courses with how many are enrolled and attended, by date. */
export async function listSessions(db: Db, agencyId: number) {
  const result = await sql<{
    id: number;
    course_id: number;
    held_on: string;
    place: string;
    trainer: string;
    capacity: number | null;
    enrolled: number;
    attended: number;
  }>`
    select s.id, s.course_id, s.held_on::text as held_on, s.place, s.trainer, s.capacity,
           count(e.user_id)::int as enrolled, count(e.user_id) filter (where e.attended)::int as attended
    from training_sessions s
    left join training_enrolments e on e.agency_id = s.agency_id and e.session_id = s.id
    where s.agency_id = ${agencyId}
    group by s.agency_id, s.id
    order by s.held_on, s.id`.execute(db);
  return result.rows;
}

/** Inserts a course; returns its id. */
export async function insertCourse(db: Db, agencyId: number, c: Omit<CourseRow, 'id'>): Promise<number> {
  const row = await db
    .insertInto('training_courses')
    .values({
      agency_id: agencyId,
      title: c.title,
      description: c.description,
      required_for_role: c.requiredForRole,
      required_for_unit_id: c.requiredForUnitId,
      renewal_months: c.renewalMonths,
      procedure_id: c.procedureId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Inserts a session of a course; returns its id. */
export async function insertSession(
  db: Db,
  agencyId: number,
  s: { courseId: number; heldOn: string; place: string; trainer: string; capacity: number | null },
): Promise<number> {
  const row = await db
    .insertInto('training_sessions')
    .values({
      agency_id: agencyId,
      course_id: s.courseId,
      held_on: s.heldOn,
      place: s.place,
      trainer: s.trainer,
      capacity: s.capacity,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Whether the agency has a course with this id (a session is about to be added to it). */
export async function courseExists(db: Db, agencyId: number, id: number): Promise<boolean> {
  return (await courseTitle(db, agencyId, id)) !== null;
}

/** A course's title, or null when the agency has no such course. */
export async function courseTitle(db: Db, agencyId: number, id: number): Promise<string | null> {
  const row = await db
    .selectFrom('training_courses')
    .select('title')
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.title ?? null;
}

/** One session (locked for update: enrolments against its capacity are serialised). */
export async function findSessionForUpdate(db: Db, agencyId: number, id: number) {
  return db
    .selectFrom('training_sessions')
    .select(['id', 'course_id', sql<string>`held_on::text`.as('held_on'), 'capacity'])
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** How many are enrolled in a session. */
export async function enrolledCount(db: Db, agencyId: number, sessionId: number): Promise<number> {
  const row = await db
    .selectFrom('training_enrolments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('agency_id', '=', agencyId)
    .where('session_id', '=', sessionId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Enrols a user (no change when enrolled already); true when newly enrolled. */
export async function enrol(db: Db, agencyId: number, sessionId: number, userId: number): Promise<boolean> {
  const row = await db
    .insertInto('training_enrolments')
    .values({ agency_id: agencyId, session_id: sessionId, user_id: userId })
    .onConflict((oc) => oc.doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Records attendance (enrolling when needed); attending completes the course on `completedOn`. */
export async function recordAttendance(
  db: Db,
  agencyId: number,
  v: {
    sessionId: number;
    userId: number;
    attended: boolean;
    evaluationScore: number | null;
    comment: string;
    completedOn: string | null;
  },
): Promise<void> {
  const values = {
    attended: v.attended,
    evaluation_score: v.evaluationScore,
    comment: v.comment,
    completed_on: v.completedOn,
  };
  await db
    .insertInto('training_enrolments')
    .values({ agency_id: agencyId, session_id: v.sessionId, user_id: v.userId, ...values })
    .onConflict((oc) => oc.columns(['agency_id', 'session_id', 'user_id']).doUpdateSet(values))
    .execute();
}

/** The latest completion date of each course by each user (on or before `onOrBefore` when given). */
export async function latestCompletions(db: Db, agencyId: number, onOrBefore?: string): Promise<Map<string, string>> {
  const result = await sql<{ course_id: number; user_id: number; completed_on: string }>`
    select s.course_id, e.user_id, max(e.completed_on)::text as completed_on
    from training_enrolments e
    join training_sessions s on s.agency_id = e.agency_id and s.id = e.session_id
    where e.agency_id = ${agencyId} and e.completed_on is not null
      and (${onOrBefore ?? null}::date is null or e.completed_on <= ${onOrBefore ?? null}::date)
    group by s.course_id, e.user_id`.execute(db);
  return new Map(result.rows.map((r) => [`${r.course_id}|${r.user_id}`, r.completed_on]));
}

/** Active staff with their role and units. */
export async function activeStaff(db: Db, agencyId: number) {
  const users = await db
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('agency_id', '=', agencyId)
    .where('active', '=', true)
    .orderBy('name')
    .orderBy('id')
    .execute();
  const memberships = await db
    .selectFrom('unit_memberships')
    .select(['user_id', 'unit_id'])
    .where('agency_id', '=', agencyId)
    .execute();
  return users.map((u) => ({
    ...u,
    unitIds: memberships.filter((m) => m.user_id === u.id).map((m) => m.unit_id),
  }));
}

/** Assigns a course to a person (a review's finding); they need it until they complete it after `assignedOn`. */
export async function insertTrainingAssignment(
  db: Db,
  agencyId: number,
  a: {
    userId: number;
    courseId: number;
    reviewId: number | null;
    reason: string;
    assignedBy: number | null;
    assignedOn: string;
  },
): Promise<void> {
  await db
    .insertInto('training_assignments')
    .values({
      agency_id: agencyId,
      user_id: a.userId,
      course_id: a.courseId,
      review_id: a.reviewId,
      reason: a.reason,
      assigned_by: a.assignedBy,
      assigned_on: a.assignedOn,
    })
    .execute();
}

/** Courses assigned to a person (e.g. by a review finding) that they have not completed since the assignment. */
export async function openAssignments(db: Db, agencyId: number) {
  const result = await sql<{ user_id: number; course_id: number; reason: string; assigned_on: string }>`
    select a.user_id, a.course_id, a.reason, to_char(a.assigned_on, 'YYYY-MM-DD') as assigned_on
    from training_assignments a
    where a.agency_id = ${agencyId}
      and not exists (
        select 1 from training_enrolments e
        join training_sessions s on s.agency_id = e.agency_id and s.id = e.session_id
        where e.agency_id = a.agency_id and e.user_id = a.user_id and s.course_id = a.course_id
          and e.completed_on is not null and e.completed_on >= a.assigned_on)
    order by a.assigned_on, a.id`.execute(db);
  return result.rows;
}

/** The agency's unit names by id. */
export async function unitNamesById(db: Db, agencyId: number): Promise<Map<number, string>> {
  const rows = await db.selectFrom('units').select(['id', 'name']).where('agency_id', '=', agencyId).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
