import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../test/test-app.ts';
import { createUser, USER_PASSWORD } from '../test/factories.ts';
import type { CommandContext } from '../context.ts';
import { addLocalDays, weekdayOf, zonedDateTime } from '../../shared/local-time.ts';
import { parsePeriod } from '../../shared/report-periods.ts';
import {
  CATCH_UP_DAYS,
  newIssuesForPeriod,
  nextDetectionAt,
  runNewIssueDetection,
  scheduleNewIssueDetection,
} from './new-issue-alerts.ts';
import { detectNewIssues } from './new-issues.ts';

// The story: Shelter conditions at Harbor House run at one case a day for thirteen weeks, then five a day for six
// days (4–9 March 2026) and one again on the 10th — 31 in the week to 10 March against 7 expected. Around it, steady
// volume keeps the subject, the facility and the units from rising enough to alert: Shelter safety at Harbor House
// and Shelter conditions at Bay Shelter, 12 a weekday and 4 a weekend day each. Restricted cases (ten a day at Quiet
// Place, new that week) must never show. The daily job runs on 11 March 2026 at 10:00 New York time.
const TZ = 'America/New_York';
const AS_OF = '2026-03-10';
const NOW = zonedDateTime('2026-03-11', '10:00', TZ);
const FIRST_DAY = '2025-12-03';
const SPIKE_DAYS = ['2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09'];
/** The rise as the daily job raises it: on the first day its week was significant. */
const ALERT = { from: '2026-02-28', to: '2026-03-06', observed: 19 };
const SENTENCE = 'Shelter conditions at Harbor House: 19 in the week to 6 Mar 2026, 7 expected';

let t: TestApp;
let agencyId: number;
const unitIds: Record<string, number> = {};

interface CaseSeed {
  day: string;
  time: string;
  subject: string;
  facility: string;
  unit: string;
  restricted?: boolean;
}

function seeds(): CaseSeed[] {
  const all: CaseSeed[] = [];
  for (let day = FIRST_DAY; day <= AS_OF; day = addLocalDays(day, 1)) {
    const busy = [0, 6].includes(weekdayOf(day)) ? 4 : 12;
    for (let i = 0; i < busy; i++) {
      all.push({ day, time: '09:00', subject: 'SHELTER.SAFETY', facility: 'Harbor House', unit: 'SA' });
      all.push({ day, time: '14:00', subject: 'SHELTER.CONDITIONS', facility: 'Bay Shelter', unit: 'AF' });
    }
    // Late in the local evening: counted on this local day, though it is already the next day in UTC.
    const conditions = SPIKE_DAYS.includes(day) ? 5 : 1;
    for (let i = 0; i < conditions; i++) {
      all.push({ day, time: '23:30', subject: 'SHELTER.CONDITIONS', facility: 'Harbor House', unit: 'SA' });
    }
    if (SPIKE_DAYS.includes(day)) {
      for (let i = 0; i < 10; i++) {
        all.push({ day, time: '12:00', subject: 'DV', facility: 'Quiet Place', unit: 'DV', restricted: true });
      }
    }
  }
  return all;
}

async function insertCases(list: CaseSeed[]) {
  for (let start = 0; start < list.length; start += 500) {
    await t.db
      .insertInto('cases')
      .values(
        list.slice(start, start + 500).map((c, i) => ({
          agency_id: agencyId,
          tracking_number: `NI-${start + i}`,
          channel: 'web',
          subject_code: c.subject,
          facility: c.facility,
          unit_id: unitIds[c.unit]!,
          restricted: c.restricted ?? false,
          received_at: zonedDateTime(c.day, c.time, TZ),
        })),
      )
      .execute();
  }
}

function contextAs(role: CommandContext['actor']['role'], units: string[] = []): CommandContext {
  return {
    db: t.db,
    agency: { id: agencyId, slug: 'main', name: 'Main', timeZone: TZ },
    actor: {
      userId: 0,
      name: role,
      email: '',
      role,
      unitIds: units.map((u) => unitIds[u]!),
      managedUnitIds: [],
      via: 'session',
    },
    requestId: null,
  };
}

let admin: SignedIn;
let saManager: { id: number; email: string };
let afManager: { id: number; email: string };

beforeAll(async () => {
  t = await createTestApp({ timeZone: TZ });
  const agency = await t.db.selectFrom('agencies').select('id').where('slug', '=', 'main').executeTakeFirstOrThrow();
  agencyId = agency.id;
  await t.db.updateTable('agencies').set({ time_zone: TZ }).where('id', '=', agencyId).execute();
  for (const unit of await t.db
    .selectFrom('units')
    .select(['id', 'code'])
    .where('agency_id', '=', agencyId)
    .execute()) {
    unitIds[unit.code] = unit.id;
  }
  await insertCases(seeds());
  saManager = await createUser(t.db, { email: 'sa.manager@example.gov', role: 'caseworker', managedUnits: ['SA'] });
  afManager = await createUser(t.db, { email: 'af.manager@example.gov', role: 'caseworker', managedUnits: ['AF'] });
  await createUser(t.db, { email: 'sa.worker@example.gov', role: 'caseworker', units: ['SA'] });
  await createUser(t.db, { email: 'af.worker@example.gov', role: 'caseworker', units: ['AF'] });
  admin = await signInAs(t.app);
}, 120_000);
afterAll(async () => t.close());

describe('detection straight from the cases', () => {
  it('finds exactly the rise of Shelter conditions at Harbor House, counting local days', async () => {
    const week = await detectNewIssues(contextAs('administrator'), { asOf: AS_OF, window: 'week' });
    expect(week.map((i) => [i.dimension, i.key, i.observed])).toEqual([
      ['subject_facility', 'SHELTER.CONDITIONS|Harbor House', 31],
    ]);
    expect(week[0]!.expected).toBeCloseTo(7, 1);
    expect(week[0]).toMatchObject({ from: '2026-03-04', to: AS_OF, label: 'Shelter conditions at Harbor House' });
    expect(week[0]!.probability).toBeLessThan(1e-6);
    // The 10th itself was an ordinary day (one case, the late ones counted on their local day).
    expect(await detectNewIssues(contextAs('administrator'), { asOf: AS_OF, window: 'day' })).toEqual([]);
  });
});

describe('the daily job', () => {
  it('judges the days not judged yet, stores the rise once for its main unit and emails that unit’s manager', async () => {
    // Nothing was judged before: the job judges the 92 days to yesterday, oldest first, as if it had run every day —
    // so the rise is raised on the first day it was significant (the week to 6 March), once.
    const first = await runNewIssueDetection(t, agencyId, NOW);
    expect(first).toEqual({ asOf: AS_OF, days: CATCH_UP_DAYS, raised: 1, notified: 1 });
    const alerts = await t.db.selectFrom('issue_alerts').selectAll().execute();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      dimension: 'subject_facility',
      key: 'SHELTER.CONDITIONS|Harbor House',
      window: 'week',
      observed: ALERT.observed,
      unit_id: unitIds.SA,
      acknowledged_at: null,
    });
    expect(new Date(alerts[0]!.period_to).toISOString().slice(0, 10)).toBe(ALERT.to);
    expect(alerts[0]!.history).toEqual([7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, ALERT.observed]);

    const mail = await t.db.selectFrom('outbox').selectAll().execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ kind: 'notification', to_address: saManager.email, case_id: null });
    expect(mail[0]!.subject).toBe(`New issue: ${SENTENCE}`);
    expect(mail[0]!.body).toContain(`- ${SENTENCE}.`);
    expect(mail[0]!.body).toContain(`${t.config.publicUrl.replace(/\/$/, '')}/reports/new-issues`);
    expect(mail.some((m) => m.to_address === afManager.email)).toBe(false);
    const sends = await t.db.selectFrom('jobs').select('payload').where('kind', '=', 'email-send').execute();
    expect(sends.map((j) => j.payload.outboxId)).toEqual([mail[0]!.id]);

    // Run again the same day: yesterday is judged again, nothing is stored or sent twice.
    const again = await runNewIssueDetection(t, agencyId, NOW);
    expect(again).toEqual({ asOf: AS_OF, days: 1, raised: 0, notified: 0 });
    // The next day the rolling week still overlaps the alerted week: not raised again either.
    const nextDay = await runNewIssueDetection(t, agencyId, new Date(NOW.getTime() + 86_400_000));
    expect(nextDay).toMatchObject({ days: 1, raised: 0 });
    expect(await t.db.selectFrom('issue_alerts').select('id').execute()).toHaveLength(1);
    expect(await t.db.selectFrom('outbox').select('id').execute()).toHaveLength(1);
  });

  it('the monthly view reads the stored alert, scoped to the reader', async () => {
    const issues = await newIssuesForPeriod(contextAs('auditor'), parsePeriod('2026-03'));
    expect(issues.map((i) => [i.key, i.observed, i.from, i.to, i.sentence])).toEqual([
      ['SHELTER.CONDITIONS|Harbor House', ALERT.observed, ALERT.from, ALERT.to, SENTENCE],
    ]);
    expect(await newIssuesForPeriod(contextAs('caseworker', ['SA']), parsePeriod('2026-03'))).toHaveLength(1);
    expect(await newIssuesForPeriod(contextAs('caseworker', ['AF']), parsePeriod('2026-03'))).toEqual([]);
    expect(await newIssuesForPeriod(contextAs('auditor'), parsePeriod('2026-02'))).toEqual([]);
    expect(await t.db.selectFrom('issue_alerts').select('id').execute()).toHaveLength(1);
  });

  it('schedules one run a day per agency at 06:00 local time', async () => {
    expect(nextDetectionAt(NOW, TZ)).toEqual(zonedDateTime('2026-03-12', '06:00', TZ));
    expect(nextDetectionAt(zonedDateTime('2026-03-11', '05:59', TZ), TZ)).toEqual(
      zonedDateTime('2026-03-11', '06:00', TZ),
    );
    await scheduleNewIssueDetection(t.db, NOW);
    await scheduleNewIssueDetection(t.db, NOW);
    const jobs = await t.db.selectFrom('jobs').selectAll().where('kind', '=', 'new-issue-detection').execute();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.run_at).toEqual(zonedDateTime('2026-03-12', '06:00', TZ));
    expect(jobs[0]!.payload).toEqual({ agencyId });
  });
});

describe('GET /api/v1/reports/new-issues and acknowledging', () => {
  it('shows the alert to administrators and its unit, with its cases, and not to another unit', async () => {
    const res = await admin.call('GET', '/api/v1/reports/new-issues');
    expect(res.statusCode).toBe(200);
    const [item] = res.json().items;
    expect(item).toMatchObject({
      dimension: 'subject_facility',
      key: 'SHELTER.CONDITIONS|Harbor House',
      observed: ALERT.observed,
      window: 'week',
      from: ALERT.from,
      to: ALERT.to,
      sentence: SENTENCE,
      unit: { code: 'SA' },
      acknowledged: null,
      history: [7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, ALERT.observed],
      cases: {
        subject: 'SHELTER.CONDITIONS',
        facility: 'Harbor House',
        receivedFrom: ALERT.from,
        receivedTo: ALERT.to,
        merged: 'false',
      },
    });
    const other = await signInAs(t.app, 'af.worker@example.gov', USER_PASSWORD);
    expect((await other.call('GET', '/api/v1/reports/new-issues?status=all')).json().items).toEqual([]);
    const own = await signInAs(t.app, 'sa.worker@example.gov', USER_PASSWORD);
    expect((await own.call('GET', '/api/v1/reports/new-issues')).json().items).toHaveLength(1);
    expect((await admin.call('GET', '/api/v1/reports/new-issues?period=2026-02')).json().items).toEqual([]);
    expect((await admin.call('GET', '/api/v1/reports/new-issues?period=2026-03')).json().items).toHaveLength(1);
    const bad = await admin.call('GET', '/api/v1/reports/new-issues?period=March');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('period');
  });

  it('lets the unit’s manager acknowledge it, audited, and hides it from the open list', async () => {
    const [alert] = (await admin.call('GET', '/api/v1/reports/new-issues')).json().items;
    const worker = await signInAs(t.app, 'sa.worker@example.gov', USER_PASSWORD);
    expect((await worker.call('POST', `/api/v1/reports/new-issues/${alert.id}/acknowledge`)).statusCode).toBe(403);
    const stranger = await signInAs(t.app, afManager.email, USER_PASSWORD);
    expect((await stranger.call('POST', `/api/v1/reports/new-issues/${alert.id}/acknowledge`)).statusCode).toBe(404);

    const manager = await signInAs(t.app, saManager.email, USER_PASSWORD);
    const res = await manager.call('POST', `/api/v1/reports/new-issues/${alert.id}/acknowledge`);
    expect(res.statusCode).toBe(200);
    expect(res.json().acknowledged.by).toBe('sa.manager');
    const again = await manager.call('POST', `/api/v1/reports/new-issues/${alert.id}/acknowledge`);
    expect(again.json().acknowledged.at).toBe(res.json().acknowledged.at);

    const audit = await t.db.selectFrom('audit_events').selectAll().where('entity_type', '=', 'issue_alert').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'issue_alert.acknowledged',
      entity_id: String(alert.id),
      actor_user_id: saManager.id,
    });
    expect((await manager.call('GET', '/api/v1/reports/new-issues')).json().items).toEqual([]);
    expect((await manager.call('GET', '/api/v1/reports/new-issues?status=all')).json().items).toHaveLength(1);
    expect((await admin.call('POST', '/api/v1/reports/new-issues/999999/acknowledge')).statusCode).toBe(404);
  });
});

describe('one detection, one answer', () => {
  const monthlyRises = async () => {
    const res = await admin.call('GET', '/api/v1/reports/monthly?month=2026-03');
    expect(res.statusCode, res.body).toBe(200);
    return (
      res.json().newIssues as { key: string; observed: number; from: string; to: string; sentence: string }[]
    ).map((i) => [i.key, i.observed, i.from, i.to, i.sentence]);
  };
  const listedRises = async () => {
    const res = await admin.call('GET', '/api/v1/reports/new-issues?period=2026-03&status=all');
    expect(res.statusCode, res.body).toBe(200);
    return (
      res.json().items as {
        key: string;
        observed: number;
        from: string;
        to: string;
        sentence: string;
        window: string;
      }[]
    )
      .filter((i) => i.window === 'week')
      .map((i) => [i.key, i.observed, i.from, i.to, i.sentence]);
  };
  const forget = async () => {
    // As if the month's cases had been seeded or imported after the fact: nothing judged, nothing stored.
    await t.db.deleteFrom('issue_alerts').execute();
    await t.db.deleteFrom('issue_detection_runs').execute();
  };

  it('a month nobody judged: the monthly report judges it, and the alert list then shows the same rises', async () => {
    await forget();
    expect(await listedRises()).toEqual([]);
    const report = await monthlyRises();
    expect(report).toEqual([['SHELTER.CONDITIONS|Harbor House', ALERT.observed, ALERT.from, ALERT.to, SENTENCE]]);
    expect(await listedRises()).toEqual(report);
    // A second report reads the same stored alerts.
    expect(await monthlyRises()).toEqual(report);
  });

  it('"run now" judges the missing days for administrators only, audited; the report agrees with its alerts', async () => {
    await forget();
    const worker = await signInAs(t.app, 'sa.worker@example.gov', USER_PASSWORD);
    const refused = await worker.call('POST', '/api/v1/reports/new-issues/run', {});
    expect(refused.statusCode).toBe(403);
    const bad = await admin.call('POST', '/api/v1/reports/new-issues/run', { from: '2026-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('from');
    expect(await t.db.selectFrom('issue_detection_runs').select('as_of').execute()).toEqual([]);

    const run = await admin.call('POST', '/api/v1/reports/new-issues/run', { from: '2026-03-01' });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json()).toMatchObject({ raised: 1, notified: 0 });
    const listed = await listedRises();
    expect(listed).toEqual([['SHELTER.CONDITIONS|Harbor House', ALERT.observed, ALERT.from, ALERT.to, SENTENCE]]);
    expect(await monthlyRises()).toEqual(listed);
    const again = await admin.call('POST', '/api/v1/reports/new-issues/run', { from: '2026-03-01' });
    expect(again.json()).toMatchObject({ days: 1, raised: 0 });
    const audit = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'issue_alert.detection_run')
      .execute();
    expect(audit).toHaveLength(2);
  });
});
