// The quarterly QA report against numbers worked by hand for Q3 2026 (1 July – 30 September): the latest measure
// value of a period ended by 30 September against its goal and the federal thresholds, the plans and their actions
// as they stood on 30 September, reviews made in the quarter by unit and worker, and training standing on
// 30 September; through the API as JSON and CSV, refused to a caseworker, and schedulable.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../test/test-app.ts';
import { USER_PASSWORD, createUser } from '../../test/factories.ts';
import type { ReportDocument, ReportTable } from '../../../shared/report-document.ts';
import { qualityReportPeriod } from './quality-report.ts';
import { monthPeriod } from '../../../shared/report-periods.ts';

let t: TestApp;
let admin: SignedIn;
let caseworker: SignedIn;
let adminId: number;
const ids: Record<string, number> = {};

const table = (doc: ReportDocument, name: string): ReportTable => doc.tables.find((x) => x.name === name)!;

async function ok(res: { statusCode: number; body: string; json(): unknown }, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as Record<string, unknown>;
}

async function closedCase(i: number, assigneeId: number, unitId: number): Promise<string> {
  const created = await ok(
    await admin.call('POST', '/api/v1/cases', {
      channel: 'email',
      description: `QA case ${i}`,
      person: { firstName: 'Writer', lastName: `Q${i}`, email: `qa${i}@example.org` },
    }),
    201,
  );
  const tn = created.trackingNumber as string;
  await ok(await admin.call('POST', `/api/v1/cases/${tn}/assign`, { assigneeId }));
  await ok(await admin.call('POST', `/api/v1/cases/${tn}/status`, { status: 'closed' }));
  await t.db.updateTable('cases').set({ unit_id: unitId }).where('tracking_number', '=', tn).execute();
  return tn;
}

async function review(tn: string, scores: Record<string, number>, at: string) {
  const made = await ok(await admin.call('POST', '/api/v1/reviews', { trackingNumber: tn, scores }), 201);
  await sql`update response_reviews set created_at = ${at}::timestamptz where id = ${made.id as number}`.execute(t.db);
}

async function backdatePlan(id: number, at: string) {
  await sql`update action_plans set created_at = ${at}::timestamptz where id = ${id}`.execute(t.db);
}

const all = (n: number) => ({ accuracy: n, completeness: n, timeliness: n, tone: n, language_access: n });

beforeAll(async () => {
  t = await createTestApp({ agencyPreset: 'child-support' });
  admin = await signInAs(t.app);
  adminId = (await t.db.selectFrom('users').select('id').where('role', '=', 'administrator').executeTakeFirstOrThrow())
    .id;
  ids.ana = (await createUser(t.db, { email: 'ana.qa@example.gov', role: 'caseworker', name: 'Ana' })).id;
  ids.ben = (await createUser(t.db, { email: 'ben.qa@example.gov', role: 'caseworker', name: 'Ben' })).id;
  caseworker = await signInAs(t.app, 'ana.qa@example.gov', USER_PASSWORD);

  // Measures: FFY2026 ends 30 September 2026 (in), FFY2027 a year later (out).
  for (const [period, numerator] of [
    ['FFY2025', 600],
    ['FFY2026', 700],
    ['FFY2027', 900],
  ] as const) {
    await ok(
      await admin.call('POST', '/api/v1/measures/current_collections/values', { period, numerator, denominator: 1000 }),
      201,
    );
  }
  await ok(await admin.call('PUT', '/api/v1/measures/current_collections/goals/2026', { goal: 0.75 }));

  // Plans: one opened in June with four actions; one opened after the quarter.
  const plan = await ok(
    await admin.call('POST', '/api/v1/action-plans', {
      title: 'Raise current collections',
      measureKey: 'current_collections',
      ownerId: adminId,
      goal: '75 % by FFY2027',
      actions: [
        { title: 'Call every payer behind', ownerId: ids.ana, dueOn: '2026-07-15' },
        { title: 'Wage withholding review', ownerId: ids.ana, dueOn: '2026-08-31' },
        { title: 'Payment reminders by text', ownerId: ids.ben, dueOn: '2026-12-01' },
        { title: 'Employer outreach', ownerId: ids.ben, dueOn: '2026-09-01' },
      ],
    }),
    201,
  );
  const actions = plan.actions as { id: number }[];
  await ok(
    await admin.call('POST', `/api/v1/action-plans/${plan.id}/actions/${actions[0]!.id}/complete`, {
      completedOn: '2026-07-10',
    }),
  );
  await ok(
    await admin.call('POST', `/api/v1/action-plans/${plan.id}/actions/${actions[3]!.id}/complete`, {
      completedOn: '2026-10-01',
    }),
  );
  await backdatePlan(plan.id as number, '2026-06-20T16:00:00Z');
  const later = await ok(
    await admin.call('POST', '/api/v1/action-plans', {
      title: 'Later plan',
      ownerId: adminId,
      goal: 'Not yet',
      actions: [{ title: 'Start', ownerId: ids.ana, dueOn: '2026-11-01' }],
    }),
    201,
  );
  await backdatePlan(later.id as number, '2026-10-05T16:00:00Z');

  // Reviews: three in August (Ana 4.6 and 4.0, Ben 2.0), one in October (left out).
  const units = await t.db.selectFrom('units').select(['id', 'name']).orderBy('id').limit(2).execute();
  ids.unitX = units[0]!.id;
  ids.unitY = units[1]!.id;
  const c1 = await closedCase(1, ids.ana, ids.unitX);
  const c2 = await closedCase(2, ids.ana, ids.unitY);
  const c3 = await closedCase(3, ids.ben, ids.unitX);
  const c4 = await closedCase(4, ids.ben, ids.unitY);
  await review(c1, { ...all(5), timeliness: 3 }, '2026-08-10T15:00:00Z');
  await review(c2, all(4), '2026-08-11T15:00:00Z');
  await review(c3, all(2), '2026-08-12T15:00:00Z');
  await review(c4, all(1), '2026-10-10T15:00:00Z');

  // Training: required of caseworkers, renewed yearly. Ana's completion of September 2025 lapsed on 15 September
  // 2026 (her October one comes after the quarter); Ben completed in August 2026.
  const course = await ok(
    await admin.call('POST', '/api/v1/training/courses', {
      title: 'Language access',
      requiredForRole: 'caseworker',
      renewalMonths: 12,
    }),
    201,
  );
  for (const [heldOn, userId] of [
    ['2025-09-15', ids.ana],
    ['2026-08-20', ids.ben],
    ['2026-10-20', ids.ana],
  ] as const) {
    const session = await ok(
      await admin.call('POST', `/api/v1/training/courses/${course.id}/sessions`, { heldOn, place: 'Room 1' }),
      201,
    );
    await ok(await admin.call('POST', `/api/v1/training/sessions/${session.id}/enrolments`, { userId }), 201);
    await ok(
      await admin.call('POST', `/api/v1/training/sessions/${session.id}/attendance`, { userId, attended: true }),
    );
  }
}, 180_000);

afterAll(async () => {
  await t.close();
});

describe('the quarterly QA report', () => {
  let doc: ReportDocument;

  it('is made for a quarter by a supervisor or administrator, not a caseworker', async () => {
    doc = (await ok(
      await admin.call('GET', '/api/v1/reports/qa?period=2026-Q3&asOf=2026-10-02T12:00:00Z'),
    )) as unknown as ReportDocument;
    expect(doc.title).toBe('Quality assurance report — Q3 2026');
    expect((await caseworker.call('GET', '/api/v1/reports/qa?period=2026-Q3')).statusCode).toBe(403);
    const bad = await admin.call('GET', '/api/v1/reports/qa?period=2026-Q5');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('period');
  });

  it('shows the latest value of a period ended in the quarter against the goal and the federal thresholds', () => {
    const rows = table(doc, 'Measures').rows;
    expect(rows.find((r) => r.measure === 'Current collections')).toMatchObject({
      period: 'Federal fiscal year 2026',
      value: 0.7,
      shown: '70.0 %',
      goal: '75.0 %',
      meetsGoal: 'no',
      fullCredit: '80.0 %',
      noCredit: '40.0 %',
      penaltyFloor: '35.0 %',
      credit: 'partial',
      penalty: 'no',
    });
    expect(rows.find((r) => r.measure === 'Cost-effectiveness')).toMatchObject({ shown: 'no value' });
  });

  it('counts the plan’s actions as they stood on 30 September; a plan opened later is left out', () => {
    expect(table(doc, 'Action plans').rows).toEqual([
      {
        plan: 'Raise current collections',
        measure: 'current_collections',
        owner: 'Administrator',
        status: 'open',
        actions: 4,
        completed: 1,
        completedInPeriod: 1,
        overdue: 2,
        percentComplete: 25,
      },
    ]);
  });

  it('gives review results by unit and by worker over the reviews made in the quarter', async () => {
    const units = await t.db.selectFrom('units').select(['id', 'name']).execute();
    const name = (id: number) => units.find((u) => u.id === id)!.name;
    const byUnit = table(doc, 'Reviews by unit').rows;
    expect(byUnit.find((r) => r.group === name(ids.unitX!))).toMatchObject({
      reviews: 2,
      average: 3.3,
      timeliness: 2.5,
    });
    expect(byUnit.find((r) => r.group === name(ids.unitY!))).toMatchObject({ reviews: 1, average: 4, accuracy: 4 });
    expect(table(doc, 'Reviews by worker').rows).toEqual([
      expect.objectContaining({ group: 'Ana', reviews: 2, average: 4.3, accuracy: 4.5, timeliness: 3.5 }),
      expect.objectContaining({ group: 'Ben', reviews: 1, average: 2, accuracy: 2 }),
    ]);
  });

  it('gives training standing on 30 September and completions in the quarter', () => {
    expect(table(doc, 'Training').rows).toEqual([
      {
        course: 'Language access',
        required: 2,
        current: 1,
        dueSoon: 0,
        overdue: 1,
        never: 0,
        percentCurrent: 50,
        completedInPeriod: 1,
      },
    ]);
  });

  it('downloads the same numbers as CSV, and can be scheduled', async () => {
    const csv = await admin.call('GET', '/api/v1/reports/qa?period=2026-Q3&asOf=2026-10-02T12:00:00Z&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain('Raise current collections');
    const schedule = await admin.call('POST', '/api/v1/reports/schedules', {
      name: 'Quarterly QA report',
      reportKind: 'qa',
      formats: ['xlsx'],
      recipients: ['qa@agency.example'],
      runOn: 'first_business_day',
    });
    expect(schedule.statusCode, schedule.body).toBe(201);
  });

  it('puts the plans’ status in the commissioner’s monthly report, as they stood at the month’s end', async () => {
    const september = await ok(await admin.call('GET', '/api/v1/reports/monthly?month=2026-09'));
    expect(september.actionPlans).toEqual([
      expect.objectContaining({
        title: 'Raise current collections',
        actions: 4,
        completed: 1,
        completedInPeriod: 0,
        overdue: 2,
      }),
    ]);
    const csv = await admin.call('GET', '/api/v1/reports/monthly?month=2026-09&format=csv');
    expect(csv.body).toContain('Improvement action plans');
    const july = await ok(await admin.call('GET', '/api/v1/reports/monthly?month=2026-07'));
    expect(july.actionPlans).toEqual([
      expect.objectContaining({ actions: 4, completed: 1, completedInPeriod: 1, overdue: 0 }),
    ]);
  });

  it('widens a month (what a monthly schedule asks for) to its quarter up to that month', () => {
    expect(qualityReportPeriod(monthPeriod(2026, 9))).toMatchObject({
      key: '2026-Q3',
      from: '2026-07-01',
      to: '2026-09-30',
    });
    expect(qualityReportPeriod(monthPeriod(2026, 8))).toMatchObject({
      kind: 'range',
      from: '2026-07-01',
      to: '2026-08-31',
    });
  });
});
