// The test app: a fresh database per test file (a new in-memory PGlite, migrated, or a new schema on the PostgreSQL
// named by TEST_DATABASE_URL), the app built on it, and helpers to sign in and call the API.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createMemoryPGlite, openDatabase, type Db } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { bootstrap } from '../bootstrap.ts';
import { loadConfig, type Config } from '../env.ts';
import { buildApp } from '../app.ts';
import type { Database } from '../db/schema.ts';

export const ADMIN_EMAIL = 'admin@example.gov';
export const ADMIN_PASSWORD = 'correct horse battery';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  config: Config;
  close(): Promise<void>;
}

async function openTestDatabase(): Promise<{ db: Db; schema?: string; close(): Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    // Each test file gets its own schema, so files run in parallel without seeing each other.
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const pool = new pg.Pool({ connectionString: url, max: 10, options: `-c search_path=${schema}` });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      schema,
      close: async () => {
        await sql.raw(`drop schema ${schema} cascade`).execute(db);
        await db.destroy();
      },
    };
  }
  const opened = await openDatabase({ dataDir: '', pglite: createMemoryPGlite() });
  return opened;
}

/** A migrated, bootstrapped database and the app on it. */
export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const { db, schema, close } = await openTestDatabase();
  await migrateToLatest(db, schema ? { schema } : {});
  const config = loadConfig(
    {
      CIVICDESK_ADMIN_EMAIL: ADMIN_EMAIL,
      CIVICDESK_ADMIN_PASSWORD: ADMIN_PASSWORD,
      CIVICDESK_DATA_DIR: '/tmp/civicdesk-test',
    },
    overrides,
  );
  await bootstrap(db, config);
  const app = await buildApp({ config, db, checkResponses: true });
  return {
    app,
    db,
    config,
    close: async () => {
      await app.close();
      await close();
    },
  };
}

export interface SignedIn {
  cookie: string;
  csrfToken: string;
  /** Calls the API with this session (JSON body, CSRF header on changes). */
  call(method: string, url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

/** Signs in through the API and returns a caller bound to that session. */
export async function signInAs(
  app: FastifyInstance,
  email = ADMIN_EMAIL,
  password = ADMIN_PASSWORD,
): Promise<SignedIn> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie[0]! : setCookie!).split(';')[0]!;
  const csrfToken = res.json().csrfToken as string;
  return {
    cookie,
    csrfToken,
    call: (method, url, body) =>
      app.inject({
        method: method as 'GET',
        url,
        headers: { cookie, 'x-csrf-token': csrfToken },
        ...(body === undefined ? {} : { payload: body as object }),
      }),
  };
}
