// Community and communications: the organisations directory (with contacts who are people), engagements (advocate
// meetings, presentations, workshops, outreach events, forums) with their organisations and the issues raised at
// them, the follow-ups those issues lead to (procedure change requests, action-plan actions), and the media desk.
import { sql, type Kysely } from 'kysely';

const statements = [
  `create table organizations (
    agency_id int not null references agencies(id),
    id serial,
    name text not null check (length(name) between 1 and 300),
    search_name text not null,
    type text not null check (type in ('advocacy_group','community_organization','faith_organization','school',
      'employer','shelter','facility','elected_official_office','media_outlet','government_agency','other')),
    languages text[] not null default '{}',
    address text,
    phone text,
    email text,
    website text,
    notes text not null default '',
    active boolean not null default true,
    version int not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (agency_id, id)
  )`,
  `create index organizations_search on organizations (agency_id, search_name)`,
  `create table organization_contacts (
    agency_id int not null,
    organization_id int not null,
    person_id int not null,
    role text not null default '',
    created_at timestamptz not null default now(),
    primary key (agency_id, organization_id, person_id),
    foreign key (agency_id, organization_id) references organizations (agency_id, id) on delete cascade,
    foreign key (agency_id, person_id) references people (agency_id, id)
  )`,
  `create index organization_contacts_person on organization_contacts (agency_id, person_id)`,
  `create table engagements (
    agency_id int not null references agencies(id),
    id serial,
    kind text not null
      check (kind in ('advocate_meeting','presentation','workshop','outreach_event','forum')),
    title text not null check (length(title) between 1 and 300),
    starts_at timestamptz not null,
    ends_at timestamptz not null,
    location text,
    link text,
    audience text not null default '',
    languages text[] not null default '{}',
    interpretation text not null default '',
    attendance int check (attendance >= 0),
    agenda text not null default '',
    minutes text not null default '',
    status text not null default 'planned' check (status in ('planned','held','cancelled')),
    created_by_user_id int,
    version int not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (agency_id, id),
    check (ends_at > starts_at)
  )`,
  `create index engagements_starts on engagements (agency_id, starts_at)`,
  `create table engagement_organizations (
    agency_id int not null,
    engagement_id int not null,
    organization_id int not null,
    primary key (agency_id, engagement_id, organization_id),
    foreign key (agency_id, engagement_id) references engagements (agency_id, id) on delete cascade,
    foreign key (agency_id, organization_id) references organizations (agency_id, id)
  )`,
  `create index engagement_organizations_organization on engagement_organizations (agency_id, organization_id)`,
  `create table engagement_issues (
    agency_id int not null,
    id serial,
    engagement_id int not null,
    description text not null check (length(description) between 1 and 4000),
    subject_code text not null,
    outcome text check (outcome in ('case','procedure_change','action_plan_action')),
    case_id int,
    follow_up_status text not null default 'open' check (follow_up_status in ('open','in_progress','closed')),
    follow_up_note text not null default '',
    reported_back_at timestamptz,
    closed_at timestamptz,
    created_by_user_id int,
    version int not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (agency_id, id),
    foreign key (agency_id, engagement_id) references engagements (agency_id, id) on delete cascade,
    foreign key (agency_id, case_id) references cases (agency_id, id),
    check ((outcome = 'case') = (case_id is not null))
  )`,
  `create index engagement_issues_engagement on engagement_issues (agency_id, engagement_id)`,
  `create unique index engagement_issues_case on engagement_issues (agency_id, case_id) where case_id is not null`,
  // A follow-up an issue leads to that lives outside the case queue. The procedure and action-plan modules link
  // their own records here (linked_type, linked_id) once they exist; until then the request is kept as is.
  `create table community_follow_ups (
    agency_id int not null,
    id serial,
    issue_id int not null,
    kind text not null check (kind in ('procedure_change','action_plan_action')),
    description text not null,
    status text not null default 'open' check (status in ('open','done')),
    linked_type text,
    linked_id int,
    created_by_user_id int,
    created_at timestamptz not null default now(),
    done_at timestamptz,
    primary key (agency_id, id),
    foreign key (agency_id, issue_id) references engagement_issues (agency_id, id) on delete cascade
  )`,
  `create index community_follow_ups_issue on community_follow_ups (agency_id, issue_id)`,
  `create table media_inquiries (
    agency_id int not null references agencies(id),
    id serial,
    outlet text not null check (length(outlet) between 1 and 300),
    outlet_organization_id int,
    reporter text not null check (length(reporter) between 1 and 300),
    reporter_contact text not null default '',
    topic text not null check (length(topic) between 1 and 2000),
    deadline_at timestamptz not null,
    received_at timestamptz not null default now(),
    status text not null default 'new'
      check (status in ('new','assigned','drafted','approved','released','declined')),
    spokesperson_user_id int,
    draft_answer text not null default '',
    drafted_by_user_id int,
    drafted_at timestamptz,
    approved_by_user_id int,
    approved_at timestamptz,
    released_text text,
    released_at timestamptz,
    coverage_url text,
    version int not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (agency_id, id),
    foreign key (agency_id, outlet_organization_id) references organizations (agency_id, id),
    foreign key (agency_id, spokesperson_user_id) references users (agency_id, id),
    check (status <> 'released' or (released_text is not null and released_at is not null
      and approved_at is not null))
  )`,
  `create index media_inquiries_queue on media_inquiries (agency_id, status, deadline_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'media_inquiries',
    'community_follow_ups',
    'engagement_issues',
    'engagement_organizations',
    'engagements',
    'organization_contacts',
    'organizations',
  ]) {
    await sql.raw(`drop table if exists ${table}`).execute(db);
  }
}
