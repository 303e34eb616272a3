// Community and communications API: request and response schemas (TypeBox) of the organisations directory,
// engagements and the issues raised at them, the media desk and the engagements calendar feed. The server declares
// them on its routes; the console takes its types from them (Static<typeof X>).
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './schema-helpers.ts';

/**
 * A string that must be one of `values`. Typed as a plain string: the Fastify type provider reads schemas with its
 * own TypeBox, which does not read a generic union of literals; the validation (enum) is exact all the same.
 */
const literals = (values: readonly string[], options: { description?: string } = {}) =>
  Type.String({ enum: [...values], ...options });
const DateTime = (description?: string) =>
  Type.String({ format: 'date-time', ...(description ? { description } : {}) });

export const ORGANIZATION_TYPES = [
  'advocacy_group',
  'community_organization',
  'faith_organization',
  'school',
  'employer',
  'shelter',
  'facility',
  'elected_official_office',
  'media_outlet',
  'government_agency',
  'other',
] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

export const ORGANIZATION_TYPE_LABELS: Record<OrganizationType, string> = {
  advocacy_group: 'Advocacy group',
  community_organization: 'Community organisation',
  faith_organization: 'Faith organisation',
  school: 'School',
  employer: 'Employer',
  shelter: 'Shelter',
  facility: 'Facility',
  elected_official_office: "Elected official's office",
  media_outlet: 'Media outlet',
  government_agency: 'Government agency',
  other: 'Other',
};

export const ENGAGEMENT_KINDS = ['advocate_meeting', 'presentation', 'workshop', 'outreach_event', 'forum'] as const;
export type EngagementKind = (typeof ENGAGEMENT_KINDS)[number];

export const ENGAGEMENT_KIND_LABELS: Record<EngagementKind, string> = {
  advocate_meeting: 'Advocate meeting',
  presentation: 'Presentation',
  workshop: 'Workshop',
  outreach_event: 'Outreach event',
  forum: 'Forum',
};

export const ENGAGEMENT_STATUSES = ['planned', 'held', 'cancelled'] as const;
export const ISSUE_OUTCOMES = ['case', 'procedure_change', 'action_plan_action'] as const;
export const FOLLOW_UP_KINDS = ['procedure_change', 'action_plan_action'] as const;
export const FOLLOW_UP_STATUSES = ['open', 'in_progress', 'closed'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export const MEDIA_INQUIRY_STATUSES = ['new', 'assigned', 'drafted', 'approved', 'released', 'declined'] as const;
export type MediaInquiryStatus = (typeof MEDIA_INQUIRY_STATUSES)[number];
export const MEDIA_STATUS_LABELS: Record<MediaInquiryStatus, string> = {
  new: 'New',
  assigned: 'Assigned',
  drafted: 'Awaiting approval',
  approved: 'Approved, not released',
  released: 'Released',
  declined: 'Declined',
};

const LanguageList = Type.Array(Type.String({ minLength: 2, maxLength: 10 }), {
  maxItems: 20,
  description: 'Language codes: en and the ten Local Law 30 languages (es, zh, ru, bn, ht, ko, ar, ur, fr, pl).',
});

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });
export const IssueParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 2147483647 }),
  issueId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
});
export const ContactParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 2147483647 }),
  personId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
});

// ---- Organisations --------------------------------------------------------------------------------------------

export const OrganizationTypeSchema = literals(ORGANIZATION_TYPES);

export const CreateOrganizationBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 300 }),
    type: OrganizationTypeSchema,
    languages: Type.Optional(LanguageList),
    address: Type.Optional(Type.String({ maxLength: 500 })),
    phone: Type.Optional(Type.String({ maxLength: 50 })),
    email: Type.Optional(Type.String({ maxLength: 320 })),
    website: Type.Optional(Type.String({ maxLength: 500 })),
    notes: Type.Optional(Type.String({ maxLength: 20_000 })),
  },
  { additionalProperties: false },
);
export type CreateOrganizationInput = Static<typeof CreateOrganizationBody>;

export const UpdateOrganizationBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    type: Type.Optional(OrganizationTypeSchema),
    languages: Type.Optional(LanguageList),
    address: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
    email: Type.Optional(Nullable(Type.String({ maxLength: 320 }))),
    website: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    notes: Type.Optional(Type.String({ maxLength: 20_000 })),
    active: Type.Optional(Type.Boolean()),
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type UpdateOrganizationInput = Static<typeof UpdateOrganizationBody>;

export const AddContactBody = Type.Object(
  {
    personId: Type.Integer({ minimum: 1, maximum: 2147483647, description: 'A person of the directory (/people).' }),
    role: Type.Optional(Type.String({ maxLength: 200, description: 'e.g. "Executive director", "Press officer".' })),
  },
  { additionalProperties: false },
);

export const OrganizationContact = Type.Object({
  personId: Type.Integer(),
  name: Type.String(),
  role: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
});

export const OrganizationSummary = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  type: OrganizationTypeSchema,
  languages: Type.Array(Type.String()),
  address: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  website: Nullable(Type.String()),
  notes: Type.String(),
  active: Type.Boolean(),
  version: Type.Integer(),
  createdAt: DateTime(),
  updatedAt: DateTime(),
});
export type OrganizationSummaryView = Static<typeof OrganizationSummary>;

const LinkedEngagement = Type.Object({
  id: Type.Integer(),
  kind: literals(ENGAGEMENT_KINDS),
  title: Type.String(),
  startsAt: DateTime(),
});
const LinkedInquiry = Type.Object({
  id: Type.Integer(),
  topic: Type.String(),
  status: literals(MEDIA_INQUIRY_STATUSES),
  deadlineAt: DateTime(),
});
const LinkedCase = Type.Object({ trackingNumber: Type.String(), status: Type.String(), issueId: Type.Integer() });

export const Organization = Type.Composite([
  OrganizationSummary,
  Type.Object({
    contacts: Type.Array(OrganizationContact),
    engagements: Type.Array(LinkedEngagement, { description: 'Engagements the organisation took part in.' }),
    mediaInquiries: Type.Array(LinkedInquiry, { description: 'Media inquiries from this outlet.' }),
    cases: Type.Array(LinkedCase, {
      description: 'Cases made from issues raised at its engagements (only those the caller may see).',
    }),
  }),
]);
export type OrganizationView = Static<typeof Organization>;

export const ListOrganizationsQuery = Type.Object({
  q: Type.Optional(
    Type.String({
      maxLength: 200,
      description: 'Part of the name; case and accents do not matter ("eglise" finds "Église").',
    }),
  ),
  type: Type.Optional(OrganizationTypeSchema),
  language: Type.Optional(Type.String({ maxLength: 10 })),
  includeInactive: Type.Optional(Type.Boolean()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});

export const OrganizationList = Type.Object({ items: Type.Array(OrganizationSummary), total: Type.Integer() });

// ---- Engagements ----------------------------------------------------------------------------------------------

export const EngagementKindSchema = literals(ENGAGEMENT_KINDS);

export const RECURRENCE_FREQUENCIES = ['weekly', 'monthly'] as const;

export const Recurrence = Type.Object(
  {
    frequency: literals(RECURRENCE_FREQUENCIES, { description: 'weekly, or monthly on a weekday of the month.' }),
    interval: Type.Integer({ minimum: 1, maximum: 12, description: 'Every N weeks or months (1 = every one).' }),
    weekdays: Type.Optional(
      Type.Array(Type.Integer({ minimum: 0, maximum: 6 }), {
        minItems: 1,
        maxItems: 7,
        description: "Weekly: the weekdays, 0 = Sunday … 6 = Saturday; the first meeting's weekday when left out.",
      }),
    ),
    weekOfMonth: Type.Optional(
      Type.Integer({
        minimum: -1,
        maximum: 4,
        description: "Monthly: the 1st–4th or (-1) last weekday of the month; the first meeting's when left out.",
      }),
    ),
    until: Type.Optional(Type.String({ maxLength: 10, description: 'The last local date a meeting may fall on.' })),
    count: Type.Optional(Type.Integer({ minimum: 1, maximum: 520, description: 'How many meetings in all.' })),
  },
  {
    additionalProperties: false,
    description:
      "A recurring meeting: each meeting keeps the first one's local time in the agency's time zone. Give until or count.",
  },
);
export type RecurrenceView = Static<typeof Recurrence>;

const engagementFields = {
  location: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  link: Type.Optional(Nullable(Type.String({ maxLength: 1000, description: 'A meeting link for online events.' }))),
  audience: Type.Optional(Type.String({ maxLength: 1000, description: 'Audience and target groups.' })),
  languages: Type.Optional(LanguageList),
  interpretation: Type.Optional(Type.String({ maxLength: 1000 })),
  attendance: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000 }))),
  agenda: Type.Optional(Type.String({ maxLength: 20_000 })),
  minutes: Type.Optional(Type.String({ maxLength: 100_000 })),
  organizationIds: Type.Optional(
    Type.Array(Type.Integer({ minimum: 1, maximum: 2147483647 }), {
      maxItems: 100,
      description: 'Organisations of the directory taking part; an id the agency does not have is refused.',
    }),
  ),
  recurrence: Type.Optional(Nullable(Recurrence)),
  area: Type.Optional(
    Nullable(
      Type.String({
        maxLength: 100,
        description: 'The area served: a borough, community district, ZIP code or an area the office uses.',
      }),
    ),
  ),
};

export const CreateEngagementBody = Type.Object(
  {
    kind: EngagementKindSchema,
    title: Type.String({ minLength: 1, maxLength: 300 }),
    startsAt: Type.String({ maxLength: 40, description: 'ISO 8601 date-time with an offset.' }),
    endsAt: Type.String({ maxLength: 40, description: 'ISO 8601 date-time with an offset; after startsAt.' }),
    ...engagementFields,
  },
  { additionalProperties: false },
);
export type CreateEngagementInput = Static<typeof CreateEngagementBody>;

export const UpdateEngagementBody = Type.Object(
  {
    kind: Type.Optional(EngagementKindSchema),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    startsAt: Type.Optional(Type.String({ maxLength: 40 })),
    endsAt: Type.Optional(Type.String({ maxLength: 40 })),
    status: Type.Optional(literals(ENGAGEMENT_STATUSES)),
    ...engagementFields,
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type UpdateEngagementInput = Static<typeof UpdateEngagementBody>;

export const FollowUp = Type.Object({
  id: Type.Integer(),
  kind: literals(FOLLOW_UP_KINDS),
  description: Type.String(),
  status: literals(['open', 'done'] as const),
  linkedType: Nullable(
    literals(['procedure', 'action_plan'] as const, {
      description: 'The procedure (a draft version) or action plan (an action) the request was linked to.',
    }),
  ),
  linkedId: Nullable(Type.Integer()),
  createdAt: DateTime(),
  doneAt: Nullable(DateTime()),
});

export const EngagementIssue = Type.Object({
  id: Type.Integer(),
  engagementId: Type.Integer(),
  description: Type.String(),
  subject: Type.String({ description: 'The subject code.' }),
  subjectName: Nullable(Type.String()),
  outcome: Nullable(literals(ISSUE_OUTCOMES)),
  caseTrackingNumber: Nullable(Type.String({ description: 'Null also when the caller may not see the case.' })),
  caseStatus: Nullable(Type.String()),
  followUpStatus: literals(FOLLOW_UP_STATUSES),
  followUpNote: Type.String(),
  reportedBackAt: Nullable(DateTime('When the follow-up was reported back to the group.')),
  closedAt: Nullable(DateTime()),
  followUps: Type.Array(FollowUp),
  version: Type.Integer(),
  createdAt: DateTime(),
});
export type EngagementIssueView = Static<typeof EngagementIssue>;

export const EngagementSummary = Type.Object({
  id: Type.Integer(),
  kind: EngagementKindSchema,
  title: Type.String(),
  startsAt: DateTime(),
  endsAt: DateTime(),
  location: Nullable(Type.String()),
  link: Nullable(Type.String()),
  audience: Type.String(),
  languages: Type.Array(Type.String()),
  interpretation: Type.String(),
  attendance: Nullable(Type.Integer()),
  agenda: Type.String(),
  minutes: Type.String(),
  status: literals(ENGAGEMENT_STATUSES),
  organizations: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), type: OrganizationTypeSchema })),
  organizationIds: Type.Array(Type.Integer()),
  issueCount: Type.Integer(),
  openIssueCount: Type.Integer(),
  recurrence: Nullable(Recurrence),
  area: Nullable(Type.String({ description: 'The area served, for outreach by area.' })),
  occurrences: Type.Optional(
    Type.Array(Type.Object({ startsAt: DateTime(), endsAt: DateTime() }), {
      description: "A recurring engagement's meetings within the listed range (the list only).",
    }),
  ),
  version: Type.Integer(),
  createdAt: DateTime(),
  updatedAt: DateTime(),
});
export type EngagementSummaryView = Static<typeof EngagementSummary>;

export const Engagement = Type.Composite([EngagementSummary, Type.Object({ issues: Type.Array(EngagementIssue) })]);
export type EngagementView = Static<typeof Engagement>;

export const ListEngagementsQuery = Type.Object({
  from: Type.Optional(
    Type.String({ maxLength: 40, description: 'Start of the range: YYYY-MM-DD (agency time zone) or ISO date-time.' }),
  ),
  to: Type.Optional(Type.String({ maxLength: 40, description: 'End of the range (inclusive day).' })),
  kind: Type.Optional(EngagementKindSchema),
  organizationId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
  area: Type.Optional(Type.String({ maxLength: 100, description: 'Only engagements in this area (any letter case).' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
});

export const EngagementList = Type.Object({ items: Type.Array(EngagementSummary), total: Type.Integer() });

export const CreateIssueBody = Type.Object(
  {
    description: Type.String({ minLength: 1, maxLength: 4000 }),
    subject: Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Integer({ minimum: 1 })], {
      description:
        'The subject, as the case API takes it (POST /cases "subject"): a subject code of the agency such as "SNAP"; ' +
        "a subject's numeric id (GET /subjects) is also accepted and stored as its code.",
    }),
  },
  { additionalProperties: false },
);

export const UpdateIssueBody = Type.Object(
  {
    description: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
    subject: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Integer({ minimum: 1 })])),
    followUpStatus: Type.Optional(literals(FOLLOW_UP_STATUSES)),
    followUpNote: Type.Optional(Type.String({ maxLength: 10_000 })),
    reportedBack: Type.Optional(
      Type.Boolean({ description: 'true records that the follow-up was reported back to the group (now).' }),
    ),
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type UpdateIssueInput = Static<typeof UpdateIssueBody>;

export const MakeCaseBody = Type.Object(
  {
    person: Type.Optional(
      Type.Object(
        {
          firstName: Type.String({ maxLength: 200 }),
          lastName: Type.String({ maxLength: 200 }),
          email: Type.Optional(Type.String({ maxLength: 320 })),
          phone: Type.Optional(Type.String({ maxLength: 50 })),
          language: Type.Optional(Type.String({ maxLength: 10 })),
        },
        { additionalProperties: false },
      ),
    ),
    priority: Type.Optional(literals(['low', 'normal', 'high', 'urgent'] as const)),
  },
  {
    additionalProperties: false,
    description:
      'Optional. Without a person the case is written for the first organisation of the engagement (as an advocate), ' +
      'or for the engagement itself when it has none.',
  },
);

export const MadeCase = Type.Object({
  trackingNumber: Type.String(),
  issue: EngagementIssue,
});

export const CreateFollowUpBody = Type.Object(
  {
    kind: literals(FOLLOW_UP_KINDS),
    description: Type.Optional(Type.String({ maxLength: 4000, description: 'Defaults to the issue description.' })),
    procedureId: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 2147483647,
        description:
          'procedure_change: the procedure of the library to change; a draft version (its newest text under the ' +
          'request) is written and linked. Supervisors and administrators.',
      }),
    ),
    actionPlanId: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 2147483647,
        description:
          'action_plan_action: the open action plan that gets the action, linked. Supervisors and administrators.',
      }),
    ),
    ownerId: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 2147483647, description: "The action's owner; the caller when left out." }),
    ),
    dueOn: Type.Optional(
      Type.String({ maxLength: 10, description: "The action's due date (YYYY-MM-DD); 30 days on when left out." }),
    ),
  },
  { additionalProperties: false },
);
export type CreateFollowUpInput = Static<typeof CreateFollowUpBody>;

export const UpdateFollowUpBody = Type.Object(
  { status: literals(['open', 'done'] as const) },
  { additionalProperties: false },
);
export const FollowUpParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 2147483647 }),
  issueId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
  followUpId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
});

export const CalendarQuery = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 40, description: 'Default: 90 days ago.' })),
  to: Type.Optional(Type.String({ maxLength: 40, description: 'Default: no end.' })),
});

// ---- Feedback after an engagement -------------------------------------------------------------------------------

export const FeedbackLinkBody = Type.Object(
  {
    renew: Type.Optional(
      Type.Boolean({ description: 'Make a new code: the link given out before stops working. Default false.' }),
    ),
  },
  { additionalProperties: false },
);

export const EngagementFeedback = Type.Object({
  engagementId: Type.Integer(),
  link: Nullable(
    Type.Object({
      url: Type.String({ description: 'The public feedback form; the visitor chooses the language on it.' }),
      printableUrl: Type.String({ description: 'The same address with the code in groups of four, for print.' }),
      createdAt: DateTime(),
    }),
  ),
  open: Type.Boolean({ description: 'Whether the form still takes answers.' }),
  closesAt: Nullable(
    DateTime('End of the local day openDays days after the (last) meeting; null for a series without an end.'),
  ),
  openDays: Type.Integer({ description: 'How many days after the engagement the form stays open (fixed: 30).' }),
  answers: Type.Integer(),
  bySatisfaction: Type.Array(Type.Object({ satisfaction: Type.Integer(), count: Type.Integer() }), {
    description: 'Answers per satisfaction, 1 (very dissatisfied) to 5 (very satisfied).',
  }),
  average: Nullable(Type.Number({ description: 'Average satisfaction, two decimals; null without answers.' })),
  resolvedYes: Type.Integer(),
  resolvedNo: Type.Integer(),
  comments: Type.Array(
    Type.Object({
      id: Type.Integer(),
      satisfaction: Type.Integer(),
      comment: Type.String(),
      language: Type.String({ description: 'The language the form was shown in.' }),
      createdAt: DateTime(),
    }),
    { description: 'The newest 200 answers that carry a comment.' },
  ),
});
export type EngagementFeedbackView = Static<typeof EngagementFeedback>;

// ---- Media desk -----------------------------------------------------------------------------------------------

export const MediaInquiryStatusSchema = literals(MEDIA_INQUIRY_STATUSES);

export const CreateMediaInquiryBody = Type.Object(
  {
    outlet: Type.String({ minLength: 1, maxLength: 300 }),
    reporter: Type.String({ minLength: 1, maxLength: 300 }),
    topic: Type.String({ minLength: 1, maxLength: 2000 }),
    deadlineAt: Type.String({ maxLength: 40, description: "The reporter's deadline: ISO 8601 date-time." }),
    reporterContact: Type.Optional(Type.String({ maxLength: 500, description: 'Email or phone of the reporter.' })),
    outletOrganizationId: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 2147483647, description: 'The outlet in the organisations directory.' }),
    ),
    receivedAt: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
export type CreateMediaInquiryInput = Static<typeof CreateMediaInquiryBody>;

export const MediaInquiry = Type.Object({
  id: Type.Integer(),
  outlet: Type.String(),
  outletOrganizationId: Nullable(Type.Integer()),
  reporter: Type.String(),
  reporterContact: Type.String(),
  topic: Type.String(),
  deadlineAt: DateTime(),
  receivedAt: DateTime(),
  status: MediaInquiryStatusSchema,
  spokesperson: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
  draftAnswer: Type.String(),
  draftedAt: Nullable(DateTime()),
  draftedBy: Nullable(Type.String()),
  approvedAt: Nullable(DateTime()),
  approvedBy: Nullable(Type.String()),
  releasedText: Nullable(Type.String()),
  releasedAt: Nullable(DateTime()),
  coverageUrl: Nullable(Type.String()),
  clock: Type.Object({
    state: literals(['met', 'missed', 'overdue', 'due_soon', 'on_time', 'closed'] as const),
    minutesLeft: Nullable(Type.Integer()),
  }),
  version: Type.Integer(),
  createdAt: DateTime(),
});
export type MediaInquiryView = Static<typeof MediaInquiry>;

export const ListMediaInquiriesQuery = Type.Object({
  status: Type.Optional(
    Type.String({
      maxLength: 100,
      description: '"open" (default: not released or declined), "all", or statuses separated by commas.',
    }),
  ),
});
export const MediaInquiryList = Type.Object({ items: Type.Array(MediaInquiry), total: Type.Integer() });

export const AssignSpokespersonBody = Type.Object(
  { spokespersonUserId: Type.Integer({ minimum: 1, maximum: 2147483647 }) },
  { additionalProperties: false },
);
export const DraftAnswerBody = Type.Object(
  { answer: Type.String({ minLength: 1, maxLength: 50_000 }), expectedVersion: Type.Optional(Type.Integer()) },
  { additionalProperties: false },
);
export const StepBody = Type.Object(
  { expectedVersion: Type.Optional(Type.Integer()), reason: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
export const CoverageBody = Type.Object(
  { url: Type.String({ minLength: 1, maxLength: 2000, description: 'Link to the published coverage (http/https).' }) },
  { additionalProperties: false },
);
