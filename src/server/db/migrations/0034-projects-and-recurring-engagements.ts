// Recurring engagements and special projects: an engagement may carry a recurrence rule (weekly or monthly by
// weekday, until a date or for a count; expanded by domain/recurrence.ts) with the end of its last meeting kept for
// range queries; projects with scope, owner, team, milestones (swept for due and overdue with the case deadlines),
// status reports and links to cases, procedures, action plans and engagements; notifications that name a project.
import { sql, type Kysely } from 'kysely';

const PROJECT_KINDS = ['milestone_due', 'milestone_overdue'];

const statements = [
  'alter table engagements add column recurrence jsonb',
  'alter table engagements add column series_ends_at timestamptz',
  `alter table engagements add constraint engagements_series_check
    check ((recurrence is null) = (series_ends_at is null))`,
  'create index engagements_series on engagements (agency_id, series_ends_at) where recurrence is not null',
  `create table projects (
    agency_id int not null references agencies(id),
    id serial,
    title text not null check (length(title) between 1 and 300),
    scope text not null default '',
    owner_user_id int not null,
    status text not null default 'active' check (status in ('active','completed','cancelled')),
    health text not null default 'on_track' check (health in ('on_track','at_risk','late')),
    starts_on date,
    due_on date,
    created_by_user_id int,
    version int not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (agency_id, id),
    foreign key (agency_id, owner_user_id) references users (agency_id, id),
    check (due_on is null or starts_on is null or due_on >= starts_on)
  )`,
  `create index projects_status on projects (agency_id, status)`,
  `create table project_members (
    agency_id int not null,
    project_id int not null,
    user_id int not null,
    role text not null default '',
    primary key (agency_id, project_id, user_id),
    foreign key (agency_id, project_id) references projects (agency_id, id) on delete cascade,
    foreign key (agency_id, user_id) references users (agency_id, id)
  )`,
  `create table project_milestones (
    agency_id int not null,
    id serial,
    project_id int not null,
    title text not null check (length(title) between 1 and 300),
    due_on date not null,
    completed_at timestamptz,
    completed_by_user_id int,
    alert_level smallint not null default 0 check (alert_level between 0 and 2),
    created_at timestamptz not null default now(),
    primary key (agency_id, id),
    foreign key (agency_id, project_id) references projects (agency_id, id) on delete cascade
  )`,
  `create index project_milestones_project on project_milestones (agency_id, project_id, due_on)`,
  `create index project_milestones_open on project_milestones (agency_id, due_on) where completed_at is null`,
  `create table project_status_reports (
    agency_id int not null,
    id serial,
    project_id int not null,
    health text not null check (health in ('on_track','at_risk','late')),
    summary text not null check (length(summary) between 1 and 20000),
    reported_by_user_id int,
    reported_at timestamptz not null default now(),
    primary key (agency_id, id),
    foreign key (agency_id, project_id) references projects (agency_id, id) on delete cascade
  )`,
  `create index project_status_reports_project on project_status_reports (agency_id, project_id, reported_at)`,
  `create table project_links (
    agency_id int not null,
    project_id int not null,
    linked_type text not null check (linked_type in ('case','procedure','action_plan','engagement')),
    linked_id int not null,
    created_at timestamptz not null default now(),
    primary key (agency_id, project_id, linked_type, linked_id),
    foreign key (agency_id, project_id) references projects (agency_id, id) on delete cascade
  )`,
  'alter table notifications add column project_id int',
  `alter table notifications add constraint notifications_project_fkey
    foreign key (agency_id, project_id) references projects (agency_id, id) on delete cascade`,
];

/** The notification kinds the check allows now (other modules add theirs too), read from the constraint itself. */
async function allowedKinds(db: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{ definition: string }>`
    select pg_get_constraintdef(oid) as definition from pg_constraint where conname = 'notifications_kind_check'`.execute(
    db,
  );
  return [...(rows[0]?.definition ?? '').matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!);
}

async function setKinds(db: Kysely<unknown>, kinds: string[]): Promise<void> {
  await sql.raw('alter table notifications drop constraint notifications_kind_check').execute(db);
  const list = [...new Set(kinds)].map((k) => `'${k}'`).join(',');
  await sql
    .raw(`alter table notifications add constraint notifications_kind_check check (kind in (${list}))`)
    .execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
  await setKinds(db, [...(await allowedKinds(db)), ...PROJECT_KINDS]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`delete from notifications where kind in ('milestone_due','milestone_overdue')`).execute(db);
  await setKinds(
    db,
    (await allowedKinds(db)).filter((k) => !PROJECT_KINDS.includes(k)),
  );
  for (const statement of [
    'alter table notifications drop column if exists project_id',
    'drop table if exists project_links',
    'drop table if exists project_status_reports',
    'drop table if exists project_milestones',
    'drop table if exists project_members',
    'drop table if exists projects',
    'alter table engagements drop constraint if exists engagements_series_check',
    'alter table engagements drop column if exists series_ends_at',
    'alter table engagements drop column if exists recurrence',
  ]) {
    await sql.raw(statement).execute(db);
  }
}
