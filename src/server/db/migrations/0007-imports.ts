// Imports: the runs of `civicdesk import …` with their reports, the 311 mapping of complaint types to subjects and
// of city agencies to units, call-centre records and interpretation requests (for the call indicators), and the
// 311 fields a case keeps (the source row's fields as JSON, and a hash of them so that a re-import can tell
// changed rows from unchanged ones).
import { sql, type Kysely } from 'kysely';

const statements = [
  `create table import_runs (
    agency_id int not null references agencies(id),
    id serial,
    kind text not null check (kind in ('nyc311','cases','calls','interpretations')),
    file_name text not null,
    status text not null default 'running' check (status in ('running','completed','aborted','failed')),
    options jsonb not null default '{}',
    report jsonb not null default '{}',
    actor_label text not null,
    started_at timestamptz not null default now(),
    finished_at timestamptz,
    primary key (agency_id, id)
  )`,
  `create table import_mappings (
    agency_id int not null references agencies(id),
    kind text not null check (kind in ('complaint_type','agency')),
    source_key text not null,
    source text not null,
    target_code text not null,
    created_at timestamptz not null default now(),
    primary key (agency_id, kind, source_key)
  )`,
  `create table calls (
    agency_id int not null references agencies(id),
    id bigserial,
    call_id text not null,
    queue text not null default '',
    offered_at timestamptz not null,
    answered_at timestamptz,
    abandoned_at timestamptz,
    ended_at timestamptz,
    agent text,
    language text,
    row_hash text not null,
    import_run_id int,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (agency_id, id),
    unique (agency_id, call_id),
    check (answered_at is null or abandoned_at is null)
  )`,
  `create index calls_offered on calls (agency_id, offered_at)`,
  `create table interpretation_requests (
    agency_id int not null references agencies(id),
    id bigserial,
    row_hash text not null,
    requested_at timestamptz not null,
    language text not null,
    mode text,
    completed_at timestamptz,
    import_run_id int,
    created_at timestamptz not null default now(),
    primary key (agency_id, id),
    unique (agency_id, row_hash)
  )`,
  `create index interpretation_requests_requested on interpretation_requests (agency_id, requested_at)`,
  `alter table cases add column if not exists external_data jsonb`,
  `alter table cases add column if not exists import_hash text`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table cases drop column if exists import_hash').execute(db);
  await sql.raw('alter table cases drop column if exists external_data').execute(db);
  for (const table of ['interpretation_requests', 'calls', 'import_mappings', 'import_runs']) {
    await sql.raw(`drop table if exists ${table}`).execute(db);
  }
}
