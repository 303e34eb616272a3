// The review rubric screen in a real browser: an administrator changes a weight, adds a criterion and saves a new
// version, which the screen then shows in use and in the history; axe-core finds no WCAG 2.1 AA violation at 1280 px
// and 390 px, and nothing scrolls sideways on a phone.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { accessibilityViolations, screenshot, startHarness, type Harness } from './harness.ts';
import { NARROW, WIDE, sidewaysOverflow, signedInPage } from './console-steps.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

it('edits the review rubric into a new version, at 1280 and 390 px', async () => {
  const wide = await signedInPage(h.browser, h.baseUrl, WIDE);
  await wide.goto(`${h.baseUrl}/quality/reviews`);
  await wide.getByRole('link', { name: 'Review rubric' }).click();
  await wide.getByRole('heading', { level: 1, name: 'Review rubric' }).waitFor();
  await wide.getByRole('heading', { name: /In use: Built-in rubric, scored 1 to 5/ }).waitFor();
  expect(await accessibilityViolations(wide)).toEqual([]);

  const accuracy = wide.getByRole('group', { name: 'Criterion 1: Accuracy' });
  await accuracy.getByRole('textbox', { name: 'Weight' }).fill('2');
  await wide.getByRole('button', { name: 'Remove criterion 5, Language access' }).click();
  await wide.getByRole('button', { name: 'Add a criterion' }).click();
  const added = wide.getByRole('group', { name: 'Criterion 5' });
  await added.getByRole('textbox', { name: 'Name' }).fill('Plain language');
  await wide
    .getByRole('group', { name: 'Criterion 5: Plain language' })
    .getByRole('textbox', { name: 'Description' })
    .fill('Short sentences, no jargon.');
  await wide.getByRole('textbox', { name: 'Highest score' }).fill('4');
  await wide.getByRole('button', { name: 'Save as a new version' }).click();
  await wide.getByRole('heading', { name: /In use: Version 1, scored 1 to 4/ }).waitFor();
  const inUse = wide.getByRole('table', { name: /Version 1: criteria/ }).first();
  expect(await inUse.getByRole('row', { name: /Accuracy/ }).textContent()).toMatch(/2$/);
  expect(await inUse.getByRole('row', { name: /Plain language/ }).count()).toBe(1);
  expect(await inUse.getByRole('row', { name: /Language access/ }).count()).toBe(0);
  await wide.getByText(/Version 1, saved .* 5 criteria, scored 1 to 4/).waitFor();
  expect(await accessibilityViolations(wide)).toEqual([]);
  await screenshot(wide, 'review-rubric-1280');

  // A weight left empty is refused by its field, and nothing is saved.
  const weight = wide.getByRole('group', { name: 'Criterion 1: Accuracy' }).getByRole('textbox', { name: 'Weight' });
  await weight.fill('');
  await wide.getByRole('button', { name: 'Save as a new version' }).click();
  await expect.poll(() => weight.getAttribute('aria-invalid')).toBe('true');
  expect(await wide.getByRole('heading', { name: /In use: Version 1/ }).count()).toBe(1);

  const narrow = await signedInPage(h.browser, h.baseUrl, NARROW);
  await narrow.goto(`${h.baseUrl}/quality/rubric`);
  await narrow.getByRole('heading', { name: /In use: Version 1/ }).waitFor();
  expect(await accessibilityViolations(narrow)).toEqual([]);
  expect(await sidewaysOverflow(narrow)).toBe(0);
  await screenshot(narrow, 'review-rubric-390');
});
