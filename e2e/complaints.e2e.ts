// The ombudsperson's path in a real browser on a child-support office (CIVICDESK_AGENCY_PRESET=child-support, Los
// Angeles): an inquiry and its repeat contact, a complaint filed in the console with its clocks and acknowledgement,
// the notice mailed, the extension, the resolution and a state hearing request judged issue by issue — with axe-core
// finding no WCAG 2.1 AA violation on any complaint screen, at 1280 and 390 pixels.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityViolations, screenshot, startHarness, type Harness } from './harness.ts';
import { NARROW, WIDE, callApi, signedInPage, sidewaysOverflow } from './console-steps.ts';

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness({ CIVICDESK_AGENCY_PRESET: 'child-support', CIVICDESK_TIMEZONE: 'America/Los_Angeles' });
  page = await signedInPage(h.browser, h.baseUrl);
});
afterAll(async () => h?.stop());

const noViolations = async (where: string) => expect(await accessibilityViolations(page), where).toEqual([]);

it('marks a second inquiry on the same subject as a repeat contact', async () => {
  const person = { firstName: 'Maria', lastName: 'Lopez', email: 'maria.lopez@example.org', language: 'es' };
  const first = (await callApi(page, 'POST', '/cases', {
    kind: 'inquiry',
    programCaseNumber: 'CS-1901-77',
    channel: 'phone',
    subject: 'PAYMENTS',
    description: 'Where is my September payment?',
    receivedAt: '2026-09-14T10:00:00-07:00',
    person,
  })) as { trackingNumber: string; firstResponseDueAt: string; repeatOf: string | null };
  // Monday September 14 + 3 business days = Thursday September 17, end of day in Los Angeles.
  expect(first.firstResponseDueAt).toBe('2026-09-18T06:59:59.999Z');
  expect(first.repeatOf).toBeNull();
  const second = (await callApi(page, 'POST', '/cases', {
    kind: 'inquiry',
    programCaseNumber: 'CS-1901-77',
    channel: 'email',
    subject: 'PAYMENTS',
    description: 'Still no payment.',
    receivedAt: '2026-09-30T10:00:00-07:00',
    person,
  })) as { repeatOf: string | null };
  expect(second.repeatOf).toBe(first.trackingNumber);
});

it('files a complaint, mails the acknowledgement, extends, resolves and judges a hearing request', async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Complaints' }).click();
  await page.getByRole('heading', { level: 1, name: 'Complaints' }).waitFor();
  await noViolations('complaints queue (empty)');
  await page.getByRole('link', { name: 'New complaint' }).click();
  await page.getByRole('heading', { level: 1, name: 'New complaint' }).waitFor();
  await noViolations('new complaint form');
  await page.getByLabel('First name').fill('Maria');
  await page.getByLabel('Last name').fill('Lopez');
  await page.getByLabel('Language').selectOption('es');
  await page.getByLabel('Program case number').fill('CS-1901-77');
  await page.getByLabel('Received via').selectOption('in_person');
  await page.getByLabel('Received on').fill('2026-10-01');
  await page.getByLabel('Knew of the action on').fill('2026-09-20');
  await page.getByLabel('Category').selectOption('distribution');
  await page.getByLabel('What happened').fill('My September payment was kept by the county.');
  await screenshot(page, 'complaint-new-1280');
  await page.getByRole('button', { name: 'File complaint' }).click();
  const heading = page.getByRole('heading', { level: 1, name: /^Complaint CSO-C-2026-\d{6}$/ });
  await heading.waitFor();
  const clocks = page.getByRole('region', { name: 'Clocks' });
  // Thursday October 1 + 30 days = Saturday October 31 → Monday November 2.
  await expect.poll(() => clocks.textContent()).toContain('2026-11-02');
  const notices = page.getByRole('region', { name: 'Notices and the days they were mailed' });
  await notices.getByRole('rowheader', { name: /^LCR002/ }).waitFor();
  await noViolations('complaint page');
  await screenshot(page, 'complaint-page-1280');

  await notices.getByRole('button', { name: 'Mailed today' }).click();
  await notices.getByRole('button', { name: 'Mailed today' }).waitFor({ state: 'detached' });

  await page.getByLabel('Reason (given in the notice)').fill('We are waiting for the payment history from the state.');
  await page.getByRole('button', { name: 'Extend the resolution' }).click();
  // October 1 + 60 days = Monday November 30.
  await page.getByText(/Already extended on/).waitFor();
  await expect.poll(() => clocks.textContent()).toContain('2026-11-30');
  await notices.getByRole('rowheader', { name: /^LCR005/ }).waitFor();

  await page.getByLabel('Findings and steps taken').fill('The payment was held in error and released.');
  await page.getByLabel('Notice mailed on').fill('2026-12-01');
  await page.getByRole('button', { name: 'Resolve' }).click();
  await notices.getByRole('rowheader', { name: /^LCR006/ }).waitFor();
  // The notice came after the extended due date: the later window, December 1 + 90 days = Monday March 1, 2027.
  await expect.poll(() => clocks.textContent()).toContain('2027-03-01');

  const hearing = page.getByRole('region', { name: 'State hearing' });
  await hearing.getByLabel(/Collections distributed wrongly/).check();
  await hearing.getByLabel('Requested on').fill('2026-12-02');
  await hearing.getByRole('button', { name: 'Record the hearing request' }).click();
  await hearing.getByText('Can be heard').waitFor();
  await noViolations('complaint page after the hearing request');
  await screenshot(page, 'complaint-hearing-1280');

  await page.setViewportSize(NARROW);
  expect(await sidewaysOverflow(page)).toBe(0);
  await noViolations('complaint page at 390px');
  await screenshot(page, 'complaint-page-390');
  await page.setViewportSize(WIDE);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Complaints' }).click();
  await page.getByRole('button', { name: 'All' }).click();
  await page.getByRole('region', { name: 'Complaints by next deadline' }).getByText('CS-1901-77').waitFor();
  await noViolations('complaints queue');
  await screenshot(page, 'complaints-queue-1280');
  await page.setViewportSize(NARROW);
  await noViolations('complaints queue at 390px');
  await screenshot(page, 'complaints-queue-390');
});

it('closes an inquiry dissatisfied and opens its complaint from the inquiries queue; lists the hearings', async () => {
  await page.setViewportSize(WIDE);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Complaints' }).click();
  await page.getByRole('link', { name: 'Inquiries queue' }).click();
  await page.getByRole('heading', { level: 1, name: 'Inquiries' }).waitFor();
  await page.getByRole('button', { name: 'Repeat contacts' }).click();
  const repeatRow = page.getByRole('region', { name: 'Inquiries' }).getByRole('row').nth(1);
  await repeatRow.getByText('Suggest').waitFor();
  await noViolations('inquiries queue');
  await repeatRow.getByRole('button', { name: /Close: not satisfied/ }).click();
  await page
    .getByText(/closed; the participant was not satisfied/)
    .first()
    .waitFor();
  await repeatRow.getByRole('button', { name: 'Open complaint' }).click();
  await page
    .getByText(/Complaint CSO-C-2026-\d+ opened from inquiry/)
    .first()
    .waitFor();
  await repeatRow.getByRole('link', { name: /CSO-C-2026-/ }).waitFor();
  await noViolations('inquiries queue after the complaint');
  await screenshot(page, 'inquiries-queue-1280');
  await page.setViewportSize(NARROW);
  await noViolations('inquiries queue at 390px');
  await screenshot(page, 'inquiries-queue-390');

  await page.setViewportSize(WIDE);
  await page.goto(`${h.baseUrl}/hearings`);
  await page.getByRole('heading', { level: 1, name: 'State hearings' }).waitFor();
  await page.getByRole('region', { name: 'State hearings' }).getByText('CS-1901-77').first().waitFor();
  await page.getByRole('button', { name: /Requested/ }).click();
  await noViolations('hearings queue');
  await screenshot(page, 'hearings-queue-1280');
  await page.setViewportSize(NARROW);
  await noViolations('hearings queue at 390px');
  await screenshot(page, 'hearings-queue-390');
  await page.setViewportSize(WIDE);
});

it('lets an administrator set the complaint clocks', async () => {
  await page.setViewportSize(WIDE);
  await page.goto(`${h.baseUrl}/admin/complaint-clocks`);
  await page.getByRole('heading', { level: 1, name: 'Complaint clocks' }).waitFor();
  const resolution = page.getByLabel('Resolution due, days after the receipt date');
  await expect(resolution.inputValue()).resolves.toBe('30');
  await resolution.fill('35');
  await page.getByLabel('When a contact repeats an earlier one').selectOption('convert');
  await page.getByRole('button', { name: 'Save clocks' }).click();
  await page.getByRole('status').filter({ hasText: 'Complaint clocks saved.' }).waitFor();
  const agency = (await callApi(page, 'GET', '/agency')) as {
    complaints: { resolutionDays: number; repeatContactAction: string };
  };
  expect(agency.complaints).toMatchObject({ resolutionDays: 35, repeatContactAction: 'convert' });
  await noViolations('complaint clocks at 1280px');
  await screenshot(page, 'complaint-clocks-1280');
  await page.setViewportSize(NARROW);
  await noViolations('complaint clocks at 390px');
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  await screenshot(page, 'complaint-clocks-390');
  await page.setViewportSize(WIDE);
});
