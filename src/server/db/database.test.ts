// The PostgreSQL pool prepares the statements marked PREPARED once per connection and runs them by name after that;
// other statements are sent as they are. (PGlite reads the mark as a comment: covered by every intake test.)
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, PREPARED, type OpenDatabase } from './database.ts';

const url = process.env.TEST_DATABASE_URL;
let opened: OpenDatabase;

beforeAll(async () => {
  if (url) opened = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 2 });
});
afterAll(async () => opened?.close());

describe.skipIf(!url)('prepared statements on PostgreSQL', () => {
  it('prepares a marked statement once per connection and leaves the others unprepared', async () => {
    await opened.db.connection().execute(async (connection) => {
      for (const n of [1, 2, 3]) {
        const marked = await sql<{ x: number }>`${PREPARED}select ${n}::int + 1 as x`.execute(connection);
        expect(marked.rows[0]!.x).toBe(n + 1);
        await sql`select ${n}::int as unmarked`.execute(connection);
      }
      const { rows } = await sql<{ statement: string; calls: number }>`
        select statement, generic_plans + custom_plans as calls from pg_prepared_statements`.execute(connection);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.statement).toContain('/* prepared */ select $1::int + 1 as x');
      expect(Number(rows[0]!.calls)).toBe(3);
    });
  });
});
