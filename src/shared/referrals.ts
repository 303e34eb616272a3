// Request and response schemas of a unit's referrals queue (the referrals other units sent it, to answer).
import { Type, type Static } from '@sinclair/typebox';

export const ReferralQueueQuery = Type.Object({
  unit: Type.Optional(Type.String({ maxLength: 100, description: 'a unit code; default: every unit I belong to' })),
  status: Type.Optional(
    Type.Union([Type.Literal('open'), Type.Literal('answered'), Type.Literal('withdrawn'), Type.Literal('all')]),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});

export const ReferralQueueItemSchema = Type.Object({
  id: Type.Integer(),
  trackingNumber: Type.String(),
  unit: Type.String(),
  unitName: Type.String(),
  request: Type.String(),
  dueDate: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  overdue: Type.Boolean(),
  status: Type.Union([Type.Literal('open'), Type.Literal('answered'), Type.Literal('withdrawn')]),
  reply: Type.Union([Type.String(), Type.Null()]),
  repliedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  referredBy: Type.Union([Type.String(), Type.Null()]),
  escalationLevel: Type.Integer(),
});
export type ReferralQueueItem = Static<typeof ReferralQueueItemSchema>;

export const ReferralQueueSchema = Type.Object({ items: Type.Array(ReferralQueueItemSchema) });
export type ReferralQueue = Static<typeof ReferralQueueSchema>;
