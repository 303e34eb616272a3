// Indexes and bookkeeping for the hot paths measured in bench/: work queues ordered by deadline (open cases and
// a unit's whole list), and a configuration version that intake caches against. Every change to an agency's
// routing rules, standards, subjects, units, channels or calendar bumps agencies.config_version by trigger, so a
// process's cached configuration is never used after a change, whichever process made it.
import { sql, type Kysely } from 'kysely';

const configTables = ['routing_rules', 'service_standards', 'subjects', 'units', 'channels'];

const statements = [
  `create index cases_unit_deadline_open on cases
     (agency_id, unit_id, (coalesce(resolution_due_at, 'infinity'::timestamptz)), id) where status <> 'closed'`,
  `create index cases_open_deadline on cases
     (agency_id, (coalesce(resolution_due_at, 'infinity'::timestamptz)), id) where status <> 'closed'`,
  `create index cases_unit_deadline_all on cases
     (agency_id, unit_id, (coalesce(resolution_due_at, 'infinity'::timestamptz)), id)`,
  `create index cases_unit_received on cases (agency_id, unit_id, received_at desc, id desc)`,
  `create index cases_assignee_deadline_open on cases
     (agency_id, assignee_id, (coalesce(resolution_due_at, 'infinity'::timestamptz)), id) where status <> 'closed'`,
  `alter table agencies add column config_version bigint not null default 1`,
  `create function civicdesk_bump_config_version() returns trigger language plpgsql as $$
   begin
     update agencies set config_version = config_version + 1
      where id = coalesce((case when tg_op = 'DELETE' then old.agency_id else new.agency_id end), -1);
     return null;
   end $$`,
  ...configTables.map(
    (table) => `create trigger ${table}_config_version after insert or update or delete on ${table}
       for each row execute function civicdesk_bump_config_version()`,
  ),
  `create function civicdesk_agency_config_version() returns trigger language plpgsql as $$
   begin
     if new.calendar is distinct from old.calendar or new.time_zone is distinct from old.time_zone
        or new.tracking_prefix is distinct from old.tracking_prefix
        or new.escalation_levels is distinct from old.escalation_levels then
       new.config_version := old.config_version + 1;
     end if;
     return new;
   end $$`,
  `create trigger agencies_config_version before update on agencies
     for each row execute function civicdesk_agency_config_version()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of configTables)
    await sql.raw(`drop trigger if exists ${table}_config_version on ${table}`).execute(db);
  await sql.raw('drop trigger if exists agencies_config_version on agencies').execute(db);
  await sql.raw('drop function if exists civicdesk_bump_config_version()').execute(db);
  await sql.raw('drop function if exists civicdesk_agency_config_version()').execute(db);
  await sql.raw('alter table agencies drop column if exists config_version').execute(db);
  for (const index of [
    'cases_unit_deadline_open',
    'cases_open_deadline',
    'cases_unit_deadline_all',
    'cases_unit_received',
    'cases_assignee_deadline_open',
  ]) {
    await sql.raw(`drop index if exists ${index}`).execute(db);
  }
}
