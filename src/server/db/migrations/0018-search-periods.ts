// Text search that stays fast for common words: the full-text indexes of cases and correspondence also index the
// period each row belongs to (its UTC day, and the aligned blocks of 2, 4, … 1,024 days holding it), so that
// "the matches of the last few days or weeks" is one index lookup that visits only those rows. A multicolumn GIN
// index answers queries on the text alone as well as the single-column one it replaces. The cases of people found by
// name are kept to the period from the index by person alone (received_at included), not by visiting each case. See
// queries/case-text-search-queries.ts for how the periods are chosen and docs/performance.md for the measurements.
import { sql, type Kysely } from 'kysely';

// The key of level k is k * 1,000,000 + (day >> k), day counted from 2000-01-01 in UTC: the keys of different
// levels never collide for any date between the years 1900 and 2700.
const day = `((at at time zone 'UTC')::date - date '2000-01-01')`;
const keys = Array.from({ length: 11 }, (_, level) =>
  level === 0 ? day : `${level * 1_000_000} + (${day} >> ${level})`,
).join(',\n    ');

const statements = [
  `create function civicdesk_search_periods(at timestamptz) returns int[] language sql immutable parallel safe as $$
  select array[
    ${keys}
  ]
$$`,
  `create index cases_search_periods on cases using gin (search, civicdesk_search_periods(received_at))`,
  `drop index cases_search`,
  `create index timeline_search_periods on timeline_entries using gin (search, civicdesk_search_periods(created_at))`,
  `drop index timeline_search`,
  `create index cases_person_received on cases (agency_id, person_id) include (received_at, id)`,
  `drop index cases_person`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('create index if not exists cases_search on cases using gin (search)').execute(db);
  await sql.raw('drop index if exists cases_search_periods').execute(db);
  await sql.raw('create index if not exists timeline_search on timeline_entries using gin (search)').execute(db);
  await sql.raw('drop index if exists timeline_search_periods').execute(db);
  await sql.raw('drop function if exists civicdesk_search_periods(timestamptz)').execute(db);
  await sql.raw('create index if not exists cases_person on cases (agency_id, person_id)').execute(db);
  await sql.raw('drop index if exists cases_person_received').execute(db);
}
