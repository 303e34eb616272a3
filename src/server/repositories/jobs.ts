// The jobs table: enqueue (optionally unique by key), claim with FOR UPDATE SKIP LOCKED, finish, fail with backoff.
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

export interface EnqueueOptions {
  agencyId?: number | null;
  runAt?: Date;
  uniqueKey?: string;
  maxAttempts?: number;
}

export interface ClaimedJob {
  id: number;
  agencyId: number | null;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
}

/** Adds a job; with a uniqueKey, does nothing when an unfinished job with that key exists. */
export async function enqueueJob(db: Db, kind: string, payload: Record<string, unknown>, options: EnqueueOptions = {}) {
  await db
    .insertInto('jobs')
    .values({
      kind,
      payload: JSON.stringify(payload),
      agency_id: options.agencyId ?? null,
      run_at: options.runAt ?? new Date(),
      unique_key: options.uniqueKey ?? null,
      max_attempts: options.maxAttempts ?? 8,
    })
    .onConflict((oc) =>
      oc.column('unique_key').where('unique_key', 'is not', null).where('done_at', 'is', null).doNothing(),
    )
    .execute();
}

/** Claims up to `limit` due jobs for this worker; other workers skip the locked rows. */
export async function claimJobs(db: Db, workerId: string, limit: number, lockSeconds = 300): Promise<ClaimedJob[]> {
  const rows = await sql<{
    id: number;
    agency_id: number | null;
    kind: string;
    payload: Record<string, unknown>;
    attempts: number;
    max_attempts: number;
  }>`
    update jobs set locked_at = now(), locked_by = ${workerId}, attempts = attempts + 1
    where id in (
      select id from jobs
      where done_at is null and run_at <= now()
        and (locked_at is null or locked_at < now() - make_interval(secs => ${lockSeconds}))
      order by run_at, id
      limit ${limit}
      for update skip locked
    )
    returning id, agency_id, kind, payload, attempts, max_attempts`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    agencyId: r.agency_id,
    kind: r.kind,
    payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
  }));
}

/** Marks a job done. */
export async function completeJob(db: Db, id: number): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ done_at: new Date(), locked_at: null, last_error: null })
    .where('id', '=', id)
    .execute();
}

/** Backoff before the next try: 10 s, 20 s, 40 s … capped at one hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(3600, 10 * 2 ** Math.max(0, attempts - 1));
}

/** Records a failure; the job runs again after a backoff, or stops for good after its last attempt. */
export async function failJob(db: Db, job: ClaimedJob, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const giveUp = job.attempts >= job.maxAttempts;
  await db
    .updateTable('jobs')
    .set({
      locked_at: null,
      locked_by: null,
      last_error: message.slice(0, 2000),
      run_at: new Date(Date.now() + retryDelaySeconds(job.attempts) * 1000),
      ...(giveUp ? { done_at: new Date() } : {}),
    })
    .where('id', '=', job.id)
    .execute();
}
