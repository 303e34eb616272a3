// The contract of the ombudsperson's periodic report (GET /reports/ombudsperson): its JSON answer is the report
// document itself (title, subtitle lines and named tables of measures), the same numbers the CSV, XLSX and PDF show.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from './schema-helpers.ts';

export const OMBUDSPERSON_REPORT_FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;

export const OmbudspersonReportQuerySchema = Type.Object({
  period: Type.String({
    minLength: 1,
    maxLength: 40,
    description:
      'A month (2026-10), a quarter (2026-Q4), a federal fiscal year (FFY2026, October–September) or a range of days (2025-10-01..2026-09-30, e.g. a federal fiscal year).',
  }),
  asOf: Type.Optional(Type.String({ maxLength: 40, description: 'Count hearings held up to this moment (ISO 8601).' })),
  format: Type.Optional(
    Type.Union(
      OMBUDSPERSON_REPORT_FORMATS.map((f) => Type.Literal(f)),
      { description: 'json (default), csv, xlsx or pdf.' },
    ),
  ),
});

const ReportColumnSchema = Type.Object({
  key: Type.String(),
  label: Type.String(),
  format: Type.Optional(Type.String()),
});

export const OmbudspersonReportSchema = Type.Object({
  title: Type.String(),
  subtitle: Type.Array(Type.String()),
  tables: Type.Array(
    Type.Object({
      name: Type.String(),
      title: Type.String(),
      description: Type.Optional(Type.String()),
      columns: Type.Array(ReportColumnSchema),
      rows: Type.Array(Type.Record(Type.String(), Nullable(Type.Union([Type.String(), Type.Number()])))),
    }),
  ),
});
export type OmbudspersonReport = Static<typeof OmbudspersonReportSchema>;

/** A federal fiscal year written FFY2026: 1 October 2025 to 30 September 2026; null for any other text. */
export function federalFiscalYear(
  text: string,
): { kind: 'range'; key: string; label: string; from: string; to: string } | null {
  const m = /^FFY ?(\d{4})$/i.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  return {
    kind: 'range',
    key: `FFY${year}`,
    label: `Federal fiscal year ${year}`,
    from: `${year - 1}-10-01`,
    to: `${year}-09-30`,
  };
}

/**
 * The cell key of the records behind one number of the report document: the row's `drill` (a property that is no
 * column), with the column's key for the outcome table's Granted and Denied; null for a cell that is not a count.
 */
export function ombudsCellKey(
  row: Record<string, string | number | null | undefined>,
  column: { key: string; format?: string | undefined },
): string | null {
  const drill = row.drill;
  if (typeof drill !== 'string' || column.format !== 'count') return null;
  return column.key === 'granted' || column.key === 'denied' ? `${drill}:${column.key}` : drill;
}

export const OmbudspersonItemsQuerySchema = Type.Object({
  period: OmbudspersonReportQuerySchema.properties.period,
  cell: Type.String({
    minLength: 1,
    maxLength: 140,
    description:
      'The number to list, as the report names it in its rows (drill): e.g. complaints.withinClock, ' +
      'complaints.category:distribution, hearings.outcome:distribution:granted.',
  }),
  asOf: OmbudspersonReportQuerySchema.properties.asOf,
});

const InquiryItemSchema = Type.Object({
  trackingNumber: Type.String(),
  receivedOn: Type.String(),
  closedOn: Nullable(Type.String()),
  satisfied: Nullable(Type.Boolean()),
  repeatContact: Type.Boolean(),
});

const ComplaintItemSchema = Type.Object({
  complaintNumber: Type.String(),
  receivedVia: Type.String(),
  receiptDate: Type.String(),
  filedLate: Type.Boolean(),
  resolutionDueOn: Type.String(),
  resolvedOn: Nullable(Type.String()),
  extendedOn: Nullable(Type.String()),
  transferredOn: Nullable(Type.String()),
  categories: Type.Array(Type.String()),
});

const HearingItemSchema = Type.Object({
  id: Type.Integer(),
  complaintNumber: Type.String(),
  requestedOn: Type.String(),
  eligible: Type.Boolean(),
  hearingOn: Nullable(Type.String()),
  dismissed: Type.Boolean(),
  decisionAdoptedOn: Nullable(Type.String()),
  complianceReportDueOn: Nullable(Type.String()),
  complianceReportFiledOn: Nullable(Type.String()),
});

/** The records behind one number of the report: total is the number; one of the three lists holds them. */
export const OmbudspersonItemsSchema = Type.Object({
  cell: Type.String(),
  label: Type.String(),
  period: Type.String(),
  periodLabel: Type.String(),
  asOf: Type.String(),
  kind: Type.Union([Type.Literal('inquiries'), Type.Literal('complaints'), Type.Literal('hearings')]),
  total: Type.Integer(),
  inquiries: Type.Array(InquiryItemSchema),
  complaints: Type.Array(ComplaintItemSchema),
  hearings: Type.Array(HearingItemSchema),
});
export type OmbudspersonItems = Static<typeof OmbudspersonItemsSchema>;
export type OmbudsInquiryItem = Static<typeof InquiryItemSchema>;
export type OmbudsComplaintItem = Static<typeof ComplaintItemSchema>;
export type OmbudsHearingItem = Static<typeof HearingItemSchema>;
