// A caseworker's desk in a real browser: the header (one row at 1280 px, a Menu button on a 390 px phone), the new-case
// form's type-ahead over the people on file (combobox keys), the reply preview that follows typing, and the
// administration screens for what only the API could do (pending approvals, indicator targets, IMAP mailboxes, the
// portal's agency name by language) — each checked with axe-core (WCAG 2.1 AA) at 1280 and 390 px.
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

const noViolations = async (where: string, p: Page = page) =>
  expect(await accessibilityViolations(p), where).toEqual([]);

/** The distinct top edges (rounded) of the header's visible parts: one value is one row. */
const headerRows = (p: Page) =>
  p.evaluate(() => {
    const header = document.querySelector('.app-header')!;
    const parts = header.querySelectorAll(':scope > *, .header-menu > *');
    const tops = new Set<number>();
    for (const part of parts) {
      const box = part.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(part).display === 'contents') continue;
      tops.add(Math.round(box.top + box.height / 2));
    }
    return [...tops].sort((a, b) => a - b);
  });

it('lays the header out in one row at 1280 px and behind a Menu button on a phone', async () => {
  const rows = await headerRows(page);
  // Every part's middle within a few pixels of the others: one row.
  expect(rows.at(-1)! - rows[0]!, `header rows ${rows.join(', ')}`).toBeLessThan(8);
  expect(await page.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).waitFor();
  await page.getByRole('button', { name: /Administrator|admin/i }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await noViolations('header with the account menu open');
  await screenshot(page, 'header-account-1280');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Sign out' }).isVisible()).resolves.toBe(false);

  const phone = await signedInPage(h.browser, h.baseUrl, NARROW);
  const menu = phone.getByRole('button', { name: 'Menu' });
  await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
  await expect(phone.getByRole('navigation', { name: 'Main' }).isVisible()).resolves.toBe(false);
  const compact = await phone.evaluate(() => document.querySelector('.app-header')!.getBoundingClientRect().height);
  expect(compact).toBeLessThan(70);
  expect(await sidewaysOverflow(phone)).toBe(0);
  await screenshot(phone, 'header-390');
  await menu.click();
  await expect(menu.getAttribute('aria-expanded')).resolves.toBe('true');
  await phone.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queues' }).waitFor();
  await phone.getByRole('button', { name: 'Sign out' }).waitFor();
  await noViolations('phone header with the menu open', phone);
  expect(await sidewaysOverflow(phone)).toBe(0);
  await screenshot(phone, 'header-390-menu');
  await phone.keyboard.press('Escape');
  await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
  await menu.click();
  await phone.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await phone.getByRole('heading', { level: 1, name: 'People' }).waitFor();
  await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
  await phone.context().close();
});

it('picks the writer of a new case from the people on file, by keyboard', async () => {
  const person = (await callApi(page, 'POST', '/people', {
    firstName: 'Tomás',
    lastName: 'Rodríguez',
    preferredLanguage: 'es',
    emails: [{ value: 'tomas.rodriguez@example.org' }],
  })) as { id: number };
  await callApi(page, 'POST', '/people', { firstName: 'Rosa', lastName: 'Rodríguez Vega' });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New case' }).click();
  await page.getByRole('heading', { level: 1, name: 'New case' }).waitFor();
  const box = page.getByRole('combobox', { name: 'Find a person on file' });
  await box.fill('Tomás Rod');
  const list = page.getByRole('listbox', { name: 'People on file' });
  await list.getByRole('option', { name: /Tomás Rodríguez/ }).waitFor();
  await expect(box.getAttribute('aria-expanded')).resolves.toBe('true');
  await noViolations('new case, suggestions open');
  await screenshot(page, 'new-case-type-ahead-1280');
  // The last option is always a new person.
  await expect(list.getByRole('option').last().textContent()).resolves.toBe('New person: Tomás Rod');
  await box.press('Escape');
  await expect(box.getAttribute('aria-expanded')).resolves.toBe('false');
  await box.press('ArrowDown');
  await expect(box.getAttribute('aria-activedescendant')).resolves.toBeTruthy();
  const active = await box.getAttribute('aria-activedescendant');
  await expect(page.locator(`[id="${active}"]`).getAttribute('aria-selected')).resolves.toBe('true');
  await expect(page.locator(`[id="${active}"]`).textContent()).resolves.toContain('Tomás Rodríguez');
  await box.press('Enter');
  const picked = page.getByRole('group', { name: 'Who wrote' });
  await picked.getByText('Tomás Rodríguez').waitFor();
  await expect(page.getByLabel('Language')).toBeDefined();
  await expect(page.getByLabel('Language').inputValue()).resolves.toBe('es');
  await page.getByLabel('Description').fill('Llamó por su tarjeta de beneficios.');
  await page.getByRole('button', { name: 'Create case' }).click();
  await page.getByRole('heading', { level: 1, name: /-\d{4}-/ }).waitFor();
  const trackingNumber = page.url().split('/cases/')[1]!.split('?')[0]!;
  const created = (await callApi(page, 'GET', `/cases/${trackingNumber}`)) as { person: { id: number } };
  expect(created.person.id).toBe(person.id);

  // "New person" starts the new person's name from what was typed.
  await page.goto(`${h.baseUrl}/cases/new`);
  const again = page.getByRole('combobox', { name: 'Find a person on file' });
  await again.fill('Ana Beltrán');
  await page.getByRole('option', { name: 'New person: Ana Beltrán' }).waitFor();
  await again.press('ArrowUp');
  await again.press('Enter');
  await expect(page.getByLabel('First name').inputValue()).resolves.toBe('Ana');
  await expect(page.getByLabel('Last name').inputValue()).resolves.toBe('Beltrán');
  await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('new-case-first-name');

  const phone = await signedInPage(h.browser, h.baseUrl, NARROW);
  await phone.goto(`${h.baseUrl}/cases/new`);
  await phone.getByRole('combobox', { name: 'Find a person on file' }).fill('Rodr');
  await phone.getByRole('option', { name: /Rosa Rodríguez Vega/ }).waitFor();
  await noViolations('new case at 390', phone);
  expect(await sidewaysOverflow(phone)).toBe(0);
  await screenshot(phone, 'new-case-type-ahead-390');
  await phone.context().close();
});

it('previews the reply as it will be sent, following what is typed', async () => {
  const trackingNumber = await createCaseViaApi(page, {
    channel: 'email',
    subject: 'SNAP',
    description: 'My SNAP card never arrived.',
    person: { firstName: 'Ana', lastName: 'Reyes', email: 'ana.reyes.preview@example.org' },
  });
  await page.goto(`${h.baseUrl}/cases/${trackingNumber}`);
  await page.getByRole('tab', { name: 'Respond' }).click();
  await page.getByLabel('Send by').selectOption('email');
  await page.getByLabel('Template').selectOption('general-response');
  const preview = page.getByRole('region', { name: /Preview/ });
  await preview.getByText('Dear Ana Reyes').waitFor();
  await page.getByLabel('Your text').fill('We have asked for a new card; it should arrive within ten days.');
  // No button to press: the preview follows.
  await preview.getByText('We have asked for a new card; it should arrive within ten days.').waitFor();
  await preview.getByText('— as it will be sent').waitFor();
  await noViolations('respond tab with the live preview');
  await screenshot(page, 'reply-live-preview-1280');
  await page.getByLabel('Your text').fill('Your card was mailed today.');
  await preview.getByText('Your card was mailed today.').waitFor();
  await expect(preview.textContent()).resolves.not.toContain('within ten days');
  await page.getByRole('button', { name: 'Send response' }).click();
  await page.getByRole('status').filter({ hasText: 'Response sent by email.' }).waitFor();
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await page.getByText('Your card was mailed today.').first().waitFor();
});

it('gathers what waits for my approval, with links', async () => {
  await callApi(page, 'POST', '/procedures', { title: 'Shelter intake script', body: 'Ask for the case number.' });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).click();
  await page
    .getByRole('navigation', { name: 'Administration' })
    .getByRole('link', { name: 'Waiting for my approval' })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Waiting for my approval' }).waitFor();
  const row = page.getByRole('row').filter({ hasText: 'Shelter intake script' });
  await row.getByRole('link', { name: 'Shelter intake script, version 1' }).waitFor();
  await expect(row.textContent()).resolves.toContain('Procedure');
  await noViolations('pending approvals');
  await screenshot(page, 'admin-approvals-1280');
  await row.getByRole('link', { name: 'Shelter intake script, version 1' }).click();
  await page.getByRole('heading', { level: 1, name: /Shelter intake script/ }).waitFor();
});

it('sets indicator targets', async () => {
  await page.goto(`${h.baseUrl}/admin/indicator-targets`);
  await page.getByRole('heading', { level: 1, name: 'Indicator targets' }).waitFor();
  const emails = page.getByRole('spinbutton', { name: /^E-mails responded to in 14 days/ });
  await emails.fill('90');
  await page.getByRole('button', { name: 'Save targets' }).click();
  await page.getByRole('status').filter({ hasText: 'Indicator targets saved: 1 set.' }).waitFor();
  const stored = (await callApi(page, 'GET', '/reports/indicator-targets')) as {
    targets: { key: string; target: number }[];
  };
  expect(stored.targets.map((t) => [t.key, t.target])).toEqual([['emails_responded_14d_pct', 90]]);
  await emails.fill('140');
  await page.getByRole('button', { name: 'Save targets' }).click();
  await page
    .getByText(/must be a number from 0 to 100/)
    .first()
    .waitFor();
  await expect(emails.getAttribute('aria-invalid')).resolves.toBe('true');
  // The summary speaks in words, not in the API's field path.
  await page.getByText('A target was not saved: see the row marked below.').waitFor();
  await expect(page.getByText('targets[0]').count()).resolves.toBe(0);
  await noViolations('indicator targets with an error');
  await screenshot(page, 'admin-indicator-targets-1280');
});

it('sets an IMAP mailbox whose password is never shown back', async () => {
  await page.goto(`${h.baseUrl}/admin/mailboxes`);
  await page.getByRole('heading', { level: 1, name: 'Mailboxes (IMAP)' }).waitFor();
  const form = page.getByRole('form', { name: 'Mailbox of Email' });
  await form.getByLabel('IMAP server').fill('imap.example.gov');
  await form.getByLabel('Account (user name)').fill('intake@example.gov');
  await form.getByLabel('Password').fill('mailbox secret 123');
  await noViolations('new mailbox form');
  await form.getByRole('button', { name: 'Save mailbox' }).click();
  await page.getByRole('status').filter({ hasText: 'Mailbox of Email saved.' }).waitFor();
  const panel = page.getByRole('region', { name: /^Email/ });
  await panel.getByText('Stored (never shown)').waitFor();
  await panel.getByRole('button', { name: 'Test: poll now' }).waitFor();
  expect(await page.content()).not.toContain('mailbox secret 123');
  await panel.getByRole('button', { name: 'Edit mailbox' }).click();
  await expect(panel.getByLabel('Password').inputValue()).resolves.toBe('');
  await panel.getByText('A password is stored. Leave this empty to keep it').waitFor();
  await panel.getByRole('spinbutton', { name: 'Port' }).fill('143');
  await panel.getByRole('button', { name: 'Save mailbox' }).click();
  await panel.getByText('imap.example.gov:143').waitFor();
  const stored = (await callApi(page, 'GET', '/channels/email/mailbox')) as { hasPassword: boolean; port: number };
  expect(stored).toMatchObject({ hasPassword: true, port: 143 });
  await noViolations('mailboxes');
  await screenshot(page, 'admin-mailboxes-1280');
});

it('names the agency on the portal in each language', async () => {
  await page.goto(`${h.baseUrl}/admin/portal-name`);
  await page.getByRole('heading', { level: 1, name: 'Portal name' }).waitFor();
  await page.getByLabel('Spanish (Español)').fill('Oficina de Atención al Público');
  await page.getByLabel('Arabic (العربية)').fill('مكتب خدمة الجمهور');
  await expect(page.getByLabel('Arabic (العربية)').getAttribute('dir')).resolves.toBe('rtl');
  await page.getByRole('button', { name: 'Save names' }).click();
  await page.getByRole('status').filter({ hasText: 'Portal names saved.' }).waitFor();
  await noViolations('portal name');
  await screenshot(page, 'admin-portal-name-1280');
  await page.goto(`${h.baseUrl}/public/main?lang=es`);
  await page.getByText('Oficina de Atención al Público').first().waitFor();
});

it('works at 390 px: the new administration screens have no violations and nothing scrolls sideways', async () => {
  const phone = await signedInPage(h.browser, h.baseUrl, NARROW);
  for (const [slug, heading] of [
    ['approvals', 'Waiting for my approval'],
    ['indicator-targets', 'Indicator targets'],
    ['mailboxes', 'Mailboxes (IMAP)'],
    ['portal-name', 'Portal name'],
  ] as const) {
    await phone.goto(`${h.baseUrl}/admin/${slug}`);
    await phone.getByRole('heading', { level: 1, name: heading }).waitFor();
    await phone.getByRole('status').filter({ hasText: 'Loading' }).waitFor({ state: 'detached' });
    await noViolations(`${slug} at 390`, phone);
    expect(await sidewaysOverflow(phone), slug).toBe(0);
    await screenshot(phone, `admin-${slug}-390`);
  }
  await phone.context().close();
  expect(WIDE.width).toBe(1280);
});
