// The index audit (docs/performance.md, "Index audit"): every index of cases and calls read against the plans of
// the product's reads on 1,000,000 generated cases (bench/index-audit.ts). Dropped here: what no plan uses because
// a later index does the same work, and what another index covers with the same key and predicate. Each index
// dropped is one write less on every intake, import row or close.
// - cases_unit_queue, cases_assignee_queue (0001): superseded by cases_unit_deadline_open and
//   cases_assignee_deadline_open (0009), which order by the deadline with open-ended ones last as the lists do.
// - portal_cases_closed (0008), cases_report_closed (0012), cases_monthly_closed (0017): three indexes with the same
//   key and predicate, (agency_id, closed_at) where closed_at is not null; one, cases_closed, carries the columns of
//   both covering ones, so the indicators and the monthly report still read it alone (index-only scans).
// - calls_offered (0007): calls_report_offered (0012) has the same key and more columns.
// - cases_closed_for_retention (0029) kept every case not anonymised, open ones included, so every intake wrote it;
//   the retention sweep only reads closed cases (closed_at < cut-off), so the index now holds closed cases alone.
import { sql, type Kysely } from 'kysely';

const closedColumns = `received_at, writer_type, channel, resolution_due_at, merged_into_id, restricted, unit_id,
  assignee_id, id`;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `create index cases_closed on cases (agency_id, closed_at) include (${closedColumns}) where closed_at is not null`,
    'drop index cases_monthly_closed',
    'drop index cases_report_closed',
    'drop index portal_cases_closed',
    'drop index cases_unit_queue',
    'drop index cases_assignee_queue',
    'drop index calls_offered',
    'drop index cases_closed_for_retention',
    `create index cases_closed_for_retention on cases (agency_id, closed_at)
       where closed_at is not null and anonymised_at is null`,
  ]) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'drop index if exists cases_closed_for_retention',
    'create index cases_closed_for_retention on cases (agency_id, closed_at) where anonymised_at is null',
    'create index calls_offered on calls (agency_id, offered_at)',
    `create index cases_assignee_queue on cases (agency_id, assignee_id, resolution_due_at) where status <> 'closed'`,
    `create index cases_unit_queue on cases (agency_id, unit_id, resolution_due_at) where status <> 'closed'`,
    'create index portal_cases_closed on cases (agency_id, closed_at) where closed_at is not null',
    `create index cases_report_closed on cases (agency_id, closed_at)
       include (channel, resolution_due_at, merged_into_id, restricted, unit_id, assignee_id, id)
       where closed_at is not null`,
    `create index cases_monthly_closed on cases (agency_id, closed_at)
       include (received_at, writer_type, merged_into_id, restricted, unit_id, assignee_id, id)
       where closed_at is not null`,
    'drop index if exists cases_closed',
  ]) {
    await sql.raw(statement).execute(db);
  }
}
