// The foundation schema: agencies (tenants) and their people, configuration, cases, timeline, audit and jobs.
// Tenant-owned tables carry agency_id in their primary key so the schema can be distributed by agency.
import { sql, type Kysely } from 'kysely';

const statements = [
  `create table agencies (
    id serial primary key,
    slug text not null unique,
    name text not null,
    time_zone text not null,
    tracking_prefix text not null,
    calendar jsonb not null,
    escalation_levels jsonb not null default '[]',
    settings jsonb not null default '{}',
    version int not null default 1,
    created_at timestamptz not null default now()
  )`,
  `create table units (
    agency_id int not null references agencies(id),
    id serial,
    code text not null,
    name text not null,
    active boolean not null default true,
    created_at timestamptz not null default now(),
    primary key (agency_id, id),
    unique (agency_id, code)
  )`,
  `create table users (
    agency_id int not null references agencies(id),
    id serial,
    email text not null,
    name text not null,
    role text not null check (role in ('administrator','supervisor','caseworker','unit_liaison','auditor')),
    password_hash text,
    active boolean not null default true,
    failed_logins int not null default 0,
    locked_until timestamptz,
    must_change_password boolean not null default false,
    language text not null default 'en',
    created_at timestamptz not null default now(),
    primary key (agency_id, id)
  )`,
  `create unique index users_email on users (lower(email))`,
  `create table unit_memberships (
    agency_id int not null,
    user_id int not null,
    unit_id int not null,
    is_manager boolean not null default false,
    primary key (agency_id, user_id, unit_id),
    foreign key (agency_id, user_id) references users(agency_id, id),
    foreign key (agency_id, unit_id) references units(agency_id, id)
  )`,
  `create table sessions (
    id text primary key,
    agency_id int not null,
    user_id int not null,
    csrf_token text not null,
    expires_at timestamptz not null,
    created_at timestamptz not null default now(),
    foreign key (agency_id, user_id) references users(agency_id, id)
  )`,
  `create table api_tokens (
    agency_id int not null,
    id serial,
    user_id int not null,
    name text not null,
    token_hash text not null unique,
    last_used_at timestamptz,
    revoked_at timestamptz,
    created_at timestamptz not null default now(),
    primary key (agency_id, id),
    foreign key (agency_id, user_id) references users(agency_id, id)
  )`,
  `create table subjects (
    agency_id int not null references agencies(id),
    id serial,
    code text not null,
    name text not null,
    parent_code text,
    active boolean not null default true,
    primary key (agency_id, id),
    unique (agency_id, code)
  )`,
  `create table people (
    agency_id int not null references agencies(id),
    id serial,
    first_name text not null default '',
    last_name text not null default '',
    kind text not null default 'constituent'
      check (kind in ('constituent','representative','advocate','elected_official','media')),
    organisation text,
    preferred_language text not null default 'en',
    interpretation_needed boolean not null default false,
    accessibility_needs text[] not null default '{}',
    notes text,
    merged_into_id int,
    version int not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    search tsvector generated always as (
      to_tsvector('simple', coalesce(first_name,'') || ' ' || coalesce(last_name,'') || ' ' || coalesce(organisation,''))
    ) stored,
    primary key (agency_id, id)
  )`,
  `create index people_search on people using gin (search)`,
  `create table person_contacts (
    agency_id int not null,
    person_id int not null,
    kind text not null check (kind in ('email','phone','address')),
    value text not null,
    normalized text not null,
    label text,
    is_primary boolean not null default false,
    primary key (agency_id, person_id, kind, normalized),
    foreign key (agency_id, person_id) references people(agency_id, id)
  )`,
  `create index person_contacts_lookup on person_contacts (agency_id, kind, normalized)`,
  `create table tracking_counters (
    agency_id int not null references agencies(id),
    year int not null,
    last_value int not null default 0,
    primary key (agency_id, year)
  )`,
  `create table service_standards (
    agency_id int not null references agencies(id),
    id serial,
    name text not null,
    position int not null,
    match jsonb not null default '{}',
    first_response jsonb,
    resolution jsonb,
    warning_percent int not null default 75,
    active boolean not null default true,
    version int not null default 1,
    primary key (agency_id, id)
  )`,
  `create table routing_rules (
    agency_id int not null references agencies(id),
    id serial,
    name text not null,
    position int not null,
    conditions jsonb not null default '{}',
    actions jsonb not null default '{}',
    stop_processing boolean not null default true,
    active boolean not null default true,
    version int not null default 1,
    primary key (agency_id, id)
  )`,
  `create table cases (
    agency_id int not null references agencies(id),
    id serial,
    tracking_number text not null,
    channel text not null,
    subject_code text,
    description text not null default '',
    received_at timestamptz not null,
    status text not null default 'new'
      check (status in ('new','triaged','assigned','in_progress','waiting_on_constituent','responded','closed')),
    priority text not null default 'normal' check (priority in ('low','normal','high','urgent')),
    language text not null default 'en',
    writer_type text not null default 'constituent'
      check (writer_type in ('constituent','representative','advocate','elected_official','media')),
    person_id int,
    on_behalf_of_person_id int,
    unit_id int,
    assignee_id int,
    facility text,
    restricted boolean not null default false,
    tags text[] not null default '{}',
    service_standard_id int,
    first_response_due_at timestamptz,
    resolution_due_at timestamptz,
    first_response_at timestamptz,
    closed_at timestamptz,
    paused_at timestamptz,
    pauses jsonb not null default '[]',
    escalation_level int not null default 0,
    escalated_at timestamptz,
    warned_at timestamptz,
    merged_into_id int,
    external_id text,
    version int not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    search tsvector generated always as (
      setweight(to_tsvector('simple', tracking_number), 'A') ||
      setweight(to_tsvector('simple', coalesce(subject_code,'') || ' ' || coalesce(facility,'')), 'B') ||
      setweight(to_tsvector('simple', left(description, 100000)), 'C')
    ) stored,
    primary key (agency_id, id),
    unique (agency_id, tracking_number),
    foreign key (agency_id, person_id) references people(agency_id, id),
    foreign key (agency_id, unit_id) references units(agency_id, id),
    foreign key (agency_id, assignee_id) references users(agency_id, id)
  )`,
  `create index cases_unit_queue on cases (agency_id, unit_id, resolution_due_at) where status <> 'closed'`,
  `create index cases_assignee_queue on cases (agency_id, assignee_id, resolution_due_at) where status <> 'closed'`,
  `create index cases_open_due on cases (agency_id, resolution_due_at) where status <> 'closed'`,
  `create index cases_received on cases (agency_id, received_at desc, id desc)`,
  `create index cases_person on cases (agency_id, person_id)`,
  `create index cases_search on cases using gin (search)`,
  `create unique index cases_external on cases (agency_id, channel, external_id) where external_id is not null`,
  `create table case_access (
    agency_id int not null,
    case_id int not null,
    user_id int not null,
    primary key (agency_id, case_id, user_id),
    foreign key (agency_id, case_id) references cases(agency_id, id),
    foreign key (agency_id, user_id) references users(agency_id, id)
  )`,
  `create table case_links (
    agency_id int not null,
    case_id int not null,
    other_case_id int not null,
    kind text not null check (kind in ('duplicate_of','related','parent_of','child_of')),
    created_at timestamptz not null default now(),
    primary key (agency_id, case_id, other_case_id, kind),
    foreign key (agency_id, case_id) references cases(agency_id, id),
    foreign key (agency_id, other_case_id) references cases(agency_id, id)
  )`,
  `create table timeline_entries (
    agency_id int not null,
    id serial,
    case_id int not null,
    kind text not null check (kind in ('inbound','outbound','note','referral','referral_reply','attachment')),
    channel text,
    author_user_id int,
    subject text,
    body text not null default '',
    template_id int,
    template_version int,
    language text,
    substantive boolean not null default false,
    delivery_status text,
    created_at timestamptz not null default now(),
    search tsvector generated always as (
      to_tsvector('simple', coalesce(subject,'') || ' ' || left(body, 100000))
    ) stored,
    primary key (agency_id, id),
    foreign key (agency_id, case_id) references cases(agency_id, id)
  )`,
  `create index timeline_case on timeline_entries (agency_id, case_id, created_at)`,
  `create index timeline_search on timeline_entries using gin (search)`,
  `create table attachments (
    agency_id int not null,
    id serial,
    case_id int not null,
    entry_id int,
    filename text not null,
    content_type text not null,
    size_bytes int not null,
    storage_key text not null,
    created_at timestamptz not null default now(),
    primary key (agency_id, id),
    foreign key (agency_id, case_id) references cases(agency_id, id)
  )`,
  `create table referrals (
    agency_id int not null,
    id serial,
    case_id int not null,
    unit_id int not null,
    request text not null,
    due_at timestamptz,
    status text not null default 'open' check (status in ('open','answered','withdrawn')),
    reply text,
    replied_at timestamptz,
    created_by int,
    created_at timestamptz not null default now(),
    primary key (agency_id, id),
    foreign key (agency_id, case_id) references cases(agency_id, id),
    foreign key (agency_id, unit_id) references units(agency_id, id)
  )`,
  `create table templates (
    agency_id int not null references agencies(id),
    id serial,
    code text not null,
    name text not null,
    channel text not null check (channel in ('email','letter','phone')),
    language text not null,
    purpose text not null default 'response',
    created_at timestamptz not null default now(),
    primary key (agency_id, id),
    unique (agency_id, code, channel, language)
  )`,
  `create table template_versions (
    agency_id int not null,
    template_id int not null,
    version int not null,
    subject text not null default '',
    body text not null,
    status text not null default 'draft' check (status in ('draft','submitted','approved','rejected','retired')),
    created_by int,
    decided_by int,
    decided_at timestamptz,
    decision_note text,
    created_at timestamptz not null default now(),
    primary key (agency_id, template_id, version),
    foreign key (agency_id, template_id) references templates(agency_id, id)
  )`,
  `create table audit_events (
    agency_id int not null,
    id bigserial,
    at timestamptz not null default now(),
    actor_user_id int,
    actor_label text not null,
    action text not null,
    entity_type text not null,
    entity_id text not null,
    case_id int,
    changes jsonb not null default '[]',
    reason text,
    request_id text,
    primary key (agency_id, id)
  )`,
  `create index audit_case on audit_events (agency_id, case_id, id) where case_id is not null`,
  `create index audit_entity on audit_events (agency_id, entity_type, entity_id, id)`,
  `create table jobs (
    id bigserial primary key,
    agency_id int,
    kind text not null,
    payload jsonb not null default '{}',
    run_at timestamptz not null default now(),
    attempts int not null default 0,
    max_attempts int not null default 8,
    locked_at timestamptz,
    locked_by text,
    last_error text,
    done_at timestamptz,
    unique_key text,
    created_at timestamptz not null default now()
  )`,
  `create index jobs_ready on jobs (run_at) where done_at is null`,
  `create unique index jobs_unique on jobs (unique_key) where unique_key is not null and done_at is null`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The foundation migration cannot be reversed; restore from a backup instead.');
}
