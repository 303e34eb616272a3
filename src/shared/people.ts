// The people API's contract: search, create, edit and merge requests, and the person (with contacts, history,
// duplicate suggestions) it answers with.
import { Type, type Static } from '@sinclair/typebox';
import { LANGUAGE_CODES } from './languages.ts';
import { Nullable, stringEnum } from './schema-helpers.ts';
import { WRITER_TYPES } from './vocabulary.ts';

/** The kinds of person: the writer types. */
export const PERSON_KINDS = WRITER_TYPES;
export const ACCESSIBILITY_NEEDS = [
  'homebound',
  'tty',
  'large_print',
  'braille',
  'wheelchair',
  'sign_language',
  'other',
] as const;
/** Why a person is kept inside the confidential compartment. */
export const CONFIDENTIAL_REASONS = ['protective_order', 'address_confidentiality', 'safety_risk'] as const;
export type ConfidentialReason = (typeof CONFIDENTIAL_REASONS)[number];

export const PersonParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

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

export const CreatePersonBody = Type.Object(
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

export const UpdatePersonBody = Type.Object(
  {
    expectedVersion: Type.Optional(
      Type.Integer({ minimum: 1, description: 'The version you edited (or send If-Match); 409 when stale.' }),
    ),
    ...Object.fromEntries(Object.entries(PersonFieldsSchema).map(([name, schema]) => [name, Type.Optional(schema)])),
  },
  { additionalProperties: false },
);
// The type provider decodes stringEnum fields as unknown; Static gives the types the schema guarantees.
export type CreatePersonBody = Static<typeof CreatePersonBody>;
export type UpdatePersonBody = Partial<CreatePersonBody> & {
  expectedVersion?: number;
  confidentialReason?: ConfidentialReason | null;
};

export const PeopleSearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Words of a name or organisation (prefixes match).' })),
  email: Type.Optional(Type.String({ minLength: 1, maxLength: 320, description: 'Exact email, any formatting.' })),
  phone: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'Exact phone, any formatting.' })),
  kind: Type.Optional(stringEnum(PERSON_KINDS)),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
  cursor: Type.Optional(Type.String({ maxLength: 1000, description: 'nextCursor of the previous page.' })),
});

export const MergePeopleBody = Type.Object(
  {
    duplicateId: Type.Integer({ minimum: 1, maximum: 2147483647, description: 'The person merged into :id.' }),
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1, description: 'The version of :id you saw.' })),
  },
  { additionalProperties: false },
);

// ---- responses ----

export const PersonContactSchema = Type.Object({
  value: Type.String(),
  label: Nullable(Type.String()),
  isPrimary: Type.Boolean(),
});

export const PersonSchema = Type.Object({
  id: Type.Integer(),
  firstName: Type.String(),
  lastName: Type.String(),
  kind: Type.String(),
  organisation: Nullable(Type.String()),
  preferredLanguage: Type.String(),
  interpretationNeeded: Type.Boolean(),
  accessibilityNeeds: Type.Array(Type.String()),
  notes: Nullable(Type.String()),
  confidentialReason: Nullable(
    Type.String({ description: 'Why the person is kept inside the confidential compartment, or null.' }),
  ),
  emails: Type.Array(PersonContactSchema),
  phones: Type.Array(PersonContactSchema),
  addresses: Type.Array(PersonContactSchema),
  mergedIntoId: Nullable(Type.Integer()),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const PersonCaseSchema = Type.Object({
  trackingNumber: Type.String(),
  subjectCode: Nullable(Type.String()),
  subjectName: Nullable(Type.String()),
  status: Type.String(),
  receivedAt: Type.String(),
  role: Type.Union([Type.Literal('writer'), Type.Literal('onBehalfOf')]),
});

export const PersonWithHistorySchema = Type.Composite([
  PersonSchema,
  Type.Object({ cases: Type.Array(PersonCaseSchema) }),
]);

export const DuplicateSuggestionSchema = Type.Object({
  person: PersonSchema,
  reasons: Type.Array(
    Type.Object({
      reason: Type.Union([Type.Literal('sameEmail'), Type.Literal('samePhone'), Type.Literal('sameNameAndAddress')]),
      value: Type.String(),
    }),
  ),
});

export const PersonCreatedSchema = Type.Composite([
  PersonSchema,
  Type.Object({ duplicateSuggestions: Type.Array(DuplicateSuggestionSchema) }),
]);

export const PeopleListSchema = Type.Object({
  items: Type.Array(PersonSchema),
  total: Type.Integer(),
  nextCursor: Nullable(Type.String()),
});

export const DuplicateSuggestionsSchema = Type.Object({ items: Type.Array(DuplicateSuggestionSchema) });

export const PeopleMergedSchema = Type.Composite([
  PersonWithHistorySchema,
  Type.Object({
    moved: Type.Object({
      contacts: Type.Array(Type.Object({ kind: Type.String(), value: Type.String() })),
      cases: Type.Array(Type.String(), { description: 'Tracking numbers of the re-pointed cases the caller may see.' }),
    }),
  }),
]);

export type PersonContact = Static<typeof PersonContactSchema>;
export type Person = Static<typeof PersonSchema>;
export type PersonWithHistory = Static<typeof PersonWithHistorySchema>;
export type DuplicateSuggestion = Static<typeof DuplicateSuggestionSchema>;
