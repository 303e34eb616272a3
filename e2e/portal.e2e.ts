// The public portal in a real browser on a phone-sized screen: a resident fills in the form in Haitian Creole with
// the keyboard only, reads the confirmation, checks the status page, and answers the survey after the case is
// closed; axe-core finds no WCAG 2.1 AA violation on the form (English, Kreyòl, Arabic and Urdu, right to left),
// its error state, the confirmation, the status page and the survey. Screenshots go to e2e/screenshots/.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  accessibilityViolations,
  screenshot,
  startHarness,
  type Harness,
} from './harness.ts';

const PHONE = { width: 390, height: 844 };

let h: Harness;
let context: BrowserContext;
let page: Page;
let trackingNumber: string;
let statusUrl: string;
let session: { cookie: string; csrfToken: string };

beforeAll(async () => {
  h = await startHarness({ CIVICDESK_SERVICES: 'web,worker' });
  context = await h.browser.newContext({ viewport: PHONE, locale: 'ht-HT', deviceScaleFactor: 1 });
  page = await context.newPage();
});
afterAll(async () => {
  await context?.close();
  await h?.stop();
});

const noViolations = async (where: string) => expect(await accessibilityViolations(page), where).toEqual([]);

/** Presses Tab until the element with this id has focus (keyboard only), failing after 40 presses. */
async function tabTo(id: string) {
  for (let i = 0; i < 40; i++) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached #${id}`);
}

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${h.baseUrl}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return res;
}

it('is filled in Haitian Creole on a phone with the keyboard only', async () => {
  const opened = Date.now();
  await page.goto(`${h.baseUrl}/public/main/web/form`);
  expect(await page.getAttribute('html', 'lang')).toBe('ht');
  await page.getByRole('heading', { level: 1, name: /Kontakte/ }).waitFor();
  await noViolations('form ht');
  await screenshot(page, 'portal-form-ht-390');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'no sideways scrolling at 390px').toBeLessThanOrEqual(0);

  await tabTo('f-name');
  await page.keyboard.type('Marie-Claude Joseph');
  await tabTo('f-email');
  await page.keyboard.type('marie@example.org');
  await tabTo('f-subject');
  await page.keyboard.press('ArrowDown');
  await tabTo('f-message');
  await page.keyboard.type('Pa gen chofaj nan apatman an depi twa jou. Timoun yo frèt.');
  await tabTo('f-need-interpreter');
  await page.keyboard.press('Space');
  await tabTo('f-consent');
  await page.keyboard.press('Space');
  await tabTo('f-submit');
  // The viewport only: Tab scrolled the focused button into view, so its focus ring is on the picture.
  await page.screenshot({ path: 'e2e/screenshots/portal-form-ht-focus-submit.png' });
  // The signed form token refuses a form sent within 3 seconds of opening it.
  await page.waitForTimeout(Math.max(0, 3_500 - (Date.now() - opened)));
  await page.keyboard.press('Enter');

  await page.getByRole('heading', { level: 1, name: 'Mèsi. Nou resevwa mesaj ou.' }).waitFor();
  trackingNumber = (await page.locator('#tracking-number').textContent())!.trim();
  expect(trackingNumber).toMatch(/-\d{4}-\d{6}$/);
  statusUrl = (await page.locator('#status-link').getAttribute('href'))!;
  expect(statusUrl).toContain(`/public/main/status/${trackingNumber}?k=`);
  await noViolations('confirmation ht');
  await screenshot(page, 'portal-confirmation-ht-390');

  await page.locator('#status-link').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: `Demann ${trackingNumber}` }).waitFor();
  await expect(page.locator('.state').textContent()).resolves.toContain('Nou resevwa l');
  await noViolations('status ht');
  await screenshot(page, 'portal-status-ht-390');
});

it('closes the case as staff, which sends a survey invitation', async () => {
  const login = await api('POST', '/api/v1/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  expect(login.status).toBe(200);
  session = { cookie: login.headers.get('set-cookie')!.split(';')[0]!, csrfToken: (await login.json()).csrfToken };
  const closed = await api('POST', `/api/v1/cases/${trackingNumber}/status`, { status: 'closed' });
  expect(closed.status).toBeLessThan(300);
});

it.each([
  ['en', 'ltr'],
  ['ar', 'rtl'],
  ['ur', 'rtl'],
])('shows the form in %s laid out %s with no accessibility violation', async (lang, dir) => {
  await page.goto(`${h.baseUrl}/public/main/web/form?lang=${lang}`);
  expect(await page.getAttribute('html', 'dir')).toBe(dir);
  await noViolations(`form ${lang}`);
  await screenshot(page, `portal-form-${lang}-390`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `no sideways scrolling in ${lang}`).toBeLessThanOrEqual(0);
});

it('lists errors at the top and beside each field, right to left in Arabic', async () => {
  await page.goto(`${h.baseUrl}/public/main/web/form?lang=ar`);
  await page.waitForTimeout(3_200);
  await page.locator('#f-email').fill('not-an-address');
  await page.locator('#f-submit').click();
  await page.locator('.error-summary').waitFor();
  await expect(page.locator('#f-email').getAttribute('aria-invalid')).resolves.toBe('true');
  await expect(page.locator('#f-email').inputValue()).resolves.toBe('not-an-address');
  await noViolations('form errors ar');
  await screenshot(page, 'portal-form-errors-ar-390');
  await page.screenshot({ path: 'e2e/screenshots/portal-form-errors-ar-top.png' });
  await page.locator('.error-summary a[href="#f-email"]').click();
  expect(await page.evaluate(() => location.hash)).toBe('#f-email');
  await page.locator('#f-email').focus();
  await page.screenshot({ path: 'e2e/screenshots/portal-form-errors-ar-email-focus.png' });
});

it('shows the closed status in Urdu and takes the survey answer once', async () => {
  await page.goto(
    `${h.baseUrl}${new URL(statusUrl, h.baseUrl).pathname}${new URL(statusUrl, h.baseUrl).search.replace('lang=ht', 'lang=ur')}`,
  );
  expect(await page.getAttribute('html', 'dir')).toBe('rtl');
  await noViolations('status ur');
  await screenshot(page, 'portal-status-ur-390');

  // The worker's periodic tick creates the invitation; it is on the case timeline (and in the outbox).
  let surveyUrl: string | undefined;
  for (let i = 0; i < 45 && !surveyUrl; i++) {
    const timeline = (await (await api('GET', `/api/v1/cases/${trackingNumber}/timeline`)).json()) as {
      entries: { subject: string | null; body: string }[];
    };
    const note = timeline.entries.find((e) => e.subject?.startsWith('Satisfaction survey invitation'));
    surveyUrl = note ? /https?:\/\/\S+\/public\/main\/survey\/\S+/.exec(note.body)?.[0] : undefined;
    if (!surveyUrl) await new Promise((r) => setTimeout(r, 2_000));
  }
  expect(surveyUrl, 'survey invitation within 90 seconds').toBeDefined();
  await page.goto(surveyUrl!);
  await page.getByRole('group', { name: /Ki jan ou satisfè/ }).waitFor();
  await noViolations('survey ht');
  await screenshot(page, 'portal-survey-ht-390');
  await page.locator('label[for="s-5"]').click();
  await page.locator('label[for="r-yes"]').click();
  await page.locator('#f-comment').fill('Mèsi anpil 🙏');
  await page.getByRole('button', { name: 'Voye repons mwen yo' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mèsi pou repons ou yo' }).waitFor();
  await noViolations('survey thanks');
  await page.goto(surveyUrl!);
  await expect(page.locator('main').textContent()).resolves.toContain('Nou deja gen repons ou');
});
