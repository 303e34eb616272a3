// Community and communications in a real browser, as an office manager would try it: add an organisation and find
// it without its accents; plan an advocate meeting on the calendar, record the issues raised, make one a case and
// another a procedure change request; log a media inquiry and take the answer through approval to release. axe-core
// finds no WCAG 2.1 AA violation on any screen, at 1280 px and at 390 px.
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
const today = new Date();
const thisMonthDay = (day: number, time: string) =>
  `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(day)}T${time}`;

it('adds an organisation and finds it by name without accents', async () => {
  await page.getByRole('link', { name: 'Community' }).click();
  await page.getByRole('heading', { level: 1, name: 'Engagements' }).waitFor();
  await page.getByRole('link', { name: 'Organisations' }).click();
  await page.getByRole('heading', { level: 1, name: 'Organisations' }).waitFor();
  await noViolations('organisations, empty');
  await page.getByRole('button', { name: 'Add organisation' }).click();
  const form = page.getByRole('form', { name: 'New organisation' });
  await form.getByLabel('Name').fill('Église Saint-Jean Food Pantry');
  await form.getByLabel('Type').selectOption('faith_organization');
  await form.getByLabel('French').check();
  await form.getByLabel('Haitian Creole').check();
  await noViolations('new organisation form');
  await form.getByRole('button', { name: 'Save organisation' }).click();
  await page.getByRole('heading', { level: 2, name: 'Église Saint-Jean Food Pantry' }).waitFor();
  await page.getByRole('search', { name: 'Search organisations' }).getByLabel('Name').fill('eglise saint');
  await page.getByRole('button', { name: 'Search', exact: true }).last().click();
  await page.getByRole('status').filter({ hasText: '1 organisation.' }).waitFor();
  await noViolations('organisation found and open');
  await screenshot(page, 'community-organizations-1280');
});

it('plans an advocate meeting, records issues, makes one a case and one a procedure change request', async () => {
  await callApi(page, 'POST', '/organizations', { name: 'Coalition for the Homeless', type: 'advocacy_group' });
  await page.getByRole('link', { name: 'Engagements' }).click();
  await page.getByRole('heading', { level: 1, name: 'Engagements' }).waitFor();
  await page.getByRole('button', { name: 'Plan an engagement' }).click();
  const form = page.getByRole('form', { name: 'Plan an engagement' });
  await form.getByLabel('Kind').selectOption('advocate_meeting');
  await form.getByLabel('Title').fill('Monthly advocates meeting');
  await form.getByLabel('Starts').fill(thisMonthDay(14, '10:00'));
  await form.getByLabel('Ends').fill(thisMonthDay(14, '09:00'));
  await form.getByLabel('Coalition for the Homeless').check();
  await noViolations('plan an engagement form');
  await form.getByRole('button', { name: 'Save engagement' }).click();
  await form.getByText('must be after startsAt').first().waitFor();
  await noViolations('plan form with an error');
  await form.getByLabel('Ends').fill(thisMonthDay(14, '11:30'));
  await form.getByRole('button', { name: 'Save engagement' }).click();
  await page.getByRole('heading', { level: 2, name: 'Monthly advocates meeting' }).waitFor();

  const record = async (text: string, subject: string) => {
    const issueForm = page.getByRole('form', { name: 'Record an issue raised' });
    await issueForm.getByLabel('Issue raised').fill(text);
    await issueForm.getByLabel('Subject').selectOption(subject);
    await issueForm.getByRole('button', { name: 'Record issue' }).click();
    await page.getByText(text).waitFor();
  };
  await record('No heat at the Bedford shelter since Monday', 'SHELTER.CONDITIONS');
  await record('Transfer requests take weeks to be answered', 'SHELTER.TRANSFER');
  await record('Interpreters missing at intake', 'SNAP');
  await page.getByRole('button', { name: 'Make a case' }).first().click();
  await page
    .getByRole('status')
    .getByText(/^Case .+ created\.$/)
    .waitFor();
  const caseLink = page.locator('.issue-item').first().getByRole('link');
  await expect(caseLink.textContent()).resolves.toMatch(/-\d{4}-/);
  await page.locator('.issue-item').nth(1).getByRole('button', { name: 'Request a procedure change' }).click();
  await page.locator('.issue-item').nth(1).getByText('Procedure change request (open)').waitFor();
  await noViolations('engagement with issues');
  await screenshot(page, 'community-calendar-list-1280');
  await page.getByRole('button', { name: 'Month', exact: true }).click();
  await page.getByRole('table').filter({ hasText: 'Monthly advocates meeting' }).waitFor();
  await noViolations('month view');
  await screenshot(page, 'community-calendar-month-1280');
  const ics = await page.evaluate(async () => (await fetch('/api/v1/engagements.ics')).text());
  expect(ics).toContain('SUMMARY:Monthly advocates meeting\r\n');
});

it('logs a media inquiry and releases an approved answer before the deadline', async () => {
  await page.getByRole('link', { name: 'Media desk' }).click();
  await page.getByRole('heading', { level: 1, name: 'Media desk' }).waitFor();
  await page.getByRole('button', { name: 'Log an inquiry' }).click();
  const form = page.getByRole('form', { name: 'Log a media inquiry' });
  await form.getByLabel('Outlet').fill('City Ledger');
  await form.locator('input[name=reporter]').fill('Sam Reyes');
  await form.getByLabel('Topic').fill('Shelter heat outages');
  const tomorrow = new Date(Date.now() + 86_400_000);
  await form
    .getByLabel("Reporter's deadline")
    .fill(`${tomorrow.getFullYear()}-${pad(tomorrow.getMonth() + 1)}-${pad(tomorrow.getDate())}T17:00`);
  await noViolations('log an inquiry form');
  await form.getByRole('button', { name: 'Save inquiry' }).click();
  await page.getByRole('heading', { level: 2, name: 'Shelter heat outages' }).waitFor();
  const assign = page.getByRole('form', { name: 'Assign a spokesperson' });
  await assign.getByLabel('Spokesperson').selectOption({ index: 1 });
  await assign.getByRole('button', { name: 'Assign' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved: Assigned.' }).waitFor();
  const draft = page.getByRole('form', { name: 'Draft the answer' });
  await draft.getByLabel('Drafted answer').fill('Heat was restored at both sites on Tuesday.');
  await draft.getByRole('button', { name: 'Save draft' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved: Awaiting approval.' }).waitFor();
  await page.getByRole('button', { name: 'Approve for release' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved: Approved, not released.' }).waitFor();
  await page.getByRole('button', { name: 'Release the approved answer' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved: Released.' }).waitFor();
  await page.getByRole('checkbox', { name: /Show released/ }).check();
  await page.getByText('Answered on time').first().waitFor();
  await noViolations('media desk after release');
  await screenshot(page, 'community-media-1280');
});

it('works at 390 px', async () => {
  const narrow = await signedInPage(h.browser, h.baseUrl, NARROW);
  for (const [section, heading] of [
    ['organizations', 'Organisations'],
    ['calendar', 'Engagements'],
    ['media', 'Media desk'],
  ] as const) {
    await narrow.goto(`${h.baseUrl}/community/${section}`);
    await narrow.getByRole('heading', { level: 1, name: heading }).waitFor();
    await narrow.getByRole('status').filter({ hasText: /\d/ }).first().waitFor();
    expect(await accessibilityViolations(narrow), `${section} at 390 px`).toEqual([]);
    await screenshot(narrow, `community-${section}-390`);
  }
  await narrow.context().close();
});
