// Outreach by area: an engagement may name the area it served (a borough, community district, ZIP code or any area
// the office uses), so that the calendar can be filtered by area and the community report can count reach by area.
import { sql, type Kysely } from 'kysely';

const statements = [
  'alter table engagements add column area text check (area is null or length(area) between 1 and 100)',
  'create index engagements_area on engagements (agency_id, area) where area is not null',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop index if exists engagements_area').execute(db);
  await sql.raw('alter table engagements drop column if exists area').execute(db);
}
