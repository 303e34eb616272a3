// The targets an administrator sets for the customer-service indicators of their agency: read by the indicators
// report, listed and replaced as a whole through the admin API (one transaction, one audit event).
import type { CommandContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { recordAudit } from '../repositories/audit.ts';
import {
  deleteTargets,
  listTargetRows,
  readIndicatorTargets,
  upsertTargets,
} from '../repositories/indicator-targets.ts';
import { FieldProblems, requireAdministrator } from '../commands/common.ts';
import { indicatorDefinition } from '../../shared/indicator-definitions.ts';

export interface IndicatorTarget {
  key: string;
  name: string;
  target: number;
  unit: string;
  better: 'higher' | 'lower';
  updatedAt: string;
}

async function listTargets(db: Db, agencyId: number): Promise<IndicatorTarget[]> {
  const rows = await listTargetRows(db, agencyId);
  return rows.map((r) => {
    const definition = indicatorDefinition(r.key);
    return {
      key: r.key,
      name: definition?.name ?? r.key,
      target: Number(r.target),
      unit: definition?.unit ?? 'count',
      better: definition?.better ?? 'higher',
      updatedAt: r.updated_at.toISOString(),
    };
  });
}

/** The agency's indicator targets (administrators). */
export async function listIndicatorTargets(ctx: CommandContext): Promise<{ targets: IndicatorTarget[] }> {
  requireAdministrator(ctx, 'see indicator targets');
  return { targets: await listTargets(ctx.db, ctx.agency.id) };
}

const LIMITS = { percent: 100, seconds: 86_400, count: 1_000_000_000 } as const;

function checkTargets(input: { key: string; target: number }[]): Map<string, number> {
  const problems = new FieldProblems();
  const seen = new Map<string, number>();
  input.forEach(({ key, target }, index) => {
    const definition = indicatorDefinition(key);
    if (!definition) {
      problems.add(
        `targets[${index}].key`,
        `"${key}" is not an indicator; use one of the report's keys, e.g. emails_responded_14d_pct`,
      );
      return;
    }
    if (seen.has(key)) problems.add(`targets[${index}].key`, `${key} is listed twice`);
    const limit = LIMITS[definition.unit];
    if (!Number.isFinite(target) || target < 0 || target > limit) {
      const unit = definition.unit === 'percent' ? ' (a percentage)' : definition.unit === 'seconds' ? ' seconds' : '';
      problems.add(`targets[${index}].target`, `must be a number from 0 to ${limit.toLocaleString('en-US')}${unit}`);
    }
    seen.set(key, target);
  });
  problems.throwIfAny();
  return seen;
}

/** Replaces the agency's targets with `targets` (an indicator left out has no target any more). */
export async function replaceIndicatorTargets(
  ctx: CommandContext,
  targets: { key: string; target: number }[],
): Promise<{ targets: IndicatorTarget[] }> {
  requireAdministrator(ctx, 'set indicator targets');
  const next = checkTargets(targets);
  return ctx.db.transaction().execute(async (tx) => {
    const before = await readIndicatorTargets(tx, ctx.agency.id);
    const removed = [...before.keys()].filter((key) => !next.has(key));
    await deleteTargets(tx, ctx.agency.id, removed);
    // Unchanged targets keep their updated_at; changed ones say who changed them and when.
    const changed = [...next].filter(([key, target]) => before.get(key) !== target);
    await upsertTargets(tx, ctx.agency.id, changed, ctx.actor.userId || null);
    await recordAudit(tx, ctx, {
      action: 'indicator_targets.replaced',
      entityType: 'indicator_targets',
      entityId: ctx.agency.slug,
      before: Object.fromEntries(before),
      after: Object.fromEntries(next),
    });
    return { targets: await listTargets(tx, ctx.agency.id) };
  });
}
