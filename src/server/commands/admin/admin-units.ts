// Units (the teams items are routed to): listed with their member counts, added, renamed and (de)activated.
// A unit's code never changes, because routing rules route by code.
import { AppError, notFound } from '../../errors.ts';
import type { CommandContext } from '../../context.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { activeRulesRoutingTo } from '../../repositories/configuration/routing-rules.ts';
import {
  findUnitByCode,
  getUnitForUpdate,
  insertUnit,
  listUnits,
  updateUnit,
  type UnitRecord,
} from '../../repositories/configuration/units.ts';
import { FieldProblems, cleanName, requireAdministrator } from '../common.ts';

const UNIT_CODE = /^[A-Z0-9_-]{1,20}$/;

/** The agency's units with member counts, ordered by code. */
export function listAgencyUnits(ctx: CommandContext) {
  return listUnits(ctx.db, ctx.agency.id);
}

/** Adds a unit. */
export async function createUnit(
  ctx: CommandContext,
  input: { code: string; name: string; active?: boolean | undefined },
): Promise<UnitRecord> {
  requireAdministrator(ctx, 'add units');
  const problems = new FieldProblems();
  const code = input.code.trim().toUpperCase();
  if (!UNIT_CODE.test(code)) problems.add('code', 'uses A-Z, 0-9, _ and - (1-20 characters)');
  const name = cleanName(problems, 'name', input.name)!;
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    if (await findUnitByCode(tx, ctx.agency.id, code)) {
      throw new AppError('conflict', `Unit ${code} already exists.`, [{ field: 'code', message: 'is taken' }]);
    }
    const created = await insertUnit(tx, ctx.agency.id, { code, name, active: input.active ?? true });
    await recordAudit(tx, ctx, {
      action: 'unit.created',
      entityType: 'unit',
      entityId: created.id,
      after: { ...created },
    });
    return created;
  });
}

/** Renames or (de)activates a unit; refuses to deactivate a unit that active routing rules still send items to. */
export async function updateUnitSettings(
  ctx: CommandContext,
  id: number,
  patch: { name?: string | undefined; active?: boolean | undefined },
): Promise<UnitRecord> {
  requireAdministrator(ctx, 'change units');
  const problems = new FieldProblems();
  const name = cleanName(problems, 'name', patch.name);
  problems.throwIfAny();
  return ctx.db.transaction().execute(async (tx) => {
    const current = await getUnitForUpdate(tx, ctx.agency.id, id);
    if (!current) throw notFound(`Unit ${id}`);
    if (patch.active === false && current.active) {
      const rules = await activeRulesRoutingTo(tx, ctx.agency.id, current.code);
      if (rules.length > 0) {
        throw new AppError(
          'conflict',
          `Unit ${current.code} still receives items from active routing rules (${rules.join(', ')}); change or deactivate those rules first.`,
          [{ field: 'active', message: 'the unit is used by active routing rules' }],
        );
      }
    }
    const next = await updateUnit(tx, ctx.agency.id, id, {
      ...(name !== undefined ? { name } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
    });
    await recordAudit(tx, ctx, {
      action: 'unit.updated',
      entityType: 'unit',
      entityId: id,
      before: { ...current },
      after: { ...next },
    });
    return next;
  });
}
