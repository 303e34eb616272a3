// SQL for imports: the import runs and their reports, the 311 mappings (complaint type → subject, city agency →
// unit), and the audit events of a batch of updated cases in one insert. The imported cases themselves are written
// by the writer of new cases (new-cases.ts) through channels/imports/case-batch-sql.ts.
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

/** The cases of a channel with these external ids, locked for the batch. */
export async function findImportedCases(
  db: Db,
  agencyId: number,
  channel: string,
  externalIds: string[],
): Promise<Map<string, ExistingImportedCase>> {
  const result = await sql<ExistingImportedCase>`select id, external_id, tracking_number, import_hash, status,
      received_at, closed_at, first_response_at, description, facility, subject_code, unit_id, language, writer_type,
      person_id
    from cases where agency_id = ${agencyId} and channel = ${channel}
      and external_id in (select jsonb_array_elements_text(${JSON.stringify(externalIds)}::jsonb))
    for update`.execute(db);
  return new Map(result.rows.map((r) => [r.external_id, r]));
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
