// The civicdesk command line: one bin, subcommands for operators. Reads the same environment as the server.
import { Command } from 'commander';
import { loadConfig } from '../server/env.ts';
import { startRuntime } from '../server/runtime.ts';
import { registerAgencyCommands } from './agency.ts';
import { registerImportCommands } from './import.ts';
import { registerReportCommands } from './report.ts';
import { registerRetentionCommands } from './retention.ts';

const program = new Command();
program.name('civicdesk').description('civicdesk: case management for public offices that answer people');

program
  .command('migrate')
  .description('bring the database schema up to date (the server also does this at start)')
  .action(async () => {
    const runtime = await startRuntime(loadConfig());
    process.stdout.write(`Database is up to date (${runtime.kind}).\n`);
    await runtime.close();
  });

const seed = program.command('seed').description('load data');
seed
  .command('demo')
  .description('load a realistic demo agency into agency "main": about 20,000 cases over 13 months')
  .option('--cases <n>', 'how many cases', '20000')
  .action(async (options: { cases: string }) => {
    const count = Number(options.cases);
    if (!Number.isInteger(count) || count < 0 || count > 5_000_000) {
      throw new Error('--cases must be a whole number between 0 and 5,000,000');
    }
    // Opening a new database runs every migration first: say so, so the wait before the bar is not silent.
    process.stderr.write('Opening the database and bringing it up to date…\n');
    const runtime = await startRuntime(loadConfig());
    try {
      const { seedDemo } = await import('./seed-demo.ts');
      await seedDemo(runtime.db, { cases: count, progress: true });
    } finally {
      await runtime.close();
    }
  });

registerImportCommands(program);

registerAgencyCommands(program);

registerReportCommands(program);
registerRetentionCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`civicdesk: ${(error as Error).message ?? String(error)}\n`);
  process.exit(1);
});
