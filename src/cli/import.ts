// `civicdesk import nyc311|cases|calls|interpretations FILE --agency SLUG` and `civicdesk import map …`: stream a
// CSV into the agency with a progress bar (on a terminal), print the report, and exit non-zero when rows were
// rejected (1) or the file could not be read (2).
import { existsSync } from 'node:fs';
import v8 from 'node:v8';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { loadConfig } from '../server/env.ts';
import { startRuntime } from '../server/runtime.ts';
import type { Db } from '../server/db/database.ts';
import type { ImportOptions, ImportReport } from '../server/channels/imports/import-runner.ts';

interface CommonFlags {
  agency: string;
  strict?: boolean;
  rejects?: string;
  createUnknown?: boolean;
  batchSize: string;
  encoding: string;
  json?: boolean;
}

type Importer = (db: Db, options: ImportOptions & { agency: string; createUnknown?: boolean }) => Promise<ImportReport>;

const number = (n: number) => n.toLocaleString('en-US');

/** The end-of-import report as people read it. */
export function formatReport(report: ImportReport): string {
  const lines = [
    `${report.status === 'completed' ? 'Imported' : report.status === 'aborted' ? 'Aborted' : 'Failed'} ` +
      `${report.kind} from ${report.file} (run ${report.runId})`,
    `  rows read   ${number(report.rowsRead)}`,
    `  created     ${number(report.created)}`,
    `  updated     ${number(report.updated)}`,
    `  unchanged   ${number(report.unchanged)}`,
    `  rejected    ${number(report.rejected)}`,
    `  time        ${report.seconds.toFixed(1)} s (${number(report.rowsPerSecond)} rows/s)`,
  ];
  for (const [label, key] of [
    ['complaint types', 'unknownComplaintTypes'],
    ['agencies', 'unknownAgencies'],
  ] as const) {
    const list = report[key] as { name: string; code: string; rows: number }[] | undefined;
    if (!list?.length) continue;
    lines.push(
      report.unknownCreated
        ? `  unknown ${label}: ${list.length}, created:`
        : `  unknown ${label}: ${list.length} (no mapping; imported without one — map them, or use --create-unknown):`,
    );
    for (const item of list.slice(0, 20)) lines.push(`    ${item.name} → ${item.code} (${number(item.rows)} rows)`);
    if (list.length > 20) lines.push(`    … and ${list.length - 20} more`);
  }
  if (report.rejects.length) {
    lines.push('  rejected rows:');
    for (const r of report.rejects.slice(0, 20)) {
      lines.push(`    line ${r.line}${r.column ? `, column "${r.column}"` : ''}: ${r.reason}`);
    }
    if (report.rejected > 20) lines.push(`    … ${number(report.rejected - 20)} more (see --rejects FILE)`);
  }
  if (report.error) lines.push(`  error: ${report.error}`);
  return `${lines.join('\n')}\n`;
}

async function runImportCommand(kind: string, file: string, flags: CommonFlags, importer: () => Promise<Importer>) {
  if (!existsSync(file)) throw new Error(`There is no file ${file}.`);
  const batchSize = Number(flags.batchSize);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 20_000) {
    throw new Error('--batch-size must be a whole number between 1 and 20,000');
  }
  if (flags.encoding !== 'utf8' && flags.encoding !== 'latin1') throw new Error('--encoding must be utf8 or latin1');
  // V8 lets its heap grow to about four times what is live before it collects; an import keeps about 40 MB live
  // (two batches and the program) and allocates fast, so that alone took the process past 300 MB. V8's
  // memory-saving mode collects sooner: peak RSS 338 → 221 MB on 200,000 rows, same rows/s (the database sets the
  // pace); the import's own code costs about 20% more CPU. See docs/performance.md.
  v8.setFlagsFromString('--optimize-for-size');
  const runtime = await startRuntime(loadConfig());
  const bar =
    process.stderr.isTTY && !flags.json
      ? new cliProgress.SingleBar(
          { format: `${kind} {bar} {percentage}% | {value}/{total} MB | {eta_formatted} left`, stream: process.stderr },
          cliProgress.Presets.shades_classic,
        )
      : null;
  let started = false;
  try {
    const report = await (
      await importer()
    )(runtime.db, {
      file,
      agency: flags.agency,
      strict: !!flags.strict,
      createUnknown: !!flags.createUnknown,
      batchSize,
      encoding: flags.encoding,
      ...(flags.rejects ? { rejectsFile: flags.rejects } : {}),
      onProgress: (bytes, total) => {
        if (!bar) return;
        const mb = (n: number) => Math.round(n / 1e5) / 10;
        if (!started) {
          bar.start(mb(total), 0);
          started = true;
        }
        bar.update(mb(bytes));
      },
    });
    bar?.stop();
    process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    process.exitCode = report.status === 'failed' ? 2 : report.rejected > 0 || report.status === 'aborted' ? 1 : 0;
  } finally {
    bar?.stop();
    await runtime.close();
  }
}

/** Adds the `import` commands to the civicdesk program. */
export function registerImportCommands(program: Command): void {
  const group = program.command('import').description('import CSV files: NYC 311 open data, legacy cases, calls');
  const common = (command: Command, createUnknown: boolean) => {
    command
      .requiredOption('--agency <slug>', 'the agency to import into (e.g. main)')
      .option('--strict', 'stop at the first bad row and write nothing at all')
      .option('--rejects <file>', 'write the rejected rows with line, column and reason to this CSV file')
      .option('--batch-size <n>', 'rows per batch (the whole file is one transaction)', '10000')
      .option('--encoding <name>', 'utf8 (default; invalid bytes reject the row) or latin1', 'utf8')
      .option('--json', 'print the report as JSON');
    if (createUnknown) {
      command.option('--create-unknown', 'create unknown subjects and units instead of reporting them');
    }
    return command;
  };
  common(
    group.command('nyc311 <file>').description('NYC 311 open-data CSV (any layout) into cases of channel 311'),
    true,
  ).action((file: string, flags: CommonFlags) =>
    runImportCommand(
      'nyc311',
      file,
      flags,
      async () => (await import('../server/commands/imports/import-nyc311.ts')).importNyc311,
    ),
  );
  common(
    group.command('cases <file>').description('legacy CRM history (external_id, received_at, channel, subject, …)'),
    true,
  ).action((file: string, flags: CommonFlags) =>
    runImportCommand(
      'cases',
      file,
      flags,
      async () => (await import('../server/commands/imports/import-cases.ts')).importLegacyCases,
    ),
  );
  common(
    group.command('calls <file>').description('call-centre records (call_id, queue, offered_at, answered_at, …)'),
    false,
  ).action((file: string, flags: CommonFlags) =>
    runImportCommand(
      'calls',
      file,
      flags,
      async () => (await import('../server/commands/imports/import-calls.ts')).importCalls,
    ),
  );
  common(
    group
      .command('interpretations <file>')
      .description('interpretation requests (requested_at, language, mode, completed_at)'),
    false,
  ).action((file: string, flags: CommonFlags) =>
    runImportCommand(
      'interpretations',
      file,
      flags,
      async () => (await import('../server/commands/imports/import-interpretations.ts')).importInterpretations,
    ),
  );

  group
    .command('map <kind> <source> <code>')
    .description(
      'map a 311 complaint type to a subject code (kind complaint-type) or a 311 agency to a unit code (kind agency)',
    )
    .requiredOption('--agency <slug>', 'the agency whose mapping this is')
    .action(async (kind: string, source: string, code: string, flags: { agency: string }) => {
      if (kind !== 'complaint-type' && kind !== 'agency') throw new Error('kind must be complaint-type or agency');
      const runtime = await startRuntime(loadConfig());
      try {
        const { setImportMapping } = await import('../server/commands/imports/import-mapping.ts');
        await setImportMapping(runtime.db, flags.agency, kind === 'agency' ? 'agency' : 'complaint_type', source, code);
        process.stdout.write(`Mapped ${kind} "${source}" → ${code}.\n`);
      } finally {
        await runtime.close();
      }
    });
}
