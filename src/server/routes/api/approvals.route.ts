// GET /approvals: the template, procedure and material versions waiting for the signed-in user's approval.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../auth/authenticate.ts';
import { pendingApprovals } from '../../commands/approvals/pending-approvals.ts';
import { PendingApprovalsSchema } from '../../../shared/approvals.ts';

export function approvalRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/approvals',
    {
      schema: {
        tags: ['configuration'],
        summary:
          'What waits for my approval: submitted template versions (not my own), draft procedures and draft materials, ' +
          'as far as my role decides them; oldest first.',
        response: { 200: PendingApprovalsSchema },
      },
    },
    async (req) => pendingApprovals(requireContext(req)),
  );
}
