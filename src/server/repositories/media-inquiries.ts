// The media desk's inquiries: the queue ordered by the reporter's deadline, with the names of the spokesperson, the
// drafter and the approver. Every statement is scoped to one agency.
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { MediaInquiriesTable } from '../db/schema.ts';

export type MediaInquiryRow = Selectable<MediaInquiriesTable>;

export interface MediaInquiryViewRow extends MediaInquiryRow {
  spokesperson_name: string | null;
  drafted_by_name: string | null;
  approved_by_name: string | null;
}

/** Logs an inquiry. */
export function insertMediaInquiry(
  tx: Db,
  agencyId: number,
  values: Omit<Insertable<MediaInquiriesTable>, 'agency_id'>,
): Promise<MediaInquiryRow> {
  return tx
    .insertInto('media_inquiries')
    .values({ ...values, agency_id: agencyId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** One inquiry, locked for a step of the workflow. */
export function getMediaInquiryForUpdate(tx: Db, agencyId: number, id: number): Promise<MediaInquiryRow | undefined> {
  return tx
    .selectFrom('media_inquiries')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** Writes changed fields and bumps the version. */
export function updateMediaInquiry(
  tx: Db,
  agencyId: number,
  id: number,
  patch: Omit<Updateable<MediaInquiriesTable>, 'agency_id' | 'id' | 'version'>,
): Promise<MediaInquiryRow> {
  return tx
    .updateTable('media_inquiries')
    .set({ ...patch, version: sql<number>`version + 1`, updated_at: new Date() })
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

function viewQuery(db: Db, agencyId: number) {
  const userName = (column: 'spokesperson_user_id' | 'drafted_by_user_id' | 'approved_by_user_id') =>
    sql<
      string | null
    >`(select u.name from users u where u.agency_id = m.agency_id and u.id = ${sql.ref(`m.${column}`)})`;
  return db
    .selectFrom('media_inquiries as m')
    .selectAll('m')
    .select([
      userName('spokesperson_user_id').as('spokesperson_name'),
      userName('drafted_by_user_id').as('drafted_by_name'),
      userName('approved_by_user_id').as('approved_by_name'),
    ])
    .where('m.agency_id', '=', agencyId);
}

/** One inquiry with names. */
export function getMediaInquiryView(db: Db, agencyId: number, id: number): Promise<MediaInquiryViewRow | undefined> {
  return viewQuery(db, agencyId).where('m.id', '=', id).executeTakeFirst();
}

/** The queue: inquiries with the given statuses, the nearest deadline first. */
export function listMediaInquiries(db: Db, agencyId: number, statuses: readonly string[] | null) {
  let query = viewQuery(db, agencyId);
  if (statuses) query = query.where('m.status', 'in', statuses.length ? statuses : ['-']);
  return query.orderBy('m.deadline_at').orderBy('m.id').limit(500).execute();
}

/** An active user of the agency (a spokesperson). */
export function getActiveUser(db: Db, agencyId: number, userId: number) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('agency_id', '=', agencyId)
    .where('id', '=', userId)
    .where('active', '=', true)
    .executeTakeFirst();
}
