// Quality management: the measures catalogue of each agency (federal, state and its own measures), their values per
// period with who entered them and how reliable they are, annual goals; improvement action plans with their actions;
// the procedures library (versioned documents approved like templates, searched by full text) and who has
// acknowledged which version; supervisors' reviews of closed cases' responses against a rubric;
// training courses (required for a role or unit, renewed every N months), sessions and attendance. The catalogue rows are written by seedQualityCatalogue (bootstrap, agency create).
import { sql, type Kysely } from 'kysely';

const statements = [
  `create table quality_measures (
    agency_id int not null references agencies(id),
    id serial,
    key text not null check (key ~ '^[a-z][a-z0-9_]{1,59}$'),
    name text not null check (length(name) between 1 and 200),
    description text not null default '',
    source text not null check (source in ('federal','california','manual')),
    period_kind text not null check (period_kind in ('month','quarter','federal_fiscal_year','city_fiscal_year')),
    unit text not null check (unit in ('percent','ratio','dollars','count','seconds')),
    direction text not null check (direction in ('higher','lower')),
    numerator_label text not null,
    denominator_label text not null,
    report_lines text not null default '',
    threshold_profile text not null default 'none',
    active boolean not null default true,
    created_by int,
    created_at timestamptz not null default now(),
    primary key (agency_id, id),
    unique (agency_id, key)
  )`,
  `create table quality_measure_values (
    agency_id int not null,
    id serial,
    measure_id int not null,
    period_key text not null,
    period_from date not null,
    period_to date not null,
    numerator double precision not null check (numerator >= 0),
    denominator double precision not null check (denominator > 0),
    value double precision not null,
    source text not null default '',
    entered_via text not null check (entered_via in ('console','api','import')),
    reliable boolean not null default true,
    reliability_note text not null default '',
    entered_by int,
    entered_by_name text not null,
    entered_at timestamptz not null default now(),
    version int not null default 1,
    primary key (agency_id, id),
    unique (agency_id, measure_id, period_key),
    foreign key (agency_id, measure_id) references quality_measures (agency_id, id)
  )`,
  `create table quality_measure_goals (
    agency_id int not null,
    measure_id int not null,
    year int not null check (year between 2000 and 2100),
    goal double precision not null,
    set_by int,
    set_at timestamptz not null default now(),
    primary key (agency_id, measure_id, year),
    foreign key (agency_id, measure_id) references quality_measures (agency_id, id)
  )`,
  `create table action_plans (
    agency_id int not null references agencies(id),
    id serial,
    title text not null check (length(title) between 1 and 200),
    measure_key text,
    owner_user_id int not null,
    goal text not null,
    baseline text not null default '',
    origin text not null default 'measure',
    review_on date,
    status text not null default 'open' check (status in ('open','completed','cancelled')),
    created_by int,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    version int not null default 1,
    primary key (agency_id, id),
    foreign key (agency_id, owner_user_id) references users (agency_id, id)
  )`,
  `create index action_plans_status on action_plans (agency_id, status)`,
  `create table action_plan_actions (
    agency_id int not null,
    id serial,
    plan_id int not null,
    position int not null,
    title text not null check (length(title) between 1 and 300),
    owner_user_id int not null,
    due_on date not null,
    completed_on date,
    completed_by int,
    evidence text not null default '',
    overdue_flagged_at timestamptz,
    escalation_level int not null default 0,
    primary key (agency_id, id),
    foreign key (agency_id, plan_id) references action_plans (agency_id, id),
    foreign key (agency_id, owner_user_id) references users (agency_id, id)
  )`,
  `create index action_plan_actions_plan on action_plan_actions (agency_id, plan_id, position)`,
  `create index action_plan_actions_open_due on action_plan_actions (agency_id, due_on) where completed_on is null`,
  `create table procedures (
    agency_id int not null references agencies(id),
    id serial,
    kind text not null default 'procedure' check (kind in ('policy','procedure','script','desk_guide')),
    owner_user_id int,
    review_months int check (review_months between 1 and 120),
    created_at timestamptz not null default now(),
    primary key (agency_id, id)
  )`,
  `create table procedure_versions (
    agency_id int not null,
    procedure_id int not null,
    version int not null,
    title text not null check (length(title) between 1 and 200),
    body text not null,
    status text not null default 'draft' check (status in ('draft','approved','retired')),
    effective_on date,
    created_by int,
    created_at timestamptz not null default now(),
    decided_by int,
    decided_at timestamptz,
    search tsvector generated always as (
      setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', left(body, 200000)), 'B')
    ) stored,
    primary key (agency_id, procedure_id, version),
    foreign key (agency_id, procedure_id) references procedures (agency_id, id)
  )`,
  `create index procedure_versions_search on procedure_versions using gin (search)`,
  `create table procedure_acknowledgements (
    agency_id int not null,
    procedure_id int not null,
    version int not null,
    user_id int not null,
    acknowledged_at timestamptz not null default now(),
    primary key (agency_id, procedure_id, version, user_id),
    foreign key (agency_id, procedure_id, version) references procedure_versions (agency_id, procedure_id, version),
    foreign key (agency_id, user_id) references users (agency_id, id)
  )`,
  `create table response_reviews (
    agency_id int not null,
    id serial,
    case_id int not null,
    worker_user_id int,
    reviewer_user_id int,
    scores jsonb not null,
    average double precision not null,
    comment text not null default '',
    created_at timestamptz not null default now(),
    primary key (agency_id, id),
    unique (agency_id, case_id),
    foreign key (agency_id, case_id) references cases (agency_id, id),
    foreign key (agency_id, worker_user_id) references users (agency_id, id)
  )`,
  `create index response_reviews_worker on response_reviews (agency_id, worker_user_id, created_at)`,
  `create table training_courses (
    agency_id int not null references agencies(id),
    id serial,
    title text not null check (length(title) between 1 and 200),
    description text not null default '',
    required_for_role text,
    required_for_unit_id int,
    renewal_months int check (renewal_months between 1 and 120),
    procedure_id int,
    created_at timestamptz not null default now(),
    primary key (agency_id, id),
    foreign key (agency_id, required_for_unit_id) references units (agency_id, id),
    foreign key (agency_id, procedure_id) references procedures (agency_id, id)
  )`,
  `create table training_sessions (
    agency_id int not null,
    id serial,
    course_id int not null,
    held_on date not null,
    place text not null default '',
    trainer text not null default '',
    capacity int check (capacity between 1 and 10000),
    primary key (agency_id, id),
    foreign key (agency_id, course_id) references training_courses (agency_id, id)
  )`,
  `create table training_enrolments (
    agency_id int not null,
    session_id int not null,
    user_id int not null,
    attended boolean,
    evaluation_score int check (evaluation_score between 1 and 5),
    comment text not null default '',
    completed_on date,
    primary key (agency_id, session_id, user_id),
    foreign key (agency_id, session_id) references training_sessions (agency_id, id),
    foreign key (agency_id, user_id) references users (agency_id, id)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'training_enrolments',
    'training_sessions',
    'training_courses',
    'response_reviews',
    'procedure_acknowledgements',
    'procedure_versions',
    'procedures',
    'action_plan_actions',
    'action_plans',
    'quality_measure_goals',
    'quality_measure_values',
    'quality_measures',
  ]) {
    await sql.raw(`drop table if exists ${table}`).execute(db);
  }
}
