// The customer-service indicators (Mayor's Management Report): targets an administrator sets per agency and
// indicator, and covering indexes so that a month of e-mails and letters (by receipt), of closed cases (by closing)
// and of calls (by offering) is counted from the index alone, without visiting every row of a month — the columns
// the visibility policy reads (restricted, unit, assignee, id) are in the indexes too.
import { sql, type Kysely } from 'kysely';

const statements = [
  `create table indicator_targets (
    agency_id int not null references agencies(id),
    key text not null,
    target numeric not null,
    updated_by int,
    updated_at timestamptz not null default now(),
    primary key (agency_id, key)
  )`,
  // The channel is in the predicate, not the key: PostgreSQL drops a condition the predicate implies from the index
  // condition, and a channel key column left without one would make it read the agency's whole index.
  `create index cases_report_responses on cases (agency_id, received_at)
     include (channel, first_response_at, merged_into_id, restricted, unit_id, assignee_id, id)
     where channel in ('email', 'letter')`,
  `create index cases_report_closed on cases (agency_id, closed_at)
     include (channel, resolution_due_at, merged_into_id, restricted, unit_id, assignee_id, id)
     where closed_at is not null`,
  `create index calls_report_offered on calls (agency_id, offered_at) include (answered_at, abandoned_at)`,
  `create index interpretation_requests_completed on interpretation_requests (agency_id, completed_at)
     where completed_at is not null`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of [
    'interpretation_requests_completed',
    'calls_report_offered',
    'cases_report_closed',
    'cases_report_responses',
  ]) {
    await sql.raw(`drop index if exists ${index}`).execute(db);
  }
  await sql.raw('drop table if exists indicator_targets').execute(db);
}
