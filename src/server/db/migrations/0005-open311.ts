// Open311 GeoReport v2: API keys of 311 systems (SHA-256 digests only, revocable), each agency's jurisdiction_id
// (the agency slug unless set), the service definition of a subject (description, keywords, questions), what a
// 311 request adds to its case (location, attributes, media, device and account), duplicate-submission claims,
// and a `public` flag on timeline entries: only public entries become a request's status_notes.
import { sql, type Kysely } from 'kysely';

const statements = [
  `alter table agencies add column jurisdiction_id text`,
  `create unique index agencies_jurisdiction on agencies ((coalesce(jurisdiction_id, slug)))`,
  `create table open311_keys (
    agency_id int not null references agencies(id),
    id serial,
    name text not null,
    key_hash text not null,
    created_by int,
    created_at timestamptz not null default now(),
    revoked_at timestamptz,
    primary key (agency_id, id)
  )`,
  `create unique index open311_keys_hash on open311_keys (key_hash)`,
  `create table open311_services (
    agency_id int not null references agencies(id),
    subject_code text not null,
    description text not null default '',
    keywords text[] not null default '{}',
    questions jsonb not null default '[]',
    version int not null default 1,
    updated_at timestamptz not null default now(),
    primary key (agency_id, subject_code)
  )`,
  `create table open311_requests (
    agency_id int not null,
    case_id int not null,
    key_id int not null,
    service_code text not null,
    lat double precision,
    long double precision,
    address_string text,
    address_id text,
    zipcode text,
    media_url text,
    device_id text,
    account_id text,
    attributes jsonb not null default '{}',
    created_at timestamptz not null default now(),
    primary key (agency_id, case_id),
    foreign key (agency_id, case_id) references cases (agency_id, id)
  )`,
  `create table open311_submissions (
    agency_id int not null,
    key_id int not null,
    fingerprint text not null,
    case_id int,
    created_at timestamptz not null default now(),
    primary key (agency_id, key_id, fingerprint)
  )`,
  `alter table timeline_entries add column public boolean not null default false`,
  `create index timeline_public on timeline_entries (agency_id, case_id, created_at desc) where public`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop index if exists timeline_public').execute(db);
  await sql.raw('alter table timeline_entries drop column if exists public').execute(db);
  for (const table of ['open311_submissions', 'open311_requests', 'open311_services', 'open311_keys']) {
    await sql.raw(`drop table if exists ${table}`).execute(db);
  }
  await sql.raw('drop index if exists agencies_jurisdiction').execute(db);
  await sql.raw('alter table agencies drop column if exists jurisdiction_id').execute(db);
}
