// Action plans from outside: open one for a measure with actions, read it back, refusals naming the field with
// nothing written, completing actions (the last completes the plan), who may complete, the measured effect, and
// the deadline sweep flagging, notifying and escalating overdue actions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { USER_PASSWORD, createUser } from '../../../test/factories.ts';
import { sweepOverdueActions } from '../../../jobs/action-plan-sweep.ts';
import type { ActionPlan, ActionPlanSummary } from '../../../../shared/quality.ts';
import type { NotificationList } from '../../../../shared/notifications.ts';

let t: TestApp;
let admin: SignedIn;
let worker: SignedIn;
let workerId: number;
let otherId: number;
let adminId: number;

beforeAll(async () => {
  t = await createTestApp({ agencyPreset: 'child-support' });
  admin = await signInAs(t.app);
  workerId = (await createUser(t.db, { email: 'qa.worker@example.gov', role: 'caseworker', name: 'Quinn Worker' })).id;
  otherId = (await createUser(t.db, { email: 'other@example.gov', role: 'caseworker' })).id;
  worker = await signInAs(t.app, 'qa.worker@example.gov', USER_PASSWORD);
  adminId = (await t.db.selectFrom('users').select('id').where('role', '=', 'administrator').executeTakeFirstOrThrow())
    .id;
}, 60_000);

afterAll(async () => {
  await t.close();
});

const planCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('action_plans')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('action plans', () => {
  let plan: ActionPlan;

  it('opens a plan for a measure with its actions and reads it back', async () => {
    await admin.call('POST', '/api/v1/measures/current_collections/values', {
      period: 'FFY2025',
      numerator: 55,
      denominator: 100,
    });
    const res = await admin.call('POST', '/api/v1/action-plans', {
      title: 'Raise current collections',
      measureKey: 'current_collections',
      ownerId: adminId,
      goal: 'Current collections at 65 % by FFY2027',
      actions: [
        { title: 'Call every case with a missed payment within 5 days', ownerId: workerId, dueOn: '2020-01-15' },
        { title: 'Wage withholding review', ownerId: otherId, dueOn: '2099-02-01' },
      ],
    });
    expect(res.statusCode).toBe(201);
    plan = res.json() as ActionPlan;
    expect(plan).toMatchObject({
      status: 'open',
      measureKey: 'current_collections',
      measureName: 'Current collections',
      ownerName: 'Administrator',
      actions: [
        { dueOn: '2020-01-15', completedOn: null, ownerName: 'Quinn Worker', overdue: true },
        { dueOn: '2099-02-01', completedOn: null, overdue: false },
      ],
      effect: { before: { period: 'FFY2025', value: 0.55 }, after: null },
    });
    expect(typeof plan.id).toBe('number');
    expect(typeof plan.actions[0]!.id).toBe('number');
    const read = await worker.call('GET', `/api/v1/action-plans/${plan.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(plan);
    const list = (await worker.call('GET', '/api/v1/action-plans')).json() as ActionPlanSummary[];
    expect(list[0]).toMatchObject({ id: plan.id, openActions: 2, overdueActions: 1, nextDueOn: '2020-01-15' });
  });

  it('refuses bad input naming each field and writes nothing', async () => {
    const before = await planCount();
    const res = await admin.call('POST', '/api/v1/action-plans', {
      title: ' ',
      measureKey: 'no_such_measure',
      ownerId: 99999,
      goal: 'x',
      actions: [{ title: 'a', ownerId: workerId, dueOn: '2026-02-30' }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      'title',
      'measureKey',
      'ownerId',
      'actions.0.dueOn',
    ]);
    const missing = await admin.call('POST', '/api/v1/action-plans', { title: 'x', goal: 'y', actions: [] });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toMatch(/ownerId/);
    expect(
      (await worker.call('POST', '/api/v1/action-plans', { title: 'x', ownerId: workerId, goal: 'y', actions: [] }))
        .statusCode,
    ).toBe(403);
    expect(await planCount()).toBe(before);
    expect((await admin.call('GET', '/api/v1/action-plans/999999')).statusCode).toBe(404);
  });

  it('sweeps overdue actions: flags and notifies the owner, escalates to the plan owner a week later', async () => {
    // The action's owner asked for every notification by email (without a choice only escalations are mailed).
    await worker.call('PUT', '/api/v1/notifications/preferences', { email: 'immediate' });
    const now = new Date();
    expect(await sweepOverdueActions(t.db, now, t.config)).toBe(1);
    expect(await sweepOverdueActions(t.db, now, t.config)).toBe(0);
    const mail = await t.db
      .selectFrom('outbox')
      .select(['to_address', 'subject'])
      .where('kind', '=', 'notification')
      .execute();
    expect(mail).toEqual([
      { to_address: 'qa.worker@example.gov', subject: expect.stringMatching(/^Overdue action: Call every case/) },
    ]);
    const later = new Date(now.getTime() + 8 * 86_400_000);
    expect(await sweepOverdueActions(t.db, later, t.config)).toBe(1);
    const read = (await admin.call('GET', `/api/v1/action-plans/${plan.id}`)).json() as ActionPlan;
    expect(read.actions[0]!.escalationLevel).toBe(2);
    const inboxOf = async (session: SignedIn) =>
      ((await session.call('GET', '/api/v1/notifications')).json() as NotificationList).items.filter((n) =>
        n.kind.startsWith('action_'),
      );
    expect(await inboxOf(worker)).toEqual([
      expect.objectContaining({
        kind: 'action_overdue',
        actionPlanId: plan.id,
        summary: expect.stringMatching(/^Your action/),
      }),
    ]);
    expect(await inboxOf(admin)).toEqual([
      expect.objectContaining({ kind: 'action_escalated', actionPlanId: plan.id }),
    ]);
    const audit = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_type', '=', 'action_plan')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'action_plan.created',
      'action_plan.action_overdue',
      'action_plan.action_escalated',
    ]);
  });

  it('completes actions by their owner with evidence; someone else may not; the last completes the plan', async () => {
    const first = plan.actions[0]!.id;
    const second = plan.actions[1]!.id;
    const done = await worker.call('POST', `/api/v1/action-plans/${plan.id}/actions/${first}/complete`, {
      evidence: 'Call log attached to the shared drive',
    });
    expect(done.statusCode).toBe(200);
    expect((done.json() as ActionPlan).actions[0]).toMatchObject({
      overdue: false,
      evidence: 'Call log attached to the shared drive',
    });
    expect((done.json() as ActionPlan).actions[0]!.completedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(
      (await worker.call('POST', `/api/v1/action-plans/${plan.id}/actions/${second}/complete`, {})).statusCode,
    ).toBe(403);
    expect(
      (await worker.call('POST', `/api/v1/action-plans/${plan.id}/actions/${first}/complete`, {})).statusCode,
    ).toBe(409);
    const future = await admin.call('POST', `/api/v1/action-plans/${plan.id}/actions/${second}/complete`, {
      completedOn: '2999-01-01',
    });
    expect(future.statusCode).toBe(400);
    const last = await admin.call('POST', `/api/v1/action-plans/${plan.id}/actions/${second}/complete`, {
      completedOn: '2026-01-10',
    });
    expect(last.json()).toMatchObject({ status: 'completed' });
  });

  it('adds an action to an open plan and changes the status by hand', async () => {
    const reopened = await admin.call('POST', `/api/v1/action-plans/${plan.id}/status`, { status: 'open' });
    expect(reopened.json()).toMatchObject({ status: 'open' });
    const added = await admin.call('POST', `/api/v1/action-plans/${plan.id}/actions`, {
      title: 'Review in March',
      ownerId: adminId,
      dueOn: '2099-03-01',
    });
    expect(added.statusCode).toBe(201);
    expect((added.json() as ActionPlan).actions).toHaveLength(3);
    expect(
      (await admin.call('POST', `/api/v1/action-plans/${plan.id}/status`, { status: 'done' })).json().error.details[0]
        .field,
    ).toBe('status');
  });
});
