// Writes a batch of imported cases: reads the existing ones (locked), gives new ones tracking numbers from the
// per-agency-year sequence, upserts all changed rows in one statement, and writes one audit event per created
// (case.imported) or updated (case.import_updated, with old and new values) case. Unchanged rows cost nothing.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { diffFields } from '../../repositories/audit.ts';
import {
  findImportedCases,
  recordImportAudits,
  takeTrackingNumbers,
  upsertImportedCases,
  type ExistingImportedCase,
  type ImportedCaseValues,
  type ImportUpdateColumns,
} from '../../repositories/imports.ts';
import type { BatchResult, ImportRow } from './import-runner.ts';

/** An imported case ready to write, without its tracking number. */
export interface PreparedCase {
  values: Omit<ImportedCaseValues, 'tracking_number' | 'import_hash'>;
  trackingYear: number;
  reason: string | null;
}

/** ANALYZE of the cases table, so that the external-id look-ups of the next batches use the index. */
export async function analyzeCaseTables(db: Db): Promise<void> {
  await sql`analyze cases`.execute(db);
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

/** The hash of a prepared case: what the source says about it, routing and deadlines aside. */
export function hashPrepared(values: PreparedCase['values'], fields: readonly string[]): string {
  const record = values as unknown as Record<string, unknown>;
  return hashValues(fields.map((f) => record[f] ?? null));
}

/** Writes one batch of prepared cases of a channel for the agency. */
export async function writeImportedCases(
  tx: Db,
  agency: { id: number; trackingPrefix: string; actorLabel: string },
  channel: string,
  rows: ImportRow<PreparedCase & { hash: string }>[],
  update: ImportUpdateColumns,
  /** Runs on the rows that will be written (new or changed) before they are, e.g. to find or create people. */
  beforeWrite?: (rows: ImportRow<PreparedCase & { hash: string }>[]) => Promise<void>,
): Promise<BatchResult> {
  const existing = await findImportedCases(
    tx,
    agency.id,
    channel,
    rows.map((r) => r.key),
  );
  const fresh: ImportRow<PreparedCase & { hash: string }>[] = [];
  const changed: { row: ImportRow<PreparedCase & { hash: string }>; before: ExistingImportedCase }[] = [];
  for (const row of rows) {
    const before = existing.get(row.key);
    if (!before) fresh.push(row);
    else if (before.import_hash !== row.value.hash) changed.push({ row, before }); // same hash: unchanged, skipped
  }
  await beforeWrite?.([...fresh, ...changed.map((c) => c.row)]);
  const byYear = new Map<number, ImportRow<PreparedCase & { hash: string }>[]>();
  for (const row of fresh) {
    const list = byYear.get(row.value.trackingYear) ?? [];
    list.push(row);
    byYear.set(row.value.trackingYear, list);
  }
  const values: ImportedCaseValues[] = [];
  for (const [year, list] of byYear) {
    const numbers = await takeTrackingNumbers(tx, agency.id, agency.trackingPrefix, year, list.length);
    list.forEach((row, i) =>
      values.push({ ...row.value.values, tracking_number: numbers[i]!, import_hash: row.value.hash }),
    );
  }
  for (const { row, before } of changed) {
    values.push({ ...row.value.values, tracking_number: before.tracking_number, import_hash: row.value.hash });
  }
  const written = await upsertImportedCases(tx, agency.id, values, update);
  const byKey = new Map(values.map((v) => [v.external_id, v]));
  const reasons = new Map(rows.map((r) => [r.key, r.value.reason]));
  let created = 0;
  let updated = 0;
  const events = written.map((w) => {
    const after = audited(byKey.get(w.external_id)! as unknown as Record<string, unknown>);
    if (w.inserted) {
      created++;
      return {
        action: 'case.imported',
        entityId: w.tracking_number,
        caseId: w.id,
        changes: diffFields(null, { ...after, external_id: w.external_id, channel }),
        reason: reasons.get(w.external_id) ?? null,
      };
    }
    updated++;
    const before = existing.get(w.external_id);
    const beforeValues = before ? audited(before as unknown as Record<string, unknown>) : null;
    const afterValues =
      update === 'all'
        ? after
        : {
            ...beforeValues,
            ...pick(after, ['status', 'received_at', 'closed_at', 'first_response_at', 'description', 'facility']),
          };
    return {
      action: 'case.import_updated',
      entityId: w.tracking_number,
      caseId: w.id,
      changes: diffFields(beforeValues, afterValues),
      reason: null,
    };
  });
  await recordImportAudits(tx, agency.id, agency.actorLabel, events);
  // A row changed by someone else between the read and the upsert to the same values is left alone: unchanged.
  return { created, updated, unchanged: rows.length - created - updated };
}

function pick(values: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, values[f]]));
}
