// `civicdesk report …`: reports from the command line, made as the system for one agency (restricted cases
// included). `report mmr` prints the customer-service indicators of the Mayor's Management Report as JSON, or
// writes them as CSV, XLSX or PDF. The `report` command is returned so that other report kinds join it.
import type { Command } from 'commander';
import {
  readFormatAndAsOf,
  readMonth,
  withReportOptions,
  writeReport,
  type ReportFlags,
  type ReportFormat,
} from './report-output.ts';
import { parsePeriod, type ReportPeriod } from '../shared/report-periods.ts';
import { registerMonthlyReportCommand } from './report-monthly.ts';
import { unreportablePeriod, type IndicatorsResult } from '../server/reports/indicators.ts';

interface MmrFlags extends ReportFlags {
  period?: string;
}

/** The period, format and moment of `report mmr`, or the problems with its options, one sentence each. */
export function readMmrOptions(
  flags: MmrFlags,
  now = new Date(),
): { period: ReportPeriod; format: ReportFormat; asOf: Date } | { problems: string[] } {
  const problems: string[] = [];
  let period: ReportPeriod | undefined;
  if (flags.month !== undefined && flags.period !== undefined) problems.push('give --month or --period, not both');
  else if (flags.month !== undefined) period = readMonth(flags.month, problems);
  else if (flags.period !== undefined) {
    try {
      period = parsePeriod(flags.period);
    } catch (error) {
      problems.push(`--period: ${(error as Error).message}`);
    }
  } else problems.push('--month YYYY-MM (or --period) is required');
  const { format, asOf } = readFormatAndAsOf(flags, now, problems);
  const unreportable = period && unreportablePeriod(period);
  if (unreportable) problems.push(`${flags.month !== undefined ? '--month' : '--period'}: ${unreportable}`);
  return problems.length || !period ? { problems } : { period, format, asOf };
}

/** The JSON `report mmr` prints: each indicator's key, name, value, numerator, denominator, pending and target. */
function mmrJson(result: IndicatorsResult, agencySlug: string) {
  return {
    agency: agencySlug,
    period: result.period.key,
    asOf: result.asOf,
    indicators: result.indicators.map((i) => ({
      key: i.key,
      name: i.name,
      value: i.value,
      numerator: i.numerator,
      denominator: i.denominator,
      ...(i.pending !== undefined ? { pending: i.pending } : {}),
      ...(i.target !== undefined ? { target: i.target } : {}),
      unit: i.unit,
      ...(i.excluded !== undefined ? { excluded: i.excluded } : {}),
      previousYear: {
        value: i.previousYear.value,
        numerator: i.previousYear.numerator,
        denominator: i.previousYear.denominator,
      },
    })),
  };
}

async function runMmr(flags: MmrFlags): Promise<void> {
  const options = readMmrOptions(flags);
  if ('problems' in options) throw new Error(`cannot make the report:\n- ${options.problems.join('\n- ')}`);
  await writeReport('report mmr', flags, options, async (ctx) => {
    const { computeIndicators } = await import('../server/reports/indicators.ts');
    const { indicatorsDocument } = await import('../server/reports/indicators-document.ts');
    const result = await computeIndicators(ctx, { period: options.period, asOf: options.asOf });
    return { json: mmrJson(result, ctx.agency.slug), document: () => indicatorsDocument(result, ctx.agency.name) };
  });
}

/** Adds `report` and `report mmr` to the civicdesk program; returns `report` for other report kinds to join. */
export function registerReportCommands(program: Command): Command {
  const report = program.command('report').description('reports: the MMR customer-service indicators and more');
  withReportOptions(
    report
      .command('mmr')
      .description("the Mayor's Management Report customer-service indicators of an agency for a month or period")
      .option('--month <YYYY-MM>', 'the month, e.g. 2026-10')
      .option('--period <period>', 'instead of --month: 2026-Q3, FY2027 (July–June) or 2026-01-01..2026-03-31'),
    'take the numbers as of this moment (ISO 8601; default now)',
  ).action((flags: MmrFlags) => runMmr(flags));
  registerMonthlyReportCommand(report);
  return report;
}
