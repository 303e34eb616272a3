// TypeBox schemas of the case API's inputs, shared by the case routes.
import { Type } from '@sinclair/typebox';
import { CASE_STATUSES } from '../../../../domain/case-status.ts';
import { PRIORITIES, WRITER_TYPES } from '../../../../shared/vocabulary.ts';

export const WriterTypeSchema = Type.Union(WRITER_TYPES.map((v) => Type.Literal(v)));
export const PrioritySchema = Type.Union(PRIORITIES.map((v) => Type.Literal(v)));
export const StatusSchema = Type.Union(CASE_STATUSES.map((v) => Type.Literal(v)));

export const PersonInputSchema = Type.Object(
  {
    firstName: Type.String({ maxLength: 200 }),
    lastName: Type.String({ maxLength: 200 }),
    email: Type.Optional(Type.String({ maxLength: 320 })),
    phone: Type.Optional(Type.String({ maxLength: 50 })),
    address: Type.Optional(Type.String({ maxLength: 500 })),
    language: Type.Optional(Type.String({ maxLength: 10 })),
    kind: Type.Optional(WriterTypeSchema),
    organisation: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
);

export const CreateCaseSchema = Type.Object(
  {
    channel: Type.String({ minLength: 1, maxLength: 50 }),
    subject: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    description: Type.String({ minLength: 1, maxLength: 100_000 }),
    receivedAt: Type.Optional(Type.String({ maxLength: 40 })),
    person: PersonInputSchema,
    onBehalfOf: Type.Optional(PersonInputSchema),
    language: Type.Optional(Type.String({ maxLength: 10 })),
    priority: Type.Optional(PrioritySchema),
    writerType: Type.Optional(WriterTypeSchema),
    facility: Type.Optional(Type.String({ maxLength: 300 })),
    restricted: Type.Optional(Type.Boolean()),
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 30 })),
    externalId: Type.Optional(Type.String({ maxLength: 200 })),
    title: Type.Optional(Type.String({ maxLength: 1000 })),
    kind: Type.Optional(Type.String({ maxLength: 20, description: 'case (default) or inquiry' })),
    programCaseNumber: Type.Optional(
      Type.Union([Type.String({ maxLength: 60 }), Type.Null()], { description: "The program's own case number" }),
    ),
  },
  { additionalProperties: false },
);

export const TrackingParams = Type.Object({ trackingNumber: Type.String({ minLength: 1, maxLength: 60 }) });

export const ListCasesQuery = Type.Object({
  channel: Type.Optional(Type.String({ maxLength: 200 })),
  subject: Type.Optional(Type.String({ maxLength: 100 })),
  status: Type.Optional(Type.String({ maxLength: 200 })),
  unit: Type.Optional(Type.String({ maxLength: 100 })),
  assignee: Type.Optional(Type.String({ maxLength: 20 })),
  priority: Type.Optional(Type.String({ maxLength: 100 })),
  writerType: Type.Optional(Type.String({ maxLength: 200 })),
  person: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
  q: Type.Optional(Type.String({ maxLength: 500 })),
  receivedFrom: Type.Optional(Type.String({ maxLength: 40 })),
  receivedTo: Type.Optional(Type.String({ maxLength: 40 })),
  closedFrom: Type.Optional(Type.String({ maxLength: 40 })),
  closedTo: Type.Optional(Type.String({ maxLength: 40 })),
  openAt: Type.Optional(Type.String({ maxLength: 40 })),
  facility: Type.Optional(Type.String({ maxLength: 300 })),
  language: Type.Optional(Type.String({ maxLength: 100 })),
  escalatedFrom: Type.Optional(Type.String({ maxLength: 40 })),
  escalatedTo: Type.Optional(Type.String({ maxLength: 40 })),
  escalationLevel: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  merged: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  restricted: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  missing: Type.Optional(Type.String({ maxLength: 100 })),
  firstResponse: Type.Optional(Type.String({ maxLength: 40 })),
  repeatContact: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  surveyedFrom: Type.Optional(Type.String({ maxLength: 40 })),
  surveyedTo: Type.Optional(Type.String({ maxLength: 40 })),
  queue: Type.Optional(Type.String({ maxLength: 40 })),
  sort: Type.Optional(Type.Union([Type.Literal('received'), Type.Literal('deadline')])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
});

export const VersionedSchema = { expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })) };
