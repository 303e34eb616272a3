// SQL for the materials library (migration 0033): materials, their versions per language (draft → approved →
// retired, at most one approved per language — a partial unique index holds it), the files' storage keys and the
// distribution log. Dates are local dates read back as text so that neither driver shifts them.
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { MaterialsTable } from '../db/schema.ts';

export type MaterialKind = MaterialsTable['kind'];
export type MaterialVersionStatus = 'draft' | 'approved' | 'retired';

export interface MaterialRow {
  id: number;
  title: string;
  kind: MaterialKind;
  description: string;
  subjectCode: string | null;
  createdAt: Date;
  distributed: number;
}

export interface MaterialVersionRow {
  id: number;
  language: string;
  version: number;
  status: MaterialVersionStatus;
  reviewOn: string | null;
  note: string;
  fileName: string | null;
  fileContentType: string | null;
  fileSizeBytes: number | null;
  fileStorageKey: string | null;
  createdAt: Date;
  createdByName: string | null;
  decidedAt: Date | null;
  decidedByName: string | null;
}

export interface DistributionRow {
  id: number;
  language: string;
  quantity: number;
  distributedOn: string;
  engagementId: number | null;
  engagementTitle: string | null;
  organizationId: number | null;
  organizationName: string | null;
  recipient: string;
  note: string;
  recordedByName: string | null;
}

function materialsQuery(db: Db, agencyId: number) {
  return db
    .selectFrom('materials as m')
    .select([
      'm.id',
      'm.title',
      'm.kind',
      'm.description',
      'm.subject_code',
      'm.created_at',
      (eb) =>
        eb
          .selectFrom('material_distributions as d')
          .select((d) => d.fn.coalesce(d.fn.sum<number>('d.quantity'), d.lit(0)).as('n'))
          .whereRef('d.agency_id', '=', 'm.agency_id')
          .whereRef('d.material_id', '=', 'm.id')
          .as('distributed'),
    ])
    .where('m.agency_id', '=', agencyId);
}

const toMaterial = (r: {
  id: number;
  title: string;
  kind: MaterialKind;
  description: string;
  subject_code: string | null;
  created_at: Date;
  distributed: number | string | null;
}): MaterialRow => ({
  id: r.id,
  title: r.title,
  kind: r.kind,
  description: r.description,
  subjectCode: r.subject_code,
  createdAt: r.created_at,
  distributed: Number(r.distributed ?? 0),
});

/** Inserts a material; returns its id. */
export async function insertMaterial(
  tx: Db,
  agencyId: number,
  values: {
    title: string;
    kind: MaterialKind;
    description: string;
    subjectCode: string | null;
    createdBy: number | null;
  },
): Promise<number> {
  const row = await tx
    .insertInto('materials')
    .values({
      agency_id: agencyId,
      title: values.title,
      kind: values.kind,
      description: values.description,
      subject_code: values.subjectCode,
      created_by: values.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** One material (locked for update when asked: it serialises the decisions on its versions). */
export async function findMaterial(db: Db, agencyId: number, id: number, forUpdate = false) {
  if (forUpdate) {
    await db
      .selectFrom('materials')
      .select('id')
      .where('agency_id', '=', agencyId)
      .where('id', '=', id)
      .forUpdate()
      .execute();
  }
  const row = await materialsQuery(db, agencyId).where('m.id', '=', id).executeTakeFirst();
  return row ? toMaterial(row) : undefined;
}

/** Materials matching the filters, by title; `language` keeps those with an approved version in it. */
export async function listMaterials(
  db: Db,
  agencyId: number,
  filter: { q?: string | undefined; kind?: MaterialKind | undefined; language?: string | undefined },
): Promise<MaterialRow[]> {
  let query = materialsQuery(db, agencyId);
  if (filter.q?.trim()) query = query.where('m.title', 'ilike', `%${filter.q.trim().replace(/[\\%_]/g, '\\$&')}%`);
  if (filter.kind) query = query.where('m.kind', '=', filter.kind);
  if (filter.language) {
    const language = filter.language;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('material_versions as v')
          .select('v.id')
          .whereRef('v.agency_id', '=', 'm.agency_id')
          .whereRef('v.material_id', '=', 'm.id')
          .where('v.language', '=', language)
          .where('v.status', '=', 'approved'),
      ),
    );
  }
  return (await query.orderBy('m.title').orderBy('m.id').limit(500).execute()).map(toMaterial);
}

/** The versions of these materials, newest first within each language. */
export async function listMaterialVersions(
  db: Db,
  agencyId: number,
  materialIds: number[],
): Promise<(MaterialVersionRow & { materialId: number })[]> {
  if (materialIds.length === 0) return [];
  const rows = await db
    .selectFrom('material_versions as v')
    .leftJoin('users as cu', (j) => j.onRef('cu.agency_id', '=', 'v.agency_id').onRef('cu.id', '=', 'v.created_by'))
    .leftJoin('users as du', (j) => j.onRef('du.agency_id', '=', 'v.agency_id').onRef('du.id', '=', 'v.decided_by'))
    .select([
      'v.id',
      'v.material_id',
      'v.language',
      'v.version',
      'v.status',
      sql<string | null>`v.review_on::text`.as('review_on'),
      'v.note',
      'v.file_name',
      'v.file_content_type',
      'v.file_size_bytes',
      'v.file_storage_key',
      'v.created_at',
      'cu.name as created_by_name',
      'v.decided_at',
      'du.name as decided_by_name',
    ])
    .where('v.agency_id', '=', agencyId)
    .where('v.material_id', 'in', materialIds)
    .orderBy('v.language')
    .orderBy('v.version', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    materialId: r.material_id,
    language: r.language,
    version: r.version,
    status: r.status,
    reviewOn: r.review_on,
    note: r.note,
    fileName: r.file_name,
    fileContentType: r.file_content_type,
    fileSizeBytes: r.file_size_bytes,
    fileStorageKey: r.file_storage_key,
    createdAt: r.created_at,
    createdByName: r.created_by_name,
    decidedAt: r.decided_at,
    decidedByName: r.decided_by_name,
  }));
}

/** Adds a draft version in a language, numbered after the language's newest; returns its id and number. */
export async function insertMaterialVersion(
  tx: Db,
  agencyId: number,
  materialId: number,
  values: { language: string; reviewOn: string | null; note: string; createdBy: number | null },
): Promise<{ id: number; version: number }> {
  const newest = await tx
    .selectFrom('material_versions')
    .select((eb) => eb.fn.max<number>('version').as('n'))
    .where('agency_id', '=', agencyId)
    .where('material_id', '=', materialId)
    .where('language', '=', values.language)
    .executeTakeFirst();
  const version = Number(newest?.n ?? 0) + 1;
  const row = await tx
    .insertInto('material_versions')
    .values({
      agency_id: agencyId,
      material_id: materialId,
      language: values.language,
      version,
      review_on: values.reviewOn,
      note: values.note,
      created_by: values.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, version };
}

/** Sets a version's status (and who decided, when given). */
export async function setMaterialVersionStatus(
  tx: Db,
  agencyId: number,
  materialId: number,
  language: string,
  version: number,
  change: { status: MaterialVersionStatus; decidedBy?: number | null },
): Promise<void> {
  await tx
    .updateTable('material_versions')
    .set({
      status: change.status,
      ...(change.decidedBy !== undefined ? { decided_by: change.decidedBy, decided_at: new Date() } : {}),
    })
    .where('agency_id', '=', agencyId)
    .where('material_id', '=', materialId)
    .where('language', '=', language)
    .where('version', '=', version)
    .execute();
}

/** Records the file of a version. */
export async function setMaterialVersionFile(
  tx: Db,
  agencyId: number,
  versionId: number,
  file: { filename: string; contentType: string; sizeBytes: number; storageKey: string },
): Promise<void> {
  await tx
    .updateTable('material_versions')
    .set({
      file_name: file.filename,
      file_content_type: file.contentType,
      file_size_bytes: file.sizeBytes,
      file_storage_key: file.storageKey,
    })
    .where('agency_id', '=', agencyId)
    .where('id', '=', versionId)
    .execute();
}

/** Records copies handed out; returns the entry's id. */
export async function insertDistribution(
  tx: Db,
  agencyId: number,
  materialId: number,
  values: {
    language: string;
    quantity: number;
    distributedOn: string;
    engagementId: number | null;
    organizationId: number | null;
    recipient: string;
    note: string;
    recordedBy: number | null;
  },
): Promise<number> {
  const row = await tx
    .insertInto('material_distributions')
    .values({
      agency_id: agencyId,
      material_id: materialId,
      language: values.language,
      quantity: values.quantity,
      distributed_on: values.distributedOn,
      engagement_id: values.engagementId,
      organization_id: values.organizationId,
      recipient: values.recipient,
      note: values.note,
      recorded_by: values.recordedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The distribution log of a material, newest first. */
export async function listDistributions(db: Db, agencyId: number, materialId: number): Promise<DistributionRow[]> {
  const rows = await db
    .selectFrom('material_distributions as d')
    .leftJoin('engagements as e', (j) =>
      j.onRef('e.agency_id', '=', 'd.agency_id').onRef('e.id', '=', 'd.engagement_id'),
    )
    .leftJoin('organizations as o', (j) =>
      j.onRef('o.agency_id', '=', 'd.agency_id').onRef('o.id', '=', 'd.organization_id'),
    )
    .leftJoin('users as u', (j) => j.onRef('u.agency_id', '=', 'd.agency_id').onRef('u.id', '=', 'd.recorded_by'))
    .select([
      'd.id',
      'd.language',
      'd.quantity',
      sql<string>`d.distributed_on::text`.as('distributed_on'),
      'd.engagement_id',
      'e.title as engagement_title',
      'd.organization_id',
      'o.name as organization_name',
      'd.recipient',
      'd.note',
      'u.name as recorded_by_name',
    ])
    .where('d.agency_id', '=', agencyId)
    .where('d.material_id', '=', materialId)
    .orderBy('d.distributed_on', 'desc')
    .orderBy('d.id', 'desc')
    .limit(1000)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    language: r.language,
    quantity: r.quantity,
    distributedOn: r.distributed_on,
    engagementId: r.engagement_id,
    engagementTitle: r.engagement_title,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    recipient: r.recipient,
    note: r.note,
    recordedByName: r.recorded_by_name,
  }));
}
