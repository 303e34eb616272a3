// Request and response schemas of the parties of a case or a complaint: people with a role (custodial party,
// noncustodial parent, authorized representative with the authorization on file and its expiry, attorney, other),
// some under a protective order whose whereabouts only the staff named on it may see. Dates are local 'YYYY-MM-DD'.
import { Type, type Static } from '@sinclair/typebox';
import { LocalDate, Nullable, stringEnum } from './schema-helpers.ts';

export const PARTY_ROLES = [
  'custodial_party',
  'noncustodial_parent',
  'authorized_representative',
  'attorney',
  'other',
] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export const PARTY_ROLE_LABELS: Record<PartyRole, string> = {
  custodial_party: 'Custodial party',
  noncustodial_parent: 'Noncustodial parent',
  authorized_representative: 'Authorized representative',
  attorney: 'Attorney',
  other: 'Other',
};

export const NewPartyPersonSchema = Type.Object(
  {
    firstName: Type.String({ maxLength: 200 }),
    lastName: Type.String({ maxLength: 200 }),
    email: Type.Optional(Nullable(Type.String({ maxLength: 320 }))),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
    address: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    language: Type.Optional(Nullable(Type.String({ maxLength: 10 }))),
  },
  { additionalProperties: false, description: 'A person not yet on file: matched by email or phone, else created.' },
);

const partyFields = {
  role: Type.String({
    maxLength: 40,
    description: 'custodial_party, noncustodial_parent, authorized_representative, attorney or other',
  }),
  authorizationReference: Type.Optional(
    Nullable(Type.String({ maxLength: 500, description: "An authorized representative's authorization on file" })),
  ),
  authorizationAttachmentId: Type.Optional(
    Nullable(Type.Integer({ minimum: 1, description: 'An attachment of the case holding the authorization' })),
  ),
  authorizationExpiresOn: Type.Optional(Nullable(LocalDate())),
  protectiveOrder: Type.Optional(Type.Boolean()),
  protectedStaffUserIds: Type.Optional(
    Type.Array(Type.Integer({ minimum: 1 }), {
      maxItems: 50,
      description: 'The staff named on the protective order: the only ones who see the party’s whereabouts',
    }),
  ),
};

export const AddPartyBodySchema = Type.Object(
  {
    personId: Type.Optional(Type.Integer({ minimum: 1, description: 'A person on file' })),
    person: Type.Optional(NewPartyPersonSchema),
    ...partyFields,
  },
  { additionalProperties: false },
);
export type AddPartyBody = Static<typeof AddPartyBodySchema>;

export const UpdatePartyBodySchema = Type.Object(
  {
    ...partyFields,
    role: Type.Optional(partyFields.role),
    version: Type.Integer({ minimum: 1, description: 'The version read; a stale one answers 409' }),
  },
  { additionalProperties: false },
);
export type UpdatePartyBody = Static<typeof UpdatePartyBodySchema>;

export const CasePartyParamsSchema = Type.Object({
  trackingNumber: Type.String({ maxLength: 40 }),
  partyId: Type.Integer({ minimum: 1 }),
});
export const ComplaintPartyParamsSchema = Type.Object({
  complaintNumber: Type.String({ maxLength: 40 }),
  partyId: Type.Integer({ minimum: 1 }),
});

export const PartySchema = Type.Object({
  id: Type.Integer(),
  personId: Type.Integer(),
  firstName: Type.String(),
  lastName: Type.String(),
  role: stringEnum(PARTY_ROLES),
  address: Nullable(Type.String({ description: 'The primary address, when the reader may see it' })),
  whereaboutsWithheld: Type.Boolean({
    description: 'A protective order keeps this party’s whereabouts from the reader',
  }),
  authorization: Nullable(
    Type.Object({
      reference: Nullable(Type.String()),
      attachmentId: Nullable(Type.Integer()),
      attachmentName: Nullable(Type.String()),
      expiresOn: Nullable(LocalDate()),
      expired: Type.Boolean({
        description: "Expired (or missing an expiry): the representative is no one's addressee",
      }),
    }),
  ),
  mayBeAddressed: Type.Boolean({ description: 'A notice may be addressed to this party' }),
  protectiveOrder: Type.Boolean(),
  protectedStaff: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
  version: Type.Integer(),
});
export type Party = Static<typeof PartySchema>;
export const PartyListSchema = Type.Array(PartySchema);

export const NoticeLetterQuerySchema = Type.Object({
  partyId: Type.Optional(Type.Integer({ minimum: 1, description: 'The party the notice is addressed to' })),
});
