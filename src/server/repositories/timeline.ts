// SQL that writes a case's timeline: one entry at a time (notes, correspondence, referrals, attachments), and finds
// the entry a record about it points at. Reading the timeline is the read model in queries/case-timeline.ts.
import type { Insertable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { TimelineEntriesTable } from '../db/schema.ts';

export type NewTimelineEntry = Insertable<TimelineEntriesTable>;

/** Adds one entry to a case's timeline; returns its id. */
export async function insertTimelineEntry(db: Db, entry: NewTimelineEntry): Promise<number> {
  const row = await db.insertInto('timeline_entries').values(entry).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The id of a case's first timeline entry of a kind (e.g. the inbound message intake wrote), or null. */
export async function firstEntryIdOfKind(
  db: Db,
  agencyId: number,
  caseId: number,
  kind: NewTimelineEntry['kind'],
): Promise<number | null> {
  const row = await db
    .selectFrom('timeline_entries')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('case_id', '=', caseId)
    .where('kind', '=', kind)
    .orderBy('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Sets the delivery status shown on one timeline entry. */
export async function setEntryDeliveryStatus(
  db: Db,
  agencyId: number,
  entryId: number,
  status: NonNullable<NewTimelineEntry['delivery_status']>,
): Promise<void> {
  await db
    .updateTable('timeline_entries')
    .set({ delivery_status: status })
    .where('agency_id', '=', agencyId)
    .where('id', '=', entryId)
    .execute();
}
