// What the indexes of cases cost a write, measured on one database in one run: copies of existing cases (open ones,
// as intake writes them; closed ones, as a 311 import writes most of its rows) inserted by one INSERT … SELECT and
// rolled back, alternately with the index set as it is and with the set a migration leaves (applied inside the same
// transaction, before the clock starts, and rolled back with it). Wall time and the CPU time of the database backend
// (from /proc) per 1,000 rows; alternating rounds keep the two sets under the same load on a shared machine.
//   tsx bench/index-write-cost.ts <database url> <migration file> [--rows 20000] [--rounds 3]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';

const [url, migrationFile] = process.argv.slice(2);
if (!url || !migrationFile) throw new Error('usage: tsx bench/index-write-cost.ts <database url> <migration file>');
if (!['127.0.0.1', 'localhost'].includes(new URL(url).hostname)) throw new Error('the database must be on 127.0.0.1');
const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const rows = option('--rows', 20_000);
const rounds = option('--rounds', 3);
const migration = (await import(path.resolve(migrationFile))) as { up: (db: Kysely<unknown>) => Promise<void> };

const columns = `channel, channel_slug, subject_code, description, received_at, status, priority, language, writer_type,
  person_id, unit_id, facility, tags, service_standard_id, first_response_due_at, resolution_due_at,
  first_response_at, closed_at, escalation_level, external_data, import_hash`;

const ticks = () => {
  const hz = 100; // USER_HZ on Linux
  return (pid: number) => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / hz; // utime + stime, ms
  };
};
const cpuOf = ticks();

async function round(withMigration: boolean, kind: 'open' | 'closed'): Promise<{ ms: number; cpu: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const pid = Number((await client.query('select pg_backend_pid() as pid')).rows[0].pid);
    await client.query('begin');
    if (withMigration) {
      // The migration on this transaction's connection: a Kysely over a pool that always hands out this client.
      const db = new Kysely<unknown>({
        dialect: new PostgresDialect({
          pool: { connect: async () => Object.assign(client, { release: () => {} }), end: async () => {} },
        }),
      });
      await migration.up(db);
    }
    const where = kind === 'open' ? `status <> 'closed'` : `closed_at is not null`;
    const cpu0 = cpuOf(pid);
    const started = performance.now();
    await client.query(`insert into cases (agency_id, tracking_number, external_id, ${columns})
      select agency_id, tracking_number || '-w', external_id || '-w', ${columns}
      from (select * from cases where ${where} order by id desc limit ${rows}) c`);
    const ms = performance.now() - started;
    const cpu = cpuOf(pid) - cpu0;
    await client.query('rollback');
    return { ms, cpu };
  } finally {
    await client.end();
  }
}

const results: Record<string, { ms: number[]; cpu: number[] }> = {};
for (let r = 0; r < rounds; r++) {
  for (const kind of ['open', 'closed'] as const) {
    for (const withMigration of r % 2 ? [true, false] : [false, true]) {
      const key = `${kind} ${withMigration ? 'after' : 'before'}`;
      const m = await round(withMigration, kind);
      (results[key] ??= { ms: [], cpu: [] }).ms.push(m.ms);
      results[key].cpu.push(m.cpu);
      process.stderr.write(`[index-write-cost] ${key}: ${m.ms.toFixed(0)} ms, backend CPU ${m.cpu.toFixed(0)} ms\n`);
    }
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
process.stdout.write(
  `| rows | indexes | wall ms per 1,000 rows (median of ${rounds}) | backend CPU ms per 1,000 rows |\n`,
);
process.stdout.write('| --- | --- | --- | --- |\n');
for (const [key, m] of Object.entries(results)) {
  const [kind, when] = key.split(' ');
  process.stdout.write(
    `| ${rows.toLocaleString('en-US')} ${kind} cases | ${when} | ${((median(m.ms) * 1000) / rows).toFixed(1)} | ${((median(m.cpu) * 1000) / rows).toFixed(1)} |\n`,
  );
}
