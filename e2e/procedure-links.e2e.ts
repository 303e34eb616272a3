// Procedure links and procedure files in a real browser, as an administrator new to them would go: open
// Administration → Procedure links, link an approved procedure from a subject and from a routing rule, see both
// listed, remove one; then add a file to the procedure's draft version on its screen and remove it, and an evidence
// file to an open action of a plan. axe-core finds no
// WCAG 2.1 AA violation at 1280 and at 390 px, and nothing scrolls sideways on a phone.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityViolations, screenshot, startHarness, type Harness } from './harness.ts';
import { NARROW, callApi, sidewaysOverflow, signedInPage } from './console-steps.ts';

let h: Harness;
let page: Page;
let procedureId = 0;
let planId = 0;

const noViolations = async (where: string) => expect(await accessibilityViolations(page), where).toEqual([]);

beforeAll(async () => {
  h = await startHarness();
  page = await signedInPage(h.browser, h.baseUrl);
  const created = (await callApi(page, 'POST', '/procedures', {
    title: 'Shelter complaints',
    body: '# At the desk\n\nCall the shelter desk the same day.',
  })) as { id: number };
  procedureId = created.id;
  await callApi(page, 'POST', `/procedures/${procedureId}/versions/1/approve`, {});
});
afterAll(async () => h?.stop());

it('links a procedure from a subject and a routing rule, and removes a link', async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('link', { name: 'Procedure links' }).click();
  await page.getByRole('heading', { level: 1, name: 'Procedure links' }).waitFor();
  await expect(page.getByLabel('Procedure').inputValue()).resolves.toBe(String(procedureId));
  await page.getByText('“Shelter complaints” is not linked from any subject or rule yet.').waitFor();
  await noViolations('procedure links, none yet');

  const subjectForm = page.getByRole('form', { name: 'Link from a subject' });
  const subject = subjectForm.getByLabel(/^Subject/);
  await subject.selectOption({ index: 1 });
  const subjectLabel = (await subject.locator('option:checked').textContent())!;
  await subjectForm.getByRole('button', { name: 'Link subject' }).click();
  const links = page.getByRole('region', { name: 'Links of Shelter complaints' });
  await links.getByRole('rowheader', { name: subjectLabel }).waitFor();

  const ruleForm = page.getByRole('form', { name: 'Link from a routing rule' });
  const rule = ruleForm.getByLabel(/^Routing rule/);
  await rule.selectOption({ index: 1 });
  const ruleName = (await rule.locator('option:checked').textContent())!;
  await ruleForm.getByRole('button', { name: 'Link rule' }).click();
  await links.getByRole('rowheader', { name: ruleName }).waitFor();

  // The same subject again is refused with the reason.
  await subject.selectOption({ label: subjectLabel });
  await subjectForm.getByRole('button', { name: 'Link subject' }).click();
  await page.getByRole('alert').filter({ hasText: 'already linked from there' }).waitFor();
  await noViolations('procedure links, two links and an error');
  await screenshot(page, 'procedure-links-1280');

  await links.getByRole('button', { name: `Remove the link from the routing rule ${ruleName}` }).click();
  await links.getByRole('rowheader', { name: ruleName }).waitFor({ state: 'detached' });
  await page
    .getByRole('status')
    .filter({ hasText: `Link from the routing rule ${ruleName} removed.` })
    .waitFor();
  await expect(links.getByRole('row').count()).resolves.toBe(2);
  const saved = (await callApi(page, 'GET', `/procedures/${procedureId}/links`)) as { subjectCode: string | null }[];
  expect(saved.map((l) => l.subjectCode !== null)).toEqual([true]);
});

it('adds a file to a draft version of the procedure and removes it', async () => {
  await callApi(page, 'POST', `/procedures/${procedureId}/versions`, { body: 'Call the shelter desk within an hour.' });
  await page.goto(`${h.baseUrl}/quality/procedures/${procedureId}`);
  await page.getByRole('heading', { level: 1, name: 'Shelter complaints' }).waitFor();
  const upload = page.getByRole('form', { name: 'Add a file to version 2' });
  await upload.getByLabel(/^File/).setInputFiles({
    name: 'desk-rota.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n% the desk rota\n'),
  });
  await upload.getByRole('button', { name: 'Upload' }).click();
  const version2 = page.getByRole('region', { name: 'Version 2 (Draft)' });
  await version2.getByRole('link', { name: 'desk-rota.pdf' }).waitFor();
  // A file civicdesk does not accept is refused at the field.
  await upload.getByLabel(/^File/).setInputFiles({
    name: 'tool.exe',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('MZ\x90\x00 a program'),
  });
  await upload.getByRole('button', { name: 'Upload' }).click();
  await upload.getByRole('alert').filter({ hasText: 'is not a file type civicdesk accepts' }).waitFor();
  await expect(upload.getByLabel(/^File/).getAttribute('aria-invalid')).resolves.toBe('true');
  await noViolations('procedure with files 1280');
  await screenshot(page, 'procedure-files-1280');
  await version2.getByRole('button', { name: 'Remove “desk-rota.pdf”' }).click();
  await version2.getByRole('link', { name: 'desk-rota.pdf' }).waitFor({ state: 'detached' });
});

it("adds an evidence file to a plan's open action", async () => {
  const me = (await callApi(page, 'GET', '/auth/me')) as { id: number };
  const plan = (await callApi(page, 'POST', '/action-plans', {
    title: 'Answer shelter complaints the same day',
    ownerId: me.id,
    goal: 'Every shelter complaint answered the day it comes in',
    actions: [{ title: 'Train the desk on the procedure', ownerId: me.id, dueOn: '2031-01-15' }],
  })) as { id: number };
  planId = plan.id;
  await page.goto(`${h.baseUrl}/quality/plans/${planId}`);
  await page.getByRole('heading', { level: 1, name: 'Answer shelter complaints the same day' }).waitFor();
  await page.getByText('No evidence files yet.').waitFor();
  const upload = page.getByRole('form', { name: 'Add an evidence file' });
  await expect(upload.getByLabel('For the action').inputValue()).resolves.not.toBe('');
  await upload.getByLabel(/^File/).setInputFiles({
    name: 'sign-in sheet.png',
    mimeType: 'image/png',
    buffer: Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082',
      'hex',
    ),
  });
  await upload.getByRole('button', { name: 'Upload' }).click();
  const evidence = page.getByRole('region', { name: 'Train the desk on the procedure' });
  await evidence.getByRole('link', { name: 'sign-in sheet.png' }).waitFor();
  await noViolations('plan with evidence 1280');
  await screenshot(page, 'plan-evidence-1280');
});

it('works at 390 px: no violations and nothing scrolls sideways', async () => {
  page = await signedInPage(h.browser, h.baseUrl, NARROW);
  for (const [path, heading, name] of [
    ['/admin/procedure-links', 'Procedure links', 'procedure-links-390'],
    [`/quality/procedures/${procedureId}`, 'Shelter complaints', 'procedure-files-390'],
    [`/quality/plans/${planId}`, 'Answer shelter complaints the same day', 'plan-evidence-390'],
  ] as [string, string, string][]) {
    await page.goto(`${h.baseUrl}${path}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await page.getByText(/^Loading/).waitFor({ state: 'detached' });
    await noViolations(name);
    expect(await sidewaysOverflow(page), name).toBe(0);
    await screenshot(page, name);
  }
});
