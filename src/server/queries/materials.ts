// Read models of the materials library: the list (approved languages, languages due for review, copies handed out)
// and one material with its versions and distribution log. Every staff member of the agency reads the library.
import type { CommandContext } from '../context.ts';
import { notFound } from '../errors.ts';
import {
  findMaterial,
  listDistributions,
  listMaterials,
  listMaterialVersions,
  type MaterialKind,
  type MaterialRow,
  type MaterialVersionRow,
} from '../repositories/materials.ts';
import { localDate } from '../../shared/local-time.ts';
import type { MaterialSummaryView, MaterialVersionView, MaterialView } from '../../shared/materials.ts';

const reviewDue = (v: MaterialVersionRow, today: string) =>
  v.status === 'approved' && v.reviewOn !== null && v.reviewOn <= today;

function summary(row: MaterialRow, versions: MaterialVersionRow[], today: string): MaterialSummaryView {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    description: row.description,
    subjectCode: row.subjectCode,
    approvedLanguages: versions.filter((v) => v.status === 'approved').map((v) => v.language),
    reviewDueLanguages: versions.filter((v) => reviewDue(v, today)).map((v) => v.language),
    distributed: row.distributed,
    createdAt: row.createdAt.toISOString(),
  };
}

function presentVersion(v: MaterialVersionRow, today: string): MaterialVersionView {
  return {
    id: v.id,
    language: v.language,
    version: v.version,
    status: v.status,
    reviewOn: v.reviewOn,
    reviewDue: reviewDue(v, today),
    note: v.note,
    file: v.fileName
      ? { name: v.fileName, contentType: v.fileContentType ?? '', sizeBytes: v.fileSizeBytes ?? 0 }
      : null,
    createdAt: v.createdAt.toISOString(),
    createdBy: v.createdByName,
    decidedAt: v.decidedAt?.toISOString() ?? null,
    decidedBy: v.decidedByName,
  };
}

/** The library, by title. */
export async function materialList(
  ctx: CommandContext,
  filter: { q?: string | undefined; kind?: string | undefined; language?: string | undefined },
): Promise<{ items: MaterialSummaryView[] }> {
  const rows = await listMaterials(ctx.db, ctx.agency.id, { ...filter, kind: filter.kind as MaterialKind | undefined });
  const versions = await listMaterialVersions(
    ctx.db,
    ctx.agency.id,
    rows.map((r) => r.id),
  );
  const today = localDate(new Date(), ctx.agency.timeZone);
  return {
    items: rows.map((r) =>
      summary(
        r,
        versions.filter((v) => v.materialId === r.id),
        today,
      ),
    ),
  };
}

/** One material with its versions and distribution log; 404 when it does not exist in the agency. */
export async function materialView(ctx: CommandContext, id: number): Promise<MaterialView> {
  const row = await findMaterial(ctx.db, ctx.agency.id, id);
  if (!row) throw notFound(`Material ${id}`);
  const [versions, distributions] = await Promise.all([
    listMaterialVersions(ctx.db, ctx.agency.id, [id]),
    listDistributions(ctx.db, ctx.agency.id, id),
  ]);
  const today = localDate(new Date(), ctx.agency.timeZone);
  return {
    ...summary(row, versions, today),
    versions: versions.map((v) => presentVersion(v, today)),
    distributions: distributions.map((d) => ({
      id: d.id,
      language: d.language,
      quantity: d.quantity,
      distributedOn: d.distributedOn,
      engagement: d.engagementId ? { id: d.engagementId, title: d.engagementTitle ?? '' } : null,
      organization: d.organizationId ? { id: d.organizationId, name: d.organizationName ?? '' } : null,
      recipient: d.recipient,
      note: d.note,
      recordedBy: d.recordedByName,
    })),
  };
}
