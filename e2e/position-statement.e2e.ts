// The position statement of a state hearing on the complaint page: opened under the hearing request, the facts and
// witnesses written and saved (announced), the PDF packet offered for download; axe-core at 1280 px and 390 px.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { accessibilityViolations, screenshot, startHarness, type Harness } from './harness.ts';
import { NARROW, WIDE, callApi, sidewaysOverflow, signedInPage } from './console-steps.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

it('writes and saves the position statement of a hearing request and offers its PDF packet', async () => {
  const wide = await signedInPage(h.browser, h.baseUrl, WIDE);
  const filed = (await callApi(wide, 'POST', '/complaints', {
    complainant: { firstName: 'Ida', lastName: 'Park', role: 'custodial_party' },
    programCaseNumber: 'CS-PS-E2E',
    receivedVia: 'in_person',
    receivedOn: '2026-06-01',
    issues: [{ category: 'distribution', description: 'Two payments never reached me.' }],
  })) as { complaintNumber: string };
  const number = filed.complaintNumber;
  await callApi(wide, 'POST', `/complaints/${number}/resolution`, { findings: 'Held.', noticeMailedOn: '2026-06-20' });
  const hearing = (await callApi(wide, 'POST', `/complaints/${number}/hearing-requests`, {
    requestedOn: '2026-07-06',
    issues: ['distribution'],
  })) as { id: number };
  await wide.goto(`${h.baseUrl}/complaints/${number}`);
  await wide.getByText('Position statement', { exact: true }).click();
  await wide.getByLabel('Statement of facts').fill('The payments were held by the bank until 2 June.');
  await wide.getByLabel('Witnesses').fill('M. Chen, Financial/Distribution');
  await wide.getByRole('button', { name: 'Save the position statement' }).click();
  await wide.getByText('Position statement saved with 0 exhibits.').first().waitFor();
  const link = wide.getByRole('link', { name: 'Download the position statement packet (PDF)' });
  expect(await link.getAttribute('href')).toBe(
    `/api/v1/complaints/${number}/hearing-requests/${hearing.id}/position-statement/pdf`,
  );
  expect(await accessibilityViolations(wide)).toEqual([]);
  await screenshot(wide, 'position-statement-1280');

  const narrow = await signedInPage(h.browser, h.baseUrl, NARROW);
  await narrow.goto(`${h.baseUrl}/complaints/${number}`);
  await narrow.getByText('Position statement', { exact: true }).click();
  await expect.poll(() => narrow.getByLabel('Statement of facts').inputValue()).toContain('held by the bank');
  expect(await accessibilityViolations(narrow)).toEqual([]);
  expect(await sidewaysOverflow(narrow)).toBe(0);
  await screenshot(narrow, 'position-statement-390');
});
