// The people who write to the agency: search, create (with duplicate suggestions), the person with their case
// history, edit at a version, duplicate suggestions, and merge. Parse, call a command or query, present.
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import { invalid } from '../../../errors.ts';
import { createPerson } from '../../../commands/people/person-create.ts';
import { updatePerson } from '../../../commands/people/person-update.ts';
import { mergePeople } from '../../../commands/people/person-merge.ts';
import {
  duplicateSuggestions,
  getPersonWithHistory,
  disclosesProtectedWhereabouts,
  isInCompartment,
  searchPeopleList,
} from '../../../queries/people-queries.ts';
import { recordSensitiveRead } from '../../../commands/audit/sensitive-reads.ts';
import {
  CreatePersonBody,
  DuplicateSuggestionsSchema,
  MergePeopleBody,
  PeopleListSchema,
  PeopleMergedSchema,
  PeopleSearchQuery,
  PersonCreatedSchema,
  PersonParams,
  PersonWithHistorySchema,
  UpdatePersonBody,
} from '../../../../shared/people.ts';

const tags = ['people'];

/** The expected version from the body, else from an If-Match header ("3", W/"3" or 3); 400 when neither. */
function expectedVersionOf(req: FastifyRequest, fromBody: number | undefined): number {
  if (fromBody !== undefined) return fromBody;
  const header = req.headers['if-match'];
  const match = typeof header === 'string' ? /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header) : null;
  if (match) return Number(match[1]);
  throw invalid('expectedVersion', 'is required: send the version you edited (or an If-Match header)');
}

/** Registers the /people routes. */
export function peopleRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/people',
    {
      schema: {
        tags,
        summary: 'Search people by name or organisation, exact email or phone, and kind; ranked when q is given.',
        querystring: PeopleSearchQuery,
        response: { 200: PeopleListSchema },
      },
    },
    async (req) => searchPeopleList(requireContext(req), req.query as Static<typeof PeopleSearchQuery>),
  );

  api.post(
    '/people',
    {
      schema: {
        tags,
        summary: 'Add a person; the answer lists people who may be the same (duplicateSuggestions).',
        body: CreatePersonBody,
        response: { 201: PersonCreatedSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createPerson(requireContext(req), req.body as CreatePersonBody)),
  );

  api.get(
    '/people/:id',
    {
      schema: {
        tags,
        summary: "A person with contacts and the cases you may see (the constituent's history).",
        params: PersonParams,
        response: { 200: PersonWithHistorySchema },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      const person = await getPersonWithHistory(ctx, req.params.id);
      if (await isInCompartment(ctx, req.params.id)) {
        await recordSensitiveRead(ctx, {
          action: 'person.viewed',
          entityType: 'person',
          entityId: req.params.id,
          ipAddress: req.ip,
        });
      }
      if (person.addresses.length > 0 && (await disclosesProtectedWhereabouts(ctx, req.params.id))) {
        await recordSensitiveRead(ctx, {
          action: 'whereabouts.disclosed',
          entityType: 'person',
          entityId: req.params.id,
          what: 'person record',
          ipAddress: req.ip,
        });
      }
      return person;
    },
  );

  api.patch(
    '/people/:id',
    {
      schema: {
        tags,
        summary: 'Edit a person at the version you saw; contact lists given replace the old ones.',
        params: PersonParams,
        body: UpdatePersonBody,
        response: { 200: PersonWithHistorySchema },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      const { expectedVersion, ...fields } = req.body as UpdatePersonBody;
      return updatePerson(ctx, req.params.id, fields, expectedVersionOf(req, expectedVersion));
    },
  );

  api.get(
    '/people/:id/duplicates',
    {
      schema: {
        tags,
        summary: 'Other people who may be the same: same email, same phone, or same name at the same address.',
        params: PersonParams,
        response: { 200: DuplicateSuggestionsSchema },
      },
    },
    async (req) => {
      const ctx = requireContext(req);
      return { items: await duplicateSuggestions(ctx, ctx.db, req.params.id) };
    },
  );

  api.post(
    '/people/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge another person (duplicateId) into this one: contacts and cases move, the other is retired.',
        params: PersonParams,
        body: MergePeopleBody,
        response: { 200: PeopleMergedSchema },
      },
    },
    async (req) => {
      const result = await mergePeople(requireContext(req), {
        personId: req.params.id,
        duplicateId: req.body.duplicateId,
        expectedVersion: req.body.expectedVersion,
      });
      return { ...result.person, moved: result.moved };
    },
  );
}
