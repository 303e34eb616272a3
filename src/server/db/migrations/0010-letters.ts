// Letters: the agency's letterhead (name, address lines, phone, web, optional logo), print batches (one PDF of
// every letter waiting to be printed, stored as printed) with the letters each holds, and the mailing log that
// records the date each letter was mailed. Letters themselves are outbound timeline entries (channel 'letter').
import { sql, type Kysely } from 'kysely';

const statements = [
  `create table letterheads (
    agency_id int primary key references agencies(id),
    name text not null,
    address_lines jsonb not null default '[]',
    phone text not null default '',
    web text not null default '',
    logo_data_url text,
    version int not null default 1,
    updated_at timestamptz not null default now()
  )`,
  `create table print_batches (
    agency_id int not null references agencies(id),
    id serial,
    created_by int,
    created_at timestamptz not null default now(),
    letter_count int not null,
    storage_key text not null,
    size_bytes int not null,
    mailed_on date,
    mailed_by int,
    mailed_at timestamptz,
    primary key (agency_id, id)
  )`,
  `create table print_batch_letters (
    agency_id int not null,
    batch_id int not null,
    entry_id int not null,
    case_id int not null,
    position int not null,
    primary key (agency_id, batch_id, entry_id),
    unique (agency_id, entry_id),
    foreign key (agency_id, batch_id) references print_batches (agency_id, id),
    foreign key (agency_id, entry_id) references timeline_entries (agency_id, id)
  )`,
  `create table letter_mailings (
    agency_id int not null,
    entry_id int not null,
    case_id int not null,
    batch_id int,
    mailed_on date not null,
    recorded_by int,
    recorded_at timestamptz not null default now(),
    primary key (agency_id, entry_id),
    foreign key (agency_id, entry_id) references timeline_entries (agency_id, id)
  )`,
  `create index letter_mailings_mailed_on on letter_mailings (agency_id, mailed_on)`,
  `create index timeline_letters_to_print on timeline_entries (agency_id, id)
    where kind = 'outbound' and channel = 'letter' and delivery_status = 'to_print'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('drop index if exists timeline_letters_to_print').execute(db);
  for (const table of ['letter_mailings', 'print_batch_letters', 'print_batches', 'letterheads']) {
    await sql.raw(`drop table if exists ${table}`).execute(db);
  }
}
