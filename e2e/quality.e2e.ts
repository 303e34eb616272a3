// Quality management in a real browser, as a QA coordinator (a supervisor) new to it would go: enter a federal
// fiscal year of measure values (one refused for a zero denominator, the field named), set a goal, see the scorecard
// against goals and thresholds as cards and as a table, open a plan for the weakest measure and complete its actions,
// write and approve a procedure that a caseworker finds by a word of its text and acknowledges, and a new version of
// it that requires a course and an acknowledgement (the caseworker is told, the training needs say why) — axe-core finding no
// WCAG 2.1 AA violation on any screen at 1280 px and at 390 px, and nothing scrolling sideways on a phone.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, screenshot, startHarness, type Harness } from './harness.ts';
import { NARROW, WIDE, callApi, createCaseViaApi, sidewaysOverflow, signedInPage } from './console-steps.ts';

const COORDINATOR = { email: 'quinn.qa@example.gov', password: 'coordinator password 1', name: 'Quinn Coordinator' };
const WORKER = { email: 'casey.worker@example.gov', password: 'caseworker password 1', name: 'Casey Worker' };

let h: Harness;
let page: Page;
let planPath = '';
let procedurePath = '';

const noViolations = async (where: string) => expect(await accessibilityViolations(page), where).toEqual([]);

async function signIn(browser: Browser, who: { email: string; password: string }, viewport = WIDE): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const p = await context.newPage();
  await p.goto(h.baseUrl);
  await p.getByLabel('Email').fill(who.email);
  await p.getByLabel('Password').fill(who.password);
  await p.getByRole('button', { name: 'Sign in' }).click();
  // Signed in when the sign-in form has gone (on a phone the navigation waits behind the Menu button).
  await p.getByLabel('Password').waitFor({ state: 'detached' });
  return p;
}

beforeAll(async () => {
  h = await startHarness({ CIVICDESK_AGENCY_PRESET: 'child-support' });
  const admin = await signedInPage(h.browser, h.baseUrl);
  await callApi(admin, 'POST', '/users', { ...COORDINATOR, role: 'supervisor', unitIds: [] });
  await callApi(admin, 'POST', '/users', { ...WORKER, role: 'caseworker', unitIds: [] });
  // Last year's values, so that the scorecard has a trend to draw.
  for (const [key, numerator, denominator] of [
    ['current_collections', 58, 100],
    ['arrears_collections', 61, 100],
    ['cases_with_orders', 84, 100],
    ['paternity_establishment_ivd', 93, 100],
    ['cost_effectiveness', 4_800_000, 1_000_000],
  ] as const) {
    await callApi(admin, 'POST', `/measures/${key}/values`, { period: 'FFY2025', numerator, denominator });
  }
  // Closed cases of the caseworker, for the response reviews.
  const worker = ((await callApi(admin, 'GET', '/staff')) as { id: number; name: string }[]).find(
    (c) => c.name === WORKER.name,
  )!;
  for (let i = 0; i < 3; i++) {
    const trackingNumber = await createCaseViaApi(admin, {
      channel: 'email',
      description: `Review case ${i}: my support payment was not passed on.`,
      person: { firstName: 'Parent', lastName: `Writer${i}`, email: `parent${i}@example.org` },
    });
    await callApi(admin, 'POST', `/cases/${trackingNumber}/assign`, { assigneeId: worker.id });
    await callApi(admin, 'POST', `/cases/${trackingNumber}/status`, { status: 'closed' });
  }
  await admin.context().close();
});
afterAll(async () => h?.stop());

it('enters a federal fiscal year of values, with the refused field named, and sets a goal', async () => {
  page = await signIn(h.browser, COORDINATOR);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Quality' }).click();
  await page.getByRole('heading', { level: 1, name: 'Scorecard' }).waitFor();
  await page.getByRole('navigation', { name: 'Quality' }).getByRole('link', { name: 'Measure values' }).click();
  await page.getByRole('heading', { level: 1, name: 'Measure values' }).waitFor();
  await page.getByLabel('Measure', { exact: true }).selectOption('current_collections');
  await page.waitForURL(/measure=current_collections/);
  await page.getByRole('heading', { level: 2, name: 'Enter a value' }).waitFor();

  await page.getByLabel('Period').fill('FFY2026');
  await page.getByLabel(/^Numerator/).fill('610');
  await page.getByLabel(/^Denominator/).fill('0');
  await page.getByRole('button', { name: 'Save value' }).click();
  const error = page.getByRole('alert').filter({ hasText: 'denominator' });
  await error.waitFor();
  await expect(page.getByLabel(/^Denominator/).getAttribute('aria-invalid')).resolves.toBe('true');
  await noViolations('values with an error');

  await page.getByLabel(/^Denominator/).fill('1000');
  await page.getByLabel('Source').fill('OCSE-157 as submitted');
  await page.getByRole('button', { name: 'Save value' }).click();
  const values = page.getByRole('region', { name: 'Values of Current collections' });
  await values.getByRole('rowheader', { name: 'Federal fiscal year 2026' }).waitFor();
  await expect(values.getByRole('row', { name: /Federal fiscal year 2026/ }).textContent()).resolves.toContain(
    '61.0 %',
  );

  await page.getByLabel('Year').fill('2026');
  await page.getByLabel('Goal (%)').fill('65');
  await page.getByRole('button', { name: 'Save goal' }).click();
  await values
    .getByRole('row', { name: /Federal fiscal year 2026/ })
    .getByText(/65\.0 % \(not met\)/)
    .waitFor();
  await noViolations('values 1280');
  await screenshot(page, 'quality-values-1280');

  // The rest of the year's measures through the CSV import.
  await page
    .getByLabel('Or paste the CSV')
    .fill(
      [
        'measure,period,numerator,denominator,source',
        'arrears_collections,FFY2026,64,100,OCSE-157',
        'cases_with_orders,FFY2026,86,100,OCSE-157',
        'paternity_establishment_ivd,FFY2026,95,100,OCSE-157',
        'paternity_establishment_statewide,FFY2026,91,100,OCSE-157',
        'cost_effectiveness,FFY2026,"5,100,000",1000000,OCSE-34 / OCSE-396',
      ].join('\n'),
    );
  await page.getByRole('button', { name: 'Import' }).click();
  await page
    .getByRole('form', { name: 'Import values from CSV' })
    .getByRole('status')
    .filter({ hasText: '5 values imported' })
    .waitFor();
});

it('shows the scorecard against goals and thresholds, as cards with sparklines and as a table', async () => {
  await page.getByRole('navigation', { name: 'Quality' }).getByRole('link', { name: 'Scorecard' }).click();
  await page.getByRole('heading', { level: 1, name: 'Scorecard' }).waitFor();
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Current collections' }) });
  await card.getByText('Below goal 65.0 %').waitFor();
  await card
    .getByRole('img', { name: /Current collections, recent periods: 58\.0 %, 61\.0 %; goal 65\.0 %/ })
    .waitFor();
  await card.getByText('Partial credit (71 %)').waitFor();
  await noViolations('scorecard cards 1280');
  await screenshot(page, 'quality-scorecard-1280');
  await page.getByRole('button', { name: 'Table' }).click();
  const table = page.getByRole('region', { name: 'Scorecard table' });
  await table.getByRole('rowheader', { name: 'Cost-effectiveness' }).waitFor();
  await expect(table.getByRole('row', { name: /Cost-effectiveness/ }).textContent()).resolves.toContain('$5.10');
  await noViolations('scorecard table 1280');
  await screenshot(page, 'quality-scorecard-table-1280');
});

it('opens a plan for the weakest measure and tracks its actions to completion', async () => {
  await page.getByRole('navigation', { name: 'Quality' }).getByRole('link', { name: 'Action plans' }).click();
  await page.getByRole('heading', { level: 1, name: 'Action plans' }).waitFor();
  await page.getByLabel('Title').fill('Raise current collections');
  await page.getByLabel('Measure it should move').selectOption('current_collections');
  await page.getByLabel(/^Goal( \*)?$/).fill('Current collections at 65 % in FFY2027');
  await page.getByLabel('Baseline').fill('61.0 % in FFY2026');
  await page.getByLabel(/^Action 1( \*)?$/).fill('Call every payer who missed a payment within 5 days');
  await page.getByLabel('Due date of action 1').fill('2027-01-15');
  await page.getByLabel(/^Action 2( \*)?$/).fill('Review wage withholding on cases without payments');
  await page.getByLabel('Due date of action 2').fill('2027-02-01');
  await noViolations('plans form 1280');
  await page.getByRole('button', { name: 'Open plan' }).click();
  await page.getByRole('heading', { level: 1, name: 'Raise current collections' }).waitFor();
  planPath = new URL(page.url()).pathname;
  await page.getByText(/^Before: /).waitFor();

  for (const action of ['Call every payer', 'Review wage withholding']) {
    await page.getByRole('button', { name: new RegExp(`^Complete “${action}`) }).click();
    await page.getByLabel(new RegExp(`^Evidence for “${action}`)).fill('Log in the shared drive');
    await page.getByRole('button', { name: 'Mark completed' }).click();
    await page.getByRole('button', { name: new RegExp(`^Complete “${action}`) }).waitFor({ state: 'detached' });
    // The open form replaced that button already; the action is completed once its form leaves the row too.
    await page.getByLabel(new RegExp(`^Evidence for “${action}`)).waitFor({ state: 'detached' });
  }
  await page.getByRole('definition').filter({ hasText: 'Completed' }).waitFor();
  await noViolations('plan 1280');
  await screenshot(page, 'quality-plan-1280');
});

it('publishes a procedure that a caseworker finds by a word of its text and acknowledges', async () => {
  await page.getByRole('navigation', { name: 'Quality' }).getByRole('link', { name: 'Procedures' }).click();
  await page.getByRole('heading', { level: 1, name: 'Procedures library' }).waitFor();
  await page.getByLabel('Title').fill('Calls needing an interpreter');
  await page.getByLabel('Kind').selectOption('script');
  await page.getByLabel('Review every (months)').fill('12');
  await page
    .getByLabel(/^Text( \*)?$/)
    .fill(
      '# Interpreter calls\n\nWhen a caller asks for an **interpreter**, conference the language line first.\n\n<b>not bold</b>',
    );
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByRole('heading', { level: 1, name: 'Calls needing an interpreter' }).waitFor();
  procedurePath = new URL(page.url()).pathname;
  await page.getByRole('button', { name: 'Approve version 1' }).click();
  await page.getByRole('heading', { level: 2, name: 'Who has read version 1' }).waitFor();
  const text = page.getByRole('article', { name: 'Text of Calls needing an interpreter' });
  await text.getByRole('heading', { level: 1, name: 'Interpreter calls' }).waitFor();
  await expect(text.textContent()).resolves.toContain('<b>not bold</b>');
  await noViolations('procedure 1280');
  await screenshot(page, 'quality-procedure-1280');

  const worker = await signIn(h.browser, WORKER);
  await worker.goto(`${h.baseUrl}/quality/procedures`);
  await worker.getByLabel('Search approved procedures').fill('conference');
  await worker.getByRole('button', { name: 'Search', exact: true }).last().click();
  await worker.getByRole('status').filter({ hasText: '1 found for “conference”' }).waitFor();
  page = worker;
  await noViolations('procedures search 1280');
  await screenshot(worker, 'quality-procedures-1280');
  await worker.getByRole('link', { name: 'Calls needing an interpreter' }).click();
  await worker.getByRole('button', { name: 'I have read version 1' }).click();
  await worker.getByText('You have read version 1').waitFor();
  await worker.context().close();

  page = await signIn(h.browser, COORDINATOR);
  await page.goto(`${h.baseUrl}${procedurePath}`);
  await page.getByText(/1 read, \d+ not yet\./).waitFor();
  await page.getByRole('listitem').filter({ hasText: WORKER.name }).waitFor();
});

it('reviews a closed case against the rubric, and the caseworker sees the review', async () => {
  page = await signIn(h.browser, COORDINATOR);
  await page.goto(`${h.baseUrl}/quality/reviews`);
  await page.getByRole('heading', { level: 1, name: 'Response reviews' }).waitFor();
  await page.getByRole('button', { name: 'Draw sample' }).click();
  await page.getByRole('status').filter({ hasText: '3 of 3 left to review' }).waitFor();
  const form = page.getByRole('form').first();
  await form.getByLabel('Accuracy').selectOption('5');
  await form.getByLabel('Tone and compassion').selectOption('4');
  await form.getByLabel('Comment').fill('Clear next steps; could say sorry for the delay.');
  await noViolations('reviews with a sample 1280');
  await screenshot(page, 'quality-reviews-1280');
  await form.getByRole('button', { name: 'Save review' }).click();
  await page.getByRole('status').filter({ hasText: '2 of 3 left to review' }).waitFor();
  await page.getByRole('region', { name: 'Results by worker' }).getByRole('rowheader', { name: WORKER.name }).waitFor();

  const worker = await signIn(h.browser, WORKER);
  await worker.goto(`${h.baseUrl}/quality/reviews`);
  await worker.getByRole('heading', { level: 1, name: 'My reviews' }).waitFor();
  await worker.getByText('Clear next steps; could say sorry for the delay.').waitFor();
  page = worker;
  await noViolations('my reviews 1280');
  await worker.context().close();
});

it('shows who still needs the course tied to the procedure', async () => {
  page = await signIn(h.browser, COORDINATOR);
  await page.goto(`${h.baseUrl}/quality/training`);
  await page.getByRole('heading', { level: 1, name: 'Training' }).waitFor();
  await page.getByLabel('Title').fill('Interpreter calls');
  await page.getByLabel('Required for').selectOption('caseworker');
  await page.getByLabel('Renew every (months)').fill('12');
  await page.getByRole('button', { name: 'Add course' }).click();
  const matrix = page.getByRole('region', { name: 'Staff and required courses' });
  await matrix
    .getByRole('row', { name: new RegExp(WORKER.name) })
    .getByText('Never taken')
    .waitFor();
  // The training needs name the same person and course, with why.
  const needs = page.getByRole('table', { name: /Who is due or overdue for which course/ });
  await needs.getByRole('row', { name: new RegExp(`${WORKER.name}.*Interpreter calls.*Never taken`) }).waitFor();
  await noViolations('training 1280');
  await screenshot(page, 'quality-training-1280');
});

it("assigns a course from a review's finding, and the caseworker's training needs show it", async () => {
  await page.goto(`${h.baseUrl}/quality/reviews`);
  await page.getByRole('heading', { level: 1, name: 'Response reviews' }).waitFor();
  await page
    .getByRole('button', { name: /^Assign training for the review of / })
    .first()
    .click();
  const form = page.getByRole('form', { name: /^Assign training from the review of / });
  await form.getByRole('button', { name: 'Assign' }).click();
  // The browser asks for the course first: nothing is sent without one.
  expect(await form.getByLabel(/^Course/).evaluate((el: HTMLSelectElement) => el.validity.valid)).toBe(false);
  await form.getByLabel(/^Course/).selectOption({ label: 'Interpreter calls' });
  await form.getByLabel(/^What the review found/).fill('Did not offer an interpreter on the callback.');
  await noViolations('assign training 1280');
  await screenshot(page, 'quality-review-training-1280');
  await form.getByRole('button', { name: 'Assign' }).click();
  await page.getByRole('region', { name: 'Reviews' }).getByRole('cell', { name: 'Interpreter calls' }).waitFor();
  await page.goto(`${h.baseUrl}/quality/training`);
  const needs = page.getByRole('table', { name: /Who is due or overdue for which course/ });
  await needs.getByRole('row', { name: /Did not offer an interpreter on the callback/ }).waitFor();
});

it('a new version requires the course and an acknowledgement; the caseworker is told and the needs say why', async () => {
  page = await signIn(h.browser, COORDINATOR);
  await page.goto(`${h.baseUrl}${procedurePath}`);
  await page.getByRole('button', { name: 'Write a new version' }).click();
  await page
    .getByRole('form', { name: 'New version' })
    .getByLabel(/^Text/)
    .fill('# Interpreter calls\n\nConference the language line **before** verifying identity.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  const asks = page.getByRole('form', { name: 'When version 2 is approved' });
  await asks.getByLabel('Training course staff must complete').selectOption({ label: 'Interpreter calls' });
  await asks.getByLabel('Staff must acknowledge that they read it').check();
  await asks.getByRole('button', { name: 'Save what version 2 asks' }).click();
  await page.getByRole('cell', { name: 'Staff acknowledge it and complete “Interpreter calls”' }).first().waitFor();
  await noViolations('procedure draft with requirements 1280');
  await screenshot(page, 'quality-procedure-requirements-1280');

  const narrow = await signIn(h.browser, COORDINATOR, NARROW);
  await narrow.goto(`${h.baseUrl}${procedurePath}`);
  await narrow.getByRole('form', { name: 'When version 2 is approved' }).waitFor();
  page = narrow;
  await noViolations('procedure draft with requirements 390');
  expect(await sidewaysOverflow(narrow), 'procedure draft 390').toBe(0);
  await screenshot(narrow, 'quality-procedure-requirements-390');
  await narrow.context().close();

  page = await signIn(h.browser, COORDINATOR);
  await page.goto(`${h.baseUrl}${procedurePath}`);
  await page.getByRole('button', { name: 'Approve version 2' }).click();
  await page.getByText(/Everyone must acknowledge it by \d{4}-\d{2}-\d{2}\./).waitFor();
  await page.getByText(/^Version 2: Staff acknowledge it and complete “Interpreter calls”, by /).waitFor();

  const worker = await signIn(h.browser, WORKER);
  await worker.goto(`${h.baseUrl}/notifications`);
  await worker
    .getByRole('link', { name: /^Read and acknowledge “Calls needing an interpreter” version 2 by / })
    .click();
  await worker.getByRole('button', { name: 'I have read version 2' }).click();
  await worker.getByText('You have read version 2').waitFor();
  await worker.context().close();

  await page.goto(`${h.baseUrl}/quality/training`);
  const needs = page.getByRole('table', { name: /Who is due or overdue for which course/ });
  const row = needs.getByRole('row', { name: /Required by procedure “Calls needing an interpreter” version 2/i });
  await row.filter({ hasText: WORKER.name }).waitFor();
  await row
    .filter({ hasText: WORKER.name })
    .getByRole('link', { name: 'Read “Calls needing an interpreter”' })
    .waitFor();
  await noViolations('training needs from a procedure 1280');
  await screenshot(page, 'quality-training-procedure-1280');
});

it('every quality screen works at 390 px: no violations and nothing scrolls sideways', async () => {
  const narrow = await signIn(h.browser, COORDINATOR, NARROW);
  page = narrow;
  const screens: [string, string, string][] = [
    ['/quality/scorecard', 'Scorecard', 'scorecard'],
    ['/quality/scorecard?view=table', 'Scorecard', 'scorecard-table'],
    ['/quality/values?measure=current_collections', 'Measure values', 'values'],
    ['/quality/plans', 'Action plans', 'plans'],
    [planPath, 'Raise current collections', 'plan'],
    ['/quality/reviews', 'Response reviews', 'reviews'],
    ['/quality/procedures', 'Procedures library', 'procedures'],
    ['/quality/training', 'Training', 'training'],
    [procedurePath, 'Calls needing an interpreter', 'procedure'],
  ];
  for (const [path, heading, name] of screens) {
    await narrow.goto(`${h.baseUrl}${path}`);
    await narrow.getByRole('heading', { level: 1, name: heading }).waitFor();
    await narrow.getByText(/^Loading/).waitFor({ state: 'detached' });
    await noViolations(`${name} 390`);
    expect(await sidewaysOverflow(narrow), name).toBe(0);
    await screenshot(narrow, `quality-${name}-390`);
  }
});
