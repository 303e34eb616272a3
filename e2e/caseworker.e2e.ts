// A caseworker's day in a real browser: the bell counts what colleagues did (an assignment, a referral to my unit),
// the notifications screen marks them read and keeps my email preference; the referrals queue of my unit takes a
// reply; the case details are edited, and a colleague's change made meanwhile is shown in words with my draft kept.
// Every screen is checked with axe-core (WCAG 2.1 AA) and photographed at 1280 and 390 px.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityViolations, screenshot, startHarness, type Harness } from './harness.ts';
import { NARROW, WIDE, callApi, signedInPage } from './console-steps.ts';

let h: Harness;
let page: Page;
let colleague: Page;
let trackingNumber: string;

const COLLEAGUE = { email: 'maria.lopez@example.gov', password: 'colleague password 123' };

beforeAll(async () => {
  h = await startHarness();
  page = await signedInPage(h.browser, h.baseUrl);
  const units = (await callApi(page, 'GET', '/units')) as { id: number; code: string }[];
  const heap = units.find((u) => u.code === 'HEAP')!;
  const me = (await callApi(page, 'GET', '/auth/me')) as { user?: { id: number }; id?: number };
  const myId = me.user?.id ?? me.id!;
  await callApi(page, 'PATCH', `/users/${myId}`, { unitIds: [heap.id] });
  await callApi(page, 'POST', '/users', {
    email: COLLEAGUE.email,
    name: 'Maria Lopez',
    role: 'caseworker',
    password: COLLEAGUE.password,
    unitIds: [heap.id],
  });
  const context = await h.browser.newContext({ viewport: WIDE });
  colleague = await context.newPage();
  await colleague.goto(h.baseUrl);
  await colleague.getByLabel('Email').fill(COLLEAGUE.email);
  await colleague.getByLabel('Password').fill(COLLEAGUE.password);
  await colleague.getByRole('button', { name: 'Sign in' }).click();
  await colleague.getByRole('heading', { level: 1, name: 'My cases' }).waitFor();
  // The colleague takes in a case, assigns it to me and asks my unit for input.
  trackingNumber = (
    (await callApi(colleague, 'POST', '/cases', {
      channel: 'email',
      subject: 'HEAT',
      description: 'No heat since Monday in the whole building.',
      person: { firstName: 'José', lastName: 'Rodríguez', email: 'jose@example.org' },
    })) as { trackingNumber: string }
  ).trackingNumber;
  await callApi(colleague, 'POST', `/cases/${trackingNumber}/assign`, { assigneeId: myId });
  await callApi(colleague, 'POST', `/cases/${trackingNumber}/referrals`, {
    unit: 'HEAP',
    request: 'Is an emergency HEAP grant pending for this household?',
    dueDate: '2099-12-10',
  });
});
afterAll(async () => h?.stop());

const noViolations = async (where: string) => expect(await accessibilityViolations(page), where).toEqual([]);

it('counts unread notifications on the bell and marks them read on the notifications screen', async () => {
  await page.reload();
  const bell = page.getByRole('link', { name: 'Notifications, 2 unread' });
  await bell.waitFor();
  await bell.click();
  await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
  await page.getByText(`assigned case ${trackingNumber} to you`).waitFor();
  await page.getByText(`referred to HEAP; reply by 2099-12-10`).waitFor();
  await noViolations('notifications');
  await screenshot(page, 'notifications-1280');

  // Keyboard: Tab reaches the first "Mark read" button and Enter marks that one read.
  const first = page.getByRole('button', { name: /^Mark read:/ }).first();
  await first.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: 'Notifications, 1 unread' }).waitFor();
  await page.getByRole('button', { name: 'Mark all read' }).click();
  await page.getByRole('link', { name: 'Notifications, none unread' }).waitFor();

  await page.getByLabel('Which notifications are emailed to me').selectOption('immediate');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('status').filter({ hasText: 'Email preference saved.' }).waitFor();
  const saved = (await callApi(page, 'GET', '/notifications/preferences')) as { email: string };
  expect(saved.email).toBe('immediate');

  await page.setViewportSize(NARROW);
  await screenshot(page, 'notifications-390');
  await noViolations('notifications at 390px');
  await page.setViewportSize(WIDE);
});

it("answers a referral from the unit's referrals queue", async () => {
  await page.getByRole('link', { name: 'Referrals', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Referrals to my units' }).waitFor();
  await page.getByRole('link', { name: `Case ${trackingNumber}` }).waitFor();
  await page.getByText('reply due 2099-12-10').waitFor();
  await noViolations('referrals queue');
  await screenshot(page, 'referrals-1280');
  await page.getByLabel(`Reply for case ${trackingNumber}`).fill('Yes: a grant was approved on Friday.');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Reply sent for case ${trackingNumber}.` })
    .waitFor();
  await page.getByText('No referrals here.').waitFor();
  await page.getByLabel('Status').selectOption('answered');
  await page.getByText('Yes: a grant was approved on Friday.').waitFor();
  await page.setViewportSize(NARROW);
  await screenshot(page, 'referrals-390');
  await noViolations('referrals queue at 390px');
  await page.setViewportSize(WIDE);
  // The colleague who referred is told.
  const theirs = (await callApi(colleague, 'GET', '/notifications')) as { items: { kind: string }[] };
  expect(theirs.items.map((n) => n.kind)).toContain('reply');
});

it('edits the case details and keeps the draft when a colleague changed the case meanwhile', async () => {
  await page.goto(`${h.baseUrl}/cases/${trackingNumber}?tab=details`);
  await page.getByRole('heading', { level: 2, name: 'Case details' }).waitFor();
  await noViolations('case details');
  await page.getByLabel('Priority').selectOption('high');
  await page.getByLabel('Tags').fill('heat, building-wide');
  await page.getByRole('button', { name: 'Save details' }).click();
  await page.getByRole('status').filter({ hasText: 'Case details saved.' }).waitFor();
  let now = (await callApi(page, 'GET', `/cases/${trackingNumber}`)) as { priority: string; tags: string[] };
  expect(now).toMatchObject({ priority: 'high', tags: ['heat', 'building-wide'] });

  // I type a new description; meanwhile the colleague sets the facility.
  const draft = 'No heat since Monday in the whole building; the boiler was inspected on Tuesday.';
  await page.getByLabel('Description').fill(draft);
  const seen = (await callApi(colleague, 'GET', `/cases/${trackingNumber}`)) as { version: number };
  await callApi(colleague, 'PATCH', `/cases/${trackingNumber}`, {
    facility: 'Building 7',
    expectedVersion: seen.version,
  });
  await page.getByRole('button', { name: 'Save details' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Someone else changed this case while you were editing' });
  await alert.waitFor();
  await alert.getByText('(facility)').waitFor();
  expect(await page.getByLabel('Description').inputValue()).toBe(draft);
  // The field I did not touch now shows the colleague's value, so saving again keeps it.
  expect(await page.getByLabel('Facility').inputValue()).toBe('Building 7');
  await noViolations('case details conflict');
  await screenshot(page, 'case-details-conflict-1280');
  await page.setViewportSize(NARROW);
  await screenshot(page, 'case-details-conflict-390');
  await noViolations('case details at 390px');
  await page.setViewportSize(WIDE);

  await page.getByRole('button', { name: 'Save details' }).click();
  await page.getByRole('status').filter({ hasText: 'Case details saved.' }).last().waitFor();
  now = (await callApi(page, 'GET', `/cases/${trackingNumber}`)) as typeof now & { description: string };
  expect(now).toMatchObject({ description: draft, facility: 'Building 7', priority: 'high' });
});

it('finds the case by the name without its accent and by the end of its number', async () => {
  await page.getByLabel('Search cases and people').fill('Jose Rodriguez');
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: trackingNumber }).first().waitFor();
  await page.getByLabel('Search cases and people').fill(trackingNumber.slice(-4));
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: trackingNumber }).first().waitFor();
});
