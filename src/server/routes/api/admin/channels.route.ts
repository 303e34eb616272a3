// /channels: the doors cases come through. Anyone signed in lists them; administrators open and change them.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ChannelListSchema, ChannelSchema } from '../../../../shared/admin.ts';
import { requireContext } from '../../../auth/authenticate.ts';
import { createChannel, listAgencyChannels, updateChannel } from '../../../commands/admin/admin-channels.ts';

const ChannelFields = {
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  address: Type.Optional(Type.Union([Type.String({ maxLength: 320 }), Type.Null()])),
  phoneNumber: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
  publicForm: Type.Optional(Type.Boolean()),
  active: Type.Optional(Type.Boolean()),
  unitCode: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
  subjects: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 200 })),
  languages: Type.Optional(Type.Array(Type.String({ maxLength: 10 }), { maxItems: 20 })),
  serviceStandardId: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 2147483647 }), Type.Null()])),
  description: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
};

/** Registers the channel routes. */
export function channelRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/channels',
    {
      schema: {
        tags: ['configuration'],
        summary: "The agency's channels: {slug, type, name, address?, …}.",
        response: { 200: ChannelListSchema },
      },
    },
    async (req) => listAgencyChannels(requireContext(req)),
  );
  api.post(
    '/channels',
    {
      schema: {
        tags: ['configuration'],
        summary:
          'Open a channel, e.g. an emergency hotline with its own unit, standard and public form (administrators).',
        response: { 201: ChannelSchema },
        body: Type.Object(
          {
            slug: Type.String({ minLength: 1, maxLength: 50 }),
            type: Type.String({ minLength: 1, maxLength: 30 }),
            ...ChannelFields,
            name: Type.String({ minLength: 1, maxLength: 200 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => reply.status(201).send(await createChannel(requireContext(req), req.body)),
  );
  api.patch(
    '/channels/:slug',
    {
      schema: {
        tags: ['configuration'],
        summary: 'Change or close a channel (administrators).',
        response: { 200: ChannelSchema },
        params: Type.Object({ slug: Type.String({ minLength: 1, maxLength: 50 }) }),
        body: Type.Object(
          { ...ChannelFields, expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (req) => updateChannel(requireContext(req), req.params.slug, req.body),
  );
}
