// The signed-in person's notifications: the inbox with its unread count, marking read, the email preference.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import { markAllNotificationsRead, markNotificationRead } from '../../../commands/notifications/mark-read.ts';
import { setNotificationEmailPreference } from '../../../commands/notifications/email-preference.ts';
import { emailPreference, inbox, unreadCount, type InboxRow } from '../../../repositories/notifications.ts';
import {
  EmailPreferenceResponseSchema,
  EmailPreferenceSchema,
  MarkAllReadSchema,
  NotificationListQuery,
  NotificationListSchema,
  NotificationParams,
  UnreadSchema,
  type Notification,
} from '../../../../shared/notifications.ts';

function present(row: InboxRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    ...(row.tracking_number ? { trackingNumber: row.tracking_number } : {}),
    ...(row.template_id !== null ? { templateId: row.template_id } : {}),
    ...(row.referral_id !== null ? { referralId: row.referral_id } : {}),
    ...(row.action_plan_id !== null ? { actionPlanId: row.action_plan_id } : {}),
    ...(row.project_id !== null ? { projectId: row.project_id } : {}),
    ...(row.procedure_id !== null ? { procedureId: row.procedure_id } : {}),
    summary: row.summary,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at ? row.read_at.toISOString() : null,
  };
}

export function notificationRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'My notifications, newest first, with the unread count (unread=true for the unread only).',
        querystring: NotificationListQuery,
        response: { 200: NotificationListSchema },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      const limit = req.query.limit ?? 50;
      const rows = await inbox(ctx.db, ctx.agency.id, ctx.actor.userId, {
        limit: limit + 1,
        beforeId: req.query.beforeId,
        unreadOnly: req.query.unread === 'true',
      });
      const page = rows.slice(0, limit);
      return {
        items: page.map(present),
        unread: await unreadCount(ctx.db, ctx.agency.id, ctx.actor.userId),
        nextBeforeId: rows.length > limit ? page[page.length - 1]!.id : null,
      };
    },
  );

  api.post(
    '/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of my notifications read.',
        params: NotificationParams,
        response: { 200: UnreadSchema },
      },
    },
    async (req) => markNotificationRead(requireContext(req), req.params.id),
  );

  api.post(
    '/notifications/read-all',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark all my notifications read.',
        response: { 200: MarkAllReadSchema },
      },
    },
    async (req) => markAllNotificationsRead(requireContext(req)),
  );

  api.get(
    '/notifications/preferences',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Which notifications are emailed to me (null: not chosen — only escalations are emailed).',
        response: { 200: EmailPreferenceResponseSchema },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      return { email: await emailPreference(ctx.db, ctx.agency.id, ctx.actor.userId) };
    },
  );

  api.put(
    '/notifications/preferences',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Choose which notifications are emailed to me: immediate, daily_digest or off.',
        body: EmailPreferenceSchema,
        response: { 200: EmailPreferenceResponseSchema },
      },
    },
    async (req) => setNotificationEmailPreference(requireContext(req), req.body.email),
  );
}
