// The referrals queue of a unit: what other units asked it and when the answer is due. Answering goes through
// POST /cases/{tn}/referrals/{id}/reply.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import { referralQueue } from '../../../queries/referral-queue-queries.ts';
import { ReferralQueueQuery, ReferralQueueSchema } from '../../../../shared/referrals.ts';

export function referralRoutes(app: FastifyInstance): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/referrals',
    {
      schema: {
        tags: ['cases'],
        summary: 'Referrals to a unit (default: all of mine), open ones by default, the earliest due first.',
        querystring: ReferralQueueQuery,
        response: { 200: ReferralQueueSchema },
      },
    },
    async (req) => ({ items: await referralQueue(requireContext(req), req.query) }),
  );
}
