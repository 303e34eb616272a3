// Email in and out: every message we receive or send (Message-ID → case, for threading and idempotency), the
// outbox written in the same transaction as a response, the quarantine of raw messages that became no case
// (unparsable, auto-replies, bounces, loops), and the IMAP mailboxes polled per email channel.
import { sql, type Kysely } from 'kysely';

const statements = [
  `create table email_messages (
    agency_id int not null references agencies(id),
    id serial,
    direction text not null check (direction in ('inbound','outbound')),
    case_id int,
    entry_id int,
    message_id text not null,
    in_reply_to text,
    reference_ids text[] not null default '{}',
    from_address text not null default '',
    to_address text not null default '',
    subject text not null default '',
    fingerprint text,
    campaign_key text,
    received_at timestamptz not null default now(),
    primary key (agency_id, id),
    foreign key (agency_id, case_id) references cases(agency_id, id)
  )`,
  `create unique index email_messages_inbound_id on email_messages (agency_id, message_id) where direction = 'inbound'`,
  `create index email_messages_message_id on email_messages (agency_id, message_id)`,
  `create index email_messages_fingerprint on email_messages (agency_id, fingerprint, received_at)
    where fingerprint is not null`,
  `create index email_messages_campaign on email_messages (agency_id, campaign_key) where campaign_key is not null`,
  `create index email_messages_case on email_messages (agency_id, case_id, id)`,
  `create table outbox (
    agency_id int not null references agencies(id),
    id serial,
    case_id int,
    entry_id int,
    kind text not null check (kind in ('acknowledgement','response')),
    message_id text not null unique,
    from_address text not null,
    to_address text not null,
    to_name text not null default '',
    subject text not null,
    body text not null,
    in_reply_to text,
    reference_ids text[] not null default '{}',
    auto_submitted boolean not null default false,
    status text not null default 'queued' check (status in ('queued','sent','failed','bounced')),
    attempts int not null default 0,
    last_error text,
    sent_at timestamptz,
    bounced_at timestamptz,
    created_at timestamptz not null default now(),
    primary key (agency_id, id),
    foreign key (agency_id, case_id) references cases(agency_id, id)
  )`,
  `create index outbox_recipient on outbox (agency_id, to_address, created_at)`,
  `create index outbox_case on outbox (agency_id, case_id)`,
  `create table email_quarantine (
    id serial primary key,
    agency_id int references agencies(id),
    channel_slug text,
    kind text not null check (kind in ('unparsable','auto_reply','bounce','loop')),
    reason text not null,
    case_id int,
    envelope_from text,
    envelope_to text,
    message_id text,
    subject text,
    raw bytea not null,
    flagged boolean not null default true,
    received_at timestamptz not null default now()
  )`,
  `create index email_quarantine_agency on email_quarantine (agency_id, received_at desc)`,
  `create index email_quarantine_message on email_quarantine (agency_id, message_id)`,
  `create table email_mailboxes (
    agency_id int not null references agencies(id),
    channel_id int not null,
    host text not null,
    port int not null,
    secure boolean not null default true,
    username text not null,
    password text not null,
    folder text not null default 'INBOX',
    move_to text,
    active boolean not null default true,
    last_polled_at timestamptz,
    last_error text,
    version int not null default 1,
    created_at timestamptz not null default now(),
    primary key (agency_id, channel_id),
    foreign key (agency_id, channel_id) references channels(agency_id, id)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['email_mailboxes', 'email_quarantine', 'outbox', 'email_messages']) {
    await sql.raw(`drop table if exists ${table}`).execute(db);
  }
}
