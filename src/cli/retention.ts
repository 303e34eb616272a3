// `civicdesk retention run --agency SLUG [--dry-run] [--json]`: applies the agency's retention rules (or, with
// --dry-run, reports what they would remove, changing nothing), with a progress bar on a terminal.
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { loadConfig } from '../server/env.ts';
import { startRuntime } from '../server/runtime.ts';
import { systemActor } from '../server/context.ts';
import { findAgencyBySlug } from '../server/repositories/portal.ts';
import { retentionDryRun, runRetention } from '../server/commands/admin/retention.ts';
import type { RetentionReport } from '../shared/retention.ts';

/** The report in plain lines. */
export function formatRetentionReport(report: RetentionReport): string {
  const lines = [
    `${report.dryRun ? 'Dry run (nothing changed)' : 'Retention applied'} as of ${report.asOf}:`,
    `  cases anonymised: ${report.casesAnonymised}`,
    `  cases deleted: ${report.casesDeleted}${report.keptAnonymised ? ` (${report.keptAnonymised} kept anonymised: other records refer to them)` : ''}`,
    `  people anonymised: ${report.peopleAnonymised}`,
    `  attachments removed: ${report.attachmentsRemoved}`,
    `  mails cleared: ${report.mailsCleared}`,
  ];
  for (const k of report.byKind) lines.push(`  ${k.caseKind}: ${k.cases} case(s), ${k.action} after ${k.years} years`);
  return `${lines.join('\n')}\n`;
}

export function registerRetentionCommands(program: Command): void {
  program
    .command('retention')
    .description('retention of closed cases')
    .command('run')
    .description("anonymise or delete closed cases as the agency's retention rules say")
    .requiredOption('--agency <slug>', 'the agency (e.g. main)')
    .option('--dry-run', 'report what would go, change nothing')
    .option('--json', 'print the report as JSON')
    .action(async (flags: { agency: string; dryRun?: boolean; json?: boolean }) => {
      const config = loadConfig();
      const runtime = await startRuntime(config);
      const bar =
        process.stderr.isTTY && !flags.json && !flags.dryRun
          ? new cliProgress.SingleBar(
              { format: 'retention {bar} {percentage}% | {value}/{total} records', stream: process.stderr },
              cliProgress.Presets.shades_classic,
            )
          : null;
      try {
        const agency = await findAgencyBySlug(runtime.db, flags.agency);
        if (!agency) throw new Error(`There is no agency "${flags.agency}".`);
        const ctx = { db: runtime.db, agency, actor: systemActor('civicdesk retention'), requestId: null };
        let started = false;
        const report = flags.dryRun
          ? await retentionDryRun(ctx)
          : await runRetention(ctx, config.dataDir, {
              onProgress: (done, total) => {
                if (!bar) return;
                if (!started) bar.start(total, 0);
                started = true;
                bar.update(done);
              },
            });
        bar?.stop();
        process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatRetentionReport(report));
      } finally {
        bar?.stop();
        await runtime.close();
      }
    });
}
