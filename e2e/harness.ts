// Browser-test harness: starts the real server (built console, fresh embedded database in a temp dir) on a free
// port, launches Debian's Chromium through playwright-core, and runs axe-core on a page.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

export const ADMIN_EMAIL = 'admin@example.gov';
export const ADMIN_PASSWORD = 'e2e password 123';

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export interface Harness {
  baseUrl: string;
  browser: Browser;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts the server and the browser. */
export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'civicdesk-e2e-'));
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      CIVICDESK_DATA_DIR: dataDir,
      CIVICDESK_ADMIN_EMAIL: ADMIN_EMAIL,
      CIVICDESK_ADMIN_PASSWORD: ADMIN_PASSWORD,
      LOG_LEVEL: 'warn',
      // Any free port for the mail receiver, so a busy 2525 never stops a test server from starting.
      CIVICDESK_SMTP_PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout!.on('data', (d) => (output += d));
  server.stderr!.on('data', (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    // A busy machine may need longer: E2E_SERVER_START_MS.
    if (Date.now() - started > Number(process.env.E2E_SERVER_START_MS ?? 90_000))
      throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    baseUrl,
    browser,
    dataDir,
    stop: async () => {
      await browser.close();
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs axe-core (WCAG 2.1 A and AA rules) and returns the violations, each with its rule and first target. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target.join(' ')})`);
}

/** Saves a screenshot under e2e/screenshots for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join('e2e', 'screenshots', `${name}.png`), fullPage: true });
}
