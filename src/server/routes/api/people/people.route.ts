// The people who write to the agency: search, create (with duplicate suggestions), the person with their case
// history, edit at a version, duplicate suggestions, and merge. Parse, call a command or query, present.
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireContext } from '../../../auth/authenticate.ts';
import { invalid } from '../../../errors.ts';
import { createPerson } from '../../../commands/person-create.ts';
import { updatePerson } from '../../../commands/person-update.ts';
import { mergePeople } from '../../../commands/person-merge.ts';
import { ACCESSIBILITY_NEEDS, CONFIDENTIAL_REASONS, PERSON_KINDS } from '../../../commands/person-input.ts';
import {
  duplicateSuggestions,
  getPersonWithHistory,
  isInCompartment,
  searchPeopleList,
} from '../../../queries/people.ts';
import { recordSensitiveRead } from '../../../commands/audit/sensitive-reads.ts';
import { LANGUAGE_CODES } from '../../../../domain/languages.ts';
import { stringEnum } from '../admin/admin-schemas.ts';

const tags = ['people'];

const PersonParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

const Contact = (maxLength: number, example: string) =>
  Type.Object(
    {
      value: Type.String({ minLength: 1, maxLength, examples: [example] }),
      label: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()], { examples: ['home'] })),
    },
    { additionalProperties: false },
  );
const ContactList = (maxLength: number, example: string, description: string) =>
  Type.Array(Contact(maxLength, example), { maxItems: 20, description });

const nullableText = (maxLength: number) => Type.Union([Type.String({ maxLength }), Type.Null()]);

const PersonFieldsSchema = {
  firstName: Type.String({ maxLength: 200 }),
  lastName: Type.String({ maxLength: 200 }),
  kind: stringEnum(PERSON_KINDS, { description: 'Who is writing; elected officials are tracked separately.' }),
  organisation: nullableText(300),
  preferredLanguage: stringEnum(LANGUAGE_CODES, { description: 'English or a NYC Local Law 30 language.' }),
  interpretationNeeded: Type.Boolean(),
  accessibilityNeeds: Type.Array(stringEnum(ACCESSIBILITY_NEEDS), { maxItems: ACCESSIBILITY_NEEDS.length }),
  notes: nullableText(10_000),
  confidentialReason: Type.Union([stringEnum(CONFIDENTIAL_REASONS), Type.Null()], {
    description:
      'Keeps the person inside the confidential compartment (protective order, address confidentiality, safety ' +
      'risk): only those who may see one of their restricted cases see them at all. Null lifts it.',
  }),
  emails: ContactList(320, 'maria@example.org', 'Replaces every email; the first one is the primary.'),
  phones: ContactList(50, '(212) 555-0100', 'Replaces every phone; the first one is the primary.'),
  addresses: ContactList(500, '350 W 4th St, Apt 4B, New York, NY 10014', 'Replaces every address.'),
};

const CreatePersonBody = Type.Object(
  {
    firstName: PersonFieldsSchema.firstName,
    lastName: PersonFieldsSchema.lastName,
    kind: Type.Optional(PersonFieldsSchema.kind),
    organisation: Type.Optional(PersonFieldsSchema.organisation),
    preferredLanguage: Type.Optional(PersonFieldsSchema.preferredLanguage),
    interpretationNeeded: Type.Optional(PersonFieldsSchema.interpretationNeeded),
    accessibilityNeeds: Type.Optional(PersonFieldsSchema.accessibilityNeeds),
    notes: Type.Optional(PersonFieldsSchema.notes),
    emails: Type.Optional(PersonFieldsSchema.emails),
    phones: Type.Optional(PersonFieldsSchema.phones),
    addresses: Type.Optional(PersonFieldsSchema.addresses),
  },
  { additionalProperties: false },
);

const UpdatePersonBody = Type.Object(
  {
    expectedVersion: Type.Optional(
      Type.Integer({ minimum: 1, description: 'The version you edited (or send If-Match); 409 when stale.' }),
    ),
    ...Object.fromEntries(Object.entries(PersonFieldsSchema).map(([name, schema]) => [name, Type.Optional(schema)])),
  },
  { additionalProperties: false },
);
// The type provider decodes stringEnum fields as unknown; Static gives the types the schema guarantees.
type CreatePersonBody = Static<typeof CreatePersonBody>;
type UpdatePersonBody = Partial<CreatePersonBody> & { expectedVersion?: number };

const SearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Words of a name or organisation (prefixes match).' })),
  email: Type.Optional(Type.String({ minLength: 1, maxLength: 320, description: 'Exact email, any formatting.' })),
  phone: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'Exact phone, any formatting.' })),
  kind: Type.Optional(stringEnum(PERSON_KINDS)),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
  cursor: Type.Optional(Type.String({ maxLength: 1000, description: 'nextCursor of the previous page.' })),
});

const MergeBody = Type.Object(
  {
    duplicateId: Type.Integer({ minimum: 1, maximum: 2147483647, description: 'The person merged into :id.' }),
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1, description: 'The version of :id you saw.' })),
  },
  { additionalProperties: false },
);

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
        querystring: SearchQuery,
      },
    },
    async (req) => searchPeopleList(requireContext(req), req.query as Static<typeof SearchQuery>),
  );

  api.post(
    '/people',
    {
      schema: {
        tags,
        summary: 'Add a person; the answer lists people who may be the same (duplicateSuggestions).',
        body: CreatePersonBody,
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
        body: MergeBody,
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
