// Data at rest and retention. Status-page access codes are kept only as SHA-256 digests, one row per code given out
// (the code itself is shown once, where it is created); the plain codes of earlier cases are digested here and the
// column that held them is dropped. Retention rules per agency and case kind (a subject code, '*' for every other
// case, '#restricted' for restricted cases) say after how many years closed a case is anonymised or deleted; the
// anonymised cases and people are marked so a run skips them. Mailbox passwords are encrypted at start
// (src/server/secret-box.ts), since a migration has no key.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `create table case_access_codes (
      agency_id int not null,
      case_id int not null,
      code_hash text not null,
      created_at timestamptz not null default now(),
      primary key (agency_id, case_id, code_hash),
      foreign key (agency_id, case_id) references cases (agency_id, id) on delete cascade
    )`,
    `insert into case_access_codes (agency_id, case_id, code_hash)
      select agency_id, id, 's1:' || encode(sha256(convert_to(public_secret, 'UTF8')), 'hex')
      from cases where public_secret is not null`,
    'alter table cases drop column public_secret',
    `create table retention_rules (
      agency_id int not null references agencies (id),
      case_kind text not null check (case_kind <> ''),
      years int not null check (years between 1 and 100),
      action text not null check (action in ('anonymise', 'delete')),
      updated_at timestamptz not null default now(),
      primary key (agency_id, case_kind)
    )`,
    'alter table cases add column anonymised_at timestamptz',
    'alter table people add column anonymised_at timestamptz',
    'create index cases_closed_for_retention on cases (agency_id, closed_at) where anonymised_at is null',
  ]) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'drop index if exists cases_closed_for_retention',
    'alter table people drop column if exists anonymised_at',
    'alter table cases drop column if exists anonymised_at',
    'drop table if exists retention_rules',
    'alter table cases add column public_secret text',
    'drop table if exists case_access_codes',
  ]) {
    await sql.raw(statement).execute(db);
  }
}
