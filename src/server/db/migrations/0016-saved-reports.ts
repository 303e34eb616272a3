// Saved ad-hoc reports: a cross-tab definition with a name, its owner, and who else may open it (nobody, the
// members of one unit, or the whole agency). Running one always applies the reader's own case policies.
import { sql, type Kysely } from 'kysely';

const statements = [
  `create table saved_reports (
    agency_id int not null references agencies(id),
    id serial,
    name text not null check (length(name) between 1 and 200),
    description text not null default '',
    definition jsonb not null,
    owner_user_id int not null,
    shared_with text not null default 'private' check (shared_with in ('private','unit','agency')),
    shared_unit_id int,
    version int not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (agency_id, id),
    foreign key (agency_id, owner_user_id) references users (agency_id, id),
    foreign key (agency_id, shared_unit_id) references units (agency_id, id),
    check ((shared_with = 'unit') = (shared_unit_id is not null))
  )`,
  `create index saved_reports_owner on saved_reports (agency_id, owner_user_id)`,
  `create index saved_reports_shared on saved_reports (agency_id, shared_with, shared_unit_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table if exists saved_reports').execute(db);
}
