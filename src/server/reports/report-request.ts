// What every report builder is asked (a period, the moment it is made, the saved report for kind "saved") and the
// builder's signature. Kept apart from the registry (report-builders.ts), which imports every builder.
import type { CommandContext } from '../context.ts';
import type { ReportPeriod } from '../../shared/report-periods.ts';
import type { ReportDocument } from '../../shared/report-document.ts';

/** A request for a report. */
export interface ReportRequest {
  period: ReportPeriod;
  /** The saved ad-hoc report, for kind "saved". */
  savedReportId?: number;
  /** When the report is made; numbers that depend on "today" (pending items, open backlog) use it. */
  asOf: Date;
}

/** Builds a report's document for a reader (whose policies decide which cases count). */
export type ReportBuilder = (ctx: CommandContext, request: ReportRequest) => Promise<ReportDocument>;
