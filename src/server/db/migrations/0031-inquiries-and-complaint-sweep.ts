// Inquiries and the complaint deadlines: what an inquiry's close recorded (satisfied or not, the participant's role
// for a complaint opened from it, the repeat contact it was found to be and what was done about it), each complaint
// deadline the sweep has warned about or escalated (keyed by the deadline, so an extension or a new hearing date
// starts it afresh), the position statement's own parts on a hearing request, and the repeat_contact notification.
import { sql, type Kysely } from 'kysely';

const KINDS_0028 = [
  'assigned',
  'referral',
  'reply',
  'escalated',
  'approval_requested',
  'mentioned',
  'deadline_warning',
  'action_overdue',
  'action_escalated',
];

const kindCheck = (kinds: string[]) =>
  `alter table notifications add constraint notifications_kind_check check (kind in (${kinds.map((k) => `'${k}'`).join(',')}))`;

const statements = [
  `alter table case_details add column participant_role text
    check (participant_role in ('custodial_party','noncustodial_parent','authorized_representative'))`,
  'alter table case_details add column satisfied boolean',
  'alter table case_details add column outcome_note text',
  'alter table case_details add column closed_on date',
  `alter table case_details add column repeat_action text check (repeat_action in ('suggest','convert'))`,
  `create table complaint_deadline_steps (
    agency_id int not null,
    complaint_id int not null,
    deadline_key text not null,
    due_on date not null,
    warned_at timestamptz,
    escalation_level int not null default 0,
    escalated_at timestamptz,
    primary key (agency_id, complaint_id, deadline_key),
    foreign key (agency_id, complaint_id) references complaints(agency_id, id)
  )`,
  'alter table hearing_requests add column position_facts text',
  'alter table hearing_requests add column position_citations text',
  'alter table hearing_requests add column position_witnesses text',
  `alter table hearing_requests add column position_exhibit_ids int[] not null default '{}'`,
  'alter table hearing_requests add column compliance_report_filed_on date',
  'alter table notifications drop constraint notifications_kind_check',
  kindCheck([...KINDS_0028, 'repeat_contact']),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `delete from notifications where kind = 'repeat_contact'`,
    'alter table notifications drop constraint notifications_kind_check',
    kindCheck(KINDS_0028),
    'alter table hearing_requests drop column compliance_report_filed_on',
    'alter table hearing_requests drop column position_exhibit_ids',
    'alter table hearing_requests drop column position_witnesses',
    'alter table hearing_requests drop column position_citations',
    'alter table hearing_requests drop column position_facts',
    'drop table if exists complaint_deadline_steps',
    'alter table case_details drop column repeat_action',
    'alter table case_details drop column closed_on',
    'alter table case_details drop column outcome_note',
    'alter table case_details drop column satisfied',
    'alter table case_details drop column participant_role',
  ]) {
    await sql.raw(statement).execute(db);
  }
}
