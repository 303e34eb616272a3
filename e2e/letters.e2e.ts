// Letters in a real browser: the letterhead set by an administrator, a letter's PDF opened from the case timeline,
// the day's letters printed as one batch PDF, the batch recorded as mailed and found in the mailing log — with
// axe-core finding no WCAG 2.1 AA violation, at 1280 and 390 px.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityViolations, screenshot, startHarness, type Harness } from './harness.ts';
import { NARROW, WIDE, callApi, createCaseViaApi, sidewaysOverflow, signedInPage } from './console-steps.ts';

let h: Harness;
let page: Page;
const sent: string[] = [];

beforeAll(async () => {
  h = await startHarness();
  page = await signedInPage(h.browser, h.baseUrl);
  for (const [firstName, address] of [
    ['Rosa', '210 Joralemon Street, Apt 4B, Brooklyn, NY 11201'],
    ['Ahmed', '455 West 145th Street, New York, NY 10031'],
  ] as const) {
    const trackingNumber = await createCaseViaApi(page, {
      channel: 'letter',
      description: 'No heat in the building since Monday.',
      person: { firstName, lastName: 'Diaz', address },
    });
    await callApi(page, 'POST', `/cases/${trackingNumber}/responses`, {
      templateCode: 'acknowledgement',
      channel: 'letter',
    });
    sent.push(trackingNumber);
  }
});
afterAll(async () => h?.stop());

const noViolations = async (where: string) => expect(await accessibilityViolations(page), where).toEqual([]);

/** Fetches a link's address with the page's session: status, type and the first bytes. */
const fetchHead = (href: string) =>
  page.evaluate(async (url) => {
    const res = await fetch(url);
    const bytes = new Uint8Array(await res.arrayBuffer()).slice(0, 5);
    return { status: res.status, type: res.headers.get('content-type'), start: String.fromCharCode(...bytes) };
  }, href);

it('sets the letterhead from the administration screens', async () => {
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Letterhead' }).click();
  await page.getByRole('heading', { level: 1, name: 'Letterhead' }).waitFor();
  await page.getByLabel('Agency name').fill('Office of Constituent Services');
  await page.getByLabel('Address', { exact: true }).fill('1 Centre Street, 19th Floor\nNew York, NY 10007');
  await page.getByLabel('Phone').fill('(212) 555-0100');
  await page.getByRole('button', { name: 'Save letterhead' }).click();
  await page.getByRole('status').filter({ hasText: 'Letterhead saved' }).waitFor();
  await noViolations('letterhead');
  await screenshot(page, 'letterhead-1280');
  const saved = (await callApi(page, 'GET', '/letters/letterhead')) as { addressLines: string[]; version: number };
  expect(saved.addressLines).toEqual(['1 Centre Street, 19th Floor', 'New York, NY 10007']);
  expect(saved.version).toBe(1);
  // An empty name is refused in words beside the field, and nothing changes.
  await page.getByLabel('Agency name').fill(' ');
  await page.getByRole('button', { name: 'Save letterhead' }).click();
  await page.locator('.field-error').first().waitFor();
  expect(((await callApi(page, 'GET', '/letters/letterhead')) as { version: number }).version).toBe(1);
});

it('opens a letter as PDF from the case timeline', async () => {
  await page.goto(`${h.baseUrl}/cases/${sent[0]}?tab=timeline`);
  const link = page.getByRole('link', { name: /Open the letter as PDF/ });
  await link.waitFor();
  await noViolations('timeline with a letter');
  const href = (await link.getAttribute('href'))!;
  expect(await fetchHead(href)).toEqual({ status: 200, type: 'application/pdf', start: '%PDF-' });
});

it('prints the waiting letters as one batch, records it mailed and shows it in the mailing log', async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Letters' }).click();
  await page.getByRole('heading', { level: 1, name: 'Letters' }).waitFor();
  const waiting = page.getByRole('region', { name: 'Letters waiting to be printed' });
  for (const trackingNumber of sent) await waiting.getByRole('link', { name: trackingNumber, exact: true }).waitFor();
  await page.getByText('No letters were mailed').waitFor();
  await noViolations('letters waiting');
  await screenshot(page, 'letters-1280');
  await page.setViewportSize(NARROW);
  await screenshot(page, 'letters-390');
  expect(await sidewaysOverflow(page)).toBe(0);
  await noViolations('letters at 390px');
  await page.setViewportSize(WIDE);

  await page.getByRole('button', { name: 'Print 2 letters as one PDF' }).click();
  await page.getByRole('status').filter({ hasText: 'Print batch 1 made: 2 letters.' }).waitFor();
  await page.getByText('No letters are waiting to be printed.').waitFor();
  const batchLink = page.getByRole('link', { name: /Batch 1 PDF/ });
  expect(await fetchHead((await batchLink.getAttribute('href'))!)).toMatchObject({ status: 200, start: '%PDF-' });

  // A mailing date in the future is refused beside the field; today is accepted.
  const mailedOn = page.getByLabel('Mailed on (batch 1)');
  const today = await mailedOn.inputValue();
  await mailedOn.evaluate((input: HTMLInputElement) => input.removeAttribute('max'));
  await mailedOn.fill('2999-01-01');
  await page.getByRole('button', { name: 'Record as mailed' }).click();
  await page
    .getByText(/cannot be in the future/)
    .first()
    .waitFor();
  await mailedOn.fill(today);
  await page.getByRole('button', { name: 'Record as mailed' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Print batch 1 recorded as mailed on ${today}.` })
    .waitFor();
  const log = page.getByRole('region', { name: 'Mailing log', exact: true });
  for (const trackingNumber of sent) await log.getByRole('link', { name: trackingNumber, exact: true }).waitFor();
  const csv = await page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href');
  const csvText = await page.evaluate(async (url) => (await fetch(url!)).text(), csv);
  expect(csvText).toContain(sent[0]);
  await noViolations('letters after mailing');
  await screenshot(page, 'letters-mailed-1280');
});
