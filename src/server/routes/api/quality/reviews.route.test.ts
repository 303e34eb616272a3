// Response reviews from outside: a supervisor samples closed cases at random (only closed, unreviewed, visible
// ones; by worker), scores one against the rubric, the worker sees their own reviews and nobody else's, and the
// results come by worker and unit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { USER_PASSWORD, createUser } from '../../../test/factories.ts';
import type { Review, ReviewSummary, SampledCase, TrainingNeeds } from '../../../../shared/quality.ts';

let t: TestApp;
let admin: SignedIn;
let worker: SignedIn;
let other: SignedIn;
let workerId: number;
const closed: string[] = [];
let open = '';

const scores = { accuracy: 5, completeness: 4, timeliness: 3, tone: 5, language_access: 4 };

async function newCase(i: number, assigneeId: number, close: boolean): Promise<string> {
  const res = await admin.call('POST', '/api/v1/cases', {
    channel: 'email',
    description: `Review case ${i}: my benefits were cut without notice.`,
    person: { firstName: 'Writer', lastName: `Number${i}`, email: `writer${i}@example.org` },
  });
  expect(res.statusCode, res.body).toBe(201);
  const trackingNumber = res.json().trackingNumber as string;
  expect((await admin.call('POST', `/api/v1/cases/${trackingNumber}/assign`, { assigneeId })).statusCode).toBe(200);
  if (close)
    expect((await admin.call('POST', `/api/v1/cases/${trackingNumber}/status`, { status: 'closed' })).statusCode).toBe(
      200,
    );
  return trackingNumber;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  workerId = (await createUser(t.db, { email: 'rev.worker@example.gov', role: 'caseworker', name: 'Robin Worker' })).id;
  const otherId = (await createUser(t.db, { email: 'rev.other@example.gov', role: 'caseworker', name: 'Olive Other' }))
    .id;
  worker = await signInAs(t.app, 'rev.worker@example.gov', USER_PASSWORD);
  other = await signInAs(t.app, 'rev.other@example.gov', USER_PASSWORD);
  for (let i = 0; i < 4; i++) closed.push(await newCase(i, i < 3 ? workerId : otherId, true));
  open = await newCase(9, workerId, false);
}, 120_000);

afterAll(async () => {
  await t.close();
});

describe('response reviews', () => {
  it('samples closed, unreviewed cases at random, by worker', async () => {
    const res = await admin.call('POST', '/api/v1/reviews/sample', { count: 10 });
    expect(res.statusCode).toBe(200);
    const cases = res.json().cases as SampledCase[];
    expect(cases.map((c) => c.trackingNumber).sort()).toEqual([...closed].sort());
    expect(res.json().rubric.map((c: { key: string }) => c.key)).toEqual(Object.keys(scores));
    const mine = (await admin.call('POST', '/api/v1/reviews/sample', { count: 2, workerId })).json()
      .cases as SampledCase[];
    expect(mine).toHaveLength(2);
    expect(mine.every((c) => c.workerName === 'Robin Worker')).toBe(true);
    expect((await worker.call('POST', '/api/v1/reviews/sample', { count: 2 })).statusCode).toBe(403);
    expect(
      (await admin.call('POST', '/api/v1/reviews/sample', { count: 2, closedFrom: '2026-02-30' })).json().error
        .details[0].field,
    ).toBe('closedFrom');
  });

  it('scores a closed case against the rubric; bad scores and open cases are refused, naming the field', async () => {
    const bad = await admin.call('POST', '/api/v1/reviews', {
      trackingNumber: closed[0],
      scores: { ...scores, tone: 9 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('scores.tone');
    const notClosed = await admin.call('POST', '/api/v1/reviews', { trackingNumber: open, scores });
    expect(notClosed.json().error.details[0].field).toBe('trackingNumber');
    const res = await admin.call('POST', '/api/v1/reviews', {
      trackingNumber: closed[0],
      scores,
      comment: 'Clear and kind.',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ workerName: 'Robin Worker', average: 4.2, reviewerName: 'Administrator' });
    expect((await admin.call('POST', '/api/v1/reviews', { trackingNumber: closed[0], scores })).statusCode).toBe(409);
    await admin.call('POST', '/api/v1/reviews', { trackingNumber: closed[3], scores: { ...scores, accuracy: 1 } });
    const sample = (await admin.call('POST', '/api/v1/reviews/sample', { count: 10 })).json().cases as SampledCase[];
    expect(sample.map((c) => c.trackingNumber).sort()).toEqual([closed[1], closed[2]].sort());
  });

  it('a worker sees their own reviews only; results come by worker and unit', async () => {
    const mine = (await worker.call('GET', '/api/v1/reviews')).json() as Review[];
    expect(mine.map((r) => r.trackingNumber)).toEqual([closed[0]]);
    expect((await worker.call('GET', `/api/v1/reviews?workerId=999`)).json()).toEqual(mine);
    expect(((await other.call('GET', '/api/v1/reviews')).json() as Review[]).map((r) => r.trackingNumber)).toEqual([
      closed[3],
    ]);
    expect((await admin.call('GET', '/api/v1/reviews')).json()).toHaveLength(2);
    expect((await worker.call('GET', '/api/v1/reviews/summary')).statusCode).toBe(403);
    const summary = (await admin.call('GET', '/api/v1/reviews/summary')).json() as ReviewSummary;
    expect(summary.byWorker.map((w) => [w.name, w.reviews, w.average])).toEqual([
      ['Olive Other', 1, 3.4],
      ['Robin Worker', 1, 4.2],
    ]);
    expect(summary.byUnit.reduce((n, u) => n + u.reviews, 0)).toBe(2);
  });

  it("a review's finding assigns a course to the worker: in their training needs, told to them, once", async () => {
    const review = ((await admin.call('GET', '/api/v1/reviews')).json() as Review[]).find(
      (r) => r.trackingNumber === closed[0],
    )!;
    expect(review.assignedCourse).toBeNull();
    const course = await admin.call('POST', '/api/v1/training/courses', { title: 'Plain language letters' });
    expect(course.statusCode).toBe(201);
    const courseId = course.json().id as number;
    const url = `/api/v1/reviews/${review.id}/training`;
    const noCourse = await admin.call('POST', url, { courseId: 9999, reason: 'Letters too long' });
    expect([noCourse.statusCode, noCourse.json().error.details[0].field]).toEqual([400, 'courseId']);
    const blank = await admin.call('POST', url, { courseId, reason: '  ' });
    expect([blank.statusCode, blank.json().error.details[0].field]).toEqual([400, 'reason']);
    expect((await worker.call('POST', url, { courseId, reason: 'Letters too long' })).statusCode).toBe(403);
    expect((await admin.call('POST', '/api/v1/reviews/99999/training', { courseId, reason: 'x' })).statusCode).toBe(
      404,
    );
    expect(((await admin.call('GET', '/api/v1/reviews')).json() as Review[]).every((r) => !r.assignedCourse)).toBe(
      true,
    );

    const res = await admin.call('POST', url, { courseId, reason: 'Letters too long' });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Review).assignedCourse).toEqual({ id: courseId, title: 'Plain language letters' });
    expect((await admin.call('POST', url, { courseId, reason: 'Again' })).statusCode).toBe(409);

    const needs = (await worker.call('GET', '/api/v1/training/needs')).json() as TrainingNeeds;
    expect(needs.needs.filter((n) => n.name === 'Robin Worker')).toMatchObject([
      { status: 'assigned', courseTitle: 'Plain language letters', why: expect.stringContaining('Letters too long') },
    ]);
    const inbox = (await worker.call('GET', '/api/v1/notifications')).json() as {
      items: { kind: string; summary: string }[];
    };
    expect(inbox.items.filter((n) => n.kind === 'training_due').map((n) => n.summary)).toEqual([
      `A review of ${closed[0]} assigned you the training “Plain language letters”`,
    ]);
  });
});
