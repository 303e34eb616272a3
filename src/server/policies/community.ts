// Who may do what in community and communications: every signed-in staff member of the agency reads the directory,
// the calendar and the media queue; caseworkers, supervisors and administrators record and change; only supervisors
// and administrators approve a media answer, because its release speaks for the agency.
import { AppError } from '../errors.ts';
import type { CommandContext } from '../context.ts';

const WRITERS = new Set(['administrator', 'supervisor', 'caseworker']);
const APPROVERS = new Set(['administrator', 'supervisor']);

/** Refuses (403) an actor who may not record or change community records; `action` completes "… may …". */
export function authorizeCommunityChange(ctx: CommandContext, action: string): void {
  if (ctx.actor.via === 'system') return;
  if (!WRITERS.has(ctx.actor.role)) {
    throw new AppError(
      'forbidden',
      `Only caseworkers, supervisors and administrators may ${action}; you are signed in as ${ctx.actor.role.replace('_', ' ')}.`,
    );
  }
}

/** Refuses (403) an actor who may not approve a media answer for release. */
export function authorizeMediaApproval(ctx: CommandContext): void {
  if (ctx.actor.via === 'system') return;
  if (!APPROVERS.has(ctx.actor.role)) {
    throw new AppError(
      'forbidden',
      `Only supervisors and administrators may approve a media answer; you are signed in as ${ctx.actor.role.replace('_', ' ')}.`,
    );
  }
}

/** Whether the actor may approve a public information material or send a notice to the public. */
export function mayCommunicatePublicly(ctx: CommandContext): boolean {
  return ctx.actor.via === 'system' || APPROVERS.has(ctx.actor.role);
}

/**
 * Refuses (403) an actor who may not approve or retire a public information material or send a notice to the
 * public: both speak for the agency to many people at once.
 */
export function authorizePublicCommunication(ctx: CommandContext, action: string): void {
  if (!mayCommunicatePublicly(ctx)) {
    throw new AppError(
      'forbidden',
      `Only supervisors and administrators may ${action}; you are signed in as ${ctx.actor.role.replace('_', ' ')}.`,
    );
  }
}
