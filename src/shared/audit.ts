// The audit log's contract: filters (including kind=reads), and the page of events (who changed what, when, with the
// request id and client address).
import { Type } from '@sinclair/typebox';
import { AuditChangeSchema } from './cases.ts';
import { Nullable } from './schema-helpers.ts';

export const AuditLogQuery = Type.Object({
  entityType: Type.Optional(Type.String({ maxLength: 50 })),
  entityId: Type.Optional(Type.String({ maxLength: 100 })),
  action: Type.Optional(Type.String({ maxLength: 100 })),
  kind: Type.Optional(
    Type.Literal('reads', {
      description:
        'reads: views of restricted cases and confidential people, and every download (case.viewed, ' +
        'person.viewed, export.downloaded), each with the client address.',
    }),
  ),
  actor: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
  from: Type.Optional(Type.String({ maxLength: 40 })),
  to: Type.Optional(Type.String({ maxLength: 40 })),
  beforeId: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
});

export const AuditLogEntrySchema = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actor: Type.String(),
  actorUserId: Nullable(Type.Integer()),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Nullable(Type.String()),
  changes: Type.Array(AuditChangeSchema),
  reason: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
  ipAddress: Nullable(Type.String({ description: 'The client address, recorded for reads and sign-ins.' })),
});

export const AuditLogPageSchema = Type.Object({
  items: Type.Array(AuditLogEntrySchema),
  nextBeforeId: Nullable(Type.Integer({ description: 'beforeId of the next page; null on the last page' })),
});
