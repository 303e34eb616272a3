// Scheduled reports: which report goes to whom, in which formats, on which day of the month and at what local time,
// built with the policies of the user who owns the schedule; and one delivery row per schedule and month, whose
// unique key makes sure a month is sent once however many workers look at it.
import { sql, type Kysely } from 'kysely';

const statements = [
  `create table report_schedules (
    agency_id int not null references agencies(id),
    id serial,
    name text not null check (length(name) between 1 and 200),
    report_kind text not null check (length(report_kind) between 1 and 60),
    saved_report_id int,
    formats text[] not null check (cardinality(formats) between 1 and 3 and formats <@ array['pdf','xlsx','csv']::text[]),
    recipients text[] not null check (cardinality(recipients) between 1 and 50),
    run_on text not null check (run_on = 'first_business_day' or run_on ~ '^day_of_month:([1-9]|[12][0-9]|3[01])$'),
    run_at_local time not null default '08:00',
    active boolean not null default true,
    owner_user_id int not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version int not null default 1,
    primary key (agency_id, id),
    foreign key (agency_id, owner_user_id) references users (agency_id, id),
    check ((report_kind = 'saved') = (saved_report_id is not null))
  )`,
  `create index report_schedules_active on report_schedules (agency_id) where active`,
  `create table report_deliveries (
    agency_id int not null references agencies(id),
    id serial,
    schedule_id int not null,
    period_key text not null,
    status text not null default 'queued' check (status in ('queued','sent','failed')),
    trigger text not null default 'schedule' check (trigger in ('schedule','send_now')),
    requested_by int,
    attempts int not null default 0,
    last_error text,
    sent_at timestamptz,
    message_id text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (agency_id, id),
    unique (agency_id, schedule_id, period_key),
    foreign key (agency_id, schedule_id) references report_schedules (agency_id, id) on delete cascade
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table if exists report_deliveries').execute(db);
  await sql.raw('drop table if exists report_schedules').execute(db);
}
