// The agency-wide audit log (JSON pages or a CSV download), scoped like every other read.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireContext } from '../../auth/authenticate.ts';
import { auditLog } from '../../queries/audit-log.ts';
import { auditToCsv } from '../../queries/case-timeline.ts';
import { invalid } from '../../errors.ts';

const instant = (field: string, value: string | undefined) => {
  if (!value) return undefined;
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime()))
    throw invalid(field, 'must be an ISO 8601 date or date-time');
  return date;
};

export function auditRoutes(app: FastifyInstance): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary:
          'The audit log: who changed what (field, old, new), when, with the request id. format=csv downloads it.',
        querystring: Type.Object({
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
        }),
      },
    },
    async (req, reply) => {
      const q = req.query;
      const page = await auditLog(requireContext(req), {
        entityType: q.entityType,
        entityId: q.entityId,
        action: q.action,
        kind: q.kind,
        actorUserId: q.actor,
        from: instant('from', q.from),
        to: instant('to', q.to),
        beforeId: q.beforeId,
        limit: q.limit ?? (q.format === 'csv' ? 10_000 : 100),
      });
      if (q.format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="audit-log.csv"')
          .send(auditToCsv(page.items));
      }
      return page;
    },
  );
}
