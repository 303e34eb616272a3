// Who may see and change a case. Every list, search, count and export of cases goes through visibleCasesFilter,
// so a case a user may not see does not exist for them. Restricted cases (e.g. domestic violence) are visible
// only to members of the case's unit and to the people named on the case — administrators included.
// The rule is composed here; its subqueries (named on the case, referred to a unit) are in
// repositories/access-predicates.ts.
import type { Expression, SqlBool } from 'kysely';
import { AppError } from '../errors.ts';
import type { Actor, CommandContext } from '../context.ts';
import { caseNamesUser, caseReferredToUnits, type CaseBuilder } from '../repositories/access-predicates.ts';

/** A WHERE expression over alias `c` (cases) that keeps only the cases the actor may see, in their agency. */
export function visibleCasesFilter(ctx: CommandContext) {
  const { actor, agency } = ctx;
  return (eb: CaseBuilder): Expression<SqlBool> => {
    // The system (mail intake threading a reply, jobs) acts for the agency as a whole, restricted cases included.
    if (actor.via === 'system') return eb('c.agency_id', '=', agency.id);
    const unitIds = actor.unitIds.length ? actor.unitIds : [-1];
    const namedOnCase = caseNamesUser(eb, actor.userId);
    const inMyUnit = eb('c.unit_id', 'in', unitIds);
    const conditions: Expression<SqlBool>[] = [
      eb('c.agency_id', '=', agency.id),
      eb.or([eb('c.restricted', '=', false), inMyUnit, namedOnCase]),
    ];
    if (actor.role === 'unit_liaison') {
      const referredToMyUnit = caseReferredToUnits(eb, unitIds);
      conditions.push(eb.or([inMyUnit, eb('c.assignee_id', '=', actor.userId), referredToMyUnit, namedOnCase]));
    }
    return eb.and(conditions);
  };
}

export type CaseAction =
  | 'case:create'
  | 'case:update'
  | 'case:route'
  | 'case:assign'
  | 'case:status'
  | 'case:respond'
  | 'case:note'
  | 'case:restrict'
  | 'case:merge'
  | 'case:split'
  | 'case:referral_reply';

/** Refuses (403, with the reason) an action the actor may not take on a case they can see. */
export function authorizeCase(actor: Actor, action: CaseAction, target?: { unit_id: number | null }): void {
  if (actor.role === 'auditor') throw new AppError('forbidden', 'Auditors have read-only access.');
  if (actor.role === 'unit_liaison') {
    const allowed: CaseAction[] = ['case:note', 'case:status', 'case:respond', 'case:route', 'case:referral_reply'];
    if (!allowed.includes(action)) {
      throw new AppError(
        'forbidden',
        'Unit liaisons can add findings, answer, hand back or close cases of their unit.',
      );
    }
    // A referral reply is checked against the referred unit by the command itself.
    if (
      action !== 'case:referral_reply' &&
      target &&
      (target.unit_id === null || !actor.unitIds.includes(target.unit_id))
    ) {
      throw new AppError('forbidden', 'This case is not routed to one of your units.');
    }
  }
  if ((action === 'case:restrict' || action === 'case:merge') && actor.role === 'caseworker') {
    throw new AppError('forbidden', 'Only supervisors and administrators can change restriction or merge cases.');
  }
}
