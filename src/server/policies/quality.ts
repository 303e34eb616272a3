// Who may do what in quality management: every staff member reads measures, plans and procedures; supervisors and
// administrators keep the measures (values, goals, their own measures), open action plans and write and approve
// procedures; an action is completed by its owner, the plan's owner, a supervisor or an administrator; anyone but
// an auditor (read-only) acknowledges a procedure.
import { AppError } from '../errors.ts';
import type { Actor, CommandContext } from '../context.ts';
import type { Role } from '../db/schema.ts';

/** The roles that keep measures, open plans and write and approve procedures. */
export const QUALITY_MANAGER_ROLES: readonly Role[] = ['administrator', 'supervisor'];

/** Whether the actor keeps measures, plans and procedures. */
export function managesQuality(actor: Actor): boolean {
  return QUALITY_MANAGER_ROLES.includes(actor.role);
}

/** Refuses with 403 unless the actor is a supervisor or administrator; `action` completes "… may …". */
export function requireQualityManager(ctx: CommandContext, action: string): void {
  if (!managesQuality(ctx.actor)) {
    throw new AppError(
      'forbidden',
      `Only supervisors and administrators may ${action}; you are signed in as ${ctx.actor.role.replace('_', ' ')}.`,
    );
  }
}

/** Refuses with 403 unless the actor may complete the action (its owner, the plan's owner, a manager). */
export function requireActionCompleter(
  ctx: CommandContext,
  plan: { ownerUserId: number },
  action: { ownerUserId: number; title: string },
): void {
  const actor = ctx.actor;
  if (managesQuality(actor) || actor.userId === plan.ownerUserId || actor.userId === action.ownerUserId) return;
  throw new AppError(
    'forbidden',
    `Only the owner of “${action.title}”, the plan's owner, a supervisor or an administrator may complete it.`,
  );
}

/** Refuses auditors, who read but do not write. */
export function refuseAuditor(ctx: CommandContext): void {
  if (ctx.actor.role === 'auditor') throw new AppError('forbidden', 'Auditors have read-only access.');
}

/** Refuses with 403 unless the actor reads quality results across staff: a supervisor, administrator or auditor. */
export function requireQualityReader(ctx: CommandContext, action: string): void {
  if (ctx.actor.role !== 'auditor') requireQualityManager(ctx, action);
}
