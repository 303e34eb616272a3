// /subjects: the two-level subject taxonomy. GET answers a bare array of {code, name, parentCode, active} (a public
// contract other tools read); POST and PATCH are for administrators.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import { createSubject, listAgencySubjects, updateSubjectSettings } from '../../../commands/admin/admin-subjects.ts';
import type { RouteDependencies } from '../route-dependencies.ts';
import { requireSomeChange } from './require-some-change.ts';

const Subject = Type.Object({
  code: Type.String(),
  name: Type.String(),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
});

/** Registers the subject routes. */
export function subjectRoutes(app: FastifyInstance, _deps: RouteDependencies): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/subjects',
    {
      schema: {
        tags: ['configuration'],
        summary: 'The subject taxonomy, parents before children (a bare array).',
        querystring: Type.Object({ active: Type.Optional(Type.Boolean()) }),
        response: { 200: Type.Array(Subject) },
      },
    },
    async (req) => listAgencySubjects(requireContext(req), req.query.active),
  );

  api.post(
    '/subjects',
    {
      schema: {
        tags: ['configuration'],
        summary: 'Add a subject; a child code is PARENT.CHILD (administrators).',
        body: Type.Object({
          code: Type.String({ minLength: 1, maxLength: 61 }),
          name: Type.String({ minLength: 1, maxLength: 200 }),
          parentCode: Type.Optional(Type.Union([Type.String({ maxLength: 30 }), Type.Null()])),
          active: Type.Optional(Type.Boolean()),
        }),
        response: { 201: Subject },
      },
    },
    async (req, reply) => reply.status(201).send(await createSubject(requireContext(req), req.body)),
  );

  api.patch(
    '/subjects/:code',
    {
      schema: {
        tags: ['configuration'],
        summary: 'Rename or (de)activate a subject; deactivating a parent deactivates its children (administrators).',
        params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 61 }) }),
        body: Type.Object({
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          active: Type.Optional(Type.Boolean()),
        }),
        response: { 200: Subject },
      },
    },
    async (req) => {
      requireSomeChange(req.body);
      return updateSubjectSettings(requireContext(req), req.params.code, req.body);
    },
  );
}
