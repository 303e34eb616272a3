// Quality, second part: procedures linked from subjects and routing rules (the case screen shows the procedure for
// the case at hand); files attached to procedures and to plan actions as evidence, kept in the case attachments'
// storage; the agency's editable review rubric, versioned so a review keeps the rubric it was scored with; training
// assigned from a review finding and required by a new procedure version; the reminders already mailed (procedure
// review due, training due/overdue) so the sweep mails each once; the federal and California measures put away in
// agencies that are not on the child-support preset and never entered a value for them.
import { sql, type Kysely } from 'kysely';

const NEW_KINDS = ['procedure_review_due', 'training_due', 'training_overdue'];

const statements = [
  `create table procedure_links (
    agency_id int not null,
    id serial,
    procedure_id int not null,
    subject_id int,
    routing_rule_id int,
    created_by int,
    created_at timestamptz not null default now(),
    primary key (agency_id, id),
    check (num_nonnulls(subject_id, routing_rule_id) = 1),
    foreign key (agency_id, procedure_id) references procedures (agency_id, id),
    foreign key (agency_id, subject_id) references subjects (agency_id, id),
    foreign key (agency_id, routing_rule_id) references routing_rules (agency_id, id)
  )`,
  `create unique index procedure_links_subject on procedure_links (agency_id, subject_id, procedure_id)
    where subject_id is not null`,
  `create unique index procedure_links_rule on procedure_links (agency_id, routing_rule_id, procedure_id)
    where routing_rule_id is not null`,
  `create table quality_attachments (
    agency_id int not null,
    id serial,
    procedure_id int,
    action_id int,
    filename text not null,
    content_type text not null,
    size_bytes int not null,
    storage_key text not null,
    uploaded_by int,
    created_at timestamptz not null default now(),
    primary key (agency_id, id),
    check (num_nonnulls(procedure_id, action_id) = 1),
    foreign key (agency_id, procedure_id) references procedures (agency_id, id),
    foreign key (agency_id, action_id) references action_plan_actions (agency_id, id)
  )`,
  `create index quality_attachments_procedure on quality_attachments (agency_id, procedure_id) where procedure_id is not null`,
  `create index quality_attachments_action on quality_attachments (agency_id, action_id) where action_id is not null`,
  `create table review_rubrics (
    agency_id int not null references agencies(id),
    version int not null check (version >= 1),
    scale_min int not null check (scale_min >= 0),
    scale_max int not null check (scale_max <= 100),
    criteria jsonb not null,
    created_by int,
    created_at timestamptz not null default now(),
    primary key (agency_id, version),
    check (scale_min < scale_max)
  )`,
  `alter table response_reviews add column rubric_version int`,
  `alter table response_reviews add column assigned_course_id int`,
  `create table training_assignments (
    agency_id int not null,
    id serial,
    user_id int not null,
    course_id int not null,
    review_id int,
    reason text not null default '',
    assigned_by int,
    assigned_on date not null,
    primary key (agency_id, id),
    foreign key (agency_id, user_id) references users (agency_id, id),
    foreign key (agency_id, course_id) references training_courses (agency_id, id),
    foreign key (agency_id, review_id) references response_reviews (agency_id, id)
  )`,
  `create index training_assignments_user on training_assignments (agency_id, user_id)`,
  `alter table procedure_versions add column required_course_id int`,
  `alter table procedure_versions add column acknowledgement_required boolean not null default false`,
  `alter table procedure_versions add constraint procedure_versions_course_fkey
    foreign key (agency_id, required_course_id) references training_courses (agency_id, id)`,
  `alter table procedures add column review_notified_for date`,
  `create table training_reminders (
    agency_id int not null,
    user_id int not null,
    course_id int not null,
    due_on date not null,
    standing text not null check (standing in ('due_soon','overdue')),
    notified_at timestamptz not null default now(),
    primary key (agency_id, user_id, course_id, due_on, standing),
    foreign key (agency_id, user_id) references users (agency_id, id),
    foreign key (agency_id, course_id) references training_courses (agency_id, id)
  )`,
  `alter table notifications add column procedure_id int`,
  `alter table notifications add constraint notifications_procedure_fkey
    foreign key (agency_id, procedure_id) references procedures (agency_id, id)`,
  `update quality_measures m set active = false
    where m.source in ('federal','california')
      and not exists (select 1 from agencies a where a.id = m.agency_id and a.settings->>'preset' = 'child-support')
      and not exists (select 1 from quality_measure_values v where v.agency_id = m.agency_id and v.measure_id = m.id)
      and not exists (select 1 from quality_measure_goals g where g.agency_id = m.agency_id and g.measure_id = m.id)`,
];

/** The kinds the notifications check allows now (other migrations may have added theirs). */
async function currentKinds(db: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{ definition: string }>`
    select pg_get_constraintdef(oid) as definition from pg_constraint
    where conname = 'notifications_kind_check' and conrelid = 'notifications'::regclass`.execute(db);
  return [...(rows[0]?.definition ?? '').matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!);
}

async function setKinds(db: Kysely<unknown>, kinds: string[]): Promise<void> {
  await sql.raw('alter table notifications drop constraint notifications_kind_check').execute(db);
  await sql
    .raw(
      `alter table notifications add constraint notifications_kind_check check (kind in (${kinds.map((k) => `'${k}'`).join(',')}))`,
    )
    .execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
  const kinds = await currentKinds(db);
  await setKinds(db, [...new Set([...kinds, ...NEW_KINDS])]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`delete from notifications where kind in (${NEW_KINDS.map((k) => `'${k}'`).join(',')})`).execute(db);
  await setKinds(
    db,
    (await currentKinds(db)).filter((k) => !NEW_KINDS.includes(k)),
  );
  for (const statement of [
    'alter table notifications drop column if exists procedure_id',
    'drop table if exists training_reminders',
    'alter table procedures drop column if exists review_notified_for',
    'alter table procedure_versions drop constraint if exists procedure_versions_course_fkey',
    'alter table procedure_versions drop column if exists acknowledgement_required',
    'alter table procedure_versions drop column if exists required_course_id',
    'drop table if exists training_assignments',
    'alter table response_reviews drop column if exists assigned_course_id',
    'alter table response_reviews drop column if exists rubric_version',
    'drop table if exists review_rubrics',
    'drop table if exists quality_attachments',
    'drop table if exists procedure_links',
  ]) {
    await sql.raw(statement).execute(db);
  }
}
