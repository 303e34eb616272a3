// Internal notes and findings on a case's timeline (never shown to the public).
import type { CommandContext } from '../../context.ts';
import { mutateCase } from './case-mutation.ts';
import { notify } from '../notifications/notify.ts';
import { mentionedHandles, mentionMatches } from '../../../domain/mentions.ts';
import { mentionableUsers } from '../../repositories/notifications.ts';
import { insertTimelineEntry } from '../../repositories/timeline.ts';

/**
 * Adds an internal note; a unit liaison's note on a case of their unit is how findings are recorded. Colleagues
 * named with @handle (see domain/mentions.ts) are notified, if they may see the case.
 */
export async function addCaseNote(ctx: CommandContext, trackingNumber: string, body: string) {
  let entryId = 0;
  const row = await mutateCase(
    ctx,
    { trackingNumber, action: 'case:note', auditAction: 'case.note_added' },
    async (tx, current) => {
      entryId = await insertTimelineEntry(tx, {
        agency_id: ctx.agency.id,
        case_id: current.id,
        kind: 'note',
        author_user_id: ctx.actor.userId || null,
        body,
      });
      const handles = mentionedHandles(body);
      if (handles.length) {
        const named = (await mentionableUsers(tx, ctx.agency.id)).filter((user) =>
          handles.some((handle) => mentionMatches(handle, user)),
        );
        await notify(tx, ctx, {
          kind: 'mentioned',
          to: { userIds: named.map((user) => user.id) },
          summary: `${ctx.actor.name} mentioned you in a note on case ${current.tracking_number}`,
          caseId: current.id,
          trackingNumber: current.tracking_number,
        });
      }
      return { patch: {}, auditAfter: { note: body.slice(0, 500) } };
    },
  );
  return { case: row, entryId };
}
