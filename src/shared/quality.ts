// Request and response schemas of the quality API (/api/v1/measures, /quality/scorecard, /action-plans,
// /procedures), shared by the server routes and the console. Values are ratios (0.82 is 82 %); dates are local
// dates YYYY-MM-DD of the agency.
import { Type, type Static } from '@sinclair/typebox';
import { LocalDate, Nullable } from './schema-helpers.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });

export const PeriodKind = Type.Union(
  [
    Type.Literal('month'),
    Type.Literal('quarter'),
    Type.Literal('federal_fiscal_year'),
    Type.Literal('city_fiscal_year'),
  ],
  {
    description:
      'month (2026-03), quarter (2026-Q1), federal fiscal year Oct–Sep (FFY2026), city fiscal year Jul–Jun (FY2026).',
  },
);
export const MeasureUnit = Type.Union([
  Type.Literal('percent'),
  Type.Literal('ratio'),
  Type.Literal('dollars'),
  Type.Literal('count'),
  Type.Literal('seconds'),
]);
export const MeasureSourceSchema = Type.Union([
  Type.Literal('federal'),
  Type.Literal('california'),
  Type.Literal('civicdesk'),
  Type.Literal('manual'),
]);

export const ThresholdsSchema = Type.Object({
  fullCredit: Type.Number(),
  noCredit: Type.Number(),
  penaltyFloor: Nullable(Type.Number()),
});

export const MeasureSchema = Type.Object({
  key: Type.String(),
  name: Type.String(),
  periodKind: PeriodKind,
  source: MeasureSourceSchema,
  description: Type.String(),
  unit: MeasureUnit,
  direction: Type.Union([Type.Literal('higher'), Type.Literal('lower')]),
  numeratorLabel: Type.String(),
  denominatorLabel: Type.String(),
  reportLines: Type.String(),
  thresholds: Nullable(ThresholdsSchema),
  /** Whether values are entered (false for civicdesk's own indicators, computed from cases). */
  entered: Type.Boolean(),
});
export type Measure = Static<typeof MeasureSchema>;

export const MeasureListSchema = Type.Array(MeasureSchema);

export const CreateMeasureBody = Type.Object({
  key: Type.String({ maxLength: 60, description: 'lower_case_with_underscores, starting with a letter.' }),
  name: Type.String({ maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  periodKind: Type.String({ maxLength: 40 }),
  unit: Type.String({ maxLength: 20 }),
  direction: Type.String({ maxLength: 10 }),
  numeratorLabel: Type.String({ maxLength: 200 }),
  denominatorLabel: Type.String({ maxLength: 200 }),
});
export type CreateMeasureInput = Static<typeof CreateMeasureBody>;

export const MeasureKeyParams = Type.Object({ key: Type.String({ maxLength: 80 }) });

export const AssessmentSchema = Type.Object({
  applicablePercentage: Nullable(Type.Number()),
  credit: Nullable(Type.Union([Type.Literal('full'), Type.Literal('partial'), Type.Literal('none')])),
  penalty: Nullable(Type.Boolean()),
});

export const MeasureValueSchema = Type.Object({
  measureKey: Type.String(),
  period: Type.String({ description: 'FFY2026, FY2026, 2026-Q1 or 2026-03.' }),
  periodLabel: Type.String(),
  from: LocalDate(),
  to: LocalDate(),
  numerator: Nullable(Type.Number()),
  denominator: Nullable(Type.Number()),
  value: Nullable(Type.Number({ description: 'numerator ÷ denominator (a ratio: 0.82 is 82 %).' })),
  source: Type.String(),
  enteredVia: Type.Union([
    Type.Literal('console'),
    Type.Literal('api'),
    Type.Literal('import'),
    Type.Literal('computed'),
  ]),
  reliable: Type.Boolean(),
  reliabilityNote: Type.String(),
  enteredByName: Nullable(Type.String()),
  enteredAt: Nullable(Type.String()),
  version: Type.Integer(),
  goal: Nullable(Type.Number()),
  meetsGoal: Nullable(Type.Boolean()),
  thresholds: Nullable(ThresholdsSchema),
  assessment: AssessmentSchema,
});
export type MeasureValue = Static<typeof MeasureValueSchema>;

export const EnterValueBody = Type.Object({
  period: Type.String({ maxLength: 40 }),
  numerator: Type.Number(),
  denominator: Type.Number(),
  source: Type.Optional(Type.String({ maxLength: 200, description: 'Where the numbers come from (a report, a run).' })),
  reliable: Type.Optional(Type.Boolean({ description: 'False when the data failed the 95 % reliability standard.' })),
  reliabilityNote: Type.Optional(Type.String({ maxLength: 2000 })),
});
export type EnterValueInput = Static<typeof EnterValueBody>;

export const GoalSchema = Type.Object({ year: Type.Integer(), goal: Type.Number() });
export const SetGoalBody = Type.Object({ goal: Type.Number() });
export const GoalParams = Type.Object({ key: Type.String({ maxLength: 80 }), year: Type.Integer() });

export const MeasureDetailSchema = Type.Object({
  measure: MeasureSchema,
  values: Type.Array(MeasureValueSchema),
  goals: Type.Array(GoalSchema),
  trend: Nullable(Type.Union([Type.Literal('improving'), Type.Literal('worsening'), Type.Literal('steady')])),
});
export type MeasureDetail = Static<typeof MeasureDetailSchema>;

export const ImportValuesBody = Type.Object({
  csv: Type.String({
    maxLength: 2_000_000,
    description: 'CSV with a header row: measure,period,numerator,denominator[,source][,reliable].',
  }),
});
export const ImportValuesResult = Type.Object({ imported: Type.Integer(), replaced: Type.Integer() });

export const ScorecardRowSchema = Type.Object({
  measure: MeasureSchema,
  latest: Nullable(MeasureValueSchema),
  series: Type.Array(Type.Object({ period: Type.String(), value: Nullable(Type.Number()) })),
  trend: Nullable(Type.Union([Type.Literal('improving'), Type.Literal('worsening'), Type.Literal('steady')])),
});
export const ScorecardSchema = Type.Object({ rows: Type.Array(ScorecardRowSchema) });
export type Scorecard = Static<typeof ScorecardSchema>;
export type ScorecardRow = Static<typeof ScorecardRowSchema>;

// Action plans

export const ActionSchema = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  ownerId: Type.Integer(),
  ownerName: Type.String(),
  dueOn: LocalDate(),
  completedOn: Nullable(LocalDate()),
  evidence: Type.String(),
  overdue: Type.Boolean(),
  escalationLevel: Type.Integer(),
});

export const PlanEffectSchema = Type.Object({
  before: Nullable(Type.Object({ period: Type.String(), value: Type.Number() })),
  after: Nullable(Type.Object({ period: Type.String(), value: Type.Number() })),
});

export const ActionPlanSchema = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  measureKey: Nullable(Type.String()),
  measureName: Nullable(Type.String()),
  ownerId: Type.Integer(),
  ownerName: Type.String(),
  goal: Type.String(),
  baseline: Type.String(),
  origin: Type.String(),
  reviewOn: Nullable(LocalDate()),
  status: Type.Union([Type.Literal('open'), Type.Literal('completed'), Type.Literal('cancelled')]),
  createdAt: Type.String(),
  version: Type.Integer(),
  actions: Type.Array(ActionSchema),
  effect: PlanEffectSchema,
});
export type ActionPlan = Static<typeof ActionPlanSchema>;

export const ActionPlanSummarySchema = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  measureKey: Nullable(Type.String()),
  ownerName: Type.String(),
  status: Type.String(),
  openActions: Type.Integer(),
  overdueActions: Type.Integer(),
  nextDueOn: Nullable(LocalDate()),
});
export const ActionPlanListSchema = Type.Array(ActionPlanSummarySchema);
export type ActionPlanSummary = Static<typeof ActionPlanSummarySchema>;

const NewAction = Type.Object({
  title: Type.String({ maxLength: 300 }),
  ownerId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
  dueOn: Type.String({ maxLength: 10, description: 'YYYY-MM-DD' }),
});
export const NewActionBody = NewAction;
export type NewActionInput = Static<typeof NewAction>;

export const CreateActionPlanBody = Type.Object({
  title: Type.String({ maxLength: 200 }),
  measureKey: Type.Optional(Nullable(Type.String({ maxLength: 80 }))),
  ownerId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
  goal: Type.String({ maxLength: 2000 }),
  baseline: Type.Optional(Type.String({ maxLength: 2000 })),
  origin: Type.Optional(
    Type.String({ maxLength: 40, description: 'measure, new_issue, advocate_feedback, review, other' }),
  ),
  reviewOn: Type.Optional(Nullable(Type.String({ maxLength: 10 }))),
  actions: Type.Optional(Type.Array(NewAction, { maxItems: 100 })),
});
export type CreateActionPlanInput = Static<typeof CreateActionPlanBody>;

export const CompleteActionBody = Type.Object({
  completedOn: Type.Optional(Type.String({ maxLength: 10, description: 'YYYY-MM-DD; today when left out.' })),
  evidence: Type.Optional(Type.String({ maxLength: 4000 })),
});
export const PlanStatusBody = Type.Object({ status: Type.String({ maxLength: 20 }) });
export const PlanParams = Type.Object({ id: Id });
export const ActionParams = Type.Object({ id: Id, actionId: Id });

// Procedures

export const ProcedureStatus = Type.Union([Type.Literal('draft'), Type.Literal('approved'), Type.Literal('retired')]);

export const ProcedureCreatedSchema = Type.Object({
  id: Type.Integer(),
  version: Type.Integer(),
  status: ProcedureStatus,
  title: Type.String(),
});

export const CreateProcedureBody = Type.Object({
  title: Type.String({ maxLength: 200 }),
  body: Type.String({ maxLength: 200_000, description: 'Markdown (raw HTML is shown as text).' }),
  kind: Type.Optional(Type.String({ maxLength: 20, description: 'policy, procedure, script or desk_guide.' })),
  reviewMonths: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 120 }))),
  requiredCourseId: Type.Optional(
    Nullable(
      Type.Integer({
        minimum: 1,
        maximum: 2147483647,
        description: 'A training course staff must complete once this version is in force.',
      }),
    ),
  ),
  acknowledgementRequired: Type.Optional(
    Type.Boolean({ description: 'Staff must acknowledge this version once it is in force.' }),
  ),
});
export const NewProcedureVersionBody = Type.Object({
  title: Type.Optional(Type.String({ maxLength: 200 })),
  body: Type.String({ maxLength: 200_000 }),
  requiredCourseId: Type.Optional(
    Nullable(
      Type.Integer({
        minimum: 1,
        maximum: 2147483647,
        description:
          'A training course staff must complete once this version is in force; left out, as the version in force (else the newest).',
      }),
    ),
  ),
  acknowledgementRequired: Type.Optional(
    Type.Boolean({ description: 'Staff must acknowledge this version once it is in force.' }),
  ),
});
/** What a draft version asks of staff once it is in force (PUT …/versions/{v}/requirements). */
export const VersionRequirementsBody = Type.Object({
  requiredCourseId: Nullable(Type.Integer({ minimum: 1, maximum: 2147483647 })),
  acknowledgementRequired: Type.Boolean(),
});
export const VersionRequirementsSchema = Type.Object({
  version: Type.Integer(),
  requiredCourseId: Nullable(Type.Integer()),
  acknowledgementRequired: Type.Boolean(),
});

export const ProcedureSummarySchema = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  kind: Type.String(),
  version: Type.Integer({ description: 'The approved version, else the latest draft.' }),
  status: ProcedureStatus,
  effectiveOn: Nullable(LocalDate()),
  reviewDueOn: Nullable(LocalDate()),
  acknowledgedByMe: Type.Boolean(),
});
export const ProcedureListSchema = Type.Array(ProcedureSummarySchema);
export type ProcedureSummary = Static<typeof ProcedureSummarySchema>;
export const ProcedureListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Words of the title or text (approved versions).' })),
});

export const ProcedureVersionSchema = Type.Object({
  version: Type.Integer(),
  title: Type.String(),
  status: ProcedureStatus,
  effectiveOn: Nullable(LocalDate()),
  createdByName: Nullable(Type.String()),
  createdAt: Type.String(),
  decidedByName: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  requiredCourse: Nullable(Type.Object({ id: Type.Integer(), title: Type.String() })),
  acknowledgementRequired: Type.Boolean(),
  obligationsDueOn: Nullable(
    LocalDate('By when staff owe what the version asks (30 days after its effective date), once it has one.'),
  ),
});

export const ProcedureDetailSchema = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  reviewMonths: Nullable(Type.Integer()),
  reviewDueOn: Nullable(LocalDate()),
  current: Type.Object({
    version: Type.Integer(),
    title: Type.String(),
    status: ProcedureStatus,
    body: Type.String(),
    bodyHtml: Type.String({ description: 'The Markdown rendered safely (no raw HTML, no script links).' }),
  }),
  versions: Type.Array(ProcedureVersionSchema),
  acknowledgements: Type.Object({
    version: Nullable(Type.Integer()),
    acknowledged: Type.Array(Type.Object({ userId: Type.Integer(), name: Type.String(), at: Type.String() })),
    pending: Type.Array(Type.Object({ userId: Type.Integer(), name: Type.String() })),
    required: Type.Boolean({ description: 'The version in force asks every staff member to acknowledge it.' }),
    dueOn: Nullable(LocalDate('By when, when required (30 days after the effective date).')),
  }),
  acknowledgedByMe: Type.Boolean(),
});
export type ProcedureDetail = Static<typeof ProcedureDetailSchema>;

export const ProcedureParams = Type.Object({ id: Id });
export const ProcedureVersionParams = Type.Object({ id: Id, version: Id });

// Files on procedure versions and evidence on plan actions (the attachment storage: PDF, images, text, Office)

export const QualityFileSchema = Type.Object({
  id: Type.Integer(),
  filename: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  uploadedByName: Nullable(Type.String()),
  uploadedAt: Type.String(),
  /** The procedure version it belongs to (procedure files). */
  version: Nullable(Type.Integer()),
  /** The plan action it is evidence for (evidence files). */
  actionId: Nullable(Type.Integer()),
  /** Whether the reader may remove it now. */
  canDelete: Type.Boolean(),
});
export type QualityFile = Static<typeof QualityFileSchema>;
export const QualityFileListSchema = Type.Array(QualityFileSchema);
export const ProcedureFileParams = Type.Object({ id: Id, fileId: Id });
export const PlanFileParams = Type.Object({ id: Id, fileId: Id });

// Links from subjects and routing rules to procedures

export const ProcedureLinkSchema = Type.Object({
  id: Type.Integer(),
  procedureId: Type.Integer(),
  subjectCode: Nullable(Type.String()),
  subjectName: Nullable(Type.String()),
  routingRuleId: Nullable(Type.Integer()),
  routingRuleName: Nullable(Type.String()),
});
export type ProcedureLink = Static<typeof ProcedureLinkSchema>;
export const ProcedureLinkListSchema = Type.Array(ProcedureLinkSchema);
export const CreateProcedureLinkBody = Type.Object({
  subjectCode: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'Link from this subject.' })),
  routingRuleId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647, description: 'Or from this rule.' })),
});
export const ProcedureLinkParams = Type.Object({ id: Id, linkId: Id });
export const CaseProcedureSchema = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  kind: Type.String(),
  version: Type.Integer(),
  effectiveOn: Nullable(LocalDate()),
  acknowledgedByMe: Type.Boolean(),
  /** Why it applies: the subject or routing rule it is linked from. */
  because: Type.Array(Type.String()),
});
export type CaseProcedure = Static<typeof CaseProcedureSchema>;
export const CaseProcedureListSchema = Type.Array(CaseProcedureSchema);
export const CaseProcedureParams = Type.Object({ trackingNumber: Type.String({ minLength: 1, maxLength: 40 }) });
export const AcknowledgementSchema = Type.Object({ acknowledgedAt: Type.String() });

/** Labels of the period kinds for forms and tables. */
export const PERIOD_KIND_NAMES: Record<Static<typeof PeriodKind>, string> = {
  month: 'Month',
  quarter: 'Quarter',
  federal_fiscal_year: 'Federal fiscal year (Oct–Sep)',
  city_fiscal_year: 'City fiscal year (Jul–Jun)',
};

// Response reviews

export const RubricSchema = Type.Array(
  Type.Object({ key: Type.String(), name: Type.String(), question: Type.String(), weight: Type.Number() }),
);

/** The rubric reviews are scored with now: its version (null: the built-in one) and scale. */
const RubricInUse = {
  rubric: RubricSchema,
  rubricVersion: Nullable(Type.Integer()),
  scaleMin: Type.Integer(),
  scaleMax: Type.Integer(),
};

export const RubricVersionSchema = Type.Object({
  version: Nullable(Type.Integer({ description: 'null: the built-in rubric, until an administrator saves one.' })),
  scaleMin: Type.Integer(),
  scaleMax: Type.Integer(),
  criteria: Type.Array(
    Type.Object({ key: Type.String(), name: Type.String(), description: Type.String(), weight: Type.Number() }),
  ),
  createdAt: Nullable(Type.String()),
  createdByName: Nullable(Type.String()),
});
export type RubricVersion = Static<typeof RubricVersionSchema>;
export const RubricOverviewSchema = Type.Object({
  current: RubricVersionSchema,
  versions: Type.Array(RubricVersionSchema, { description: 'Every saved version, oldest first.' }),
});
export type RubricOverview = Static<typeof RubricOverviewSchema>;

export const SaveRubricBody = Type.Object({
  basedOn: Nullable(
    Type.Integer({
      minimum: 1,
      maximum: 2147483647,
      description: 'The version this edit starts from (null: the built-in rubric); a newer one → 409.',
    }),
  ),
  scaleMin: Type.Integer({ minimum: -1000, maximum: 1000, description: 'Lowest score, 0–99.' }),
  scaleMax: Type.Integer({ minimum: -1000, maximum: 1000, description: 'Highest score, up to 100.' }),
  criteria: Type.Array(
    Type.Object({
      key: Type.Optional(
        Type.String({ maxLength: 40, description: 'Kept from the version edited; a new criterion gets one.' }),
      ),
      name: Type.String({ maxLength: 200 }),
      description: Type.String({ maxLength: 2000 }),
      weight: Type.Number({ description: 'Above 0, at most 100.' }),
    }),
    { maxItems: 50 },
  ),
});

export const SampleBody = Type.Object({
  count: Type.Integer({ minimum: 1, maximum: 50, description: 'How many closed cases to draw at random.' }),
  unitId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
  workerId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
  channel: Type.Optional(Type.String({ maxLength: 40 })),
  subject: Type.Optional(Type.String({ maxLength: 80 })),
  language: Type.Optional(Type.String({ maxLength: 10 })),
  closedFrom: Type.Optional(Type.String({ maxLength: 10, description: 'YYYY-MM-DD (local).' })),
  closedTo: Type.Optional(Type.String({ maxLength: 10, description: 'YYYY-MM-DD (local), inclusive.' })),
});

export const SampledCaseSchema = Type.Object({
  trackingNumber: Type.String(),
  closedAt: Nullable(Type.String()),
  channel: Type.String(),
  subjectCode: Nullable(Type.String()),
  language: Type.String(),
  unitName: Nullable(Type.String()),
  workerId: Nullable(Type.Integer()),
  workerName: Nullable(Type.String()),
});
export const SampleSchema = Type.Object({ ...RubricInUse, cases: Type.Array(SampledCaseSchema) });
export type SampledCase = Static<typeof SampledCaseSchema>;

export const CreateReviewBody = Type.Object({
  trackingNumber: Type.String({ maxLength: 40 }),
  scores: Type.Record(Type.String({ maxLength: 40 }), Type.Number(), {
    description: 'Each criterion of the current rubric, a whole number on its scale (1 to 5 in the built-in one).',
  }),
  comment: Type.Optional(Type.String({ maxLength: 4000 })),
});

export const ReviewSchema = Type.Object({
  id: Type.Integer(),
  trackingNumber: Type.String(),
  workerId: Nullable(Type.Integer()),
  workerName: Nullable(Type.String()),
  reviewerName: Nullable(Type.String()),
  unitName: Nullable(Type.String()),
  scores: Type.Record(Type.String(), Type.Number()),
  average: Type.Number(),
  comment: Type.String(),
  rubricVersion: Nullable(Type.Integer({ description: 'The rubric version it was scored with; null: built-in.' })),
  assignedCourse: Nullable(
    Type.Object(
      { id: Type.Integer(), title: Type.String() },
      { description: "The course this review's finding assigned to the worker; null: none." },
    ),
  ),
  createdAt: Type.String(),
});
export type Review = Static<typeof ReviewSchema>;
export const AssignReviewTrainingBody = Type.Object(
  {
    courseId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
    reason: Type.String({ maxLength: 1000, description: 'What the review found (shown in the training needs).' }),
  },
  { additionalProperties: false },
);
export const ReviewListSchema = Type.Array(ReviewSchema);
export const ReviewListQuery = Type.Object({
  workerId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
});

const SummaryRow = Type.Object({
  id: Nullable(Type.Integer()),
  name: Type.String(),
  reviews: Type.Integer(),
  average: Type.Number(),
  byCriterion: Type.Record(Type.String(), Type.Number()),
});
export const ReviewSummarySchema = Type.Object({
  ...RubricInUse,
  byWorker: Type.Array(SummaryRow),
  byUnit: Type.Array(SummaryRow),
});
export type ReviewSummary = Static<typeof ReviewSummarySchema>;

// Training

export const CourseSchema = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  description: Type.String(),
  requiredForRole: Nullable(Type.String()),
  requiredForUnitId: Nullable(Type.Integer()),
  renewalMonths: Nullable(Type.Integer()),
  procedureId: Nullable(Type.Integer()),
  sessions: Type.Array(
    Type.Object({
      id: Type.Integer(),
      heldOn: LocalDate(),
      place: Type.String(),
      trainer: Type.String(),
      capacity: Nullable(Type.Integer()),
      enrolled: Type.Integer(),
      attended: Type.Integer(),
    }),
  ),
});
export type Course = Static<typeof CourseSchema>;
export const CourseListSchema = Type.Array(CourseSchema);

export const CreateCourseBody = Type.Object({
  title: Type.String({ maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 4000 })),
  requiredForRole: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  requiredForUnitId: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 2147483647 }))),
  renewalMonths: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 120 }))),
  procedureId: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 2147483647 }))),
});
export const CreateSessionBody = Type.Object({
  heldOn: Type.String({ maxLength: 10, description: 'YYYY-MM-DD' }),
  place: Type.Optional(Type.String({ maxLength: 200 })),
  trainer: Type.Optional(Type.String({ maxLength: 200 })),
  capacity: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 10000 }))),
});
export const EnrolBody = Type.Object({ userId: Type.Integer({ minimum: 1, maximum: 2147483647 }) });
export const AttendanceBody = Type.Object({
  userId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
  attended: Type.Boolean(),
  evaluationScore: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 5 }))),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
});
export const CourseParams = Type.Object({ id: Id });
export const SessionParams = Type.Object({ id: Id });
export const EnrolmentSchema = Type.Object({
  sessionId: Type.Integer(),
  userId: Type.Integer(),
  attended: Nullable(Type.Boolean()),
  completedOn: Nullable(LocalDate()),
});

export const TrainingMatrixSchema = Type.Object({
  today: LocalDate(),
  courses: Type.Array(
    Type.Object({ id: Type.Integer(), title: Type.String(), renewalMonths: Nullable(Type.Integer()) }),
  ),
  staff: Type.Array(
    Type.Object({
      userId: Type.Integer(),
      name: Type.String(),
      role: Type.String(),
      courses: Type.Array(
        Type.Object({
          courseId: Type.Integer(),
          required: Type.Boolean(),
          status: Type.Union([
            Type.Literal('never'),
            Type.Literal('current'),
            Type.Literal('due_soon'),
            Type.Literal('overdue'),
            Type.Literal('not_required'),
          ]),
          lastCompletedOn: Nullable(LocalDate()),
          dueOn: Nullable(LocalDate()),
        }),
      ),
    }),
  ),
});
export type TrainingMatrix = Static<typeof TrainingMatrixSchema>;

/** Who is due or overdue for which training: required courses not current, and courses assigned and not yet done. */
export const TrainingNeedsSchema = Type.Object({
  today: LocalDate(),
  needs: Type.Array(
    Type.Object({
      userId: Type.Integer(),
      name: Type.String(),
      units: Type.Array(Type.String()),
      courseId: Type.Integer(),
      courseTitle: Type.String(),
      status: Type.Union([
        Type.Literal('never'),
        Type.Literal('due_soon'),
        Type.Literal('overdue'),
        Type.Literal('assigned'),
      ]),
      dueOn: Nullable(LocalDate()),
      why: Type.String({
        description: 'Required for the role or unit, by a procedure version, or the reason it was assigned.',
      }),
      procedure: Nullable(
        Type.Object(
          { id: Type.Integer(), version: Type.Integer(), title: Type.String() },
          { description: 'The procedure version in force that requires the course, if one does.' },
        ),
      ),
    }),
  ),
});
export type TrainingNeeds = Static<typeof TrainingNeedsSchema>;
