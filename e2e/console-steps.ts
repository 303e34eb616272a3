// Steps the console's browser tests share: a fresh signed-in page at a given width, and a case created through the
// API of that page's session (for tests that need cases without filling the form).
import type { Browser, Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './harness.ts';

export const WIDE = { width: 1280, height: 900 };
export const NARROW = { width: 390, height: 844 };
/** A 1280px window at 200% zoom lays out like a 640px one. */
export const ZOOM_200 = { width: 640, height: 450 };

/** How many pixels the page scrolls sideways (0 when everything fits the viewport's width). */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * Opens a new browser context and page at `viewport`, signed in as the first administrator, on their own cases (an
 * administrator lands on the overview; the Queues link leads to "My cases").
 */
export async function signedInPage(browser: Browser, baseUrl: string, viewport = WIDE): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(baseUrl);
  await page.getByLabel('Email').fill(ADMIN_EMAIL);
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  await page.goto(`${baseUrl}/queues/mine`);
  await page.getByRole('heading', { level: 1, name: 'My cases' }).waitFor();
  return page;
}

/** Calls the API with the page's session and CSRF token; throws on a refusal. */
export async function callApi(page: Page, method: string, path: string, body?: unknown): Promise<unknown> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch('/api/v1/auth/me')).json();
      const res = await fetch(`/api/v1${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.status === 204 ? null : res.json();
    },
    { method, path, body },
  );
}

/** Creates a case through the API with the page's session and CSRF token; answers its tracking number. */
export async function createCaseViaApi(page: Page, body: Record<string, unknown>): Promise<string> {
  return ((await callApi(page, 'POST', '/cases', body)) as { trackingNumber: string }).trackingNumber;
}
