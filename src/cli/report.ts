// `civicdesk report …`: reports from the command line, made as the system for one agency (restricted cases
// included). `report mmr` prints the customer-service indicators of the Mayor's Management Report as JSON, or
// writes them as CSV, XLSX or PDF. The `report` command is returned so that other report kinds join it.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import type { Command } from 'commander';
import { loadConfig } from '../server/env.ts';
import { startRuntime } from '../server/runtime.ts';
import { importContext } from '../server/commands/import-context.ts';
import { parsePeriod, type ReportPeriod } from '../domain/report-periods.ts';
import { registerMonthlyReportCommand } from './report-monthly.ts';
import { unreportablePeriod, type IndicatorsResult } from '../server/reports/indicators.ts';

export const MMR_FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;
export type MmrFormat = (typeof MMR_FORMATS)[number];

export interface MmrFlags {
  agency: string;
  month?: string;
  period?: string;
  format: string;
  output?: string;
  asOf?: string;
}

/** The period, format and moment of `report mmr`, or the problems with its options, one sentence each. */
export function readMmrOptions(
  flags: MmrFlags,
  now = new Date(),
): { period: ReportPeriod; format: MmrFormat; asOf: Date } | { problems: string[] } {
  const problems: string[] = [];
  let period: ReportPeriod | undefined;
  if (flags.month !== undefined && flags.period !== undefined) problems.push('give --month or --period, not both');
  else if (flags.month !== undefined) {
    if (/^\d{4}-(0[1-9]|1[0-2])$/.test(flags.month)) period = parsePeriod(flags.month);
    else problems.push(`--month: "${flags.month}" is not a month; write it as YYYY-MM, e.g. 2026-10`);
  } else if (flags.period !== undefined) {
    try {
      period = parsePeriod(flags.period);
    } catch (error) {
      problems.push(`--period: ${(error as Error).message}`);
    }
  } else problems.push('--month YYYY-MM (or --period) is required');
  const format = flags.format as MmrFormat;
  if (!MMR_FORMATS.includes(format)) problems.push(`--format: use one of ${MMR_FORMATS.join(', ')}`);
  let asOf = now;
  if (flags.asOf !== undefined) {
    asOf = new Date(flags.asOf);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(flags.asOf) || Number.isNaN(asOf.getTime())) {
      problems.push('--as-of: write an ISO 8601 date-time, e.g. 2026-11-01T08:00:00-04:00');
    } else if (asOf.getTime() > now.getTime()) problems.push('--as-of: must not be in the future');
  }
  const unreportable = period && unreportablePeriod(period);
  if (unreportable) problems.push(`${flags.month !== undefined ? '--month' : '--period'}: ${unreportable}`);
  return problems.length || !period ? { problems } : { period, format, asOf };
}

/** The JSON `report mmr` prints: each indicator's key, name, value, numerator, denominator, pending and target. */
export function mmrJson(result: IndicatorsResult, agencySlug: string) {
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

function actorLabel(): string {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // no user name in some containers
  }
  return `civicdesk report (${user}@${os.hostname()})`;
}

async function runMmr(flags: MmrFlags): Promise<void> {
  const options = readMmrOptions(flags);
  if ('problems' in options) throw new Error(`cannot make the report:\n- ${options.problems.join('\n- ')}`);
  const binary = options.format === 'xlsx' || options.format === 'pdf';
  if (binary && !flags.output && process.stdout.isTTY) {
    throw new Error(`--format ${options.format} writes a binary file: give --output FILE or pipe the output`);
  }
  const config = loadConfig();
  const runtime = await startRuntime(config);
  try {
    const ctx = await importContext(runtime.db, flags.agency, actorLabel());
    const { computeIndicators } = await import('../server/reports/indicators.ts');
    const result = await computeIndicators(ctx, { period: options.period, asOf: options.asOf });
    let body: string | Buffer;
    if (options.format === 'json') body = `${JSON.stringify(mmrJson(result, ctx.agency.slug), null, 2)}\n`;
    else {
      const { indicatorsDocument } = await import('../server/reports/indicators-document.ts');
      const { renderReport } = await import('../server/reports/render/index.ts');
      const file = await renderReport(indicatorsDocument(result, ctx.agency.name), options.format, {
        chromiumPath: config.chromiumPath,
      });
      body = file.body;
      if (options.format === 'pdf') await (await import('../server/channels/letters/pdf-renderer.ts')).closeRenderer();
    }
    if (flags.output) {
      writeFileSync(flags.output, body);
      process.stderr.write(`Wrote ${flags.output} (${options.period.label}, ${ctx.agency.name}).\n`);
    } else process.stdout.write(body);
  } finally {
    await runtime.close();
  }
}

/** Adds `report` and `report mmr` to the civicdesk program; returns `report` for other report kinds to join. */
export function registerReportCommands(program: Command): Command {
  const report = program.command('report').description('reports: the MMR customer-service indicators and more');
  report
    .command('mmr')
    .description("the Mayor's Management Report customer-service indicators of an agency for a month or period")
    .requiredOption('--agency <slug>', 'the agency (e.g. main)')
    .option('--month <YYYY-MM>', 'the month, e.g. 2026-10')
    .option('--period <period>', 'instead of --month: 2026-Q3, FY2027 (July–June) or 2026-01-01..2026-03-31')
    .option('--format <format>', `${MMR_FORMATS.join(', ')}`, 'json')
    .option('--output <file>', 'write to this file instead of standard output')
    .option('--as-of <instant>', 'take the numbers as of this moment (ISO 8601; default now)')
    .action((flags: MmrFlags) => runMmr(flags));
  registerMonthlyReportCommand(report);
  return report;
}
