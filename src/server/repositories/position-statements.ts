// SQL of a state hearing's position statement: the parts staff write (facts, citations, witnesses, the numbered
// exhibits chosen from the case's attachments) kept on the hearing request, and the attachments it may number.
import type { Db } from '../db/database.ts';

export interface PositionStatementRow {
  position_facts: string | null;
  position_citations: string | null;
  position_witnesses: string | null;
  position_exhibit_ids: number[];
}

/** The position statement of one hearing request. */
export async function positionStatementOf(db: Db, agencyId: number, hearingId: number): Promise<PositionStatementRow> {
  return db
    .selectFrom('hearing_requests')
    .select(['position_facts', 'position_citations', 'position_witnesses', 'position_exhibit_ids'])
    .where('agency_id', '=', agencyId)
    .where('id', '=', hearingId)
    .executeTakeFirstOrThrow();
}

/** Saves the position statement of one hearing request. */
export async function savePositionStatement(
  tx: Db,
  agencyId: number,
  hearingId: number,
  values: PositionStatementRow,
): Promise<void> {
  await tx
    .updateTable('hearing_requests')
    .set(values)
    .where('agency_id', '=', agencyId)
    .where('id', '=', hearingId)
    .execute();
}

export interface ExhibitRow {
  id: number;
  filename: string;
  content_type: string;
  size_bytes: number;
  created_at: Date;
}

/** The attachments of a case (the exhibits a position statement may number), oldest first. */
export async function caseAttachmentsForExhibits(db: Db, agencyId: number, caseId: number): Promise<ExhibitRow[]> {
  return db
    .selectFrom('attachments')
    .select(['id', 'filename', 'content_type', 'size_bytes', 'created_at'])
    .where('agency_id', '=', agencyId)
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute();
}
