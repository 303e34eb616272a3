// /retention: the agency's retention rules, the dry-run report and the run (administrators).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import {
  getRetentionRules,
  retentionDryRun,
  runRetention,
  setRetentionRules,
} from '../../../commands/admin/retention.ts';
import { RetentionReportSchema, RetentionRulesSchema } from '../../../../shared/retention.ts';
import type { RouteDependencies } from '../route-dependencies.ts';

/** Registers the retention routes. */
export function retentionRoutes(app: FastifyInstance, deps: RouteDependencies): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/retention/rules',
    {
      schema: {
        tags: ['configuration'],
        summary: 'The retention rules by case kind (administrators).',
        response: { 200: RetentionRulesSchema },
      },
    },
    async (req) => getRetentionRules(requireContext(req)),
  );
  api.put(
    '/retention/rules',
    {
      schema: {
        tags: ['configuration'],
        summary: 'Replace the retention rules (administrators).',
        body: RetentionRulesSchema,
        response: { 200: RetentionRulesSchema },
      },
    },
    async (req) => setRetentionRules(requireContext(req), req.body.rules),
  );
  api.get(
    '/retention/report',
    {
      schema: {
        tags: ['configuration'],
        summary: 'Dry run: what retention would anonymise or delete now, changing nothing (administrators).',
        response: { 200: RetentionReportSchema },
      },
    },
    async (req) => retentionDryRun(requireContext(req)),
  );
  api.post(
    '/retention/run',
    {
      schema: {
        tags: ['configuration'],
        summary: 'Apply the retention rules now (administrators).',
        response: { 200: RetentionReportSchema },
      },
    },
    async (req) => runRetention(requireContext(req), deps.config.dataDir),
  );
}
