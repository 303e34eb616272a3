// Special projects API: request and response schemas (TypeBox) of initiatives with scope, owner, team, milestones,
// status reports (on track / at risk / late) and links to cases, procedures, action plans and engagements, and the
// director's portfolio. The server declares them on its routes; the console takes its types from them.
import { Type, type Static } from '@sinclair/typebox';
import { LocalDate, Nullable } from './schema-helpers.ts';

const literals = (values: readonly string[], options: { description?: string } = {}) =>
  Type.String({ enum: [...values], ...options });
const DateTime = () => Type.String({ format: 'date-time' });
const Id = () => Type.Integer({ minimum: 1, maximum: 2147483647 });

export const PROJECT_STATUSES = ['active', 'completed', 'cancelled'] as const;
export const PROJECT_HEALTHS = ['on_track', 'at_risk', 'late'] as const;
export type ProjectHealth = (typeof PROJECT_HEALTHS)[number];
export const PROJECT_HEALTH_LABELS: Record<ProjectHealth, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  late: 'Late',
};
export const PROJECT_LINK_TYPES = ['case', 'procedure', 'action_plan', 'engagement'] as const;
export type ProjectLinkType = (typeof PROJECT_LINK_TYPES)[number];
export const PROJECT_LINK_LABELS: Record<ProjectLinkType, string> = {
  case: 'Case',
  procedure: 'Procedure',
  action_plan: 'Action plan',
  engagement: 'Engagement',
};

export const ProjectParams = Type.Object({ id: Id() });
export const MilestoneParams = Type.Object({ id: Id(), milestoneId: Id() });

export const CreateProjectBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300 }),
    scope: Type.Optional(Type.String({ maxLength: 20_000, description: 'What the project covers and delivers.' })),
    ownerId: Id(),
    memberIds: Type.Optional(Type.Array(Id(), { maxItems: 50, description: 'The team: active staff of the agency.' })),
    startsOn: Type.Optional(Nullable(LocalDate('YYYY-MM-DD'))),
    dueOn: Type.Optional(Nullable(LocalDate('YYYY-MM-DD, not before startsOn'))),
  },
  { additionalProperties: false },
);
export type CreateProjectInput = Static<typeof CreateProjectBody>;

export const UpdateProjectBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    scope: Type.Optional(Type.String({ maxLength: 20_000 })),
    ownerId: Type.Optional(Id()),
    memberIds: Type.Optional(Type.Array(Id(), { maxItems: 50 })),
    status: Type.Optional(literals(PROJECT_STATUSES)),
    startsOn: Type.Optional(Nullable(LocalDate('YYYY-MM-DD'))),
    dueOn: Type.Optional(Nullable(LocalDate('YYYY-MM-DD'))),
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type UpdateProjectInput = Static<typeof UpdateProjectBody>;

export const AddMilestoneBody = Type.Object(
  { title: Type.String({ minLength: 1, maxLength: 300 }), dueOn: LocalDate('YYYY-MM-DD, in the agency time zone') },
  { additionalProperties: false },
);
export const CompleteMilestoneBody = Type.Object(
  { completed: Type.Boolean({ description: 'true marks it done now; false opens it again.' }) },
  { additionalProperties: false },
);
export const StatusReportBody = Type.Object(
  {
    health: literals(PROJECT_HEALTHS, { description: 'on_track, at_risk or late' }),
    summary: Type.String({ minLength: 1, maxLength: 20_000 }),
  },
  { additionalProperties: false },
);
export const LinkBody = Type.Object(
  {
    type: literals(PROJECT_LINK_TYPES),
    id: Type.Union([Id(), Type.String({ minLength: 1, maxLength: 40 })], {
      description: "The record's id; for a case its tracking number (or id).",
    }),
  },
  { additionalProperties: false },
);
export type LinkInput = Static<typeof LinkBody>;
export const UnlinkParams = Type.Object({ id: Id(), type: literals(PROJECT_LINK_TYPES), linkedId: Id() });

export const Milestone = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  dueOn: Type.String(),
  completedAt: Nullable(DateTime()),
  overdue: Type.Boolean({ description: "Open and its due date has passed in the agency's time zone." }),
});
export const StatusReport = Type.Object({
  id: Type.Integer(),
  health: literals(PROJECT_HEALTHS),
  summary: Type.String(),
  reportedBy: Nullable(Type.String()),
  reportedAt: DateTime(),
});
export const ProjectLink = Type.Object({
  type: literals(PROJECT_LINK_TYPES),
  id: Type.Integer(),
  label: Type.String({ description: "The case's tracking number, the plan's, procedure's or engagement's title." }),
  trackingNumber: Type.Optional(Type.String()),
});
export const Member = Type.Object({ userId: Type.Integer(), name: Type.String() });

export const ProjectSummary = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  status: literals(PROJECT_STATUSES),
  health: literals(PROJECT_HEALTHS, { description: 'From the latest status report.' }),
  ownerId: Type.Integer(),
  ownerName: Type.String(),
  startsOn: Nullable(Type.String()),
  dueOn: Nullable(Type.String()),
  milestonesTotal: Type.Integer(),
  milestonesDone: Type.Integer(),
  milestonesOverdue: Type.Integer(),
  nextMilestone: Nullable(Type.Object({ title: Type.String(), dueOn: Type.String() })),
  lastReportAt: Nullable(DateTime()),
  version: Type.Integer(),
});
export type ProjectSummaryView = Static<typeof ProjectSummary>;

export const Project = Type.Composite([
  ProjectSummary,
  Type.Object({
    scope: Type.String(),
    members: Type.Array(Member),
    milestones: Type.Array(Milestone),
    reports: Type.Array(StatusReport, { description: 'Newest first.' }),
    links: Type.Array(ProjectLink, { description: 'Cases only where the caller may see them.' }),
    createdAt: DateTime(),
    updatedAt: DateTime(),
  }),
]);
export type ProjectView = Static<typeof Project>;

export const ListProjectsQuery = Type.Object({
  status: Type.Optional(literals(PROJECT_STATUSES)),
  health: Type.Optional(literals(PROJECT_HEALTHS)),
});

export const Portfolio = Type.Object({
  items: Type.Array(ProjectSummary),
  counts: Type.Object({
    active: Type.Integer(),
    onTrack: Type.Integer(),
    atRisk: Type.Integer(),
    late: Type.Integer(),
    milestonesOverdue: Type.Integer(),
  }),
});
export type PortfolioView = Static<typeof Portfolio>;
