// People: the look-ups a constituent's record needs — the alphabetical list (keyset over last name, first name,
// id), the cases someone is written about (on_behalf_of_person_id), a merged person pointing at a real one, and
// the order of a person's contacts as entered (position).
import { sql, type Kysely } from 'kysely';

const statements = [
  `alter table person_contacts add column position int not null default 0`,
  `create index people_by_name on people (agency_id, last_name, first_name, id) where merged_into_id is null`,
  `create index cases_on_behalf_of on cases (agency_id, on_behalf_of_person_id) where on_behalf_of_person_id is not null`,
  `alter table people add constraint people_merged_into_fk
    foreign key (agency_id, merged_into_id) references people(agency_id, id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table people drop constraint if exists people_merged_into_fk').execute(db);
  await sql.raw('alter table person_contacts drop column if exists position').execute(db);
  for (const name of ['people_by_name', 'cases_on_behalf_of']) {
    await sql.raw(`drop index if exists ${name}`).execute(db);
  }
}
