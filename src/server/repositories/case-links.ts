// SQL for links between cases (duplicate of, related, parent/child) and for moving a merged duplicate's records.
import type { Insertable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { CaseLinksTable } from '../db/schema.ts';

/** Inserts links, leaving any that already exist. */
export async function insertCaseLinks(db: Db, links: Insertable<CaseLinksTable>[]): Promise<void> {
  await db
    .insertInto('case_links')
    .values(links)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The cases linked to a case, with what the reader needs to decide whether to show them. */
export async function linkedCases(db: Db, agencyId: number, caseId: number) {
  return db
    .selectFrom('case_links as l')
    .innerJoin('cases as c', (j) => j.onRef('c.agency_id', '=', 'l.agency_id').onRef('c.id', '=', 'l.other_case_id'))
    .select(['l.kind', 'c.tracking_number', 'c.status', 'c.restricted', 'c.unit_id'])
    .where('l.agency_id', '=', agencyId)
    .where('l.case_id', '=', caseId)
    .execute();
}

/** Moves a duplicate's timeline, attachments and referrals to the case that stays (one statement per table). */
export async function moveCaseRecords(db: Db, agencyId: number, fromCaseId: number, toCaseId: number): Promise<void> {
  for (const table of ['timeline_entries', 'attachments', 'referrals'] as const) {
    await db
      .updateTable(table)
      .set({ case_id: toCaseId })
      .where('agency_id', '=', agencyId)
      .where('case_id', '=', fromCaseId)
      .execute();
  }
}
