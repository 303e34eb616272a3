// The editable, versioned review rubric from outside: the built-in rubric until an administrator saves one; an edit
// (criteria with name, description, weight; the scale) becomes the next version; a review made before keeps its
// version and scores, a review after is scored on the new criteria, scale and weights; a stale edit is refused (409),
// a bad one names its field and writes nothing; only administrators edit.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { USER_PASSWORD, createUser } from '../../../test/factories.ts';

let t: TestApp;
let admin: SignedIn;
let supervisor: SignedIn;
const closed: string[] = [];

async function closedCase(i: number): Promise<string> {
  const res = await admin.call('POST', '/api/v1/cases', {
    channel: 'email',
    description: `Rubric case ${i}: the office never answered.`,
    person: { firstName: 'Writer', lastName: `Rubric${i}`, email: `rubric${i}@example.org` },
  });
  expect(res.statusCode, res.body).toBe(201);
  const trackingNumber = res.json().trackingNumber as string;
  const status = await admin.call('POST', `/api/v1/cases/${trackingNumber}/status`, { status: 'closed' });
  expect(status.statusCode, status.body).toBe(200);
  return trackingNumber;
}

const edit = {
  basedOn: null,
  scaleMin: 0,
  scaleMax: 10,
  criteria: [
    { key: 'accuracy', name: 'Accuracy', description: 'Facts, rules and next steps right.', weight: 3 },
    { name: 'Plain language', description: 'Short sentences, no jargon.', weight: 1 },
  ],
};

const versions = async () =>
  Number((await sql<{ n: number }>`select count(*)::int as n from review_rubrics`.execute(t.db)).rows[0]!.n);

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  await createUser(t.db, { email: 'rubric.sup@example.gov', role: 'supervisor', name: 'Sam Supervisor' });
  supervisor = await signInAs(t.app, 'rubric.sup@example.gov', USER_PASSWORD);
  for (let i = 0; i < 2; i++) closed.push(await closedCase(i));
}, 120_000);
afterAll(async () => t.close());

describe('the review rubric', () => {
  it('is the built-in rubric until an administrator saves one, and a review names it', async () => {
    const overview = (await supervisor.call('GET', '/api/v1/review-rubric')).json();
    expect(overview.versions).toEqual([]);
    expect(overview.current).toMatchObject({ version: null, scaleMin: 1, scaleMax: 5 });
    expect(overview.current.criteria.map((c: { key: string }) => c.key)).toEqual([
      'accuracy',
      'completeness',
      'timeliness',
      'tone',
      'language_access',
    ]);
    const review = await supervisor.call('POST', '/api/v1/reviews', {
      trackingNumber: closed[0],
      scores: { accuracy: 5, completeness: 4, timeliness: 3, tone: 5, language_access: 4 },
    });
    expect(review.statusCode, review.body).toBe(201);
    expect(review.json()).toMatchObject({ rubricVersion: null, average: 4.2 });
  });

  it('refuses an edit by anyone but an administrator, and a bad edit by its field, writing nothing', async () => {
    expect((await supervisor.call('POST', '/api/v1/review-rubric', edit)).statusCode).toBe(403);
    const cases: [unknown, string][] = [
      [{ ...edit, scaleMax: 0 }, 'scaleMax'],
      [{ ...edit, criteria: [] }, 'criteria'],
      [{ ...edit, criteria: [{ ...edit.criteria[0], weight: 0 }] }, 'criteria.0.weight'],
      [{ ...edit, criteria: [edit.criteria[0], { ...edit.criteria[1], name: '  ' }] }, 'criteria.1.name'],
      [{ ...edit, criteria: [edit.criteria[0], { ...edit.criteria[0], name: 'Again' }] }, 'criteria.1.key'],
      [{ ...edit, criteria: [{ ...edit.criteria[0], weight: 'heavy' }] }, 'criteria.0.weight'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.call('POST', '/api/v1/review-rubric', body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect(await versions()).toBe(0);
  });

  it('saves an edit as the next version; earlier reviews keep theirs, later ones use the new scale and weights', async () => {
    const saved = await admin.call('POST', '/api/v1/review-rubric', edit);
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json()).toMatchObject({ version: 1, scaleMin: 0, scaleMax: 10, createdByName: expect.any(String) });
    expect(saved.json().criteria).toEqual([
      { key: 'accuracy', name: 'Accuracy', description: 'Facts, rules and next steps right.', weight: 3 },
      { key: 'plain_language', name: 'Plain language', description: 'Short sentences, no jargon.', weight: 1 },
    ]);
    // A stale edit (still based on the built-in rubric) is refused.
    expect((await admin.call('POST', '/api/v1/review-rubric', edit)).statusCode).toBe(409);
    const second = await admin.call('POST', '/api/v1/review-rubric', {
      ...edit,
      basedOn: 1,
      criteria: [...saved.json().criteria, { name: 'Tone', description: '', weight: 2 }],
    });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json().version).toBe(2);
    expect((await admin.call('GET', '/api/v1/review-rubric/versions/1')).json().criteria).toHaveLength(2);
    expect((await admin.call('GET', '/api/v1/review-rubric/versions/9')).statusCode).toBe(404);

    const sample = (await supervisor.call('POST', '/api/v1/reviews/sample', { count: 5 })).json();
    expect(sample).toMatchObject({ rubricVersion: 2, scaleMin: 0, scaleMax: 10 });
    // On the old scale and criteria: refused by criterion.
    const old = await supervisor.call('POST', '/api/v1/reviews', {
      trackingNumber: closed[1],
      scores: { accuracy: 11, completeness: 4, plain_language: 5, tone: 5 },
    });
    expect(old.statusCode).toBe(400);
    expect(
      old
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['scores.accuracy', 'scores.completeness']);
    const review = await supervisor.call('POST', '/api/v1/reviews', {
      trackingNumber: closed[1],
      scores: { accuracy: 10, plain_language: 4, tone: 7 },
    });
    expect(review.statusCode, review.body).toBe(201);
    // (10×3 + 4×1 + 7×2) / 6 = 8
    expect(review.json()).toMatchObject({ rubricVersion: 2, average: 8 });

    const reviews = (await supervisor.call('GET', '/api/v1/reviews')).json() as {
      trackingNumber: string;
      rubricVersion: number | null;
      scores: Record<string, number>;
      average: number;
    }[];
    const first = reviews.find((r) => r.trackingNumber === closed[0])!;
    expect(first).toMatchObject({ rubricVersion: null, average: 4.2, scores: { accuracy: 5, language_access: 4 } });
    const overview = (await supervisor.call('GET', '/api/v1/review-rubric')).json();
    expect(overview.current.version).toBe(2);
    expect(overview.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const summary = (await supervisor.call('GET', '/api/v1/reviews/summary')).json();
    expect(summary.rubricVersion).toBe(2);
    const audit = await sql<{ n: number }>`select count(*)::int as n from audit_events
      where action = 'review_rubric.versioned'`.execute(t.db);
    expect(audit.rows[0]!.n).toBe(2);
  });
});
