// The caseworker's main path through the console in a real browser: sign in, log a letter, find it in a queue with its
// deadline, open it, route, assign, note, answer from the approved English acknowledgement, close, and read every
// step back in the audit trail; then the supervisor's overview, the header search across cases and people, and the own
// queue of a hotline opened on the channels screen — with axe-core finding no WCAG 2.1 AA violation on any screen or
// tab on the way, and no screen scrolling sideways on a phone.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN_EMAIL, accessibilityViolations, screenshot, startHarness, type Harness } from './harness.ts';
import { NARROW, WIDE, ZOOM_200, createCaseViaApi, sidewaysOverflow, signedInPage } from './console-steps.ts';

let h: Harness;
let page: Page;
let trackingNumber: string;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

const noViolations = async (where: string) => expect(await accessibilityViolations(page), where).toEqual([]);

it('refuses a wrong password with an announced message, then signs in', async () => {
  const context = await h.browser.newContext({ viewport: WIDE });
  page = await context.newPage();
  await page.goto(h.baseUrl);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await noViolations('sign-in');
  await screenshot(page, 'sign-in-1280');
  await page.getByLabel('Email').fill(ADMIN_EMAIL);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').textContent()).resolves.toContain('The email or password is not right.');
  await noViolations('sign-in with error');
  await page.close();
  page = await signedInPage(h.browser, h.baseUrl);
  await noViolations('queue mine');
});

it('logs a back-dated letter with the new case form', async () => {
  await page.getByRole('link', { name: 'New case' }).click();
  await page.getByRole('heading', { level: 1, name: 'New case' }).waitFor();
  await noViolations('new case');
  // A refused form names the field next to its input.
  await page.getByRole('button', { name: 'Create case' }).click();
  await page.getByRole('alert').first().waitFor();
  await noViolations('new case with errors');
  await page.getByLabel('Channel').selectOption('letter');
  await page.getByLabel('Subject').selectOption('SNAP');
  const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000);
  const local = `${threeDaysAgo.toISOString().slice(0, 10)}T09:30`;
  await page.getByLabel('Received at').fill(local);
  await page.getByLabel('First name').fill('Ana');
  await page.getByLabel('Last name').fill('Reyes');
  await page.getByLabel('Email').fill('ana.reyes@example.org');
  await page.getByLabel('Description').fill('My SNAP benefits stopped last month and nobody answers the phone.');
  await screenshot(page, 'new-case-1280');
  await page.getByRole('button', { name: 'Create case' }).click();
  const heading = page.getByRole('heading', { level: 1, name: /^Case / });
  await heading.waitFor();
  trackingNumber = (await heading.textContent())!.replace('Case ', '');
  expect(trackingNumber).toMatch(/^[A-Z]+-\d{4}-\d{6}$/);
});

it('shows the case in the queues with its deadline in words, and every queue passes axe', async () => {
  await page.getByRole('link', { name: 'Queues' }).click();
  await page.getByRole('heading', { level: 1, name: 'My cases' }).waitFor();
  for (const name of ['My unit', 'Unassigned', 'Due today', 'Overdue', 'Escalated', 'Elected officials', 'All']) {
    await page.getByRole('navigation', { name: 'Queues' }).getByRole('link', { name, exact: false }).first().click();
    await page
      .getByRole('status')
      .filter({ hasText: /cases|No cases/ })
      .first()
      .waitFor();
    await noViolations(`queue ${name}`);
  }
  const row = page.getByRole('row').filter({ hasText: trackingNumber });
  await row.waitFor();
  // Received three days ago with a 14-calendar-day standard: 11 to 12 days left.
  await expect(row.textContent()).resolves.toMatch(/1[0-2] days left/);
  await screenshot(page, 'queue-all-1280');
  await page.setViewportSize(NARROW);
  await screenshot(page, 'queue-all-390');
  await noViolations('queue all at 390px');
  await page.setViewportSize(WIDE);
});

it('opens the case, routes, assigns, notes, answers from the approved acknowledgement and closes it', async () => {
  await page.getByRole('link', { name: trackingNumber }).click();
  await page.getByRole('heading', { level: 1, name: `Case ${trackingNumber}` }).waitFor();
  await page.getByText('My SNAP benefits stopped').first().waitFor();
  await noViolations('case timeline');
  await screenshot(page, 'case-timeline-1280');

  await page.getByRole('tab', { name: 'Route, assign, status' }).click();
  await noViolations('case actions tab');
  await page.getByLabel('Unit', { exact: true }).selectOption('FIA');
  await page.getByLabel('Reason (optional)').first().fill('Cash assistance question too');
  await page.getByRole('button', { name: 'Route', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Routed to FIA.' }).waitFor();
  await expect(page.locator('.case-header').textContent()).resolves.toContain('(FIA)');

  await page.getByRole('button', { name: 'Assign', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Assigned.' }).waitFor();
  await expect(page.locator('.case-header').textContent()).resolves.not.toContain('Unassigned');

  await page.getByRole('tab', { name: 'Timeline' }).click();
  await page.getByLabel('Add a note').fill('Called the SNAP centre; they will reissue.');
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.getByText('Called the SNAP centre; they will reissue.').waitFor();

  await page.getByRole('tab', { name: 'Respond' }).click();
  await noViolations('case respond tab');
  await page.getByLabel('Send by').selectOption('email');
  await page.getByLabel('Template').selectOption('acknowledgement');
  const preview = page.getByRole('region', { name: /Preview/ });
  await preview.getByText(`Dear Ana Reyes`).waitFor();
  await expect(preview.textContent()).resolves.toContain(trackingNumber);
  await noViolations('case respond preview');
  await screenshot(page, 'case-respond-1280');
  await page.getByLabel('Close the case after sending').check();
  await page.getByRole('button', { name: 'Send and close' }).click();
  await page.getByRole('status').filter({ hasText: 'Response sent by email and the case closed.' }).waitFor();
  await expect(page.locator('.case-header').textContent()).resolves.toContain('Closed');

  for (const tab of ['Referrals', 'Attachments and links']) {
    await page.getByRole('tab', { name: tab }).click();
    await noViolations(`case ${tab} tab`);
  }
});

it('shows each step in the audit tab, with a CSV export', async () => {
  await page.getByRole('tab', { name: 'Audit trail' }).click();
  const table = page.getByRole('table', { name: /Audit trail/ });
  await table.getByRole('row').nth(2).waitFor();
  const text = (await table.textContent()) ?? '';
  for (const action of ['case.created', 'case.routed', 'case.assigned', 'case.note_added', 'case.responded']) {
    expect(text, action).toContain(action);
  }
  expect(text).toContain('FIA');
  await noViolations('case audit tab');
  await screenshot(page, 'case-audit-1280');
  const csvHref = await page.getByRole('link', { name: /CSV/ }).getAttribute('href');
  const csv = await page.evaluate(async (href) => (await fetch(href!)).text(), csvHref);
  expect(csv.split('\r\n')[0]).toBe('at,actor,action,field,old_value,new_value,reason,request_id');
  expect(csv).toContain('case.routed');
  await page.setViewportSize(NARROW);
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await screenshot(page, 'case-timeline-390');
  await noViolations('case timeline at 390px');
});

it('shows the overview: queue counts as links and the most overdue cases', async () => {
  await page.setViewportSize(WIDE);
  // Setup only: a letter received 40 days ago is past both of its deadlines.
  const late = await createCaseViaApi(page, {
    channel: 'letter',
    subject: 'HEAT',
    receivedAt: new Date(Date.now() - 40 * 86_400_000).toISOString(),
    description: 'No heat in the building since last month',
    person: { firstName: 'Olu', lastName: 'Bello' },
  });
  await page.getByRole('link', { name: 'Overview' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  const glance = page.getByRole('region', { name: 'Queues at a glance' });
  await glance.getByRole('link', { name: /^[1-9]\d* Overdue cases?$/ }).waitFor();
  await page
    .getByRole('table', { name: /most overdue/ })
    .getByRole('link', { name: late })
    .waitFor();
  await noViolations('overview');
  await screenshot(page, 'overview-1280');
  await page.setViewportSize(NARROW);
  expect(await sidewaysOverflow(page), 'overview at 390px').toBe(0);
  await screenshot(page, 'overview-390');
  await noViolations('overview at 390px');
  await page.setViewportSize(ZOOM_200);
  expect(await sidewaysOverflow(page), 'overview at 200% zoom').toBe(0);
  await page.setViewportSize(WIDE);
  await glance.getByRole('link', { name: /Overdue/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Overdue' }).waitFor();
  await page.getByRole('row').filter({ hasText: late }).waitFor();
});

it('finds a person and a case from the header search, and walks the results with the keyboard', async () => {
  await page.getByRole('link', { name: 'Overview' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  await page.keyboard.press('/');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('global-search');
  await page.keyboard.type('Reyes');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Search results for “Reyes”' }).waitFor();
  const cases = page.getByRole('region', { name: /^Cases/ });
  const people = page.getByRole('region', { name: /^People/ });
  await cases.getByRole('link', { name: trackingNumber }).waitFor();
  await people.getByRole('link', { name: 'Ana Reyes' }).waitFor();
  await noViolations('search results');
  await screenshot(page, 'search-1280');
  // j moves to the first result (the case), j again to the person; Enter opens the profile.
  await page.keyboard.press('j');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(trackingNumber);
  await page.keyboard.press('j');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Ana Reyes');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Ana Reyes' }).waitFor();
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: 'Search results for “Reyes”' }).waitFor();
  await page.setViewportSize(NARROW);
  expect(await sidewaysOverflow(page), 'search at 390px').toBe(0);
  await screenshot(page, 'search-390');
  await noViolations('search results at 390px');
  await page.setViewportSize(WIDE);
});

it('opens a hotline on the channels screen, takes a call on it and shows it in the hotline’s own queue', async () => {
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Channels' }).click();
  await page.getByRole('heading', { level: 1, name: 'Channels' }).waitFor();
  const form = page.getByRole('form', { name: 'Open a channel' });
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Flood emergency hotline');
  await form.getByRole('textbox', { name: 'Short name for addresses' }).fill('flood-hotline');
  await form.getByLabel('Type').selectOption('hotline');
  await form.getByRole('button', { name: 'Open channel' }).click();
  await page.getByRole('row').filter({ hasText: 'flood-hotline' }).waitFor();

  // The new-case form offers it at once.
  await page.getByRole('link', { name: 'New case' }).click();
  await page.getByRole('heading', { level: 1, name: 'New case' }).waitFor();
  await page.getByLabel('Channel').selectOption({ label: 'Flood emergency hotline' });
  await page.getByLabel('Subject').selectOption('HOUSING');
  await page.getByLabel('First name').fill('Dana');
  await page.getByLabel('Last name').fill('Flood');
  await page.getByLabel('Description').fill('Water in the basement of the shelter after the storm.');
  await page.getByRole('button', { name: 'Create case' }).click();
  const heading = page.getByRole('heading', { level: 1, name: /^Case / });
  await heading.waitFor();
  const call = (await heading.textContent())!.replace('Case ', '');

  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Channels' }).click();
  await page.getByRole('link', { name: 'Queue of Flood emergency hotline' }).click();
  await page.getByRole('heading', { level: 1, name: 'All cases from Flood emergency hotline' }).waitFor();
  await page.getByRole('status').filter({ hasText: 'of 1 cases' }).waitFor();
  await page.getByRole('row').filter({ hasText: call }).waitFor();
  expect(await page.getByLabel('Channel').inputValue()).toBe('flood-hotline');
  await noViolations('hotline queue');
  await screenshot(page, 'queue-hotline-1280');
});
