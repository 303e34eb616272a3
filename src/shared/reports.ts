// The reports API's contract: the answers of dashboards, cross-tabs, indicators, the monthly report (its schema in
// monthly-report.ts), new-issue alerts, saved reports and schedules, declared field by field; the server builds
// them and the console reads them as their Static<> types. Report documents, stored definitions and schedules are
// open objects on purpose (their tables and cells vary by report and are built by src/server/reports/).
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Nullable, OpenObject, stringEnum } from './schema-helpers.ts';
import { DIMENSIONS, MEASURES } from './crosstab-definition.ts';

/** A report answer: JSON by default, or a file (CSV, XLSX, PDF) when `format` asks for one. */
export const JsonOrReportFile = <T extends TSchema>(schema: T) => ({
  description: 'JSON, or the report as a file when format asks for one.',
  content: {
    'application/json': { schema },
    'text/csv': { schema: Type.String() },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
      schema: Type.String({ format: 'binary' }),
    },
    'application/pdf': { schema: Type.String({ format: 'binary' }) },
  },
});

/** A cell of a report table: numbers stay numbers, null is an empty cell. */
export const ReportCellSchema = Nullable(Type.Union([Type.String(), Type.Number()]));

/** A table of a report (see report-document.ts): columns and rows of cells keyed by column. */
export const ReportTableSchema = Type.Object({
  name: Type.String(),
  title: Type.String(),
  description: Type.Optional(Type.String()),
  columns: Type.Array(
    Type.Object({
      key: Type.String(),
      label: Type.String(),
      format: Type.Optional(stringEnum(['text', 'count', 'percent', 'days', 'seconds', 'date'] as const)),
    }),
  ),
  rows: Type.Array(Type.Record(Type.String(), ReportCellSchema)),
});

export const DASHBOARD_CHARTS = [
  'volumes',
  'response-times',
  'response-distribution',
  'backlog',
  'subjects-by-week',
  'unit-workload',
] as const;
export type DashboardChartName = (typeof DASHBOARD_CHARTS)[number];

/** A dashboard chart, drawn from a table of real numbers (shown as a table and downloadable as CSV). */
export const DashboardChartSchema = Type.Object({
  name: stringEnum(DASHBOARD_CHARTS),
  kind: stringEnum(['stacked-bar', 'line', 'bar', 'grouped-bar', 'heat-map'] as const),
  title: Type.String(),
  description: Type.String({
    description: "What the numbers count (also the chart's description for screen readers).",
  }),
  table: ReportTableSchema,
  labelColumn: Type.String(),
  valueColumns: Type.Array(Type.String(), { description: 'The columns drawn: series, or the cells of a heat map.' }),
  notes: Type.Array(Type.String(), { description: 'Facts read off the table.' }),
});
export type DashboardChart = Static<typeof DashboardChartSchema>;

/** The dashboard: period, filters, interval, asOf and its charts. */
export const DashboardSchema = Type.Object({
  period: Type.Object({ key: Type.String(), label: Type.String(), from: Type.String(), to: Type.String() }),
  filters: Type.Object({
    channel: Nullable(Type.String()),
    unitId: Nullable(Type.Integer()),
    subject: Nullable(Type.String()),
  }),
  interval: stringEnum(['day', 'week'] as const, { description: 'Buckets of the volume chart.' }),
  asOf: Type.String(),
  charts: Type.Array(DashboardChartSchema),
});
export type Dashboard = Static<typeof DashboardSchema>;

/** A report period as the reports answer it (see report-periods.ts). */
export const ReportPeriodSchema = Type.Object({
  kind: stringEnum(['month', 'quarter', 'fiscal_year', 'range'] as const),
  key: Type.String(),
  label: Type.String(),
  from: Type.String({ description: 'First local day, inclusive (YYYY-MM-DD).' }),
  to: Type.String({ description: 'Last local day, inclusive (YYYY-MM-DD).' }),
});

/** One value of a cross-tab dimension: a code, a number (a unit's id) or null (none). */
export const DimensionValueSchema = Nullable(Type.Union([Type.String(), Type.Number()]));
export type DimensionValue = Static<typeof DimensionValueSchema>;

export const CrosstabHeaderSchema = Type.Object({
  key: Type.Array(DimensionValueSchema, { description: "The row's or column's values, one per dimension." }),
  labels: Type.Array(Type.String()),
});
export type CrosstabHeader = Static<typeof CrosstabHeaderSchema>;

const CrosstabDimensionSchema = Type.Object({ key: stringEnum(DIMENSIONS), label: Type.String() });
const CrosstabValue = Nullable(Type.Number());

/** A cross-tab's answer: headers, cells[row][column], totals computed over the cases, and the filters in words. */
export const CrosstabResultSchema = Type.Object({
  period: Type.Object({ key: Type.String(), label: Type.String(), from: Type.String(), to: Type.String() }),
  measure: Type.Object({
    key: stringEnum(MEASURES),
    label: Type.String(),
    format: stringEnum(['count', 'days', 'percent'] as const),
  }),
  rowDimensions: Type.Array(CrosstabDimensionSchema),
  columnDimensions: Type.Array(CrosstabDimensionSchema),
  rowHeaders: Type.Array(CrosstabHeaderSchema),
  columnHeaders: Type.Array(CrosstabHeaderSchema),
  cells: Type.Array(Type.Array(CrosstabValue), { description: 'cells[row][column]; null where there is no value.' }),
  rowTotals: Type.Array(CrosstabValue),
  columnTotals: Type.Array(CrosstabValue),
  grandTotal: CrosstabValue,
  filterSummary: Type.Array(Type.String()),
  asOf: Type.String({ description: 'The instant "open" and "past due" were judged at.' }),
});
export type CrosstabResult = Static<typeof CrosstabResultSchema>;

export const CrosstabRunSchema = Type.Object({
  definition: OpenObject('The cross-tab definition that ran.'),
  result: CrosstabResultSchema,
});

/** The cases behind one cell of a cross-tab, a page at a time, newest first. */
export const CrosstabCasesSchema = Type.Object({
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({
      trackingNumber: Type.String(),
      receivedAt: Type.String(),
      status: Type.String(),
      channel: Type.String(),
      subject: Nullable(Type.String()),
      subjectName: Nullable(Type.String()),
      unit: Nullable(Type.String()),
      unitName: Nullable(Type.String()),
      assignee: Nullable(Type.String()),
      priority: Type.String(),
      firstResponseAt: Nullable(Type.String()),
      closedAt: Nullable(Type.String()),
      value: Nullable(
        Type.Number({ description: "The case's own value of the measure: 1 for a count, days, or 100 / 0." }),
      ),
    }),
  ),
  nextCursor: Nullable(Type.String()),
});
export type CrosstabCasePage = Static<typeof CrosstabCasesSchema>;

/** The numbers of one indicator in one period. */
export const IndicatorNumbersSchema = Type.Object({
  value: Nullable(
    Type.Number({ description: 'Percent 0–100 or seconds (one decimal), or a count; null with nothing to divide by.' }),
  ),
  numerator: Type.Number(),
  denominator: Nullable(Type.Number({ description: 'Null for a plain count.' })),
  pending: Type.Optional(Type.Integer({ description: 'E-mails and letters still inside their 14 days.' })),
  excluded: Type.Optional(Type.Integer({ description: 'Items in neither number.' })),
});
export type IndicatorNumbers = Static<typeof IndicatorNumbersSchema>;

export const IndicatorSchema = Type.Object({
  ...IndicatorNumbersSchema.properties,
  key: Type.String(),
  name: Type.String(),
  unit: stringEnum(['percent', 'seconds', 'count'] as const),
  better: stringEnum(['higher', 'lower'] as const),
  target: Type.Optional(Type.Number()),
  previousYear: IndicatorNumbersSchema,
});
export type Indicator = Static<typeof IndicatorSchema>;

/** Customer-service indicators of a period and of the same period a year earlier, with their targets. */
export const IndicatorsResultSchema = Type.Object({
  period: ReportPeriodSchema,
  previousYearPeriod: ReportPeriodSchema,
  asOf: Type.String({ description: 'When the numbers were taken (ISO instant).' }),
  timeZone: Type.String(),
  indicators: Type.Array(IndicatorSchema),
});
export type IndicatorsResult = Static<typeof IndicatorsResultSchema>;

export const IndicatorCaseItemSchema = Type.Object({
  trackingNumber: Type.String(),
  receivedAt: Type.String(),
  firstResponseAt: Nullable(Type.String()),
  resolutionDueAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  channel: Type.String(),
  subject: Nullable(Type.String()),
  subjectName: Nullable(Type.String()),
  unit: Nullable(Type.String()),
  unitName: Nullable(Type.String()),
});
export type IndicatorCaseItem = Static<typeof IndicatorCaseItemSchema>;

export const IndicatorCallItemSchema = Type.Object({
  callId: Type.String(),
  queue: Type.String(),
  offeredAt: Type.String(),
  answeredAt: Nullable(Type.String()),
  abandonedAt: Nullable(Type.String()),
  waitSeconds: Nullable(Type.Number()),
});
export type IndicatorCallItem = Static<typeof IndicatorCallItemSchema>;

export const IndicatorInterpretationItemSchema = Type.Object({
  id: Type.Integer(),
  requestedAt: Type.String(),
  completedAt: Type.String(),
  language: Type.String(),
  mode: Nullable(Type.String()),
});
export type IndicatorInterpretationItem = Static<typeof IndicatorInterpretationItemSchema>;

/** The cases, calls or interpretation requests behind one number of an indicator, a page at a time. */
export const IndicatorItemsSchema = Type.Object({
  key: Type.String(),
  name: Type.String(),
  group: stringEnum(['numerator', 'late', 'pending', 'denominator', 'excluded'] as const),
  period: Type.String(),
  asOf: Type.String(),
  kind: stringEnum(['cases', 'calls', 'interpretation_requests'] as const),
  total: Type.Integer({ description: "How many items the group has in all (the indicator's number)." }),
  items: Type.Array(Type.Union([IndicatorCaseItemSchema, IndicatorCallItemSchema, IndicatorInterpretationItemSchema])),
  nextCursor: Nullable(Type.String()),
});
export type IndicatorItemsPage = Static<typeof IndicatorItemsSchema>;

export const IndicatorTargetSchema = Type.Object({
  key: Type.String(),
  name: Type.String(),
  target: Type.Number({ description: 'Percent 0–100, seconds for the average wait, or a count.' }),
  unit: Type.String({ description: 'percent, seconds or count' }),
  better: Type.Union([Type.Literal('higher'), Type.Literal('lower')], {
    description: 'higher: the target is a floor; lower: a ceiling.',
  }),
  updatedAt: Type.String(),
});
export const IndicatorTargetsSchema = Type.Object({
  targets: Type.Array(IndicatorTargetSchema),
});
export type IndicatorTargets = Static<typeof IndicatorTargetsSchema>;

export { MonthlyReportSchema } from './monthly-report.ts';
export const QualityReportSchema = OpenObject('The quarterly QA report as a report document (title, tables, charts).');

export const NEW_ISSUE_DIMENSIONS = ['subject', 'facility', 'unit', 'subject_facility'] as const;
export type NewIssueDimension = (typeof NEW_ISSUE_DIMENSIONS)[number];
export const NEW_ISSUE_WINDOWS = ['day', 'week'] as const;
export type NewIssueWindow = (typeof NEW_ISSUE_WINDOWS)[number];

/** One significant rise: what was counted, against what was expected, over which days, and a sentence saying so. */
export const NewIssueSchema = Type.Object({
  dimension: stringEnum(NEW_ISSUE_DIMENSIONS),
  key: Type.String({ description: 'Subject code, facility name, unit code, or "SUBJECT|Facility".' }),
  label: Type.String({ description: 'Subject name, facility, unit name, or "Subject name at Facility".' }),
  observed: Type.Number(),
  expected: Type.Number(),
  window: stringEnum(NEW_ISSUE_WINDOWS),
  from: Type.String({ description: 'First local day counted (YYYY-MM-DD), inclusive.' }),
  to: Type.String({ description: 'Last local day counted (YYYY-MM-DD), inclusive.' }),
  probability: Type.Number({ description: 'P(X ≥ observed) under the expected count and its dispersion.' }),
  sentence: Type.String({ description: '"Shelter conditions at Facility X: 23 this week, 6 expected".' }),
});
export type NewIssue = Static<typeof NewIssueSchema>;

/** The filters of the case list (GET /api/v1/cases and the console's list) that show an alert's cases. */
export const AlertCaseFilterSchema = Type.Object({
  subject: Type.Optional(Type.String()),
  facility: Type.Optional(Type.String()),
  unit: Type.Optional(Type.String()),
  receivedFrom: Type.String(),
  receivedTo: Type.String(),
  merged: Type.Literal('false'),
});
export type AlertCaseFilter = Static<typeof AlertCaseFilterSchema>;

/** A new-issue alert: a rise of cases per subject, facility or unit, with its history and who acknowledged it. */
export const IssueAlertSchema = Type.Object({
  ...NewIssueSchema.properties,
  id: Type.Integer(),
  history: Type.Array(Type.Number(), { description: 'Counts of the windows before it and of its own, oldest first.' }),
  unit: Nullable(Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() })),
  createdAt: Type.String(),
  acknowledged: Nullable(Type.Object({ at: Type.String(), by: Type.String() })),
  cases: AlertCaseFilterSchema,
});
export type IssueAlertView = Static<typeof IssueAlertSchema>;

export const IssueAlertListSchema = Type.Object({
  items: Type.Array(IssueAlertSchema),
  period: Type.Optional(ReportPeriodSchema),
});

export const DetectionRunBody = Type.Object(
  {
    from: Type.Optional(
      Type.String({ maxLength: 10, description: 'Judge every day from this date (YYYY-MM-DD) not judged yet.' }),
    ),
  },
  { additionalProperties: false },
);
export const DetectionRunSchema = Type.Object({
  asOf: Type.String({ description: 'The last day judged: yesterday.' }),
  days: Type.Integer({ description: 'How many days were judged.' }),
  raised: Type.Integer({ description: 'New alerts stored.' }),
  notified: Type.Integer({ description: 'Managers emailed.' }),
});
export type DetectionRun = Static<typeof DetectionRunSchema>;

export const SavedReportSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  description: Nullable(Type.String()),
  definition: OpenObject('The cross-tab definition.'),
  owner: Type.Object({ id: Type.Integer(), name: Nullable(Type.String()) }),
  sharedWith: Type.String(),
  sharedUnit: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
  version: Type.Integer(),
  canEdit: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export const SavedReportListSchema = Type.Array(SavedReportSchema);
export const SavedReportRunSchema = Type.Object({
  report: SavedReportSchema,
  definition: OpenObject('The definition that ran.'),
  result: CrosstabResultSchema,
});

export const ReportScheduleSchema = OpenObject('A scheduled report with its next run and latest deliveries.');
export const ReportScheduleListSchema = Type.Object({
  schedules: Type.Array(ReportScheduleSchema),
  reportKinds: Type.Array(Type.String()),
  formats: Type.Array(Type.String()),
});
export const ReportDeliverySchema = OpenObject('A delivery of a scheduled report, queued to be sent.');
