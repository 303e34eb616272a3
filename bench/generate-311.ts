// A synthetic NYC 311 open-data file in the 2011 layout (the header and the rows of the real sample in
// ../shared/data, re-keyed and spread over the year), for the import benchmark. Deterministic for a given count.
//   tsx bench/generate-311.ts OUT.csv [ROWS=1000000]
import { createReadStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { parse } from 'csv-parse';
import { SeededRandom } from '../src/server/demo/random.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The real 1,000-row sample the synthetic rows are modelled on. */
export const SAMPLE_311 = path.resolve(here, '../../shared/data/nyc-311-sample-2011.csv');

function quote(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function formatNewYork(date: Date): string {
  // The wall clock is written as UTC fields: the generator only needs plausible local readings.
  const pad = (n: number) => String(n).padStart(2, '0');
  const hour = date.getUTCHours();
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return (
    `${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}/${date.getUTCFullYear()} ` +
    `${pad(h12)}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${hour < 12 ? 'AM' : 'PM'}`
  );
}

/** Writes `rows` synthetic 311 rows (2011 layout) to `file`. */
export async function generate311(file: string, rows: number, seed = 311): Promise<void> {
  const records: string[][] = [];
  for await (const record of createReadStream(SAMPLE_311).pipe(parse({ bom: true }))) records.push(record as string[]);
  const header = records.shift()!;
  const col = (name: string) => header.indexOf(name);
  const [key, created, closed, due, updated, status] = [
    col('Unique Key'),
    col('Created Date'),
    col('Closed Date'),
    col('Due Date'),
    col('Resolution Action Updated Date'),
    col('Status'),
  ];
  const random = new SeededRandom(seed);
  const out = createWriteStream(file);
  out.write(`${header.map(quote).join(',')}\n`);
  const yearStart = Date.UTC(2011, 0, 1);
  const yearMillis = 365 * 86_400_000;
  for (let i = 0; i < rows; i++) {
    const row = [...records[i % records.length]!];
    row[key] = String(30_000_000 + i);
    const createdAt = new Date(yearStart + Math.floor(random.next() * (yearMillis - 60 * 86_400_000)));
    row[created] = formatNewYork(createdAt);
    const open = random.chance(0.03);
    const closedAt = new Date(createdAt.getTime() + random.int(600, 40 * 86_400) * 1000);
    row[status] = open ? (random.chance(0.5) ? 'Assigned' : 'Pending') : 'Closed';
    row[closed] = open ? '' : formatNewYork(closedAt);
    row[updated] = formatNewYork(open ? createdAt : closedAt);
    row[due] = formatNewYork(new Date(createdAt.getTime() + 30 * 86_400_000));
    if (!out.write(`${row.map(quote).join(',')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [file, count] = process.argv.slice(2);
  if (!file) throw new Error('usage: tsx bench/generate-311.ts OUT.csv [ROWS]');
  await generate311(file, Number(count ?? 1_000_000));
}
