// What a procedure version asks of staff: a version drafted with a required course and an acknowledgement (checked:
// the course must be one of the agency's; only a draft's requirements change), approved, tells each person who owes
// it; the course shows in the training needs "Required by procedure …" until they complete it, the acknowledgement
// in the procedure's pending list until they give it; and the quality sweep reminds whoever still owes it after the
// due date once, a second sweep sending nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { USER_PASSWORD, createUser } from '../../../test/factories.ts';
import { sweepQualityReminders } from '../../../jobs/quality-reminder-sweep.ts';
import { addLocalDays, localDate } from '../../../../shared/local-time.ts';
import type { ProcedureDetail, TrainingNeeds } from '../../../../shared/quality.ts';
import type { NotificationList } from '../../../../shared/notifications.ts';

let t: TestApp;
let admin: SignedIn;
let worker: SignedIn;
let other: SignedIn;
let ids: { worker: number; other: number };
let courseId: number;
let today: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  ids = {
    worker: (await createUser(t.db, { email: 'wren@example.gov', role: 'caseworker', name: 'Wren Worker' })).id,
    other: (await createUser(t.db, { email: 'otto@example.gov', role: 'unit_liaison', name: 'Otto Other' })).id,
  };
  await createUser(t.db, { email: 'audra@example.gov', role: 'auditor', name: 'Audra Auditor' });
  worker = await signInAs(t.app, 'wren@example.gov', USER_PASSWORD);
  other = await signInAs(t.app, 'otto@example.gov', USER_PASSWORD);
  const agency = await t.db.selectFrom('agencies').select('time_zone').executeTakeFirstOrThrow();
  today = localDate(new Date(), agency.time_zone);
  courseId = (await admin.call('POST', '/api/v1/training/courses', { title: 'Language line basics' })).json().id;
}, 60_000);

afterAll(async () => {
  await t.close();
});

const inbox = async (who: SignedIn) =>
  ((await who.call('GET', '/api/v1/notifications')).json() as NotificationList).items.map((n) => [n.kind, n.summary]);
const needsOf = async (name: string) =>
  ((await admin.call('GET', '/api/v1/training/needs')).json() as TrainingNeeds).needs.filter((n) => n.name === name);
const countProcedures = async () =>
  Number(
    (await t.db
      .selectFrom('procedures')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst())!.n,
  );

describe('what a procedure version asks of staff', () => {
  let id: number;

  it('refuses a course that is not the agency’s, naming the field, and writes nothing', async () => {
    const before = await countProcedures();
    const res = await admin.call('POST', '/api/v1/procedures', {
      title: 'Interpreter calls',
      body: 'Conference the language line.',
      requiredCourseId: 999_999,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { field: 'requiredCourseId', message: 'is not a training course of this agency' },
    ]);
    expect(await countProcedures()).toBe(before);
    const wrongType = await admin.call('POST', '/api/v1/procedures', {
      title: 'Interpreter calls',
      body: 'x',
      acknowledgementRequired: 'maybe',
    });
    expect(wrongType.statusCode).toBe(400);
    expect(await countProcedures()).toBe(before);
  });

  it('drafts a version with an acknowledgement, then sets its course while it is a draft', async () => {
    const res = await admin.call('POST', '/api/v1/procedures', {
      title: 'Interpreter calls',
      body: 'Conference the language line.',
      acknowledgementRequired: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    const url = `/api/v1/procedures/${id}/versions/1/requirements`;
    const bad = await admin.call('PUT', url, { requiredCourseId: 424_242, acknowledgementRequired: true });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('requiredCourseId');
    expect(
      (await worker.call('PUT', url, { requiredCourseId: courseId, acknowledgementRequired: true })).statusCode,
    ).toBe(403);
    const set = await admin.call('PUT', url, { requiredCourseId: courseId, acknowledgementRequired: true });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ version: 1, requiredCourseId: courseId, acknowledgementRequired: true });
    const detail = (await admin.call('GET', `/api/v1/procedures/${id}`)).json() as ProcedureDetail;
    expect(detail.versions[0]).toMatchObject({
      requiredCourse: { id: courseId, title: 'Language line basics' },
      acknowledgementRequired: true,
    });
    // Nothing is owed while it is a draft.
    expect(await needsOf('Wren Worker')).toEqual([]);
    expect(await inbox(worker)).toEqual([]);
  });

  it('on approval tells each person who owes it, and lists the course in their training needs', async () => {
    const approved = await admin.call('POST', `/api/v1/procedures/${id}/versions/1/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    const dueOn = addLocalDays(today, 30);
    expect(await inbox(worker)).toEqual(
      expect.arrayContaining([
        ['procedure_acknowledgement_due', `Read and acknowledge “Interpreter calls” version 1 by ${dueOn}`],
        ['training_due', `“Interpreter calls” version 1 requires the training “Language line basics” by ${dueOn}`],
      ]),
    );
    expect(await inbox(other)).toHaveLength(2);
    expect(await needsOf('Wren Worker')).toEqual([
      expect.objectContaining({
        courseId,
        status: 'assigned',
        dueOn,
        why: 'Required by procedure “Interpreter calls” version 1',
        procedure: { id, version: 1, title: 'Interpreter calls' },
      }),
    ]);
    expect(await needsOf('Audra Auditor')).toEqual([]);
    const detail = (await worker.call('GET', `/api/v1/procedures/${id}`)).json() as ProcedureDetail;
    expect(detail.acknowledgements).toMatchObject({ version: 1, required: true, dueOn });
    expect(detail.versions[0]!.obligationsDueOn).toBe(dueOn);
    expect(detail.acknowledgements.pending.map((p) => p.name)).toEqual(['Administrator', 'Otto Other', 'Wren Worker']);
    // An approved version keeps what it was approved with.
    const late = await admin.call('PUT', `/api/v1/procedures/${id}/versions/1/requirements`, {
      requiredCourseId: null,
      acknowledgementRequired: false,
    });
    expect(late.statusCode).toBe(409);
  });

  it('drops the need once the person completes the course, and the pending entry once they acknowledge', async () => {
    const session = await admin.call('POST', `/api/v1/training/courses/${courseId}/sessions`, { heldOn: today });
    const attended = await admin.call('POST', `/api/v1/training/sessions/${session.json().id}/attendance`, {
      userId: ids.worker,
      attended: true,
    });
    expect(attended.statusCode, attended.body).toBe(200);
    expect(await needsOf('Wren Worker')).toEqual([]);
    expect(await needsOf('Otto Other')).toHaveLength(1);
    expect((await worker.call('POST', `/api/v1/procedures/${id}/versions/1/acknowledge`)).statusCode).toBe(200);
    const detail = (await worker.call('GET', `/api/v1/procedures/${id}`)).json() as ProcedureDetail;
    expect(detail.acknowledgements.pending.map((p) => p.name)).toEqual(['Administrator', 'Otto Other']);
  });

  it('a new version starts with the requirements of the version in force unless told otherwise', async () => {
    const kept = await admin.call('POST', `/api/v1/procedures/${id}/versions`, { body: 'Conference first.' });
    expect(kept.statusCode, kept.body).toBe(201);
    const changed = await admin.call('POST', `/api/v1/procedures/${id}/versions`, {
      body: 'Conference first, always.',
      requiredCourseId: null,
      acknowledgementRequired: false,
    });
    expect(changed.statusCode, changed.body).toBe(201);
    const detail = (await admin.call('GET', `/api/v1/procedures/${id}`)).json() as ProcedureDetail;
    expect(detail.versions.map((v) => [v.version, v.requiredCourse?.id ?? null, v.acknowledgementRequired])).toEqual([
      [3, null, false],
      [2, courseId, true],
      [1, courseId, true],
    ]);
  });
});

describe('reminders of what is still owed after the due date', () => {
  it('reminds each person once per version, and a second sweep sends nothing new', async () => {
    const created = await admin.call('POST', '/api/v1/procedures', {
      title: 'Walk-in safety',
      body: 'Keep the lobby clear.',
      requiredCourseId: courseId,
      acknowledgementRequired: true,
    });
    const id = created.json().id as number;
    const effectiveOn = addLocalDays(today, -40);
    const approved = await admin.call('POST', `/api/v1/procedures/${id}/versions/1/approve`, { effectiveOn });
    expect(approved.statusCode, approved.body).toBe(200);
    // Wren took the course today (after the approval) and acknowledges; Otto owes both; the administrator too.
    expect((await worker.call('POST', `/api/v1/procedures/${id}/versions/1/acknowledge`)).statusCode).toBe(200);
    // Otto owes the course to both procedures: one need, with the sooner due date, naming both.
    expect(await needsOf('Otto Other')).toEqual([
      expect.objectContaining({
        status: 'overdue',
        dueOn: addLocalDays(effectiveOn, 30),
        procedure: { id, version: 1, title: 'Walk-in safety' },
        why:
          'Required by procedure “Walk-in safety” version 1; ' + 'required by procedure “Interpreter calls” version 1',
      }),
    ]);

    const workerBefore = (await inbox(worker)).length;
    const first = await sweepQualityReminders(t.db, new Date(), { publicUrl: 'https://civicdesk.example.gov' });
    // Otto and the administrator: acknowledgement and training each; the first procedure is not due yet.
    expect(first.obligations).toBe(4);
    const dueOn = addLocalDays(effectiveOn, 30);
    expect((await inbox(other)).slice(0, 2).sort()).toEqual([
      ['procedure_acknowledgement_due', `You were to acknowledge “Walk-in safety” version 1 by ${dueOn}`],
      [
        'training_overdue',
        `You were to complete the training “Language line basics” required by “Walk-in safety” version 1 by ${dueOn}`,
      ],
    ]);
    expect((await inbox(worker)).length).toBe(workerBefore);
    const otherCount = (await inbox(other)).length;

    const second = await sweepQualityReminders(t.db, new Date(), { publicUrl: 'https://civicdesk.example.gov' });
    expect(second.obligations).toBe(0);
    expect((await inbox(other)).length).toBe(otherCount);
    const audits = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', 'in', ['procedure.acknowledgement_reminded', 'procedure.training_reminded'])
      .execute();
    expect(audits).toHaveLength(4);
  });
});
