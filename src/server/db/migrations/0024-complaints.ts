// The ombudsperson's office: what kind of contact a case is and the program's case number (case_details, kept
// beside cases so that the intake statement stays as it is), formal complaints with their issues and clocks
// (local dates), a complaint number sequence per agency and year, state-hearing requests with the judgement, and
// the notices (LCR002–LCR006) merged from the approved templates with the day each was mailed.
import { sql, type Kysely } from 'kysely';

const statements = [
  `create table case_details (
    agency_id int not null,
    case_id int not null,
    kind text not null default 'case' check (kind in ('case','inquiry')),
    program_case_number text,
    primary key (agency_id, case_id),
    foreign key (agency_id, case_id) references cases(agency_id, id)
  )`,
  `create index case_details_program on case_details (agency_id, program_case_number)
    where program_case_number is not null`,
  `create table complaint_counters (
    agency_id int not null references agencies(id),
    year int not null,
    last_value int not null default 0,
    primary key (agency_id, year)
  )`,
  `create table complaints (
    agency_id int not null references agencies(id),
    id serial,
    complaint_number text not null,
    status text not null default 'open' check (status in ('open','resolved','transferred','withdrawn')),
    case_id int,
    restricted boolean not null default false,
    program_case_number text not null,
    complainant_first_name text not null,
    complainant_last_name text not null,
    complainant_role text not null
      check (complainant_role in ('custodial_party','noncustodial_parent','authorized_representative')),
    complainant_email text,
    complainant_phone text,
    language text not null default 'en',
    received_via text not null check (received_via in ('in_person','phone','mail','email','web','transfer')),
    received_on date not null,
    postmarked_on date,
    knew_of_action_on date,
    receipt_date date not null,
    filing_deadline_on date,
    filed_late boolean not null default false,
    late_reason text,
    resolution_due_on date not null,
    transfer_due_on date not null,
    extensions int not null default 0,
    extension_reason text,
    extended_on date,
    findings text,
    resolved_on date,
    resolution_notice_mailed_on date,
    hearing_request_deadline_on date,
    investigator_user_id int,
    investigator_override_reason text,
    transferred_to text,
    transferred_on date,
    created_by int,
    version int not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (agency_id, id),
    unique (agency_id, complaint_number),
    foreign key (agency_id, case_id) references cases(agency_id, id)
  )`,
  `create index complaints_due on complaints (agency_id, status, resolution_due_on)`,
  `create index complaints_program on complaints (agency_id, program_case_number)`,
  `create table complaint_issues (
    agency_id int not null,
    complaint_id int not null,
    position int not null,
    category text not null,
    description text not null default '',
    primary key (agency_id, complaint_id, position),
    foreign key (agency_id, complaint_id) references complaints(agency_id, id)
  )`,
  `create table hearing_requests (
    agency_id int not null,
    id serial,
    complaint_id int not null,
    requested_on date not null,
    eligible boolean not null,
    issues jsonb not null,
    reasons text[] not null default '{}',
    request_deadline_on date not null,
    hearing_on date,
    hearing_place text,
    interpreter_language text,
    dismissal_notice_on date,
    dismissal_effective_on date,
    decision_adopted_on date,
    decision_presumed_received_on date,
    decision_outcomes jsonb,
    compliance_report_due_on date,
    created_by int,
    created_at timestamptz not null default now(),
    primary key (agency_id, id),
    foreign key (agency_id, complaint_id) references complaints(agency_id, id)
  )`,
  `create index hearing_requests_complaint on hearing_requests (agency_id, complaint_id)`,
  `create table complaint_notices (
    agency_id int not null,
    id serial,
    complaint_id int not null,
    code text not null,
    language text not null,
    subject text not null,
    body text not null,
    template_id int,
    template_version int,
    mailed_on date,
    created_by int,
    created_at timestamptz not null default now(),
    primary key (agency_id, id),
    foreign key (agency_id, complaint_id) references complaints(agency_id, id)
  )`,
  `create table complaint_actions (
    agency_id int not null,
    id serial,
    complaint_id int not null,
    action text not null,
    responsible_kind text not null check (responsible_kind in ('unit','employee','other_agency','third_party')),
    responsible_name text not null,
    due_on date,
    completed_on date,
    created_by int,
    created_at timestamptz not null default now(),
    primary key (agency_id, id),
    foreign key (agency_id, complaint_id) references complaints(agency_id, id)
  )`,
  `create index complaint_actions_complaint on complaint_actions (agency_id, complaint_id)`,
  `create index complaint_notices_complaint on complaint_notices (agency_id, complaint_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'complaint_actions',
    'complaint_notices',
    'hearing_requests',
    'complaint_issues',
    'complaints',
    'complaint_counters',
    'case_details',
  ]) {
    await sql.raw(`drop table if exists ${table}`).execute(db);
  }
}
