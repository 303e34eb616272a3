// The commissioner's monthly report as the API answers it (GET /api/v1/reports/monthly): the schema the route
// declares, and the types the server builds it with and the console reads it with. Every count carries `cases`, the
// case-list filter (GET /api/v1/cases?…) that lists exactly the cases behind it.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, stringEnum } from './schema-helpers.ts';

/** Query parameters of GET /api/v1/cases (and the console's queue screens) that list the cases behind a number. */
export const CaseQuerySchema = Type.Record(Type.String(), Type.String(), {
  description: 'The GET /api/v1/cases filter that lists the cases behind the number.',
});
export type CaseQuery = Static<typeof CaseQuerySchema>;

/** A number of cases and the case-list filter that lists them. */
export const CaseCountSchema = Type.Object({ count: Type.Integer(), cases: CaseQuerySchema });
export type CaseCount = Static<typeof CaseCountSchema>;

export const ChangeSchema = Type.Object({
  absolute: Type.Integer(),
  percent: Nullable(Type.Number({ description: 'Percent of the earlier count; null when the earlier count is 0.' })),
});
export type Change = Static<typeof ChangeSchema>;

export const VolumeRowSchema = Type.Object({
  key: Nullable(
    Type.String({
      description: 'Channel, subject code, unit code, facility, language code or writer type; null for "none".',
    }),
  ),
  label: Type.String(),
  level: Type.Optional(
    Type.Union([Type.Literal(1), Type.Literal(2)], {
      description: 'Subjects only: 1 for a top-level subject (its own cases and its children’s), 2 for a child.',
    }),
  ),
  thisMonth: CaseCountSchema,
  previousMonth: CaseCountSchema,
  yearEarlier: CaseCountSchema,
  changeFromPreviousMonth: ChangeSchema,
  changeFromYearEarlier: ChangeSchema,
});
export type VolumeRow = Static<typeof VolumeRowSchema>;

export const PeriodSummarySchema = Type.Object({
  key: Type.String(),
  label: Type.String(),
  from: Type.String(),
  to: Type.String(),
  start: Type.String({ description: 'First instant, inclusive (ISO 8601).' }),
  end: Type.String({ description: 'The instant after the last, exclusive (ISO 8601).' }),
});
export type PeriodSummary = Static<typeof PeriodSummarySchema>;

export const BacklogBandSchema = Type.Object({
  band: Type.String(),
  label: Type.String(),
  minDays: Type.Integer(),
  maxDays: Nullable(Type.Integer({ description: 'null for the open-ended oldest band.' })),
  open: CaseCountSchema,
});
export type BacklogBand = Static<typeof BacklogBandSchema>;

export const BacklogUnitSchema = Type.Object({
  key: Nullable(Type.String()),
  label: Type.String(),
  total: CaseCountSchema,
  bands: Type.Array(CaseCountSchema),
});
export type BacklogUnit = Static<typeof BacklogUnitSchema>;

export const TimeMeasureSchema = Type.Object({
  cases: CaseCountSchema,
  medianDays: Nullable(Type.Number()),
  p90Days: Nullable(Type.Number()),
});
export type TimeMeasure = Static<typeof TimeMeasureSchema>;

export const ResponseTimeRowSchema = Type.Object({
  key: Nullable(Type.String({ description: 'The channel, or null for every channel.' })),
  label: Type.String(),
  received: CaseCountSchema,
  firstResponse: TimeMeasureSchema,
  close: TimeMeasureSchema,
});
export type ResponseTimeRow = Static<typeof ResponseTimeRowSchema>;

export const KeyedCountSchema = Type.Object({
  key: Nullable(Type.String()),
  label: Type.String(),
  count: CaseCountSchema,
});
export type KeyedCount = Static<typeof KeyedCountSchema>;

export const MonthlyNewIssueSchema = Type.Object({
  dimension: Type.String(),
  key: Type.String(),
  label: Type.String(),
  observed: Type.Number(),
  expected: Type.Number(),
  window: Type.String(),
  from: Type.String(),
  to: Type.String(),
  sentence: Type.String(),
  cases: CaseQuerySchema,
});
export type MonthlyNewIssue = Static<typeof MonthlyNewIssueSchema>;

/** An improvement action plan open during the month, with its actions as they stood at the month's end. */
export const PlanOfPeriodSchema = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  measureKey: Nullable(Type.String()),
  ownerName: Type.String(),
  status: stringEnum(['open', 'completed', 'cancelled'] as const),
  openedOn: Type.String(),
  actions: Type.Integer(),
  completed: Type.Integer({ description: "Actions completed on or before the period's last day." }),
  completedInPeriod: Type.Integer({ description: 'Actions completed within the period.' }),
  overdue: Type.Integer({ description: 'Actions due on or before the last day and not completed by then.' }),
});
export type PlanOfPeriod = Static<typeof PlanOfPeriodSchema>;

/** The commissioner's monthly report. */
export const MonthlyReportSchema = Type.Object({
  kind: Type.Literal('monthly'),
  agency: Type.Object({ slug: Type.String(), name: Type.String(), timeZone: Type.String() }),
  period: PeriodSummarySchema,
  previousMonth: PeriodSummarySchema,
  yearEarlier: PeriodSummarySchema,
  asOf: Type.String({ description: 'When the report was made.' }),
  notes: Type.Array(Type.String(), { description: 'What every number counts, in sentences.' }),
  volume: Type.Object({
    total: VolumeRowSchema,
    byChannel: Type.Array(VolumeRowSchema),
    bySubject: Type.Array(VolumeRowSchema),
    byUnit: Type.Array(VolumeRowSchema),
    byFacility: Type.Array(VolumeRowSchema),
    byLanguage: Type.Array(VolumeRowSchema),
    byWriterType: Type.Array(VolumeRowSchema),
  }),
  backlog: Type.Object({
    at: Type.String({ description: 'The instant the backlog is taken at: the end of the month, or asOf if earlier.' }),
    asOfDate: Type.String({
      description: 'The local day ages are counted to (a case received that day is 0 days old).',
    }),
    total: CaseCountSchema,
    bands: Type.Array(BacklogBandSchema),
    byUnit: Type.Array(BacklogUnitSchema),
  }),
  responseTimes: Type.Array(ResponseTimeRowSchema),
  escalations: Type.Object({
    total: CaseCountSchema,
    byLevel: Type.Array(KeyedCountSchema),
    byUnit: Type.Array(KeyedCountSchema),
  }),
  electedOfficials: Type.Object({
    received: CaseCountSchema,
    answered: CaseCountSchema,
    answeredWithinStandard: CaseCountSchema,
    withinStandardPercent: Nullable(
      Type.Number({ description: 'Answered within the first-response standard, as a percent of those received.' }),
    ),
    openAtBacklogTime: CaseCountSchema,
  }),
  repeatContacts: Type.Object({
    windowDays: Type.Integer(),
    count: CaseCountSchema,
    percentOfReceived: Nullable(Type.Number({ description: 'Percent of the cases received in the month.' })),
    topSubjects: Type.Array(KeyedCountSchema),
  }),
  survey: Type.Object({
    responses: CaseCountSchema,
    meanSatisfaction: Nullable(Type.Number()),
    resolvedYes: Type.Integer(),
    resolvedAnswered: Type.Integer(),
    resolvedYesPercent: Nullable(Type.Number()),
  }),
  newIssues: Type.Array(MonthlyNewIssueSchema),
  actionPlans: Type.Array(PlanOfPeriodSchema),
});
export type MonthlyReport = Static<typeof MonthlyReportSchema>;
