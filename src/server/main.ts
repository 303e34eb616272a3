// Starts civicdesk: the web service and the in-process job worker by default (CIVICDESK_SERVICES or
// --services=web,worker choose), on the embedded database unless DATABASE_URL is set.
import { loadConfig, ConfigError } from './env.ts';
import { startRuntime } from './runtime.ts';
import { buildApp } from './app.ts';
import { loggerOptions } from './logging.ts';
import { warmRenderer } from './channels/letters/pdf-renderer.ts';
import { warmUpLettersHtml } from './channels/letters/letter-html.ts';

async function main(): Promise<void> {
  const servicesArg = process.argv.find((a) => a.startsWith('--services='));
  const config = loadConfig(servicesArg ? { ...process.env, CIVICDESK_SERVICES: servicesArg.slice(11) } : process.env);
  const runtime = await startRuntime(config);
  const closers: (() => Promise<void>)[] = [];
  let address = '';
  if (config.services.has('web')) {
    const app = await buildApp({
      config,
      db: runtime.db,
      logger: loggerOptions(config.logLevel, { pretty: process.stdout.isTTY === true }),
    });
    await app.listen({ port: config.port, host: config.host });
    // One Chromium is started now and kept, so the first letter PDF does not wait for it (docs/performance.md).
    void warmRenderer(config.chromiumPath, warmUpLettersHtml());
    address = config.publicUrl;
    closers.push(() => app.close());
  }
  if (config.services.has('worker')) {
    const { startWorker } = await import('./jobs/worker.ts');
    const worker = startWorker({ db: runtime.db, config });
    closers.push(() => worker.stop());
  }
  if (config.services.has('smtp')) {
    const { startEmailService } = await import('./channels/email/email-service.ts');
    const email = await startEmailService({ db: runtime.db, config }, (m) => process.stderr.write(`${m}\n`));
    closers.push(() => email.stop());
  }
  const lines = [
    '',
    `civicdesk is running (${runtime.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'}).`,
  ];
  if (address) lines.push(`  Open ${address} and sign in as ${runtime.setup.adminEmail}`);
  if (runtime.setup.generatedPassword) {
    lines.push(
      `  with the one-time password ${runtime.setup.generatedPassword} (shown once; change it after signing in).`,
    );
  } else if (runtime.setup.created) {
    lines.push('  with the password in CIVICDESK_ADMIN_PASSWORD.');
  } else {
    lines.push('  with the password you set for that account.');
  }
  if (address)
    lines.push(`  API docs: ${address}/api/docs   Demo data: npx civicdesk seed demo (with the server stopped)`);
  process.stdout.write(lines.join('\n') + '\n\n');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    for (const close of closers.reverse()) await close().catch(() => {});
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)}\n`);
  process.exit(1);
});
