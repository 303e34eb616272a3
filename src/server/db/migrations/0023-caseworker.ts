// A caseworker's day: the in-app notifications inbox (and each user's email preference for it), templates that say
// whether they are an acknowledgement or a substantive response (only the latter stops the first-response clock),
// referral due dates as local dates, and search that forgives accents and finds cases by the end of their tracking
// number. Accents are folded by civicdesk_fold, a translate() over a fixed table (no extension: it runs on PGlite and
// on any PostgreSQL alike, and being immutable it can sit in generated columns and index expressions).
import { sql, type Kysely } from 'kysely';

/** Accented letters and their plain forms, one character each (ß, æ, œ … stay as they are). */
export const ACCENTED =
  'ÀÁÂÃÄÅĀĂĄàáâãäåāăąÇĆĈĊČçćĉċčĎĐďđÈÉÊËĒĔĖĘĚèéêëēĕėęěĜĞĠĢĝğġģĤĦĥħÌÍÎÏĨĪĬĮİìíîïĩīĭįıĴĵĶķĹĻĽĿŁĺļľŀłÑŃŅŇñńņňÒÓÔÕÖØŌŎŐòóôõöøōŏőŔŖŘŕŗřŚŜŞŠśŝşšȘșŢŤŦţťŧȚțÙÚÛÜŨŪŬŮŰŲùúûüũūŭůűųŴŵÝŸŶýÿŷŹŻŽźżž';
export const PLAIN =
  'AAAAAAAAAaaaaaaaaaCCCCCcccccDDddEEEEEEEEEeeeeeeeeeGGGGggggHHhhIIIIIIIIIiiiiiiiiiJjKkLLLLLlllllNNNNnnnnOOOOOOOOOoooooooooRRRrrrSSSSssssSsTTTtttTtUUUUUUUUUUuuuuuuuuuuWwYYYyyyZZZzzz';

const fold = (expression: string) => `civicdesk_fold(${expression})`;

const statements = [
  `create function civicdesk_fold(value text) returns text language sql immutable parallel safe strict as $$
  select translate(value, '${ACCENTED}', '${PLAIN}')
$$`,
  // The generated text vectors, folded. PostgreSQL 15 cannot change a generated column's expression in place, so
  // each is dropped (with its index) and added again; the indexes are those of 0001 and 0018.
  `alter table people drop column search`,
  `alter table people add column search tsvector generated always as (
    to_tsvector('simple', ${fold(`coalesce(first_name,'') || ' ' || coalesce(last_name,'') || ' ' || coalesce(organisation,'')`)})
  ) stored`,
  `create index people_search on people using gin (search)`,
  `alter table cases drop column search`,
  `alter table cases add column search tsvector generated always as (
    setweight(to_tsvector('simple', tracking_number), 'A') ||
    setweight(to_tsvector('simple', ${fold(`coalesce(subject_code,'') || ' ' || coalesce(facility,'')`)}), 'B') ||
    setweight(to_tsvector('simple', ${fold('left(description, 100000)')}), 'C')
  ) stored`,
  `create index cases_search_periods on cases using gin (search, civicdesk_search_periods(received_at))`,
  `alter table timeline_entries drop column search`,
  `alter table timeline_entries add column search tsvector generated always as (
    to_tsvector('simple', ${fold(`coalesce(subject,'') || ' ' || left(body, 100000)`)})
  ) stored`,
  `create index timeline_search_periods on timeline_entries using gin (search, civicdesk_search_periods(created_at))`,
  // "…0123" finds the case: the tracking number read backwards, so its end is an indexed prefix.
  `create index cases_tracking_suffix on cases (agency_id, reverse(tracking_number) text_pattern_ops)`,

  // Templates say what kind of answer they give; the starter and demo acknowledgements are acknowledgements.
  `alter table templates add column response_kind text not null default 'substantive'
    check (response_kind in ('acknowledgement','substantive'))`,
  `update templates set response_kind = 'acknowledgement'
    where code ilike '%acknowledg%' or purpose ilike '%acknowledg%'`,
  // Acknowledgements sent before this counted as first responses: give those cases back the first substantive
  // response they really had (or none), then mark the acknowledgements for what they are.
  `update cases c set first_response_at = (
      select min(e.created_at) from timeline_entries e
      left join templates t on t.agency_id = e.agency_id and t.id = e.template_id
      where e.agency_id = c.agency_id and e.case_id = c.id and e.kind = 'outbound' and e.substantive
        and coalesce(t.response_kind, 'substantive') = 'substantive')
    where exists (
      select 1 from timeline_entries e
      join templates t on t.agency_id = e.agency_id and t.id = e.template_id
      where e.agency_id = c.agency_id and e.case_id = c.id and e.kind = 'outbound' and e.substantive
        and t.response_kind = 'acknowledgement')`,
  `update timeline_entries e set substantive = false from templates t
    where t.agency_id = e.agency_id and t.id = e.template_id and e.substantive and t.response_kind = 'acknowledgement'`,

  // A referral's due date is a local date (the legal fact); the instant stays for the sweep and older readers.
  `alter table referrals add column due_date date`,
  `update referrals r set due_date = (r.due_at at time zone a.time_zone)::date
    from agencies a where a.id = r.agency_id and r.due_at is not null`,
  `alter table referrals add column escalation_level int not null default 0`,
  `alter table referrals add column escalated_at timestamptz`,
  `create index referrals_open_due on referrals (agency_id, due_date) where status = 'open'`,
  `create index referrals_unit_open on referrals (agency_id, unit_id, created_at desc) where status = 'open'`,

  `create table notifications (
    agency_id int not null,
    id serial,
    user_id int not null,
    kind text not null check (kind in
      ('assigned','referral','reply','escalated','approval_requested','mentioned','deadline_warning')),
    case_id int,
    template_id int,
    referral_id int,
    actor_user_id int,
    summary text not null,
    created_at timestamptz not null default now(),
    read_at timestamptz,
    emailed_at timestamptz,
    primary key (agency_id, id),
    foreign key (agency_id, user_id) references users(agency_id, id),
    foreign key (agency_id, case_id) references cases(agency_id, id)
  )`,
  `create index notifications_inbox on notifications (agency_id, user_id, id desc)`,
  `create index notifications_unread on notifications (agency_id, user_id) where read_at is null`,
  `create table notification_preferences (
    agency_id int not null,
    user_id int not null,
    email text not null default 'immediate' check (email in ('immediate','daily_digest','off')),
    updated_at timestamptz not null default now(),
    primary key (agency_id, user_id),
    foreign key (agency_id, user_id) references users(agency_id, id)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    'drop table if exists notification_preferences',
    'drop table if exists notifications',
    'drop index if exists referrals_unit_open',
    'drop index if exists referrals_open_due',
    'alter table referrals drop column if exists escalated_at',
    'alter table referrals drop column if exists escalation_level',
    'alter table referrals drop column if exists due_date',
    'alter table templates drop column if exists response_kind',
    'drop index if exists cases_tracking_suffix',
  ]) {
    await sql.raw(statement).execute(db);
  }
  // The folded text vectors stay (they find everything the unfolded ones did); only the fold function's users do.
}
