// Routing rules: the ordered intake rules (conditions → unit, priority, service standard, tags) that an
// administrator keeps — create, change (with optimistic versions), delete, reorder — and the dry run that shows
// what the rules would do to a sample item, condition by condition. Evaluation itself is the pure domain module.
import { AppError, notFound } from '../../errors.ts';
import type { CommandContext } from '../../context.ts';
import type { Db } from '../../db/database.ts';
import type { RuleActions, RuleConditions, WriterType } from '../../db/schema.ts';
import {
  describeRuleMatch,
  evaluateRules,
  ruleMatches,
  type RoutingItem,
  type RoutingResult,
  type RuleConditionCheck,
} from '../../../domain/routing-rules.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  deleteRoutingRule,
  getRoutingRule,
  insertRoutingRule,
  listRoutingRules,
  lockRoutingRules,
  updateRoutingRule,
  type RoutingRuleRecord,
} from '../../repositories/configuration/routing-rules.ts';
import { existingSubjectCodes } from '../../repositories/configuration/subjects.ts';
import { findUnitByCode } from '../../repositories/configuration/units.ts';
import { getServiceStandard } from '../../repositories/configuration/service-standards.ts';
import { POSITION_STEP, nextPosition } from '../../repositories/configuration/ordered.ts';
import { FieldProblems, checkVersion, cleanName, requireAdministrator } from '../common.ts';
import { PRIORITIES, WRITER_TYPES } from '../../../shared/vocabulary.ts';

const CHANNEL = /^[a-z0-9_-]{1,40}$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const TAG = /^[a-z0-9][a-z0-9_-]{0,49}$/;

export interface RoutingRuleInput {
  name: string;
  position?: number | undefined;
  conditions: RuleConditions;
  actions: RuleActions;
  stopProcessing?: boolean | undefined;
  active?: boolean | undefined;
}

export type RoutingRulePatch = Partial<RoutingRuleInput> & { expectedVersion: number };

/** The agency's routing rules in evaluation order. */
export function listAgencyRoutingRules(ctx: CommandContext): Promise<RoutingRuleRecord[]> {
  return listRoutingRules(ctx.db, ctx.agency.id);
}

function cleanList(
  problems: FieldProblems,
  field: string,
  list: string[] | undefined,
  check: (value: string) => string | null,
): string[] | undefined {
  if (list === undefined) return undefined;
  const cleaned = [...new Set(list.map((v) => v.trim()).filter((v) => v !== ''))];
  if (list.some((v) => v.trim() === '')) problems.add(field, 'has a blank entry');
  for (const value of cleaned) {
    const problem = check(value);
    if (problem) problems.add(field, problem);
  }
  return cleaned;
}

/** Checks and normalizes conditions: codes must exist, enums must be known; every problem names its field. */
export async function validateConditions(
  db: Db,
  agencyId: number,
  problems: FieldProblems,
  conditions: RuleConditions,
  prefix = 'conditions',
): Promise<RuleConditions> {
  const out: RuleConditions = {};
  const channel = cleanList(problems, `${prefix}.channel`, conditions.channel, (v) =>
    CHANNEL.test(v.toLowerCase()) ? null : `"${v}" is not a channel name (a-z, 0-9, _ and -)`,
  );
  if (channel) out.channel = channel.map((v) => v.toLowerCase());
  const subject = cleanList(problems, `${prefix}.subject`, conditions.subject, () => null);
  if (subject) {
    const found = await existingSubjectCodes(db, agencyId, subject);
    const missing = subject.filter((code) => !found.has(code));
    if (missing.length > 0) problems.add(`${prefix}.subject`, `no subject with code ${missing.join(', ')}`);
    out.subject = subject.map((v) => v.toUpperCase());
  }
  const words = cleanList(problems, `${prefix}.words`, conditions.words, (v) =>
    v.length > 200 ? 'a word or phrase is at most 200 characters' : null,
  );
  if (words) out.words = words;
  const writerType = cleanList(problems, `${prefix}.writerType`, conditions.writerType, (v) =>
    WRITER_TYPES.includes(v as WriterType) ? null : `"${v}" is not one of ${WRITER_TYPES.join(', ')}`,
  );
  if (writerType) out.writerType = writerType as WriterType[];
  const language = cleanList(problems, `${prefix}.language`, conditions.language, (v) =>
    LANGUAGE.test(v) ? null : `"${v}" is not a language code such as es or zh-Hant`,
  );
  if (language) out.language = language;
  const facility = cleanList(problems, `${prefix}.facility`, conditions.facility, (v) =>
    v.length > 200 ? 'a facility name is at most 200 characters' : null,
  );
  if (facility) out.facility = facility;
  return out;
}

async function validateActions(
  db: Db,
  agencyId: number,
  problems: FieldProblems,
  actions: RuleActions,
): Promise<RuleActions> {
  const out: RuleActions = {};
  if (actions.unitCode !== undefined) {
    const unit = await findUnitByCode(db, agencyId, actions.unitCode.trim());
    if (!unit) problems.add('actions.unitCode', `no unit with code ${actions.unitCode}`);
    else if (!unit.active) problems.add('actions.unitCode', `unit ${unit.code} is inactive`);
    else out.unitCode = unit.code;
  }
  if (actions.priority !== undefined) {
    if (PRIORITIES.includes(actions.priority)) out.priority = actions.priority;
    else problems.add('actions.priority', `must be one of ${PRIORITIES.join(', ')}`);
  }
  if (actions.serviceStandardId !== undefined) {
    if (await getServiceStandard(db, agencyId, actions.serviceStandardId)) {
      out.serviceStandardId = actions.serviceStandardId;
    } else {
      problems.add('actions.serviceStandardId', `no service standard with id ${actions.serviceStandardId}`);
    }
  }
  const tags = cleanList(problems, 'actions.tags', actions.tags, (v) =>
    TAG.test(v.toLowerCase()) ? null : `"${v}" is not a tag (a-z, 0-9, _ and -, up to 50 characters)`,
  );
  if (tags) out.tags = tags.map((v) => v.toLowerCase());
  return out;
}

/** Adds a routing rule; without a position it goes last. */
export async function createRoutingRule(ctx: CommandContext, input: RoutingRuleInput): Promise<RoutingRuleRecord> {
  requireAdministrator(ctx, 'change routing rules');
  const problems = new FieldProblems();
  const name = cleanName(problems, 'name', input.name)!;
  const conditions = await validateConditions(ctx.db, ctx.agency.id, problems, input.conditions);
  const actions = await validateActions(ctx.db, ctx.agency.id, problems, input.actions);
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    const position = input.position ?? (await nextPosition(tx, 'routing_rules', ctx.agency.id));
    const created = await insertRoutingRule(tx, ctx.agency.id, {
      name,
      position,
      conditions,
      actions,
      stopProcessing: input.stopProcessing ?? true,
      active: input.active ?? true,
    });
    await recordAudit(tx, ctx, {
      action: 'routing_rule.created',
      entityType: 'routing_rule',
      entityId: created.id,
      after: { ...created },
    });
    return created;
  });
}

/** Changes a routing rule if the client edited the current version (409 otherwise). */
export async function updateRoutingRuleSettings(
  ctx: CommandContext,
  id: number,
  patch: RoutingRulePatch,
): Promise<RoutingRuleRecord> {
  requireAdministrator(ctx, 'change routing rules');
  const problems = new FieldProblems();
  const name = cleanName(problems, 'name', patch.name);
  const conditions = patch.conditions && (await validateConditions(ctx.db, ctx.agency.id, problems, patch.conditions));
  const actions = patch.actions && (await validateActions(ctx.db, ctx.agency.id, problems, patch.actions));
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    const current = await getRoutingRule(tx, ctx.agency.id, id, true);
    if (!current) throw notFound(`Routing rule ${id}`);
    checkVersion(`Routing rule ${id}`, current.version, patch.expectedVersion);
    const next = await updateRoutingRule(tx, ctx.agency.id, id, {
      ...(name !== undefined ? { name } : {}),
      ...(patch.position !== undefined ? { position: patch.position } : {}),
      ...(conditions !== undefined ? { conditions } : {}),
      ...(actions !== undefined ? { actions } : {}),
      ...(patch.stopProcessing !== undefined ? { stopProcessing: patch.stopProcessing } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
    });
    await recordAudit(tx, ctx, {
      action: 'routing_rule.updated',
      entityType: 'routing_rule',
      entityId: id,
      before: { ...current },
      after: { ...next },
    });
    return next;
  });
}

/** Deletes a routing rule (checking the version when one is given). */
export async function removeRoutingRule(ctx: CommandContext, id: number, expectedVersion?: number): Promise<void> {
  requireAdministrator(ctx, 'change routing rules');
  await ctx.db.transaction().execute(async (tx) => {
    const current = await getRoutingRule(tx, ctx.agency.id, id, true);
    if (!current) throw notFound(`Routing rule ${id}`);
    checkVersion(`Routing rule ${id}`, current.version, expectedVersion);
    await deleteRoutingRule(tx, ctx.agency.id, id);
    await recordAudit(tx, ctx, {
      action: 'routing_rule.deleted',
      entityType: 'routing_rule',
      entityId: id,
      before: { ...current },
    });
  });
}

/** Puts the rules in the given order (every rule of the agency exactly once); positions become 10, 20, 30, … */
export async function reorderRoutingRules(ctx: CommandContext, ids: number[]): Promise<RoutingRuleRecord[]> {
  requireAdministrator(ctx, 'change routing rules');
  return ctx.db.transaction().execute(async (tx) => {
    const current = await lockRoutingRules(tx, ctx.agency.id);
    const known = new Set(current.map((r) => r.id));
    const unknown = ids.filter((id) => !known.has(id));
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
    const missing = current.filter((r) => !ids.includes(r.id)).map((r) => r.id);
    const problems = new FieldProblems();
    if (unknown.length > 0) problems.add('ids', `no routing rule with id ${unknown.join(', ')}`);
    if (duplicates.length > 0) problems.add('ids', `lists rule ${[...new Set(duplicates)].join(', ')} more than once`);
    if (missing.length > 0) problems.add('ids', `must list every rule; missing ${missing.join(', ')}`);
    problems.throwIfAny();
    for (const [index, id] of ids.entries()) {
      const position = (index + 1) * POSITION_STEP;
      if (current.find((r) => r.id === id)!.position !== position) {
        await updateRoutingRule(tx, ctx.agency.id, id, { position });
      }
    }
    await recordAudit(tx, ctx, {
      action: 'routing_rules.reordered',
      entityType: 'routing_rule',
      entityId: 'order',
      before: { order: current.map((r) => r.id) },
      after: { order: ids },
    });
    return listRoutingRules(tx, ctx.agency.id);
  });
}

export interface RuleTestOutcome {
  result: RoutingResult;
  rules: {
    id: number;
    name: string;
    position: number;
    active: boolean;
    matched: boolean;
    conditions: RuleConditionCheck[];
  }[];
}

/**
 * What the rules would do to a sample item: the evaluation result and, per rule, each condition checked. With
 * `ruleId` only that rule is tried, and as if it were active, so that a rule can be tested before switching it on.
 */
export async function testRoutingRules(
  ctx: CommandContext,
  sample: RoutingItem,
  ruleId?: number,
): Promise<RuleTestOutcome> {
  let rules = await listRoutingRules(ctx.db, ctx.agency.id);
  let evaluated = rules;
  if (ruleId !== undefined) {
    const rule = rules.find((r) => r.id === ruleId);
    if (!rule) {
      throw new AppError('validation_failed', `ruleId: no routing rule with id ${ruleId}.`, [
        { field: 'ruleId', message: `no routing rule with id ${ruleId}` },
      ]);
    }
    rules = [rule];
    evaluated = [{ ...rule, active: true }];
  }
  return {
    result: evaluateRules(evaluated, sample),
    rules: rules.map((rule) => ({
      id: rule.id,
      name: rule.name,
      position: rule.position,
      active: rule.active,
      matched: ruleMatches(rule.conditions, sample),
      conditions: describeRuleMatch(rule, sample),
    })),
  };
}
