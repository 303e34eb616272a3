// The index audit: which index of the big tables (cases, people, timeline, audit, calls …) each real read uses.
// Makes a database with the reporting load (bench/generate-report-load.ts: cases over three years, people, calls,
// interpretations, surveys), runs every read path of the product once — case lists and queues, search, the case
// view, the dashboards, the indicators, the monthly report, the cross-tab, the deadline sweep's candidates, the
// retention and survey sweeps, Open311 GET, a person's cases — on one connection, and after each reads the
// per-index scan counters of pg_stat_user_indexes; then prints every index with its scans, its size and the reads
// that used it. The table is written to bench/results/index-audit-<cases>.md (not committed).
//   tsx bench/index-audit.ts [--cases 1000000] [--keep]   (--keep leaves the database for EXPLAIN by hand)
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { loadConfig } from '../src/server/env.ts';
import { startRuntime } from '../src/server/runtime.ts';
import { openDatabase } from '../src/server/db/database.ts';
import type { CommandContext } from '../src/server/context.ts';
import { listCases, getCaseView, type CaseListFilter } from '../src/server/queries/case-list-queries.ts';
import { dashboardData } from '../src/server/reports/dashboards.ts';
import { computeIndicators } from '../src/server/reports/indicators.ts';
import { buildMonthlyReport } from '../src/server/reports/monthly-report.ts';
import { runCrosstabDefinition } from '../src/server/reports/crosstab.ts';
import { sweepCandidates } from '../src/server/repositories/deadline-sweep.ts';
import { retentionCandidates } from '../src/server/repositories/retention.ts';
import { closedCasesWithoutInvitation } from '../src/server/repositories/portal.ts';
import { listPublicRequests } from '../src/server/repositories/open311.ts';
import { casesOfPerson } from '../src/server/repositories/people.ts';
import { parsePeriod } from '../src/shared/report-periods.ts';
import { addLocalDays } from '../src/shared/local-time.ts';
import { generateReportLoad } from './generate-report-load.ts';
import { latestCompleteMonth, supervisorContext } from './reports.ts';

const args = process.argv.slice(2);
const at = args.indexOf('--cases');
const cases = at === -1 ? 1_000_000 : Number(args[at + 1]);
const keep = args.includes('--keep');
const base = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
if (!['127.0.0.1', 'localhost'].includes(new URL(base).hostname)) {
  throw new Error('BENCH_POSTGRES_URL must point at 127.0.0.1: the audit creates a database.');
}
const name = `civicdesk_bench_audit_${cases}`;
const url = `${base}/${name}`;
const log = (line: string) => process.stderr.write(`[index-audit] ${line}\n`);
const tables = ['cases', 'people', 'person_contacts', 'timeline_entries', 'audit_events', 'calls', 'case_parties'];

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${base}/postgres` });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

interface IndexRow {
  table: string;
  index: string;
  scans: number;
  bytes: number;
  definition: string;
  constraint: boolean;
}

async function indexRows(client: pg.Client): Promise<IndexRow[]> {
  await client.query('select pg_stat_clear_snapshot()');
  const result = await client.query(
    `select s.relname as table, s.indexrelname as index, s.idx_scan::bigint as scans,
            pg_relation_size(s.indexrelid)::bigint as bytes, pg_get_indexdef(s.indexrelid) as definition,
            exists (select 1 from pg_constraint k where k.conindid = s.indexrelid) as constraint
       from pg_stat_user_indexes s where s.relname = any($1) order by s.relname, s.indexrelname`,
    [tables],
  );
  return result.rows.map((r: Record<string, unknown>) => ({
    table: String(r.table),
    index: String(r.index),
    scans: Number(r.scans),
    bytes: Number(r.bytes),
    definition: String(r.definition),
    constraint: Boolean(r.constraint),
  }));
}

async function main(): Promise<void> {
  const started = Date.now();
  if (!keep) await admin(`drop database if exists ${name} with (force)`);
  const exists = await (async () => {
    const client = new pg.Client({ connectionString: `${base}/postgres` });
    await client.connect();
    const found = (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount;
    await client.end();
    return Boolean(found);
  })();
  const env = { ...process.env, DATABASE_URL: url, CIVICDESK_ADMIN_PASSWORD: 'bench admin password' };
  const now = new Date();
  if (!exists) {
    await admin(`create database ${name}`);
    const runtime = await startRuntime(loadConfig(env));
    try {
      log(`generating ${cases.toLocaleString('en-US')} cases`);
      const load = await generateReportLoad(runtime.db, {
        cases,
        calls: Math.round(cases * 0.4),
        interpretations: Math.round(cases / 25),
        now,
        rollups: 'backfill',
        log,
      });
      log(`generated in ${load.seconds.toFixed(0)} s`);
    } finally {
      await runtime.close();
    }
  } else {
    // A kept database may be from before a migration: bring it up to date.
    const runtime = await startRuntime(loadConfig(env));
    await runtime.close();
  }
  const stats = new pg.Client({ connectionString: url });
  await stats.connect();
  await stats.query('analyze');
  // One connection, so that its counters can be flushed after each read (pg_stat_force_next_flush).
  const { db, close } = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 1 });
  const supervisor = await supervisorContext(db);
  const administrator: CommandContext = {
    ...supervisor,
    actor: { ...supervisor.actor, role: 'administrator', unitIds: supervisor.actor.unitIds },
  };
  const period = latestCompleteMonth(now, supervisor.agency.timeZone);
  const year = parsePeriod(`${addLocalDays(period.from, -334)}..${period.to}`);
  const request = { period, asOf: now };
  const units = await db
    .selectFrom('units')
    .select(['id', 'code'])
    .where('agency_id', '=', supervisor.agency.id)
    .execute();
  const sample = await sql<{ tracking_number: string; person_id: number }>`
    select tracking_number, person_id from cases where agency_id = ${supervisor.agency.id} and not restricted
    order by id desc limit 1`.execute(db);
  const one = sample.rows[0]!;
  const list = (ctx: CommandContext, filter: Omit<CaseListFilter, 'limit'>) => () =>
    listCases(ctx, { limit: 50, ...filter }, now);
  const reads: [string, () => Promise<unknown>][] = [
    ['list: queue unit', list(supervisor, { queue: 'unit' })],
    ['list: queue mine', list(supervisor, { queue: 'mine' })],
    ['list: queue unassigned', list(supervisor, { queue: 'unassigned' })],
    ['list: queue due today', list(supervisor, { queue: 'due_today' })],
    ['list: queue overdue', list(supervisor, { queue: 'overdue' })],
    ['list: queue escalated', list(supervisor, { queue: 'escalated' })],
    ['list: unit by deadline', list(administrator, { unit: units[0]!.code, sort: 'deadline' })],
    ['list: unit by received', list(administrator, { unit: units[0]!.code, sort: 'received' })],
    ['list: all by received', list(administrator, { sort: 'received' })],
    ['list: all by deadline', list(administrator, { sort: 'deadline' })],
    ['list: channel email', list(administrator, { channel: ['email'] })],
    ['list: status closed, by updated', list(administrator, { status: ['closed'], sort: 'updated' })],
    ['list: closed last month', list(administrator, { closedFrom: new Date(now.getTime() - 30 * 864e5) })],
    ['list: a person', list(administrator, { personId: one.person_id })],
    ['search: word', list(administrator, { q: 'mold' })],
    ['search: tracking suffix', list(administrator, { q: one.tracking_number.slice(-5) })],
    ['case view', () => getCaseView(administrator, one.tracking_number)],
    ["person's cases", () => casesOfPerson(administrator, db, one.person_id)],
    ['dashboard: month', () => dashboardData(supervisor, { period }, now)],
    ['dashboard: 12 months email', () => dashboardData(supervisor, { period: year, channel: 'email' }, now)],
    ['indicators', () => computeIndicators(supervisor, request)],
    ['monthly report', () => buildMonthlyReport(supervisor, request)],
    [
      'cross-tab 12 months',
      () =>
        runCrosstabDefinition(
          supervisor,
          { filters: { period: year.key }, rows: ['subject', 'unit'], columns: ['month'], measure: 'count' },
          now,
        ),
    ],
    ['deadline sweep candidates', () => sweepCandidates(db, supervisor.agency.id, now, 0, 500)],
    [
      'retention candidates',
      () => retentionCandidates(db, supervisor.agency.id, new Date(now.getTime() - 2 * 365 * 864e5)),
    ],
    [
      'survey invitations',
      () => closedCasesWithoutInvitation(db, supervisor.agency.id, new Date(now.getTime() - 7 * 864e5), 500),
    ],
    ['Open311 GET requests', () => listPublicRequests(db, supervisor.agency.id, { limit: 50, offset: 0 })],
    [
      'Open311 GET requests, 90 days, open',
      () =>
        listPublicRequests(db, supervisor.agency.id, {
          from: new Date(now.getTime() - 90 * 864e5),
          closed: false,
          limit: 50,
          offset: 0,
        }),
    ],
  ];
  const usedBy = new Map<string, string[]>();
  const timings: { what: string; ms: number; indexes: string[] }[] = [];
  const flush = () => sql`select pg_stat_force_next_flush()`.execute(db);
  await flush();
  let before = await indexRows(stats);
  for (const [what, read] of reads) {
    // Twice: the first run reads the pages in, the second is timed.
    let ms = NaN;
    try {
      await read();
      const startedRead = performance.now();
      await read();
      ms = performance.now() - startedRead;
    } catch (error) {
      log(`${what}: ${(error as Error).message}`);
    }
    await flush();
    const after = await indexRows(stats);
    const indexes: string[] = [];
    for (const row of after) {
      const was = before.find((b) => b.index === row.index)?.scans ?? 0;
      if (row.scans > was) {
        usedBy.set(row.index, [...(usedBy.get(row.index) ?? []), what]);
        indexes.push(row.index);
      }
    }
    timings.push({ what, ms, indexes });
    before = after;
  }
  await close();
  const rows = await indexRows(stats);
  const counts = await stats.query(`select relname, n_live_tup from pg_stat_user_tables where relname = any($1)`, [
    tables,
  ]);
  await stats.end();
  const mb = (b: number) => (b / 1048576).toFixed(1);
  const lines = [
    `Index audit, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cases.toLocaleString('en-US')} ` +
      `generated cases (${counts.rows.map((r: { relname: string; n_live_tup: string }) => `${r.relname} ${Number(r.n_live_tup).toLocaleString('en-US')}`).join(', ')}); ` +
      `${((Date.now() - started) / 1000).toFixed(0)} s.`,
    '',
    '| table | index | scans | MB | constraint | used by |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.table} | ${r.index} | ${r.scans} | ${mb(r.bytes)} | ${r.constraint ? 'yes' : ''} | ${(usedBy.get(r.index) ?? []).join('; ')} |`,
    ),
    '',
    '| read | ms (second run) | indexes scanned |',
    '| --- | --- | --- |',
    ...timings.map((t) => `| ${t.what} | ${t.ms.toFixed(1)} | ${t.indexes.join(', ')} |`),
    '',
    ...rows.map((r) => `- ${r.index}: ${r.definition}`),
  ];
  const dir = path.resolve('bench/results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `index-audit-${cases}.md`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (!keep) await admin(`drop database if exists ${name} with (force)`);
  else log(`database ${name} kept`);
}

await main();
