// The reports API's contract: the answers of dashboards, cross-tabs, indicators, the monthly report, new-issue
// alerts, saved reports and schedules. Report documents and runs are open objects on purpose (their tables, cells
// and charts vary by report and are built by src/server/reports/); the envelopes around them are declared.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Nullable, OpenObject } from './schema-helpers.ts';

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

export const DashboardSchema = OpenObject('The dashboard: period, filters, interval, asOf and its charts.');
export const CrosstabRunSchema = OpenObject('A cross-tab run: its definition and result (rows × columns × measure).');
export const CrosstabCasesSchema = OpenObject('The cases behind one cell of a cross-tab, a page at a time.');
export const IndicatorsResultSchema = OpenObject('Customer-service indicators of a period, with their targets.');
export const IndicatorItemsSchema = OpenObject('The cases, calls or interpretation requests behind one number.');
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
export const MonthlyReportSchema = OpenObject("The commissioner's monthly report.");
export const QualityReportSchema = OpenObject('The quarterly QA report as a report document (title, tables, charts).');

export const IssueAlertSchema = OpenObject('A new-issue alert: a rise of cases per subject, facility or unit.');
export const IssueAlertListSchema = Type.Object({
  items: Type.Array(IssueAlertSchema),
  period: Type.Optional(OpenObject('The period asked for.')),
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
  result: OpenObject('The cross-tab result.'),
});

export const ReportScheduleSchema = OpenObject('A scheduled report with its next run and latest deliveries.');
export const ReportScheduleListSchema = Type.Object({
  schedules: Type.Array(ReportScheduleSchema),
  reportKinds: Type.Array(Type.String()),
  formats: Type.Array(Type.String()),
});
export const ReportDeliverySchema = OpenObject('A delivery of a scheduled report, queued to be sent.');
