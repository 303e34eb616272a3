// Opens the database: PostgreSQL over `pg` when DATABASE_URL is set, otherwise embedded PGlite under the data
// directory. Both speak the same SQL; values come back as the same JavaScript types on either driver.
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

const INT8 = 20;
const NUMERIC = 1700;
const toNumber = (value: string) => Number(value);

pg.types.setTypeParser(INT8, toNumber);
pg.types.setTypeParser(NUMERIC, toNumber);

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** An existing embedded instance (tests load a migrated snapshot into one). */
  pglite?: PGlite;
  poolSize?: number;
}

export interface OpenDatabase {
  db: Db;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

// JIT compiling pays off for long analytic queries, not for the short OLTP statements of this service,
// where it added seconds to text searches over a million cases; and on SSD storage random reads cost
// little more than sequential ones, which lets the planner use the primary key. Reports sort and group
// hundreds of thousands of index entries; 64 MB per sort keeps them in memory instead of spilling to disk
// (only a statement that needs it takes it; docs/performance.md).
export const SESSION_OPTIONS = '-c jit=off -c random_page_cost=1.1 -c work_mem=64MB';

/**
 * A statement whose text begins with this comment is prepared on each PostgreSQL connection the first time it runs
 * there and only executed afterwards: parsed and planned once, not on every call. For the few hot statements of
 * fixed shape (intake); PGlite reads it as a comment.
 */
const PREPARED_TEXT = '/* prepared */ ';
export const PREPARED = sql.raw(PREPARED_TEXT);
const preparedNames = new Map<string, string>();

/** Runs marked statements of this client as named prepared statements (one name per distinct text). */
function prepareMarkedStatements(client: pg.PoolClient): void {
  // The class's own query, looked up at each call (so that instrumentation of pg.Client sees these calls too).
  const query = (...args: unknown[]) =>
    (Object.getPrototypeOf(client) as { query: (...a: unknown[]) => unknown }).query.apply(client, args);
  const prepared = (config: unknown, values?: unknown, callback?: unknown) => {
    if (typeof config !== 'string' || !config.startsWith(PREPARED_TEXT)) return query(config, values, callback);
    let name = preparedNames.get(config);
    if (!name) preparedNames.set(config, (name = `civicdesk_${preparedNames.size + 1}`));
    return query({ name, text: config, values }, callback);
  };
  Object.assign(client, { query: prepared });
}

/** Opens the configured database; with PGlite it also takes the data directory's lock file. */
export async function openDatabase(options: OpenOptions): Promise<OpenDatabase> {
  if (options.databaseUrl) {
    // A short connect timeout turns a lost database into a quick 503 instead of requests hanging.
    const pool = new pg.Pool({
      options: SESSION_OPTIONS,
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 20,
      connectionTimeoutMillis: 5000,
    });
    // A client whose connection drops (server restart, network cut) emits 'error'; unheard, that would end the
    // process. The pool replaces the client on next use, and the query in flight fails with its own error.
    pool.on('error', () => {});
    pool.on('connect', (client) => {
      client.on('error', () => {});
      prepareMarkedStatements(client);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  let releaseLock = () => {};
  let client = options.pglite;
  if (!client) {
    const dir = path.join(options.dataDir, 'pgdata');
    mkdirSync(dir, { recursive: true });
    releaseLock = takeDataDirLock(options.dataDir);
    client = new PGlite({ dataDir: dir, parsers: { [INT8]: toNumber, [NUMERIC]: toNumber } });
  }
  await client.waitReady;
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      releaseLock();
    },
  };
}

/** Creates an in-memory PGlite with the project's type parsers (tests). */
export function createMemoryPGlite(loadDataDir?: Blob): PGlite {
  return new PGlite({ parsers: { [INT8]: toNumber, [NUMERIC]: toNumber }, ...(loadDataDir ? { loadDataDir } : {}) });
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The embedded database is one process's alone: a second process (a CLI command while the server runs)
 * would corrupt it, so it refuses with a message instead.
 */
function takeDataDirLock(dataDir: string): () => void {
  const lockFile = path.join(dataDir, 'civicdesk.lock');
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, 'utf8').trim());
    if (pid && pid !== process.pid && processIsAlive(pid)) {
      throw new Error(
        `The embedded database in ${dataDir} is in use by process ${pid} (probably the running server). ` +
          'Stop the server first, or use PostgreSQL (DATABASE_URL) to run commands beside a running server.',
      );
    }
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}

/** True when a trivial query succeeds (health checks). */
export async function databaseIsReachable(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
