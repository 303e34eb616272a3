// What a procedure version asks of staff once it is in force (its required course and whether it must be
// acknowledged, columns of migration 0032): the reminders the sweep sent when someone still owed one past its due
// date (one per person, version and obligation, so a second sweep sends nothing), and the notification kind that
// tells staff a procedure waits for their acknowledgement.
import { sql, type Kysely } from 'kysely';

const NEW_KINDS = ['procedure_acknowledgement_due'];

const statements = [
  `create table procedure_obligation_reminders (
    agency_id int not null,
    procedure_id int not null,
    version int not null,
    user_id int not null,
    obligation text not null check (obligation in ('acknowledgement','training')),
    notified_at timestamptz not null default now(),
    primary key (agency_id, procedure_id, version, user_id, obligation),
    foreign key (agency_id, procedure_id) references procedures (agency_id, id),
    foreign key (agency_id, user_id) references users (agency_id, id)
  )`,
];

/** The kinds the notifications check allows now (other migrations may have added theirs). */
async function currentKinds(db: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{ definition: string }>`
    select pg_get_constraintdef(oid) as definition from pg_constraint
    where conname = 'notifications_kind_check' and conrelid = 'notifications'::regclass`.execute(db);
  return [...(rows[0]?.definition ?? '').matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!);
}

async function setKinds(db: Kysely<unknown>, kinds: string[]): Promise<void> {
  await sql.raw('alter table notifications drop constraint notifications_kind_check').execute(db);
  await sql
    .raw(
      `alter table notifications add constraint notifications_kind_check check (kind in (${kinds.map((k) => `'${k}'`).join(',')}))`,
    )
    .execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
  await setKinds(db, [...new Set([...(await currentKinds(db)), ...NEW_KINDS])]);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`delete from notifications where kind in (${NEW_KINDS.map((k) => `'${k}'`).join(',')})`).execute(db);
  await setKinds(
    db,
    (await currentKinds(db)).filter((k) => !NEW_KINDS.includes(k)),
  );
  await sql.raw('drop table if exists procedure_obligation_reminders').execute(db);
}
