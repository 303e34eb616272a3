// Saved ad-hoc reports: save a cross-tab definition under a name, change or share it, delete it. Only the owner
// (or an administrator) changes or deletes a report; sharing with a unit needs membership of that unit. Each
// write is one transaction with one audit event. Opening and listing are scoped to what the reader may open.
import { AppError, notFound } from '../../errors.ts';
import type { CommandContext } from '../../context.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  deleteSavedReport,
  getVisibleSavedReport,
  insertSavedReport,
  listVisibleSavedReports,
  updateSavedReport,
  type SavedReportRecord,
  type SavedReportValues,
  type SharedWith,
} from '../../repositories/saved-reports.ts';
import { validateCrosstabDefinition } from '../../reports/crosstab-definition.ts';
import { FieldProblems, checkVersion } from '../common.ts';
import { findUnit } from '../../repositories/configuration/units.ts';

export type { SavedReportRecord, SharedWith };

const SHARED_WITH: readonly SharedWith[] = ['private', 'unit', 'agency'];

export interface SavedReportInput {
  name: string;
  description?: string | undefined;
  definition: unknown;
  sharedWith?: SharedWith | undefined;
  sharedUnitId?: number | null | undefined;
}

export type SavedReportPatch = Partial<SavedReportInput> & { expectedVersion: number };

/** The saved reports the reader may open (own, agency-wide, their units'; administrators: all). */
export function listSavedReports(ctx: CommandContext): Promise<SavedReportRecord[]> {
  return listVisibleSavedReports(ctx.db, ctx.agency.id, ctx.actor);
}

/** One saved report the reader may open; 404 when it does not exist or is not shared with them. */
export async function getSavedReport(ctx: CommandContext, id: number): Promise<SavedReportRecord> {
  const report = await getVisibleSavedReport(ctx.db, ctx.agency.id, ctx.actor, id);
  if (!report) throw notFound(`Saved report ${id}`);
  return report;
}

function refuseAuditors(ctx: CommandContext): void {
  if (ctx.actor.role === 'auditor') throw new AppError('forbidden', 'Auditors have read-only access.');
}

function requireOwner(ctx: CommandContext, report: SavedReportRecord, action: string): void {
  if (report.ownerUserId !== ctx.actor.userId && ctx.actor.role !== 'administrator') {
    throw new AppError(
      'forbidden',
      `Only ${report.ownerName}, who saved “${report.name}”, or an administrator may ${action} it; save a copy of your own instead.`,
    );
  }
}

/** The definition checked as a cross-tab would be; its field names are prefixed with "definition.". */
function checkedDefinition(problems: FieldProblems, definition: unknown): Record<string, unknown> {
  try {
    return { ...validateCrosstabDefinition(definition).definition };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    for (const d of error.details) problems.add(`definition.${d.field}`, d.message);
    return {};
  }
}

/** Checks who a saved definition (a report, a queue view) is shared with: sharing with a unit needs membership. */
export async function checkSharing(
  ctx: CommandContext,
  problems: FieldProblems,
  sharedWith: SharedWith,
  sharedUnitId: number | null,
  what = 'a report',
): Promise<void> {
  if (!SHARED_WITH.includes(sharedWith)) problems.add('sharedWith', `must be one of ${SHARED_WITH.join(', ')}`);
  if (sharedWith !== 'unit') {
    if (sharedUnitId !== null) problems.add('sharedUnitId', 'is only for sharedWith "unit"; leave it out');
    return;
  }
  if (sharedUnitId === null) {
    problems.add('sharedUnitId', 'is required to share with a unit');
    return;
  }
  const unit = await findUnit(ctx.db, ctx.agency.id, sharedUnitId);
  if (!unit) problems.add('sharedUnitId', `no unit with id ${sharedUnitId}`);
  else if (ctx.actor.role !== 'administrator' && !ctx.actor.unitIds.includes(unit.id)) {
    throw new AppError(
      'forbidden',
      `You can share ${what} only with a unit you belong to; you are not in ${unit.name}.`,
      [{ field: 'sharedUnitId', message: `you are not a member of ${unit.name}` }],
    );
  }
}

/**
 * The sharing of a saved definition after a change: a new `sharedWith` without a unit leaves no unit; checked as
 * checkSharing checks it when either part moved.
 */
export async function changedSharing(
  ctx: CommandContext,
  problems: FieldProblems,
  current: { sharedWith: SharedWith; sharedUnitId: number | null },
  patch: { sharedWith?: SharedWith | undefined; sharedUnitId?: number | null | undefined },
  what?: string,
): Promise<{ sharedWith: SharedWith; sharedUnitId: number | null }> {
  const sharedWith = patch.sharedWith ?? current.sharedWith;
  const sharedUnitId =
    patch.sharedUnitId !== undefined
      ? patch.sharedUnitId
      : patch.sharedWith !== undefined
        ? null
        : current.sharedUnitId;
  if (sharedWith !== current.sharedWith || sharedUnitId !== current.sharedUnitId) {
    await checkSharing(ctx, problems, sharedWith, sharedUnitId, what);
  }
  return { sharedWith, sharedUnitId };
}

function cleanText(problems: FieldProblems, field: string, value: string, max: number, required: boolean): string {
  const trimmed = value.trim();
  if (required && trimmed === '') problems.add(field, 'must not be blank');
  if (trimmed.length > max) problems.add(field, `is at most ${max} characters`);
  return trimmed;
}

const audited = (v: SavedReportValues) => ({
  name: v.name,
  description: v.description,
  definition: v.definition,
  shared_with: v.sharedWith,
  shared_unit_id: v.sharedUnitId,
});

/** Saves a cross-tab definition under a name, owned by the actor. */
export async function createSavedReport(ctx: CommandContext, input: SavedReportInput): Promise<SavedReportRecord> {
  refuseAuditors(ctx);
  const problems = new FieldProblems();
  const values: SavedReportValues = {
    name: cleanText(problems, 'name', input.name, 200, true),
    description: cleanText(problems, 'description', input.description ?? '', 2000, false),
    definition: checkedDefinition(problems, input.definition),
    sharedWith: input.sharedWith ?? 'private',
    sharedUnitId: input.sharedUnitId ?? null,
  };
  await checkSharing(ctx, problems, values.sharedWith, values.sharedUnitId);
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    const id = await insertSavedReport(tx, ctx.agency.id, ctx.actor.userId, values);
    await recordAudit(tx, ctx, {
      action: 'saved_report.created',
      entityType: 'saved_report',
      entityId: id,
      after: audited(values),
    });
    return (await getVisibleSavedReport(tx, ctx.agency.id, ctx.actor, id))!;
  });
}

/** Changes a saved report if the client edited the current version (409 otherwise); owner or administrator. */
export async function changeSavedReport(
  ctx: CommandContext,
  id: number,
  patch: SavedReportPatch,
): Promise<SavedReportRecord> {
  refuseAuditors(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const current = await getVisibleSavedReport(tx, ctx.agency.id, ctx.actor, id, true);
    if (!current) throw notFound(`Saved report ${id}`);
    requireOwner(ctx, current, 'change');
    checkVersion(`Saved report “${current.name}”`, current.version, patch.expectedVersion);
    const problems = new FieldProblems();
    const sharing = await changedSharing({ ...ctx, db: tx }, problems, current, patch);
    const next: SavedReportValues = {
      name: patch.name !== undefined ? cleanText(problems, 'name', patch.name, 200, true) : current.name,
      description:
        patch.description !== undefined
          ? cleanText(problems, 'description', patch.description, 2000, false)
          : current.description,
      definition: patch.definition !== undefined ? checkedDefinition(problems, patch.definition) : current.definition,
      ...sharing,
    };
    problems.throwIfAny();
    await updateSavedReport(tx, ctx.agency.id, id, next);
    await recordAudit(tx, ctx, {
      action: 'saved_report.updated',
      entityType: 'saved_report',
      entityId: id,
      before: audited(current),
      after: audited(next),
    });
    return (await getVisibleSavedReport(tx, ctx.agency.id, ctx.actor, id))!;
  });
}

/** Deletes a saved report (checking the version when one is given); owner or administrator. */
export async function removeSavedReport(ctx: CommandContext, id: number, expectedVersion?: number): Promise<void> {
  refuseAuditors(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    const current = await getVisibleSavedReport(tx, ctx.agency.id, ctx.actor, id, true);
    if (!current) throw notFound(`Saved report ${id}`);
    requireOwner(ctx, current, 'delete');
    checkVersion(`Saved report “${current.name}”`, current.version, expectedVersion);
    await deleteSavedReport(tx, ctx.agency.id, id);
    await recordAudit(tx, ctx, {
      action: 'saved_report.deleted',
      entityType: 'saved_report',
      entityId: id,
      before: audited(current),
    });
  });
}
