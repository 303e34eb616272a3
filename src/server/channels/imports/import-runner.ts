// The import engine every `civicdesk import …` shares: streams the file, matches columns by name, validates each
// row (a bad row is reported with its line, column and reason and nothing of it is written), detects duplicate
// keys, and writes the rows in batches — all inside one transaction, so that an import that fails (or is
// stopped) leaves nothing behind; without --strict a batch the database refuses is rolled back to its savepoint
// and retried row by row, so that only the rows at fault are rejected. Parsing the next batch overlaps the
// writing of the previous one. Writes the rejects file and the run's report. What a row means and how it is
// stored is the handler's business.
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { stringify } from 'csv-stringify';
import type { Db } from '../../db/database.ts';
import type { CommandContext } from '../../context.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  finishImportRun,
  holdImportRun,
  inImportBatchSavepoint,
  startImportRun,
  type ImportKind,
} from '../../repositories/imports.ts';
import { CsvFileError, readCsvRecords } from './csv-reader.ts';
import { KeyLines } from './key-lines.ts';
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
  /**
   * Creates what the batch's rows refer to and a refused batch must not take away (subjects, units, sequences),
   * before the batch's savepoint; the import's transaction still takes it all away if the import fails.
   */
  prepare?(tx: Db, rows: ImportRow<T>[]): Promise<void>;
  /** Writes a batch inside `tx` (the import's one transaction; without --strict, inside a savepoint). */
  write(tx: Db, rows: ImportRow<T>[], runId: number): Promise<BatchResult>;
  /** Refreshes the planner statistics of the tables the import fills (ANALYZE), after a large import has committed. */
  analyze?(db: Db): Promise<void>;
  /**
   * Refreshes, inside the import's transaction, the statistics of the few columns the per-batch look-ups read, so
   * that they stay index probes while the import grows the tables under them (see REFRESH_STATISTICS_AFTER_ROWS).
   */
  refreshStatistics?(tx: Db): Promise<void>;
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
/**
 * Rows per batch. Each batch is one statement for the rollup triggers on cases, whose cost grows with the number of
 * statements in the import's transaction, so fewer, larger batches are faster (400,000 rows: 4,522 rows/s at 5,000,
 * 5,290 at 10,000, 6,340 at 20,000); memory grows with the batch (peak RSS 207, 234, 275 MB).
 */
export const DEFAULT_BATCH_SIZE = 10_000;
/** A batch is also written once its rows' cells reach this many characters, so that long texts keep it small. */
const MAX_BATCH_CHARS = 8_000_000;
/** An import that writes at least this many cases refreshes the planner statistics when it is done. */
const ANALYZE_AFTER_ROWS = 10_000;
/**
 * Inside the transaction the look-up statistics are refreshed once this many rows are written and each time the
 * number doubles (7 to 9 times for 1,000,000 new rows, about 0.2 s each). Without it a channel the statistics had not
 * seen makes the planner read all of its cases for every look-up: the import slowed down batch after batch.
 * ANALYZE takes a lock that only other ANALYZE, VACUUM and index builds of the table wait for, until the commit.
 */
const REFRESH_STATISTICS_AFTER_ROWS = 2_000;

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
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
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
  // The rejects file is written as fast as the disk takes it: once its buffer is full, reading waits for it (before
  // the next chunk), so that a file of mostly bad rows does not pile them up in memory.
  const drainRejects = async () => {
    if (rejectsOut?.writableNeedDrain) await once(rejectsOut, 'drain');
  };

  const add = (result: BatchResult) => {
    report.created += result.created;
    report.updated += result.updated;
    report.unchanged += result.unchanged;
  };
  // With --strict the first refusal ends the import. Otherwise a batch the database refuses as a whole (a
  // constraint, a concurrent import of the same rows) is retried row by row, each in its own savepoint, so that
  // only the bad rows fail.
  let refreshStatisticsAt = REFRESH_STATISTICS_AFTER_ROWS;
  const writeBatch = async (tx: Db, rows: ImportRow<T>[]) => {
    await handler.prepare?.(tx, rows);
    if (options.strict) add(await handler.write(tx, rows, runId));
    else {
      try {
        add(await inImportBatchSavepoint(tx, () => handler.write(tx, rows, runId)));
      } catch {
        for (const row of rows) {
          try {
            add(await inImportBatchSavepoint(tx, () => handler.write(tx, [row], runId)));
          } catch (error) {
            reject(row.line, '', `could not be stored: ${(error as Error).message}`);
          }
        }
      }
    }
    const written = report.created + report.updated;
    if (handler.refreshStatistics && written >= refreshStatisticsAt) {
      await handler.refreshStatistics(tx);
      refreshStatisticsAt = written * 2;
    }
  };

  let peakRss = process.memoryUsage.rss();
  const processAll = async (tx: Db) => {
    const seen = new KeyLines();
    let batch: ImportRow<T>[] = [];
    let batchChars = 0;
    // The batch being written while the next one is parsed; a failure is kept and rethrown at the next flush.
    let inFlight: Promise<void> = Promise.resolve();
    let writeError: { error: unknown } | null = null;
    const settle = async () => {
      await inFlight;
      if (writeError) throw writeError.error;
    };
    const flush = async () => {
      await settle();
      if (!batch.length) return;
      const rows = batch;
      batch = [];
      batchChars = 0;
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
      inFlight = writeBatch(tx, rows).catch((error: unknown) => {
        writeError = { error };
      });
    };
    let index = new Map<string, number>();
    // Small reads give the event loop a turn every few hundred rows, so that the database's answers about the batch
    // in flight are taken up promptly instead of waiting behind the parsing of the next one.
    const source = createReadStream(options.file, { highWaterMark: 64 * 1024 });
    try {
      for await (const records of readCsvRecords(source, {
        encoding: options.encoding ?? 'utf8',
        onBytes: (bytes) => options.onProgress?.(bytes, totalBytes),
      })) {
        await drainRejects();
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
          // PostgreSQL text cannot hold NUL, so such a row is refused here rather than failing its whole batch.
          const nul = fields.findIndex((f) => f.includes('\u0000'));
          if (nul !== -1) {
            reject(record.line, header[nul]!, 'contains a NUL character', fields);
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
          const earlier = seen.firstLine(parsed.key, record.line);
          if (earlier !== undefined) {
            reject(
              record.line,
              handler.keyColumn,
              `duplicates line ${earlier} (${handler.duplicateOf ?? 'same value'})`,
              fields,
            );
            continue;
          }
          batch.push({ line: record.line, key: parsed.key, value: parsed.value });
          for (const field of fields) batchChars += field.length;
          if (batch.length >= batchSize || batchChars >= MAX_BATCH_CHARS) await flush();
        }
      }
      if (header.length === 0) throw new CsvFileError(1, 'the file is empty (no header row)');
      await flush();
      await settle();
    } finally {
      // Whatever stopped the reading, the transaction ends only after the batch in flight has.
      await inFlight;
    }
  };

  try {
    await db.transaction().execute(async (tx) => {
      await holdImportRun(tx, runId);
      await processAll(tx);
    });
  } catch (error) {
    report.created = report.updated = report.unchanged = 0;
    if (error instanceof StrictAbort) {
      report.status = 'aborted';
      report.error = `--strict: nothing was written; the first bad row is at ${error.message}`;
    } else if (error instanceof CsvFileError) {
      report.status = 'failed';
      report.error = `${error.message}; nothing was written`;
    } else {
      report.status = 'failed';
      report.error = `${(error as Error).message}; nothing was written`;
    }
  }
  if (rejectsOut && rejectsFile) {
    rejectsOut.end();
    await once(rejectsFile, 'close');
  }
  // Fresh planner statistics for what the import added (queues and reports run on them next).
  if (report.status === 'completed' && report.created + report.updated >= ANALYZE_AFTER_ROWS) {
    await handler.analyze?.(db);
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
