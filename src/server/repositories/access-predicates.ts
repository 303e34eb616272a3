// The SQL pieces of the access policies (policies/case-access.ts, policies/person-access.ts): EXISTS subqueries over
// alias `c` (cases) and `p` (people) that a policy composes with and/or/not into its filter. The rules — who sees
// which case or person, whose whereabouts are shown — are written in the policies; these only say how to look.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../db/schema.ts';

/** An expression builder over alias `c` (cases). */
export type CaseBuilder = ExpressionBuilder<Database & { c: Database['cases'] }, 'c'>;
/** An expression builder over alias `p` (people). */
export type PersonBuilder = ExpressionBuilder<Database & { p: Database['people'] }, 'p'>;
/** A WHERE expression over alias `c` (cases). */
export type CaseFilter = (eb: CaseBuilder) => Expression<SqlBool>;

/** The case names the user (case_access: given access to it by name). */
export function caseNamesUser(eb: CaseBuilder, userId: number): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom('case_access as a')
      .select('a.case_id')
      .whereRef('a.agency_id', '=', 'c.agency_id')
      .whereRef('a.case_id', '=', 'c.id')
      .where('a.user_id', '=', userId),
  );
}

/** The case has a referral (open or answered) to one of the units. */
export function caseReferredToUnits(eb: CaseBuilder, unitIds: readonly number[]): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom('referrals as r')
      .select('r.id')
      .whereRef('r.agency_id', '=', 'c.agency_id')
      .whereRef('r.case_id', '=', 'c.id')
      .where('r.unit_id', 'in', unitIds),
  );
}

/**
 * The person has cases (as writer or as the one written about), restricted or ordinary as asked, among those
 * `caseFilter` keeps (any case when null); a merged record answers for the live one.
 */
export function casesOfPersonExist(
  eb: PersonBuilder,
  restricted: boolean,
  caseFilter: CaseFilter | null,
): Expression<SqlBool> {
  const live = eb.fn.coalesce('p.merged_into_id', 'p.id');
  let cases = eb
    .selectFrom('cases as c')
    .select('c.id')
    .whereRef('c.agency_id', '=', 'p.agency_id')
    .where('c.restricted', '=', restricted)
    .where((c) => c.or([c('c.person_id', '=', live), c('c.on_behalf_of_person_id', '=', live)]));
  if (caseFilter) cases = cases.where(caseFilter);
  return eb.exists(cases);
}

/** Protective orders of the person (as a party of a case or complaint); only those naming `userId` when given. */
export function protectiveOrdersOf(eb: PersonBuilder, namingUserId: number | null): Expression<SqlBool> {
  let orders = eb
    .selectFrom('case_parties as pp')
    .select('pp.id')
    .whereRef('pp.agency_id', '=', 'p.agency_id')
    .whereRef('pp.person_id', '=', 'p.id')
    .where('pp.protective_order', '=', true);
  if (namingUserId !== null) orders = orders.where(sql<SqlBool>`${namingUserId} = any(pp.protected_staff_user_ids)`);
  return eb.exists(orders);
}
