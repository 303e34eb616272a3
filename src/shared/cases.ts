// The case API's contract: request schemas (intake, edits, actions, list filters) and the shapes it answers with
// (a case, a case list, timeline, deadlines, audit trail, links, bulk results). Server routes declare them;
// the console derives its types from them (Static<typeof X>).
import { Type, type Static } from '@sinclair/typebox';
import { CASE_STATUSES } from './case-status.ts';
import { ErrorBodySchema, Nullable, stringEnum } from './schema-helpers.ts';
import { PersonSchema } from './people.ts';
import { CASE_KINDS, PRIORITIES, WRITER_TYPES } from './vocabulary.ts';

export const WRITER_TYPE_VALUES = WRITER_TYPES;
export const PRIORITY_VALUES = PRIORITIES;

export const WriterTypeSchema = Type.Union(WRITER_TYPES.map((v) => Type.Literal(v)));
export const PrioritySchema = Type.Union(PRIORITIES.map((v) => Type.Literal(v)));
export const StatusSchema = Type.Union(CASE_STATUSES.map((v) => Type.Literal(v)));
export const TemplateChannelSchema = Type.Union([Type.Literal('email'), Type.Literal('letter'), Type.Literal('phone')]);

/** The columns a case list sorts by (deadline: soonest first; received: newest first, unless `direction` says). */
export const CASE_SORTS = ['deadline', 'received', 'priority', 'tracking', 'status', 'subject', 'updated'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

// ---- requests ----

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
    person: Type.Optional(PersonInputSchema),
    personId: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 2147483647,
        description: 'A person on file (GET /people) who wrote, instead of `person`; give one of the two.',
      }),
    ),
    onBehalfOf: Type.Optional(PersonInputSchema),
    language: Type.Optional(Type.String({ maxLength: 10 })),
    priority: Type.Optional(PrioritySchema),
    writerType: Type.Optional(WriterTypeSchema),
    facility: Type.Optional(Type.String({ maxLength: 300 })),
    restricted: Type.Optional(Type.Boolean()),
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 30 })),
    externalId: Type.Optional(Type.String({ maxLength: 200 })),
    title: Type.Optional(Type.String({ maxLength: 1000 })),
    kind: Type.Optional(stringEnum(CASE_KINDS, { description: 'case (default) or inquiry' })),
    programCaseNumber: Type.Optional(
      Type.Union([Type.String({ maxLength: 60 }), Type.Null()], { description: "The program's own case number" }),
    ),
    participantRole: Type.Optional(
      Type.Union([Type.String({ maxLength: 40 }), Type.Null()], {
        description: "An inquiry's participant: custodial_party, noncustodial_parent or authorized_representative",
      }),
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
  sort: Type.Optional(Type.Union(CASE_SORTS.map((v) => Type.Literal(v)))),
  direction: Type.Optional(Type.Union(SORT_DIRECTIONS.map((v) => Type.Literal(v)))),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
});

export const VersionedSchema = { expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })) };

export const UpdateCaseBody = Type.Object(
  {
    ...VersionedSchema,
    subject: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    priority: Type.Optional(PrioritySchema),
    writerType: Type.Optional(WriterTypeSchema),
    language: Type.Optional(Type.String({ maxLength: 10 })),
    facility: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 30 })),
    description: Type.Optional(Type.String({ minLength: 1, maxLength: 100_000 })),
    restricted: Type.Optional(Type.Boolean()),
    detailsPrivate: Type.Optional(
      Type.Boolean({
        description: "Keep the submitter's description, media and address out of Open311's public answers (true).",
      }),
    ),
    accessUserIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 2147483647 }), { maxItems: 100 })),
  },
  { additionalProperties: false },
);

export const RouteCaseBody = Type.Object(
  {
    ...VersionedSchema,
    unit: Type.String({ minLength: 1, maxLength: 100 }),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const AssignCaseBody = Type.Object(
  {
    ...VersionedSchema,
    assigneeId: Type.Union([Type.Integer({ minimum: 1, maximum: 2147483647 }), Type.Null()]),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const ChangeStatusBody = Type.Object(
  { ...VersionedSchema, status: StatusSchema, reason: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);

export const NoteBody = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: 50_000 }) },
  { additionalProperties: false },
);

export const ResponseBody = Type.Object(
  {
    ...VersionedSchema,
    templateId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
    templateCode: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    channel: TemplateChannelSchema,
    responseText: Type.Optional(Type.String({ maxLength: 50_000 })),
    subject: Type.Optional(Type.String({ maxLength: 300 })),
    body: Type.Optional(Type.String({ maxLength: 50_000 })),
    substantive: Type.Optional(Type.Boolean()),
    close: Type.Optional(Type.Boolean()),
    allowEmptyFields: Type.Optional(
      Type.Boolean({
        description: 'Send although merge fields are empty for this case (the preview lists them in emptyFields).',
      }),
    ),
  },
  { additionalProperties: false },
);

export const AuditQuery = Type.Object({
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
});

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });

export const ReferralBody = Type.Object(
  {
    unit: Type.String({ minLength: 1, maxLength: 100 }),
    request: Type.String({ minLength: 1, maxLength: 20_000 }),
    dueDate: Type.Optional(Type.String({ maxLength: 40, description: 'YYYY-MM-DD in the agency time zone' })),
    dueAt: Type.Optional(Type.String({ maxLength: 40, description: 'older name of dueDate' })),
  },
  { additionalProperties: false },
);
export const ReferralReplyParams = Type.Object({ trackingNumber: Type.String({ maxLength: 60 }), referralId: Id });
export const ReferralReplyBody = Type.Object(
  { reply: Type.String({ minLength: 1, maxLength: 20_000 }) },
  { additionalProperties: false },
);

export const LinkKindSchema = Type.Union([
  Type.Literal('duplicate_of'),
  Type.Literal('related'),
  Type.Literal('parent_of'),
  Type.Literal('child_of'),
]);
export const LinkBody = Type.Object(
  { other: Type.String({ minLength: 1, maxLength: 60 }), kind: LinkKindSchema },
  { additionalProperties: false },
);
export const MergeCaseBody = Type.Object(
  { into: Type.String({ minLength: 1, maxLength: 60 }) },
  { additionalProperties: false },
);
export const SplitCaseBody = Type.Object(
  {
    ...VersionedSchema,
    description: Type.String({
      minLength: 1,
      maxLength: 100_000,
      description: 'What the new case is about: the part of the correspondence that moves to it.',
    }),
    subject: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Subject code of the new case.' })),
    unit: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'Unit code the new case goes to.' })),
    attachmentIds: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1, maximum: 2147483647 }), {
        maxItems: 200,
        description: "Files of this case that move to the new one (ids from the case's timeline).",
      }),
    ),
  },
  { additionalProperties: false },
);
export const AttachmentParams = Type.Object({ trackingNumber: Type.String({ maxLength: 60 }), attachmentId: Id });

export const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 500 }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
});

export const BulkActionBody = Type.Object(
  {
    trackingNumbers: Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { minItems: 1, maxItems: 200 }),
    action: Type.Union([
      Type.Literal('assign'),
      Type.Literal('route'),
      Type.Literal('status'),
      Type.Literal('close'),
      Type.Literal('respond'),
    ]),
    assigneeId: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 2147483647 }), Type.Null()])),
    unit: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    status: Type.Optional(StatusSchema),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    templateId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
    templateCode: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    channel: Type.Optional(TemplateChannelSchema),
    responseText: Type.Optional(Type.String({ maxLength: 50_000 })),
    close: Type.Optional(Type.Boolean()),
    allowEmptyFields: Type.Optional(
      Type.Boolean({ description: 'Answer cases whose merge fields are empty too (each is refused otherwise).' }),
    ),
  },
  { additionalProperties: false },
);

// ---- responses ----

export const CasePersonSchema = Type.Object({
  id: Type.Integer(),
  firstName: Type.String(),
  lastName: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  preferredLanguage: Nullable(Type.String()),
});

/** A case as the API shows it (camelCase; instants as ISO 8601 UTC). */
export const CaseSchema = Type.Object({
  trackingNumber: Type.String(),
  version: Type.Integer(),
  status: Type.String(),
  channel: Type.String(),
  channelSlug: Nullable(Type.String()),
  subject: Nullable(Type.String()),
  subjectName: Nullable(Type.String()),
  description: Type.String(),
  receivedAt: Type.String(),
  priority: Type.String(),
  language: Type.String(),
  writerType: Type.String(),
  unit: Nullable(Type.String()),
  unitName: Nullable(Type.String()),
  assignee: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
  person: Nullable(CasePersonSchema),
  facility: Nullable(Type.String()),
  restricted: Type.Boolean(),
  detailsPrivate: Type.Boolean({
    description: "The submitter's description, media and address are kept out of Open311's public answers.",
  }),
  tags: Type.Array(Type.String()),
  serviceStandard: Nullable(Type.String()),
  firstResponseDueAt: Nullable(Type.String()),
  resolutionDueAt: Nullable(Type.String()),
  firstResponseAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  paused: Type.Boolean(),
  escalationLevel: Type.Integer(),
  externalId: Nullable(Type.String()),
  mergedInto: Nullable(Type.Integer()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  kind: Type.Optional(Type.String({ description: 'case or inquiry (the single case and the list show it)' })),
  programCaseNumber: Type.Optional(Nullable(Type.String({ description: "The program's own case number" }))),
  repeatOf: Type.Optional(
    Nullable(Type.String({ description: 'The earlier contact (tracking number) this one repeats (the single case)' })),
  ),
});

export const CaseListSchema = Type.Object({
  items: Type.Array(CaseSchema),
  total: Type.Integer(),
  totalIsLowerBound: Type.Optional(
    Type.Boolean({ description: 'Present (true) when the total was not counted to the end.' }),
  ),
  nextCursor: Nullable(Type.String()),
});

export const AllowedStatusesSchema = Type.Array(Type.String(), {
  description: 'The statuses the case may move to next.',
});

export const NoteCreatedSchema = Type.Object({ id: Type.Integer(), case: CaseSchema });

export const RenderedResponseSchema = Type.Object({
  templateId: Nullable(Type.Integer()),
  responseKind: Nullable(
    Type.Union([Type.Literal('acknowledgement'), Type.Literal('substantive')], {
      description: 'What the template says it is; null for a free-form response.',
    }),
  ),
  templateVersion: Nullable(Type.Integer()),
  language: Type.String(),
  fallback: Type.Boolean(),
  subject: Type.String(),
  body: Type.String(),
  unknownFields: Type.Array(Type.String()),
  emptyFields: Type.Array(Type.String(), {
    description: 'Merge fields with no value for this case: sending needs allowEmptyFields.',
  }),
});

export const ResponseSentSchema = Type.Object({ response: RenderedResponseSchema, case: CaseSchema });

export const TimelineAttachmentSchema = Type.Object({
  id: Type.Integer(),
  filename: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
});

export const TimelineEntryKindSchema = Type.Union([
  Type.Literal('inbound'),
  Type.Literal('outbound'),
  Type.Literal('note'),
  Type.Literal('referral'),
  Type.Literal('referral_reply'),
  Type.Literal('attachment'),
]);

export const TimelineEntrySchema = Type.Object({
  id: Type.Integer(),
  kind: TimelineEntryKindSchema,
  channel: Nullable(Type.String()),
  subject: Nullable(Type.String()),
  body: Nullable(Type.String()),
  author: Nullable(Type.String()),
  sender: Nullable(Type.String({ description: 'Who an emailed entry came from, as the message said.' })),
  templateId: Nullable(Type.Integer()),
  templateVersion: Nullable(Type.Integer()),
  language: Nullable(Type.String()),
  substantive: Nullable(Type.Boolean()),
  deliveryStatus: Nullable(Type.String()),
  createdAt: Type.String(),
  attachments: Type.Array(TimelineAttachmentSchema),
});

export const ReferralSchema = Type.Object({
  id: Type.Integer(),
  unit: Type.String(),
  unitName: Type.String(),
  request: Type.String(),
  dueAt: Nullable(Type.String()),
  dueDate: Nullable(Type.String({ description: 'YYYY-MM-DD in the agency time zone' })),
  status: Type.String(),
  reply: Nullable(Type.String()),
  repliedAt: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const CaseTimelineSchema = Type.Object({
  entries: Type.Array(TimelineEntrySchema),
  referrals: Type.Array(ReferralSchema),
});

export const DeadlineStateSchema = Type.Object({
  dueAt: Type.String(),
  met: Type.Boolean(),
  metAt: Nullable(Type.String()),
  overdue: Type.Boolean(),
  calendarMillis: Type.Number(),
  businessMillis: Type.Number(),
});

export const EscalationLevelSchema = Type.Object({
  level: Type.Integer(),
  name: Type.String(),
  notifyRole: Type.String(),
});

export const CaseDeadlinesSchema = Type.Object({
  paused: Type.Boolean(),
  firstResponse: Nullable(DeadlineStateSchema),
  resolution: Nullable(DeadlineStateSchema),
  escalationLevel: Type.Integer(),
  escalationLevels: Type.Array(EscalationLevelSchema),
});

export const AuditChangeSchema = Type.Object({ field: Type.String(), old: Type.Unknown(), new: Type.Unknown() });

export const AuditEventSchema = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actor: Type.String(),
  actorUserId: Nullable(Type.Integer()),
  action: Type.String(),
  changes: Type.Array(AuditChangeSchema),
  reason: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
});

/** The audit trail: JSON events, or with format=csv a CSV download. */
export const CaseAuditSchema = Type.Array(AuditEventSchema);

export const CaseLinkSchema = Type.Object({
  kind: Type.String(),
  trackingNumber: Nullable(Type.String({ description: 'null when the linked case is not visible to the caller' })),
  status: Nullable(Type.String()),
});
export const CaseLinksSchema = Type.Array(CaseLinkSchema);

/** A split: the case as it is now, and the new case made from the part that moved. */
export const SplitCaseResultSchema = Type.Object({ original: CaseSchema, split: CaseSchema });

export const CreatedIdSchema = Type.Object({ id: Type.Integer() });

export const AttachmentCreatedSchema = TimelineAttachmentSchema;

export const QueueCountsSchema = Type.Object({
  all: Type.Integer(),
  mine: Type.Integer(),
  unit: Type.Integer(),
  unassigned: Type.Integer(),
  due_today: Type.Integer(),
  overdue: Type.Integer(),
  escalated: Type.Integer(),
  elected_official: Type.Integer(),
});

export const BulkResultSchema = Type.Object({
  trackingNumber: Type.String(),
  ok: Type.Boolean(),
  case: Type.Optional(CaseSchema),
  error: Type.Optional(ErrorBodySchema.properties.error),
});

export const BulkActionResultSchema = Type.Object({
  succeeded: Type.Integer(),
  failed: Type.Integer(),
  results: Type.Array(BulkResultSchema),
});

export type CaseRecord = Static<typeof CaseSchema>;
export type CasePerson = Static<typeof CasePersonSchema>;
export type CaseList = Static<typeof CaseListSchema>;
export type TimelineAttachment = Static<typeof TimelineAttachmentSchema>;
export type TimelineEntry = Static<typeof TimelineEntrySchema>;
export type Referral = Static<typeof ReferralSchema>;
export type CaseTimeline = Static<typeof CaseTimelineSchema>;
export type DeadlineState = Static<typeof DeadlineStateSchema>;
export type CaseDeadlines = Static<typeof CaseDeadlinesSchema>;
export type AuditEvent = Static<typeof AuditEventSchema>;
export type RenderedResponse = Static<typeof RenderedResponseSchema>;

export const SearchResultsSchema = Type.Object({
  cases: Type.Object({ items: Type.Array(CaseSchema), total: Type.Integer() }),
  people: Type.Object({ items: Type.Array(PersonSchema), total: Type.Integer() }),
});
export type SearchResults = Static<typeof SearchResultsSchema>;

export const PublicLinkSchema = Type.Object({ url: Type.String(), accessCode: Type.String() });
export type PublicLink = Static<typeof PublicLinkSchema>;
