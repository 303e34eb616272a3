// /open311-keys: API keys of 311 systems for Open311 POST requests (administrators). POST answers the key once;
// GET lists keys without secrets; DELETE revokes.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import {
  createOpen311Key,
  listOpen311Keys,
  revokeOpen311Key,
  type Open311KeyRecord,
} from '../../../commands/open311/open311-keys.ts';
import { Open311KeyCreatedSchema, Open311KeySchema } from '../../../../shared/open311.ts';

const Key = Open311KeySchema;

const present = (key: Open311KeyRecord) => ({
  id: key.id,
  name: key.name,
  createdAt: key.createdAt.toISOString(),
  revokedAt: key.revokedAt?.toISOString() ?? null,
});

/** Registers the Open311 key routes. */
export function open311KeyRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.post(
    '/open311-keys',
    {
      schema: {
        tags: ['configuration'],
        summary: 'Issue an Open311 API key; the key is shown in this answer only (administrators).',
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 201: Open311KeyCreatedSchema },
      },
    },
    async (req, reply) => {
      const created = await createOpen311Key(requireContext(req), req.body);
      return reply.status(201).send({ ...present(created), apiKey: created.apiKey });
    },
  );

  api.get(
    '/open311-keys',
    {
      schema: {
        tags: ['configuration'],
        summary: "The agency's Open311 API keys, newest first, without secrets (administrators).",
        response: { 200: Type.Array(Key) },
      },
    },
    async (req) => (await listOpen311Keys(requireContext(req))).map(present),
  );

  api.delete(
    '/open311-keys/:id',
    {
      schema: {
        tags: ['configuration'],
        summary: 'Revoke an Open311 API key at once (administrators).',
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) }),
        response: { 200: Key },
      },
    },
    async (req) => present(await revokeOpen311Key(requireContext(req), req.params.id)),
  );
}
