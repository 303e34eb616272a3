// Screens for what only the API could do before: API tokens and Open311 keys (issued, shown once, revoked) and the
// new-issue detection's "run now" — each checked with axe-core (WCAG 2.1 AA), at 1280 and 390 px.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityViolations, screenshot, startHarness, type Harness } from './harness.ts';
import { NARROW, WIDE, callApi, createCaseViaApi, sidewaysOverflow, signedInPage } from './console-steps.ts';

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  page = await signedInPage(h.browser, h.baseUrl);
});
afterAll(async () => h?.stop());

const noViolations = async (where: string) => expect(await accessibilityViolations(page), where).toEqual([]);

it('issues an API token and an Open311 key, shows each secret once, and revokes them', async () => {
  await page.getByRole('link', { name: 'Administration' }).click();
  await page
    .getByRole('navigation', { name: 'Administration' })
    .getByRole('link', { name: 'API tokens and Open311 keys' })
    .click();
  await page.getByRole('heading', { level: 1, name: 'API tokens and Open311 keys' }).waitFor();
  await page.getByText('You have no API tokens.').waitFor();
  await noViolations('integrations, empty');

  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Call-centre export');
  await page.getByLabel('Expires after (days)').fill('30');
  await page.getByRole('button', { name: 'Create token' }).click();
  await page.getByText('The token Call-centre export').waitFor();
  const secret = (await page.locator('code.secret').first().textContent())!;
  expect(secret.length).toBeGreaterThan(20);
  // The secret works against the API.
  const status = await page.evaluate(
    async (token) =>
      (await fetch('/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` }, credentials: 'omit' })).status,
    secret,
  );
  expect(status).toBe(200);

  await page.getByLabel('Which 311 system').fill('City 311');
  await page.getByRole('button', { name: 'Issue key' }).click();
  await page.getByText('The Open311 key City 311').waitFor();
  await noViolations('integrations, with a token and a key');
  await screenshot(page, 'integrations-1280');
  await page.setViewportSize(NARROW);
  await screenshot(page, 'integrations-390');
  expect(await sidewaysOverflow(page)).toBe(0);
  await noViolations('integrations at 390px');
  await page.setViewportSize(WIDE);

  await page.getByRole('button', { name: 'Revoke Call-centre export' }).click();
  await page.getByRole('button', { name: 'Yes, revoke Call-centre export now' }).click();
  await page.getByRole('status').filter({ hasText: 'API token Call-centre export revoked.' }).waitFor();
  await page.getByRole('button', { name: 'Revoke City 311' }).click();
  await page.getByRole('button', { name: 'Yes, revoke City 311 now' }).click();
  await page.getByRole('status').filter({ hasText: 'Open311 key City 311 revoked.' }).waitFor();
  const keys = (await callApi(page, 'GET', '/open311-keys')) as { revokedAt: string | null }[];
  expect(keys.every((k) => k.revokedAt !== null)).toBe(true);
  const after = await page.evaluate(
    async (token) =>
      (await fetch('/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` }, credentials: 'omit' })).status,
    secret,
  );
  expect(after).toBe(401);
});

it('runs the new-issue detection now from Reports → New issues', async () => {
  await page.goto(`${h.baseUrl}/reports/new-issues`);
  await page.getByRole('heading', { level: 1, name: 'New issues' }).waitFor();
  await page.getByRole('button', { name: 'Run now' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: /Detection ran for \d+ days? to / })
    .waitFor();
  await noViolations('new issues with run now');
  await screenshot(page, 'new-issues-run-now-1280');
});

it('merges a duplicate case into another from the case page after a preview', async () => {
  const person = { firstName: 'Ana', lastName: 'Ortiz', email: 'ana.ortiz@example.org' };
  const keep = await createCaseViaApi(page, { channel: 'phone', description: 'The bus stop sign fell down.', person });
  const duplicate = await createCaseViaApi(page, {
    channel: 'email',
    description: 'Writing again about the fallen bus stop sign.',
    person,
  });
  await page.goto(`${h.baseUrl}/cases/${duplicate}?tab=attachments`);
  await page.getByRole('heading', { level: 3, name: 'Merge into another case' }).waitFor();
  await page.getByLabel('Tracking number of the case to keep').fill(duplicate);
  await page.getByRole('button', { name: 'Preview the merge' }).click();
  await page.getByText('A case cannot be merged into itself').waitFor();

  await page.getByLabel('Tracking number of the case to keep').fill(keep);
  await page.getByRole('button', { name: 'Preview the merge' }).click();
  const preview = page.getByRole('region', { name: 'Merge preview' });
  await preview.getByRole('region', { name: 'This case is kept' }).getByText(keep).waitFor();
  await noViolations('case merge preview');
  await screenshot(page, 'case-merge-1280');
  await page.setViewportSize(NARROW);
  await screenshot(page, 'case-merge-390');
  expect(await sidewaysOverflow(page)).toBe(0);
  await page.setViewportSize(WIDE);

  await preview.getByRole('button', { name: `Merge ${duplicate} into ${keep}` }).click();
  await page.getByRole('heading', { level: 1, name: `Case ${keep}` }).waitFor();
  await page
    .getByRole('status')
    .filter({ hasText: `Case ${duplicate} was merged into ${keep}.` })
    .waitFor();
  const merged = (await callApi(page, 'GET', `/cases/${duplicate}`)) as { status: string; mergedInto: number | null };
  expect(merged.status).toBe('closed');
  expect(merged.mergedInto).not.toBeNull();
  await page.getByText(`Case ${duplicate} was merged into this case.`).waitFor();
});

it("shows the constituent's status link to copy, and the link opens the case's public status page", async () => {
  const tn = await createCaseViaApi(page, {
    channel: 'phone',
    description: 'A streetlight is out on Elm Street.',
    person: { firstName: 'Lee', lastName: 'Park', email: 'lee.park@example.org' },
  });
  await page.goto(`${h.baseUrl}/cases/${tn}?tab=actions`);
  await page.getByRole('heading', { level: 3, name: 'Status link for the constituent' }).waitFor();
  await page.getByRole('button', { name: 'Show the status link' }).click();
  await page.getByRole('status').filter({ hasText: 'Status link ready to copy.' }).waitFor();
  const panel = page.getByRole('region', { name: 'Status link for the constituent' });
  const url = (await panel.locator('code.secret').first().textContent())!;
  const code = (await panel.locator('code.secret').nth(1).textContent())!;
  expect(url).toContain(code);
  await noViolations('status link shown');
  await screenshot(page, 'public-link-1280');
  await page.setViewportSize(NARROW);
  await screenshot(page, 'public-link-390');
  expect(await sidewaysOverflow(page)).toBe(0);
  await page.setViewportSize(WIDE);
  await panel.getByRole('button', { name: 'Hide the link' }).click();
  await expect.poll(() => panel.locator('code.secret').count()).toBe(0);

  const visitor = await h.browser.newPage();
  await visitor.goto(url.replace(/^https?:\/\/[^/]+/, h.baseUrl));
  await visitor.getByText(tn).first().waitFor();
  await visitor.close();
});
