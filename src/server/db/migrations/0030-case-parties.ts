// The parties of a case or of a complaint (custodial party, noncustodial parent, authorized representative with the
// authorization on file and its expiry, attorney, other), each a person of `people`. A party under a protective
// order names the staff who may see their whereabouts (policies/person-access.ts); everyone else, every notice to
// another party and every export leaves their address out.
import { sql, type Kysely } from 'kysely';

const statements = [
  `create table case_parties (
    agency_id int not null references agencies(id),
    id serial,
    case_id int,
    complaint_id int,
    person_id int not null,
    role text not null
      check (role in ('custodial_party','noncustodial_parent','authorized_representative','attorney','other')),
    authorization_reference text,
    authorization_attachment_id int,
    authorization_expires_on date,
    protective_order boolean not null default false,
    protected_staff_user_ids int[] not null default '{}',
    version int not null default 1,
    created_by int,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (agency_id, id),
    check ((case_id is null) <> (complaint_id is null)),
    check (protective_order or cardinality(protected_staff_user_ids) = 0),
    foreign key (agency_id, case_id) references cases(agency_id, id),
    foreign key (agency_id, complaint_id) references complaints(agency_id, id),
    foreign key (agency_id, person_id) references people(agency_id, id),
    foreign key (agency_id, authorization_attachment_id) references attachments(agency_id, id)
  )`,
  `create index case_parties_case on case_parties (agency_id, case_id) where case_id is not null`,
  `create index case_parties_complaint on case_parties (agency_id, complaint_id) where complaint_id is not null`,
  // Whether a person is under a protective order is asked of every person shown; this keeps it to an index probe.
  `create index case_parties_protected on case_parties (agency_id, person_id) where protective_order`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop table case_parties').execute(db);
}
