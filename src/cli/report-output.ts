// What every `civicdesk report …` command does once its options are read: open the database, act as the agency's
// system (restricted cases count), build the report, and write it as JSON or as a rendered file (CSV, XLSX, PDF) to
// standard output or --output. Renderers load only when a rendered format is asked for.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import type { Command } from 'commander';
import { loadConfig } from '../server/env.ts';
import { startRuntime } from '../server/runtime.ts';
import { importContext } from '../server/commands/imports/import-context.ts';
import type { CommandContext } from '../server/context.ts';
import { AppError } from '../server/errors.ts';
import { parsePeriod, type ReportPeriod } from '../shared/report-periods.ts';
import type { ReportDocument } from '../shared/report-document.ts';
import { listAgencies } from '../server/repositories/configuration/agency.ts';

/** The formats every report command writes: JSON of its numbers, or the rendered document. */
export const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The options every report command shares. */
export interface ReportFlags {
  agency: string;
  month?: string;
  format: string;
  output?: string;
  asOf?: string;
}

interface BuiltReport {
  json: unknown;
  document: () => ReportDocument;
}

/** `--month YYYY-MM` as a period; a problem (one sentence naming the option) is pushed when it is not a month. */
export function readMonth(month: string, problems: string[]): ReportPeriod | undefined {
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return parsePeriod(month);
  problems.push(`--month: "${month}" is not a month; write it as YYYY-MM, e.g. 2026-10`);
  return undefined;
}

/** `--format` and `--as-of` (default `now`, never later); problems are pushed one sentence each. */
export function readFormatAndAsOf(
  flags: Pick<ReportFlags, 'format' | 'asOf'>,
  now: Date,
  problems: string[],
): { format: ReportFormat; asOf: Date } {
  const format = flags.format as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) problems.push(`--format: use one of ${REPORT_FORMATS.join(', ')}`);
  let asOf = now;
  if (flags.asOf !== undefined) {
    asOf = new Date(flags.asOf);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(flags.asOf) || Number.isNaN(asOf.getTime())) {
      problems.push('--as-of: write an ISO 8601 date-time, e.g. 2026-11-01T08:00:00-04:00');
    } else if (asOf.getTime() > now.getTime()) problems.push('--as-of: must not be in the future');
  }
  return { format, asOf };
}

/** Adds the options every report command shares (`--month` is the caller's: its help differs). */
export function withReportOptions(command: Command, asOfHelp: string): Command {
  return command
    .requiredOption('--agency <slug>', 'the agency (e.g. main)')
    .option('--format <format>', REPORT_FORMATS.join(', '), 'json')
    .option('--output <file>', 'write to this file instead of standard output')
    .option('--as-of <instant>', asOfHelp);
}

function actorLabel(command: string): string {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // no user name in some containers
  }
  return `civicdesk ${command} (${user}@${os.hostname()})`;
}

/** Builds a report for `flags.agency` and writes it in `options.format`; refuses binary output to a terminal. */
export async function writeReport(
  command: string,
  flags: Pick<ReportFlags, 'agency' | 'output'>,
  options: { period: ReportPeriod; format: ReportFormat },
  build: (ctx: CommandContext) => Promise<BuiltReport>,
): Promise<void> {
  const { format, period } = options;
  if ((format === 'xlsx' || format === 'pdf') && !flags.output && process.stdout.isTTY) {
    throw new Error(`--format ${format} writes a binary file: give --output FILE or pipe the output`);
  }
  const config = loadConfig();
  const runtime = await startRuntime(config);
  try {
    const ctx = await importContext(runtime.db, flags.agency, actorLabel(command)).catch(async (error: unknown) => {
      if (!(error instanceof AppError) || error.code !== 'not_found') throw error;
      const agencies = await listAgencies(runtime.db);
      throw new Error(`--agency: ${error.message} Agencies here: ${agencies.map((a) => a.slug).join(', ')}.`);
    });
    const report = await build(ctx);
    let body: string | Buffer;
    if (format === 'json') body = `${JSON.stringify(report.json, null, 2)}\n`;
    else {
      const { renderReport } = await import('../server/reports/render/index.ts');
      body = (await renderReport(report.document(), format, { chromiumPath: config.chromiumPath })).body;
      if (format === 'pdf') await (await import('../server/channels/letters/pdf-renderer.ts')).closeRenderer();
    }
    if (flags.output) {
      writeFileSync(flags.output, body);
      process.stderr.write(`Wrote ${flags.output} (${period.label}, ${ctx.agency.name}).\n`);
    } else process.stdout.write(body);
  } finally {
    await runtime.close();
  }
}
