// Procedure-review and training reminders of the daily sweep, mailed over real SMTP (the fake relay): the owner of a
// procedure whose review comes due is told once for that due date; a caseworker whose required course comes due is
// told once while it is due soon and once more when it is overdue, and so is the manager of their unit — not a
// supervisor of another unit, and nobody a second time when the sweep runs again.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../test/test-app.ts';
import { USER_PASSWORD, createUser } from '../test/factories.ts';
import { startFakeRelay, type FakeRelay } from '../test/fake-relay.ts';
import { drainJobs } from './worker.ts';
import { resetTransports } from './email-send.ts';
import { sweepQualityReminders } from './quality-reminder-sweep.ts';
import { addLocalDays, localDate } from '../../shared/local-time.ts';
import { addMonths } from '../../domain/training.ts';
import type { NotificationList } from '../../shared/notifications.ts';

let t: TestApp;
let relay: FakeRelay;
let admin: SignedIn;
let owner: SignedIn;
let worker: SignedIn;
let today: string;
const now = new Date();

const people = {
  owner: { email: 'olive.owner@example.gov', role: 'supervisor' as const, name: 'Olive Owner' },
  worker: { email: 'wes.worker@example.gov', role: 'caseworker' as const, name: 'Wes Worker', units: ['HEAP'] },
  manager: {
    email: 'mae.manager@example.gov',
    role: 'supervisor' as const,
    name: 'Mae Manager',
    managedUnits: ['HEAP'],
  },
  elsewhere: { email: 'fay.elsewhere@example.gov', role: 'supervisor' as const, name: 'Fay Elsewhere', units: ['FIA'] },
};

/** What the relay received since `from`: recipient and subject of each message. */
async function mailSince(from: number): Promise<[string, string][]> {
  const parsed = await Promise.all(relay.messages.slice(from).map((m) => simpleParser(m.raw)));
  return parsed.map((m, i): [string, string] => [relay.messages[from + i]!.to.join(','), m.subject ?? '']).sort();
}

beforeAll(async () => {
  relay = await startFakeRelay();
  t = await createTestApp({ smtpUrl: relay.url, publicUrl: 'https://civicdesk.example.gov' });
  admin = await signInAs(t.app);
  for (const person of Object.values(people)) {
    await createUser(t.db, person);
    const session = await signInAs(t.app, person.email, USER_PASSWORD);
    await session.call('PUT', '/api/v1/notifications/preferences', { email: 'immediate' });
  }
  owner = await signInAs(t.app, people.owner.email, USER_PASSWORD);
  worker = await signInAs(t.app, people.worker.email, USER_PASSWORD);
  const agency = await t.db.selectFrom('agencies').select('time_zone').executeTakeFirstOrThrow();
  today = localDate(now, agency.time_zone);
}, 60_000);

afterAll(async () => {
  resetTransports();
  await relay?.stop();
  await t?.close();
});

describe('quality reminders in the daily sweep', () => {
  let reviewDue: string;
  let trainingDue: string;

  it('mails the procedure owner, the caseworker and their unit manager once each', async () => {
    // Approved a year ago less ten days, reviewed every 12 months: the review is due in ten days.
    const created = await owner.call('POST', '/api/v1/procedures', {
      title: 'Walk-in intake',
      body: 'Greet, sign in, triage.',
      reviewMonths: 12,
    });
    const procedureId = created.json().id as number;
    const effectiveOn = addLocalDays(addMonths(today, -12), 10);
    const approved = await owner.call('POST', `/api/v1/procedures/${procedureId}/versions/1/approve`, { effectiveOn });
    expect(approved.statusCode, approved.body).toBe(200);
    reviewDue = addMonths(effectiveOn, 12);

    // A yearly course for caseworkers, last attended a year ago less twenty days: due in about twenty days.
    const course = await admin.call('POST', '/api/v1/training/courses', {
      title: 'Interpreter calls',
      requiredForRole: 'caseworker',
      renewalMonths: 12,
    });
    expect(course.statusCode, course.body).toBe(201);
    const heldOn = addLocalDays(addMonths(today, -12), 20);
    const session = await admin.call('POST', `/api/v1/training/courses/${course.json().id}/sessions`, { heldOn });
    expect(session.statusCode, session.body).toBe(201);
    const workerId = (
      await t.db.selectFrom('users').select('id').where('email', '=', people.worker.email).executeTakeFirstOrThrow()
    ).id;
    const sessionId = session.json().id as number;
    await admin.call('POST', `/api/v1/training/sessions/${sessionId}/enrolments`, { userId: workerId });
    const attended = await admin.call('POST', `/api/v1/training/sessions/${sessionId}/attendance`, {
      userId: workerId,
      attended: true,
    });
    expect(attended.statusCode, attended.body).toBe(200);
    trainingDue = addMonths(heldOn, 12);

    expect(await sweepQualityReminders(t.db, now, t.config)).toEqual({ procedures: 1, training: 1, obligations: 0 });
    expect(await sweepQualityReminders(t.db, now, t.config)).toEqual({ procedures: 0, training: 0, obligations: 0 });
    await drainJobs({ db: t.db, config: t.config });
    expect(await mailSince(0)).toEqual([
      [people.manager.email, 'Training due soon: Interpreter calls'],
      [people.owner.email, 'A procedure is due for review: Walk-in intake'],
      [people.worker.email, 'Training due soon: Interpreter calls'],
    ]);
    const toOwner = await simpleParser(relay.messages.find((m) => m.to.includes(people.owner.email))!.raw);
    expect(toOwner.text).toContain(`The review of the procedure “Walk-in intake” is due on ${reviewDue}.`);
    expect(toOwner.text).toContain(`https://civicdesk.example.gov/quality/procedures/${procedureId}`);
    const toManager = await simpleParser(relay.messages.find((m) => m.to.includes(people.manager.email))!.raw);
    expect(toManager.text).toContain(`Wes Worker's training “Interpreter calls” is due on ${trainingDue}.`);
    expect(toManager.text).toContain('https://civicdesk.example.gov/quality/training');

    const inbox = ((await worker.call('GET', '/api/v1/notifications')).json() as NotificationList).items;
    expect(inbox.map((n) => [n.kind, n.summary])).toEqual([
      ['training_due', `Your training “Interpreter calls” is due on ${trainingDue}`],
    ]);
  });

  it('tells once more when the course is overdue, and nothing new about a review already told', async () => {
    const sent = relay.messages.length;
    const later = new Date(now.getTime() + 40 * 86_400_000);
    expect(await sweepQualityReminders(t.db, later, t.config)).toEqual({ procedures: 0, training: 1, obligations: 0 });
    expect(await sweepQualityReminders(t.db, later, t.config)).toEqual({ procedures: 0, training: 0, obligations: 0 });
    await drainJobs({ db: t.db, config: t.config });
    expect(await mailSince(sent)).toEqual([
      [people.manager.email, 'Training overdue: Interpreter calls'],
      [people.worker.email, 'Training overdue: Interpreter calls'],
    ]);
    const reminders = await t.db
      .selectFrom('training_reminders')
      .select([sql<string>`due_on::text`.as('due_on'), 'standing'])
      .orderBy('standing')
      .execute();
    expect(reminders.map((r) => [r.due_on, r.standing])).toEqual([
      [trainingDue, 'due_soon'],
      [trainingDue, 'overdue'],
    ]);
  });
});
