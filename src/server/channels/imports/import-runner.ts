// The import engine every `civicdesk import …` shares: streams the file, matches columns by name, validates each
// row (a bad row is reported with its line, column and reason and nothing of it is written), detects duplicate
// keys, writes batches in their own transactions (or everything in one with --strict), writes the rejects file
// and the run's report. What a row means and how it is stored is the handler's business.
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { stringify } from 'csv-stringify';
import type { Db } from '../../db/database.ts';
import type { CommandContext } from '../../context.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { finishImportRun, startImportRun, type ImportKind } from '../../repositories/imports.ts';
import { CsvFileError, readCsvRecords } from './csv-reader.ts';
import { neutralizeCell } from '../../../domain/csv-safety.ts';

/** A column the importer knows: its name and the other names it goes by in other layouts. */
export interface ColumnSpec {
  name: string;
  aliases?: string[];
  required?: boolean;
}

/** Thrown by a handler's parse for a bad row: which column and why. */
export class RowRejected extends Error {
  constructor(
    readonly column: string,
    readonly reason: string,
  ) {
    super(`${column}: ${reason}`);
  }
}

export interface ImportRow<T> {
  line: number;
  key: string;
  value: T;
}

export interface BatchResult {
  created: number;
  updated: number;
  unchanged: number;
}

/** What one kind of import does with its rows. */
export interface ImportHandler<T> {
  kind: ImportKind;
  columns: ColumnSpec[];
  /** The column whose value identifies a row (duplicates in one file are rejected). */
  keyColumn: string;
  /** How a duplicate is described, e.g. 'same Unique Key'. */
  duplicateOf?: string;
  /** A valid row, or throws RowRejected. `get` returns the trimmed cell of a column ('' when absent). */
  parse(get: (column: string) => string, line: number): { key: string; value: T };
  /** Writes a batch inside `tx`. */
  write(tx: Db, rows: ImportRow<T>[], runId: number): Promise<BatchResult>;
  /**
   * Refreshes the planner statistics of the tables the import fills (ANALYZE): at the start and as they grow, so
   * that the per-batch look-ups stay index look-ups instead of scans planned for an empty table.
   */
  analyze?(db: Db): Promise<void>;
  /** What the report adds for this kind (e.g. unknown complaint types). */
  summary?(): Record<string, unknown>;
}

export interface ImportOptions {
  file: string;
  /** Abort at the first bad row and write nothing at all. */
  strict?: boolean;
  /** Where to write the rejected rows (CSV, formula-safe). */
  rejectsFile?: string;
  batchSize?: number;
  encoding?: 'utf8' | 'latin1';
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

export interface RejectedRow {
  line: number;
  column: string;
  reason: string;
}

/** The end-of-import report. */
export interface ImportReport {
  kind: ImportKind;
  file: string;
  runId: number;
  status: 'completed' | 'aborted' | 'failed';
  rowsRead: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** The first rejected rows (all of them are in the rejects file). */
  rejects: RejectedRow[];
  seconds: number;
  rowsPerSecond: number;
  error?: string;
  [extra: string]: unknown;
}

const REPORTED_REJECTS = 1000;

function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Where each known column sits in the header (by name, case-insensitive, trimmed); the required ones missing. */
export function matchColumns(
  header: string[],
  columns: ColumnSpec[],
): { index: Map<string, number>; missing: string[] } {
  const positions = new Map<string, number>();
  header.forEach((name, i) => {
    const key = normalizeName(name);
    if (!positions.has(key)) positions.set(key, i);
  });
  const index = new Map<string, number>();
  const missing: string[] = [];
  for (const column of columns) {
    const names = [column.name, ...(column.aliases ?? [])];
    const found = names.map((n) => positions.get(normalizeName(n))).find((i) => i !== undefined);
    if (found !== undefined) index.set(column.name, found);
    else if (column.required) missing.push(names.map((n) => `"${n}"`).join(' or '));
  }
  return { index, missing };
}

class StrictAbort extends Error {}

/** Runs one import of `handler`'s kind for the context's agency and returns its report. */
export async function runImport<T>(
  ctx: CommandContext,
  handler: ImportHandler<T>,
  options: ImportOptions,
): Promise<ImportReport> {
  const started = Date.now();
  const db = ctx.db;
  const batchSize = options.batchSize ?? 2000;
  const runId = await startImportRun(db, ctx.agency.id, {
    kind: handler.kind,
    fileName: path.basename(options.file),
    actorLabel: ctx.actor.name,
    options: { strict: !!options.strict, encoding: options.encoding ?? 'utf8', batchSize },
  });
  const report: ImportReport = {
    kind: handler.kind,
    file: options.file,
    runId,
    status: 'completed',
    rowsRead: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    rejects: [],
    seconds: 0,
    rowsPerSecond: 0,
  };
  const totalBytes = statSync(options.file).size;
  let header: string[] = [];
  const rejectsOut = options.rejectsFile ? stringify() : null;
  const rejectsFile = options.rejectsFile ? createWriteStream(options.rejectsFile) : null;
  if (rejectsOut && rejectsFile) rejectsOut.pipe(rejectsFile);

  const reject = (line: number, column: string, reason: string, fields: string[] = []) => {
    report.rejected++;
    if (report.rejects.length < REPORTED_REJECTS) report.rejects.push({ line, column, reason });
    if (options.strict) throw new StrictAbort(`line ${line}${column ? `, column "${column}"` : ''}: ${reason}`);
    rejectsOut?.write([line, column, reason, ...fields].map((cell) => neutralizeCell(String(cell))));
  };

  const seen = new Map<string, number>();
  let batch: ImportRow<T>[] = [];
  let inFlight: Promise<void> = Promise.resolve();

  const add = (result: BatchResult) => {
    report.created += result.created;
    report.updated += result.updated;
    report.unchanged += result.unchanged;
  };
  // A batch that fails as a whole (a database constraint) is retried row by row, so that only the bad rows fail.
  const writeBatch = async (rows: ImportRow<T>[]) => {
    try {
      add(await db.transaction().execute((tx) => handler.write(tx, rows, runId)));
    } catch {
      for (const row of rows) {
        try {
          add(await db.transaction().execute((tx) => handler.write(tx, [row], runId)));
        } catch (error) {
          reject(row.line, '', `could not be stored: ${(error as Error).message}`);
        }
      }
    }
  };

  // Statistics are refreshed at the start, then each time the rows written double (and at least every 250,000).
  let peakRss = process.memoryUsage.rss();
  let sinceAnalyze = 0;
  let nextAnalyze = 0;
  let written = 0;
  const analyze = async (on: Db) => {
    written += sinceAnalyze;
    sinceAnalyze = 0;
    nextAnalyze = Math.min(Math.max(written, 5000), 250_000);
    await handler.analyze?.(on);
  };

  const processAll = async (tx: Db | null) => {
    const flush = async () => {
      if (!batch.length) return;
      const rows = batch;
      batch = [];
      sinceAnalyze += rows.length;
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
      if (tx) {
        if (sinceAnalyze >= nextAnalyze) await analyze(tx);
        add(await handler.write(tx, rows, runId));
      } else {
        await inFlight;
        if (sinceAnalyze >= nextAnalyze) await analyze(db);
        inFlight = writeBatch(rows);
      }
    };
    let index = new Map<string, number>();
    const source = createReadStream(options.file, { highWaterMark: 256 * 1024 });
    for await (const records of readCsvRecords(source, {
      encoding: options.encoding ?? 'utf8',
      onBytes: (bytes) => options.onProgress?.(bytes, totalBytes),
    })) {
      for (const record of records) {
        if (header.length === 0) {
          if (record.error !== undefined) throw new CsvFileError(record.line, record.error);
          header = record.fields;
          const matched = matchColumns(header, handler.columns);
          if (matched.missing.length) {
            throw new CsvFileError(record.line, `the header has no column ${matched.missing.join(', no column ')}`);
          }
          index = matched.index;
          rejectsOut?.write(['line', 'column', 'reason', ...header].map(neutralizeCell));
          continue;
        }
        report.rowsRead++;
        if (record.error !== undefined) {
          reject(record.line, '', record.error);
          continue;
        }
        const fields = record.fields;
        if (fields.length !== header.length) {
          reject(record.line, '', `has ${fields.length} fields, the header has ${header.length}`, fields);
          continue;
        }
        const badByte = fields.findIndex((f) => f.includes('\uFFFD'));
        if (badByte !== -1) {
          reject(
            record.line,
            header[badByte]!,
            'is not valid UTF-8 (save the file as UTF-8, or import it with --encoding latin1)',
            fields,
          );
          continue;
        }
        let parsed: { key: string; value: T };
        try {
          parsed = handler.parse((column) => {
            const at = index.get(column);
            return at === undefined ? '' : fields[at]!.trim();
          }, record.line);
        } catch (error) {
          if (!(error instanceof RowRejected)) throw error;
          reject(record.line, error.column, error.reason, fields);
          continue;
        }
        const earlier = seen.get(parsed.key);
        if (earlier !== undefined) {
          reject(
            record.line,
            handler.keyColumn,
            `duplicates line ${earlier} (${handler.duplicateOf ?? 'same value'})`,
            fields,
          );
          continue;
        }
        seen.set(parsed.key, record.line);
        batch.push({ line: record.line, key: parsed.key, value: parsed.value });
        if (batch.length >= batchSize) await flush();
      }
    }
    if (header.length === 0) throw new CsvFileError(1, 'the file is empty (no header row)');
    await flush();
    await inFlight;
  };

  try {
    if (options.strict) await db.transaction().execute((tx) => processAll(tx));
    else await processAll(null);
  } catch (error) {
    await inFlight.catch(() => {});
    if (error instanceof StrictAbort) {
      report.status = 'aborted';
      report.error = `--strict: nothing was written; the first bad row is at ${error.message}`;
      report.created = report.updated = report.unchanged = 0;
    } else if (error instanceof CsvFileError) {
      report.status = 'failed';
      report.error = options.strict ? `${error.message}; nothing was written` : error.message;
      if (options.strict) report.created = report.updated = report.unchanged = 0;
    } else {
      report.status = 'failed';
      report.error = (error as Error).message;
    }
  }
  if (rejectsOut && rejectsFile) {
    rejectsOut.end();
    await once(rejectsFile, 'close');
  }
  report.seconds = Math.round((Date.now() - started) / 10) / 100;
  report.rowsPerSecond = report.seconds > 0 ? Math.round(report.rowsRead / report.seconds) : report.rowsRead;
  report.peakRssMb = Math.round(Math.max(peakRss, process.memoryUsage.rss()) / 1048576);
  report.heapUsedMb = Math.round(process.memoryUsage().heapUsed / 1048576);
  Object.assign(report, handler.summary?.() ?? {});
  const { rejects, ...stored } = report;
  await finishImportRun(db, ctx.agency.id, runId, report.status, { ...stored, rejects: rejects.slice(0, 100) });
  await recordAudit(db, ctx, {
    action: `import.${report.status}`,
    entityType: 'import_run',
    entityId: runId,
    after: {
      kind: handler.kind,
      file: path.basename(options.file),
      rows_read: report.rowsRead,
      created: report.created,
      updated: report.updated,
      unchanged: report.unchanged,
      rejected: report.rejected,
    },
    reason: report.error ?? null,
  });
  return report;
}
