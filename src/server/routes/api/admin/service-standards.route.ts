// /service-standards: first-response and resolution targets and which items they apply to. Reads for everyone
// signed in; changes (with optimistic versions) for administrators.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import {
  createServiceStandard,
  listAgencyServiceStandards,
  removeServiceStandard,
  updateServiceStandardSettings,
} from '../../../commands/admin/admin-service-standards.ts';
import type { StandardMatch, Target } from '../../../db/schema.ts';
import type { RouteDependencies } from '../route-dependencies.ts';
import {
  IdParams,
  NoContent,
  Position,
  ServiceStandardListSchema,
  ServiceStandardSchema,
  StandardMatchSchema,
  TargetSchema,
  VersionQuery,
} from '../../../../shared/admin.ts';

const StandardFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  position: Type.Optional(Position),
  match: StandardMatchSchema,
  firstResponse: TargetSchema,
  resolution: TargetSchema,
  warningPercent: Type.Optional(Type.Integer({ minimum: 1, maximum: 99 })),
  active: Type.Optional(Type.Boolean()),
};

/** Registers the service-standard routes. */
export function serviceStandardRoutes(app: FastifyInstance, _deps: RouteDependencies): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/service-standards',
    {
      schema: {
        tags: ['configuration'],
        summary: 'Service standards in selection order (position, then id).',
        response: { 200: ServiceStandardListSchema },
      },
    },
    async (req) => listAgencyServiceStandards(requireContext(req)),
  );

  api.post(
    '/service-standards',
    {
      schema: {
        tags: ['configuration'],
        summary: 'Add a service standard; without a position it goes last (administrators).',
        response: { 201: ServiceStandardSchema },
        body: Type.Object(StandardFields),
      },
    },
    async (req, reply) => {
      const { match, firstResponse, resolution, ...rest } = req.body;
      const created = await createServiceStandard(requireContext(req), {
        ...rest,
        match: match as StandardMatch,
        firstResponse: firstResponse as Target | null,
        resolution: resolution as Target | null,
      });
      return reply.status(201).send(created);
    },
  );

  api.patch(
    '/service-standards/:id',
    {
      schema: {
        tags: ['configuration'],
        summary:
          'Change a service standard; expectedVersion must be the version you edited, else 409 (administrators).',
        params: IdParams,
        response: { 200: ServiceStandardSchema },
        body: Type.Object({
          ...Type.Partial(Type.Object(StandardFields)).properties,
          expectedVersion: Type.Integer({ minimum: 1 }),
        }),
      },
    },
    async (req) => {
      const { match, firstResponse, resolution, ...rest } = req.body;
      return updateServiceStandardSettings(requireContext(req), req.params.id, {
        ...rest,
        ...(match !== undefined ? { match: match as StandardMatch } : {}),
        ...(firstResponse !== undefined ? { firstResponse: firstResponse as Target | null } : {}),
        ...(resolution !== undefined ? { resolution: resolution as Target | null } : {}),
      });
    },
  );

  api.delete(
    '/service-standards/:id',
    {
      schema: {
        tags: ['configuration'],
        summary:
          'Delete a service standard no rule or case uses; ?expectedVersion= guards the delete (administrators).',
        params: IdParams,
        querystring: VersionQuery,
        response: { 204: NoContent },
      },
    },
    async (req, reply) => {
      await removeServiceStandard(requireContext(req), req.params.id, req.query.expectedVersion);
      return reply.status(204).send();
    },
  );
}
