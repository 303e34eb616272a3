// Service standards: which items get which first-response and resolution targets (in business hours, business
// days or calendar days) and when the warning fires. Administrators create, change (optimistic versions) and
// delete them; a standard still used by rules or cases is deactivated instead of deleted.
import { AppError, notFound } from '../../errors.ts';
import type { CommandContext } from '../../context.ts';
import type { Db } from '../../db/database.ts';
import type { Priority, StandardMatch, Target } from '../../db/schema.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  countCasesUsingStandard,
  deleteServiceStandard,
  getServiceStandard,
  insertServiceStandard,
  listServiceStandards,
  updateServiceStandard,
  type ServiceStandardRecord,
} from '../../repositories/configuration/service-standards.ts';
import { rulesUsingStandard } from '../../repositories/configuration/routing-rules.ts';
import { nextPosition } from '../../repositories/configuration/ordered.ts';
import { FieldProblems, checkVersion, cleanName, requireAdministrator } from '../common.ts';
import { validateConditions } from './admin-routing-rules.ts';
import { PRIORITIES } from '../../../shared/vocabulary.ts';

/** The largest target per unit: a year, in each unit's terms. */
export const TARGET_MAXIMUM: Record<Target['unit'], number> = {
  business_hours: 2080,
  business_days: 260,
  calendar_days: 366,
};

export interface ServiceStandardInput {
  name: string;
  position?: number | undefined;
  match: StandardMatch;
  firstResponse: Target | null;
  resolution: Target | null;
  warningPercent?: number | undefined;
  active?: boolean | undefined;
}

export type ServiceStandardPatch = Partial<ServiceStandardInput> & { expectedVersion: number };

/** The agency's service standards in selection order. */
export function listAgencyServiceStandards(ctx: CommandContext): Promise<ServiceStandardRecord[]> {
  return listServiceStandards(ctx.db, ctx.agency.id);
}

function checkTarget(problems: FieldProblems, field: string, target: Target | null | undefined): void {
  if (!target) return;
  if (!(target.unit in TARGET_MAXIMUM)) {
    problems.add(`${field}.unit`, `must be one of ${Object.keys(TARGET_MAXIMUM).join(', ')}`);
    return;
  }
  const maximum = TARGET_MAXIMUM[target.unit];
  if (!Number.isInteger(target.amount) || target.amount < 1 || target.amount > maximum) {
    problems.add(`${field}.amount`, `must be a whole number from 1 to ${maximum} ${target.unit.replace('_', ' ')}`);
  }
}

async function validateMatch(db: Db, agencyId: number, problems: FieldProblems, match: StandardMatch) {
  const { priority, ...conditions } = match;
  const out: StandardMatch = await validateConditions(db, agencyId, problems, conditions, 'match');
  if (priority !== undefined) {
    const bad = priority.filter((p) => !PRIORITIES.includes(p));
    if (bad.length > 0) problems.add('match.priority', `"${bad.join('", "')}" is not one of ${PRIORITIES.join(', ')}`);
    out.priority = [...new Set(priority)] as Priority[];
  }
  return out;
}

function checkTargets(
  problems: FieldProblems,
  firstResponse: Target | null | undefined,
  resolution: Target | null | undefined,
  warningPercent: number | undefined,
): void {
  checkTarget(problems, 'firstResponse', firstResponse);
  checkTarget(problems, 'resolution', resolution);
  if (
    firstResponse &&
    resolution &&
    firstResponse.unit === resolution.unit &&
    firstResponse.amount > resolution.amount
  ) {
    problems.add('firstResponse.amount', 'must not be later than the resolution target');
  }
  if (
    warningPercent !== undefined &&
    (!Number.isInteger(warningPercent) || warningPercent < 1 || warningPercent > 99)
  ) {
    problems.add('warningPercent', 'must be a whole number from 1 to 99');
  }
}

/** Adds a service standard; without a position it goes last. */
export async function createServiceStandard(
  ctx: CommandContext,
  input: ServiceStandardInput,
): Promise<ServiceStandardRecord> {
  requireAdministrator(ctx, 'change service standards');
  const problems = new FieldProblems();
  const name = cleanName(problems, 'name', input.name)!;
  const match = await validateMatch(ctx.db, ctx.agency.id, problems, input.match);
  checkTargets(problems, input.firstResponse, input.resolution, input.warningPercent);
  if (!input.firstResponse && !input.resolution) {
    problems.add('firstResponse', 'a standard needs a first-response target, a resolution target or both');
  }
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    const position = input.position ?? (await nextPosition(tx, 'service_standards', ctx.agency.id));
    const created = await insertServiceStandard(tx, ctx.agency.id, {
      name,
      position,
      match,
      firstResponse: input.firstResponse,
      resolution: input.resolution,
      warningPercent: input.warningPercent ?? 75,
      active: input.active ?? true,
    });
    await recordAudit(tx, ctx, {
      action: 'service_standard.created',
      entityType: 'service_standard',
      entityId: created.id,
      after: { ...created },
    });
    return created;
  });
}

/** Changes a service standard if the client edited the current version (409 otherwise). */
export async function updateServiceStandardSettings(
  ctx: CommandContext,
  id: number,
  patch: ServiceStandardPatch,
): Promise<ServiceStandardRecord> {
  requireAdministrator(ctx, 'change service standards');
  const problems = new FieldProblems();
  const name = cleanName(problems, 'name', patch.name);
  const match = patch.match && (await validateMatch(ctx.db, ctx.agency.id, problems, patch.match));
  checkTargets(problems, patch.firstResponse, patch.resolution, patch.warningPercent);
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    const current = await getServiceStandard(tx, ctx.agency.id, id, true);
    if (!current) throw notFound(`Service standard ${id}`);
    checkVersion(`Service standard ${id}`, current.version, patch.expectedVersion);
    const firstResponse = patch.firstResponse === undefined ? current.firstResponse : patch.firstResponse;
    const resolution = patch.resolution === undefined ? current.resolution : patch.resolution;
    const after = new FieldProblems();
    if (!firstResponse && !resolution) {
      after.add('firstResponse', 'a standard needs a first-response target, a resolution target or both');
    }
    checkTargets(after, firstResponse, resolution, undefined);
    after.throwIfAny();
    const next = await updateServiceStandard(tx, ctx.agency.id, id, {
      ...(name !== undefined ? { name } : {}),
      ...(patch.position !== undefined ? { position: patch.position } : {}),
      ...(match !== undefined ? { match } : {}),
      ...(patch.firstResponse !== undefined ? { firstResponse: patch.firstResponse } : {}),
      ...(patch.resolution !== undefined ? { resolution: patch.resolution } : {}),
      ...(patch.warningPercent !== undefined ? { warningPercent: patch.warningPercent } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
    });
    await recordAudit(tx, ctx, {
      action: 'service_standard.updated',
      entityType: 'service_standard',
      entityId: id,
      before: { ...current },
      after: { ...next },
    });
    return next;
  });
}

/** Deletes a service standard that no routing rule and no case refers to. */
export async function removeServiceStandard(ctx: CommandContext, id: number, expectedVersion?: number): Promise<void> {
  requireAdministrator(ctx, 'change service standards');
  await ctx.db.transaction().execute(async (tx) => {
    const current = await getServiceStandard(tx, ctx.agency.id, id, true);
    if (!current) throw notFound(`Service standard ${id}`);
    checkVersion(`Service standard ${id}`, current.version, expectedVersion);
    const rules = await rulesUsingStandard(tx, ctx.agency.id, id);
    if (rules.length > 0) {
      throw new AppError(
        'conflict',
        `Service standard ${id} is set by routing rules (${rules.join(', ')}); change those rules first.`,
      );
    }
    const cases = await countCasesUsingStandard(tx, ctx.agency.id, id);
    if (cases > 0) {
      throw new AppError(
        'conflict',
        `Service standard ${id} gave the deadlines of ${cases} case(s); deactivate it instead of deleting it.`,
      );
    }
    await deleteServiceStandard(tx, ctx.agency.id, id);
    await recordAudit(tx, ctx, {
      action: 'service_standard.deleted',
      entityType: 'service_standard',
      entityId: id,
      before: { ...current },
    });
  });
}
