// Configuration integrity: at most one approved version per template (approving a new one retires the old one in
// the same transaction; the index stops two concurrent approvals from both winning), and the look-ups the
// administrator's screens make (rules and standards in order, subjects by parent).
import { sql, type Kysely } from 'kysely';

const statements = [
  `create unique index template_versions_one_approved on template_versions (agency_id, template_id)
    where status = 'approved'`,
  `create index routing_rules_order on routing_rules (agency_id, position, id)`,
  `create index service_standards_order on service_standards (agency_id, position, id)`,
  `create index subjects_parent on subjects (agency_id, parent_code) where parent_code is not null`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of [
    'template_versions_one_approved',
    'routing_rules_order',
    'service_standards_order',
    'subjects_parent',
  ]) {
    await sql.raw(`drop index if exists ${name}`).execute(db);
  }
}
