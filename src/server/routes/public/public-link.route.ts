// Staff API: the public status link of a case, so that staff can give it out by phone or in a letter.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../auth/authenticate.ts';
import { issuePublicLink } from '../../commands/public-status.ts';
import type { RouteDependencies } from '../api/route-dependencies.ts';

/** GET /cases/:trackingNumber/public-link (registered under /api/v1). */
export function publicLinkRoutes(app: FastifyInstance, deps: RouteDependencies): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/cases/:trackingNumber/public-link',
    {
      schema: {
        tags: ['cases'],
        summary: "The case's public status page address (with its access code) to give to the constituent.",
        params: Type.Object({ trackingNumber: Type.String({ minLength: 1, maxLength: 60 }) }),
        response: { 200: Type.Object({ url: Type.String(), accessCode: Type.String() }) },
      },
    },
    async (req) => issuePublicLink(requireContext(req), deps.config, req.params.trackingNumber),
  );
}
