// The frame every change to an existing case runs in: one transaction, the case locked and version-checked,
// the action authorized, the patch applied, one audit event with each field's old and new value.
import type { CommandContext } from '../../context.ts';
import type { Db } from '../../db/database.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { findVisibleCase, updateCase, type CasePatch, type CaseRow } from '../../repositories/cases.ts';
import { authorizeCase, type CaseAction } from '../../policies/case-access.ts';
import { AppError } from '../../errors.ts';

export interface CaseChange {
  /** Fields to set on the case (may be empty when the change lives elsewhere, e.g. a note). */
  patch: CasePatch;
  /** Extra before/after values for the audit event (e.g. unit codes instead of ids). */
  auditBefore?: Record<string, unknown>;
  auditAfter?: Record<string, unknown>;
  reason?: string | null;
}

export interface MutationOptions {
  trackingNumber: string;
  expectedVersion?: number | undefined;
  action: CaseAction;
  auditAction: string;
}

/** Runs `decide` on the locked case and applies what it returns; returns the updated case. */
export async function mutateCase(
  ctx: CommandContext,
  options: MutationOptions,
  decide: (tx: Db, current: CaseRow) => Promise<CaseChange>,
): Promise<CaseRow> {
  return ctx.db.transaction().execute((tx) => mutateCaseWithin(tx, ctx, options, decide));
}

/** The same frame inside a transaction the caller holds (a split writes the new case in the same one). */
export async function mutateCaseWithin(
  tx: Db,
  ctx: CommandContext,
  options: MutationOptions,
  decide: (tx: Db, current: CaseRow) => Promise<CaseChange>,
): Promise<CaseRow> {
  const current = await findVisibleCase(tx, ctx, options.trackingNumber, { forUpdate: true });
  authorizeCase(ctx.actor, options.action, current);
  if (current.merged_into_id && options.action !== 'case:status') {
    throw new AppError('conflict', `Case ${current.tracking_number} was merged into another case; work on that one.`);
  }
  if (options.expectedVersion !== undefined && options.expectedVersion !== current.version) {
    // updateCase repeats this check; failing before `decide` keeps side effects (timeline rows) from starting.
    await updateCase(tx, current, {}, options.expectedVersion);
  }
  const change = await decide(tx, current);
  const next = await updateCase(tx, current, change.patch);
  const fields = Object.keys(change.patch) as (keyof CaseRow)[];
  await recordAudit(
    tx,
    { ...ctx, db: tx },
    {
      action: options.auditAction,
      entityType: 'case',
      entityId: current.tracking_number,
      caseId: current.id,
      before: { ...Object.fromEntries(fields.map((f) => [f, current[f]])), ...change.auditBefore },
      after: { ...Object.fromEntries(fields.map((f) => [f, next[f]])), ...change.auditAfter },
      reason: change.reason ?? null,
    },
  );
  return next;
}
