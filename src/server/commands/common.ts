// What every configuration command shares: the administrator-only check (403 with a reason), the optimistic
// version check (409 version_conflict), and a collector that reports every bad field of a request at once.
import { AppError, type ErrorDetail } from '../errors.ts';
import type { CommandContext } from '../context.ts';
import type { Role } from '../db/schema.ts';

/** Refuses with 403 unless the actor is an administrator; `action` completes "Only administrators may …". */
export function requireAdministrator(ctx: CommandContext, action: string): void {
  if (ctx.actor.role !== 'administrator') {
    throw new AppError('forbidden', `Only administrators may ${action}; you are signed in as ${ctx.actor.role}.`);
  }
}

/** Refuses with 403 unless the actor has one of `roles`; `action` completes "… may …". */
export function requireRole(ctx: CommandContext, roles: readonly Role[], action: string): void {
  if (!roles.includes(ctx.actor.role)) {
    const who = roles.map((r) => `${r.replace('_', ' ')}s`).join(' and ');
    throw new AppError('forbidden', `Only ${who} may ${action}; you are signed in as ${ctx.actor.role}.`);
  }
}

/** Refuses with 409 when the client's expected version is not the stored one (someone saved in between). */
export function checkVersion(what: string, current: number, expected: number | undefined): void {
  if (expected !== undefined && expected !== current) {
    throw new AppError(
      'version_conflict',
      `${what} was changed by someone else (now version ${current}, you edited version ${expected}); reload and try again.`,
      [{ field: 'expectedVersion', message: `is ${expected} but the current version is ${current}` }],
    );
  }
}

/** Collects field errors so that one response names every problem of a request. */
export class FieldProblems {
  private readonly details: ErrorDetail[] = [];

  /** Records that `field` is wrong and why. */
  add(field: string, message: string): void {
    this.details.push({ field, message });
  }

  /** How many problems are recorded so far. */
  count(): number {
    return this.details.length;
  }

  /** Throws one 400 naming every recorded field; does nothing when there are none. */
  throwIfAny(): void {
    if (this.details.length === 0) return;
    const message = this.details.map((d) => `${d.field}: ${d.message}`).join('; ');
    throw new AppError('validation_failed', message, this.details);
  }
}

/** Trims a display name and refuses a blank one. */
export function cleanName(problems: FieldProblems, field: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') problems.add(field, 'must not be blank');
  return trimmed;
}
