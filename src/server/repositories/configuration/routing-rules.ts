// SQL for an agency's routing rules (ordered by position; the list is locked while positions move). Scoped by
// agency_id; camelCase records.
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { RuleActions, RuleConditions } from '../../db/schema.ts';
import { byId, inOrder, nextVersion } from './ordered.ts';

export interface RoutingRuleRecord {
  id: number;
  name: string;
  position: number;
  conditions: RuleConditions;
  actions: RuleActions;
  stopProcessing: boolean;
  active: boolean;
  version: number;
}

const ruleColumns = [
  'id',
  'name',
  'position',
  'conditions',
  'actions',
  'stop_processing',
  'active',
  'version',
] as const;
const toRule = (r: {
  id: number;
  name: string;
  position: number;
  conditions: RuleConditions;
  actions: RuleActions;
  stop_processing: boolean;
  active: boolean;
  version: number;
}): RoutingRuleRecord => ({
  id: r.id,
  name: r.name,
  position: r.position,
  conditions: r.conditions,
  actions: r.actions,
  stopProcessing: r.stop_processing,
  active: r.active,
  version: r.version,
});

/** The agency's routing rules in evaluation order (position, then id). */
export async function listRoutingRules(db: Db, agencyId: number): Promise<RoutingRuleRecord[]> {
  const rows = await inOrder(db, 'routing_rules', agencyId).select(ruleColumns).execute();
  return rows.map(toRule);
}

/** One routing rule (locked when `lock`), or null. */
export async function getRoutingRule(
  db: Db,
  agencyId: number,
  id: number,
  lock = false,
): Promise<RoutingRuleRecord | null> {
  const row = await byId(db, 'routing_rules', agencyId, id, lock).select(ruleColumns).executeTakeFirst();
  return row ? toRule(row) : null;
}

/** Locks every rule of the agency (reordering touches them all); returns them in order. */
export async function lockRoutingRules(tx: Db, agencyId: number): Promise<RoutingRuleRecord[]> {
  const rows = await inOrder(tx, 'routing_rules', agencyId).select(ruleColumns).forUpdate().execute();
  return rows.map(toRule);
}

type RuleValues = Omit<RoutingRuleRecord, 'id' | 'version'>;
const ruleRow = (rule: Partial<RuleValues>) => ({
  ...(rule.name !== undefined ? { name: rule.name } : {}),
  ...(rule.position !== undefined ? { position: rule.position } : {}),
  ...(rule.conditions !== undefined ? { conditions: JSON.stringify(rule.conditions) } : {}),
  ...(rule.actions !== undefined ? { actions: JSON.stringify(rule.actions) } : {}),
  ...(rule.stopProcessing !== undefined ? { stop_processing: rule.stopProcessing } : {}),
  ...(rule.active !== undefined ? { active: rule.active } : {}),
});

/** Inserts a routing rule. */
export async function insertRoutingRule(tx: Db, agencyId: number, rule: RuleValues): Promise<RoutingRuleRecord> {
  const row = await tx
    .insertInto('routing_rules')
    .values({
      agency_id: agencyId,
      name: rule.name,
      position: rule.position,
      conditions: JSON.stringify(rule.conditions),
      actions: JSON.stringify(rule.actions),
      stop_processing: rule.stopProcessing,
      active: rule.active,
    })
    .returning(ruleColumns)
    .executeTakeFirstOrThrow();
  return toRule(row);
}

/** Changes a routing rule and bumps its version. */
export async function updateRoutingRule(
  tx: Db,
  agencyId: number,
  id: number,
  patch: Partial<RuleValues>,
): Promise<RoutingRuleRecord> {
  const row = await tx
    .updateTable('routing_rules')
    .set({ ...ruleRow(patch), version: nextVersion })
    .where('agency_id', '=', agencyId)
    .where('id', '=', id)
    .returning(ruleColumns)
    .executeTakeFirstOrThrow();
  return toRule(row);
}

/** Deletes a routing rule. */
export async function deleteRoutingRule(tx: Db, agencyId: number, id: number): Promise<void> {
  await tx.deleteFrom('routing_rules').where('agency_id', '=', agencyId).where('id', '=', id).execute();
}

/** Names of the active rules whose actions route to `unitCode`. */
export async function activeRulesRoutingTo(db: Db, agencyId: number, unitCode: string): Promise<string[]> {
  const rows = await db
    .selectFrom('routing_rules')
    .select('name')
    .where('agency_id', '=', agencyId)
    .where('active', '=', true)
    .where(sql<string>`upper(actions->>'unitCode')`, '=', unitCode.toUpperCase())
    .orderBy('position')
    .execute();
  return rows.map((r) => r.name);
}

/** Names of the rules (active or not) whose actions set service standard `standardId`. */
export async function rulesUsingStandard(db: Db, agencyId: number, standardId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('routing_rules')
    .select('name')
    .where('agency_id', '=', agencyId)
    .where(sql<string>`actions->>'serviceStandardId'`, '=', String(standardId))
    .orderBy('position')
    .execute();
  return rows.map((r) => r.name);
}
