// The SQL of an import batch's cases, set-based: the batch's existing cases by external id (hash only, nothing
// locked), the changed ones locked with the values their audit compares, one INSERT … SELECT FROM unnest(…) of the
// new cases with their tracking numbers drawn in the statement, and one UPDATE … FROM unnest(…) of the changed
// ones. Each column travels as one array parameter, so a batch costs one round trip per statement whatever its
// size, and PostgreSQL reads plain arrays much faster than a JSON document of the same rows. The array literals
// are written here in one pass (the driver's own conversion costs more than the rest of a row's preparation).
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ExistingImportedCase, ImportedCaseValues, ImportUpdateColumns } from './imports.ts';
import { arrayLiteral, batchColumn, insertCaseRows, type BatchValue, type NewCaseColumn } from './new-cases.ts';
import { createTrackingSequence } from './case-intake.ts';

/** What a batch needs to know of an existing imported case: which it is and the hash of what it was made from. */
export interface ImportedCaseHash {
  id: number;
  tracking_number: string;
  import_hash: string | null;
}

/** A new or changed case as the batch writes it: the row's values, its source hash and its serialized data. */
export interface CaseRowToWrite {
  values: Omit<ImportedCaseValues, 'tracking_number' | 'import_hash'>;
  hash: string;
  /** `values.external_data` as JSON text (serialized once, when the row was hashed). */
  externalJson: string | null;
  trackingYear: number;
}

// The cases of a channel with these external ids, one unique-index probe per key. Written as a lateral look-up
// rather than `external_id = any(…)` because the planner's choice for the latter depends on the statistics of
// cases: without them (a new database, or one that has just grown) it estimates that every case matches and reads
// all the channel's cases through the (agency, channel) prefix, filtering on the ids — one full pass per batch,
// 0.5 s at 400,000 cases, and an import that slows down as it goes. `limit 1` keeps the probe a parameterised index
// scan (a plain sub-select would be flattened into a join the planner is free to turn into a scan).
function existingCases(agencyId: number, channel: string, keys: string) {
  return sql`select c.id, c.external_id, c.tracking_number, c.import_hash
    from unnest(${keys}::text[]) as k(external_id)
    cross join lateral (
      select id, external_id, tracking_number, import_hash from cases
      where agency_id = ${agencyId} and channel = ${channel} and external_id = k.external_id
      limit 1
    ) c`;
}

/** The existing cases of a channel with these external ids: id, tracking number and import hash. */
export async function findImportHashes(
  db: Db,
  agencyId: number,
  channel: string,
  externalIds: string[],
): Promise<Map<string, ImportedCaseHash>> {
  if (!externalIds.length) return new Map();
  const result = await sql<ImportedCaseHash & { external_id: string }>`
    ${existingCases(agencyId, channel, arrayLiteral(externalIds))}`.execute(db);
  return new Map(result.rows.map(({ external_id, ...row }) => [external_id, row]));
}

/** The cases with these ids, locked for update, with the values an import's audit compares. */
export async function lockImportedCases(
  db: Db,
  agencyId: number,
  ids: number[],
): Promise<Map<number, ExistingImportedCase>> {
  if (!ids.length) return new Map();
  // One primary-key probe per id, in id order (so that two writers lock in the same order), for the reason
  // existingCases gives.
  const ordered = [...new Set(ids)].sort((a, b) => a - b);
  const result = await sql<ExistingImportedCase>`select c.* from unnest(${arrayLiteral(ordered)}::int[]) as k(id)
    cross join lateral (
      select id, external_id, tracking_number, import_hash, status, received_at, closed_at, first_response_at,
        description, facility, subject_code, unit_id, language, writer_type, person_id
      from cases where agency_id = ${agencyId} and id = k.id
      limit 1
      for update
    ) c`.execute(db);
  return new Map(result.rows.map((row) => [row.id, row]));
}

/** Creates the tracking-number sequences of these years if they are missing (the ones intake uses). */
export async function ensureTrackingSequences(db: Db, agencyId: number, years: Iterable<number>): Promise<void> {
  for (const year of new Set(years)) await createTrackingSequence(db, agencyId, year);
}

// One column of the rows as an array literal.
const column = (rows: CaseRowToWrite[], pick: (row: CaseRowToWrite) => string | number | null | undefined): string =>
  arrayLiteral(rows.map(pick));

const externalJson = (row: CaseRowToWrite) =>
  row.externalJson ?? (row.values.external_data === null ? null : JSON.stringify(row.values.external_data));

// A new imported case's columns: its values, its source hash and its external data as serialized when hashed.
const importedValue = (row: CaseRowToWrite, column: NewCaseColumn): BatchValue => {
  if (column === 'import_hash') return row.hash;
  if (column === 'external_data') return externalJson(row);
  return row.values[column as keyof CaseRowToWrite['values']] as BatchValue;
};

// INSERT of new cases in file order, each with the next number of its agency-year sequence; with `skipExisting`,
// rows whose external id is in the CTE `existing` are left out (and draw no number). The rows go in ordered like
// most of the table's indexes (unit, deadline), which touches their pages in order rather than at random (measured
// 15–20% less time for the statement).
function insertStatement(agencyId: number, trackingPrefix: string, rows: CaseRowToWrite[], skipExisting: boolean) {
  return insertCaseRows(agencyId, rows as [CaseRowToWrite, ...CaseRowToWrite[]], importedValue, {
    numbering: { trackingPrefix, year: (row) => row.trackingYear },
    ...(skipExisting
      ? { onlyNew: sql`not exists (select 1 from existing e where e.external_id = u.external_id)` }
      : {}),
    orderBy: sql`r.unit_id, r.resolution_due_at`,
  });
}

/** Inserts new imported cases (none of them may exist yet). The sequences must exist (ensureTrackingSequences). */
export async function insertImportedCases(
  db: Db,
  agencyId: number,
  trackingPrefix: string,
  rows: CaseRowToWrite[],
): Promise<number> {
  if (!rows.length) return 0;
  const result = await insertStatement(agencyId, trackingPrefix, rows, false).execute(db);
  return Number(result.numAffectedRows ?? rows.length);
}

/**
 * In one statement (one round trip), inserts the rows of a channel whose external id has no case yet and returns
 * the cases that exist already (for the caller to compare hashes) with the number inserted. The sequences of all
 * the rows' years must exist.
 */
export async function insertNewImportedCases(
  db: Db,
  agencyId: number,
  channel: string,
  trackingPrefix: string,
  rows: CaseRowToWrite[],
): Promise<{ inserted: number; existing: Map<string, ImportedCaseHash> }> {
  if (!rows.length) return { inserted: 0, existing: new Map() };
  const keys = arrayLiteral(rows.map((row) => row.values.external_id));
  const result = await sql<{
    inserted: number;
    ids: number[];
    external_ids: string[];
    tracking_numbers: string[];
    hashes: (string | null)[];
  }>`
    with existing as (
      ${existingCases(agencyId, channel, keys)}
    ), inserted as (
      ${insertStatement(agencyId, trackingPrefix, rows, true)}
      returning 1
    )
    select (select count(*) from inserted)::int as inserted,
      array(select id from existing order by id) as ids,
      array(select external_id from existing order by id) as external_ids,
      array(select tracking_number from existing order by id) as tracking_numbers,
      array(select import_hash from existing order by id) as hashes`.execute(db);
  const answer = result.rows[0]!;
  const existing = new Map<string, ImportedCaseHash>();
  answer.ids.forEach((id, i) =>
    existing.set(answer.external_ids[i]!, {
      id,
      tracking_number: answer.tracking_numbers[i]!,
      import_hash: answer.hashes[i] ?? null,
    }),
  );
  return { inserted: answer.inserted, existing };
}

/**
 * Updates changed imported cases (by id) with the columns the source owns ('source') or every column the file gives
 * ('all'); a case whose stored hash already equals the new one is left alone. Returns the ids updated.
 */
export async function updateImportedCases(
  db: Db,
  agencyId: number,
  rows: (CaseRowToWrite & { id: number })[],
  update: ImportUpdateColumns,
): Promise<Set<number>> {
  if (!rows.length) return new Set();
  const v = (pick: (values: CaseRowToWrite['values']) => string | number | null) =>
    column(rows, (row) => pick(row.values));
  const ids = arrayLiteral(rows.map((row) => row.id));
  const data = batchColumn('external_data', rows, externalJson);
  const hashes = arrayLiteral(rows.map((row) => row.hash));
  const [description, status, receivedAt, closedAt, firstResponseAt, facility] = [
    v((x) => x.description),
    v((x) => x.status),
    v((x) => x.received_at),
    v((x) => x.closed_at),
    v((x) => x.first_response_at),
    v((x) => x.facility),
  ];
  const [subjectCode, unitId, language, writerType, personId, channelSlug] = [
    v((x) => x.subject_code),
    v((x) => x.unit_id),
    v((x) => x.language),
    v((x) => x.writer_type),
    v((x) => x.person_id),
    v((x) => x.channel_slug),
  ];
  const everything =
    update === 'all'
      ? sql`, subject_code = u.subject_code, unit_id = u.unit_id, language = u.language,
          writer_type = u.writer_type, person_id = u.person_id, channel_slug = u.channel_slug`
      : sql``;
  const result = await sql<{ id: number }>`
    update cases c set description = u.description, status = u.status, received_at = u.received_at,
      closed_at = u.closed_at, first_response_at = u.first_response_at, facility = u.facility,
      external_data = u.external_data::jsonb, import_hash = u.import_hash ${everything},
      version = c.version + 1, updated_at = now()
    from unnest(${ids}::int[], ${description}::text[], ${status}::text[], ${receivedAt}::timestamptz[],
      ${closedAt}::timestamptz[], ${firstResponseAt}::timestamptz[], ${facility}::text[],
      ${data}, ${hashes}::text[], ${subjectCode}::text[], ${unitId}::int[],
      ${language}::text[], ${writerType}::text[], ${personId}::int[], ${channelSlug}::text[])
      as u(id, description, status, received_at, closed_at, first_response_at, facility, external_data,
        import_hash, subject_code, unit_id, language, writer_type, person_id, channel_slug)
    where c.agency_id = ${agencyId} and c.id = u.id and c.import_hash is distinct from u.import_hash
    returning c.id`.execute(db);
  return new Set(result.rows.map((row) => row.id));
}
