// `civicdesk report monthly`: the commissioner's monthly report of one agency for a month, made as the system
// (restricted cases count). JSON (every count with its case-list filter, and the new issues) goes to standard output
// or a file; PDF, XLSX and CSV are written from the same numbers.
import type { Command } from 'commander';
import { writeReport } from './report-output.ts';
import { parsePeriod, type ReportPeriod } from '../domain/report-periods.ts';

export const MONTHLY_CLI_FORMATS = ['json', 'pdf', 'xlsx', 'csv'] as const;
export type MonthlyCliFormat = (typeof MONTHLY_CLI_FORMATS)[number];

export interface MonthlyFlags {
  agency: string;
  month?: string;
  format: string;
  output?: string;
  asOf?: string;
}

/** The month, format and moment of `report monthly`, or the problems with its options, one sentence each. */
export function readMonthlyOptions(
  flags: MonthlyFlags,
  now = new Date(),
): { period: ReportPeriod; format: MonthlyCliFormat; asOf: Date } | { problems: string[] } {
  const problems: string[] = [];
  let period: ReportPeriod | undefined;
  if (flags.month === undefined) problems.push('--month YYYY-MM is required');
  else if (/^\d{4}-(0[1-9]|1[0-2])$/.test(flags.month)) period = parsePeriod(flags.month);
  else problems.push(`--month: "${flags.month}" is not a month; write it as YYYY-MM, e.g. 2026-10`);
  const format = flags.format as MonthlyCliFormat;
  if (!MONTHLY_CLI_FORMATS.includes(format)) problems.push(`--format: use one of ${MONTHLY_CLI_FORMATS.join(', ')}`);
  let asOf = now;
  if (flags.asOf !== undefined) {
    asOf = new Date(flags.asOf);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(flags.asOf) || Number.isNaN(asOf.getTime())) {
      problems.push('--as-of: write an ISO 8601 date-time, e.g. 2026-11-01T08:00:00-04:00');
    } else if (asOf.getTime() > now.getTime()) problems.push('--as-of: must not be in the future');
  }
  return problems.length || !period ? { problems } : { period, format, asOf };
}

async function runMonthly(flags: MonthlyFlags): Promise<void> {
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
  report
    .command('monthly')
    .description("the commissioner's monthly report of an agency for a month")
    .requiredOption('--agency <slug>', 'the agency (e.g. main)')
    .option('--month <YYYY-MM>', 'the month, e.g. 2026-10')
    .option('--format <format>', `${MONTHLY_CLI_FORMATS.join(', ')}`, 'json')
    .option('--output <file>', 'write to this file instead of standard output')
    .option('--as-of <instant>', 'take the backlog as of this moment (ISO 8601; default now)')
    .action((flags: MonthlyFlags) => runMonthly(flags));
}
