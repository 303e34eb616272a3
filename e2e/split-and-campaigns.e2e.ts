// Two screens for what only the API could do before: splitting a case that holds two matters (preview, confirm,
// open the new case) and the email campaigns screen (mail sent over real SMTP, grouped, answered at once after a
// confirmation) — each checked with axe-core (WCAG 2.1 AA), at 1280 and 390 px.
import { afterAll, beforeAll, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import type { Page } from 'playwright-core';
import { accessibilityViolations, freePort, screenshot, startHarness, type Harness } from './harness.ts';
import { NARROW, WIDE, callApi, createCaseViaApi, sidewaysOverflow, signedInPage } from './console-steps.ts';

let h: Harness;
let page: Page;
let smtpPort: number;

beforeAll(async () => {
  smtpPort = await freePort();
  h = await startHarness({ CIVICDESK_SMTP_PORT: String(smtpPort) });
  page = await signedInPage(h.browser, h.baseUrl);
});
afterAll(async () => h?.stop());

const noViolations = async (where: string) => expect(await accessibilityViolations(page), where).toEqual([]);

async function bothWidths(name: string) {
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize(NARROW);
  await screenshot(page, `${name}-390`);
  expect(await sidewaysOverflow(page), name).toBe(0);
  await noViolations(`${name} at 390`);
  await page.setViewportSize(WIDE);
}

it('splits a second matter off a case into a new case, after a preview, and opens it', async () => {
  const original = await createCaseViaApi(page, {
    channel: 'email',
    receivedAt: '2026-01-12T14:05:00Z',
    description: 'The bus stop sign on Elm Street fell down. Also, my home attendant has not come for a week.',
    person: { firstName: 'Ana', lastName: 'Ortiz', email: 'ana.ortiz.split@example.org' },
  });
  await page.goto(`${h.baseUrl}/cases/${original}?tab=attachments`);
  await page.getByRole('heading', { level: 3, name: 'Split into two cases' }).waitFor();
  await page.getByLabel('File', { exact: true }).setInputFiles({
    name: 'attendant-schedule.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n% the home attendant schedule\n'),
  });
  await page.getByRole('button', { name: 'Upload' }).click();
  await page.getByRole('checkbox', { name: 'attendant-schedule.pdf' }).waitFor();

  await page.getByLabel('What the new case is about').fill('My home attendant has not come for a week.');
  await page.getByLabel('Unit of the new case').selectOption('HCS');
  await page.getByRole('checkbox', { name: 'attendant-schedule.pdf' }).check();
  await page.getByRole('button', { name: 'Preview the split' }).click();
  const preview = page.getByRole('region', { name: 'Split preview' });
  await preview.getByText('Home Care Services').waitFor();
  await preview.getByText('attendant-schedule.pdf').waitFor();
  await noViolations('case split preview');
  await preview.scrollIntoViewIfNeeded();
  await bothWidths('case-split');

  await preview.getByRole('button', { name: 'Split off the new case' }).click();
  const done = page.getByRole('status').filter({ hasText: 'The new case is' });
  await done.waitFor();
  const newCase = (await done.getByRole('link').textContent())!.trim();
  expect(newCase).not.toBe(original);
  await done.getByRole('link', { name: newCase }).click();
  await page.getByRole('heading', { level: 1, name: `Case ${newCase}` }).waitFor();
  const split = (await callApi(page, 'GET', `/cases/${newCase}`)) as {
    receivedAt: string;
    unit: string | null;
    person: { firstName: string } | null;
  };
  expect(split).toMatchObject({ receivedAt: '2026-01-12T14:05:00.000Z', unit: 'HCS', person: { firstName: 'Ana' } });
  await page.goto(`${h.baseUrl}/cases/${newCase}?tab=attachments`);
  await page.getByRole('link', { name: 'attendant-schedule.pdf' }).waitFor();
  await page.getByRole('link', { name: original }).first().waitFor();
});

it('lists an email campaign with its cases and senders, and answers the open ones after a confirmation', async () => {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
  const text = (name: string) =>
    `Dear Commissioner,\n\nPlease keep the Riverside community pool open this summer. Hundreds of families depend ` +
    `on it and closing it would hurt our children.\n\nSincerely,\n${name}`;
  for (const [from, name] of [
    ['alice@voters.example', 'Alice Archer'],
    ['bob@voters.example', 'Bob Brown'],
    ['carmen@voters.example', 'Carmen Cruz'],
  ] as const) {
    await transport.sendMail({
      from: `${name} <${from}>`,
      to: 'correspondence@localhost',
      subject: 'Keep Riverside pool open',
      text: text(name),
    });
  }
  transport.close();

  await page.goto(`${h.baseUrl}/admin/campaigns`);
  await page.getByRole('heading', { level: 1, name: 'Email campaigns' }).waitFor();
  const campaign = page.getByRole('region', { name: 'Keep Riverside pool open' });
  await campaign.waitFor();
  await campaign.getByText('Tracking numbers (3)').waitFor();
  await noViolations('campaigns list');
  await bothWidths('campaigns');

  await campaign.getByRole('button', { name: 'Answer all 3 open' }).click();
  await campaign.getByLabel('Answer by email with').selectOption('general-response');
  await campaign
    .getByLabel("Text for the template's response field (optional)")
    .fill('The pool stays open through Labor Day.');
  await campaign.getByRole('checkbox', { name: /Send even where a template field is empty/ }).check();
  await campaign.getByRole('button', { name: 'Answer 3 cases…' }).click();
  const confirm = campaign.getByRole('region', { name: 'Confirm the answers' });
  await confirm.getByText('3 emails will go out with “General response”').waitFor();
  await noViolations('campaign answer confirmation');
  await confirm.scrollIntoViewIfNeeded();
  await bothWidths('campaign-answer');

  await confirm.getByRole('button', { name: 'Send 3 answers' }).click();
  await page.getByRole('status').filter({ hasText: 'Answered and closed 3 cases.' }).waitFor();
  await campaign.getByText('Every case of this campaign is closed.').waitFor();
});
