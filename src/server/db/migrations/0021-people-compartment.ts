// The confidential compartment covers people: a person may be flagged confidential (protective order, address
// confidentiality, a safety risk), and each contact remembers the case whose intake gave it and whether it was given
// inside the compartment (a restricted case, or an edit by someone who sees one), so outsiders see only what ordinary
// cases gave. Also: the address a sensitive read came from (audit), staff's "keep the submitter's details private"
// on a case (Open311 publishes a request's description, media and address only when it came through Open311 POST
// and staff have not marked it private), and mail held back from a case until someone who may see the case accepts it.
import { sql, type Kysely } from 'kysely';

const statements = [
  `alter table people add column confidential_reason text
    check (confidential_reason in ('protective_order','address_confidentiality','safety_risk'))`,
  `alter table person_contacts add column case_id int`,
  `alter table person_contacts add column restricted boolean not null default false`,
  // Which case gave a contact is determinable only for a person with exactly one case.
  `update person_contacts pc set case_id = only_case.id
    from (select agency_id, person_id, min(id) as id from cases where person_id is not null
          group by agency_id, person_id having count(*) = 1) only_case
    where only_case.agency_id = pc.agency_id and only_case.person_id = pc.person_id`,
  // Otherwise a contact of anyone with a restricted case is kept inside the compartment: hiding an ordinary contact
  // from outsiders costs little; showing a safe address to them could cost a life.
  `update person_contacts pc set restricted = true
    where exists (select 1 from cases c where c.agency_id = pc.agency_id and c.restricted
      and (c.person_id = pc.person_id or c.on_behalf_of_person_id = pc.person_id))`,
  `create index person_contacts_case on person_contacts (agency_id, case_id) where case_id is not null`,
  `create index cases_on_behalf_of_restricted on cases (agency_id, on_behalf_of_person_id)
    where restricted and on_behalf_of_person_id is not null`,
  `create index cases_person_restricted on cases (agency_id, person_id) where restricted`,
  `alter table audit_events add column ip_address text`,
  `create index audit_action on audit_events (agency_id, action, id)`,
  `alter table cases add column details_private boolean not null default false`,
  `alter table email_quarantine drop constraint if exists email_quarantine_kind_check`,
  `alter table email_quarantine add constraint email_quarantine_kind_check
    check (kind in ('unparsable','auto_reply','bounce','loop','unverified_sender'))`,
  `alter table email_quarantine add column from_address text`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const undo = [
    `alter table email_quarantine drop column if exists from_address`,
    `delete from email_quarantine where kind = 'unverified_sender'`,
    `alter table email_quarantine drop constraint if exists email_quarantine_kind_check`,
    `alter table email_quarantine add constraint email_quarantine_kind_check
      check (kind in ('unparsable','auto_reply','bounce','loop'))`,
    `alter table cases drop column if exists details_private`,
    `drop index if exists audit_action`,
    `alter table audit_events drop column if exists ip_address`,
    `drop index if exists cases_person_restricted`,
    `drop index if exists cases_on_behalf_of_restricted`,
    `drop index if exists person_contacts_case`,
    `alter table person_contacts drop column if exists restricted`,
    `alter table person_contacts drop column if exists case_id`,
    `alter table people drop column if exists confidential_reason`,
  ];
  for (const statement of undo) await sql.raw(statement).execute(db);
}
