// Striped rollups: a connection adds to its own stripe of a key, so two intakes of the same day, channel and unit
// in open transactions do not wait for each other (PostgreSQL; PGlite has one connection), and the sums over stripes
// are the same counts as before, also after the migration is undone and done again.
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import type { Db } from '../database.ts';
import * as migration from './0019-striped-rollups.ts';

let t: TestApp;
let agencyId: number;
let serial = 0;

beforeAll(async () => {
  t = await createTestApp();
  agencyId = (await t.db.selectFrom('agencies').select('id').where('slug', '=', 'main').executeTakeFirstOrThrow()).id;
});
afterAll(async () => t.close());

const RECEIVED_AT = '2026-06-10T14:00:00Z';
const insertCase = (status = 'new') =>
  sql`insert into cases (agency_id, tracking_number, channel, received_at, status, description)
    values (${agencyId}, ${`STRIPE-${++serial}`}, 'email', ${RECEIVED_AT}::timestamptz, ${status}, 'stripe test')`;

/** Received and open counts of the test's key, summed over stripes, and how many stripe rows hold them. */
async function counts(db: Db) {
  const { rows } = await sql<{ received: number; rows: number; open: number }>`
    select
      (select coalesce(sum(received), 0)::int from case_daily_rollups
        where agency_id = ${agencyId} and day = '2026-06-10' and channel = 'email') as received,
      (select count(*)::int from case_daily_rollups
        where agency_id = ${agencyId} and day = '2026-06-10' and channel = 'email') as rows,
      (select coalesce(sum(open_cases), 0)::int from case_open_rollups
        where agency_id = ${agencyId} and channel = 'email') as open`.execute(db);
  return rows[0]!;
}

describe('striped rollups', () => {
  it('write the row of the writing connection’s stripe', async () => {
    await t.db.connection().execute(async (connection) => {
      await insertCase().execute(connection);
      const { rows } = await sql<{ stripe: number; expected: number }>`
        select stripe, (pg_backend_pid() % ${migration.STRIPES})::int as expected from case_daily_rollups
        where agency_id = ${agencyId} and day = '2026-06-10' and channel = 'email'`.execute(connection);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.stripe).toBe(rows[0]!.expected);
    });
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'let two connections add to the same key while both transactions are open',
    async () => {
      const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.db)).rows[0]!.s;
      const connect = async () => {
        const client = new pg.Client({
          connectionString: process.env.TEST_DATABASE_URL,
          options: `-c search_path=${schema} -c lock_timeout=3s`,
        });
        await client.connect();
        const { rows } = await client.query<{ stripe: number }>(
          `select (pg_backend_pid() % ${migration.STRIPES})::int as stripe`,
        );
        return { client, stripe: rows[0]!.stripe };
      };
      const compiled = () => {
        const { sql: text, parameters } = insertCase().compile(t.db);
        return { text, values: [...parameters] };
      };
      const before = await counts(t.db);
      const first = await connect();
      const opened = [first];
      try {
        // A second connection on another stripe (pids are the server's; 1 in 32 share one).
        let second = await connect();
        opened.push(second);
        while (second.stripe === first.stripe) {
          second = await connect();
          opened.push(second);
        }
        await first.client.query('begin');
        await first.client.query(compiled());
        await second.client.query('begin');
        // Would wait for the first transaction (and fail after lock_timeout) if both added to one row.
        await second.client.query(compiled());
        await second.client.query('commit');
        await first.client.query('commit');
      } finally {
        await Promise.all(opened.map(({ client }) => client.end()));
      }
      const after = await counts(t.db);
      expect(after.received).toBe(before.received + 2);
      expect(after.open).toBe(before.open + 2);
      expect(after.rows).toBeGreaterThanOrEqual(2);
    },
  );

  it('keep the same sums when undone (one row per key) and done again', async () => {
    await insertCase('closed').execute(t.db);
    const kept = await counts(t.db);
    await migration.down(t.db as never);
    const undone = await counts(t.db);
    expect({ ...undone, rows: 0 }).toEqual({ ...kept, rows: 0 });
    expect(undone.rows).toBe(1);
    await migration.up(t.db as never);
    // Up starts from the one-row-per-key tables (stripe 0) and adds on from there.
    expect(await counts(t.db)).toEqual(undone);
    await insertCase().execute(t.db);
    expect((await counts(t.db)).received).toBe(kept.received + 1);
  });
});
