// The materials library and notices to the public. A material (flyer, brochure, fact sheet, call-centre script) has
// versions per language, each approved like a procedure (draft → approved → retired, one approved version per
// language), with a review date and an optional file kept in the attachment storage; the distribution log says how
// many copies went to whom or to which engagement. A notice tells the people of a group of cases about a program
// change: each recipient is one row of the delivery log, with the timeline entry (email through the outbox, letter
// through the print batch) it became, or the reason it was suppressed; opt-outs are kept per person.
import { sql, type Kysely } from 'kysely';

const UP = [
  `create table materials (
    agency_id int not null references agencies(id),
    id serial,
    title text not null check (length(title) between 1 and 300),
    kind text not null check (kind in ('flyer','brochure','fact_sheet','script')),
    description text not null default '',
    subject_code text,
    created_by int,
    created_at timestamptz not null default now(),
    primary key (agency_id, id)
  )`,
  `create table material_versions (
    agency_id int not null,
    id serial,
    material_id int not null,
    language text not null,
    version int not null,
    status text not null default 'draft' check (status in ('draft','approved','retired')),
    review_on date,
    note text not null default '',
    file_name text,
    file_content_type text,
    file_size_bytes int,
    file_storage_key text,
    created_by int,
    created_at timestamptz not null default now(),
    decided_by int,
    decided_at timestamptz,
    primary key (agency_id, id),
    unique (agency_id, material_id, language, version),
    foreign key (agency_id, material_id) references materials (agency_id, id)
  )`,
  `create unique index material_versions_one_approved on material_versions (agency_id, material_id, language)
    where status = 'approved'`,
  `create table material_distributions (
    agency_id int not null,
    id serial,
    material_id int not null,
    language text not null,
    quantity int not null check (quantity between 1 and 1000000),
    distributed_on date not null,
    engagement_id int,
    organization_id int,
    recipient text not null default '',
    note text not null default '',
    recorded_by int,
    created_at timestamptz not null default now(),
    primary key (agency_id, id),
    foreign key (agency_id, material_id) references materials (agency_id, id),
    foreign key (agency_id, engagement_id) references engagements (agency_id, id),
    foreign key (agency_id, organization_id) references organizations (agency_id, id),
    check (engagement_id is not null or organization_id is not null or length(recipient) > 0)
  )`,
  `create index material_distributions_material on material_distributions (agency_id, material_id, distributed_on)`,
  `create table notice_opt_outs (
    agency_id int not null,
    person_id int not null,
    reason text not null default '',
    recorded_by int,
    created_at timestamptz not null default now(),
    primary key (agency_id, person_id),
    foreign key (agency_id, person_id) references people (agency_id, id)
  )`,
  `create table notices (
    agency_id int not null references agencies(id),
    id serial,
    title text not null check (length(title) between 1 and 300),
    template_code text not null,
    delivery text not null check (delivery in ('email','letter','email_else_letter')),
    audience jsonb not null,
    recipient_count int not null default 0,
    suppressed_count int not null default 0,
    sent_by int,
    sent_at timestamptz not null default now(),
    primary key (agency_id, id)
  )`,
  `create table notice_recipients (
    agency_id int not null,
    notice_id int not null,
    person_id int not null,
    case_id int,
    language text not null,
    channel text check (channel in ('email','letter')),
    suppressed_reason text check (suppressed_reason in ('opted_out','confidential','no_address')),
    entry_id int,
    send_after timestamptz,
    primary key (agency_id, notice_id, person_id),
    foreign key (agency_id, notice_id) references notices (agency_id, id),
    check ((channel is null) = (suppressed_reason is not null))
  )`,
];

const DOWN = [
  'drop table if exists notice_recipients',
  'drop table if exists notices',
  'drop table if exists notice_opt_outs',
  'drop table if exists material_distributions',
  'drop table if exists material_versions',
  'drop table if exists materials',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
