// The materials library and notices to the public in a real browser: add a flyer, give it a Spanish version with a
// file and a review date that has come, approve it (the review flag shows), record copies handed out to an
// organisation and find the flyer by its approved language; record a person's notice opt-out on the profile, then
// compose a notice to the Spanish-speaking people, preview it (one recipient by email, one left out for the opt-out),
// send it after the confirmation and read its delivery log. axe-core finds no WCAG 2.1 AA violation, at 1280 and
// 390 px.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityViolations, screenshot, startHarness, type Harness } from './harness.ts';
import { NARROW, callApi, signedInPage } from './console-steps.ts';

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = await signedInPage(h.browser, h.baseUrl);
});
afterAll(async () => h?.stop());

const noViolations = async (where: string) => expect(await accessibilityViolations(page), where).toEqual([]);
const pad = (n: number) => String(n).padStart(2, '0');
const localDate = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const yesterday = localDate(new Date(Date.now() - 86_400_000));

it('keeps a flyer with a Spanish version: file, approval, review flag, distribution log and filters', async () => {
  await callApi(page, 'POST', '/organizations', { name: 'Bronx Community Board 4', type: 'community_organization' });
  await page.goto(`${h.baseUrl}/community/calendar`);
  await page.getByRole('heading', { level: 1, name: 'Engagements' }).waitFor();
  await page.getByRole('link', { name: 'Materials library' }).click();
  await page.getByRole('heading', { level: 1, name: 'Materials library' }).waitFor();
  await page.getByRole('status').filter({ hasText: '0 materials.' }).waitFor();
  await page.getByRole('button', { name: 'Add material' }).click();
  const form = page.getByRole('form', { name: 'Add a material' });
  await form.getByLabel('Title').fill('Know your rights in shelter');
  await form.getByLabel('Kind').selectOption('flyer');
  await noViolations('add a material form');
  await form.getByRole('button', { name: 'Save material' }).click();
  await page.getByRole('heading', { level: 2, name: 'Know your rights in shelter' }).waitFor();

  const version = page.getByRole('form', { name: 'Add a version' });
  await version.getByLabel('Language').selectOption('es');
  await version.getByLabel('Review by').fill(yesterday);
  await version.getByLabel('What changed').fill('First Spanish edition');
  await version.getByRole('button', { name: 'Add version' }).click();
  await page.getByRole('status').filter({ hasText: 'Draft version added in Spanish.' }).waitFor();
  await expect(page.getByRole('button', { name: 'Approve the Spanish version 1' }).isDisabled()).resolves.toBe(true);
  const upload = page.getByRole('form', { name: 'Upload the file of the Spanish version 1' });
  await upload.getByLabel('File for the Spanish version 1').setInputFiles({
    name: 'derechos.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n% a flyer\n'),
  });
  await upload.getByRole('button', { name: 'Upload' }).click();
  await page.getByRole('status').filter({ hasText: 'File uploaded to the Spanish version 1.' }).waitFor();
  await page.getByRole('link', { name: 'derechos.pdf' }).waitFor();
  await page.getByRole('button', { name: 'Approve the Spanish version 1' }).click();
  await page.getByRole('status').filter({ hasText: 'Spanish version 1 approved.' }).waitFor();
  await page.getByRole('button', { name: 'Retire the Spanish version 1' }).waitFor();
  await page
    .getByRole('table', { name: /Versions of/ })
    .getByText('Review due')
    .waitFor();

  const log = page.getByRole('form', { name: 'Record a distribution' });
  await log.getByLabel('Language').selectOption('es');
  await log.getByLabel('Date handed out').fill(yesterday);
  await log.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Bronx Community Board 4' });
  await log.getByLabel('Copies').fill('150');
  await log.getByRole('button', { name: 'Record distribution' }).click();
  await page.getByRole('status').filter({ hasText: 'Recorded 150 copies handed out.' }).waitFor();
  await page
    .getByRole('table', { name: /handed out/ })
    .getByText('Bronx Community Board 4')
    .waitFor();

  const search = page.getByRole('search', { name: 'Search materials' });
  await search.getByLabel('Approved in language').selectOption('zh');
  await search.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('status').filter({ hasText: '0 materials.' }).waitFor();
  await search.getByLabel('Approved in language').selectOption('es');
  await search.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('status').filter({ hasText: '1 material.' }).waitFor();
  await page.getByRole('cell', { name: 'Review due: Spanish' }).waitFor();
  await noViolations('materials library with a material open');
  await screenshot(page, 'community-materials-1280');
});

it('records an opt-out on the profile, previews a notice to Spanish speakers, sends it and shows the log', async () => {
  const newCase = async (firstName: string, email: string) =>
    (await callApi(page, 'POST', '/cases', {
      channel: 'email',
      description: 'Question about shelter rules',
      person: { firstName, lastName: 'García', email, language: 'es' },
    })) as { trackingNumber: string; person: { id: number } };
  await newCase('Lucía', 'lucia@example.net');
  const quiet = await newCase('Mateo', 'mateo@example.net');

  await page.goto(`${h.baseUrl}/people/${quiet.person.id}`);
  await page.getByRole('heading', { level: 1, name: /Mateo/ }).waitFor();
  await page.getByRole('checkbox', { name: 'Asked for no notices to the public' }).check();
  await page.getByRole('status').filter({ hasText: 'Recorded: no notices to the public.' }).waitFor();
  expect(await page.getByRole('checkbox', { name: 'Asked for no notices to the public' }).isChecked()).toBe(true);

  await page.goto(`${h.baseUrl}/community/notices`);
  await page.getByRole('heading', { level: 1, name: 'Notices to the public' }).waitFor();
  await page.getByRole('status').filter({ hasText: '0 notices' }).waitFor();
  await page.getByRole('button', { name: 'Compose a notice' }).click();
  const form = page.getByRole('form', { name: 'The notice and its audience' });
  await form.getByLabel('Title').fill('New shelter curfew hours');
  await form.getByLabel('Template').selectOption('acknowledgement');
  await form.getByLabel('Delivery').selectOption('email');
  await form.getByRole('checkbox', { name: 'Spanish' }).check();
  await noViolations('compose a notice');
  await form.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('status').filter({ hasText: '1 person will receive the notice; 1 person left out.' }).waitFor();
  const byLanguage = page.getByRole('table', { name: 'Recipients by language and channel' });
  await byLanguage.getByRole('row', { name: /Spanish .*sent in English.* 1 0/ }).waitFor();
  await noViolations('notice preview');
  await screenshot(page, 'community-notices-preview-1280');

  await page.getByRole('button', { name: 'Send the notice…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Send this notice?' });
  await dialog.getByText('goes to 1 person').waitFor();
  await noViolations('send confirmation');
  await dialog.getByRole('button', { name: 'Send to 1 person' }).click();
  await page.getByRole('status').filter({ hasText: 'Notice sent: 1 person, 1 left out.' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'New shelter curfew hours' }).waitFor();
  const delivery = page.getByRole('table', { name: /Delivery log/ });
  await delivery
    .getByRole('row', { name: /Lucía García/ })
    .getByText(/Queued|Sent/)
    .waitFor();
  await delivery
    .getByRole('row', { name: /Mateo García/ })
    .getByText('Left out: Asked for no notices')
    .waitFor();
  await page.getByRole('table', { name: 'Notices sent' }).getByText('New shelter curfew hours').waitFor();
  await noViolations('notice sent with its delivery log');
  await screenshot(page, 'community-notices-1280');
});

it('works at 390 px', async () => {
  const narrow = await signedInPage(h.browser, h.baseUrl, NARROW);
  for (const [section, heading] of [
    ['materials', 'Materials library'],
    ['notices', 'Notices to the public'],
  ] as const) {
    await narrow.goto(`${h.baseUrl}/community/${section}`);
    await narrow.getByRole('heading', { level: 1, name: heading }).waitFor();
    await narrow.getByRole('status').filter({ hasText: /\d/ }).first().waitFor();
    await narrow.getByRole('button', { name: section === 'materials' ? /Know your rights/ : /New shelter/ }).click();
    await narrow.getByRole('heading', { level: 2 }).last().waitFor();
    expect(await accessibilityViolations(narrow), `${section} at 390 px`).toEqual([]);
    await screenshot(narrow, `community-${section}-390`);
  }
  await narrow.context().close();
});
