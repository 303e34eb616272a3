// The versions waiting for a decision, across the three libraries that are approved before use: response templates
// (a submitted version), procedures and public information materials (a draft version). Which of them a user may
// decide is the caller's to say (commands/approvals/pending-approvals.ts).
import type { Db } from '../db/database.ts';
import type { PendingApproval } from '../../shared/approvals.ts';

/** Submitted template versions not drafted by `userId` (nobody approves their own: four eyes). */
export async function submittedTemplateVersions(db: Db, agencyId: number, userId: number): Promise<PendingApproval[]> {
  const rows = await db
    .selectFrom('template_versions as v')
    .innerJoin('templates as t', (j) => j.onRef('t.agency_id', '=', 'v.agency_id').onRef('t.id', '=', 'v.template_id'))
    .leftJoin('users as u', (j) => j.onRef('u.agency_id', '=', 'v.agency_id').onRef('u.id', '=', 'v.created_by'))
    .select(['t.id', 't.name', 't.language', 'v.version', 'v.created_at', 'u.name as author'])
    .where('v.agency_id', '=', agencyId)
    .where('v.status', '=', 'submitted')
    .where((eb) => eb.or([eb('v.created_by', 'is', null), eb('v.created_by', '!=', userId)]))
    .orderBy('v.created_at')
    .execute();
  return rows.map((r) => ({
    kind: 'template' as const,
    id: r.id,
    title: r.name,
    version: r.version,
    language: r.language,
    submittedBy: r.author,
    submittedAt: r.created_at.toISOString(),
  }));
}

/** Draft procedure versions. */
export async function draftProcedureVersions(db: Db, agencyId: number): Promise<PendingApproval[]> {
  const rows = await db
    .selectFrom('procedure_versions as v')
    .leftJoin('users as u', (j) => j.onRef('u.agency_id', '=', 'v.agency_id').onRef('u.id', '=', 'v.created_by'))
    .select(['v.procedure_id', 'v.title', 'v.version', 'v.created_at', 'u.name as author'])
    .where('v.agency_id', '=', agencyId)
    .where('v.status', '=', 'draft')
    .orderBy('v.created_at')
    .execute();
  return rows.map((r) => ({
    kind: 'procedure' as const,
    id: r.procedure_id,
    title: r.title,
    version: r.version,
    language: null,
    submittedBy: r.author,
    submittedAt: r.created_at.toISOString(),
  }));
}

/** Draft material versions. */
export async function draftMaterialVersions(db: Db, agencyId: number): Promise<PendingApproval[]> {
  const rows = await db
    .selectFrom('material_versions as v')
    .innerJoin('materials as m', (j) => j.onRef('m.agency_id', '=', 'v.agency_id').onRef('m.id', '=', 'v.material_id'))
    .leftJoin('users as u', (j) => j.onRef('u.agency_id', '=', 'v.agency_id').onRef('u.id', '=', 'v.created_by'))
    .select(['m.id', 'm.title', 'v.language', 'v.version', 'v.created_at', 'u.name as author'])
    .where('v.agency_id', '=', agencyId)
    .where('v.status', '=', 'draft')
    .orderBy('v.created_at')
    .execute();
  return rows.map((r) => ({
    kind: 'material' as const,
    id: r.id,
    title: r.title,
    version: r.version,
    language: r.language,
    submittedBy: r.author,
    submittedAt: r.created_at.toISOString(),
  }));
}
