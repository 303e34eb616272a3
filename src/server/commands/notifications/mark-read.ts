// Marking notifications read: one, or all of the signed-in person's. A person's own inbox state, so no audit
// event (it changes nothing anyone else relies on); a notification of someone else does not exist for them.
import type { CommandContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { findOwnNotification, markRead, unreadCount } from '../../repositories/notifications.ts';

/** Marks one of the actor's notifications read (again is fine); returns the unread count after it. */
export async function markNotificationRead(ctx: CommandContext, id: number): Promise<{ unread: number }> {
  return ctx.db.transaction().execute(async (tx) => {
    const own = await findOwnNotification(tx, ctx.agency.id, ctx.actor.userId, id);
    if (!own) throw notFound(`Notification ${id}`);
    await markRead(tx, ctx.agency.id, ctx.actor.userId, id, new Date());
    return { unread: await unreadCount(tx, ctx.agency.id, ctx.actor.userId) };
  });
}

/** Marks every unread notification of the actor read; returns how many changed. */
export async function markAllNotificationsRead(ctx: CommandContext): Promise<{ marked: number; unread: number }> {
  return ctx.db.transaction().execute(async (tx) => {
    const marked = await markRead(tx, ctx.agency.id, ctx.actor.userId, 'all', new Date());
    return { marked, unread: 0 };
  });
}
