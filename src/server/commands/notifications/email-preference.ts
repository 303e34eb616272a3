// A person's choice of which notifications reach them by email: immediately, in a daily digest, or never (the
// in-app inbox always has them). Escalations are mailed unless the person chose a digest or no email.
import type { CommandContext } from '../../context.ts';
import type { NotificationEmailPreference } from '../../db/schema.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { emailPreference, saveEmailPreference } from '../../repositories/notifications.ts';

/** Saves the actor's email preference and audits the change. */
export async function setNotificationEmailPreference(
  ctx: CommandContext,
  email: NotificationEmailPreference,
): Promise<{ email: NotificationEmailPreference }> {
  return ctx.db.transaction().execute(async (tx) => {
    const before = await emailPreference(tx, ctx.agency.id, ctx.actor.userId);
    await saveEmailPreference(tx, ctx.agency.id, ctx.actor.userId, email);
    await recordAudit(
      tx,
      { ...ctx, db: tx },
      {
        action: 'user.notification_email_changed',
        entityType: 'user',
        entityId: ctx.actor.userId,
        before: { notification_email: before },
        after: { notification_email: email },
      },
    );
    return { email };
  });
}
