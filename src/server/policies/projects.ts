// Who may do what with special projects: every signed-in staff member of the agency reads the projects and the
// portfolio; caseworkers, supervisors and administrators run them (create, change, milestones, status reports,
// links); an auditor only reads. Cases linked to a project are shown only to those the case policy lets see them.
import { AppError } from '../errors.ts';
import type { CommandContext } from '../context.ts';

const RUNNERS = new Set(['administrator', 'supervisor', 'caseworker']);

/** Refuses (403) an actor who may not change projects; `action` completes "… may …". */
export function authorizeProjectChange(ctx: CommandContext, action: string): void {
  if (ctx.actor.via === 'system') return;
  if (!RUNNERS.has(ctx.actor.role)) {
    throw new AppError(
      'forbidden',
      `Only caseworkers, supervisors and administrators may ${action}; you are signed in as ${ctx.actor.role.replace('_', ' ')}.`,
    );
  }
}
