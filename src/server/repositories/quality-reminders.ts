// SQL for the quality reminders of the deadline sweep: procedures whose review comes due (the approved version's
// effective date plus the review cycle) and which due date was already told (procedures.review_notified_for), the
// training reminders already sent (training_reminders, one per person, course, due date and standing), the reminders
// of procedure versions' obligations already sent (procedure_obligation_reminders), and who a
// staff member's supervisors are (the managers of their units, else the supervisors among their units' members).
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/**
 * The agencies with a procedure on a review cycle, a course with a renewal period or a procedure version in force
 * that asks for a course or an acknowledgement: those the sweep looks at.
 */
export async function agenciesWithQualityCycles(db: Db) {
  return db
    .selectFrom('agencies as g')
    .select(['g.id', 'g.slug', 'g.name', 'g.time_zone'])
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('procedures as p')
            .select('p.id')
            .whereRef('p.agency_id', '=', 'g.id')
            .where('p.review_months', 'is not', null),
        ),
        eb.exists(
          eb
            .selectFrom('training_courses as c')
            .select('c.id')
            .whereRef('c.agency_id', '=', 'g.id')
            .where('c.renewal_months', 'is not', null),
        ),
        eb.exists(
          eb
            .selectFrom('procedure_versions as v')
            .select('v.procedure_id')
            .whereRef('v.agency_id', '=', 'g.id')
            .where('v.status', '=', 'approved')
            .where((w) =>
              w.or([w('v.required_course_id', 'is not', null), w('v.acknowledgement_required', '=', true)]),
            ),
        ),
      ]),
    )
    .orderBy('g.id')
    .execute();
}

export interface ProcedureReviewDue {
  id: number;
  title: string;
  dueOn: string;
  /** The procedure's owner, else who approved the version in force. */
  recipientUserId: number | null;
}

/** Approved procedures whose review is due on or before `until` and not yet told for that due date. */
export async function proceduresDueForReview(db: Db, agencyId: number, until: string): Promise<ProcedureReviewDue[]> {
  const rows = await sql<{ id: number; title: string; due_on: string; recipient: number | null }>`
    select * from (
      select p.id, v.title, (v.effective_on + make_interval(months => p.review_months))::date::text as due_on,
             coalesce(p.owner_user_id, v.decided_by) as recipient, p.review_notified_for
      from procedures p
      join procedure_versions v on v.agency_id = p.agency_id and v.procedure_id = p.id and v.status = 'approved'
      where p.agency_id = ${agencyId} and p.review_months is not null and v.effective_on is not null
    ) d
    where d.due_on <= ${until} and d.review_notified_for is distinct from d.due_on::date
    order by d.due_on, d.id`.execute(db);
  return rows.rows.map((r) => ({ id: r.id, title: r.title, dueOn: r.due_on, recipientUserId: r.recipient }));
}

/** Records that the review due on `dueOn` was told; false when it already was (another sweep got there first). */
export async function markReviewNotified(db: Db, agencyId: number, procedureId: number, dueOn: string) {
  const row = await db
    .updateTable('procedures')
    .set({ review_notified_for: dueOn })
    .where('agency_id', '=', agencyId)
    .where('id', '=', procedureId)
    .where(sql<boolean>`review_notified_for is distinct from ${dueOn}::date`)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Records a training reminder; false when this one was sent already. */
export async function recordTrainingReminder(
  db: Db,
  agencyId: number,
  r: { userId: number; courseId: number; dueOn: string; standing: 'due_soon' | 'overdue' },
): Promise<boolean> {
  const row = await db
    .insertInto('training_reminders')
    .values({ agency_id: agencyId, user_id: r.userId, course_id: r.courseId, due_on: r.dueOn, standing: r.standing })
    .onConflict((oc) => oc.doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Records a reminder of a procedure version's obligation to one person; false when it was sent already. */
export async function recordProcedureObligationReminder(
  db: Db,
  agencyId: number,
  r: { procedureId: number; version: number; userId: number; obligation: 'acknowledgement' | 'training' },
): Promise<boolean> {
  const row = await db
    .insertInto('procedure_obligation_reminders')
    .values({
      agency_id: agencyId,
      procedure_id: r.procedureId,
      version: r.version,
      user_id: r.userId,
      obligation: r.obligation,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** A staff member's supervisors: the managers of their units, else the supervisors who are members of their units. */
export async function supervisorsOf(db: Db, agencyId: number, userId: number): Promise<number[]> {
  const units = db
    .selectFrom('unit_memberships')
    .select('unit_id')
    .where('agency_id', '=', agencyId)
    .where('user_id', '=', userId);
  const colleagues = (managersOnly: boolean) => {
    let query = db
      .selectFrom('unit_memberships as m')
      .innerJoin('users as u', (j) => j.onRef('u.agency_id', '=', 'm.agency_id').onRef('u.id', '=', 'm.user_id'))
      .select('u.id')
      .distinct()
      .where('m.agency_id', '=', agencyId)
      .where('m.unit_id', 'in', units)
      .where('u.id', '<>', userId)
      .where('u.active', '=', true);
    query = managersOnly ? query.where('m.is_manager', '=', true) : query.where('u.role', '=', 'supervisor');
    return query.orderBy('u.id').execute();
  };
  const managers = await colleagues(true);
  return (managers.length ? managers : await colleagues(false)).map((r) => r.id);
}
