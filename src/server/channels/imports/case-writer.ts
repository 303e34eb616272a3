// Writes a batch of imported cases: finds the batch's existing cases by external id (their hashes only) and inserts
// the others in the same statement (in a second one when people must be found first), with tracking numbers from
// the per-agency-year sequences intake uses; updates the changed ones in one statement and writes one audit event
// per updated case (case.import_updated, with old and new values). Unchanged rows cost one index probe and are not
// locked. New cases get no audit event each: the run's own import.completed event (with its counts) and the case's
// channel and external id say where they came from.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { diffFields } from '../../repositories/audit.ts';
import { recordImportAudits, type ImportedCaseValues, type ImportUpdateColumns } from '../../repositories/imports.ts';
import {
  ensureTrackingSequences,
  findImportHashes,
  insertImportedCases,
  insertNewImportedCases,
  type ImportedCaseHash,
  lockImportedCases,
  updateImportedCases,
  type CaseRowToWrite,
} from '../../repositories/imported-cases.ts';
import type { BatchResult, ImportRow } from './import-runner.ts';

/** An imported case ready to write, without its tracking number. */
export interface PreparedCase {
  values: Omit<ImportedCaseValues, 'tracking_number' | 'import_hash'>;
  trackingYear: number;
  reason: string | null;
  /**
   * The external data already serialized (it was hashed that way): when given, it is what is stored and
   * `values.external_data` is not read, so that a batch does not hold the data twice.
   */
  externalJson?: string | null;
}

/** A stable hash of the values a re-import compares. */
export function hashValues(values: unknown): string {
  return createHash('sha1').update(JSON.stringify(values)).digest('base64');
}

const AUDITED = [
  'status',
  'received_at',
  'closed_at',
  'first_response_at',
  'description',
  'facility',
  'subject_code',
  'unit_id',
  'language',
  'writer_type',
  'person_id',
] as const;

function audited(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of AUDITED) {
    const value = values[field];
    out[field] = value instanceof Date ? value.toISOString() : (value ?? null);
  }
  return out;
}

/** hashValues of an array whose elements are given already serialized (JSON.stringify of each, in order). */
export function hashJsonParts(parts: string[]): string {
  return createHash('sha1')
    .update(`[${parts.join(',')}]`)
    .digest('base64');
}

/** The hash of a prepared case: what the source says about it, routing and deadlines aside. */
export function hashPrepared(values: PreparedCase['values'], fields: readonly string[]): string {
  const record = values as unknown as Record<string, unknown>;
  return hashValues(fields.map((f) => record[f] ?? null));
}

type PreparedRow = ImportRow<PreparedCase & { hash: string }>;

/** Writes one batch of prepared cases of a channel for the agency. */
export async function writeImportedCases(
  tx: Db,
  agency: { id: number; trackingPrefix: string; actorLabel: string },
  channel: string,
  rows: PreparedRow[],
  update: ImportUpdateColumns,
  options: {
    /** Runs on the rows that will be written (new or changed) before they are, e.g. to find or create people. */
    beforeWrite?: (rows: PreparedRow[]) => Promise<void>;
    /** The tracking-number sequences of the rows' years exist already (ensureTrackingSequences). */
    sequencesReady?: boolean;
  } = {},
): Promise<BatchResult> {
  const toWrite = (row: PreparedRow): CaseRowToWrite => ({
    values: row.value.values,
    hash: row.value.hash,
    externalJson: row.value.externalJson ?? null,
    trackingYear: row.value.trackingYear,
  });
  const { beforeWrite } = options;
  if (!options.sequencesReady) {
    await ensureTrackingSequences(
      tx,
      agency.id,
      rows.map((row) => row.value.trackingYear),
    );
  }
  let created = 0;
  let existing: Map<string, ImportedCaseHash>;
  if (beforeWrite) {
    existing = await findImportHashes(
      tx,
      agency.id,
      channel,
      rows.map((r) => r.key),
    );
  } else {
    // Nothing to do before the new rows are written: find the existing cases and insert the others at once.
    const result = await insertNewImportedCases(tx, agency.id, channel, agency.trackingPrefix, rows.map(toWrite));
    existing = result.existing;
    created = result.inserted;
  }
  const fresh: PreparedRow[] = [];
  const changed: { row: PreparedRow; id: number }[] = [];
  for (const row of rows) {
    const before = existing.get(row.key);
    if (!before) fresh.push(row);
    else if (before.import_hash !== row.value.hash) changed.push({ row, id: before.id }); // same hash: unchanged
  }
  if (beforeWrite && (fresh.length || changed.length)) {
    await beforeWrite([...fresh, ...changed.map((c) => c.row)]);
    created = await insertImportedCases(tx, agency.id, agency.trackingPrefix, fresh.map(toWrite));
  }
  const updated = changed.length ? await updateChanged(tx, agency, changed, update, toWrite) : 0;
  // A row changed by someone else between the read and the update to the same values is left alone: unchanged.
  return { created, updated, unchanged: rows.length - created - updated };
}

// Locks the changed cases, updates them and writes one audit event per case updated, with its old and new values.
async function updateChanged(
  tx: Db,
  agency: { id: number; actorLabel: string },
  changed: { row: PreparedRow; id: number }[],
  update: ImportUpdateColumns,
  toWrite: (row: PreparedRow) => CaseRowToWrite,
): Promise<number> {
  const locked = await lockImportedCases(
    tx,
    agency.id,
    changed.map((c) => c.id),
  );
  const written = await updateImportedCases(
    tx,
    agency.id,
    changed.map((c) => ({ ...toWrite(c.row), id: c.id })),
    update,
  );
  const events = changed
    .filter((c) => written.has(c.id))
    .map(({ row, id }) => {
      const before = locked.get(id)!;
      const beforeValues = audited(before as unknown as Record<string, unknown>);
      const after = audited(row.value.values as unknown as Record<string, unknown>);
      const afterValues =
        update === 'all'
          ? after
          : {
              ...beforeValues,
              ...pick(after, ['status', 'received_at', 'closed_at', 'first_response_at', 'description', 'facility']),
            };
      return {
        action: 'case.import_updated',
        entityId: before.tracking_number,
        caseId: id,
        changes: diffFields(beforeValues, afterValues),
        reason: null,
      };
    });
  await recordImportAudits(tx, agency.id, agency.actorLabel, events);
  return events.length;
}

function pick(values: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, values[f]]));
}
