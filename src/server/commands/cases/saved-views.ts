// Saved queue views: a queue's filters, sort and columns under a name, personal or shared with a unit (its members)
// or the agency. Only the owner (or an administrator) changes or deletes one; sharing with a unit needs membership
// of it (the rule saved reports follow). Each write is one transaction with one audit event.
import { AppError, notFound } from '../../errors.ts';
import type { CommandContext } from '../../context.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  deleteSavedView,
  getVisibleSavedView,
  insertSavedView,
  listVisibleSavedViews,
  updateSavedView,
  type SavedViewRecord,
  type SavedViewValues,
  type SharedWith,
} from '../../repositories/saved-views.ts';
import { FieldProblems, checkVersion } from '../common.ts';
import { changedSharing, checkSharing } from '../reports/saved-reports.ts';
import { QUEUE_SLUGS, type SavedViewDefinition } from '../../../shared/queues.ts';

export type { SavedViewRecord, SharedWith };

export interface SavedViewInput {
  name: string;
  definition: SavedViewDefinition;
  sharedWith?: SharedWith | undefined;
  sharedUnitId?: number | null | undefined;
}

export type SavedViewPatch = Partial<SavedViewInput> & { expectedVersion: number };

/** The views the reader may use (own, agency-wide, their units'; administrators: all). */
export function listSavedViews(ctx: CommandContext): Promise<SavedViewRecord[]> {
  return listVisibleSavedViews(ctx.db, ctx.agency.id, ctx.actor);
}

function refuseAuditors(ctx: CommandContext): void {
  if (ctx.actor.role === 'auditor') throw new AppError('forbidden', 'Auditors have read-only access.');
}

function requireOwner(ctx: CommandContext, view: SavedViewRecord, action: string): void {
  if (view.ownerUserId !== ctx.actor.userId && ctx.actor.role !== 'administrator') {
    throw new AppError(
      'forbidden',
      `Only ${view.ownerName}, who saved the view “${view.name}”, or an administrator may ${action} it; save a copy of your own instead.`,
    );
  }
}

function checkedName(problems: FieldProblems, name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') problems.add('name', 'must not be blank');
  if (trimmed.length > 120) problems.add('name', 'is at most 120 characters');
  return trimmed;
}

function checkedDefinition(problems: FieldProblems, definition: SavedViewDefinition): Record<string, unknown> {
  if (!(QUEUE_SLUGS as readonly string[]).includes(definition.queue)) {
    problems.add('definition.queue', `must be one of ${QUEUE_SLUGS.join(', ')}`);
  }
  const filters = Object.fromEntries(
    Object.entries(definition.filters).flatMap(([key, value]) => (value?.trim() ? [[key, value.trim()]] : [])),
  );
  return { ...definition, filters };
}

const audited = (v: SavedViewValues) => ({
  name: v.name,
  definition: v.definition,
  shared_with: v.sharedWith,
  shared_unit_id: v.sharedUnitId,
});

/** Saves a queue view under a name, owned by the actor. */
export async function createSavedView(ctx: CommandContext, input: SavedViewInput): Promise<SavedViewRecord> {
  refuseAuditors(ctx);
  const problems = new FieldProblems();
  const values: SavedViewValues = {
    name: checkedName(problems, input.name),
    definition: checkedDefinition(problems, input.definition),
    sharedWith: input.sharedWith ?? 'private',
    sharedUnitId: input.sharedUnitId ?? null,
  };
  await checkSharing(ctx, problems, values.sharedWith, values.sharedUnitId, 'a view');
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    const id = await insertSavedView(tx, ctx.agency.id, ctx.actor.userId, values);
    await recordAudit(tx, ctx, {
      action: 'saved_view.created',
      entityType: 'saved_view',
      entityId: id,
      after: audited(values),
    });
    return (await getVisibleSavedView(tx, ctx.agency.id, ctx.actor, id))!;
  });
}

/** Changes a view if the client edited the current version (409 otherwise); owner or administrator. */
export async function changeSavedView(
  ctx: CommandContext,
  id: number,
  patch: SavedViewPatch,
): Promise<SavedViewRecord> {
  refuseAuditors(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const current = await getVisibleSavedView(tx, ctx.agency.id, ctx.actor, id, true);
    if (!current) throw notFound(`Saved view ${id}`);
    requireOwner(ctx, current, 'change');
    checkVersion(`Saved view “${current.name}”`, current.version, patch.expectedVersion);
    const problems = new FieldProblems();
    const sharing = await changedSharing({ ...ctx, db: tx }, problems, current, patch, 'a view');
    const next: SavedViewValues = {
      name: patch.name !== undefined ? checkedName(problems, patch.name) : current.name,
      definition: patch.definition !== undefined ? checkedDefinition(problems, patch.definition) : current.definition,
      ...sharing,
    };
    problems.throwIfAny();
    await updateSavedView(tx, ctx.agency.id, id, next);
    await recordAudit(tx, ctx, {
      action: 'saved_view.updated',
      entityType: 'saved_view',
      entityId: id,
      before: audited(current),
      after: audited(next),
    });
    return (await getVisibleSavedView(tx, ctx.agency.id, ctx.actor, id))!;
  });
}

/** Deletes a view (checking the version when one is given); owner or administrator. */
export async function removeSavedView(ctx: CommandContext, id: number, expectedVersion?: number): Promise<void> {
  refuseAuditors(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    const current = await getVisibleSavedView(tx, ctx.agency.id, ctx.actor, id, true);
    if (!current) throw notFound(`Saved view ${id}`);
    requireOwner(ctx, current, 'delete');
    checkVersion(`Saved view “${current.name}”`, current.version, expectedVersion);
    await deleteSavedView(tx, ctx.agency.id, id);
    await recordAudit(tx, ctx, {
      action: 'saved_view.deleted',
      entityType: 'saved_view',
      entityId: id,
      before: audited(current),
    });
  });
}
