// Striped dashboard rollups. Every intake of a day adds to the same few rows of case_daily_rollups and
// case_open_rollups (same day, channel, subject, unit), and a row updated by an open transaction makes every other
// intake wait for its commit: with email intake at 16 connections, 86 % of the database's busy time was that wait
// (docs/performance.md, channels). Each row now also has a stripe, the writing connection's
// (pg_backend_pid() % 32): concurrent connections mostly add to different rows, a statement still writes one row per
// key (an import batch stays as compact as before), and readers sum over stripes as they already sum over days.
// The triggers and the recount are those of migration 0014 with the stripe in the key.
import { sql, type Kysely } from 'kysely';
import { addToDaily, addToOpen, rollupFunctions, SOURCES } from './0014-case-rollups.ts';

export const STRIPES = 32;
const STRIPE = `(pg_backend_pid() % ${STRIPES})::smallint`;
const DIMENSIONS = 'channel, channel_slug, subject_code, unit_id, restricted';
const TABLES = [
  { table: 'case_daily_rollups', key: `agency_id, day, ${DIMENSIONS}` },
  { table: 'case_open_rollups', key: `agency_id, resolution_due_day, ${DIMENSIONS}` },
];
const WRITES = ['insert', 'update', 'delete'] as const;

const dropFunctions = [
  ...WRITES.map((write) => `drop trigger cases_rollups_${write} on cases`),
  ...WRITES.map((write) => `drop function civicdesk_case_rollups_${write}()`),
  'drop function civicdesk_rebuild_case_rollups(int)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    ...dropFunctions,
    ...TABLES.flatMap(({ table, key }) => [
      `alter table ${table} add column stripe smallint not null default 0`,
      `alter table ${table} drop constraint ${table}_pkey`,
      `alter table ${table} add primary key (${key}, stripe)`,
    ]),
    ...rollupFunctions(STRIPE),
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const statements = [
    ...dropFunctions,
    ...TABLES.flatMap(({ table, key }) => [
      `delete from ${table}`,
      `alter table ${table} drop constraint ${table}_pkey`,
      `alter table ${table} drop column stripe`,
      `alter table ${table} add primary key (${key})`,
    ]),
    ...rollupFunctions(),
    // Counted again from the cases, one row per key as before.
    addToDaily(SOURCES.all),
    addToOpen(SOURCES.all),
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
