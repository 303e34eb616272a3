// Request and response schemas of the notifications API (the in-app inbox and the email preference), shared by the
// server routes and the console.
import { Type, type Static } from '@sinclair/typebox';

/** A string that is one of `values` (a JSON-schema enum, typed as their union). */
const oneOf = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });

export const NOTIFICATION_KINDS = [
  'assigned',
  'referral',
  'reply',
  'escalated',
  'approval_requested',
  'mentioned',
  'deadline_warning',
  'action_overdue',
  'action_escalated',
  'repeat_contact',
  'milestone_due',
  'milestone_overdue',
  'procedure_review_due',
  'training_due',
  'training_overdue',
  'procedure_acknowledgement_due',
] as const;

export const NOTIFICATION_KIND_LABELS: Record<(typeof NOTIFICATION_KINDS)[number], string> = {
  assigned: 'Assigned to you',
  referral: 'Referral to your unit',
  reply: 'Reply',
  escalated: 'Escalated',
  approval_requested: 'Approval requested',
  mentioned: 'Mentioned',
  deadline_warning: 'Deadline near',
  action_overdue: 'Action overdue',
  action_escalated: 'Overdue action escalated',
  repeat_contact: 'Repeat contact',
  milestone_due: 'Milestone due soon',
  milestone_overdue: 'Milestone overdue',
  procedure_review_due: 'Procedure review due',
  training_due: 'Training due soon',
  training_overdue: 'Training overdue',
  procedure_acknowledgement_due: 'Procedure to acknowledge',
};

export const NotificationKindSchema = oneOf(NOTIFICATION_KINDS);

export const NotificationSchema = Type.Object({
  id: Type.Integer(),
  kind: NotificationKindSchema,
  trackingNumber: Type.Optional(Type.String()),
  templateId: Type.Optional(Type.Integer()),
  referralId: Type.Optional(Type.Integer()),
  actionPlanId: Type.Optional(Type.Integer()),
  projectId: Type.Optional(Type.Integer()),
  procedureId: Type.Optional(Type.Integer()),
  summary: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type Notification = Static<typeof NotificationSchema>;

export const NotificationListQuery = Type.Object({
  unread: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  beforeId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});

export const NotificationListSchema = Type.Object({
  items: Type.Array(NotificationSchema),
  unread: Type.Integer(),
  nextBeforeId: Type.Union([Type.Integer(), Type.Null()]),
});
export type NotificationList = Static<typeof NotificationListSchema>;

export const NotificationParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

export const UnreadSchema = Type.Object({ unread: Type.Integer() });
export const MarkAllReadSchema = Type.Object({ marked: Type.Integer(), unread: Type.Integer() });

export const EMAIL_PREFERENCES = ['immediate', 'daily_digest', 'off'] as const;
export const EmailPreferenceSchema = Type.Object(
  { email: Type.Union([Type.Literal('immediate'), Type.Literal('daily_digest'), Type.Literal('off')]) },
  { additionalProperties: false },
);
export const EmailPreferenceResponseSchema = Type.Object({
  email: Type.Union([oneOf(EMAIL_PREFERENCES), Type.Null()]),
});
export type EmailPreference = Static<typeof EmailPreferenceResponseSchema>;
