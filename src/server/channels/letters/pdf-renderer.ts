// HTML → PDF with headless Chromium (playwright-core), because Chromium's text stack shapes every script the
// letters use (docs/decisions/0005). One browser per process, launched on first use and closed on shutdown;
// each render gets a fresh context with JavaScript and the network off. A missing Chromium is a 503, not a crash.
import { access, constants } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { AppError } from '../../errors.ts';

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Renders at once; more would only queue for the machine's two cores. */
const MAX_PARALLEL_RENDERS = 2;
const RENDER_TIMEOUT_MS = 120_000;

let browser: Promise<Browser> | null = null;
let browserPath: string | null = null;
let running = 0;
const waiting: (() => void)[] = [];

function unavailable(executablePath: string, reason: string): AppError {
  return new AppError(
    'service_unavailable',
    `Letters cannot be rendered: Chromium ${reason} at "${executablePath}". Install Chromium (Debian package ` +
      '"chromium") or set CIVICDESK_CHROMIUM_PATH to its executable.',
  );
}

async function launch(executablePath: string): Promise<Browser> {
  try {
    await access(executablePath, constants.X_OK);
  } catch {
    throw unavailable(executablePath, 'was not found or is not executable');
  }
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new AppError('service_unavailable', 'Letters cannot be rendered: the playwright-core package is missing.');
  }
  try {
    const launched = await chromium.launch({ executablePath, args: LAUNCH_ARGS, timeout: 60_000 });
    launched.on('disconnected', () => {
      // A crashed browser is replaced on the next render.
      if (browserPath === executablePath) browser = null;
    });
    return launched;
  } catch (error) {
    throw unavailable(executablePath, `did not start (${String((error as Error).message).split('\n')[0]})`);
  }
}

function sharedBrowser(executablePath: string): Promise<Browser> {
  if (!browser || browserPath !== executablePath) {
    // A different path (configuration changed, or a test's app) replaces the browser; the old one is closed.
    browser?.then((old) => old.close()).catch(() => undefined);
    browserPath = executablePath;
    const launching = launch(executablePath);
    browser = launching;
    launching.catch(() => {
      if (browser === launching) browser = null;
    });
  }
  return browser;
}

async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_PARALLEL_RENDERS) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

/** Renders a complete HTML document to a US Letter PDF. */
export async function renderPdf(html: string, executablePath: string): Promise<Buffer> {
  return slot(async () => {
    const instance = await sharedBrowser(executablePath);
    const context = await instance.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      // Only the document itself and inline data: images load; nothing inserted into a letter can reach out.
      await page.route('**/*', (route) =>
        route.request().url().startsWith('data:') ? route.continue() : route.abort(),
      );
      await page.setContent(html, { waitUntil: 'load', timeout: RENDER_TIMEOUT_MS });
      const pdf = await page.pdf({ format: 'Letter', printBackground: true, preferCSSPageSize: true });
      return Buffer.from(pdf);
    } finally {
      await context.close().catch(() => undefined);
    }
  });
}

/**
 * Starts the shared browser and renders one throw-away page in `html` (a letter in the fonts letters use), so the
 * first letter a person asks for does not wait for Chromium to start and load its fonts. Never throws: a missing
 * Chromium is reported when a letter is asked for.
 */
export async function warmRenderer(executablePath: string, html: string): Promise<number | null> {
  const started = performance.now();
  try {
    await renderPdf(html, executablePath);
    return performance.now() - started;
  } catch {
    return null;
  }
}

/** Closes the shared browser (on server shutdown); the next render would launch a new one. */
export async function closeRenderer(): Promise<void> {
  const current = browser;
  browser = null;
  browserPath = null;
  if (!current) return;
  try {
    await (await current).close();
  } catch {
    // It never started, or it is already gone.
  }
}

/** Pages in a PDF written by Chromium (its page objects are not compressed). */
export function countPdfPages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}
