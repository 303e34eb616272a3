// Channels: the doors an agency's cases come through (an email address, the web form, a hotline number, 311 …),
// configured per agency at run time. A case keeps its channel type and, when it came through a configured
// channel, that channel's slug — a hotline's own queue is the cases with its slug.
import { sql, type Kysely } from 'kysely';

const statements = [
  `create table channels (
    agency_id int not null references agencies(id),
    id serial,
    slug text not null,
    type text not null,
    name text not null,
    address text,
    phone_number text,
    public_form boolean not null default false,
    settings jsonb not null default '{}',
    active boolean not null default true,
    version int not null default 1,
    created_at timestamptz not null default now(),
    primary key (agency_id, id),
    unique (agency_id, slug)
  )`,
  `create unique index channels_email_address on channels (lower(address)) where address is not null and type = 'email'`,
  `alter table cases add column channel_slug text`,
  `create index cases_channel_received on cases (agency_id, channel, received_at desc)`,
  `create index cases_channel_slug_received on cases (agency_id, channel_slug, received_at desc) where channel_slug is not null`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter table cases drop column if exists channel_slug').execute(db);
  await sql.raw('drop table if exists channels').execute(db);
}
