// The repeat-contact rule of the ombudsperson's office (DOMAIN.md §4): a contact of the same person on the same
// subject within the agency's repeat-contact days of an earlier one. The earlier contact's tracking number is shown
// on every case (repeatOf); like the case list's repeatContact filter, only cases the reader may see count.
import { sql } from 'kysely';
import type { CommandContext } from '../context.ts';
import { visibleCasesFilter } from '../policies/case-access.ts';
import { REPEAT_CONTACT_DAYS } from './case-list-queries.ts';

export interface RepeatSubject {
  id: number;
  person_id: number | null;
  subject_code: string | null;
  received_at: Date;
}

/**
 * The tracking number of the latest earlier visible, not merged case of the same person and subject received at
 * most `days` local days before this one; null when there is none (or the case has no person or subject).
 */
export async function repeatOf(
  ctx: CommandContext,
  current: RepeatSubject,
  days: number = REPEAT_CONTACT_DAYS,
): Promise<string | null> {
  if (current.person_id === null || current.subject_code === null) return null;
  const zone = ctx.agency.timeZone;
  const row = await ctx.db
    .selectFrom('cases as c')
    .select('c.tracking_number')
    .where(visibleCasesFilter(ctx))
    .where('c.person_id', '=', current.person_id)
    .where('c.subject_code', '=', current.subject_code)
    .where('c.merged_into_id', 'is', null)
    .where('c.id', '!=', current.id)
    .where(sql<boolean>`(c.received_at, c.id) < (${current.received_at}::timestamptz, ${current.id}::int)`)
    .where(
      sql<boolean>`(${current.received_at}::timestamptz at time zone ${zone})::date - (c.received_at at time zone ${zone})::date <= ${days}`,
    )
    .orderBy('c.received_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.tracking_number ?? null;
}
