// The email API's contract: campaigns (many emails about one thing), quarantined mail, and the IMAP mailbox an
// email channel polls.
import { Type } from '@sinclair/typebox';
import { Nullable } from './schema-helpers.ts';

/** A Date presented as an ISO 8601 string (fast-json-stringify formats it). */
export const DateTime = Type.Unsafe<Date>({ type: 'string', format: 'date-time' });
export const MailboxSlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 50 }) });
export const MailListQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) });

export const CampaignSchema = Type.Object({
  key: Type.String(),
  tag: Type.String({ description: 'The tag on every case of the campaign.' }),
  subject: Type.String(),
  count: Type.Integer({ description: 'Cases of the campaign the caller may see.' }),
  senders: Type.Integer({ description: 'Distinct sender addresses among those cases.' }),
  openCount: Type.Integer(),
  firstReceivedAt: DateTime,
  lastReceivedAt: DateTime,
  trackingNumbers: Type.Array(Type.String()),
  openTrackingNumbers: Type.Array(Type.String()),
});

export const MailboxSchema = Type.Object({
  channel: Type.String(),
  host: Type.String(),
  port: Type.Integer(),
  secure: Type.Boolean(),
  username: Type.String(),
  hasPassword: Type.Boolean(),
  folder: Type.String(),
  moveTo: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
  lastPolledAt: Type.Union([DateTime, Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
});

export const MailboxBody = Type.Object(
  {
    host: Type.String({ minLength: 1, maxLength: 255 }),
    port: Type.Integer({ minimum: 1, maximum: 65535 }),
    secure: Type.Optional(Type.Boolean()),
    username: Type.String({ minLength: 1, maxLength: 320 }),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    folder: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    moveTo: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()])),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const QuarantinedMailSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  reason: Nullable(Type.String()),
  trackingNumber: Nullable(Type.String()),
  channel: Nullable(Type.String()),
  envelopeFrom: Nullable(Type.String()),
  messageId: Nullable(Type.String()),
  subject: Nullable(Type.String()),
  sizeBytes: Type.Integer(),
  flagged: Type.Boolean(),
  receivedAt: DateTime,
});

export const MailPollResultSchema = Type.Object({
  fetched: Type.Integer(),
  casesCreated: Type.Integer(),
  replies: Type.Integer(),
  duplicates: Type.Integer(),
  quarantined: Type.Integer(),
  failed: Type.Integer(),
});
