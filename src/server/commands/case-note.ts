// Internal notes and findings on a case's timeline (never shown to the public).
import type { CommandContext } from '../context.ts';
import { mutateCase } from './case-mutation.ts';

/** Adds an internal note; a unit liaison's note on a case of their unit is how findings are recorded. */
export async function addCaseNote(ctx: CommandContext, trackingNumber: string, body: string) {
  let entryId = 0;
  const row = await mutateCase(
    ctx,
    { trackingNumber, action: 'case:note', auditAction: 'case.note_added' },
    async (tx, current) => {
      const entry = await tx
        .insertInto('timeline_entries')
        .values({
          agency_id: ctx.agency.id,
          case_id: current.id,
          kind: 'note',
          author_user_id: ctx.actor.userId || null,
          body,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      entryId = entry.id;
      return { patch: {}, auditAfter: { note: body.slice(0, 500) } };
    },
  );
  return { case: row, entryId };
}
