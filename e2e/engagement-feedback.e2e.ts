// Feedback after an engagement and the area list in a real browser: an administrator keeps the areas; a caseworker
// plans a workshop choosing one, makes its feedback link and copies it; a visitor opens the form in Spanish and in
// Arabic (right to left) on a phone and answers; the engagement shows the count, average and comment. axe-core finds
// no WCAG 2.1 AA violation on any of these pages, at 1280 px and at 390 px.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityViolations, screenshot, startHarness, type Harness } from './harness.ts';
import { NARROW, callApi, signedInPage } from './console-steps.ts';

let h: Harness;
let page: Page;
let feedbackPath = '';

beforeAll(async () => {
  h = await startHarness();
  page = await signedInPage(h.browser, h.baseUrl);
});
afterAll(async () => h?.stop());

const noViolations = async (on: Page, where: string) => expect(await accessibilityViolations(on), where).toEqual([]);

it('keeps the area list and offers it when planning', async () => {
  await page.goto(`${h.baseUrl}/admin/areas`);
  await page.getByRole('heading', { level: 1, name: 'Areas' }).waitFor();
  await page.getByLabel('One area a line').fill('Bronx\nQueens\nStaten Island\n11201');
  await page.getByRole('button', { name: 'Save areas' }).click();
  await page.getByText('4 areas. New and changed engagements choose one of them.').waitFor();
  await noViolations(page, 'areas screen');
  await screenshot(page, 'admin-areas-1280');

  const start = new Date(Date.now() - 86_400_000);
  start.setHours(18, 0, 0, 0);
  await callApi(page, 'POST', '/engagements', {
    kind: 'workshop',
    title: 'Tenant rights workshop',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
    area: 'queens',
  });
  await page.getByRole('link', { name: 'Community' }).click();
  await page.getByRole('heading', { level: 1, name: 'Engagements' }).waitFor();
  await page.getByRole('button', { name: 'Plan an engagement' }).click();
  const form = page.getByRole('form', { name: 'Plan an engagement' });
  expect(await form.getByLabel('Area served').getAttribute('list')).toBe('agency-areas');
  expect(await page.locator('#agency-areas option').count()).toBe(4);
});

it('gives out a feedback link from the engagement', async () => {
  await page.goto(`${h.baseUrl}/community/calendar`);
  await page.getByRole('heading', { level: 1, name: 'Engagements' }).waitFor();
  await page.getByRole('button', { name: 'Tenant rights workshop' }).click();
  await page.getByRole('heading', { level: 2, name: 'Tenant rights workshop' }).waitFor();
  await page.getByText('area: Queens').waitFor();
  await page.getByRole('button', { name: 'Make a feedback link' }).click();
  const address = page.getByLabel('Feedback form address');
  await address.waitFor();
  const url = await address.inputValue();
  expect(url).toMatch(/\/public\/main\/feedback\/[0-9a-z]{16}$/);
  feedbackPath = new URL(url).pathname;
  await page.getByText('For print or reading out:').waitFor();
  await noViolations(page, 'engagement with its feedback link');
  await screenshot(page, 'engagement-feedback-link-1280');
});

it('lets the public answer in Spanish and in Arabic, on a phone too', async () => {
  const wide = await h.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const visitor = await wide.newPage();
  await visitor.goto(`${h.baseUrl}${feedbackPath}?lang=es`);
  await visitor.getByRole('heading', { level: 1, name: '¿Qué tal lo hicimos?' }).waitFor();
  await visitor.getByText('Tenant rights workshop').waitFor();
  await noViolations(visitor, 'feedback form in Spanish');
  await screenshot(visitor, 'engagement-feedback-public-es-1280');
  await visitor.getByRole('button', { name: /Enviar/ }).click();
  await visitor.getByRole('alert').waitFor();
  await noViolations(visitor, 'feedback form in Spanish with an error');
  await visitor.getByLabel(/^5/).check();
  await visitor.getByLabel('Sí').check();
  await visitor.getByLabel(/¿Quiere decirnos algo más?/).fill('Muy útil, gracias');
  await visitor.getByRole('button', { name: /Enviar/ }).click();
  await visitor.getByRole('heading', { level: 1, name: /Gracias/ }).waitFor();
  await wide.close();

  const small = await h.browser.newContext({ viewport: NARROW });
  const phone = await small.newPage();
  await phone.goto(`${h.baseUrl}${feedbackPath}?lang=ar`);
  expect(await phone.locator('html').getAttribute('dir')).toBe('rtl');
  await phone.getByRole('heading', { level: 1 }).waitFor();
  await noViolations(phone, 'feedback form in Arabic at 390 px');
  await screenshot(phone, 'engagement-feedback-public-ar-390');
  await phone.getByLabel(/^3/).check();
  await phone.getByRole('button', { name: 'إرسال إجاباتي' }).click();
  await phone.getByRole('heading', { level: 1, name: 'شكرًا لك على إجاباتك' }).waitFor();
  await phone.goto(`${h.baseUrl}${feedbackPath}?lang=es`);
  await screenshot(phone, 'engagement-feedback-public-es-390');
  await small.close();
});

it('shows the answers on the engagement, at 1280 and 390 px', async () => {
  await page.reload();
  await page.getByRole('button', { name: 'Tenant rights workshop' }).click();
  await page.getByText('2 answers · average satisfaction').waitFor();
  await page.getByText('Muy útil, gracias').waitFor();
  await noViolations(page, 'engagement with feedback answers');
  await screenshot(page, 'engagement-feedback-answers-1280');

  const narrow = await signedInPage(h.browser, h.baseUrl, NARROW);
  await narrow.goto(`${h.baseUrl}/community/calendar`);
  await narrow.getByRole('button', { name: 'Tenant rights workshop' }).click();
  await narrow.getByText('2 answers · average satisfaction').waitFor();
  await noViolations(narrow, 'engagement feedback at 390 px');
  await screenshot(narrow, 'engagement-feedback-answers-390');
  await narrow.close();
});
