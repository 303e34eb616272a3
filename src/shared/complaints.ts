// Request and response schemas of the complaints API (ombudsperson: complaints, extensions, resolutions and state
// hearing requests). Dates in and out are local calendar dates 'YYYY-MM-DD' in the agency's time zone.
import { Type, type Static } from '@sinclair/typebox';
import { LocalDate, Nullable } from './schema-helpers.ts';

export const ComplaintCategorySchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  hearingEligible: Type.Boolean(),
});
export const ComplaintCategoryListSchema = Type.Array(ComplaintCategorySchema);

export const ComplainantInputSchema = Type.Object(
  {
    firstName: Type.String({ maxLength: 200 }),
    lastName: Type.String({ maxLength: 200 }),
    role: Type.String({
      maxLength: 40,
      description: 'custodial_party, noncustodial_parent or authorized_representative',
    }),
    email: Type.Optional(Type.Union([Type.String({ maxLength: 320 }), Type.Null()])),
    phone: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
    language: Type.Optional(Type.Union([Type.String({ maxLength: 10 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const ComplaintIssueInputSchema = Type.Object(
  {
    category: Type.String({ maxLength: 60 }),
    description: Type.Optional(Type.String({ maxLength: 20_000 })),
  },
  { additionalProperties: false },
);

export const CreateComplaintBodySchema = Type.Object(
  {
    complainant: ComplainantInputSchema,
    programCaseNumber: Type.String({ maxLength: 60 }),
    receivedVia: Type.String({ maxLength: 40, description: 'in_person, phone, mail, email, web or transfer' }),
    receivedOn: Type.String({ maxLength: 40 }),
    postmarkedOn: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
    knewOfActionOn: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
    lateReason: Type.Optional(Type.Union([Type.String({ maxLength: 5000 }), Type.Null()])),
    caseTrackingNumber: Type.Optional(
      Type.Union([Type.String({ maxLength: 60 }), Type.Null()], {
        description: 'The case (e.g. the inquiry) the complaint comes from; a restricted case keeps it restricted',
      }),
    ),
    issues: Type.Array(ComplaintIssueInputSchema, { maxItems: 50 }),
  },
  { additionalProperties: false },
);
export type CreateComplaintBody = Static<typeof CreateComplaintBodySchema>;

export const ComplaintIssueSchema = Type.Object({
  category: Type.String(),
  categoryName: Type.String(),
  hearingEligible: Type.Boolean(),
  description: Type.String(),
});

export const HearingIssueJudgementSchema = Type.Object({
  category: Type.String(),
  eligible: Type.Boolean(),
  reasons: Type.Array(Type.String()),
});

export const HearingRequestSchema = Type.Object({
  id: Type.Integer(),
  complaintNumber: Type.String(),
  requestedOn: LocalDate(),
  eligible: Type.Boolean(),
  issues: Type.Array(HearingIssueJudgementSchema),
  reasons: Type.Array(Type.String()),
  requestDeadlineOn: LocalDate(),
  hearingOn: Nullable(LocalDate()),
  hearingPlace: Type.Union([Type.String(), Type.Null()]),
  interpreterLanguage: Type.Union([Type.String(), Type.Null()]),
  dismissalNoticeOn: Nullable(LocalDate()),
  dismissalEffectiveOn: Nullable(LocalDate()),
  decisionAdoptedOn: Nullable(LocalDate()),
  decisionPresumedReceivedOn: Nullable(LocalDate()),
  decisionOutcomes: Type.Union([
    Type.Array(Type.Object({ category: Type.String(), outcome: Type.String() })),
    Type.Null(),
  ]),
  complianceReportDueOn: Nullable(LocalDate()),
  complianceReportFiledOn: Nullable(LocalDate()),
  createdAt: Type.String(),
});
export type HearingRequest = Static<typeof HearingRequestSchema>;

export const ComplaintNoticeSchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  language: Type.String(),
  subject: Type.String(),
  body: Type.String(),
  mailedOn: Nullable(LocalDate()),
  createdAt: Type.String(),
});
export type ComplaintNotice = Static<typeof ComplaintNoticeSchema>;

export const NoticeParamsSchema = Type.Object({
  complaintNumber: Type.String({ minLength: 1, maxLength: 60 }),
  noticeId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
});

export const NoticeMailedBodySchema = Type.Object(
  { mailedOn: Type.String({ maxLength: 40 }) },
  { additionalProperties: false },
);

export const ComplaintActionSchema = Type.Object({
  id: Type.Integer(),
  action: Type.String(),
  responsibleKind: Type.String(),
  responsibleName: Type.String(),
  dueOn: Nullable(LocalDate()),
  completedOn: Nullable(LocalDate()),
});

export const ComplaintActionBodySchema = Type.Object(
  {
    action: Type.String({ maxLength: 5000 }),
    responsibleKind: Type.String({ maxLength: 40, description: 'unit, employee, other_agency or third_party' }),
    responsibleName: Type.String({ maxLength: 300 }),
    dueOn: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const ActionParamsSchema = Type.Object({
  complaintNumber: Type.String({ minLength: 1, maxLength: 60 }),
  actionId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
});

export const ActionCompletedBodySchema = Type.Object(
  { completedOn: Type.String({ maxLength: 40 }) },
  { additionalProperties: false },
);

export const InvestigatorBodySchema = Type.Object(
  {
    userId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
    overrideReason: Type.Optional(Type.Union([Type.String({ maxLength: 5000 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const TransferBodySchema = Type.Object(
  {
    transferredTo: Type.String({ maxLength: 300 }),
    transferredOn: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const AmendmentBodySchema = Type.Object(
  { issues: Type.Array(ComplaintIssueInputSchema, { maxItems: 50 }) },
  { additionalProperties: false },
);

export const NextDeadlineSchema = Type.Union([
  Type.Object({ kind: Type.String(), dueOn: LocalDate(), overdue: Type.Boolean() }),
  Type.Null(),
]);

export const ComplaintSchema = Type.Object({
  complaintNumber: Type.String(),
  status: Type.String(),
  version: Type.Integer(),
  restricted: Type.Boolean(),
  caseTrackingNumber: Type.Union([Type.String(), Type.Null()]),
  programCaseNumber: Type.String(),
  complainant: Type.Object({
    firstName: Type.String(),
    lastName: Type.String(),
    role: Type.String(),
    email: Type.Union([Type.String(), Type.Null()]),
    phone: Type.Union([Type.String(), Type.Null()]),
    language: Type.String(),
  }),
  receivedVia: Type.String(),
  receivedOn: LocalDate(),
  postmarkedOn: Nullable(LocalDate()),
  knewOfActionOn: Nullable(LocalDate()),
  receiptDate: LocalDate(),
  filingDeadlineOn: Nullable(LocalDate()),
  filedLate: Type.Boolean(),
  lateReason: Type.Union([Type.String(), Type.Null()]),
  resolutionDueOn: LocalDate(),
  transferDueOn: LocalDate(),
  extensions: Type.Integer(),
  extensionReason: Type.Union([Type.String(), Type.Null()]),
  extendedOn: Nullable(LocalDate()),
  findings: Type.Union([Type.String(), Type.Null()]),
  resolvedOn: Nullable(LocalDate()),
  resolutionNoticeMailedOn: Nullable(LocalDate()),
  hearingRequestDeadlineOn: Nullable(LocalDate()),
  issues: Type.Array(ComplaintIssueSchema),
  hearingRequests: Type.Array(HearingRequestSchema),
  notices: Type.Array(ComplaintNoticeSchema),
  actions: Type.Array(ComplaintActionSchema),
  investigatorUserId: Type.Union([Type.Integer(), Type.Null()]),
  investigatorOverrideReason: Type.Union([Type.String(), Type.Null()]),
  transferredTo: Type.Union([Type.String(), Type.Null()]),
  transferredOn: Nullable(LocalDate()),
  nextDeadline: NextDeadlineSchema,
  warnings: Type.Array(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Complaint = Static<typeof ComplaintSchema>;

export const ComplaintNumberParamsSchema = Type.Object({
  complaintNumber: Type.String({ minLength: 1, maxLength: 60 }),
});

export const ExtendComplaintBodySchema = Type.Object(
  { reason: Type.String({ maxLength: 5000 }), expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);

export const ResolveComplaintBodySchema = Type.Object(
  {
    findings: Type.Optional(Type.Union([Type.String({ maxLength: 50_000 }), Type.Null()])),
    noticeMailedOn: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
    resolvedOn: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const HearingRequestBodySchema = Type.Object(
  {
    requestedOn: Type.String({ maxLength: 40 }),
    issues: Type.Array(Type.String({ maxLength: 60 }), { maxItems: 50 }),
  },
  { additionalProperties: false },
);

export const HearingParamsSchema = Type.Object({
  complaintNumber: Type.String({ minLength: 1, maxLength: 60 }),
  hearingId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
});

export const HearingScheduleBodySchema = Type.Object(
  {
    hearingOn: Type.String({ maxLength: 40 }),
    place: Type.String({ maxLength: 500, description: 'Room, address or phone number' }),
    interpreterLanguage: Type.Optional(Type.Union([Type.String({ maxLength: 10 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const HearingDismissalBodySchema = Type.Object(
  { noticeOn: Type.String({ maxLength: 40 }) },
  { additionalProperties: false },
);

export const HearingDecisionBodySchema = Type.Object(
  {
    adoptedOn: Type.String({ maxLength: 40 }),
    outcomes: Type.Array(
      Type.Object(
        {
          category: Type.String({ maxLength: 60 }),
          outcome: Type.String({ maxLength: 20, description: 'granted or denied' }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);

export const ComplaintListQuerySchema = Type.Object({
  status: Type.Optional(
    Type.String({ maxLength: 100, description: 'open, resolved, transferred, withdrawn (comma-separated)' }),
  ),
  category: Type.Optional(Type.String({ maxLength: 60 })),
  programCaseNumber: Type.Optional(Type.String({ maxLength: 60 })),
  receivedFrom: Type.Optional(Type.String({ maxLength: 10 })),
  receivedTo: Type.Optional(Type.String({ maxLength: 10 })),
  overdue: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});

export const ComplaintLogQuerySchema = Type.Object({
  from: Type.String({ maxLength: 10, description: 'First receipt date, YYYY-MM-DD' }),
  to: Type.String({ maxLength: 10, description: 'Last receipt date, YYYY-MM-DD' }),
  format: Type.Optional(
    Type.Union([Type.Literal('csv'), Type.Literal('xlsx'), Type.Literal('pdf'), Type.Literal('json')]),
  ),
});

export const ComplaintListItemSchema = Type.Object({
  complaintNumber: Type.String(),
  status: Type.String(),
  restricted: Type.Boolean(),
  programCaseNumber: Type.String(),
  complainantName: Type.String(),
  complainantRole: Type.String(),
  receivedVia: Type.String(),
  receiptDate: LocalDate(),
  resolutionDueOn: LocalDate(),
  extensions: Type.Integer(),
  filedLate: Type.Boolean(),
  categories: Type.Array(Type.String()),
  nextDeadline: NextDeadlineSchema,
});
export type ComplaintListItem = Static<typeof ComplaintListItemSchema>;

export const ComplaintListSchema = Type.Object({
  items: Type.Array(ComplaintListItemSchema),
  total: Type.Integer(),
});

// Inquiries: the queue, the close with the participant's satisfaction, the complaint opened from one.
export const InquirySchema = Type.Object({
  trackingNumber: Type.String(),
  status: Type.String(),
  restricted: Type.Boolean(),
  subjectCode: Type.Union([Type.String(), Type.Null()]),
  subjectName: Type.Union([Type.String(), Type.Null()]),
  participantName: Type.String(),
  participantRole: Type.Union([Type.String(), Type.Null()]),
  programCaseNumber: Type.Union([Type.String(), Type.Null()]),
  receivedOn: LocalDate(),
  firstResponseDueOn: Nullable(LocalDate()),
  firstResponseOn: Nullable(LocalDate()),
  /** The first-response clock while unanswered: due date and whether it has passed. */
  overdue: Type.Boolean(),
  assigneeName: Type.Union([Type.String(), Type.Null()]),
  repeatOf: Type.Union([Type.String(), Type.Null()]),
  repeatAction: Type.Union([Type.String(), Type.Null()]),
  satisfied: Type.Union([Type.Boolean(), Type.Null()]),
  closedOn: Nullable(LocalDate()),
  complaintNumbers: Type.Array(Type.String()),
  /** Closed with the participant dissatisfied and no complaint yet: the complaint should be offered. */
  offerComplaint: Type.Boolean(),
});
export type Inquiry = Static<typeof InquirySchema>;

export const InquiryListSchema = Type.Object({ items: Type.Array(InquirySchema), total: Type.Integer() });

export const InquiryListQuerySchema = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
  satisfied: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  repeat: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  overdue: Type.Optional(Type.Literal('true')),
  sort: Type.Optional(
    Type.Union([Type.Literal('due'), Type.Literal('received'), Type.Literal('tracking')], {
      description: 'due (the first-response clock, default), received or tracking',
    }),
  ),
  direction: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});

export const InquiryParamsSchema = Type.Object({ trackingNumber: Type.String({ minLength: 1, maxLength: 60 }) });

export const CloseInquiryBodySchema = Type.Object(
  {
    satisfied: Type.Boolean({ description: 'Whether the participant was satisfied with the answer' }),
    note: Type.Optional(Type.Union([Type.String({ maxLength: 5000 }), Type.Null()])),
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const InquiryComplaintBodySchema = Type.Object(
  {
    category: Type.String({ maxLength: 60, description: 'The complaint category of the issue' }),
    role: Type.Optional(
      Type.Union([Type.String({ maxLength: 40 }), Type.Null()], {
        description: "The participant's role when the inquiry does not name it",
      }),
    ),
    knewOfActionOn: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
  },
  { additionalProperties: false },
);

// Hearings: the queue of state-hearing requests by their next date.
export const HearingQueueItemSchema = Type.Object({
  id: Type.Integer(),
  complaintNumber: Type.String(),
  complainantName: Type.String(),
  programCaseNumber: Type.String(),
  requestedOn: LocalDate(),
  eligible: Type.Boolean(),
  stage: Type.String({ description: 'requested, scheduled, decided, dismissed or closed' }),
  hearingOn: Nullable(LocalDate()),
  hearingPlace: Type.Union([Type.String(), Type.Null()]),
  interpreterLanguage: Type.Union([Type.String(), Type.Null()]),
  complianceReportDueOn: Nullable(LocalDate()),
  complianceReportFiledOn: Nullable(LocalDate()),
  nextDeadline: NextDeadlineSchema,
});
export type HearingQueueItem = Static<typeof HearingQueueItemSchema>;

export const HearingQueueSchema = Type.Object({ items: Type.Array(HearingQueueItemSchema), total: Type.Integer() });

export const HearingQueueQuerySchema = Type.Object({
  stage: Type.Optional(
    Type.Union([
      Type.Literal('requested'),
      Type.Literal('scheduled'),
      Type.Literal('decided'),
      Type.Literal('dismissed'),
      Type.Literal('closed'),
    ]),
  ),
  eligible: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  sort: Type.Optional(
    Type.Union([Type.Literal('next'), Type.Literal('requested'), Type.Literal('hearing')], {
      description: 'next (the next deadline, default), requested or hearing (the hearing date)',
    }),
  ),
  direction: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});

export const ComplianceReportBodySchema = Type.Object(
  { filedOn: Type.String({ maxLength: 40 }) },
  { additionalProperties: false },
);
