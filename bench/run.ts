// `npm run bench [-- intake|queries|reports] [--quick]`: the performance checks of docs/performance.md. Intake is
// measured through POST /api/v1/cases on a real listening server (PostgreSQL and PGlite) beside the same rows written
// by plain SQL; reads are measured on a generated large case load on PostgreSQL, with EXPLAIN ANALYZE of each query;
// reports (bench/reports.ts) on a generated reporting load beside hand-written SQL for the same numbers;
// channels (bench/channels.ts): Open311 POST requests and email over SMTP, beside the plain-SQL intake.
// Everything runs on 127.0.0.1 against throw-away databases; every loop is bounded in count and time.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { format, resolveConfig } from 'prettier';
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import type { Database } from '../src/server/db/schema.ts';
import type { CommandContext } from '../src/server/context.ts';
import { loadConfig } from '../src/server/env.ts';
import { startRuntime } from '../src/server/runtime.ts';
import { buildApp } from '../src/server/app.ts';
import { mainAdministrator, tokenFor } from './tokens.ts';
import { getCaseView, listCases, type CaseListFilter } from '../src/server/queries/case-list-queries.ts';
import { intakeBodies } from './intake-bodies.ts';
import { generateCases } from './generate.ts';
import { reportBenchmarks, type BenchRow } from './reports.ts';
import { channelBenchmarks } from './channels.ts';
import { percentile } from './stats.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const sections = args.filter((a) => !a.startsWith('--'));
for (const s of sections) {
  if (s !== 'intake' && s !== 'queries' && s !== 'reports' && s !== 'channels') {
    process.stderr.write(`unknown benchmark "${s}" (known: intake, queries, reports, channels)\n`);
    process.exit(2);
  }
}
const wanted = (name: string) => sections.length === 0 || sections.includes(name);

const settings = quick
  ? { seconds: 5, warmup: 1, cases: 100_000, samples: 60, maxQuerySeconds: 20 }
  : { seconds: 10, warmup: 2, cases: 1_000_000, samples: 200, maxQuerySeconds: 40 };
const CONNECTIONS = 32;
const QUEUE_UNIT = 'FAC';
const postgresBase = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const host = new URL(postgresBase).hostname;
if (host !== '127.0.0.1' && host !== 'localhost') {
  process.stderr.write('BENCH_POSTGRES_URL must point at 127.0.0.1: the benchmarks create and drop databases.\n');
  process.exit(2);
}
const resultsDir = path.resolve('bench/results');
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

type Row = BenchRow;
const rows: Row[] = [];
const notes: string[] = [];
// Intake has its own table and markers in docs/performance.md.
const intakeRows: Row[] = [];
const intakeNotes: string[] = [];
// The reports section has its own table and its own markers in docs/performance.md.
const reportRows: Row[] = [];
const reportNotes: string[] = [];
// So has the channels section (Open311 and email intake).
const channelRows: Row[] = [];
const channelNotes: string[] = [];

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const verdict = (ok: boolean): Row['verdict'] => (ok ? 'met' : 'missed');

// ---------------------------------------------------------------- databases and processes

function databaseUrl(name: string): string {
  const url = new URL(postgresBase);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function createDatabase(name: string): Promise<string> {
  await adminQuery(`drop database if exists ${name} with (force)`);
  await adminQuery(`create database ${name}`);
  return databaseUrl(name);
}

const dropDatabase = (name: string) => adminQuery(`drop database if exists ${name} with (force)`);

function benchEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CIVICDESK_ADMIN_PASSWORD: 'bench admin password', ...extra };
  if (!extra.DATABASE_URL) delete env.DATABASE_URL;
  return env;
}

function startChild(
  mode: 'serve' | 'sql',
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; firstLine: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/target.ts', mode], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const firstLine = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bench/target.ts ${mode} gave no answer in 10 minutes`)), 600_000);
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bench/target.ts ${mode} exited with ${code}`));
    });
  });
  return { child, firstLine };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

interface Server {
  child: ChildProcess;
  url: string;
  adminToken: string;
  caseworkerToken: string;
}

async function startServer(env: NodeJS.ProcessEnv): Promise<Server> {
  const { child, firstLine } = startChild('serve', { ...env, BENCH_QUEUE_UNIT: QUEUE_UNIT });
  const ready = JSON.parse(await firstLine) as { port: number; adminToken: string; caseworkerToken: string };
  return {
    child,
    url: `http://127.0.0.1:${ready.port}`,
    adminToken: ready.adminToken,
    caseworkerToken: ready.caseworkerToken,
  };
}

// ---------------------------------------------------------------- intake

interface IntakeResult {
  perSecond: number;
  p50: number;
  p99: number;
  failures: number;
}

/** CPU seconds (user + system) the processes have used so far, from /proc; a process gone counts 0. */
function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name: state is the first, utime the 12th, stime the 13th (proc(5)).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Not Linux, or the process ended: no figure rather than a wrong one.
    }
  }
  return ticks / 100; // USER_HZ, 100 on Linux
}

/**
 * Planner statistics for the bench database (PostgreSQL), as autovacuum gathers them within a minute or so of a
 * database filling up: the timed runs measure a steady state, not a planner that believes every table empty.
 */
async function analyzeDatabase(databaseName: string | null): Promise<void> {
  if (!databaseName) return;
  const client = new pg.Client({ connectionString: databaseUrl(databaseName) });
  await client.connect();
  try {
    await client.query('analyze');
  } finally {
    await client.end();
  }
}

/** The server processes of a database: the bench database's client backends on PostgreSQL. */
async function backendPids(databaseName: string | null): Promise<number[]> {
  if (!databaseName) return [];
  const client = new pg.Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    const { rows: found } = await client.query<{ pid: number }>(
      `select pid from pg_stat_activity where datname = $1 and backend_type = 'client backend'`,
      [databaseName],
    );
    return found.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

interface ApiIntakeResult extends IntakeResult {
  /** CPU milliseconds per created case: the server process, PostgreSQL's backends, the load generator. */
  cpu: { server: number; database: number | null; loadGenerator: number };
}

async function apiIntake(server: Server, tag: string, databaseName: string | null): Promise<ApiIntakeResult> {
  const next = intakeBodies(7, `${tag}${process.pid}`);
  const options = {
    url: server.url,
    connections: CONNECTIONS,
    headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        path: '/api/v1/cases',
        setupRequest: (request: { body?: string }) => ({ ...request, body: JSON.stringify(next()) }),
      },
    ],
  };
  await autocannon({ ...options, duration: settings.warmup });
  await analyzeDatabase(databaseName);
  // The pool's connections are open after the warm-up; their CPU and the server's is read around the timed run.
  const backends = await backendPids(databaseName);
  const serverPid = [server.child.pid!];
  const before = { server: cpuSeconds(serverPid), database: cpuSeconds(backends), own: process.cpuUsage() };
  const result = await autocannon({ ...options, duration: settings.seconds });
  const own = process.cpuUsage(before.own);
  const created = Math.max(1, result['2xx']);
  const perCase = (seconds: number) => (1000 * seconds) / created;
  return {
    perSecond: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
    cpu: {
      server: perCase(cpuSeconds(serverPid) - before.server),
      database: backends.length ? perCase(cpuSeconds(backends) - before.database) : null,
      loadGenerator: perCase((own.user + own.system) / 1e6),
    },
  };
}

/**
 * Statements (round trips, BEGIN and COMMIT included) and milliseconds of one intake through the API, one request at
 * a time in this process — the work per case without concurrency. Counts every query the drivers send.
 */
async function serialIntake(env: NodeJS.ProcessEnv, driver: 'PostgreSQL' | 'PGlite') {
  const runtime = await startRuntime(loadConfig(env, { logLevel: 'error' }));
  const db = runtime.db;
  const { agencyId, adminId } = await mainAdministrator(db);
  const token = await tokenFor(db, agencyId, adminId);
  const app = await buildApp({ config: loadConfig(env, { logLevel: 'error' }), db });
  const next = intakeBodies(13, `serial${driver === 'PGlite' ? 'pgl' : 'pg'}${process.pid}`);
  const post = async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { authorization: `Bearer ${token}` },
      payload: next() as unknown as Record<string, unknown>,
    });
    if (res.statusCode !== 201) throw new Error(`serial intake answered ${res.statusCode}: ${res.body}`);
  };
  const driverPrototype = (driver === 'PGlite' ? Object.getPrototypeOf(PGlite.prototype) : pg.Client.prototype) as {
    query: (...args: unknown[]) => unknown;
  };
  const query = driverPrototype.query;
  let statements = 0;
  try {
    for (let i = 0; i < 100; i++) await post();
    driverPrototype.query = function (this: unknown, ...queryArgs: unknown[]) {
      statements += 1;
      return query.apply(this, queryArgs);
    };
    const count = 200;
    const started = performance.now();
    for (let i = 0; i < count; i++) await post();
    const ms = (performance.now() - started) / count;
    return { statements: statements / count, ms };
  } finally {
    driverPrototype.query = query;
    await app.close();
    await runtime.close();
  }
}

async function sqlIntake(env: NodeJS.ProcessEnv): Promise<IntakeResult> {
  const { child, firstLine } = startChild('sql', {
    ...env,
    BENCH_CONNECTIONS: String(CONNECTIONS),
    BENCH_SECONDS: String(settings.seconds),
    BENCH_WARMUP_SECONDS: String(settings.warmup),
  });
  const result = JSON.parse(await firstLine) as { perSecond: number; p50: number; p99: number; errors: number };
  await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
  return { perSecond: result.perSecond, p50: result.p50, p99: result.p99, failures: result.errors };
}

async function intakeOn(
  driver: 'PostgreSQL' | 'PGlite',
  env: NodeJS.ProcessEnv,
  minimum: number,
  p99Limit: number | null,
  databaseName: string | null,
) {
  log(`intake on ${driver}: API, ${CONNECTIONS} connections, ${settings.seconds} s`);
  const server = await startServer(env);
  let api: ApiIntakeResult;
  try {
    api = await apiIntake(server, driver === 'PGlite' ? 'pgl' : 'pg', databaseName);
  } finally {
    await stopChild(server.child);
  }
  log(`intake on ${driver}: plain SQL, ${CONNECTIONS} concurrent, ${settings.seconds} s`);
  await analyzeDatabase(databaseName);
  const plain = await sqlIntake(env);
  log(`intake on ${driver}: one request at a time, statements counted`);
  const serial = await serialIntake(env, driver);
  const ratio = api.perSecond / plain.perSecond;
  intakeRows.push(
    {
      measure: 'intake POST /api/v1/cases, cases/s',
      driver,
      value: fmt(api.perSecond, 0),
      target: `≥ ${minimum}`,
      verdict: verdict(api.perSecond >= minimum),
    },
    {
      measure: 'intake latency p50 / p99, ms',
      driver,
      value: `${fmt(api.p50, 0)} / ${fmt(api.p99, 0)}`,
      target: p99Limit ? `p99 < ${p99Limit}` : '',
      verdict: p99Limit ? verdict(api.p99 < p99Limit) : '',
    },
    {
      measure:
        driver === 'PGlite'
          ? 'CPU per case, ms: server (with the embedded database) / load generator'
          : 'CPU per case, ms: server / PostgreSQL backends / load generator',
      driver,
      value: [api.cpu.server, ...(api.cpu.database === null ? [] : [api.cpu.database]), api.cpu.loadGenerator]
        .map((n) => fmt(n, 2))
        .join(' / '),
      target: '',
      verdict: '',
    },
    {
      measure: 'one request at a time: statements per intake, ms per intake',
      driver,
      value: `${fmt(serial.statements, 1)}, ${fmt(serial.ms, 1)}`,
      target: '',
      verdict: '',
    },
    { measure: 'same rows by plain SQL, cases/s', driver, value: fmt(plain.perSecond, 0), target: '', verdict: '' },
    {
      measure: 'plain SQL latency p50 / p99, ms',
      driver,
      value: `${fmt(plain.p50, 0)} / ${fmt(plain.p99, 0)}`,
      target: '',
      verdict: '',
    },
    { measure: 'ratio API / plain SQL', driver, value: fmt(ratio, 2), target: '≥ 0.5', verdict: verdict(ratio >= 0.5) },
  );
  if (api.failures || plain.failures) {
    intakeNotes.push(
      `${driver} intake: ${api.failures} failed API requests, ${plain.failures} failed plain-SQL intakes.`,
    );
  }
}

async function intakeBenchmarks(): Promise<void> {
  intakeNotes.push(
    `API: POST /api/v1/cases with an API token over ${CONNECTIONS} connections (autocannon), ${settings.seconds} s after ` +
      `${settings.warmup} s of warm-up; bodies from bench/intake-bodies.ts (about one writer in six writes again). Plain ` +
      `SQL: bench/target.ts sql, the same rows in one transaction per intake, ${CONNECTIONS} at once. On PostgreSQL ` +
      'each timed run follows an ANALYZE (autovacuum would have run one on a live database); PGlite has no autovacuum.',
    'CPU per case: user + system time (from /proc) of the server process and, on PostgreSQL, of its client backends ' +
      'during the timed run, over the cases created; the load generator is the bench process. On 2 cores, 1,000 ' +
      'cases/s leaves 2 ms of CPU per case for all of them together.',
    'One request at a time: 200 intakes through app.inject in the bench process after 100 of warm-up; statements are ' +
      'the queries sent to the driver, BEGIN and COMMIT included.',
  );
  const name = `civicdesk_bench_intake_${process.pid}`;
  const url = await createDatabase(name);
  try {
    await intakeOn('PostgreSQL', benchEnv({ DATABASE_URL: url }), 1000, 100, name);
  } finally {
    await dropDatabase(name);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'civicdesk-bench-'));
  try {
    await intakeOn('PGlite', benchEnv({ CIVICDESK_DATA_DIR: dir }), 300, null, null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- reads on a large case load

async function timedRequests(server: Server, token: string, paths: string[]): Promise<number[]> {
  const latencies: number[] = [];
  const until = Date.now() + settings.maxQuerySeconds * 1000;
  const call = async (p: string) => {
    const started = performance.now();
    const res = await fetch(`${server.url}${p}`, { headers: { authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`GET ${p} answered ${res.status}`);
    return performance.now() - started;
  };
  for (let i = 0; i < 5; i++) await call(paths[i % paths.length]!); // warm-up
  for (let i = 0; i < settings.samples && Date.now() < until; i++) latencies.push(await call(paths[i % paths.length]!));
  return latencies;
}

interface ReadCase {
  name: string;
  target: number;
  token: 'admin' | 'caseworker';
  paths: string[];
  explain: (ctx: { admin: CommandContext; caseworker: CommandContext }) => Promise<unknown>;
  explainAs: 'admin' | 'caseworker';
}

async function contextFor(db: Kysely<Database>, email: string | null): Promise<CommandContext> {
  const agency = await db
    .selectFrom('agencies')
    .select(['id', 'slug', 'name', 'time_zone'])
    .where('slug', '=', 'main')
    .executeTakeFirstOrThrow();
  let query = db.selectFrom('users').selectAll().where('agency_id', '=', agency.id);
  query = email ? query.where('email', '=', email) : query.where('role', '=', 'administrator').orderBy('id');
  const user = await query.executeTakeFirstOrThrow();
  const memberships = await db
    .selectFrom('unit_memberships')
    .select(['unit_id', 'is_manager'])
    .where('agency_id', '=', agency.id)
    .where('user_id', '=', user.id)
    .execute();
  return {
    db,
    agency: { id: agency.id, slug: agency.slug, name: agency.name, timeZone: agency.time_zone },
    actor: {
      userId: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      unitIds: memberships.map((m) => m.unit_id),
      managedUnitIds: memberships.filter((m) => m.is_manager).map((m) => m.unit_id),
      via: 'token',
    },
    requestId: null,
  };
}

/** Runs one read model with query logging on, then EXPLAIN ANALYZE of every statement it issued. */
async function explainRead(url: string, run: (db: Kysely<Database>) => Promise<unknown>): Promise<string[]> {
  const captured: CompiledQuery[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') captured.push(event.query);
    },
  });
  try {
    await run(db);
    const statements = captured.filter(
      (q) => /^\s*select/i.test(q.sql) && !/from "users"|from "agencies"|from "unit_memberships"/i.test(q.sql),
    );
    const plans: string[] = [];
    const client = await pool.connect();
    try {
      for (const q of statements) {
        const explain = async () => {
          const result = await client.query(`explain (analyze, buffers) ${q.sql}`, [...q.parameters]);
          return result.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
        };
        const text = await explain();
        // The same statement without JIT compilation, to separate compile time from execution time.
        await client.query('set jit = off');
        const withoutJit = (await explain()).match(/Execution Time: .*/)?.[0] ?? '';
        await client.query('reset jit');
        plans.push(
          `${q.sql}\n-- parameters: ${JSON.stringify(q.parameters)}\n${text}\n-- with jit = off: ${withoutJit}`,
        );
      }
    } finally {
      client.release();
    }
    return plans;
  } finally {
    await db.destroy();
  }
}

async function readBenchmarks(): Promise<void> {
  const name = `civicdesk_bench_reads_${process.pid}`;
  const url = await createDatabase(name);
  let server: Server | null = null;
  try {
    const runtime = await startRuntime(loadConfig(benchEnv({ DATABASE_URL: url })));
    await runtime.close();
    log(`generating ${settings.cases.toLocaleString('en-US')} cases on PostgreSQL`);
    const generated = await generateCases(url, { cases: settings.cases, log });
    rows.push({
      measure: `generate ${settings.cases.toLocaleString('en-US')} cases (+ people, timeline, indexes)`,
      driver: 'PostgreSQL',
      value: `${fmt(generated.seconds, 0)} s`,
      target: '',
      verdict: '',
    });
    server = await startServer(benchEnv({ DATABASE_URL: url }));

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const sample = await client.query(
      `select tracking_number from cases tablesample system (1) where not restricted limit 50`,
    );
    await client.end();
    const trackingNumbers = sample.rows.map((r: { tracking_number: string }) => r.tracking_number);
    const units = ['SNAP', 'FIA', 'MEDICAID', 'FAC', 'HOMEBASE', 'OCS'];
    const words = ['mold', 'elevator', 'voucher', 'radiator', 'asbestos', 'recertification', 'Okafor', 'harlem'];
    const reads: ReadCase[] = [
      {
        name: `unit queue page (caseworker of ${QUEUE_UNIT}: queue=unit, by deadline, 50 rows)`,
        target: 50,
        token: 'caseworker',
        paths: ['/api/v1/cases?queue=unit&limit=50'],
        explainAs: 'caseworker',
        explain: ({ caseworker }) => listCases(caseworker, { queue: 'unit', limit: 50 }),
      },
      {
        name: 'unit list by deadline (unit=X&sort=deadline, 50 rows)',
        target: 50,
        token: 'admin',
        paths: units.map((u) => `/api/v1/cases?unit=${u}&sort=deadline&limit=50`),
        explainAs: 'admin',
        explain: ({ admin }) => listCases(admin, { unit: 'SNAP', sort: 'deadline', limit: 50 }),
      },
      {
        name: 'full-text search (q=word, 50 rows)',
        target: 150,
        token: 'admin',
        paths: words.map((w) => `/api/v1/cases?q=${encodeURIComponent(w)}&limit=50`),
        explainAs: 'admin',
        explain: ({ admin }) => listCases(admin, { q: 'mold', limit: 50 } satisfies CaseListFilter),
      },
      {
        name: 'case view (GET /api/v1/cases/:trackingNumber)',
        target: 30,
        token: 'admin',
        paths: trackingNumbers.map((tn) => `/api/v1/cases/${encodeURIComponent(tn)}`),
        explainAs: 'admin',
        explain: ({ admin }) => getCaseView(admin, trackingNumbers[0]!),
      },
    ];
    mkdirSync(resultsDir, { recursive: true });
    const planFile: string[] = [];
    for (const read of reads) {
      log(`reads: ${read.name}`);
      const latencies = await timedRequests(
        server,
        read.token === 'admin' ? server.adminToken : server.caseworkerToken,
        read.paths,
      );
      const p95 = percentile(latencies, 95);
      rows.push({
        measure: `${read.name}, p50 / p95 ms (n=${latencies.length})`,
        driver: `PostgreSQL, ${settings.cases.toLocaleString('en-US')} cases`,
        value: `${fmt(percentile(latencies, 50))} / ${fmt(p95)}`,
        target: `p95 < ${read.target}`,
        verdict: verdict(p95 < read.target),
      });
      const plans = await explainRead(url, async (db) => {
        const contexts = {
          admin: await contextFor(db, null),
          caseworker: await contextFor(db, 'bench.caseworker@bench.example'),
        };
        return read.explain(contexts);
      });
      planFile.push(`==== ${read.name}\n\n${plans.join('\n\n')}\n`);
    }
    const planPath = path.join(resultsDir, `plans-${quick ? 'quick' : 'full'}.txt`);
    writeFileSync(planPath, planFile.join('\n'));
    notes.push(`EXPLAIN (ANALYZE, BUFFERS) of every read statement: ${path.relative(process.cwd(), planPath)}.`);
  } finally {
    if (server) await stopChild(server.child);
    await dropDatabase(name);
  }
}

// ---------------------------------------------------------------- report

function table(tableRows: Row[] = rows): string {
  const header = ['measure', 'driver', 'value', 'target', 'verdict'];
  const lines = tableRows.map((r) => [r.measure, r.driver, r.value, r.target, r.verdict]);
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...lines.map((l) => `| ${l.join(' | ')} |`),
  ].join('\n');
}

async function writeReport(
  startedAt: Date,
  seconds: number,
  section: { tableRows: Row[]; tableNotes: string[]; marker: string } = {
    tableRows: rows,
    tableNotes: notes,
    marker: 'results',
  },
): Promise<void> {
  const file = path.resolve('docs/performance.md');
  const begin = `<!-- bench:${section.marker}:start -->`;
  const end = `<!-- bench:${section.marker}:end -->`;
  const load = os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' / ');
  const block = [
    begin,
    `Measured ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC with \`npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}\` ` +
      `(${fmt(seconds / 60)} min): ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.type()} ${os.release()}; ` +
      `load average at the end ${load} (1 / 5 / 15 min). Server, load generator and database share the machine.`,
    '',
    table(section.tableRows),
    '',
    ...section.tableNotes.map((n) => `- ${n}`),
    end,
  ].join('\n');
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (text.includes(begin) && text.includes(end)) {
    text = text.slice(0, text.indexOf(begin)) + block + text.slice(text.indexOf(end) + end.length);
  } else if (section.marker !== 'results') {
    text = `${text.trimEnd()}\n\n## Reports\n\n${block}\n`;
  } else {
    text = `# Performance\n\nLatest numbers from \`npm run bench\` (see bench/README.md).\n\n${block}\n${text ? `\n${text}` : ''}`;
  }
  // Formatted as `npm run lint` expects, so a fresh report does not fail the prettier check.
  writeFileSync(file, await format(text, { parser: 'markdown', ...(await resolveConfig(file)) }));
}

const startedAt = new Date();
try {
  if (wanted('intake')) await intakeBenchmarks();
  if (wanted('queries')) await readBenchmarks();
  if (wanted('reports')) {
    await reportBenchmarks({
      quick,
      rollups: args.includes('--rollups=triggers') ? 'triggers' : 'backfill',
      log,
      createDatabase,
      dropDatabase,
      benchEnv,
      resultsDir,
      rows: reportRows,
      notes: reportNotes,
    });
  }
  if (wanted('channels')) {
    await channelBenchmarks({
      quick,
      log,
      createDatabase,
      dropDatabase,
      benchEnv,
      startServer,
      stopChild,
      sqlIntake,
      rows: channelRows,
      notes: channelNotes,
    });
  }
} catch (error) {
  log(`failed: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
}
const seconds = (Date.now() - startedAt.getTime()) / 1000;
if (intakeRows.length) {
  process.stdout.write(`\n${table(intakeRows)}\n\n${intakeNotes.map((n) => `- ${n}`).join('\n')}\n`);
  await writeReport(startedAt, seconds, { tableRows: intakeRows, tableNotes: intakeNotes, marker: 'intake' });
  log('intake numbers written to docs/performance.md');
}
if (rows.length || (!intakeRows.length && !reportRows.length && !channelRows.length)) {
  process.stdout.write(`\n${table()}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`);
}
if (rows.length) {
  await writeReport(startedAt, seconds);
  log('numbers written to docs/performance.md');
}
if (reportRows.length) {
  process.stdout.write(`\n${table(reportRows)}\n\n${reportNotes.map((n) => `- ${n}`).join('\n')}\n`);
  await writeReport(startedAt, seconds, { tableRows: reportRows, tableNotes: reportNotes, marker: 'reports' });
  log('report numbers written to docs/performance.md');
}
if (channelRows.length) {
  process.stdout.write(`\n${table(channelRows)}\n\n${channelNotes.map((n) => `- ${n}`).join('\n')}\n`);
  await writeReport(startedAt, seconds, { tableRows: channelRows, tableNotes: channelNotes, marker: 'channels' });
  log('channel numbers written to docs/performance.md');
}
