// Who may see and change a person. The confidential compartment of restricted cases (case-access.ts) covers the
// people on them: a person known only from restricted cases, or flagged confidential, exists only for those who may
// see one of their restricted cases ("insiders"); a person who also has ordinary cases shows everyone else only what
// those gave (contacts given inside the compartment stay hidden). Every read of people goes through these filters.
// Within what a reader sees, a person who is a party under a protective order (case_parties) keeps their
// whereabouts (addresses) from everyone but the staff named on the order, and from every notice and export.
// The rules are composed here; their subqueries (cases of a person, protective orders) are in
// repositories/access-predicates.ts.
import type { Expression, SqlBool } from 'kysely';
import type { CommandContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { visibleCasesFilter } from './case-access.ts';
import {
  casesOfPersonExist as casesOfPersonAmong,
  protectiveOrdersOf,
  type PersonBuilder,
} from '../repositories/access-predicates.ts';

/** Cases of the person (as writer or as the one written about), restricted or not; those `ctx` sees when given. */
function casesOfPersonExist(eb: PersonBuilder, restricted: boolean, ctx: CommandContext | null): Expression<SqlBool> {
  return casesOfPersonAmong(eb, restricted, ctx ? visibleCasesFilter(ctx) : null);
}

/** The person is inside the compartment: flagged confidential or on a restricted case. */
export function compartmented(eb: PersonBuilder): Expression<SqlBool> {
  return eb.or([eb('p.confidential_reason', 'is not', null), casesOfPersonExist(eb, true, null)]);
}

/** A WHERE expression over alias `p` (people): the actor may see one of the person's restricted cases. */
export function seesRestrictedCaseOf(ctx: CommandContext) {
  return (eb: PersonBuilder): Expression<SqlBool> => casesOfPersonExist(eb, true, ctx);
}

/**
 * A WHERE expression over alias `p` (people): the actor sees everything about the person — an ordinary person, or
 * one whose restricted case the actor may see. Contacts given inside the compartment and the person's audit trail
 * are shown only under this filter.
 */
export function personInsiderFilter(ctx: CommandContext) {
  return (eb: PersonBuilder): Expression<SqlBool> => {
    if (ctx.actor.via === 'system') return eb('p.agency_id', '=', ctx.agency.id);
    return eb.and([
      eb('p.agency_id', '=', ctx.agency.id),
      eb.or([eb.not(compartmented(eb)), casesOfPersonExist(eb, true, ctx)]),
    ]);
  };
}

/**
 * A WHERE expression over alias `p` (people) that keeps only the people the actor may see: insiders see everyone;
 * others do not see a person flagged confidential or known only from restricted cases — not even in a count.
 */
export function visiblePeopleFilter(ctx: CommandContext) {
  return (eb: PersonBuilder): Expression<SqlBool> => {
    if (ctx.actor.via === 'system') return eb('p.agency_id', '=', ctx.agency.id);
    const ordinaryFacts = eb.and([
      eb('p.confidential_reason', 'is', null),
      eb.or([eb.not(casesOfPersonExist(eb, true, null)), casesOfPersonExist(eb, false, null)]),
    ]);
    return eb.and([eb('p.agency_id', '=', ctx.agency.id), eb.or([ordinaryFacts, casesOfPersonExist(eb, true, ctx)])]);
  };
}

/** Whether the actor sees only the ordinary part of a person (contacts given in the compartment hidden). */
export interface PersonSight {
  /** The actor may see a restricted case of the person, or the person is not in the compartment at all. */
  insider: boolean;
  /** The person has restricted cases (whether or not the actor sees them) or is flagged confidential. */
  compartmented: boolean;
}

/** Refuses a merge that would move a person's restricted cases for an actor who may not see them. */
export function authorizeCompartmentMerge(sights: PersonSight[]): void {
  if (sights.some((s) => !s.insider)) {
    throw new AppError(
      'forbidden',
      'This record can be merged only by staff who may see all of its cases; ask the unit that holds them.',
    );
  }
}

/** Refuses flagging a person confidential by someone who does not hold one of their restricted cases. */
export function authorizeConfidentialFlag(sight: PersonSight, seesRestrictedCase: boolean): void {
  if (!seesRestrictedCase || !sight.insider) {
    throw new AppError(
      'validation_failed',
      'confidentialReason: a person is kept confidential by the unit of one of their restricted cases; restrict the case first.',
      [{ field: 'confidentialReason', message: 'needs a restricted case of this person that you may see' }],
    );
  }
}

/** A WHERE expression over alias `p` (people): the person is a party under a protective order somewhere. */
export function underProtectiveOrder(eb: PersonBuilder): Expression<SqlBool> {
  return protectiveOrdersOf(eb, null);
}

/**
 * A WHERE expression over alias `p` (people): the person's whereabouts (addresses) may be shown to the reader —
 * no protective order, or the reader is named on one of them. `null` is a notice to someone else or an export:
 * never shown there. The one rule for whereabouts; every reader of addresses of people goes through it.
 */
export function whereaboutsShownFilter(ctx: CommandContext | null) {
  return (eb: PersonBuilder): Expression<SqlBool> => {
    const free = eb.not(protectiveOrdersOf(eb, null));
    if (!ctx || !ctx.actor.userId) return free;
    return eb.or([free, protectiveOrdersOf(eb, ctx.actor.userId)]);
  };
}

/** Whether a party's protective order names the actor (who alone may change or lift it). */
export function namedOnProtectiveOrder(ctx: CommandContext, party: { protected_staff_user_ids: number[] }): boolean {
  return Boolean(ctx.actor.userId) && party.protected_staff_user_ids.includes(ctx.actor.userId);
}

/** Refuses a change to a protective order by someone it does not name (they could otherwise add themselves). */
export function authorizeProtectiveOrderChange(
  ctx: CommandContext,
  party: { protective_order: boolean; protected_staff_user_ids: number[] },
): void {
  if (party.protective_order && !namedOnProtectiveOrder(ctx, party)) {
    throw new AppError(
      'forbidden',
      'Only the staff named on the protective order may change this party; ask one of them.',
    );
  }
}
