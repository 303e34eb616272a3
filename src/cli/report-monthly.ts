// `civicdesk report monthly`: the commissioner's monthly report of one agency for a month, made as the system
// (restricted cases count). JSON (every count with its case-list filter, and the new issues) goes to standard output
// or a file; PDF, XLSX and CSV are written from the same numbers.
import type { Command } from 'commander';
import {
  readFormatAndAsOf,
  readMonth,
  withReportOptions,
  writeReport,
  type ReportFlags,
  type ReportFormat,
} from './report-output.ts';
import type { ReportPeriod } from '../shared/report-periods.ts';

/** The month, format and moment of `report monthly`, or the problems with its options, one sentence each. */
export function readMonthlyOptions(
  flags: ReportFlags,
  now = new Date(),
): { period: ReportPeriod; format: ReportFormat; asOf: Date } | { problems: string[] } {
  const problems: string[] = [];
  let period: ReportPeriod | undefined;
  if (flags.month === undefined) problems.push('--month YYYY-MM is required');
  else period = readMonth(flags.month, problems);
  const { format, asOf } = readFormatAndAsOf(flags, now, problems);
  return problems.length || !period ? { problems } : { period, format, asOf };
}

async function runMonthly(flags: ReportFlags): Promise<void> {
  const options = readMonthlyOptions(flags);
  if ('problems' in options) throw new Error(`cannot make the report:\n- ${options.problems.join('\n- ')}`);
  await writeReport('report monthly', flags, options, async (ctx) => {
    const { buildMonthlyReport } = await import('../server/reports/monthly-report.ts');
    const { monthlyReportDocument } = await import('../server/reports/monthly-report-document.ts');
    const report = await buildMonthlyReport(ctx, { period: options.period, asOf: options.asOf });
    return { json: report, document: () => monthlyReportDocument(report, ctx.agency.name) };
  });
}

/** Adds `report monthly` to the `report` command. */
export function registerMonthlyReportCommand(report: Command): void {
  withReportOptions(
    report
      .command('monthly')
      .description("the commissioner's monthly report of an agency for a month")
      .option('--month <YYYY-MM>', 'the month, e.g. 2026-10'),
    'take the backlog as of this moment (ISO 8601; default now)',
  ).action((flags: ReportFlags) => runMonthly(flags));
}
