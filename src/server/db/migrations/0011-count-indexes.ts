// Covering indexes for the totals of work queues and unit lists: with the columns the visibility policy reads
// (restricted, id) in the index, PostgreSQL counts a unit's cases with an index-only scan instead of visiting
// every row (85 ms → a few ms for a 25,000-case queue at 1,000,000 cases; see docs/performance.md).
import { sql, type Kysely } from 'kysely';

const statements = [
  `create index cases_unit_open_count on cases (agency_id, unit_id, restricted, id) where status <> 'closed'`,
  `create index cases_unit_count on cases (agency_id, unit_id, restricted, id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop index if exists cases_unit_open_count').execute(db);
  await sql.raw('drop index if exists cases_unit_count').execute(db);
}
