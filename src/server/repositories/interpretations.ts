// SQL for interpretation requests (imported), for "completed requests for interpretation". A request has no id of
// its own in the source, so a hash of its normalised row identifies it.
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

export interface InterpretationValues {
  requested_at: string;
  language: string;
  mode: string | null;
  completed_at: string | null;
  row_hash: string;
}

/** Inserts the requests not stored yet (by row hash); returns how many were new. */
export async function insertInterpretationRequests(
  db: Db,
  agencyId: number,
  runId: number,
  rows: InterpretationValues[],
): Promise<number> {
  if (!rows.length) return 0;
  const result = await sql<{ id: number }>`
    insert into interpretation_requests (agency_id, row_hash, requested_at, language, mode, completed_at,
      import_run_id)
    select ${agencyId}, r.row_hash, r.requested_at, r.language, r.mode, r.completed_at, ${runId}
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(row_hash text, requested_at timestamptz,
      language text, mode text, completed_at timestamptz)
    on conflict (agency_id, row_hash) do nothing
    returning id`.execute(db);
  return result.rows.length;
}
