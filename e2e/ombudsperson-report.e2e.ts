// The ombudsperson's periodic report in the console: reached from the reports menu, a period typed in, the tables
// of the report with their downloads, axe-core finding no WCAG 2.1 AA violation at 1280 px and 390 px, and nothing
// scrolling sideways on a phone.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { accessibilityViolations, screenshot, startHarness, type Harness } from './harness.ts';
import { NARROW, WIDE, callApi, sidewaysOverflow, signedInPage } from './console-steps.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

it("opens the ombudsperson's report from the reports menu, shows a chosen period, at 1280 and 390 px", async () => {
  const wide = await signedInPage(h.browser, h.baseUrl, WIDE);
  await callApi(wide, 'POST', '/complaints', {
    complainant: { firstName: 'Ana', lastName: 'Ruiz', role: 'noncustodial_parent' },
    programCaseNumber: 'CS-E2E',
    receivedVia: 'phone',
    receivedOn: '2026-06-02',
    issues: [{ category: 'distribution', description: 'Arrears are wrong.' }],
  });
  await wide.goto(`${h.baseUrl}/reports/indicators`);
  await wide.getByRole('link', { name: "Ombudsperson's report" }).click();
  await wide.getByRole('heading', { level: 1, name: "Ombudsperson's report" }).waitFor();
  await wide.getByRole('textbox', { name: 'Period' }).fill('2026-06');
  await wide.getByRole('button', { name: 'Show the report' }).click();
  await wide.getByRole('table', { name: 'Complaints', exact: true }).waitFor();
  await wide.getByText('Counting…').waitFor({ state: 'detached' });
  const received = wide.getByRole('row', { name: /Complaints received/ });
  await expect.poll(() => received.textContent()).toMatch(/Complaints received\s*1/);
  expect(await wide.getByRole('link', { name: 'Download PDF' }).getAttribute('href')).toContain('period=2026-06');
  expect(await accessibilityViolations(wide)).toEqual([]);
  await screenshot(wide, 'ombudsperson-report-1280');

  // Every count opens the records behind it: the one complaint received, a link to its page.
  await wide.getByRole('link', { name: '1: Complaints received — list them' }).click();
  const drill = wide.getByRole('heading', { level: 2, name: /Complaints: Complaints received/ });
  await drill.waitFor();
  await expect
    .poll(() => wide.evaluate(() => document.activeElement?.textContent ?? ''))
    .toMatch(/Complaints received/);
  await wide.getByText('1 complaint.').waitFor();
  const listed = wide.getByRole('table', { name: /Complaints: Complaints received/ });
  expect(await listed.getByRole('link').count()).toBe(1);
  expect(await accessibilityViolations(wide)).toEqual([]);
  await screenshot(wide, 'ombudsperson-report-drill-1280');
  await listed.getByRole('link').click();
  await wide.waitForURL(/\/complaints\/[^/]+$/);

  const narrow = await signedInPage(h.browser, h.baseUrl, NARROW);
  await narrow.goto(`${h.baseUrl}/reports/ombudsperson?period=2026-06`);
  await narrow.getByRole('table', { name: 'Complaints', exact: true }).waitFor();
  await narrow.getByText('Counting…').waitFor({ state: 'detached' });
  expect(await accessibilityViolations(narrow)).toEqual([]);
  expect(await sidewaysOverflow(narrow)).toBe(0);
  await screenshot(narrow, 'ombudsperson-report-390');
  await narrow.goto(`${h.baseUrl}/reports/ombudsperson?period=2026-06&drill=complaints.channel%3Aphone`);
  await narrow.getByText('1 complaint.').waitFor();
  expect(await accessibilityViolations(narrow)).toEqual([]);
  expect(await sidewaysOverflow(narrow)).toBe(0);
  await screenshot(narrow, 'ombudsperson-report-drill-390');
});
