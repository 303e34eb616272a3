// `npm start`: builds the staff console when its sources changed since the last build (console-build.ts), with one
// line instead of Vite's list of files, then starts the server (main.ts).
import { fileURLToPath } from 'node:url';
import { consoleNeedsBuild, readBuildState, writeBuildStamp } from './console-build.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function buildConsoleIfNeeded(): Promise<void> {
  const state = readBuildState(root);
  const decision = consoleNeedsBuild(state);
  if (!decision.build) {
    process.stdout.write('The staff console is up to date (dist/web).\n');
    return;
  }
  process.stdout.write(`Building the staff console: ${decision.reason}…\n`);
  const started = Date.now();
  const { build } = await import('vite');
  await build({ configFile: fileURLToPath(new URL('../web/vite.config.ts', import.meta.url)), logLevel: 'error' });
  writeBuildStamp(root, state.sourceHash);
  process.stdout.write(`Built the staff console in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
}

try {
  await buildConsoleIfNeeded();
} catch (error) {
  process.stderr.write(`The staff console could not be built: ${(error as Error).message ?? String(error)}\n`);
  process.exit(1);
}
await import('./main.ts');
