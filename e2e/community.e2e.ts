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

it('plans an advocate meeting, records issues, makes one a case, one a draft procedure version, one a plan action', async () => {
  await callApi(page, 'POST', '/organizations', { name: 'Coalition for the Homeless', type: 'advocacy_group' });
  await callApi(page, 'POST', '/procedures', { title: 'Shelter transfer requests', body: 'Answer within 5 days.' });
  const me = (await callApi(page, 'GET', '/auth/me')) as { id: number };
  await callApi(page, 'POST', '/action-plans', {
    title: 'Language access at intake',
    ownerId: me.id,
    goal: 'An interpreter at every intake interview.',
  });
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
  const second = page.locator('.issue-item').nth(1);
  await second.getByLabel('Procedure to change').selectOption({ label: 'Shelter transfer requests' });
  await second.getByRole('button', { name: 'Request the procedure change' }).click();
  await second.getByText('Procedure change (open)').waitFor();
  await second.getByRole('link', { name: 'draft procedure version' }).waitFor();
  const third = page.locator('.issue-item').nth(2);
  await third.getByLabel('Follow up as').selectOption('action_plan_action');
  await third.getByLabel('Action plan').selectOption({ label: 'Language access at intake' });
  await third.getByRole('button', { name: 'Add the action' }).click();
  await third.getByRole('link', { name: 'action plan' }).waitFor();
  await third.getByRole('button', { name: 'Mark done' }).click();
  await third.getByText('Action plan action (done)').waitFor();
  await noViolations('engagement with issues');
  await screenshot(page, 'community-calendar-list-1280');
  await page.getByRole('button', { name: 'Month', exact: true }).click();
  await page.getByRole('table').filter({ hasText: 'Monthly advocates meeting' }).waitFor();
  await noViolations('month view');
  await screenshot(page, 'community-calendar-month-1280');
  const ics = await page.evaluate(async () => (await fetch('/api/v1/engagements.ics')).text());
  expect(ics).toContain('SUMMARY:Monthly advocates meeting\r\n');
});

it('plans a weekly meeting with the repeat controls and walks the week view with the keyboard, also right to left', async () => {
  await page.getByRole('link', { name: 'Engagements' }).click();
  await page.getByRole('heading', { level: 1, name: 'Engagements' }).waitFor();
  await page.getByRole('button', { name: 'Plan an engagement' }).click();
  const form = page.getByRole('form', { name: 'Plan an engagement' });
  const monday = new Date(today);
  monday.setDate(today.getDate() - today.getDay() + 1);
  const day = `${monday.getFullYear()}-${pad(monday.getMonth() + 1)}-${pad(monday.getDate())}`;
  await form.getByLabel('Kind').selectOption('workshop');
  await form.getByLabel('Title').fill('Tenant rights workshop');
  await form.getByLabel('Starts').fill(`${day}T18:00`);
  await form.getByLabel('Ends').fill(`${day}T19:30`);
  await form.getByLabel('Area served').fill('Queens');
  await form.getByLabel('How often').selectOption('weekly');
  await form.getByLabel('Monday').check();
  await form.getByLabel('Thursday').check();
  await form.getByRole('spinbutton', { name: /^Number of meetings/ }).fill('6');
  await noViolations('plan form with repeats');
  await screenshot(page, 'community-plan-repeats-1280');
  await form.getByRole('button', { name: 'Save engagement' }).click();
  await page.getByRole('heading', { level: 2, name: 'Tenant rights workshop' }).waitFor();
  await page.getByText('Repeats: Every week on Monday, Thursday, 6 meetings').waitFor();

  await page.getByRole('button', { name: 'Week', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: /^Week of / }).waitFor();
  const week = page.getByRole('list', { name: 'Days of the week' });
  const thursday = new Date(monday);
  thursday.setDate(monday.getDate() + 3);
  const label = (d: Date) =>
    new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric' }).format(d);
  await week
    .getByRole('group', { name: label(monday) })
    .getByRole('button', { name: /Tenant rights workshop/ })
    .waitFor();
  await week
    .getByRole('group', { name: label(thursday) })
    .getByText('18:00–19:30')
    .waitFor();
  await page.getByRole('status').filter({ hasText: '2 meetings this week.' }).waitFor();
  const areaFilter = page.getByRole('search', { name: 'Filter by area' });
  await areaFilter.getByLabel('Area').fill('queens');
  await areaFilter.getByRole('button', { name: 'Filter' }).click();
  await page.getByRole('status').filter({ hasText: '2 meetings this week in queens.' }).waitFor();
  await areaFilter.getByLabel('Area').fill('');
  await areaFilter.getByRole('button', { name: 'Filter' }).click();
  await page.getByRole('status').filter({ hasText: '2 meetings this week.' }).waitFor();
  await noViolations('week view');
  await screenshot(page, 'community-calendar-week-1280');

  // One day is in the tab order; the arrow keys move between days and Page Down turns the week.
  await week.getByRole('group', { name: label(monday) }).focus();
  await page.keyboard.press('ArrowRight');
  const tuesday = new Date(monday);
  tuesday.setDate(monday.getDate() + 1);
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-labelledby')))
    .toMatch(new RegExp(`week-day-.*-${pad(tuesday.getDate())}$`));
  await page.keyboard.press('PageDown');
  await page.getByRole('status').filter({ hasText: '2 meetings this week.' }).waitFor();
  const nextTuesday = new Date(tuesday);
  nextTuesday.setDate(tuesday.getDate() + 7);
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain(label(nextTuesday));
  // Right to left, the right arrow goes back a day.
  await page.evaluate(() => document.documentElement.setAttribute('dir', 'rtl'));
  await page.keyboard.press('ArrowRight');
  const nextMonday = new Date(nextTuesday);
  nextMonday.setDate(nextTuesday.getDate() - 1);
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain(label(nextMonday));
  await noViolations('week view right to left');
  await screenshot(page, 'community-calendar-week-rtl-1280');
  await page.evaluate(() => document.documentElement.setAttribute('dir', 'ltr'));
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
  await narrow.goto(`${h.baseUrl}/community/calendar`);
  await narrow.getByRole('button', { name: 'Week', exact: true }).click();
  await narrow.getByRole('status').filter({ hasText: 'this week.' }).waitFor();
  await narrow.getByRole('button', { name: 'Plan an engagement' }).click();
  await narrow.getByLabel('How often').selectOption('monthly');
  await narrow.getByLabel('On a date').check();
  expect(await accessibilityViolations(narrow), 'week view and repeats at 390 px').toEqual([]);
  await screenshot(narrow, 'community-calendar-week-390');
  await narrow.context().close();
});
