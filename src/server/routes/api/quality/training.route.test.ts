// Training from outside: a course required of caseworkers, renewed yearly and tied to a procedure; a session with
// a capacity; enrolment refused when full; attendance completes the course; the matrix shows who has never taken,
// is current on or is overdue on what is required of them — and nothing for those it is not required of.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { USER_PASSWORD, createUser } from '../../../test/factories.ts';
import type { Course, TrainingMatrix, TrainingNeeds } from '../../../../shared/quality.ts';

let t: TestApp;
let admin: SignedIn;
let worker: SignedIn;
let ids: { ana: number; ben: number; cy: number };

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  ids = {
    ana: (await createUser(t.db, { email: 'ana@example.gov', role: 'caseworker', name: 'Ana' })).id,
    ben: (await createUser(t.db, { email: 'ben@example.gov', role: 'caseworker', name: 'Ben' })).id,
    cy: (await createUser(t.db, { email: 'cy@example.gov', role: 'caseworker', name: 'Cy' })).id,
  };
  worker = await signInAs(t.app, 'ana@example.gov', USER_PASSWORD);
}, 60_000);

afterAll(async () => {
  await t.close();
});

describe('training', () => {
  let courseId: number;
  let sessionId: number;
  let oldSessionId: number;

  it('adds a course required of caseworkers and its sessions; bad input names the field', async () => {
    const procedure = await admin.call('POST', '/api/v1/procedures', { title: 'Interpreters', body: 'Use the line.' });
    const course = await admin.call('POST', '/api/v1/training/courses', {
      title: 'Language access',
      requiredForRole: 'caseworker',
      renewalMonths: 12,
      procedureId: procedure.json().id,
    });
    expect(course.statusCode).toBe(201);
    courseId = course.json().id;
    const bad = await admin.call('POST', '/api/v1/training/courses', {
      title: '',
      requiredForRole: 'intern',
      procedureId: 999,
    });
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      'title',
      'requiredForRole',
      'procedureId',
    ]);
    const session = await admin.call('POST', `/api/v1/training/courses/${courseId}/sessions`, {
      heldOn: '2099-01-10',
      place: 'Room 4',
      trainer: 'Dana',
      capacity: 1,
    });
    expect(session.statusCode).toBe(201);
    sessionId = session.json().id;
    oldSessionId = (
      await admin.call('POST', `/api/v1/training/courses/${courseId}/sessions`, { heldOn: '2020-03-01' })
    ).json().id;
    expect(
      (await admin.call('POST', `/api/v1/training/courses/${courseId}/sessions`, { heldOn: '2026-13-01' })).statusCode,
    ).toBe(400);
    expect((await worker.call('POST', '/api/v1/training/courses', { title: 'x' })).statusCode).toBe(403);
  });

  it('enrols up to capacity and records attendance with an evaluation', async () => {
    expect(
      (await admin.call('POST', `/api/v1/training/sessions/${sessionId}/enrolments`, { userId: ids.ana })).statusCode,
    ).toBe(201);
    const full = await admin.call('POST', `/api/v1/training/sessions/${sessionId}/enrolments`, { userId: ids.ben });
    expect(full.statusCode).toBe(409);
    const attended = await admin.call('POST', `/api/v1/training/sessions/${sessionId}/attendance`, {
      userId: ids.ana,
      attended: true,
      evaluationScore: 5,
      comment: 'Useful',
    });
    expect(attended.json()).toMatchObject({ attended: true, completedOn: '2099-01-10' });
    await admin.call('POST', `/api/v1/training/sessions/${oldSessionId}/attendance`, {
      userId: ids.ben,
      attended: true,
    });
    const courses = (await worker.call('GET', '/api/v1/training/courses')).json() as Course[];
    expect(courses[0]!.sessions.map((s) => [s.heldOn, s.enrolled, s.attended])).toEqual([
      ['2020-03-01', 1, 1],
      ['2099-01-10', 1, 1],
    ]);
  });

  it('shows who still needs the course', async () => {
    const matrix = (await worker.call('GET', '/api/v1/training/matrix')).json() as TrainingMatrix;
    const status = (name: string) => matrix.staff.find((s) => s.name === name)!.courses[0]!;
    expect(status('Ana')).toMatchObject({ required: true, status: 'current', lastCompletedOn: '2099-01-10' });
    expect(status('Ben')).toMatchObject({ required: true, status: 'overdue', dueOn: '2021-03-01' });
    expect(status('Cy')).toMatchObject({ required: true, status: 'never' });
    expect(status('Administrator')).toMatchObject({ required: false, status: 'not_required' });
  });

  it('lists the training needs: required courses not current, and a course assigned by a review finding', async () => {
    const needs = (await worker.call('GET', '/api/v1/training/needs')).json() as TrainingNeeds;
    const of = (name: string) => needs.needs.filter((n) => n.name === name).map((n) => [n.status, n.dueOn]);
    expect(of('Ana')).toEqual([]);
    expect(of('Ben')).toEqual([['overdue', '2021-03-01']]);
    expect(of('Cy')).toEqual([['never', null]]);
    expect(needs.needs[0]!.name).toBe('Ben');
    const courseId = needs.needs[0]!.courseId;
    const admin = await sql<{ id: number }>`select id from users where name = 'Administrator'`.execute(t.db);
    await sql`insert into training_assignments (agency_id, user_id, course_id, reason, assigned_on)
      select agency_id, id, ${courseId}, 'Review finding: tone', date '2026-01-05' from users
      where id = ${admin.rows[0]!.id}`.execute(t.db);
    const after = (await worker.call('GET', '/api/v1/training/needs')).json() as TrainingNeeds;
    expect(after.needs.filter((n) => n.name === 'Administrator')).toMatchObject([
      { status: 'assigned', why: 'Assigned on 2026-01-05: Review finding: tone' },
    ]);
  });
});
