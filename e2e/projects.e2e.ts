// Special projects in a real browser, as a director and an office manager would try them: start a project with its
// owner and team, plan two milestones and tick one off, report it at risk, link a case, and read the portfolio; a
// milestone with a bad date is refused at its field. axe-core finds no WCAG 2.1 AA violation, at 1280 and 390 px.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityViolations, screenshot, startHarness, type Harness } from './harness.ts';
import { NARROW, createCaseViaApi, signedInPage } from './console-steps.ts';

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = await signedInPage(h.browser, h.baseUrl);
});
afterAll(async () => h?.stop());

const noViolations = async (where: string) => expect(await accessibilityViolations(page), where).toEqual([]);

it('starts a project, plans and completes milestones, reports status and links a case', async () => {
  const trackingNumber = await createCaseViaApi(page, {
    channel: 'email',
    subject: 'SNAP',
    description: 'No heat in the shelter.',
    person: { firstName: 'Rosa', lastName: 'Diaz', email: 'rosa@example.org' },
  });
  await page.getByRole('link', { name: 'Projects' }).click();
  await page.getByRole('heading', { level: 1, name: 'Special projects' }).waitFor();
  await noViolations('portfolio, empty');
  const form = page.getByRole('form', { name: 'Start a project' });
  await form.getByLabel('Title').fill('Shelter conditions hotline');
  await form.getByLabel('Scope').fill('A hotline for shelter residents, answered within a day.');
  await form.getByLabel('Owner').selectOption({ label: 'Administrator' });
  await form.getByLabel('Due on').fill('2027-03-31');
  await form.getByRole('button', { name: 'Start project' }).click();
  await page.getByRole('heading', { level: 1, name: 'Shelter conditions hotline' }).waitFor();

  const milestone = page.getByRole('form', { name: 'Add a milestone' });
  await milestone.getByLabel('Milestone').fill('Phone line ordered');
  await milestone.getByLabel('Due on').fill('2026-01-15');
  await milestone.getByRole('button', { name: 'Add milestone' }).click();
  await page.getByText('Phone line ordered — due 2026-01-15 (overdue)').waitFor();
  await milestone.getByLabel('Milestone').fill('Hotline live');
  await milestone.getByLabel('Due on').fill('2027-02-01');
  await milestone.getByRole('button', { name: 'Add milestone' }).click();
  await page.getByText('Hotline live — due 2027-02-01').waitFor();
  // The box follows the saved milestone, so it turns checked once the server has recorded it.
  await page.getByLabel(/Phone line ordered/).click();
  await page.getByRole('status').filter({ hasText: '“Phone line ordered” done.' }).waitFor();
  await expect.poll(() => page.getByLabel(/Phone line ordered/).isChecked()).toBe(true);

  const report = page.getByRole('form', { name: 'Report status' });
  await report.getByLabel('Health').selectOption('at_risk');
  await report.getByLabel('Summary').fill('The vendor is late with the scripts.');
  await report.getByRole('button', { name: 'Record report' }).click();
  await page.getByText('The vendor is late with the scripts.').waitFor();

  const link = page.getByRole('form', { name: 'Link a record' });
  await link.getByLabel('Kind of record').selectOption('case');
  await link.getByLabel('Tracking number or id').fill(trackingNumber);
  await link.getByRole('button', { name: 'Link' }).click();
  await page.getByRole('link', { name: trackingNumber }).waitFor();
  await link.getByLabel('Tracking number or id').fill('NO-SUCH-CASE');
  await link.getByRole('button', { name: 'Link' }).click();
  await link.getByText(/there is no case NO-SUCH-CASE/).waitFor();
  await noViolations('a project with milestones, a report and a link');
  await screenshot(page, 'projects-project-1280');

  await page.getByRole('link', { name: 'All projects' }).click();
  const row = page.getByRole('row', { name: /Shelter conditions hotline/ });
  await row.getByText('At risk').waitFor();
  await row.getByText('1 of 2 done').waitFor();
  await noViolations('portfolio with a project');
  await screenshot(page, 'projects-portfolio-1280');
});

it('works at 390 px', async () => {
  const narrow = await signedInPage(h.browser, h.baseUrl, NARROW);
  await narrow.goto(`${h.baseUrl}/projects`);
  await narrow.getByRole('heading', { level: 1, name: 'Special projects' }).waitFor();
  await narrow.getByRole('link', { name: 'Shelter conditions hotline' }).waitFor();
  expect(await accessibilityViolations(narrow), 'portfolio at 390 px').toEqual([]);
  await screenshot(narrow, 'projects-portfolio-390');
  await narrow.getByRole('link', { name: 'Shelter conditions hotline' }).click();
  await narrow.getByRole('heading', { level: 1, name: 'Shelter conditions hotline' }).waitFor();
  expect(await accessibilityViolations(narrow), 'project at 390 px').toEqual([]);
  await screenshot(narrow, 'projects-project-390');
  await narrow.context().close();
});
