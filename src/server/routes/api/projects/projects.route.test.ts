// Special projects through the API: start one with its team, plan milestones, report status, link a case and an
// engagement, read the portfolio; bad input changes nothing; the deadline sweep tells the owner once of a milestone
// due soon and once when it is overdue, through the notifications inbox and the outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { signInWithRole } from '../../../test/admin-test-support.ts';
import { sweepProjectMilestones } from '../../../jobs/milestone-sweep.ts';
import { addLocalDays, localDate } from '../../../../shared/local-time.ts';
import type { PortfolioView, ProjectView } from '../../../../shared/projects.ts';
import type { NotificationList } from '../../../../shared/notifications.ts';

let t: TestApp;
let admin: SignedIn;
let owner: SignedIn & { id: number };
let member: SignedIn & { id: number };
let auditor: SignedIn;
let today: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  owner = await signInWithRole(t, admin, 'caseworker');
  member = await signInWithRole(t, admin, 'supervisor');
  auditor = await signInWithRole(t, admin, 'auditor');
  const zone = (await t.db.selectFrom('agencies').select('time_zone').where('id', '=', 1).executeTakeFirstOrThrow())
    .time_zone;
  today = localDate(new Date(), zone);
});
afterAll(async () => t.close());

const projectCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('projects')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('special projects', () => {
  let projectId: number;

  it('starts a project with scope, owner and team', async () => {
    const res = await owner.call('POST', '/api/v1/projects', {
      title: 'Shelter conditions hotline',
      scope: 'Stand up a hotline for shelter residents and answer within a day.',
      ownerId: owner.id,
      memberIds: [member.id, member.id],
      startsOn: today,
      dueOn: addLocalDays(today, 90),
    });
    expect(res.statusCode, res.body).toBe(201);
    const project = res.json() as ProjectView;
    projectId = project.id;
    expect(project).toMatchObject({
      title: 'Shelter conditions hotline',
      status: 'active',
      health: 'on_track',
      ownerId: owner.id,
      milestonesTotal: 0,
      nextMilestone: null,
    });
    expect(project.members.map((m) => m.userId)).toEqual([member.id]);
  });

  it('refuses bad input naming each field, writing nothing; an auditor only reads', async () => {
    const before = await projectCount();
    const res = await owner.call('POST', '/api/v1/projects', {
      title: '  ',
      ownerId: 999999,
      memberIds: [888888],
      startsOn: '2026-05-10',
      dueOn: '2026-02-30',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      'title',
      'ownerId',
      'memberIds',
      'dueOn',
    ]);
    const backwards = await owner.call('POST', '/api/v1/projects', {
      title: 'x',
      ownerId: owner.id,
      startsOn: '2026-05-10',
      dueOn: '2026-05-01',
    });
    expect(backwards.json().error.details).toEqual([{ field: 'dueOn', message: 'must not be before startsOn' }]);
    const denied = await auditor.call('POST', '/api/v1/projects', { title: 'x', ownerId: owner.id });
    expect(denied.statusCode).toBe(403);
    expect(await projectCount()).toBe(before);
    expect((await auditor.call('GET', `/api/v1/projects/${projectId}`)).statusCode).toBe(200);
    expect((await owner.call('GET', '/api/v1/projects/999999')).statusCode).toBe(404);
  });

  it('plans milestones, completes one and reports status; the latest report sets the health', async () => {
    const add = (title: string, dueOn: string) =>
      owner.call('POST', `/api/v1/projects/${projectId}/milestones`, { title, dueOn });
    expect((await add('Phone line ordered', addLocalDays(today, -10))).statusCode).toBe(201);
    expect((await add('Scripts approved', addLocalDays(today, 2))).statusCode).toBe(201);
    const third = await add('Hotline live', addLocalDays(today, 30));
    const milestones = (third.json() as ProjectView).milestones;
    expect(milestones.map((m) => [m.title, m.overdue])).toEqual([
      ['Phone line ordered', true],
      ['Scripts approved', false],
      ['Hotline live', false],
    ]);
    expect((await add('Bad', '2026-13-01')).json().error.details).toEqual([
      { field: 'dueOn', message: 'must be a date written YYYY-MM-DD' },
    ]);
    const done = await owner.call('PATCH', `/api/v1/projects/${projectId}/milestones/${milestones[0]!.id}`, {
      completed: true,
    });
    expect(done.json()).toMatchObject({ milestonesTotal: 3, milestonesDone: 1, milestonesOverdue: 0 });
    const report = await member.call('POST', `/api/v1/projects/${projectId}/reports`, {
      health: 'at_risk',
      summary: 'The vendor is late with the scripts.',
    });
    expect(report.statusCode, report.body).toBe(201);
    expect(report.json()).toMatchObject({
      health: 'at_risk',
      nextMilestone: { title: 'Scripts approved', dueOn: addLocalDays(today, 2) },
      reports: [{ health: 'at_risk', summary: 'The vendor is late with the scripts.' }],
    });
    expect(
      (await owner.call('POST', `/api/v1/projects/${projectId}/reports`, { health: 'fine', summary: 'x' })).statusCode,
    ).toBe(400);
  });

  it('links a case by tracking number and an engagement; an unknown record is refused', async () => {
    const created = await owner.call('POST', '/api/v1/cases', {
      channel: 'email',
      subject: 'SNAP',
      description: 'No heat in the shelter.',
      person: { firstName: 'Rosa', lastName: 'Diaz', email: 'rosa@example.org' },
    });
    const tn = created.json().trackingNumber as string;
    const engagement = await owner.call('POST', '/api/v1/engagements', {
      kind: 'forum',
      title: 'Shelter residents forum',
      startsAt: '2026-04-01T22:00:00Z',
      endsAt: '2026-04-01T23:30:00Z',
    });
    const link = (body: unknown) => owner.call('POST', `/api/v1/projects/${projectId}/links`, body);
    expect((await link({ type: 'case', id: tn })).statusCode).toBe(201);
    expect((await link({ type: 'case', id: tn })).statusCode).toBe(201);
    const linked = (await link({ type: 'engagement', id: engagement.json().id })).json() as ProjectView;
    expect(linked.links).toEqual([
      { type: 'case', id: created.json().id ?? expect.any(Number), label: tn, trackingNumber: tn },
      { type: 'engagement', id: engagement.json().id, label: 'Shelter residents forum' },
    ]);
    const unknown = await link({ type: 'action_plan', id: 424242 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].field).toBe('id');
    const removed = await owner.call(
      'DELETE',
      `/api/v1/projects/${projectId}/links/engagement/${engagement.json().id}`,
    );
    expect((removed.json() as ProjectView).links.map((l) => l.type)).toEqual(['case']);
  });

  it("gives the director a portfolio counted by the active projects' health", async () => {
    await owner.call('POST', '/api/v1/projects', { title: 'Forms in ten languages', ownerId: owner.id });
    const closed = await owner.call('POST', '/api/v1/projects', { title: 'Old pilot', ownerId: owner.id });
    await owner.call('PATCH', `/api/v1/projects/${closed.json().id}`, { status: 'completed' });
    const portfolio = (await admin.call('GET', '/api/v1/projects/portfolio')).json() as PortfolioView;
    expect(portfolio.counts).toEqual({ active: 2, onTrack: 1, atRisk: 1, late: 0, milestonesOverdue: 0 });
    expect(portfolio.items.map((p) => p.title)).toEqual([
      'Shelter conditions hotline',
      'Forms in ten languages',
      'Old pilot',
    ]);
  });

  it("tells the owner once that a milestone is due soon and once that it is overdue, by the person's preference", async () => {
    await owner.call('PUT', '/api/v1/notifications/preferences', { email: 'immediate' });
    const now = new Date();
    expect(await sweepProjectMilestones(t.db, now, t.config)).toBe(1);
    expect(await sweepProjectMilestones(t.db, now, t.config)).toBe(0);
    const later = new Date(now.getTime() + 4 * 86_400_000);
    expect(await sweepProjectMilestones(t.db, later, t.config)).toBe(1);
    expect(await sweepProjectMilestones(t.db, later, t.config)).toBe(0);
    const inbox = ((await owner.call('GET', '/api/v1/notifications')).json() as NotificationList).items.filter((n) =>
      n.kind.startsWith('milestone_'),
    );
    expect(inbox.map((n) => [n.kind, n.projectId])).toEqual([
      ['milestone_overdue', projectId],
      ['milestone_due', projectId],
    ]);
    expect(inbox[1]!.summary).toBe(
      `The milestone “Scripts approved” of the project “Shelter conditions hotline” is due on ${addLocalDays(today, 2)}`,
    );
    const mail = await t.db
      .selectFrom('outbox')
      .select(['subject', 'body'])
      .where('kind', '=', 'notification')
      .where('subject', 'like', 'Milestone%')
      .orderBy('id')
      .execute();
    expect(mail.map((m) => m.subject)).toEqual([
      'Milestone due soon: Scripts approved',
      'Milestone overdue: Scripts approved',
    ]);
    expect(mail[0]!.body).toContain(`/projects/${projectId}`);
  });

  it('takes null for a date it may leave empty, on creation and on a change (not refused as empty text)', async () => {
    const created = await owner.call('POST', '/api/v1/projects', {
      title: 'Undated pilot',
      ownerId: owner.id,
      startsOn: null,
      dueOn: null,
    });
    expect(created.statusCode, created.body).toBe(201);
    const project = created.json() as ProjectView;
    expect(project).toMatchObject({ startsOn: null, dueOn: null });
    const dated = await owner.call('PATCH', `/api/v1/projects/${project.id}`, { startsOn: today });
    expect(dated.statusCode, dated.body).toBe(200);
    expect((dated.json() as ProjectView).startsOn).toBe(today);
    const cleared = await owner.call('PATCH', `/api/v1/projects/${project.id}`, { startsOn: null });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect((cleared.json() as ProjectView).startsOn).toBeNull();
    const stored = await t.db
      .selectFrom('projects')
      .select('starts_on')
      .where('id', '=', project.id)
      .executeTakeFirstOrThrow();
    expect(stored.starts_on).toBeNull();
  });
});
