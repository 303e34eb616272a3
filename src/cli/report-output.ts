// What every `civicdesk report …` command does once its options are read: open the database, act as the agency's
// system (restricted cases count), build the report, and write it as JSON or as a rendered file (CSV, XLSX, PDF) to
// standard output or --output. Renderers load only when a rendered format is asked for.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { loadConfig } from '../server/env.ts';
import { startRuntime } from '../server/runtime.ts';
import { importContext } from '../server/commands/import-context.ts';
import type { CommandContext } from '../server/context.ts';
import type { ReportPeriod } from '../domain/report-periods.ts';
import type { ReportDocument } from '../server/reports/report-document.ts';

export interface BuiltReport {
  json: unknown;
  document: () => ReportDocument;
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
  flags: { agency: string; output?: string },
  options: { period: ReportPeriod; format: 'json' | 'csv' | 'xlsx' | 'pdf' },
  build: (ctx: CommandContext) => Promise<BuiltReport>,
): Promise<void> {
  const { format, period } = options;
  if ((format === 'xlsx' || format === 'pdf') && !flags.output && process.stdout.isTTY) {
    throw new Error(`--format ${format} writes a binary file: give --output FILE or pipe the output`);
  }
  const config = loadConfig();
  const runtime = await startRuntime(config);
  try {
    const ctx = await importContext(runtime.db, flags.agency, actorLabel(command));
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
