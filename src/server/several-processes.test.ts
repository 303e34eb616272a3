// Several processes, one database: two web processes and two workers on one PostgreSQL (as behind a load balancer).
// Every job runs once, the sign-in limits hold across the web processes, and a session made on one works on the
// other. PostgreSQL only: the embedded database belongs to one process.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { enqueueJob } from './repositories/jobs.ts';

const url = process.env.TEST_DATABASE_URL;
const ADMIN_EMAIL = 'admin@example.gov';
const ADMIN_PASSWORD = 'several processes passphrase';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function until<T>(what: string, check: () => Promise<T | undefined>, seconds = 90): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const found = await check().catch(() => undefined);
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe.runIf(url)('two web processes and two workers on one PostgreSQL', () => {
  const children: ChildProcess[] = [];
  const webs: string[] = [];
  let schema: string;
  let database: OpenDatabase;
  let dataDir: string;

  beforeAll(async () => {
    schema = `multi_${process.pid}_${Date.now()}`;
    const admin = await openDatabase({ databaseUrl: url!, dataDir: '' });
    await admin.db.schema.createSchema(schema).execute();
    await admin.close();
    const inSchema = new URL(url!);
    inSchema.searchParams.set('options', `-c search_path=${schema}`);
    database = await openDatabase({ databaseUrl: inSchema.toString(), dataDir: '', poolSize: 4 });
    await migrateToLatest(database.db, { schema });
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'civicdesk-multi-'));
    const start = (services: string, port: number) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
        env: {
          ...process.env,
          DATABASE_URL: inSchema.toString(),
          CIVICDESK_SERVICES: services,
          PORT: String(port),
          HOST: '127.0.0.1',
          CIVICDESK_DATA_DIR: dataDir,
          CIVICDESK_ADMIN_EMAIL: ADMIN_EMAIL,
          CIVICDESK_ADMIN_PASSWORD: ADMIN_PASSWORD,
          LOG_LEVEL: 'warn',
        },
        stdio: 'ignore',
      });
      children.push(child);
    };
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      start('web', port);
      webs.push(`http://127.0.0.1:${port}`);
    }
    start('worker', await freePort());
    start('worker', await freePort());
    for (const web of webs) {
      await until(`${web}/healthz`, async () => ((await fetch(`${web}/healthz`)).ok ? true : undefined), 120);
    }
  }, 180_000);

  afterAll(async () => {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map((c) => new Promise((resolve) => (c.exitCode !== null ? resolve(null) : c.once('exit', resolve)))),
    );
    await database?.db.schema.dropSchema(schema).ifExists().cascade().execute();
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  const login = (web: string, password: string) =>
    fetch(`${web}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN_EMAIL, password }),
    });

  it('runs every job once', async () => {
    const before = await database.db.selectFrom('jobs').select('id').execute();
    const known = new Set(before.map((j) => j.id));
    for (let i = 0; i < 40; i++) await enqueueJob(database.db, 'email-requeue', { n: i });
    const jobs = await until(
      'the jobs to be done',
      async () => {
        const rows = await database.db
          .selectFrom('jobs')
          .select(['id', 'attempts', 'done_at', 'locked_by'])
          .where('kind', '=', 'email-requeue')
          .execute();
        const ours = rows.filter((r) => !known.has(r.id));
        return ours.length === 40 && ours.every((r) => r.done_at !== null) ? ours : undefined;
      },
      120,
    );
    expect(jobs.every((j) => j.attempts === 1)).toBe(true);
  }, 150_000);

  it('accepts a session made on one web process on the other', async () => {
    const res = await login(webs[0]!, ADMIN_PASSWORD);
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const me = await fetch(`${webs[1]}/api/v1/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect((await me.json()).email).toBe(ADMIN_EMAIL);
  });

  it('holds the sign-in limit across the web processes', async () => {
    for (let i = 0; i < 5; i++) expect((await login(webs[i % 2]!, `wrong guess ${i}`)).status).toBe(401);
    const locked = await login(webs[1]!, ADMIN_PASSWORD);
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as { error: { code: string } }).error.code).toBe('account_locked');
  });
});
