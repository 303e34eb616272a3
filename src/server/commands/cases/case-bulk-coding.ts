// Bulk coding from a queue: set the subject, priority, tags or unit of the chosen cases — or of every case matching
// the queue's filters — after a preview of what will change and what is skipped and why; each case changes through
// the same commands as one edited by hand (its own audit event), and the bulk change keeps, per case, the values and
// version it replaced so that an undo within UNDO_WINDOW_SECONDS restores them exactly (audited too).
import type { CommandContext } from '../../context.ts';
import { AppError, invalid, notFound } from '../../errors.ts';
import { authorizeCase, type CaseAction } from '../../policies/case-access.ts';
import {
  allMatchingCases,
  caseViewsByTrackingNumbers,
  type CaseListFilter,
  type CaseViewRow,
} from '../../queries/case-list-queries.ts';
import { listSubjects } from '../../repositories/configuration/subjects.ts';
import { findUnitByCode } from '../../repositories/configuration/units.ts';
import { recordAudit } from '../../repositories/audit.ts';
import type { CaseRow } from '../../repositories/cases.ts';
import {
  getBulkChangeForUpdate,
  insertBulkChange,
  markBulkChangeUndone,
  restoreCaseValues,
  UNRECORDED_CASE_COLUMNS,
  type BulkChangeEntry,
} from '../../repositories/bulk-changes.ts';
import {
  planBulkCase,
  summarizeBulkCoding,
  type BulkCaseFacts,
  type BulkCasePlan,
  type BulkCodingChange,
  type BulkCodingSummary,
} from '../../../domain/bulk-coding.ts';
import { MAX_BULK_CODING } from '../../../shared/queues.ts';
import { updateCaseDetails } from './case-update.ts';
import { routeCase } from './case-route.ts';

/** How long after a bulk coding its undo is offered. */
export const UNDO_WINDOW_SECONDS = 30;

/** The chosen cases, or every case a list filter matches. */
export type BulkSelection = { trackingNumbers: string[] } | { filter: Omit<CaseListFilter, 'limit' | 'cursor'> };

const may = (ctx: CommandContext, action: CaseAction, row: CaseViewRow) => {
  try {
    authorizeCase(ctx.actor, action, row);
    return true;
  } catch (error) {
    if (error instanceof AppError) return false;
    throw error;
  }
};

function factsOf(ctx: CommandContext, row: CaseViewRow): BulkCaseFacts {
  return {
    trackingNumber: row.tracking_number,
    status: row.status,
    restricted: row.restricted,
    merged: row.merged_into_id !== null,
    mayUpdate: may(ctx, 'case:update', row),
    mayRoute: may(ctx, 'case:route', row),
    subject: row.subject_code,
    priority: row.priority,
    tags: row.tags,
    unit: row.unit_code,
  };
}

async function checkedChange(ctx: CommandContext, change: BulkCodingChange): Promise<BulkCodingChange> {
  const clean: BulkCodingChange = {
    ...change,
    ...(change.addTags ? { addTags: change.addTags.map((t) => t.trim()).filter(Boolean) } : {}),
    ...(change.removeTags ? { removeTags: change.removeTags.map((t) => t.trim()).filter(Boolean) } : {}),
  };
  if (
    clean.subject === undefined &&
    clean.priority === undefined &&
    clean.unit === undefined &&
    !clean.addTags?.length &&
    !clean.removeTags?.length
  ) {
    throw invalid('changes', 'say what to change: a subject, a priority, tags to add or remove, or a unit');
  }
  if (clean.subject !== undefined) {
    const subject = (await listSubjects(ctx.db, ctx.agency.id)).find((s) => s.code === clean.subject);
    if (!subject?.active) throw invalid('changes.subject', `"${clean.subject}" is not an active subject code`);
  }
  if (clean.unit !== undefined) {
    const unit = await findUnitByCode(ctx.db, ctx.agency.id, clean.unit);
    if (!unit?.active) throw invalid('changes.unit', `"${clean.unit}" is not an active unit code`);
  }
  return clean;
}

async function selectedCases(ctx: CommandContext, selection: BulkSelection): Promise<CaseViewRow[]> {
  if ('trackingNumbers' in selection) {
    const numbers = [...new Set(selection.trackingNumbers)];
    if (numbers.length > MAX_BULK_CODING) {
      throw invalid('selection.trackingNumbers', `at most ${MAX_BULK_CODING} cases change at once`);
    }
    return caseViewsByTrackingNumbers(ctx, numbers);
  }
  return allMatchingCases(ctx, selection.filter, MAX_BULK_CODING);
}

async function plan(ctx: CommandContext, selection: BulkSelection, change: BulkCodingChange) {
  const checked = await checkedChange(ctx, change);
  const rows = await selectedCases(ctx, selection);
  const facts = rows.map((row) => factsOf(ctx, row));
  return { change: checked, rows, facts, plans: facts.map((f) => planBulkCase(f, checked)) };
}

/** What a bulk coding would do: how many cases each part changes, which are skipped and why. Writes nothing. */
export async function previewBulkCoding(
  ctx: CommandContext,
  selection: BulkSelection,
  change: BulkCodingChange,
): Promise<BulkCodingSummary> {
  if (ctx.actor.role === 'auditor') throw new AppError('forbidden', 'Auditors have read-only access.');
  const planned = await plan(ctx, selection, change);
  return summarizeBulkCoding(planned.facts, planned.plans, planned.change);
}

/** The columns the change moved, with their values before and after (JSON values, as the audit trail keeps them). */
function entryOf(before: CaseRow, after: CaseRow): BulkChangeEntry {
  const json = (value: unknown) => JSON.parse(JSON.stringify(value ?? null)) as unknown;
  const columns = (Object.keys(after) as (keyof CaseRow)[]).filter(
    (column) =>
      !UNRECORDED_CASE_COLUMNS.has(column) && JSON.stringify(before[column]) !== JSON.stringify(after[column]),
  );
  return {
    caseId: after.id,
    trackingNumber: after.tracking_number,
    versionBefore: before.version,
    versionAfter: after.version,
    before: Object.fromEntries(columns.map((c) => [c, json(before[c])])),
    after: Object.fromEntries(columns.map((c) => [c, json(after[c])])),
  };
}

export interface BulkCodingOutcome extends BulkCodingSummary {
  id: number;
  changed: number;
  undoUntil: Date;
}

/** Applies a bulk coding case by case and records it for undo; returns what changed and what was skipped. */
export async function applyBulkCoding(
  ctx: CommandContext,
  selection: BulkSelection,
  change: BulkCodingChange,
  now = new Date(),
): Promise<BulkCodingOutcome> {
  if (ctx.actor.role === 'auditor') throw new AppError('forbidden', 'Auditors have read-only access.');
  const planned = await plan(ctx, selection, change);
  const byNumber = new Map(planned.rows.map((row) => [row.tracking_number, row]));
  const entries: BulkChangeEntry[] = [];
  const outcomes: BulkCasePlan[] = [];
  for (const casePlan of planned.plans) {
    if (casePlan.skip) {
      outcomes.push(casePlan);
      continue;
    }
    const before = byNumber.get(casePlan.trackingNumber)!;
    const { subject, priority, tags, unit } = casePlan.edits;
    let current: CaseRow = before;
    try {
      if (subject !== undefined || priority !== undefined || tags !== undefined) {
        current = await updateCaseDetails(ctx, {
          trackingNumber: casePlan.trackingNumber,
          expectedVersion: current.version,
          subject,
          priority: priority as CaseRow['priority'] | undefined,
          tags,
        });
      }
      if (unit !== undefined) {
        current = await routeCase(ctx, {
          trackingNumber: casePlan.trackingNumber,
          unit,
          expectedVersion: current.version,
          reason: 'Bulk coding',
        });
      }
      outcomes.push(casePlan);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcomes.push({
        trackingNumber: casePlan.trackingNumber,
        skip: error.code === 'version_conflict' ? 'changed_meanwhile' : 'refused',
      });
    }
    if (current.version !== before.version) entries.push(entryOf(before, current));
  }
  const summary = summarizeBulkCoding(planned.facts, outcomes, planned.change);
  const undoUntil = new Date(now.getTime() + UNDO_WINDOW_SECONDS * 1000);
  const changes = { ...planned.change } as Record<string, unknown>;
  const id = await ctx.db.transaction().execute(async (tx) => {
    const inserted = await insertBulkChange(tx, ctx.agency.id, ctx.actor.userId, {
      changes,
      entries,
      undoUntil,
      createdAt: now,
    });
    await recordAudit(tx, ctx, {
      action: 'cases.bulk_coded',
      entityType: 'bulk_change',
      entityId: inserted,
      after: { ...changes, cases: entries.map((e) => e.trackingNumber) },
    });
    return inserted;
  });
  return { ...summary, id, changed: entries.length, undoUntil };
}

/**
 * Undoes a bulk coding within its window: each case still at the version the bulk coding left goes back to its
 * earlier values and version (one audit event each); a case changed since is left alone and listed.
 */
export async function undoBulkCoding(ctx: CommandContext, id: number, now = new Date()) {
  return ctx.db.transaction().execute(async (tx) => {
    const change = await getBulkChangeForUpdate(tx, ctx.agency.id, id);
    if (!change || (change.actorUserId !== ctx.actor.userId && ctx.actor.role !== 'administrator')) {
      throw notFound(`Bulk change ${id}`);
    }
    if (change.undoneAt) throw new AppError('conflict', `Bulk change ${id} was already undone.`);
    if (now.getTime() > change.undoUntil.getTime()) {
      throw new AppError(
        'conflict',
        `The undo window of bulk change ${id} closed ${UNDO_WINDOW_SECONDS} seconds after it; change the cases again instead.`,
      );
    }
    const skipped: { trackingNumber: string; reason: string }[] = [];
    let restored = 0;
    for (const entry of change.entries) {
      const row = await restoreCaseValues(tx, ctx.agency.id, entry, now);
      if (!row) {
        skipped.push({ trackingNumber: entry.trackingNumber, reason: 'changed since the bulk change; left as it is' });
        continue;
      }
      restored += 1;
      await recordAudit(tx, ctx, {
        action: 'case.bulk_undone',
        entityType: 'case',
        entityId: entry.trackingNumber,
        caseId: entry.caseId,
        before: { ...entry.after, version: entry.versionAfter },
        after: { ...entry.before, version: entry.versionBefore },
        reason: `Undo of bulk change ${id}`,
      });
    }
    await markBulkChangeUndone(tx, ctx.agency.id, id, now);
    await recordAudit(tx, ctx, {
      action: 'cases.bulk_undone',
      entityType: 'bulk_change',
      entityId: id,
      after: { restored, skipped: skipped.map((s) => s.trackingNumber) },
    });
    return { id, restored, skipped };
  });
}
