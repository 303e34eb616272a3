// New-issue alerts: a subject, facility, unit or subject at a facility whose daily or weekly count rose well above
// what its history predicted (src/domain/new-issues.ts), stored once per key, window and last day so the daily job
// never raises the same alert twice; the counts of the windows before it (its sparkline); the unit whose managers were
// told; who acknowledged it. Each daily run is recorded, so a month whose runs found nothing is known to be quiet and is
// not recounted by the monthly report. The outbox learns a third kind of mail, 'notification' (mail to staff, no case of its own).
import { sql, type Kysely } from 'kysely';

const statements = [
  `create table issue_alerts (
    agency_id int not null references agencies(id),
    id serial,
    dimension text not null check (dimension in ('subject','facility','unit','subject_facility')),
    key text not null,
    label text not null,
    "window" text not null check ("window" in ('day','week')),
    period_from date not null,
    period_to date not null,
    observed int not null,
    expected double precision not null,
    probability double precision not null,
    history int[] not null default '{}',
    unit_id int,
    created_at timestamptz not null default now(),
    acknowledged_by int,
    acknowledged_at timestamptz,
    primary key (agency_id, id),
    unique (agency_id, dimension, key, "window", period_to),
    foreign key (agency_id, unit_id) references units(agency_id, id),
    foreign key (agency_id, acknowledged_by) references users(agency_id, id)
  )`,
  `create index issue_alerts_period on issue_alerts (agency_id, period_to desc, id desc)`,
  `create index issue_alerts_unit on issue_alerts (agency_id, unit_id, period_to desc)`,
  `create table issue_detection_runs (
    agency_id int not null references agencies(id),
    as_of date not null,
    raised int not null,
    ran_at timestamptz not null default now(),
    primary key (agency_id, as_of)
  )`,
  `alter table outbox drop constraint if exists outbox_kind_check`,
  `alter table outbox add constraint outbox_kind_check check (kind in ('acknowledgement','response','notification'))`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`delete from outbox where kind = 'notification'`).execute(db);
  await sql.raw('alter table outbox drop constraint if exists outbox_kind_check').execute(db);
  await sql
    .raw(`alter table outbox add constraint outbox_kind_check check (kind in ('acknowledgement','response'))`)
    .execute(db);
  await sql.raw('drop table if exists issue_detection_runs').execute(db);
  await sql.raw('drop table if exists issue_alerts').execute(db);
}
