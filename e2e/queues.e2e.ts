// Queues that work like a helpdesk's, in a real browser: sortable headings (mouse, Enter and Space; aria-sort; the
// order in the URL survives a reload), the column chooser and compact rows (at least 15 cases in sight at
// 1280×800), saved views (save shared with the agency, rename, open from another queue, delete) and bulk coding
// (select some, preview the counts, apply, undo; "select all N matching") — axe-core at 1280 and 390 px.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityViolations, screenshot, startHarness, type Harness } from './harness.ts';
import { NARROW, WIDE, callApi, sidewaysOverflow, signedInPage } from './console-steps.ts';

let h: Harness;
let page: Page;
const CASES = 55;
const PRIORITIES = ['low', 'normal', 'high', 'urgent'];

interface ListedCase {
  trackingNumber: string;
  priority: string;
  tags: string[];
}

beforeAll(async () => {
  h = await startHarness();
  page = await signedInPage(h.browser, h.baseUrl);
  // More cases than one page holds (50), so that "select all N matching" is offered.
  for (let i = 0; i < CASES; i++) {
    await callApi(page, 'POST', '/cases', {
      channel: 'phone',
      priority: PRIORITIES[i % 4],
      description: `Kestrel Avenue pothole number ${i + 1} is getting deeper.`,
      person: { firstName: 'Rowan', lastName: `Kestrel${i}`, email: `rowan${i}@example.org` },
    });
  }
});
afterAll(async () => h?.stop());

const noViolations = async (where: string) => expect(await accessibilityViolations(page), where).toEqual([]);
const table = () => page.locator('table.queue-table');
const heading = (name: string) => table().getByRole('columnheader', { name, exact: false });
const firstRowPriority = async () =>
  (await table()
    .locator('tbody tr')
    .first()
    .getByText(/^(Low|Normal|High|Urgent)$/)
    .textContent())!;
const countLine = () => page.locator('p.result-count');

it('sorts by a column heading with the mouse, Enter and Space; the order is in the URL and survives a reload', async () => {
  await page.goto(`${h.baseUrl}/queues/all`);
  await countLine()
    .filter({ hasText: `of ${CASES} cases, soonest deadline first` })
    .waitFor();
  await expect(heading('Deadline').getAttribute('aria-sort')).resolves.toBe('ascending');
  await expect(heading('Priority').getAttribute('aria-sort')).resolves.toBeNull();

  // Enter on the Priority heading: the most urgent first.
  await heading('Priority').getByRole('button').focus();
  await page.keyboard.press('Enter');
  await countLine().filter({ hasText: 'most urgent first' }).waitFor();
  expect(page.url()).toContain('sort=priority');
  expect(page.url()).toContain('direction=desc');
  await expect(heading('Priority').getAttribute('aria-sort')).resolves.toBe('descending');
  await expect(heading('Deadline').getAttribute('aria-sort')).resolves.toBeNull();
  expect(await firstRowPriority()).toBe('Urgent');

  // Space reverses it; focus stays on the heading's button.
  await page.keyboard.press('Space');
  await countLine().filter({ hasText: 'lowest priority first' }).waitFor();
  expect(await firstRowPriority()).toBe('Low');
  await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toContain('Priority');
  await noViolations('queue sorted by priority');

  await page.reload();
  await countLine().filter({ hasText: 'lowest priority first' }).waitFor();
  await expect(heading('Priority').getAttribute('aria-sort')).resolves.toBe('ascending');
  expect(await firstRowPriority()).toBe('Low');

  // A click on the tracking number heading orders by it.
  await heading('Tracking number').getByRole('button').click();
  await countLine().filter({ hasText: 'by tracking number' }).waitFor();
  const numbers = await table().locator('tbody a[data-row-link]').allTextContents();
  expect(numbers).toEqual([...numbers].sort());
});

it('chooses columns and compact rows, keeps them after a reload, and shows at least 15 cases at 1280×800', async () => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${h.baseUrl}/queues/all?sort=deadline&direction=asc`);
  await countLine().filter({ hasText: 'soonest deadline first' }).waitFor();
  const comfortable = await visibleRows();

  const chooser = page.getByRole('button', { name: /^Columns/ });
  await expect(chooser.getAttribute('aria-expanded')).resolves.toBe('false');
  await chooser.click();
  await expect(chooser.getAttribute('aria-expanded')).resolves.toBe('true');
  const columns = page.getByRole('group', { name: 'Columns to show' });
  await columns.getByRole('checkbox', { name: 'Person' }).uncheck();
  await columns.getByRole('checkbox', { name: 'Tags' }).check();
  await columns.getByRole('checkbox', { name: 'Received' }).check();
  expect(await heading('Person').count()).toBe(0);
  await heading('Tags').waitFor();
  await heading('Received').getByRole('button').waitFor();
  await page.getByRole('checkbox', { name: 'Compact rows' }).check();
  await noViolations('queue with the column chooser open and compact rows');
  await screenshot(page, 'queue-columns-1280');
  await chooser.click();

  const compact = await visibleRows();
  expect(compact).toBeGreaterThanOrEqual(15);
  expect(compact).toBeGreaterThan(comfortable);
  await screenshot(page, 'queue-compact-1280');

  await page.reload();
  await countLine().filter({ hasText: 'soonest deadline first' }).waitFor();
  expect(await heading('Person').count()).toBe(0);
  await heading('Tags').waitFor();
  await expect(page.getByRole('checkbox', { name: 'Compact rows' }).isChecked()).resolves.toBe(true);

  await page.setViewportSize(NARROW);
  await screenshot(page, 'queue-compact-390');
  expect(await sidewaysOverflow(page)).toBe(0);
  // On a phone the sort buttons stay in sight above the cards.
  expect(await heading('Deadline').getByRole('button').isVisible()).toBe(true);
  await noViolations('compact queue at 390px');
  await page.setViewportSize(WIDE);
});

/** How many case rows are wholly inside the window without scrolling. */
async function visibleRows(): Promise<number> {
  return page.evaluate(
    () =>
      [...document.querySelectorAll('table.queue-table tbody tr')].filter(
        (row) => row.getBoundingClientRect().bottom <= window.innerHeight,
      ).length,
  );
}

it('saves the view shared with the agency, renames it, opens it from another queue and deletes it', async () => {
  await page.goto(`${h.baseUrl}/queues/all?status=triaged&sort=priority&direction=desc`);
  await countLine().filter({ hasText: 'most urgent first' }).waitFor();
  const save = page.getByRole('button', { name: 'Save as a new view' });
  await save.click();
  await expect(save.getAttribute('aria-expanded')).resolves.toBe('true');
  const form = page.getByRole('form', { name: 'Save as a new view' });
  // A blank name is refused with the field named, and nothing is saved.
  await form.getByLabel('View name').fill('   ');
  await form.getByRole('button', { name: 'Save view' }).click();
  await form.locator('.field-error').first().waitFor();
  expect(((await callApi(page, 'GET', '/saved-views')) as { items: unknown[] }).items).toEqual([]);

  await form.getByLabel('View name').fill('Kestrel potholes, urgent first');
  await form.getByLabel('Who can use it').selectOption('agency');
  await noViolations('save view form');
  await screenshot(page, 'queue-save-view-1280');
  await page.setViewportSize(NARROW);
  await screenshot(page, 'queue-save-view-390');
  expect(await sidewaysOverflow(page)).toBe(0);
  await noViolations('save view form at 390px');
  await page.setViewportSize(WIDE);
  await form.getByRole('button', { name: 'Save view' }).click();
  await page.getByText('View “Kestrel potholes, urgent first” saved, shared with the agency.').first().waitFor();
  expect(page.url()).toMatch(/view=\d+/);
  const [saved] = (
    (await callApi(page, 'GET', '/saved-views')) as {
      items: { id: number; name: string; sharedWith: string; definition: Record<string, unknown> }[];
    }
  ).items;
  expect(saved).toMatchObject({
    name: 'Kestrel potholes, urgent first',
    sharedWith: 'agency',
    definition: {
      queue: 'all',
      filters: { status: 'triaged' },
      sort: 'priority',
      direction: 'desc',
      columns: ['subject', 'unit', 'assignee', 'status', 'deadline', 'priority', 'escalation', 'received', 'tags'],
      density: 'compact',
    },
  });

  await page.getByRole('button', { name: 'Rename' }).click();
  const rename = page.getByRole('form', { name: 'Rename “Kestrel potholes, urgent first”' });
  await rename.getByLabel('New name').fill('Kestrel by priority');
  await rename.getByRole('button', { name: 'Save name' }).click();
  await page.getByText('View renamed to “Kestrel by priority”.').first().waitFor();
  await page.getByText('Open: Kestrel by priority').waitFor();

  // Elsewhere, with other columns and comfortable rows: opening the view brings back its queue, filter, sort, columns.
  await page.getByRole('navigation', { name: 'Queues' }).getByRole('link', { name: 'Mine' }).click();
  await page.getByRole('heading', { level: 1, name: 'My cases' }).waitFor();
  await page.getByRole('checkbox', { name: 'Compact rows' }).uncheck();
  await page.getByLabel('Saved view', { exact: true }).selectOption({ label: 'Kestrel by priority' });
  await page.getByRole('button', { name: 'Open view' }).click();
  await page.getByRole('heading', { level: 1, name: 'All cases' }).waitFor();
  await countLine()
    .filter({ hasText: `of ${CASES} cases, most urgent first` })
    .waitFor();
  await expect(page.getByRole('checkbox', { name: 'Compact rows' }).isChecked()).resolves.toBe(true);
  await heading('Tags').waitFor();
  await expect(page.getByRole('form', { name: 'Filter cases' }).getByLabel('Status').inputValue()).resolves.toBe(
    'triaged',
  );
  await noViolations('queue with a saved view open');

  await page.getByRole('button', { name: 'Delete view' }).click();
  await page.getByRole('group', { name: 'Delete “Kestrel by priority”' }).waitFor();
  await noViolations('delete view confirmation');
  await page.getByRole('button', { name: 'Yes, delete “Kestrel by priority”' }).click();
  await page.getByText('View “Kestrel by priority” deleted.').first().waitFor();
  expect(((await callApi(page, 'GET', '/saved-views')) as { items: unknown[] }).items).toEqual([]);
  await page.waitForURL((url) => !url.searchParams.has('view'));
  expect(page.url()).toContain('sort=priority');
  await countLine().filter({ hasText: 'most urgent first' }).waitFor();
});

it('codes two chosen cases after a preview and undoes it; codes all matching cases across pages', async () => {
  // A text search ranks the cases by how well they match: the headings do not sort then.
  await page.goto(`${h.baseUrl}/queues/all?q=kestrel&sort=tracking&direction=asc`);
  await countLine().filter({ hasText: 'best matches first; clear the text to sort by a column' }).waitFor();
  expect(await table().locator('th[aria-sort]').count()).toBe(0);
  const numbers = (await table().locator('tbody a[data-row-link]').allTextContents()).slice(0, 2);
  for (const tn of numbers) await page.getByRole('checkbox', { name: `Select ${tn}` }).check();
  const panel = page.getByRole('region', { name: 'Code these cases' });
  await panel.getByLabel('Priority').selectOption('urgent');
  await panel.getByLabel('Add tag').fill('resurfacing');
  await panel.getByRole('button', { name: 'Preview changes' }).click();
  const preview = page.getByRole('region', { name: 'What will change' });
  await preview.getByText('2 of 2 cases will change.').waitFor();
  await preview.getByText('Tag added: resurfacing: 2 cases').waitFor();
  await noViolations('bulk coding preview');
  await screenshot(page, 'queue-bulk-coding-1280');
  await page.setViewportSize(NARROW);
  await screenshot(page, 'queue-bulk-coding-390');
  expect(await sidewaysOverflow(page)).toBe(0);
  await noViolations('bulk coding preview at 390px');
  await page.setViewportSize(WIDE);

  const before = await Promise.all(numbers.map((tn) => callApi(page, 'GET', `/cases/${tn}`) as Promise<ListedCase>));
  await preview.getByRole('button', { name: 'Change 2 cases' }).click();
  await panel.getByText('2 cases changed.').waitFor();
  for (const tn of numbers) {
    const after = (await callApi(page, 'GET', `/cases/${tn}`)) as ListedCase;
    expect(after.priority).toBe('urgent');
    expect(after.tags).toContain('resurfacing');
  }
  await panel.getByRole('button', { name: 'Undo' }).click();
  await page.getByText('Undone: 2 restored.').first().waitFor();
  for (const [i, tn] of numbers.entries()) {
    const after = (await callApi(page, 'GET', `/cases/${tn}`)) as ListedCase;
    expect(after.priority).toBe(before[i]!.priority);
    expect(after.tags).toEqual(before[i]!.tags);
  }

  // Every case on the page, then every matching case beyond it.
  await page.getByRole('checkbox', { name: 'Select all cases on this page' }).check();
  await page.getByRole('button', { name: `Select all ${CASES} matching cases` }).click();
  await page.getByText(`All ${CASES} matching cases are chosen for coding.`).waitFor();
  await panel.getByLabel('Add tag').fill('kestrel-survey');
  await panel.getByRole('button', { name: 'Preview changes' }).click();
  await preview.getByText(`${CASES} of ${CASES} cases will change.`).waitFor();
  await preview.getByRole('button', { name: `Change ${CASES} cases` }).click();
  await panel.getByText(`${CASES} cases changed.`).waitFor();
  const tagged = (await callApi(page, 'GET', '/cases?q=kestrel&limit=200')) as { items: ListedCase[] };
  expect(tagged.items.filter((c) => c.tags.includes('kestrel-survey')).length).toBe(CASES);
});
