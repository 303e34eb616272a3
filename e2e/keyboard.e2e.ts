// The console without a mouse: sign in, find a case with / and the queue filter, move with j, open it with Enter,
// switch tabs with the arrow keys, see the shortcut help with ? — and right-to-left text shown as such.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  accessibilityViolations,
  screenshot,
  startHarness,
  type Harness,
} from './harness.ts';
import { NARROW, WIDE, createCaseViaApi } from './console-steps.ts';

let h: Harness;
let page: Page;
let arabicCase: string;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

const focused = (p: Page) =>
  p.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName, text: el?.textContent?.trim() ?? '', label: el?.getAttribute('aria-label') ?? '' };
  });

it('signs in and opens a case from a queue with the keyboard only', async () => {
  page = await (await h.browser.newContext({ viewport: WIDE })).newPage();
  await page.goto(h.baseUrl);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.keyboard.press('Tab');
  await page.keyboard.type(ADMIN_EMAIL);
  await page.keyboard.press('Tab');
  await page.keyboard.type(ADMIN_PASSWORD);
  await page.keyboard.press('Enter');
  // An administrator lands on the overview; the test goes on from the queues.
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  await page.goto(`${h.baseUrl}/queues/mine`);
  await page.getByRole('heading', { level: 1, name: 'My cases' }).waitFor();

  // Setup only: two cases to find (the API call is not part of what is tested).
  const first = await createCaseViaApi(page, {
    channel: 'phone',
    subject: 'HEAT',
    description: 'Radiator broken in the whole building',
    person: { firstName: 'Lee', lastName: 'Tenant' },
  });
  arabicCase = await createCaseViaApi(page, {
    channel: 'email',
    subject: 'SNAP',
    language: 'ar',
    description: 'توقفت مساعدات سناب الخاصة بي الشهر الماضي',
    person: { firstName: 'سارة', lastName: 'أحمد', email: 'sara@example.org', language: 'ar' },
  });

  // The skip link is the first stop, and it works.
  await page.keyboard.press('Tab');
  expect((await focused(page)).text).toBe('Skip to main content');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).not.toBe('none');

  // Go to All with the keyboard: Tab to the queue link, Enter.
  for (let i = 0; i < 40 && !/^All\b/.test((await focused(page)).text); i++) await page.keyboard.press('Tab');
  expect((await focused(page)).text).toMatch(/^All\b/);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'All cases' }).waitFor();

  // "/" focuses the queue's text filter; Enter applies it.
  await page.keyboard.press('/');
  expect((await focused(page)).tag).toBe('INPUT');
  await page.keyboard.type('radiator');
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'of 1 cases' }).waitFor();

  // j moves to the first row's link; Enter opens the case.
  await page.keyboard.press('j');
  expect((await focused(page)).text).toBe(first);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: `Case ${first}` }).waitFor();
  // Focus moved to the new page's heading, so a screen reader announces where we are.
  expect((await focused(page)).tag).toBe('H1');

  // The tabs follow the arrow keys.
  for (let i = 0; i < 60 && (await focused(page)).text !== 'Timeline'; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowRight');
  expect(await page.getByRole('tab', { name: 'Details' }).getAttribute('aria-selected')).toBe('true');
  await page.keyboard.press('ArrowRight');
  expect(await page.getByRole('tab', { name: 'Route, assign, status' }).getAttribute('aria-selected')).toBe('true');
  await page.getByRole('heading', { name: 'Change status' }).waitFor();

  // ? opens the shortcut list; Escape closes it.
  await page.keyboard.press('?');
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'shortcut-help-1280');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'hidden' });

  // Back in the queue: k lands on the last row, x selects it, and the bulk bar assigns it to me.
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: 'All cases' }).waitFor();
  await page.getByRole('link', { name: first }).waitFor();
  await page.keyboard.press('k');
  expect((await focused(page)).text).toBe(first);
  await page.keyboard.press('x');
  await page.getByRole('heading', { name: '1 selected' }).waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'queue-bulk-1280');
  for (let i = 0; i < 80 && (await focused(page)).text !== 'Assign'; i++) await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Assign: 1 case done.' }).waitFor();
  await page.getByRole('row').filter({ hasText: first }).filter({ hasText: 'Administrator' }).waitFor();
});

it('shows a constituent’s Arabic text right to left, marked with its language', async () => {
  await page.goto(`${h.baseUrl}/cases/${arabicCase}`);
  const body = page.locator('.entry-body').first();
  await body.waitFor();
  expect(await body.getAttribute('dir')).toBe('rtl');
  expect(await body.getAttribute('lang')).toBe('ar');
  expect(await page.getByRole('link', { name: 'سارة أحمد' }).count()).toBe(1);
  expect(await accessibilityViolations(page)).toEqual([]);
  await screenshot(page, 'case-arabic-1280');
  // No approved Arabic acknowledgement exists: the English one is used, and the composer says so.
  await page.getByRole('tab', { name: 'Respond' }).click();
  await page.getByLabel('Template').selectOption('acknowledgement');
  await page.getByText('No approved Arabic version of this template exists, so the English one is used.').waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await page.setViewportSize(NARROW);
  await screenshot(page, 'case-arabic-390');
  expect(await accessibilityViolations(page)).toEqual([]);
});
