// SQL for call-centre records (imported from the call centre's CSV export), for the call indicators.
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

export interface CallValues {
  call_id: string;
  queue: string;
  offered_at: string;
  answered_at: string | null;
  abandoned_at: string | null;
  ended_at: string | null;
  agent: string | null;
  language: string | null;
  row_hash: string;
}

/** Inserts or updates calls by call id in one statement; unchanged rows (same hash) are left alone. */
export async function upsertCalls(
  db: Db,
  agencyId: number,
  runId: number,
  rows: CallValues[],
): Promise<{ created: number; updated: number }> {
  if (!rows.length) return { created: 0, updated: 0 };
  const result = await sql<{ inserted: boolean }>`
    insert into calls (agency_id, call_id, queue, offered_at, answered_at, abandoned_at, ended_at, agent, language,
      row_hash, import_run_id)
    select ${agencyId}, r.call_id, r.queue, r.offered_at, r.answered_at, r.abandoned_at, r.ended_at, r.agent,
      r.language, r.row_hash, ${runId}
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(call_id text, queue text, offered_at timestamptz,
      answered_at timestamptz, abandoned_at timestamptz, ended_at timestamptz, agent text, language text,
      row_hash text)
    on conflict (agency_id, call_id) do update set queue = excluded.queue, offered_at = excluded.offered_at,
      answered_at = excluded.answered_at, abandoned_at = excluded.abandoned_at, ended_at = excluded.ended_at,
      agent = excluded.agent, language = excluded.language, row_hash = excluded.row_hash,
      import_run_id = excluded.import_run_id, updated_at = now()
    where calls.row_hash is distinct from excluded.row_hash
    returning (xmax = 0) as inserted`.execute(db);
  const created = result.rows.filter((r) => r.inserted).length;
  return { created, updated: result.rows.length - created };
}
