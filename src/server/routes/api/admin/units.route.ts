// /units: the teams items are routed to, with member counts. Reads for everyone signed in; changes for
// administrators.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import { createUnit, listAgencyUnits, updateUnitSettings } from '../../../commands/admin/admin-units.ts';
import type { RouteDependencies } from '../route-dependencies.ts';
import { IdParams, UnitSchema } from '../../../../shared/admin.ts';
import { requireSomeChange } from './require-some-change.ts';

/** Registers the unit routes. */
export function unitRoutes(app: FastifyInstance, _deps: RouteDependencies): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/units',
    {
      schema: {
        tags: ['configuration'],
        summary: 'Units with their member counts, by code.',
        response: { 200: Type.Array(UnitSchema) },
      },
    },
    async (req) => listAgencyUnits(requireContext(req)),
  );

  api.post(
    '/units',
    {
      schema: {
        tags: ['configuration'],
        summary: 'Add a unit (administrators).',
        response: { 201: UnitSchema },
        body: Type.Object({
          code: Type.String({ minLength: 1, maxLength: 20 }),
          name: Type.String({ minLength: 1, maxLength: 200 }),
          active: Type.Optional(Type.Boolean()),
        }),
      },
    },
    async (req, reply) =>
      reply.status(201).send({ ...(await createUnit(requireContext(req), req.body)), memberCount: 0 }),
  );

  api.patch(
    '/units/:id',
    {
      schema: {
        tags: ['configuration'],
        summary: 'Rename or (de)activate a unit; the code never changes (administrators).',
        response: { 200: UnitSchema },
        params: IdParams,
        body: Type.Object({
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          active: Type.Optional(Type.Boolean()),
        }),
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      requireSomeChange(req.body);
      const unit = await updateUnitSettings(ctx, req.params.id, req.body);
      const counted = (await listAgencyUnits(ctx)).find((u) => u.id === unit.id);
      return { ...unit, memberCount: counted?.memberCount ?? 0 };
    },
  );
}
