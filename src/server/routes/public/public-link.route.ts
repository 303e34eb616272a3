// Staff API: the public status link of a case, so that staff can give it out by phone or in a letter.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../auth/authenticate.ts';
import { issuePublicLink } from '../../commands/portal/public-status.ts';
import type { RouteDependencies } from '../api/route-dependencies.ts';
import { PublicLinkSchema } from '../../../shared/cases.ts';

/**
 * POST /cases/:trackingNumber/public-link (registered under /api/v1): creates the access code on first use, so it is
 * a POST — a change, guarded by the session's CSRF token — not a GET a link or an image could trigger.
 */
export function publicLinkRoutes(app: FastifyInstance, deps: RouteDependencies): void {
  app.withTypeProvider<TypeBoxTypeProvider>().post(
    '/cases/:trackingNumber/public-link',
    {
      schema: {
        tags: ['cases'],
        summary:
          "Create (or repeat) the case's public status page address with its access code, to give to the constituent.",
        params: Type.Object({ trackingNumber: Type.String({ minLength: 1, maxLength: 60 }) }),
        response: { 200: PublicLinkSchema },
      },
    },
    async (req) => issuePublicLink(requireContext(req), deps.config, req.params.trackingNumber),
  );
}
