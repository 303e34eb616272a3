// Sign-in that resists guessing and credentials with a lifecycle. Failed sign-ins are counted in the database (one row
// per email digest and per client address digest), so every web process sees the same counts and a burst of parallel
// guesses is counted atomically. Sessions remember when they were last used (idle time-out); API tokens expire.
import { sql, type Kysely } from 'kysely';

const statements = [
  `create table sign_in_limits (
    key text primary key,
    failures int not null default 0,
    window_started_at timestamptz not null default now(),
    locked_until timestamptz,
    updated_at timestamptz not null default now()
  )`,
  `create index sign_in_limits_updated on sign_in_limits (updated_at)`,
  `alter table sessions add column last_seen_at timestamptz not null default now()`,
  `create index sessions_user on sessions (agency_id, user_id)`,
  `alter table api_tokens add column expires_at timestamptz not null default (now() + interval '90 days')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `alter table api_tokens drop column expires_at`,
    `drop index sessions_user`,
    `alter table sessions drop column last_seen_at`,
    `drop table sign_in_limits`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
