// The parties of a complaint and of a case in a real browser on a child-support office: a custodial party under a
// protective order naming the signed-in ombudsperson (who alone sees the address), an authorized representative
// whose authorization has expired — with axe-core finding no WCAG 2.1 AA violation, at 1280 and 390 pixels.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityViolations, screenshot, startHarness, type Harness } from './harness.ts';
import { NARROW, WIDE, callApi, createCaseViaApi, signedInPage, sidewaysOverflow } from './console-steps.ts';

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness({ CIVICDESK_AGENCY_PRESET: 'child-support', CIVICDESK_TIMEZONE: 'America/Los_Angeles' });
  page = await signedInPage(h.browser, h.baseUrl);
});
afterAll(async () => h?.stop());

const noViolations = async (where: string) => expect(await accessibilityViolations(page), where).toEqual([]);

it('adds parties to a complaint: a protected custodial party and a representative whose authorization expired', async () => {
  const filed = (await callApi(page, 'POST', '/complaints', {
    complainant: { firstName: 'Carl', lastName: 'Dunn', role: 'noncustodial_parent' },
    programCaseNumber: 'CS-2026-0300',
    receivedVia: 'phone',
    receivedOn: '2026-10-01',
    issues: [{ category: 'distribution', description: 'Payments not credited.' }],
  })) as { complaintNumber: string };
  await page.goto(`${h.baseUrl}/complaints/${filed.complaintNumber}`);
  const panel = page.getByRole('region', { name: 'Parties' });
  await panel.getByText('No parties are recorded yet.').waitFor();
  await noViolations('complaint page, no parties');

  await panel.getByLabel('A new person').check();
  await panel.getByLabel('First name', { exact: true }).fill('Rosa');
  await panel.getByLabel('Last name', { exact: true }).fill('Vega');
  await panel.getByLabel('Address', { exact: true }).fill('14 Hidden Oak Lane\nFresno, CA 93701');
  await panel.getByLabel('Role', { exact: true }).selectOption('custodial_party');
  await panel.getByLabel(/Under a protective order/).check();
  const named = panel.getByRole('group', { name: 'Staff named on the order' });
  await named.getByRole('checkbox').first().check();
  await noViolations('add party form with a protective order');
  await panel.getByRole('button', { name: 'Add party' }).click();
  const rows = panel.getByRole('region', { name: 'Parties, their roles and addresses' });
  await rows.getByRole('rowheader', { name: /Rosa Vega/ }).waitFor();
  await expect.poll(() => rows.textContent()).toContain('14 Hidden Oak Lane');

  await panel.getByLabel('First name', { exact: true }).fill('Dana');
  await panel.getByLabel('Last name', { exact: true }).fill('Reyes');
  await panel.getByLabel('Address', { exact: true }).fill('9 Court Plaza\nFresno, CA 93721');
  await panel.getByLabel('Role', { exact: true }).selectOption('authorized_representative');
  await panel.getByLabel('Authorization on file (reference)').fill('Signed authorization of 2025-01-10');
  await panel.getByLabel('Authorization expires on').fill('2025-12-31');
  await panel.getByRole('button', { name: 'Add party' }).click();
  await rows.getByRole('rowheader', { name: /Dana Reyes/ }).waitFor();
  await expect.poll(() => rows.textContent()).toContain('Expired 2025-12-31: may not be addressed');

  // A missing name is named in plain words beside its field.
  await panel.getByLabel('First name', { exact: true }).fill('');
  await panel.getByLabel('Last name', { exact: true }).fill('');
  await panel.getByLabel('Role', { exact: true }).selectOption('attorney');
  await panel.getByRole('button', { name: 'Add party' }).click();
  await panel.getByText("give the person's name").first().waitFor();

  await noViolations('complaint page with parties');
  await screenshot(page, 'parties-complaint-1280');
  await page.setViewportSize(NARROW);
  await noViolations('complaint page with parties, narrow');
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  await screenshot(page, 'parties-complaint-390');
  await page.setViewportSize(WIDE);
});

it('shows the parties panel on a case and adds a person on file found by search', async () => {
  const trackingNumber = await createCaseViaApi(page, {
    channel: 'phone',
    subject: 'CASE',
    description: 'Asks about the case.',
    person: { firstName: 'Ivy', lastName: 'Stone', phone: '559-555-0177' },
  });
  await page.goto(`${h.baseUrl}/cases/${trackingNumber}`);
  const panel = page.getByRole('region', { name: 'Parties' });
  await panel.getByText('No parties are recorded yet.').waitFor();
  await panel.getByLabel('Search people by name, email or phone').fill('Stone');
  await panel.getByLabel('Search people by name, email or phone').press('Enter');
  await panel.getByRole('group', { name: 'Choose the person' }).waitFor();
  await panel.getByLabel('Role', { exact: true }).selectOption('noncustodial_parent');
  await panel.getByRole('button', { name: 'Add party' }).click();
  await panel.getByRole('rowheader', { name: /Ivy Stone/ }).waitFor();
  await noViolations('case page with parties');
  await screenshot(page, 'parties-case-1280');
  await page.setViewportSize(NARROW);
  await noViolations('case page with parties, narrow');
  await screenshot(page, 'parties-case-390');
  await page.setViewportSize(WIDE);
});
