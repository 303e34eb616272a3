// People and configuration in a real browser: search people, open a profile with the constituent's history, merge a
// duplicate; then every administration screen, with axe-core finding no WCAG 2.1 AA violation on any of them, a
// routing-rule dry run, a new account, a holiday preset and the template library.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityViolations, screenshot, startHarness, type Harness } from './harness.ts';
import { NARROW, WIDE, callApi, createCaseViaApi, signedInPage } from './console-steps.ts';

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = await signedInPage(h.browser, h.baseUrl);
});
afterAll(async () => h?.stop());

const noViolations = async (where: string) => expect(await accessibilityViolations(page), where).toEqual([]);

it('finds a person, shows their cases and merges a duplicate into the profile', async () => {
  await createCaseViaApi(page, {
    channel: 'email',
    subject: 'HOUSING',
    description: 'Question about my housing application',
    person: {
      firstName: 'Maria',
      lastName: 'Lopez',
      email: 'maria@example.org',
      phone: '212-555-0100',
      language: 'es',
    },
  });
  // The same phone typed differently on a separate record: a likely duplicate.
  await callApi(page, 'POST', '/people', { firstName: 'M.', lastName: 'Lopez', phones: [{ value: '(212) 555 0100' }] });
  await page.getByRole('link', { name: 'People' }).click();
  await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
  await noViolations('people search');
  await page.getByLabel('Name or organisation').fill('Lopez');
  await page.getByRole('button', { name: 'Search', exact: true }).last().click();
  await page.getByRole('status').filter({ hasText: '2 people found.' }).waitFor();
  await screenshot(page, 'people-search-1280');
  await page.getByRole('link', { name: 'Maria Lopez' }).click();
  await page.getByRole('heading', { level: 1, name: 'Maria Lopez' }).waitFor();
  await page
    .getByRole('table', { name: /Cases of Maria Lopez/ })
    .getByRole('row')
    .nth(1)
    .waitFor();
  const duplicates = page.getByRole('region', { name: 'Possible duplicates' });
  await duplicates.getByText('same phone').waitFor();
  await noViolations('person profile');
  await screenshot(page, 'person-profile-1280');
  await duplicates.getByRole('button', { name: 'Merge into this profile' }).click();
  const dialog = page.getByRole('dialog', { name: 'Merge these people?' });
  await dialog.waitFor();
  await noViolations('merge dialog');
  await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'merged here' }).waitFor();
  await duplicates.getByText('No one else looks like this person.').waitFor();
  await page.setViewportSize(NARROW);
  await screenshot(page, 'person-profile-390');
  await noViolations('person profile at 390px');
  await page.setViewportSize(WIDE);
});

it('shows every administration screen without accessibility violations', async () => {
  const screens = [
    ['Units', 'units'],
    ['Users', 'users'],
    ['Subjects', 'subjects'],
    ['Channels', 'channels'],
    ['Routing rules', 'routing-rules'],
    ['Service standards', 'service-standards'],
    ['Business calendar', 'calendar'],
    ['Escalation levels', 'escalation'],
    ['Templates', 'templates'],
  ];
  await page.getByRole('link', { name: 'Administration' }).click();
  for (const [title, slug] of screens) {
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: title }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.locator('main table, main ol, main ul, main form').first().waitFor();
    await noViolations(`admin ${slug}`);
    await screenshot(page, `admin-${slug}-1280`);
  }
  await page.setViewportSize(NARROW);
  await screenshot(page, 'admin-templates-390');
  await noViolations('admin templates at 390px');
  await page.setViewportSize(WIDE);
});

it('dry-runs the routing rules, creates an account, applies a holiday preset and opens a template', async () => {
  await page.goto(`${h.baseUrl}/admin/routing-rules`);
  const test = page.getByRole('region', { name: 'Test against a sample' });
  await test.getByLabel('Writer type').selectOption('elected_official');
  await test.getByLabel('Text of the item').fill('On behalf of a constituent in my district');
  await test.getByRole('button', { name: 'Run the rules' }).click();
  await test.getByText("Elected officials' offices go to Legislative Affairs").first().waitFor();
  await expect(test.textContent()).resolves.toContain('LEG');
  await page.getByRole('button', { name: /Edit “Shelter”/ }).click();
  await page.getByRole('dialog', { name: /Edit “Shelter”/ }).waitFor();
  // The form shows the rule as it is, even right after a reload (the unit list arrives after the dialog opens).
  await expect.poll(() => page.getByLabel('Route to unit').inputValue()).toBe('FAC');
  await noViolations('routing rule dialog');
  await screenshot(page, 'admin-routing-rule-edit-1280');
  await page.keyboard.press('Escape');

  await page.goto(`${h.baseUrl}/admin/users`);
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Casey Worker');
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill('casey@example.gov');
  await page.getByRole('checkbox', { name: 'SNAP', exact: true }).check();
  await page.getByRole('button', { name: 'Create account' }).click();
  const notice = page.getByText('Temporary password (shown once)');
  await notice.waitFor();
  const temporaryPassword = (await page.locator('.notice code').textContent())!;
  await page.getByRole('row').filter({ hasText: 'casey@example.gov' }).filter({ hasText: 'SNAP' }).waitFor();

  // The new caseworker must choose a password first, then sees the console without the administration menu.
  const casey = await (await h.browser.newContext({ viewport: WIDE })).newPage();
  await casey.goto(h.baseUrl);
  await casey.getByLabel('Email').fill('casey@example.gov');
  await casey.getByLabel('Password').fill(temporaryPassword);
  await casey.getByRole('button', { name: 'Sign in' }).click();
  await casey.getByRole('heading', { name: 'Choose a new password' }).waitFor();
  expect(await accessibilityViolations(casey)).toEqual([]);
  // A reload does not get round it.
  await casey.reload();
  await casey.getByRole('heading', { name: 'Choose a new password' }).waitFor();
  await casey.getByLabel('Current password').fill(temporaryPassword);
  await casey.getByLabel(/^New password/).fill('a brand new password 1');
  await casey.getByLabel('Repeat the new password').fill('a brand new password 1');
  await casey.getByRole('button', { name: 'Change password' }).click();
  await casey.getByRole('heading', { level: 1, name: 'My cases' }).waitFor();
  expect(await casey.getByRole('link', { name: 'Administration' }).count()).toBe(0);

  // Casey assigns a SNAP case to a colleague of the SNAP unit, who is offered first.
  const units = (await callApi(page, 'GET', '/units')) as { id: number; code: string }[];
  const snap = units.find((u) => u.code === 'SNAP')!.id;
  await callApi(page, 'POST', '/users', {
    email: 'jordan@example.gov',
    name: 'Jordan Colleague',
    role: 'caseworker',
    password: 'jordan password 1',
    unitIds: [snap],
  });
  const snapCase = await createCaseViaApi(page, {
    channel: 'email',
    subject: 'SNAP',
    description: 'My SNAP recertification letter never arrived',
    person: { firstName: 'Kim', lastName: 'Park' },
  });
  await casey.goto(`${h.baseUrl}/cases/${snapCase}?tab=actions`);
  await casey.getByRole('heading', { name: 'Assign', level: 3 }).waitFor();
  const assignTo = casey.getByLabel('Assign to');
  await expect
    .poll(() => assignTo.locator('optgroup[label="In SNAP"] option').allTextContents())
    .toEqual(['Jordan Colleague (caseworker)']);
  await assignTo.selectOption({ label: 'Jordan Colleague (caseworker)' });
  await casey.getByRole('button', { name: 'Assign', exact: true }).click();
  await casey.getByRole('status').filter({ hasText: 'Assigned.' }).waitFor();
  await expect(casey.locator('.case-header').textContent()).resolves.toContain('Jordan Colleague');
  expect(await accessibilityViolations(casey)).toEqual([]);
  await casey.context().close();

  await page.goto(`${h.baseUrl}/admin/calendar`);
  const year = new Date().getFullYear();
  await page.getByLabel('Preset', { exact: true }).selectOption('us-federal');
  await page.getByRole('button', { name: 'Apply preset' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Holidays for ${year}–${year + 1} loaded` })
    .waitFor();
  await page.getByText('Independence Day').first().waitFor();

  await page.goto(`${h.baseUrl}/admin/templates`);
  await page.getByRole('button', { name: 'Acknowledgement' }).first().click();
  await page.getByRole('heading', { name: /Acknowledgement/, level: 2 }).waitFor();
  await noViolations('template detail');
  await screenshot(page, 'admin-template-detail-1280');
});
