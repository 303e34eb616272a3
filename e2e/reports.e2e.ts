// The dashboard in a real browser: a supervisor opens it from the reports menu, picks a period, sees every chart with
// its title (an SVG image named by its title and described), opens a chart as a table and downloads its CSV — with
// axe-core finding no WCAG 2.1 AA violation at 1280 px and at 390 px, and nothing scrolling sideways on a phone.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations, screenshot, startHarness, type Harness } from './harness.ts';
import { lastMonth } from '../src/web/screens/reports/report-parts.tsx';
import { NARROW, WIDE, callApi, createCaseViaApi, sidewaysOverflow, signedInPage } from './console-steps.ts';

const SUPERVISOR = { email: 'dana.supervisor@example.gov', password: 'supervisor password 1' };
const CHART_TITLES = [
  'Cases received by channel',
  'Time to first response',
  'Days to first response',
  'Open cases (backlog)',
  'Unit workload now',
  'Subjects by week',
];

let h: Harness;
let page: Page;
const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const period = `${isoDay(Date.now() - 41 * DAY)}..${isoDay(Date.now())}`;

/** Cases received over the last six weeks on several channels and subjects; some answered, some closed. */
async function seedCases(admin: Page): Promise<void> {
  const channels = ['email', 'email', 'letter', 'phone', 'web'];
  const subjects = ['SNAP', 'SHELTER.CONDITIONS', 'CASH', 'MEDICAID', 'SHELTER.CONDITIONS', 'EVICTION'];
  for (let i = 0; i < 18; i++) {
    const trackingNumber = await createCaseViaApi(admin, {
      channel: channels[i % channels.length],
      subject: subjects[i % subjects.length],
      receivedAt: new Date(Date.now() - (40 - i * 2.2) * DAY).toISOString(),
      description: `Dashboard case ${i}: my benefits letter never arrived.`,
      person: { firstName: 'Case', lastName: `Writer${i}`, email: `writer${i}@example.org` },
    });
    if (i % 3 !== 2) {
      await callApi(admin, 'POST', `/cases/${trackingNumber}/responses`, {
        channel: 'phone',
        body: 'Called back and explained the next steps.',
      });
    }
    if (i % 4 === 0) await callApi(admin, 'POST', `/cases/${trackingNumber}/status`, { status: 'closed' });
  }
}

async function supervisorPage(browser: Browser, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const p = await context.newPage();
  await p.goto(h.baseUrl);
  await p.getByLabel('Email').fill(SUPERVISOR.email);
  await p.getByLabel('Password').fill(SUPERVISOR.password);
  await p.getByRole('button', { name: 'Sign in' }).click();
  await p.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  return p;
}

async function chartsShown(p: Page): Promise<void> {
  for (const title of CHART_TITLES) {
    await p.getByRole('heading', { level: 2, name: title }).waitFor();
    // The SVG is an image named by its <title> and described by its <desc>.
    await p.getByRole('img', { name: title }).first().waitFor();
  }
}

const noViolations = async (where: string) => expect(await accessibilityViolations(page), where).toEqual([]);

beforeAll(async () => {
  h = await startHarness();
  const admin = await signedInPage(h.browser, h.baseUrl);
  const units = (await callApi(admin, 'GET', '/units')) as { id: number; code: string }[];
  await callApi(admin, 'POST', '/users', {
    email: SUPERVISOR.email,
    name: 'Dana Supervisor',
    role: 'supervisor',
    password: SUPERVISOR.password,
    unitIds: units.filter((u) => u.code === 'OCS').map((u) => u.id),
  });
  await seedCases(admin);
  await admin.context().close();
});
afterAll(async () => h?.stop());

it('opens the dashboard from the reports menu and shows every chart with its title', async () => {
  page = await supervisorPage(h.browser, WIDE);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('navigation', { name: 'Reports' }).getByRole('link', { name: 'Dashboard' }).click();
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  // Without a period it opens on the last full month (the agency is in New York; UTC's month is near enough but at
  // its turn).
  const nowInNewYork = new Date().toLocaleDateString('en-CA', { timeZone: 'America/New_York' });
  await page.getByText(`${lastMonth(nowInNewYork).label} (`).waitFor();
  await page.getByRole('textbox', { name: 'Period' }).fill(period);
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await page.waitForURL(/period=/);
  await chartsShown(page);
  await expect(page.getByText('Nothing to count for these filters.').count()).resolves.toBe(0);
  await noViolations('dashboard 1280');
  await screenshot(page, 'dashboard-1280');
});

it('shows a chart as a table with a caption, and downloads it as CSV', async () => {
  const volumes = page.getByRole('region', { name: 'Cases received by channel', exact: true });
  await volumes.getByRole('button', { name: 'Show as table' }).click();
  const table = volumes.getByRole('table', { name: 'Cases received by channel' });
  await table.waitFor();
  await expect(volumes.getByRole('button', { name: 'Hide table' }).getAttribute('aria-expanded')).resolves.toBe('true');
  await expect(table.getByRole('columnheader', { name: 'Total' }).count()).resolves.toBe(1);
  const heat = page.getByRole('region', { name: 'Subjects by week', exact: true });
  await heat.getByRole('button', { name: 'Show as table' }).click();
  await heat.getByRole('table', { name: 'Subjects by week' }).waitFor();
  await noViolations('dashboard with tables');
  await screenshot(page, 'dashboard-tables-1280');

  const href = await volumes.getByRole('link', { name: /Download CSV/ }).getAttribute('href');
  expect(href).toContain('format=csv');
  const csv = await page.evaluate(async (url) => (await fetch(url!)).text(), href);
  expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^Day,.*Total$/);
});

it('works at 390 px: no violations and nothing scrolls sideways', async () => {
  const narrow = await supervisorPage(h.browser, NARROW);
  await narrow.goto(`${h.baseUrl}/reports/dashboard?period=${encodeURIComponent(period)}`);
  await chartsShown(narrow);
  page = narrow;
  await noViolations('dashboard 390');
  expect(await sidewaysOverflow(narrow)).toBe(0);
  await screenshot(narrow, 'dashboard-390');
});

const thisMonth = new Date().toISOString().slice(0, 7);
/** Every other reports screen with what shows that its numbers arrived. */
const SCREENS: { title: string; path: string; ready: (p: Page) => Promise<unknown> }[] = [
  {
    title: 'MMR indicators',
    path: `/reports/indicators?period=${thisMonth}`,
    ready: (p) => p.getByRole('table', { name: 'Indicators' }).waitFor(),
  },
  {
    title: 'Monthly report',
    path: `/reports/monthly?month=${thisMonth}`,
    ready: (p) => p.getByRole('heading', { level: 2, name: 'Open backlog', exact: true }).waitFor(),
  },
  { title: 'New issues', path: '/reports/new-issues', ready: (p) => p.getByLabel('Show').waitFor() },
  { title: 'Cross-tabs', path: '/reports/crosstab', ready: (p) => p.getByLabel('Rows', { exact: true }).waitFor() },
  {
    title: 'Scheduled reports',
    path: '/reports/schedules',
    ready: (p) => p.getByRole('heading', { level: 1, name: 'Scheduled reports' }).waitFor(),
  },
];

it('shows every other reports screen without violations, at 1280 px and at 390 px', async () => {
  const wide = await supervisorPage(h.browser, WIDE);
  const narrow = await supervisorPage(h.browser, NARROW);
  for (const screen of SCREENS) {
    for (const [p, width] of [
      [wide, 1280],
      [narrow, 390],
    ] as const) {
      await p.goto(`${h.baseUrl}${screen.path}`);
      await p.getByRole('heading', { level: 1, name: screen.title }).waitFor();
      await screen.ready(p);
      await p.getByText('Counting…').waitFor({ state: 'detached' });
      page = p;
      await noViolations(`${screen.title} ${width}`);
      if (width === 390) expect(await sidewaysOverflow(p), screen.title).toBe(0);
      await screenshot(p, `reports-${screen.path.split(/[/?]/)[2]}-${width}`);
    }
  }
});

it('opens the cases behind an indicator from its number, and focus lands on the list', async () => {
  page = await supervisorPage(h.browser, WIDE);
  await page.goto(`${h.baseUrl}/reports/indicators?period=${encodeURIComponent(period)}`);
  const table = page.getByRole('table', { name: 'Indicators' });
  await table.waitFor();
  await table
    .getByRole('link', { name: /E-mails responded to in 14 days.*list them/ })
    .first()
    .click();
  await page.waitForURL(/drill=emails_responded_14d_pct/);
  const focused = page.locator('h2:focus');
  await focused.waitFor();
  await page.getByRole('table').nth(1).waitFor();
  await noViolations('indicator drill-down');
  await screenshot(page, 'reports-indicators-drill-1280');
});
