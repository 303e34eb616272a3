// Queue views and bulk coding: a saved view is a queue's filters, sort and columns under a name, personal or shared
// with a unit or the agency; a bulk change records, per case, the values and version a bulk coding replaced, so
// that it can be undone exactly within its undo window.
import { sql, type Kysely } from 'kysely';

const statements = [
  `create table saved_views (
    agency_id int not null references agencies(id),
    id serial,
    name text not null check (length(name) between 1 and 120),
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
  `create index saved_views_owner on saved_views (agency_id, owner_user_id)`,
  `create index saved_views_shared on saved_views (agency_id, shared_with, shared_unit_id)`,
  `create table bulk_changes (
    agency_id int not null references agencies(id),
    id serial,
    actor_user_id int not null,
    changes jsonb not null,
    entries jsonb not null,
    undo_until timestamptz not null,
    undone_at timestamptz,
    created_at timestamptz not null default now(),
    primary key (agency_id, id),
    foreign key (agency_id, actor_user_id) references users (agency_id, id)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table if exists bulk_changes').execute(db);
  await sql.raw('drop table if exists saved_views').execute(db);
}
