// Work queues at a glance, search across cases and people, and bulk work on many cases at once (assign, route,
// change status, or answer a batch of similar items with one template).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import { getCaseView, listCases, queueCounts } from '../../../queries/case-list-queries.ts';
import { searchPeopleList } from '../../../queries/people-queries.ts';
import { assignCase } from '../../../commands/cases/case-assign.ts';
import { routeCase } from '../../../commands/cases/case-route.ts';
import { changeCaseStatus } from '../../../commands/cases/case-status.ts';
import { respondToCase } from '../../../commands/cases/case-respond.ts';
import { AppError, invalid } from '../../../errors.ts';
import { presentCase } from './case-presenter.ts';
import {
  BulkActionBody,
  BulkActionResultSchema,
  QueueCountsSchema,
  SearchQuery,
  SearchResultsSchema,
} from '../../../../shared/cases.ts';
import type { ErrorBodySchema } from '../../../../shared/schema-helpers.ts';
import type { Static } from '@sinclair/typebox';
import type { RouteDependencies } from '../route-dependencies.ts';
import { presentError } from '../../../error-response.ts';

export function caseQueueRoutes(app: FastifyInstance, deps: RouteDependencies): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/queues/counts',
    {
      schema: {
        tags: ['cases'],
        summary: 'Open cases in each work queue the caller sees.',
        response: { 200: QueueCountsSchema },
      },
    },
    async (req) => queueCounts(requireContext(req)),
  );

  api.get(
    '/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Full-text search across cases, their correspondence and people, ranked, scoped by policy.',
        querystring: SearchQuery,
        response: { 200: SearchResultsSchema },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      const limit = req.query.limit ?? 10;
      const [cases, people] = await Promise.all([
        listCases(ctx, { q: req.query.q, limit }),
        searchPeopleList(ctx, { q: req.query.q, limit }),
      ]);
      return {
        cases: { items: cases.items.map(presentCase), total: cases.total },
        people: { items: people.items, total: people.total },
      };
    },
  );

  api.post(
    '/cases/bulk',
    {
      schema: {
        tags: ['cases'],
        summary: 'Apply one action to many cases; each case succeeds or fails on its own and the result lists both.',
        body: BulkActionBody,
        response: { 200: BulkActionResultSchema },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      const body = req.body;
      const required: Record<typeof body.action, (keyof typeof body)[]> = {
        assign: ['assigneeId'],
        route: ['unit'],
        status: ['status'],
        close: [],
        respond: ['channel'],
      };
      for (const field of required[body.action]) {
        if (body[field] === undefined) throw invalid(field, `is required for action ${body.action}`);
      }
      if (body.action === 'respond' && !body.templateId && !body.templateCode) {
        throw invalid('templateCode', 'a batch answer uses an approved template (templateId or templateCode)');
      }
      const results = [];
      for (const trackingNumber of [...new Set(body.trackingNumbers)]) {
        try {
          if (body.action === 'assign')
            await assignCase(ctx, { trackingNumber, assigneeId: body.assigneeId ?? null, reason: body.reason });
          else if (body.action === 'route')
            await routeCase(ctx, { trackingNumber, unit: body.unit!, reason: body.reason });
          else if (body.action === 'respond') {
            await respondToCase(
              ctx,
              {
                trackingNumber,
                channel: body.channel!,
                templateId: body.templateId,
                templateCode: body.templateCode,
                responseText: body.responseText,
                close: body.close,
                allowEmptyFields: body.allowEmptyFields,
              },
              deps.config.publicUrl,
            );
          } else {
            await changeCaseStatus(ctx, {
              trackingNumber,
              status: body.action === 'close' ? 'closed' : body.status!,
              reason: body.reason,
            });
          }
          results.push({ trackingNumber, ok: true, case: presentCase(await getCaseView(ctx, trackingNumber)) });
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          results.push({
            trackingNumber,
            ok: false,
            error: (presentError(error, req.id).body as Static<typeof ErrorBodySchema>).error,
          });
        }
      }
      return { succeeded: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length, results };
    },
  );
}
