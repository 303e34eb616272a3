// The NYC 311 import benchmark: a synthetic file in the 2011 layout (bench/generate-311.ts), imported by
// `civicdesk import nyc311` into a fresh PostgreSQL database (and a fresh PGlite directory), compared with
// PostgreSQL `\copy` of the same file into a plain table in the same run, and with the floor the cases table itself
// sets: the imported rows inserted into cases once more by one server-side INSERT … SELECT (indexes, constraints and
// triggers, no client at all; rolled back). Peak resident memory of each import process from /usr/bin/time -v.
// Prints a table and writes it between the bench:import-311 markers of docs/performance.md.
//   tsx bench/import-311.ts [--rows 1000000] [--pglite-rows 100000] [--no-write]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { generate311 } from './generate-311.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : Number(args[at + 1]);
};
const rows = option('--rows', 1_000_000);
const pgliteRows = option('--pglite-rows', 100_000);
const postgresBase = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
if (!['127.0.0.1', 'localhost'].includes(new URL(postgresBase).hostname)) {
  throw new Error('BENCH_POSTGRES_URL must point at 127.0.0.1: the benchmark creates and drops a database.');
}
const log = (text: string) => process.stderr.write(`[import-311] ${text}\n`);
const work = mkdtempSync(path.join(os.tmpdir(), 'civicdesk-bench-311-'));
const database = `civicdesk_bench_import_${process.pid}`;

interface Measured {
  seconds: number;
  peakRssMb: number;
  report: { rowsRead: number; created: number; rejected: number; seconds: number; rowsPerSecond: number };
}

/** Runs the real CLI under /usr/bin/time -v; returns its JSON report, wall time and peak RSS. */
function importWithCli(file: string, env: NodeJS.ProcessEnv): Measured {
  const started = Date.now();
  const result = spawnSync(
    '/usr/bin/time',
    ['-v', 'node', 'bin/civicdesk.js', 'import', 'nyc311', file, '--agency', 'main', '--create-unknown', '--json'],
    { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const seconds = (Date.now() - started) / 1000;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr);
  if (!result.stdout.trim().startsWith('{')) throw new Error(`import failed: ${result.stderr.slice(-2000)}`);
  const report = JSON.parse(result.stdout) as Measured['report'];
  return { seconds, peakRssMb: rss ? Number(rss[1]) / 1024 : NaN, report };
}

/** Inserts the imported 311 cases into cases once more in one statement (new keys) and rolls back; rows/s. */
async function insertSelectFloor(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = `channel, channel_slug, subject_code, description, received_at, status, priority, language,
      writer_type, person_id, unit_id, facility, tags, service_standard_id, first_response_due_at, resolution_due_at,
      first_response_at, closed_at, escalation_level, external_data, import_hash`;
    await client.query('begin');
    const started = Date.now();
    const result = await client.query(`insert into cases (agency_id, tracking_number, external_id, ${columns})
      select agency_id, tracking_number || '-floor', external_id || '-floor', ${columns}
      from cases where channel = '311'`);
    const seconds = (Date.now() - started) / 1000;
    await client.query('rollback');
    return (result.rowCount ?? 0) / seconds;
  } finally {
    await client.end();
  }
}

const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' / ');

async function main() {
  const loadAtStart = loadAverage();
  const file = path.join(work, `311-${rows}.csv`);
  log(`generating ${rows.toLocaleString()} rows`);
  await generate311(file, rows);
  const sizeMb = Number(execFileSync('stat', ['-c', '%s', file], { encoding: 'utf8' })) / 1e6;

  const admin = new pg.Client({ connectionString: `${postgresBase}/postgres` });
  await admin.connect();
  await admin.query(`create database ${database}`);
  const url = `${postgresBase}/${database}`;
  try {
    // Migrate + bootstrap first, so that the timed import and the COPY start from the same state.
    execFileSync('node', ['bin/civicdesk.js', 'migrate'], { env: { ...process.env, DATABASE_URL: url } });
    log('COPY into a plain table');
    const header = readFileSync(file, { encoding: 'utf8', flag: 'r' }).slice(0, 4096).split('\n')[0]!;
    const columns = header.split(',').map((_, i) => `c${i} text`);
    execFileSync('psql', [url, '-q', '-c', `create table copy_311 (${columns.join(', ')})`]);
    const copyStarted = Date.now();
    execFileSync('psql', [url, '-q', '-c', `\\copy copy_311 from '${file}' with (format csv, header true)`]);
    const copySeconds = (Date.now() - copyStarted) / 1000;
    execFileSync('psql', [url, '-q', '-c', 'drop table copy_311']);

    log('civicdesk import nyc311 on PostgreSQL');
    const onPostgres = importWithCli(file, { DATABASE_URL: url });
    log('re-import of the same file on PostgreSQL (all unchanged)');
    const again = importWithCli(file, { DATABASE_URL: url });
    log('INSERT … SELECT of the imported rows into cases (rolled back)');
    const floorRate = await insertSelectFloor(url);

    log(`civicdesk import nyc311 on PGlite (${pgliteRows.toLocaleString()} rows)`);
    const small = path.join(work, `311-${pgliteRows}.csv`);
    await generate311(small, pgliteRows);
    const dataDir = path.join(work, 'pglite');
    // As on PostgreSQL, the schema is made first: creating the embedded database is not part of the import.
    execFileSync('node', ['bin/civicdesk.js', 'migrate'], {
      env: { ...process.env, DATABASE_URL: '', CIVICDESK_DATA_DIR: dataDir },
    });
    const onPglite = importWithCli(small, { DATABASE_URL: '', CIVICDESK_DATA_DIR: dataDir });

    const copyRate = rows / copySeconds;
    const table = [
      `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`tsx bench/import-311.ts\`: ` +
        `${os.cpus().length} cores, Node ${process.version}; synthetic 2011-layout file of ${rows.toLocaleString()} rows ` +
        `(${sizeMb.toFixed(0)} MB); load average (1 / 5 / 15 min) at the start ${loadAtStart}, at the end ` +
        `${loadAverage()}.`,
      '',
      '| measure | driver | value | target | verdict |',
      '| --- | --- | --- | --- | --- |',
      `| \`import nyc311\`, ${rows.toLocaleString()} new rows, rows/s | PostgreSQL | ${Math.round(onPostgres.report.rowsPerSecond).toLocaleString()} | ≥ 20,000 | ${onPostgres.report.rowsPerSecond >= 20_000 ? 'met' : 'missed'} |`,
      `| \`\\copy\` of the same file into a plain text table, rows/s | PostgreSQL | ${Math.round(copyRate).toLocaleString()} |  |  |`,
      `| ratio import / COPY | PostgreSQL | ${(onPostgres.report.rowsPerSecond / copyRate).toFixed(2)} |  |  |`,
      `| the same rows by one \`INSERT … SELECT\` into cases (server only: indexes, constraints, triggers), rows/s | PostgreSQL | ${Math.round(floorRate).toLocaleString()} |  |  |`,
      `| ratio import / that \`INSERT … SELECT\` | PostgreSQL | ${(onPostgres.report.rowsPerSecond / floorRate).toFixed(2)} |  |  |`,
      `| peak resident memory of the import process | PostgreSQL | ${onPostgres.peakRssMb.toFixed(0)} MB | < 300 MB | ${onPostgres.peakRssMb < 300 ? 'met' : 'missed'} |`,
      `| re-import of the same file (all unchanged), rows/s | PostgreSQL | ${Math.round(again.report.rowsPerSecond).toLocaleString()} |  |  |`,
      `| \`import nyc311\`, ${pgliteRows.toLocaleString()} new rows, rows/s | PGlite | ${Math.round(onPglite.report.rowsPerSecond).toLocaleString()} |  |  |`,
      `| peak resident memory of the import process | PGlite | ${onPglite.peakRssMb.toFixed(0)} MB |  |  |`,
      '',
      `Rejected rows: ${onPostgres.report.rejected} (PostgreSQL), ${onPglite.report.rejected} (PGlite). ` +
        `Wall time of the PostgreSQL import process including start-up: ${onPostgres.seconds.toFixed(1)} s.`,
    ].join('\n');
    process.stdout.write(`${table}\n`);
    if (!args.includes('--no-write')) {
      const doc = path.resolve('docs/performance.md');
      const begin = '<!-- bench:import-311:start -->';
      const end = '<!-- bench:import-311:end -->';
      const text = readFileSync(doc, 'utf8');
      if (text.includes(begin) && text.includes(end)) {
        writeFileSync(
          doc,
          text.slice(0, text.indexOf(begin) + begin.length) + `\n${table}\n` + text.slice(text.indexOf(end)),
        );
        log('numbers written to docs/performance.md');
      } else log('docs/performance.md has no bench:import-311 markers; not written');
    }
  } finally {
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
    if (existsSync(work)) rmSync(work, { recursive: true, force: true });
  }
}

await main();
