// Pre-aggregated case counts for the console's dashboards, kept current by triggers on cases in the same
// transaction as every case write (intake, imports, status changes, merges, deletes), so a dashboard never reads
// millions of cases and is never behind them.
//
// case_daily_rollups — one row per agency, local day and dimensions (channel, configured channel, subject, unit,
//   restricted). A case counts twice at most: on the local day it was received (received, its first response:
//   how long it took, whether within the standard, and in which band of calendar days), and, once closed, on the
//   local day it was closed (closed and how long it took). Backlog at the end of a day is then "open now minus
//   what was received and not closed after that day".
// case_open_rollups — open cases now, by the same dimensions and the local day their resolution is due ('infinity'
//   when none), for unit workload, cases past their resolution day, and the backlog's starting point.
//
// Cases merged into another count as the case that stays: a merged duplicate contributes nothing. Dimensions that
// are null on a case are stored as '' (configured channel, subject) or 0 (unit) so they can be in primary keys.
// Statement-level triggers with transition tables aggregate a whole statement (an import batch of thousands of
// rows) into one upsert per table, in key order. Changing an agency's time zone rebuilds its rows. Rows of today
// are updated by every case write; free space left in each page (fillfactor) lets those be HOT updates.
import { sql, type Kysely } from 'kysely';

/** The columns of cases the rollups read: a change to any other column leaves them as they are. */
const COUNTED = [
  'agency_id',
  'received_at',
  'channel',
  'channel_slug',
  'subject_code',
  'unit_id',
  'restricted',
  'first_response_at',
  'first_response_due_at',
  'resolution_due_at',
  'status',
  'closed_at',
  'merged_into_id',
];

const DIMENSIONS = ['channel', 'channel_slug', 'subject_code', 'unit_id', 'restricted'];
const DAILY_KEY = ['agency_id', 'day', ...DIMENSIONS];
const OPEN_KEY = ['agency_id', 'resolution_due_day', ...DIMENSIONS];

const received = `e.kind = 'received'`;
const responded = `${received} and s.first_response_at is not null`;
const seconds = (from: string, to: string) => `greatest(0, floor(extract(epoch from ${to} - ${from})))::bigint`;

/** Each daily measure and a case's contribution to it (times s.sign: +1 added, -1 taken away). */
const DAILY_MEASURES: [name: string, contribution: string][] = [
  ['received', `case when ${received} then s.sign else 0 end`],
  ['first_responded', `case when ${responded} then s.sign else 0 end`],
  [
    'first_response_seconds',
    `case when ${responded} then s.sign * ${seconds('s.received_at', 's.first_response_at')} else 0 end`,
  ],
  ['responded_with_standard', `case when ${responded} and s.first_response_due_at is not null then s.sign else 0 end`],
  [
    'responded_within_standard',
    `case when ${responded} and s.first_response_at <= s.first_response_due_at then s.sign else 0 end`,
  ],
  ['responded_same_day', `case when ${responded} and d.response_days <= 0 then s.sign else 0 end`],
  ['responded_1_day', `case when ${responded} and d.response_days = 1 then s.sign else 0 end`],
  ['responded_2_3_days', `case when ${responded} and d.response_days between 2 and 3 then s.sign else 0 end`],
  ['responded_4_7_days', `case when ${responded} and d.response_days between 4 and 7 then s.sign else 0 end`],
  ['responded_8_14_days', `case when ${responded} and d.response_days between 8 and 14 then s.sign else 0 end`],
  ['responded_15_30_days', `case when ${responded} and d.response_days between 15 and 30 then s.sign else 0 end`],
  ['responded_31_plus_days', `case when ${responded} and d.response_days > 30 then s.sign else 0 end`],
  ['closed', `case when e.kind = 'closed' then s.sign else 0 end`],
  [
    'closed_seconds',
    `case when e.kind = 'closed' then s.sign * ${seconds('s.received_at', 'coalesce(s.closed_at, s.received_at)')} else 0 end`,
  ],
];

const localDay = (instant: string) => `(${instant} at time zone a.time_zone)::date`;
const dimensionValues = `s.channel, coalesce(s.channel_slug, '') as channel_slug,
  coalesce(s.subject_code, '') as subject_code, coalesce(s.unit_id, 0) as unit_id, s.restricted`;

/**
 * Adds the contributions of `source` (rows of sign + COUNTED columns) to case_daily_rollups. `stripe`, from
 * migration 0019 on, is the expression of the stripe the statement writes to; without it the SQL is this
 * migration's own, unchanged.
 */
export function addToDaily(source: string, stripe?: string): string {
  const measures = DAILY_MEASURES.map(([name]) => name);
  const key = stripe ? [...DAILY_KEY, 'stripe'] : DAILY_KEY;
  return `insert into case_daily_rollups as r (${[...key, ...measures].join(', ')})
    select ${DAILY_KEY.join(', ')}${stripe ? `, ${stripe}` : ''}, ${measures.map((m) => `sum(${m})`).join(', ')}
    from (
      select s.agency_id, e.day, ${dimensionValues},
        ${DAILY_MEASURES.map(([name, contribution]) => `${contribution} as ${name}`).join(',\n        ')}
      from (${source}) s
      join agencies a on a.id = s.agency_id
      cross join lateral (values
        ('received', ${localDay('s.received_at')}),
        ('closed', case when s.status = 'closed' then ${localDay('coalesce(s.closed_at, s.received_at)')} end)
      ) as e(kind, day)
      cross join lateral (
        select ${localDay('s.first_response_at')} - ${localDay('s.received_at')} as response_days
      ) as d
      where s.merged_into_id is null and e.day is not null
    ) contributions
    group by ${DAILY_KEY.join(', ')}
    having ${measures.map((m) => `sum(${m}) <> 0`).join(' or ')}
    order by ${DAILY_KEY.join(', ')}
    on conflict (${key.join(', ')}) do update set
      ${measures.map((m) => `${m} = r.${m} + excluded.${m}`).join(', ')}`;
}

/** Adds the contributions of `source` to case_open_rollups (open = not closed); `stripe` as for addToDaily. */
export function addToOpen(source: string, stripe?: string): string {
  const key = stripe ? [...OPEN_KEY, 'stripe'] : OPEN_KEY;
  return `insert into case_open_rollups as r (${key.join(', ')}, open_cases)
    select s.agency_id, coalesce(${localDay('s.resolution_due_at')}, 'infinity'::date) as resolution_due_day,
      ${dimensionValues}${stripe ? `, ${stripe}` : ''}, sum(s.sign)
    from (${source}) s
    join agencies a on a.id = s.agency_id
    where s.merged_into_id is null and s.status <> 'closed'
    group by ${OPEN_KEY.join(', ')}
    having sum(s.sign) <> 0
    order by ${OPEN_KEY.join(', ')}
    on conflict (${key.join(', ')}) do update set open_cases = r.open_cases + excluded.open_cases`;
}

const columnsOf = (alias: string) => COUNTED.map((c) => `${alias}.${c}`).join(', ');
const changed = `(${columnsOf('o')}) is distinct from (${columnsOf('n')})`;

/** The rows a trigger, the recount or this migration counts: sign and COUNTED columns. */
export const SOURCES = {
  insert: `select 1 as sign, ${columnsOf('n')} from new_cases n`,
  delete: `select -1 as sign, ${columnsOf('o')} from old_cases o`,
  // Only rows whose counted columns changed: the old row is taken away and the new one added.
  update: `select -1 as sign, ${columnsOf('o')}
      from old_cases o join new_cases n on n.agency_id = o.agency_id and n.id = o.id where ${changed}
    union all
    select 1 as sign, ${columnsOf('n')}
      from old_cases o join new_cases n on n.agency_id = o.agency_id and n.id = o.id where ${changed}`,
  agency: `select 1 as sign, ${columnsOf('c')} from cases c where c.agency_id = target_agency`,
  all: `select 1 as sign, ${columnsOf('c')} from cases c`,
};

/** The trigger function adding `source` to both tables; `stripe` as for addToDaily. */
const triggerFunction = (name: string, source: string, stripe?: string) =>
  `create function ${name}() returns trigger language plpgsql as $$
   begin
     ${addToDaily(source, stripe)};
     ${addToOpen(source, stripe)};
     return null;
   end $$`;

/**
 * The trigger functions, the triggers on cases and the recount of one agency; `stripe` as for addToDaily. The recount
 * makes case writes wait (share lock) so none slips between the delete and the recount; it runs when the agency's
 * time zone changes and for operators who want to check the rollups.
 */
export function rollupFunctions(stripe?: string): string[] {
  return [
    triggerFunction('civicdesk_case_rollups_insert', SOURCES.insert, stripe),
    triggerFunction('civicdesk_case_rollups_update', SOURCES.update, stripe),
    triggerFunction('civicdesk_case_rollups_delete', SOURCES.delete, stripe),
    `create trigger cases_rollups_insert after insert on cases referencing new table as new_cases
     for each statement execute function civicdesk_case_rollups_insert()`,
    `create trigger cases_rollups_update after update on cases referencing old table as old_cases new table as new_cases
     for each statement execute function civicdesk_case_rollups_update()`,
    `create trigger cases_rollups_delete after delete on cases referencing old table as old_cases
     for each statement execute function civicdesk_case_rollups_delete()`,
    `create function civicdesk_rebuild_case_rollups(target_agency int) returns void language plpgsql as $$
   begin
     lock table cases in share mode;
     delete from case_daily_rollups where agency_id = target_agency;
     delete from case_open_rollups where agency_id = target_agency;
     ${addToDaily(SOURCES.agency, stripe)};
     ${addToOpen(SOURCES.agency, stripe)};
   end $$`,
  ];
}

const dimensionColumns = `channel text not null,
    channel_slug text not null,
    subject_code text not null,
    unit_id int not null,
    restricted boolean not null`;

const statements = [
  `create table case_daily_rollups (
    agency_id int not null references agencies(id),
    day date not null,
    ${dimensionColumns},
    ${DAILY_MEASURES.map(([name]) => `${name} ${name.endsWith('seconds') ? 'bigint' : 'int'} not null default 0`).join(',\n    ')},
    primary key (${DAILY_KEY.join(', ')})
  ) with (fillfactor = 70)`,
  `create table case_open_rollups (
    agency_id int not null references agencies(id),
    resolution_due_day date not null,
    ${dimensionColumns},
    open_cases int not null default 0,
    primary key (${OPEN_KEY.join(', ')})
  ) with (fillfactor = 70)`,
  ...rollupFunctions(),
  `create function civicdesk_case_rollups_time_zone() returns trigger language plpgsql as $$
   begin
     perform civicdesk_rebuild_case_rollups(new.id);
     return null;
   end $$`,
  `create trigger agencies_rollups_time_zone after update of time_zone on agencies
     for each row when (old.time_zone is distinct from new.time_zone)
     execute function civicdesk_case_rollups_time_zone()`,
  // The cases already there, in one INSERT … SELECT … GROUP BY per table.
  addToDaily(SOURCES.all),
  addToOpen(SOURCES.all),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [trigger, table] of [
    ['cases_rollups_insert', 'cases'],
    ['cases_rollups_update', 'cases'],
    ['cases_rollups_delete', 'cases'],
    ['agencies_rollups_time_zone', 'agencies'],
  ]) {
    await sql.raw(`drop trigger if exists ${trigger} on ${table}`).execute(db);
  }
  for (const fn of [
    'civicdesk_case_rollups_insert()',
    'civicdesk_case_rollups_update()',
    'civicdesk_case_rollups_delete()',
    'civicdesk_case_rollups_time_zone()',
    'civicdesk_rebuild_case_rollups(int)',
  ]) {
    await sql.raw(`drop function if exists ${fn}`).execute(db);
  }
  await sql.raw('drop table if exists case_daily_rollups').execute(db);
  await sql.raw('drop table if exists case_open_rollups').execute(db);
}
