// Running a saved ad-hoc report: its stored definition, optionally for another period, computed for the reader
// (never for the owner — a report shared with a unit shows each member only the cases that member may see).
// buildSavedReport is the "saved" report kind that schedules and exports find in reportBuilders.
import type { CommandContext } from '../context.ts';
import { invalid } from '../errors.ts';
import { getSavedReport, type SavedReportRecord } from '../commands/reports/saved-reports.ts';
import type { ReportBuilder } from './report-request.ts';
import type { ReportDocument } from '../../shared/report-document.ts';
import { crosstabDocument, runCrosstabDefinition, type CrosstabDefinition, type CrosstabResult } from './crosstab.ts';

export interface SavedReportRun {
  report: SavedReportRecord;
  definition: CrosstabDefinition;
  result: CrosstabResult;
}

/** Runs a saved report the reader may open; `period` (any period text) replaces the saved one. */
export async function runSavedReport(
  ctx: CommandContext,
  id: number,
  options: { period?: string | undefined; asOf?: Date | undefined } = {},
): Promise<SavedReportRun> {
  const report = await getSavedReport(ctx, id);
  const stored = report.definition as { filters?: Record<string, unknown> };
  const definition = options.period
    ? { ...stored, filters: { ...(stored.filters ?? {}), period: options.period } }
    : stored;
  const run = await runCrosstabDefinition(ctx, definition, options.asOf ?? new Date());
  return { report, ...run };
}

/** The document of a saved report run, titled with the report's name. */
export function savedReportDocument(run: SavedReportRun, agencyName: string): ReportDocument {
  return crosstabDocument(run.definition, run.result, agencyName, run.report.name);
}

/** The "saved" report kind: the saved report `request.savedReportId` for the request's period. */
export const buildSavedReport: ReportBuilder = async (ctx, request) => {
  if (request.savedReportId === undefined) throw invalid('savedReportId', 'is required for a saved report');
  const run = await runSavedReport(ctx, request.savedReportId, { period: request.period.key, asOf: request.asOf });
  return savedReportDocument(run, ctx.agency.name);
};
