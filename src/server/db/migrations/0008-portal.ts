// The public portal: the per-case secret of the status link, server secrets (the form-token key when
// CIVICDESK_SECRET is unset), claims of signed form tokens (one case per token), survey invitations (token stored
// as a SHA-256 digest, one answer each, 60-day expiry) and the survey answers the reports read.
// The `public` flag on timeline entries comes from migration 0005.
import { sql, type Kysely } from 'kysely';

const statements = [
  `alter table cases add column public_secret text`,
  `create table server_secrets (
    name text primary key,
    value text not null,
    created_at timestamptz not null default now()
  )`,
  `create table portal_submissions (
    agency_id int not null references agencies(id),
    token_digest text not null,
    case_id int,
    tracking_number text,
    created_at timestamptz not null default now(),
    primary key (agency_id, token_digest)
  )`,
  `create table survey_invitations (
    agency_id int not null,
    id serial,
    case_id int not null,
    token_digest text not null,
    language text not null default 'en',
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    answered_at timestamptz,
    primary key (agency_id, id),
    unique (agency_id, case_id),
    foreign key (agency_id, case_id) references cases (agency_id, id)
  )`,
  `create unique index survey_invitations_token on survey_invitations (token_digest)`,
  `create table survey_responses (
    agency_id int not null,
    id serial,
    invitation_id int not null,
    case_id int not null,
    satisfaction int not null check (satisfaction between 1 and 5),
    resolved boolean,
    comment text not null default '',
    language text not null default 'en',
    created_at timestamptz not null default now(),
    primary key (agency_id, id),
    unique (agency_id, invitation_id),
    foreign key (agency_id, case_id) references cases (agency_id, id)
  )`,
  `create index survey_responses_created on survey_responses (agency_id, created_at)`,
  `create index portal_cases_closed on cases (agency_id, closed_at) where closed_at is not null`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop index if exists portal_cases_closed').execute(db);
  for (const table of ['survey_responses', 'survey_invitations', 'portal_submissions', 'server_secrets']) {
    await sql.raw(`drop table if exists ${table}`).execute(db);
  }
  await sql.raw('alter table cases drop column if exists public_secret').execute(db);
}
