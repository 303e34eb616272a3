// The confidential compartment in a real browser: a person on a restricted case marked confidential from the profile,
// a case's details kept private on Open311, the mail quarantine and the retention screen (rules, dry-run report and a
// confirmed run), each with axe-core finding no WCAG 2.1 AA violation, at 1280 and 390 px.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityViolations, screenshot, startHarness, type Harness } from './harness.ts';
import { NARROW, WIDE, callApi, createCaseViaApi, signedInPage } from './console-steps.ts';

let h: Harness;
let page: Page;
let trackingNumber: string;
let personId: number;

beforeAll(async () => {
  h = await startHarness();
  page = await signedInPage(h.browser, h.baseUrl);
  const me = (await callApi(page, 'GET', '/auth/me')) as { id: number };
  trackingNumber = await createCaseViaApi(page, {
    channel: 'email',
    subject: 'HOUSING',
    description: 'I need a safe place to stay',
    person: { firstName: 'Dana', lastName: 'Safe', email: 'dana@example.org' },
  });
  const c = (await callApi(page, 'GET', `/cases/${trackingNumber}`)) as { version: number; person: { id: number } };
  personId = c.person.id;
  // Restricted, with the administrator named on it: the administrator is inside the compartment.
  await callApi(page, 'PATCH', `/cases/${trackingNumber}`, {
    restricted: true,
    accessUserIds: [me.id],
    expectedVersion: c.version,
  });
});
afterAll(async () => h?.stop());

const noViolations = async (where: string) => expect(await accessibilityViolations(page), where).toEqual([]);

async function bothWidths(name: string) {
  await noViolations(`${name} at 1280px`);
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize(NARROW);
  await noViolations(`${name} at 390px`);
  await screenshot(page, `${name}-390`);
  await page.setViewportSize(WIDE);
}

it('marks a person confidential and shows it on the profile', async () => {
  await page.goto(`${h.baseUrl}/people/${personId}`);
  await page.getByRole('heading', { level: 1, name: 'Dana Safe' }).waitFor();
  await expect(page.getByText('Only those who may see this person’s restricted').count()).resolves.toBe(0);
  await page.getByLabel('Confidential').selectOption('protective_order');
  await page.getByRole('button', { name: 'Save person' }).click();
  await page.getByRole('status').filter({ hasText: 'Person saved.' }).waitFor();
  const notice = page.locator('.notice').filter({ hasText: 'Protective order.' });
  await notice.waitFor();
  await expect(page.getByLabel('Confidential').inputValue()).resolves.toBe('protective_order');
  const person = (await callApi(page, 'GET', `/people/${personId}`)) as { confidentialReason: string | null };
  expect(person.confidentialReason).toBe('protective_order');
  await bothWidths('person-confidential');
  // People search marks the person for those who may see them.
  await page.goto(`${h.baseUrl}/people`);
  await page.getByLabel('Name or organisation').fill('Dana');
  await page.getByRole('button', { name: 'Search', exact: true }).last().click();
  await page.getByRole('row').filter({ hasText: 'Dana Safe' }).getByText('Confidential').waitFor();
  await noViolations('people search with a confidential person');
});

it('keeps a case’s details private on Open311 from the details tab', async () => {
  await page.goto(`${h.baseUrl}/cases/${trackingNumber}?tab=details`);
  const box = page.getByRole('checkbox', { name: 'Keep the details private on Open311' });
  await box.waitFor();
  await expect(box.isChecked()).resolves.toBe(false);
  await box.check();
  await page.getByRole('button', { name: 'Save details' }).click();
  await page.getByRole('status').filter({ hasText: 'Case details saved.' }).waitFor();
  const c = (await callApi(page, 'GET', `/cases/${trackingNumber}`)) as { detailsPrivate: boolean };
  expect(c.detailsPrivate).toBe(true);
  await expect(box.isChecked()).resolves.toBe(true);
  await bothWidths('case-details-private');
});

it('shows the mail quarantine under Administration', async () => {
  await page.goto(`${h.baseUrl}/admin/units`);
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Mail quarantine' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mail quarantine' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Waiting for a decision' }).waitFor();
  await page.getByText('No message is waiting.').waitFor();
  await bothWidths('admin-mail-quarantine');
});

it('edits the retention rules, shows the dry run and runs after a confirmation', async () => {
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Retention' }).click();
  await page.getByRole('heading', { level: 1, name: 'Retention' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'What a run would do now' }).waitFor();
  await page.getByText('Counted from').waitFor();
  await page.getByRole('button', { name: 'Add a rule' }).click();
  await page.getByLabel('Case kind of rule 1').fill('#restricted');
  await page.getByLabel('Years after closing, rule 1').fill('10');
  await page.getByLabel('What happens under rule 1').selectOption('delete');
  await page.getByRole('button', { name: 'Save rules' }).click();
  await page.getByRole('status').filter({ hasText: 'Retention rules saved.' }).waitFor();
  const rules = (await callApi(page, 'GET', '/retention/rules')) as { rules: unknown[] };
  expect(rules.rules).toEqual([{ caseKind: '#restricted', years: 10, action: 'delete' }]);
  await bothWidths('admin-retention');

  await page.getByRole('button', { name: 'Run retention now' }).click();
  const dialog = page.getByRole('dialog', { name: 'Run retention now?' });
  await dialog.waitFor();
  await dialog.getByText('No case is due now').waitFor();
  await noViolations('retention confirmation');
  await screenshot(page, 'admin-retention-confirm-1280');
  await dialog.getByRole('button', { name: 'Run retention', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Retention run: 0 cases anonymised, 0 deleted.' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Last run' }).waitFor();
});
