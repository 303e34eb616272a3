// The channels benchmarks of `npm run bench -- channels`: on a throw-away PostgreSQL database, Open311 POST
// requests.json against the server under test (bench/target.ts, as the intake bench starts it) with 32 autocannon
// connections, beside the plain-SQL intake limit of the intake bench; then email over real SMTP to the built-in
// receiver of `src/server/main.ts --services=smtp`, with pooled nodemailer connections, until every accepted message
// is a case. Each count the server answered is checked against the rows in the database afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { loadConfig } from '../src/server/env.ts';
import { benchEmails, benchQuestions, open311Bodies, type Open311Service } from './channel-bodies.ts';
import type { BenchRow } from './reports.ts';
import { percentile } from './stats.ts';

interface ServerUnderTest {
  child: ChildProcess;
  url: string;
  adminToken: string;
}

interface PlainIntakeResult {
  perSecond: number;
  p50: number;
  p99: number;
  failures: number;
}

/** What bench/run.ts hands the section: its database, process and plain-SQL helpers, and where rows go. */
export interface ChannelBenchEnvironment {
  quick: boolean;
  log: (line: string) => void;
  createDatabase: (name: string) => Promise<string>;
  dropDatabase: (name: string) => Promise<void>;
  benchEnv: (extra: Record<string, string>) => NodeJS.ProcessEnv;
  /** bench/target.ts serve: migrated, bootstrapped, an administrator's API token, listening on 127.0.0.1. */
  startServer: (env: NodeJS.ProcessEnv) => Promise<ServerUnderTest>;
  stopChild: (child: ChildProcess) => Promise<void>;
  /** The intake bench's plain-SQL writer (32 concurrent) on the same database. */
  sqlIntake: (env: NodeJS.ProcessEnv) => Promise<PlainIntakeResult>;
  rows: BenchRow[];
  notes: string[];
}

const OPEN311_CONNECTIONS = 32;
const SMTP_CONNECTIONS = 16;
const OPEN311_TARGET = 800;
const EMAIL_TARGET = 100;
const DRIVER = 'PostgreSQL';

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const count = (n: number) => n.toLocaleString('en-US');
const verdict = (ok: boolean): BenchRow['verdict'] => (ok ? 'met' : 'missed');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------- database look-ups

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const countOf = async (url: string, statement: string): Promise<number> =>
  withClient(url, async (client) => Number((await client.query<{ n: string }>(statement)).rows[0]!.n));

/**
 * Transactions committed in the database so far, each statement outside a transaction counting as one. An idle
 * connection reports its counts within 10 s (PostgreSQL's idle statistics interval), hence the wait. The look-up
 * is itself a transaction, counted by the next look-up.
 */
async function transactionsSoFar(url: string): Promise<number> {
  await sleep(11_000);
  return countOf(url, `select xact_commit as n from pg_stat_database where datname = current_database()`);
}

/** Waits until a count stops moving (requests still in flight after a timed run finish first). */
async function settledCount(url: string, statement: string): Promise<number> {
  let last = await countOf(url, statement);
  for (let i = 0; i < 100; i++) {
    await sleep(300);
    const now = await countOf(url, statement);
    if (now === last) return now;
    last = now;
  }
  return last;
}

/** Samples of what the busy connections were doing, and the tables of the rows they waited for. */
interface WaitSamples {
  states: Map<string, number>;
  /** Row-lock waits by the table of the row (its oid; named once the run is over). */
  rowWaits: Map<number, number>;
  /** Lock waits by the statement waiting (its first words; a trigger's statement shows as the one firing it). */
  lockedStatements: Map<string, number>;
}

/**
 * Samples, every 20 ms from a connection of its own (to the maintenance database, so the bench database's counts
 * stay the server's), what the bench database's busy connections are doing: running ("CPU"), waiting for a lock,
 * for the write-ahead log to reach the disk, … or "idle in transaction" — holding a transaction open while the
 * application works between two statements. A connection waiting for another's row holds a tuple lock on its table.
 */
function sampleWaits(url: string): { stop(): Promise<WaitSamples> } {
  const maintenance = new URL(url);
  const database = maintenance.pathname.slice(1);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  const samples: WaitSamples = { states: new Map(), rowWaits: new Map(), lockedStatements: new Map() };
  let running = true;
  const loop = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query<{ what: string; rel: number | null; statement: string | null }>(
        `select case when a.state = 'idle in transaction' then 'idle in transaction'
                     else coalesce(a.wait_event_type || ':' || a.wait_event, 'CPU') end as what,
                (select l.relation::int from pg_locks l where l.pid = a.pid and l.locktype = 'tuple' limit 1) as rel,
                case when a.wait_event_type = 'Lock'
                     then substring(regexp_replace(a.query, '\\s+', ' ', 'g') from '^\\w+ \\w+ "?\\w+"?') end
                  as statement
           from pg_stat_activity a
          where a.datname = $1 and a.pid <> pg_backend_pid() and a.state in ('active', 'idle in transaction')`,
        [database],
      );
      for (const row of rows) {
        samples.states.set(row.what, (samples.states.get(row.what) ?? 0) + 1);
        if (row.rel !== null) samples.rowWaits.set(row.rel, (samples.rowWaits.get(row.rel) ?? 0) + 1);
        if (row.statement) {
          samples.lockedStatements.set(row.statement, (samples.lockedStatements.get(row.statement) ?? 0) + 1);
        }
      }
      await sleep(20);
    }
    await client.end();
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return samples;
    },
  };
}

/** The samples as shares, largest first, with the tables of the waited-for rows named. */
async function describeWaits(url: string, samples: WaitSamples): Promise<string> {
  const total = [...samples.states.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return 'no samples';
  const names = await withClient(url, async (client) => {
    const { rows } = await client.query<{ oid: number; name: string }>(
      'select oid::int as oid, relname as name from pg_class where oid = any($1::oid[])',
      [[...samples.rowWaits.keys()]],
    );
    return new Map(rows.map((r) => [r.oid, r.name]));
  });
  const share = (n: number) => `${fmt((100 * n) / total, 0)} %`;
  const states = [...samples.states.entries()]
    .sort((a, b) => b[1] - a[1])
    .filter(([, n]) => n / total >= 0.01)
    .map(([what, n]) => `${what} ${share(n)}`);
  const rows = [...samples.rowWaits.entries()]
    .sort((a, b) => b[1] - a[1])
    .filter(([, n]) => n / total >= 0.01)
    .map(([oid, n]) => `${names.get(oid) ?? oid} ${share(n)}`);
  const statements = [...samples.lockedStatements.entries()]
    .sort((a, b) => b[1] - a[1])
    .filter(([, n]) => n / total >= 0.01)
    .slice(0, 3)
    .map(([statement, n]) => `\`${statement.replace(/"/g, '')}\` ${share(n)}`);
  return (
    states.join(', ') +
    (statements.length ? `; lock waits in ${statements.join(', ')}` : '') +
    (rows.length ? `; row-lock waits on a row of ${rows.join(', ')}` : '')
  );
}

/** CPU seconds (user + system) each process has used so far, from /proc (Linux; none elsewhere). */
function cpuSecondsOf(pids: Iterable<number>): Map<number, number> {
  const used = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // After the command name: state is the first field, utime the 12th, stime the 13th (proc(5)).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      used.set(pid, (Number(fields[11]) + Number(fields[12])) / 100); // in ticks of 1/100 s
    } catch {
      // not Linux, or the process ended: no figure rather than a wrong one
    }
  }
  return used;
}

/** The PostgreSQL processes serving the bench database's connections. */
async function backendsOf(url: string): Promise<number[]> {
  const maintenance = new URL(url);
  const database = maintenance.pathname.slice(1);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      `select pid from pg_stat_activity where datname = $1 and backend_type = 'client backend'`,
      [database],
    );
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

/** CPU used during a run by the server process, by its PostgreSQL backends and by this load generator. */
interface CpuUse {
  server: number;
  postgres: number;
  generator: number;
  seconds: number;
}

/**
 * Starts counting CPU. PostgreSQL's share is that of the bench database's backends (a connection opened during the
 * run counts from its start; one closed during it is lost — the server's pool keeps its connections while busy).
 */
async function meterCpu(serverPid: number, url: string): Promise<{ stop(): Promise<CpuUse> }> {
  const serverBefore = cpuSecondsOf([serverPid]).get(serverPid) ?? 0;
  const postgresBefore = cpuSecondsOf(await backendsOf(url));
  const generatorBefore = process.cpuUsage();
  const started = performance.now();
  return {
    async stop() {
      const generator = process.cpuUsage(generatorBefore);
      const seconds = (performance.now() - started) / 1000;
      const server = (cpuSecondsOf([serverPid]).get(serverPid) ?? 0) - serverBefore;
      let postgres = 0;
      for (const [pid, used] of cpuSecondsOf(await backendsOf(url))) postgres += used - (postgresBefore.get(pid) ?? 0);
      return { server, postgres, generator: (generator.user + generator.system) / 1e6, seconds };
    },
  };
}

/** Milliseconds of CPU per request or message (server / PostgreSQL / load generator) and the cores' busy share. */
function describeCpu(cpu: CpuUse, units: number): { perUnit: string; busy: string } {
  const ms = (seconds: number) => fmt((1000 * seconds) / Math.max(1, units), 2);
  const cores = os.cpus().length;
  const busy = (cpu.server + cpu.postgres + cpu.generator) / (cores * cpu.seconds);
  return {
    perUnit: `${ms(cpu.server)} / ${ms(cpu.postgres)} / ${ms(cpu.generator)}`,
    busy: `${fmt(100 * busy, 0)} % of ${cores} cores`,
  };
}

// ---------------------------------------------------------------- Open311

/** A JSON call: as the administrator (bearer token) for the staff API, anonymously for Open311 reads. */
async function call(server: ServerUnderTest, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(path.startsWith('/api/') ? { authorization: `Bearer ${server.adminToken}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as unknown;
}

/** What a 311 system does first: questions set by the administrator, a key, the service list and definitions. */
async function open311Setup(server: ServerUnderTest): Promise<{ apiKey: string; services: Open311Service[] }> {
  for (const [code, questions] of Object.entries(benchQuestions)) {
    await call(server, 'PUT', `/api/v1/subjects/${encodeURIComponent(code)}/questions`, { questions });
  }
  const key = (await call(server, 'POST', '/api/v1/open311-keys', { name: 'Benchmark 311 system' })) as {
    apiKey: string;
  };
  const listed = (await call(server, 'GET', '/open311/v2/services.json')) as {
    service_code: string;
    metadata: boolean;
  }[];
  const services: Open311Service[] = [];
  for (const service of listed) {
    let attributes: Open311Service['attributes'] = [];
    if (service.metadata) {
      const definition = (await call(
        server,
        'GET',
        `/open311/v2/services/${encodeURIComponent(service.service_code)}.json`,
      )) as { attributes: Open311Service['attributes'] };
      attributes = definition.attributes;
    }
    services.push({ code: service.service_code, attributes });
  }
  return { apiKey: key.apiKey, services };
}

interface Open311Result {
  perSecond: number;
  seconds: number;
  created: number;
  duplicates: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  statusCodes: string;
  waits: WaitSamples;
  cpu: CpuUse;
  casesCreated: number;
  detailsStored: number;
  transactionsPerRequest: number;
}

const CASES_311 = `select count(*) as n from cases where channel = '311'`;

async function open311Intake(
  bench: ChannelBenchEnvironment,
  server: ServerUnderTest,
  url: string,
  settings: { seconds: number; warmup: number },
): Promise<Open311Result> {
  const { apiKey, services } = await open311Setup(server);
  const asking = services.filter((s) => s.attributes.length > 0).map((s) => s.code);
  bench.log(`Open311: ${services.length} services (${asking.join(', ')} ask questions), key issued`);
  const next = open311Bodies(23, `o311${process.pid}`, apiKey, services);
  const options = (amount: { duration: number } | { amount: number }) => ({
    url: server.url,
    connections: OPEN311_CONNECTIONS,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    requests: [
      {
        method: 'POST',
        path: '/open311/v2/requests.json',
        setupRequest: (request: { body?: string }) => ({ ...request, body: next() }),
      },
    ],
    ...amount,
  });
  // Two warm-up rounds: the first warms the server (compiled code, pool connections, cached plans), the second
  // gives the rate. The timed run then sends a fixed number of requests (that rate × the duration), so that every
  // request it sent is answered before it ends and the cases can be counted against the answers exactly.
  let warmRate = 0;
  for (let round = 0; round < 2; round++) {
    const warm = await autocannon(options({ duration: settings.warmup }));
    if (warm.non2xx || warm.errors) {
      throw new Error(`Open311 warm-up: ${warm.non2xx} answers other than 2xx, ${warm.errors} errors`);
    }
    warmRate = warm['2xx'] / warm.duration;
  }
  const amount = Math.max(OPEN311_CONNECTIONS * 20, Math.round(warmRate * settings.seconds));
  const casesBefore = await settledCount(url, CASES_311);
  const detailsBefore = await countOf(url, 'select count(*) as n from open311_requests');
  const transactionsBefore = await transactionsSoFar(url);
  bench.log(`Open311: ${count(amount)} POST requests, ${OPEN311_CONNECTIONS} connections`);
  const sampler = sampleWaits(url);
  const meter = await meterCpu(server.child.pid!, url);
  const result = (await autocannon(options({ amount }))) as Awaited<ReturnType<typeof autocannon>> & {
    statusCodeStats?: Record<string, { count: number }>;
  };
  const cpu = await meter.stop();
  const waits = await sampler.stop();
  const transactionsAfter = await transactionsSoFar(url);
  const casesCreated = (await settledCount(url, CASES_311)) - casesBefore;
  const detailsStored = (await countOf(url, 'select count(*) as n from open311_requests')) - detailsBefore;
  const codes = result.statusCodeStats ?? {};
  return {
    perSecond: result['2xx'] / result.duration,
    seconds: result.duration,
    created: codes['201']?.count ?? 0,
    duplicates: codes['200']?.count ?? 0,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    statusCodes: Object.entries(codes)
      .map(([code, c]) => `${code}: ${count(c.count)}`)
      .join(', '),
    waits,
    cpu,
    casesCreated,
    detailsStored,
    transactionsPerRequest: (transactionsAfter - transactionsBefore - 1) / Math.max(1, result['2xx']),
  };
}

// ---------------------------------------------------------------- email over SMTP

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address !== 'object') throw new Error('no free port');
  return address.port;
}

/** The real entry point with only the mail service: `src/server/main.ts --services=smtp`. */
async function startMailService(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', '--services=smtp'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the mail service did not start in 2 minutes'));
    }, 120_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (!line.includes('civicdesk is running')) return;
      clearTimeout(timer);
      lines.close();
      resolve();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the mail service exited with ${code}`));
    });
  });
  child.stdout!.resume();
  return child;
}

interface EmailResult {
  accepted: number;
  failures: number;
  firstFailure: string | null;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  casesCreated: number;
  endToEndSeconds: number;
  endToEndPerSecond: number;
  quarantined: number;
  /** Why messages were quarantined (the commonest reasons), when any were. */
  quarantineReasons: string;
  acknowledgementsWaiting: number;
  waits: WaitSamples;
  cpu: CpuUse;
  transactionsPerMessage: number;
}

const CASES_EMAIL = `select count(*) as n from cases where channel = 'email'`;

async function emailIntake(
  bench: ChannelBenchEnvironment,
  env: NodeJS.ProcessEnv,
  url: string,
  settings: { seconds: number; warmup: number },
): Promise<EmailResult> {
  const port = await freePort();
  const inbox = loadConfig(env).inboundAddress;
  const child = await startMailService({ ...env, CIVICDESK_SMTP_PORT: String(port), HOST: '127.0.0.1' });
  const transport = nodemailer.createTransport({
    pool: true,
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    maxConnections: SMTP_CONNECTIONS,
    maxMessages: Infinity,
  });
  const next = benchEmails(29, `mail${process.pid}`);
  let failures = 0;
  let firstFailure: string | null = null;
  /** SMTP_CONNECTIONS senders, each with one message in flight at a time, until `until`. */
  const send = async (until: number, latencies: number[] | null) => {
    let accepted = 0;
    await Promise.all(
      Array.from({ length: SMTP_CONNECTIONS }, async () => {
        while (Date.now() < until) {
          const mail = next();
          const started = performance.now();
          try {
            await transport.sendMail({ ...mail, to: inbox });
            latencies?.push(performance.now() - started);
            accepted += 1;
          } catch (error) {
            failures += 1;
            firstFailure ??= (error as Error).message;
          }
        }
      }),
    );
    return accepted;
  };
  try {
    bench.log(`email: ${SMTP_CONNECTIONS} pooled SMTP connections to ${inbox} on port ${port}, warm-up`);
    await send(Date.now() + settings.warmup * 1000, null);
    failures = 0;
    firstFailure = null;
    const casesBefore = await countOf(url, CASES_EMAIL);
    const quarantineBefore = await countOf(url, 'select count(*) as n from email_quarantine');
    const waitingBefore = await countOf(url, `select count(*) as n from outbox where status = 'queued'`);
    const transactionsBefore = await transactionsSoFar(url);
    bench.log(`email: ${settings.seconds} s`);
    const latencies: number[] = [];
    const sampler = sampleWaits(url);
    const meter = await meterCpu(child.pid!, url);
    const started = Date.now();
    const accepted = await send(started + settings.seconds * 1000, latencies);
    const seconds = (Date.now() - started) / 1000;
    const cpu = await meter.stop();
    const waits = await sampler.stop();
    // 250 is answered only once the case is stored, so the cases should all be there; poll to see it.
    let casesCreated = 0;
    let seenAt = Date.now();
    let polls = 0;
    for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
      casesCreated = (await countOf(url, CASES_EMAIL)) - casesBefore;
      polls += 1;
      seenAt = Date.now();
      if (casesCreated >= accepted) break;
      await sleep(20);
    }
    const transactionsAfter = await transactionsSoFar(url);
    const endToEndSeconds = (seenAt - started) / 1000;
    return {
      accepted,
      failures,
      firstFailure,
      seconds,
      perSecond: accepted / seconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      casesCreated,
      endToEndSeconds,
      endToEndPerSecond: casesCreated / endToEndSeconds,
      quarantined: (await countOf(url, 'select count(*) as n from email_quarantine')) - quarantineBefore,
      quarantineReasons: await withClient(url, async (client) => {
        const { rows } = await client.query<{ reason: string; n: number }>(
          `select left(reason, 200) as reason, count(*)::int as n from email_quarantine
            group by 1 order by 2 desc limit 3`,
        );
        return rows.map((r) => `${r.n} × "${r.reason}"`).join('; ');
      }),
      acknowledgementsWaiting:
        (await countOf(url, `select count(*) as n from outbox where status = 'queued'`)) - waitingBefore,
      waits,
      cpu,
      // The first look-up of the statistics and each poll of the count are transactions of their own.
      transactionsPerMessage: (transactionsAfter - transactionsBefore - 1 - polls) / Math.max(1, accepted),
    };
  } finally {
    transport.close();
    await bench.stopChild(child);
  }
}

// ---------------------------------------------------------------- the section

/** Open311 and email intake on PostgreSQL; rows and notes go to the environment's lists. */
export async function channelBenchmarks(bench: ChannelBenchEnvironment): Promise<void> {
  const settings = bench.quick ? { seconds: 5, warmup: 1 } : { seconds: 30, warmup: 3 };
  const name = `civicdesk_bench_channels_${process.pid}`;
  const url = await bench.createDatabase(name);
  // No outbound relay: acknowledgements are written with the case and wait in the outbox (no worker runs).
  const env = bench.benchEnv({ DATABASE_URL: url, CIVICDESK_SMTP_URL: '' });
  try {
    bench.log(`channels: Open311 POST requests.json on ${DRIVER}, ${OPEN311_CONNECTIONS} connections`);
    const server = await bench.startServer(env);
    let open311: Open311Result;
    try {
      open311 = await open311Intake(bench, server, url, settings);
    } finally {
      await bench.stopChild(server.child);
    }
    bench.log(`channels: plain SQL intake, ${OPEN311_CONNECTIONS} concurrent writers`);
    const plain = await bench.sqlIntake(env);
    bench.log(`channels: email over SMTP, ${SMTP_CONNECTIONS} connections`);
    const email = await emailIntake(bench, env, url, settings);

    const open311Waits = await describeWaits(url, open311.waits);
    const emailWaits = await describeWaits(url, email.waits);
    const open311Cpu = describeCpu(open311.cpu, open311.created + open311.duplicates);
    const emailCpu = describeCpu(email.cpu, email.accepted);
    const open311Ratio = open311.perSecond / plain.perSecond;
    const emailRatio = email.perSecond / plain.perSecond;
    const answered = open311.created + open311.duplicates;
    bench.rows.push(
      {
        measure: `Open311 POST requests.json, requests/s (${OPEN311_CONNECTIONS} connections, ${count(answered)} in ${fmt(open311.seconds, 0)} s)`,
        driver: DRIVER,
        value: fmt(open311.perSecond, 0),
        target: `≥ ${OPEN311_TARGET}`,
        verdict: verdict(open311.perSecond >= OPEN311_TARGET),
      },
      {
        measure: 'Open311 latency p50 / p99, ms',
        driver: DRIVER,
        value: `${fmt(open311.p50, 0)} / ${fmt(open311.p99, 0)}`,
        target: '',
        verdict: '',
      },
      {
        measure: 'Open311 answers other than 2xx, errors',
        driver: DRIVER,
        value: `${open311.non2xx}, ${open311.errors}`,
        target: '0, 0',
        verdict: verdict(open311.non2xx === 0 && open311.errors === 0),
      },
      {
        measure: 'Open311 cases of channel 311 created / 201 answers (request details stored)',
        driver: DRIVER,
        value: `${count(open311.casesCreated)} / ${count(open311.created)} (${count(open311.detailsStored)})`,
        target: 'equal',
        verdict: verdict(
          open311.casesCreated === open311.created &&
            open311.detailsStored === open311.created &&
            open311.duplicates === 0,
        ),
      },
      {
        measure: 'Open311 database transactions per request (a statement outside a transaction counts as one)',
        driver: DRIVER,
        value: fmt(open311.transactionsPerRequest, 2),
        target: '',
        verdict: '',
      },
      {
        measure: `Open311 CPU per request: server / PostgreSQL / load generator, ms (cores busy)`,
        driver: DRIVER,
        value: `${open311Cpu.perUnit} (${open311Cpu.busy})`,
        target: '',
        verdict: '',
      },
      {
        measure: `same rows by plain SQL (intake writer, ${OPEN311_CONNECTIONS} concurrent), cases/s`,
        driver: DRIVER,
        value: fmt(plain.perSecond, 0),
        target: '',
        verdict: '',
      },
      {
        measure: 'plain SQL latency p50 / p99, ms',
        driver: DRIVER,
        value: `${fmt(plain.p50, 0)} / ${fmt(plain.p99, 0)}`,
        target: '',
        verdict: '',
      },
      {
        measure: 'ratio Open311 / plain SQL',
        driver: DRIVER,
        value: fmt(open311Ratio, 2),
        target: '≥ 0.5',
        verdict: verdict(open311Ratio >= 0.5),
      },
      {
        measure: `email over SMTP, accepted messages/s (${SMTP_CONNECTIONS} pooled connections, ${count(email.accepted)} in ${fmt(email.seconds, 0)} s)`,
        driver: DRIVER,
        value: fmt(email.perSecond, 0),
        target: `≥ ${EMAIL_TARGET}`,
        verdict: verdict(email.perSecond >= EMAIL_TARGET),
      },
      {
        measure: 'SMTP transaction (MAIL FROM … 250 after DATA) p50 / p99, ms',
        driver: DRIVER,
        value: `${fmt(email.p50, 0)} / ${fmt(email.p99, 0)}`,
        target: '',
        verdict: '',
      },
      {
        measure: 'email end to end (first send → every message a case), messages/s',
        driver: DRIVER,
        value: fmt(email.endToEndPerSecond, 0),
        target: `≥ ${EMAIL_TARGET}`,
        verdict: verdict(email.endToEndPerSecond >= EMAIL_TARGET),
      },
      {
        measure: 'email cases created / messages accepted (refused, quarantined)',
        driver: DRIVER,
        value: `${count(email.casesCreated)} / ${count(email.accepted)} (${email.failures}, ${email.quarantined})`,
        target: 'equal (0, 0)',
        verdict: verdict(email.casesCreated === email.accepted && email.failures === 0 && email.quarantined === 0),
      },
      {
        measure: 'email database transactions per message (likewise)',
        driver: DRIVER,
        value: fmt(email.transactionsPerMessage, 2),
        target: '',
        verdict: '',
      },
      {
        measure: `email CPU per message: receiver / PostgreSQL / SMTP clients, ms (cores busy)`,
        driver: DRIVER,
        value: `${emailCpu.perUnit} (${emailCpu.busy})`,
        target: '',
        verdict: '',
      },
      {
        measure: 'ratio email / plain SQL intake',
        driver: DRIVER,
        value: fmt(emailRatio, 2),
        target: '',
        verdict: '',
      },
    );
    bench.notes.push(
      `Open311: form-urlencoded POST /open311/v2/requests.json with an API key issued by POST /api/v1/open311-keys; ` +
        `${count(answered)} requests (the rate of the second warm-up round × ${settings.seconds} s) after two ` +
        `${settings.warmup} s warm-up rounds; ` +
        `answers ${open311.statusCodes || 'none'}. Bodies: a point (60 %) or a street address, the reporter's ` +
        `name, email (90 %) and phone (50 %) or an anonymous device id (5 %), a photo URL (10 %), and attribute ` +
        `answers for the four services given questions through PUT /api/v1/subjects/:code/questions.`,
      `Plain SQL: the intake bench's writer (bench/target.ts sql) — tracking number, unit, person look-up or insert, ` +
        `two contacts, case, inbound entry, audit event in one transaction — on the same database after the ` +
        `Open311 run; the Open311 request additionally claims its fingerprint and stores its 311 details.`,
      `Email: \`src/server/main.ts --services=smtp\` (the receiver alone, no worker) on a free port; ` +
        `${SMTP_CONNECTIONS} nodemailer pooled connections, each with one message in flight, distinct messages ` +
        `(half with an HTML part) to ${loadConfig(env).inboundAddress}. CIVICDESK_SMTP_URL is empty, so each ` +
        `acknowledgement is written with its case and waits in the outbox ` +
        `(${count(email.acknowledgementsWaiting)} waiting after the run). The receiver answers 250 only once the ` +
        `case is committed; end to end is measured to the database poll that saw every accepted message as a case ` +
        `(${fmt(email.endToEndSeconds, 1)} s).` +
        (email.firstFailure ? ` First refusal: ${email.firstFailure}` : '') +
        (email.quarantineReasons ? ` Quarantined: ${email.quarantineReasons}.` : ''),
      `What the database connections of the server were doing (pg_stat_activity every 20 ms, busy connections ` +
        `only) — Open311: ${open311Waits}; email: ${emailWaits}.`,
    );
  } finally {
    await bench.dropDatabase(name);
  }
}
