// Covering indexes for the commissioner's monthly report, so each of its statements reads an index alone instead of
// visiting millions of wide case rows: cases by receipt with every column the report groups, measures or scopes by
// (volumes of three months, times to respond and close, repeat contacts); the open cases and the cases closed after
// an instant by receipt and by closing (the backlog at a month's end); escalations by when they happened. The
// visibility policy's columns (restricted, unit, assignee, id) are in each, and merged duplicates are filtered there.
import { sql, type Kysely } from 'kysely';

const scope = 'merged_into_id, restricted, unit_id, assignee_id, id';

const statements = [
  `create index cases_monthly_received on cases (agency_id, received_at)
     include (channel, subject_code, facility, language, writer_type, status, person_id, first_response_at,
       first_response_due_at, closed_at, ${scope})`,
  `create index cases_monthly_open on cases (agency_id, received_at)
     include (writer_type, ${scope}) where closed_at is null`,
  `create index cases_monthly_closed on cases (agency_id, closed_at)
     include (received_at, writer_type, ${scope}) where closed_at is not null`,
  `create index cases_monthly_escalated on cases (agency_id, escalated_at)
     include (escalation_level, ${scope}) where escalated_at is not null`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of [
    'cases_monthly_escalated',
    'cases_monthly_closed',
    'cases_monthly_open',
    'cases_monthly_received',
  ]) {
    await sql.raw(`drop index if exists ${index}`).execute(db);
  }
}
