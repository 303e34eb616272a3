// SQL for imports: the import runs and their reports, the savepoint a batch is written in, the planner statistics
// an import refreshes, the 311 mappings (complaint type → subject, city agency → unit), and the audit events of a
// batch of updated cases in one insert. The imported cases themselves are written by the writer of new cases
// (new-cases.ts) through imported-cases.ts.
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { FieldChange } from '../db/schema.ts';

export type ImportKind = 'nyc311' | 'cases' | 'calls' | 'interpretations';
export type MappingKind = 'complaint_type' | 'agency';

/** Opens an import run and returns its id. */
export async function startImportRun(
  db: Db,
  agencyId: number,
  run: { kind: ImportKind; fileName: string; actorLabel: string; options: Record<string, unknown> },
): Promise<number> {
  const row = await db
    .insertInto('import_runs')
    .values({
      agency_id: agencyId,
      kind: run.kind,
      file_name: run.fileName,
      actor_label: run.actorLabel,
      options: JSON.stringify(run.options),
      report: JSON.stringify({}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

// The class of the advisory lock an import's transaction holds on its run (pg_advisory_xact_lock(class, run id)):
// while it is held the importing process is alive; a 'running' run without it was left by a process that died.
const IMPORT_RUN_LOCK_CLASS = 7007;

/** Marks the run as being worked on, for as long as the caller's transaction lasts. */
export async function holdImportRun(tx: Db, runId: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(${IMPORT_RUN_LOCK_CLASS}, ${runId})`.execute(tx);
}

/**
 * Marks as failed the runs still 'running' whose process is gone (nobody holds their lock); answers how many. Run at
 * start: an import whose process died otherwise stays 'running' for ever.
 */
export async function failAbandonedImportRuns(db: Db): Promise<number> {
  const running = await db
    .selectFrom('import_runs')
    .select(['agency_id', 'id'])
    .where('status', '=', 'running')
    .execute();
  let failed = 0;
  for (const run of running) {
    failed += await db.transaction().execute(async (tx) => {
      const { rows } = await sql<{ free: boolean }>`
        select pg_try_advisory_xact_lock(${IMPORT_RUN_LOCK_CLASS}, ${run.id}) as free`.execute(tx);
      if (!rows[0]?.free) return 0;
      const result = await tx
        .updateTable('import_runs')
        .set({
          status: 'failed',
          finished_at: new Date(),
          report: sql`report || ${JSON.stringify({
            status: 'failed',
            error: 'The importing process stopped before the import finished; nothing was written.',
          })}::jsonb`,
        })
        .where('agency_id', '=', run.agency_id)
        .where('id', '=', run.id)
        .where('status', '=', 'running')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    });
  }
  return failed;
}

/** Closes an import run with its status and report. */
export async function finishImportRun(
  db: Db,
  agencyId: number,
  runId: number,
  status: 'completed' | 'aborted' | 'failed',
  report: Record<string, unknown>,
): Promise<void> {
  await db
    .updateTable('import_runs')
    .set({ status, report: JSON.stringify(report), finished_at: new Date() })
    .where('agency_id', '=', agencyId)
    .where('id', '=', runId)
    .execute();
}

/** Runs `write` inside a savepoint of `tx`: a failure rolls back only what `write` did. */
export async function inImportBatchSavepoint<R>(tx: Db, write: () => Promise<R>): Promise<R> {
  await sql`savepoint import_batch`.execute(tx);
  try {
    const result = await write();
    await sql`release savepoint import_batch`.execute(tx);
    return result;
  } catch (error) {
    await sql`rollback to savepoint import_batch`.execute(tx);
    await sql`release savepoint import_batch`.execute(tx);
    throw error;
  }
}

/** The tables an import fills, whose planner statistics it refreshes (ANALYZE) after a large import. */
export type ImportedTable = 'cases' | 'person_contacts' | 'calls' | 'interpretation_requests';

/** ANALYZE of a table an import fills: fresh planner statistics for the queues and reports after a large import. */
export async function analyzeImportedTable(db: Db, table: ImportedTable): Promise<void> {
  await sql`analyze ${sql.table(table)}`.execute(db);
}

/**
 * ANALYZE of the columns a batch finds and updates its cases by, inside the import's transaction (the statistics
 * then count the cases the import has written so far). A new channel's cases are missing from the statistics taken
 * before the import; the planner then believes an agency has a handful of them and may look each external id up by
 * reading all of them, so that every batch costs more than the one before (measured: a batch of 1,000 rows took
 * 21.8 s at 33,000 cases, 0.3 s with statistics).
 */
export async function analyzeCaseKeys(tx: Db): Promise<void> {
  await sql`analyze cases (agency_id, id, channel, external_id)`.execute(tx);
}

/** ANALYZE of the contact columns an import finds its people by, inside the import's transaction (as analyzeCaseKeys). */
export async function analyzeContactKeys(tx: Db): Promise<void> {
  await sql`analyze person_contacts (agency_id, kind, normalized)`.execute(tx);
}

/** The normal form a mapping's source is looked up by (case and spacing ignored). */
export function mappingKey(source: string): string {
  return source.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** The agency's mappings of one kind: source key → target code. */
export async function loadMappings(db: Db, agencyId: number, kind: MappingKind): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('import_mappings')
    .select(['source_key', 'target_code'])
    .where('agency_id', '=', agencyId)
    .where('kind', '=', kind)
    .execute();
  return new Map(rows.map((r) => [r.source_key, r.target_code]));
}

/** Sets (or replaces) mappings. */
export async function saveMappings(
  db: Db,
  agencyId: number,
  kind: MappingKind,
  entries: { source: string; targetCode: string }[],
): Promise<void> {
  if (!entries.length) return;
  await db
    .insertInto('import_mappings')
    .values(
      entries.map((e) => ({
        agency_id: agencyId,
        kind,
        source_key: mappingKey(e.source),
        source: e.source.trim(),
        target_code: e.targetCode,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['agency_id', 'kind', 'source_key']).doUpdateSet((eb) => ({
        target_code: eb.ref('excluded.target_code'),
        source: eb.ref('excluded.source'),
      })),
    )
    .execute();
}

/** All mappings of an agency, for `civicdesk import mappings`. */
export async function listMappings(db: Db, agencyId: number) {
  return db
    .selectFrom('import_mappings')
    .select(['kind', 'source', 'target_code'])
    .where('agency_id', '=', agencyId)
    .orderBy('kind')
    .orderBy('source_key')
    .execute();
}

/** Creates subjects that do not exist yet (by code). */
export async function ensureSubjects(
  db: Db,
  agencyId: number,
  subjects: { code: string; name: string; parentCode: string | null }[],
): Promise<void> {
  if (!subjects.length) return;
  await db
    .insertInto('subjects')
    .values(subjects.map((s) => ({ agency_id: agencyId, code: s.code, name: s.name, parent_code: s.parentCode })))
    .onConflict((oc) => oc.columns(['agency_id', 'code']).doNothing())
    .execute();
}

/** Creates units that do not exist yet (by code) and returns the ids of the given codes. */
export async function ensureUnits(
  db: Db,
  agencyId: number,
  units: { code: string; name: string }[],
): Promise<Map<string, number>> {
  if (!units.length) return new Map();
  await db
    .insertInto('units')
    .values(units.map((u) => ({ agency_id: agencyId, code: u.code, name: u.name })))
    .onConflict((oc) => oc.columns(['agency_id', 'code']).doNothing())
    .execute();
  const rows = await db
    .selectFrom('units')
    .select(['id', 'code'])
    .where('agency_id', '=', agencyId)
    .where(
      'code',
      'in',
      units.map((u) => u.code),
    )
    .execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** A contact of an imported person as the import found it: whose, which kind, its normal form, their last name. */
export interface ImportPersonContact {
  id: number;
  kind: string;
  normalized: string;
  /** The person's last name in lower case. */
  last_name: string;
}

/**
 * The ordinary people (not merged away, not confidential) with one of these email or phone contacts (normal forms),
 * contacts given inside the compartment left out, by person id: an import finds its writers with
 * findOrCreatePersonForIntake's rules, a batch at a time.
 */
export async function findImportPeopleByContacts(
  db: Db,
  agencyId: number,
  emails: string[],
  phones: string[],
): Promise<ImportPersonContact[]> {
  const found = await sql<ImportPersonContact>`
    select p.id, c.kind, c.normalized, lower(p.last_name) as last_name
    from person_contacts c join people p on p.agency_id = c.agency_id and p.id = c.person_id
    where c.agency_id = ${agencyId} and p.merged_into_id is null
      -- Imported cases are ordinary: they never join a person by a contact given inside the compartment.
      and not c.restricted and p.confidential_reason is null and (
      (c.kind = 'email' and c.normalized in (select jsonb_array_elements_text(${JSON.stringify(emails)}::jsonb)))
      or (c.kind = 'phone' and c.normalized in (select jsonb_array_elements_text(${JSON.stringify(phones)}::jsonb))))
    order by p.id`.execute(db);
  return found.rows;
}

/** Inserts the new people of an import batch in one statement (their ids drawn first); returns the ids in order. */
export async function insertImportedPeople(
  db: Db,
  agencyId: number,
  people: { first_name: string; last_name: string; kind: string; preferred_language: string }[],
): Promise<number[]> {
  if (!people.length) return [];
  const ids = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('people', 'id'))::int as id
    from generate_series(1, ${people.length}::int)`.execute(db);
  const rows = people.map((person, i) => ({ id: ids.rows[i]!.id, ...person }));
  await sql`insert into people (agency_id, id, first_name, last_name, kind, preferred_language)
    select ${agencyId}, r.id, r.first_name, r.last_name, r.kind, r.preferred_language
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id int, first_name text, last_name text,
      kind text, preferred_language text)`.execute(db);
  return rows.map((row) => row.id);
}

/**
 * Adds the contacts of an import batch's people in one statement, as findOrCreatePersonForIntake adds them: a
 * contact already there is kept; the first new one of a kind the person lacks becomes primary; positions follow on.
 */
export async function insertImportedContacts(
  db: Db,
  agencyId: number,
  contacts: { person_id: number; kind: string; value: string; normalized: string }[],
): Promise<void> {
  if (!contacts.length) return;
  await sql`insert into person_contacts (agency_id, person_id, kind, value, normalized, is_primary, position)
    select ${agencyId}, r.person_id, r.kind, r.value, r.normalized,
      not exists (select 1 from person_contacts x where x.agency_id = ${agencyId} and x.person_id = r.person_id
        and x.kind = r.kind) and r.rank = 1,
      coalesce((select max(position) + 1 from person_contacts x where x.agency_id = ${agencyId}
        and x.person_id = r.person_id and x.kind = r.kind), 0) + r.rank - 1
    from (select *, row_number() over (partition by person_id, kind order by ord)::int as rank
      from jsonb_to_recordset(${JSON.stringify(contacts.map((c, ord) => ({ ...c, ord })))}::jsonb)
        as j(person_id int, kind text, value text, normalized text, ord int)) r
    on conflict (agency_id, person_id, kind, normalized) do nothing`.execute(db);
}

/** What an existing imported case looks like before a re-import changes it. */
export interface ExistingImportedCase {
  id: number;
  external_id: string;
  tracking_number: string;
  import_hash: string | null;
  status: string;
  received_at: Date;
  closed_at: Date | null;
  first_response_at: Date | null;
  description: string;
  facility: string | null;
  subject_code: string | null;
  unit_id: number | null;
  language: string;
  writer_type: string;
  person_id: number | null;
}

/** A case row as an import writes it. */
export interface ImportedCaseValues {
  tracking_number: string;
  channel: string;
  channel_slug: string | null;
  subject_code: string | null;
  description: string;
  received_at: string;
  status: string;
  priority: string;
  language: string;
  writer_type: string;
  person_id: number | null;
  unit_id: number | null;
  facility: string | null;
  tags: string[];
  service_standard_id: number | null;
  first_response_due_at: string | null;
  resolution_due_at: string | null;
  first_response_at: string | null;
  closed_at: string | null;
  escalation_level: number;
  external_id: string;
  external_data: Record<string, unknown> | null;
  import_hash: string;
}

/** The columns a re-import overwrites (the source owns them); routing, deadlines and assignment stay as they are. */
export type ImportUpdateColumns = 'source' | 'all';

/** One audit event per imported case, written in one statement. */
export async function recordImportAudits(
  db: Db,
  agencyId: number,
  actorLabel: string,
  events: { action: string; entityId: string; caseId: number; changes: FieldChange[]; reason: string | null }[],
): Promise<void> {
  if (!events.length) return;
  await sql`insert into audit_events (agency_id, actor_user_id, actor_label, action, entity_type, entity_id, case_id,
      changes, reason)
    select ${agencyId}, null, ${actorLabel}, e.action, 'case', e.entity_id, e.case_id, e.changes, e.reason
    from jsonb_to_recordset(${JSON.stringify(
      events.map((e) => ({
        action: e.action,
        entity_id: e.entityId,
        case_id: e.caseId,
        changes: e.changes,
        reason: e.reason,
      })),
    )}::jsonb) as e(action text, entity_id text, case_id int, changes jsonb, reason text)`.execute(db);
}
