// A day's work at the constituent office, done in the console by two new users: a caseworker and a supervisor who sign
// in for the first time (and choose their own passwords). The caseworker codes ten new cases (subject, priority, unit:
// most with the queue's bulk coding, two on the case page), answers five from approved templates (one by letter),
// refers two to another unit; the server's own deadline sweep escalates an overdue case to the Supervisor level, and
// the supervisor finds it on the bell, follows the link and assigns it; the caseworker prints the day's letters and
// records them as mailed. The API only sets the stage (the two accounts and the cases as they came in); every step of
// the day is a click in the browser. Each new state is checked with axe-core (WCAG 2.1 AA).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { accessibilityViolations, screenshot, startHarness, type Harness } from './harness.ts';
import { NARROW, WIDE, callApi, createCaseViaApi, signedInPage } from './console-steps.ts';

let h: Harness;
let admin: Page;
let caseworker: Page;
let supervisor: Page;

const CASEWORKER = {
  email: 'dana.whitfield@example.gov',
  name: 'Dana Whitfield',
  password: 'amber kettle orchard lamp',
};
const SUPERVISOR = { email: 'grace.okafor@example.gov', name: 'Grace Okafor', password: 'violet harbour canoe moss' };
const temporary: Record<string, string> = {};

/** The ten cases that came in this morning, by what they are about (none coded yet: all wait in triage). */
const INCOMING = [
  { key: 'snapCard', channel: 'email', text: 'My SNAP card never arrived in the mail.', first: 'Ana', last: 'Reyes' },
  { key: 'snapInterview', channel: 'web', text: 'I missed my SNAP interview call.', first: 'Luis', last: 'Ortega' },
  { key: 'snapCut', channel: 'email', text: 'My SNAP benefits were cut in half.', first: 'Mei', last: 'Chen' },
  { key: 'shelterMold', channel: 'email', text: 'There is mold in our shelter room.', first: 'Kofi', last: 'Mensah' },
  {
    key: 'shelterLift',
    channel: 'web',
    text: 'The shelter elevator has been broken all week.',
    first: 'Sara',
    last: 'Levi',
  },
  { key: 'shelterPests', channel: 'email', text: 'Mice in the shelter kitchen again.', first: 'Ivan', last: 'Petrov' },
  {
    key: 'homeCare',
    channel: 'email',
    text: 'The home care aide did not come on Tuesday.',
    first: 'Rosa',
    last: 'Diaz',
  },
  { key: 'idCard', channel: 'letter', text: 'I need an appointment for my IDNYC card.', first: 'Omar', last: 'Haddad' },
  { key: 'medicaidRenewal', channel: 'email', text: 'My Medicaid renewal form was lost.', first: 'Nia', last: 'Brown' },
  { key: 'medicaidCard', channel: 'web', text: 'I never got my Medicaid card.', first: 'Tom', last: 'Walsh' },
] as const;
type Key = (typeof INCOMING)[number]['key'];
const tn = {} as Record<Key, string>;
let overdue: string;

interface CaseView {
  subject: string | null;
  priority: string;
  unit: string | null;
  status: string;
  escalationLevel: number;
  assignee: { id: number; name: string } | null;
}

beforeAll(async () => {
  h = await startHarness();
  admin = await signedInPage(h.browser, h.baseUrl);
  const units = (await callApi(admin, 'GET', '/units')) as { id: number; code: string }[];
  const triage = units.find((u) => u.code === 'OCS')!;
  // Two new accounts in the triage unit, each with a temporary password to change at the first sign-in.
  for (const [person, role] of [
    [CASEWORKER, 'caseworker'],
    [SUPERVISOR, 'supervisor'],
  ] as const) {
    const created = (await callApi(admin, 'POST', '/users', {
      email: person.email,
      name: person.name,
      role,
      unitIds: [triage.id],
    })) as { temporaryPassword: string };
    temporary[person.email] = created.temporaryPassword;
  }
  // A case that came in three weeks ago and was never answered: past its 14-day first-response deadline, so the
  // deadline sweep (every minute) escalates it to the Supervisor level.
  overdue = await createCaseViaApi(admin, {
    channel: 'email',
    receivedAt: new Date(Date.now() - 21 * 86_400_000).toISOString(),
    description: 'Water has been leaking from the ceiling of our family room since last month.',
    person: { firstName: 'Grace', lastName: 'Njoroge', email: 'grace.njoroge@example.org' },
  });
  for (const c of INCOMING) {
    tn[c.key] = await createCaseViaApi(admin, {
      channel: c.channel,
      description: c.text,
      person:
        c.channel === 'letter'
          ? { firstName: c.first, lastName: c.last, address: '210 Joralemon Street, Apt 4B, Brooklyn, NY 11201' }
          : {
              firstName: c.first,
              lastName: c.last,
              email: `${c.first.toLowerCase()}.${c.last.toLowerCase()}@example.org`,
            },
    });
  }
});
afterAll(async () => h?.stop());

const noViolations = async (p: Page, where: string) => expect(await accessibilityViolations(p), where).toEqual([]);
const toast = (p: Page, text: string) => p.getByRole('status').filter({ hasText: text }).first().waitFor();
const summary = (p: Page) => p.getByRole('region', { name: 'Case summary' });
const view = async (trackingNumber: string) =>
  (await callApi(caseworker, 'GET', `/cases/${encodeURIComponent(trackingNumber)}`)) as CaseView;

/** Signs in with the temporary password and chooses a new one, as a new user does. */
async function firstSignIn(person: { email: string; password: string }, landing: string): Promise<Page> {
  const context = await h.browser.newContext({ viewport: WIDE });
  const p = await context.newPage();
  await p.goto(h.baseUrl);
  await p.getByLabel('Email').fill(person.email);
  await p.getByLabel('Password').fill(temporary[person.email]!);
  await p.getByRole('button', { name: 'Sign in' }).click();
  await p.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
  await noViolations(p, 'choose a new password');
  await p.getByLabel('Current password').fill(temporary[person.email]!);
  await p.getByLabel(/^New password/).fill(person.password);
  await p.getByLabel('Repeat the new password').fill(person.password);
  await p.getByRole('button', { name: 'Change password' }).click();
  await p.getByRole('heading', { level: 1, name: landing }).waitFor();
  return p;
}

/** Codes the chosen cases of the caseworker's unit queue with the bulk coding panel; they leave for their unit. */
async function bulkCode(keys: Key[], coding: { subject: string; priority: string; unit: string }, left: number) {
  const p = caseworker;
  const count = p.locator('p.result-count');
  for (const key of keys) await p.getByRole('checkbox', { name: `Select ${tn[key]}` }).check();
  const panel = p.getByRole('region', { name: 'Code these cases' });
  await panel.getByLabel('Subject').selectOption(coding.subject);
  await panel.getByLabel('Priority').selectOption(coding.priority);
  await panel.getByLabel('Unit').selectOption(coding.unit);
  await panel.getByRole('button', { name: 'Preview changes' }).click();
  const preview = p.getByRole('region', { name: 'What will change' });
  await preview.getByText(`${keys.length} of ${keys.length} cases will change.`).waitFor();
  return async () => {
    await preview.getByRole('button', { name: `Change ${keys.length} cases` }).click();
    await panel.getByText(`${keys.length} cases changed.`).waitFor();
    await count.filter({ hasText: `of ${left} cases` }).waitFor();
    for (const key of keys) expect(await p.getByRole('checkbox', { name: `Select ${tn[key]}` }).count()).toBe(0);
  };
}

it('the caseworker signs in for the first time and codes the ten new cases', { timeout: 300_000 }, async () => {
  caseworker = await firstSignIn(CASEWORKER, 'My cases');
  await caseworker.getByRole('navigation', { name: 'Queues' }).getByRole('link', { name: 'My unit' }).click();
  await caseworker.getByRole('heading', { level: 1, name: 'My unit' }).waitFor();
  await caseworker.locator('p.result-count').filter({ hasText: 'of 11 cases' }).waitFor();
  await noViolations(caseworker, 'my unit queue with the morning cases');
  await screenshot(caseworker, 'day-queue-morning-1280');

  // Three SNAP cases at once, with a look at the preview first.
  const snap = await bulkCode(
    ['snapCard', 'snapInterview', 'snapCut'],
    { subject: 'SNAP', priority: 'high', unit: 'SNAP' },
    8,
  );
  await noViolations(caseworker, 'bulk coding preview');
  await screenshot(caseworker, 'day-bulk-preview-1280');
  await snap();
  // Then the shelter cases and the Medicaid cases, the same way: the coded cases left the queue and the selection with
  // it, so each preview counts only the cases chosen now.
  expect(await caseworker.getByRole('checkbox', { name: /^Select OCS-/, checked: true }).count()).toBe(0);
  await (
    await bulkCode(
      ['shelterMold', 'shelterLift', 'shelterPests'],
      { subject: 'SHELTER.CONDITIONS', priority: 'normal', unit: 'FAC' },
      5,
    )
  )();
  await (
    await bulkCode(
      ['medicaidRenewal', 'medicaidCard'],
      { subject: 'MEDICAID', priority: 'normal', unit: 'MEDICAID' },
      3,
    )
  )();

  // Two on the case page: details (subject, priority), then the unit.
  for (const [key, coding] of [
    ['homeCare', { subject: 'HOMECARE', priority: 'urgent', unit: 'HCS', unitName: 'Home Care Services (HCS)' }],
    ['idCard', { subject: 'ID', priority: 'low', unit: 'IDNYC', unitName: 'IDNYC' }],
  ] as const) {
    await caseworker.goto(`${h.baseUrl}/queues/my-unit`);
    await caseworker.getByRole('link', { name: tn[key], exact: true }).click();
    await caseworker.getByRole('heading', { level: 1, name: `Case ${tn[key]}` }).waitFor();
    await caseworker.getByRole('tab', { name: 'Details' }).click();
    await caseworker.getByRole('heading', { level: 2, name: 'Case details' }).waitFor();
    await caseworker.getByLabel('Subject').selectOption(coding.subject);
    await caseworker.getByLabel('Priority').selectOption(coding.priority);
    await caseworker.getByRole('button', { name: 'Save details' }).click();
    await toast(caseworker, 'Case details saved.');
    await summary(caseworker).getByText('Not coded yet').waitFor({ state: 'detached' });
    if (key === 'homeCare') await noViolations(caseworker, 'case details after saving');
    await caseworker.getByRole('tab', { name: 'Route, assign, status' }).click();
    const route = caseworker.getByRole('form', { name: 'Route to a unit' });
    await route.getByLabel('Unit').selectOption(coding.unit);
    await route.getByRole('button', { name: 'Route' }).click();
    await toast(caseworker, `Routed to ${coding.unit}.`);
    await summary(caseworker).getByText(coding.unitName, { exact: true }).waitFor();
    if (key === 'homeCare') {
      await noViolations(caseworker, 'case routed');
      await screenshot(caseworker, 'day-case-routed-1280');
    }
  }
  await caseworker.goto(`${h.baseUrl}/queues/my-unit`);
  // Only the overdue case is left in triage.
  await caseworker.locator('p.result-count').filter({ hasText: 'of 1 cases' }).waitFor();
  await caseworker.getByRole('link', { name: overdue, exact: true }).waitFor();

  const expected: Record<Key, [string, string, string]> = {
    snapCard: ['SNAP', 'high', 'SNAP'],
    snapInterview: ['SNAP', 'high', 'SNAP'],
    snapCut: ['SNAP', 'high', 'SNAP'],
    shelterMold: ['SHELTER.CONDITIONS', 'normal', 'FAC'],
    shelterLift: ['SHELTER.CONDITIONS', 'normal', 'FAC'],
    shelterPests: ['SHELTER.CONDITIONS', 'normal', 'FAC'],
    homeCare: ['HOMECARE', 'urgent', 'HCS'],
    idCard: ['ID', 'low', 'IDNYC'],
    medicaidRenewal: ['MEDICAID', 'normal', 'MEDICAID'],
    medicaidCard: ['MEDICAID', 'normal', 'MEDICAID'],
  };
  for (const [key, [subject, priority, unit]] of Object.entries(expected) as [Key, [string, string, string]][]) {
    expect(await view(tn[key]), key).toMatchObject({ subject, priority, unit });
  }
});

it(
  'the caseworker answers five cases from approved templates, one of them by letter',
  { timeout: 300_000 },
  async () => {
    const emailAnswers: [Key, string][] = [
      ['snapCard', 'A new card was mailed to you today; it should arrive within ten days.'],
      ['shelterMold', 'Facilities staff will treat the room on Thursday and move you meanwhile.'],
      ['homeCare', 'Your agency confirmed that the aide will come every weekday from now on.'],
      ['medicaidRenewal', 'We found your renewal form; it is being processed.'],
    ];
    for (const [i, [key, text]] of emailAnswers.entries()) {
      await caseworker.goto(`${h.baseUrl}/cases/${tn[key]}`);
      await caseworker.getByRole('tab', { name: 'Respond' }).click();
      await expect(caseworker.getByLabel('Send by').inputValue()).resolves.toBe('email');
      await caseworker.getByLabel('Template').selectOption('general-response');
      await caseworker.getByLabel('Your text').fill(text);
      const preview = caseworker.getByRole('region', { name: /Preview/ });
      await preview.getByText(text).waitFor();
      await preview.getByText('— as it will be sent').waitFor();
      if (i === 0) {
        await noViolations(caseworker, 'answer preview');
        await screenshot(caseworker, 'day-answer-preview-1280');
      }
      await caseworker.getByRole('button', { name: 'Send response' }).click();
      await toast(caseworker, 'Response sent by email.');
      await summary(caseworker).getByText('Responded', { exact: true }).waitFor();
    }

    // The IDNYC writer gave only a postal address: the answer goes by letter.
    await caseworker.goto(`${h.baseUrl}/cases/${tn.idCard}`);
    await caseworker.getByRole('tab', { name: 'Respond' }).click();
    await expect(caseworker.getByLabel('Send by').inputValue()).resolves.toBe('letter');
    await caseworker.getByLabel('Template').selectOption('acknowledgement');
    const preview = caseworker.getByRole('region', { name: /Preview/ });
    await preview.getByText('Dear Omar Haddad').waitFor();
    await preview.getByText(tn.idCard).first().waitFor();
    await noViolations(caseworker, 'letter preview');
    await screenshot(caseworker, 'day-letter-preview-1280');
    await caseworker.getByRole('button', { name: 'Send response' }).click();
    await toast(caseworker, 'Response sent by letter.');
    await summary(caseworker).getByText('Responded', { exact: true }).waitFor();

    for (const key of ['snapCard', 'shelterMold', 'homeCare', 'medicaidRenewal', 'idCard'] as const) {
      expect((await view(tn[key])).status, key).toBe('responded');
    }
  },
);

it('the caseworker refers two cases to another unit from the case page', { timeout: 300_000 }, async () => {
  const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const referrals: [Key, string, string, string][] = [
    ['snapCut', 'FIA', 'Cash Assistance (FIA)', 'Is a cash assistance case open for this household?'],
    [
      'shelterPests',
      'PATH',
      'Prevention Assistance and Temporary Housing (PATH)',
      'Can the family move while the kitchen is treated?',
    ],
  ];
  for (const [i, [key, unit, unitName, request]] of referrals.entries()) {
    await caseworker.goto(`${h.baseUrl}/cases/${tn[key]}`);
    await caseworker.getByRole('tab', { name: 'Referrals' }).click();
    await caseworker.getByText('No referrals yet.').waitFor();
    const form = caseworker.getByRole('form', { name: 'Refer to a unit' });
    await form.getByLabel('Unit').selectOption(unit);
    await form.getByLabel('What you need from them').fill(request);
    await form.getByLabel('Reply needed by (optional)').fill(inAWeek);
    await form.getByRole('button', { name: 'Send referral' }).click();
    await toast(caseworker, `Referred to ${unit}.`);
    // The unit is named once, its code not repeated when the name already carries it.
    await caseworker.getByRole('heading', { level: 3, name: `To ${unitName} Open`, exact: true }).waitFor();
    await caseworker.getByText(`reply due ${inAWeek}`).waitFor();
    if (i === 0) {
      await noViolations(caseworker, 'case referred');
      await screenshot(caseworker, 'day-referral-1280');
    }
    const listed = (await callApi(caseworker, 'GET', `/cases/${tn[key]}/timeline`)) as {
      referrals: { unit: string; request: string; status: string }[];
    };
    expect(listed.referrals).toMatchObject([{ unit, request }]);
  }
});

it(
  'the supervisor sees the escalation on the bell, follows it to the case and assigns it',
  { timeout: 300_000 },
  async () => {
    supervisor = await firstSignIn(SUPERVISOR, 'Overview');
    // The deadline sweep runs every minute; the bell asks every minute too.
    const bell = supervisor.getByRole('link', { name: /^Notifications, \d+ unread$/ });
    await bell.waitFor({ timeout: 90_000 });
    await bell.click();
    await supervisor.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    const link = supervisor.getByRole('link', { name: `Case ${overdue} is overdue and was escalated to Supervisor` });
    await link.waitFor();
    await noViolations(supervisor, 'notifications with an escalation');
    await screenshot(supervisor, 'day-escalation-notification-1280');
    await supervisor.setViewportSize(NARROW);
    await screenshot(supervisor, 'day-escalation-notification-390');
    await noViolations(supervisor, 'notifications with an escalation at 390px');
    await supervisor.setViewportSize(WIDE);

    await link.click();
    await supervisor.getByRole('heading', { level: 1, name: `Case ${overdue}` }).waitFor();
    await summary(supervisor).getByText('Escalation level 1').waitFor();
    await supervisor.getByRole('tab', { name: 'Route, assign, status' }).click();
    const assign = supervisor.getByRole('form', { name: 'Assign' });
    // Choose once the unit's people are listed under the unit: a choice made while the list is still being regrouped
    // would be reset to the default ("Me").
    await assign
      .locator('optgroup[label="In Constituent Services (triage)"] option', { hasText: CASEWORKER.name })
      .waitFor({ state: 'attached' });
    await assign.getByLabel('Assign to').selectOption({ label: `${CASEWORKER.name} (caseworker)` });
    await assign.getByRole('button', { name: 'Assign' }).click();
    await toast(supervisor, 'Assigned.');
    await summary(supervisor).getByText(CASEWORKER.name, { exact: true }).waitFor();
    await noViolations(supervisor, 'escalated case assigned');
    await screenshot(supervisor, 'day-escalated-case-assigned-1280');
    expect(await view(overdue)).toMatchObject({ escalationLevel: 1, assignee: { name: CASEWORKER.name } });

    // The caseworker hears of it on her own bell.
    await caseworker.goto(`${h.baseUrl}/notifications`);
    await caseworker.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await caseworker.getByRole('link', { name: new RegExp(`assigned case ${overdue} to you`) }).waitFor();
  },
);

it(
  'the caseworker prints the day’s letters as one batch and records them as mailed',
  { timeout: 300_000 },
  async () => {
    await caseworker.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Letters' }).click();
    await caseworker.getByRole('heading', { level: 1, name: 'Letters' }).waitFor();
    const waiting = caseworker.getByRole('region', { name: 'Letters waiting to be printed' });
    await waiting.getByRole('link', { name: tn.idCard, exact: true }).waitFor();
    await noViolations(caseworker, 'letters waiting');
    await caseworker.getByRole('button', { name: 'Print 1 letter as one PDF' }).click();
    await toast(caseworker, 'Print batch 1 made: 1 letter.');
    await caseworker.getByText('No letters are waiting to be printed.').waitFor();
    const batchHref = (await caseworker.getByRole('link', { name: /Batch 1 PDF/ }).getAttribute('href'))!;
    const batch = await caseworker.evaluate(async (url) => {
      const res = await fetch(url);
      const bytes = new Uint8Array(await res.arrayBuffer()).slice(0, 5);
      return { status: res.status, start: String.fromCharCode(...bytes) };
    }, batchHref);
    expect(batch).toEqual({ status: 200, start: '%PDF-' });

    const today = await caseworker.getByLabel('Mailed on (batch 1)').inputValue();
    await caseworker.getByRole('button', { name: 'Record as mailed' }).click();
    await toast(caseworker, `Print batch 1 recorded as mailed on ${today}.`);
    const log = caseworker.getByRole('region', { name: 'Mailing log', exact: true });
    await log.getByRole('link', { name: tn.idCard, exact: true }).waitFor();
    await noViolations(caseworker, 'letters mailed');
    await screenshot(caseworker, 'day-letters-mailed-1280');
  },
);
