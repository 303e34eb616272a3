// Who may open a saved view or a saved report: the owner, anyone when it is shared with the agency, the members of
// the unit it is shared with; administrators open every one of their agency, so that they can tidy up after people
// who have left. One rule for both, written over alias `r` of either table.
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Actor } from '../context.ts';

/** The sharing columns saved views and saved reports have alike. */
interface SharedRow {
  owner_user_id: number;
  shared_with: 'private' | 'unit' | 'agency';
  shared_unit_id: number | null;
}

/** A WHERE expression builder over alias `r`: a saved view or a saved report. */
export type SharedRowBuilder = ExpressionBuilder<{ r: SharedRow }, 'r'>;

/** The filter of the saved views or reports the actor may open (null: every one of the agency). */
export function sharedDefinitionsFilter(actor: Actor): ((eb: SharedRowBuilder) => Expression<SqlBool>) | null {
  if (actor.role === 'administrator') return null;
  const unitIds = actor.unitIds.length ? actor.unitIds : [-1];
  return (eb) =>
    eb.or([
      eb('r.owner_user_id', '=', actor.userId),
      eb('r.shared_with', '=', 'agency'),
      eb.and([eb('r.shared_with', '=', 'unit'), eb('r.shared_unit_id', 'in', unitIds)]),
    ]);
}
