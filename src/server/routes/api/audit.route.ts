// The agency-wide audit log (JSON pages or a CSV download), scoped like every other read.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AuditLogPageSchema, AuditLogQuery } from '../../../shared/audit.ts';
import { JsonOrCsv } from '../../../shared/schema-helpers.ts';
import { requireContext } from '../../auth/authenticate.ts';
import { auditLog } from '../../queries/audit-log-queries.ts';
import { auditToCsv } from '../../queries/case-timeline-queries.ts';
import { invalid } from '../../errors.ts';
import { sendFile } from './file-answer.ts';

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
        querystring: AuditLogQuery,
        response: { 200: JsonOrCsv(AuditLogPageSchema) },
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
        return sendFile(reply, {
          body: auditToCsv(page.items),
          contentType: 'text/csv; charset=utf-8',
          fileName: 'audit-log.csv',
        });
      }
      return page;
    },
  );
}
