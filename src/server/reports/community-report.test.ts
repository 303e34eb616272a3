// The community report against numbers worked by hand: engagements of October 2026 in New York (an evening meeting
// on 31 October at 23:30 local is still October; one on 30 September at 19:00 local is not; a cancelled one does not
// count), reach by kind, audience and language, issues raised and their follow-up, media turnaround, projects — and
// the same month's engagements and media closing the monthly report.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../test/test-app.ts';
import { systemActor, type CommandContext } from '../context.ts';
import { monthPeriod } from '../../shared/report-periods.ts';
import { reportBuilders } from './report-builders.ts';
import { renderCsv } from './render/index.ts';

let t: TestApp;
let admin: SignedIn;
let ctx: CommandContext;
const period = monthPeriod(2026, 10);
const asOf = new Date('2026-11-05T12:00:00Z');

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  await t.db.updateTable('agencies').set({ time_zone: 'America/New_York' }).where('id', '=', 1).execute();
  const agency = await t.db.selectFrom('agencies').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  ctx = {
    db: t.db,
    agency: { id: 1, slug: agency.slug, name: agency.name, timeZone: 'America/New_York' },
    actor: systemActor('test'),
    requestId: null,
  };
  const engagement = async (
    kind: string,
    startsAt: string,
    attendance: number,
    audience: string,
    languages: string[],
    area?: string,
  ) => {
    const end = new Date(new Date(startsAt).getTime() + 3_600_000).toISOString();
    const res = await admin.call('POST', '/api/v1/engagements', {
      kind,
      title: `${kind} ${startsAt}`,
      startsAt,
      endsAt: end,
      attendance,
      audience,
      languages,
      ...(area !== undefined ? { area } : {}),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  const first = await engagement('workshop', '2026-10-05T14:00:00Z', 30, 'Shelter residents', ['es', 'en'], 'Queens');
  await engagement('workshop', '2026-10-20T14:00:00Z', 12, 'Shelter residents', ['es'], '  Queens ');
  const forum = await engagement('forum', '2026-10-31T23:30:00Z', 40, '', ['zh'], 'Staten  Island');
  await engagement('presentation', '2026-11-01T03:30:00Z', 5, 'Schools', []);
  const september = await engagement('forum', '2026-09-30T23:00:00Z', 60, 'Schools', ['es']);
  const cancelled = await engagement('workshop', '2026-10-12T14:00:00Z', 100, 'Shelter residents', ['es']);
  await admin.call('PATCH', `/api/v1/engagements/${cancelled}`, { status: 'cancelled' });
  // Feedback from the public: three answers on the first workshop, one on the forum; the September forum and the
  // cancelled workshop are outside the report.
  const answer = (engagement_id: number, satisfaction: number, resolved: boolean | null, comment = '') => ({
    agency_id: 1,
    engagement_id,
    satisfaction,
    resolved,
    comment,
  });
  await t.db
    .insertInto('engagement_feedback')
    .values([
      answer(first, 5, true, 'Muy útil'),
      answer(first, 4, false),
      answer(first, 2, null, 'Too short'),
      answer(forum, 3, true),
      answer(september, 1, false),
      answer(cancelled, 1, false),
    ])
    .execute();

  const raise = async (id: number, description: string) =>
    (await admin.call('POST', `/api/v1/engagements/${id}/issues`, { description, subject: 'SNAP' })).json()
      .id as number;
  const closed = await raise(first, 'Benefits letters arrive late');
  await raise(first, 'Long waits at the centre');
  const changed = await raise(forum, 'No interpreter offered');
  await admin.call('PATCH', `/api/v1/engagements/${first}/issues/${closed}`, {
    followUpStatus: 'closed',
    reportedBack: true,
  });
  await admin.call('POST', `/api/v1/engagements/${forum}/issues/${changed}/follow-ups`, { kind: 'procedure_change' });

  const inquiry = (received: string, deadline: string, releasedAfterHours: number | null, status: string) => ({
    agency_id: 1,
    outlet: 'Daily News',
    reporter: 'A. Reporter',
    topic: 'Shelter heat',
    received_at: new Date(received),
    deadline_at: new Date(deadline),
    status,
    ...(releasedAfterHours !== null
      ? {
          approved_at: new Date(received),
          released_text: 'Statement',
          released_at: new Date(new Date(received).getTime() + releasedAfterHours * 3_600_000),
        }
      : {}),
  });
  await t.db
    .insertInto('media_inquiries')
    .values([
      inquiry('2026-10-02T13:00:00Z', '2026-10-02T21:00:00Z', 5, 'released'),
      inquiry('2026-10-10T13:00:00Z', '2026-10-11T13:00:00Z', 30, 'released'),
      inquiry('2026-10-15T13:00:00Z', '2026-10-16T13:00:00Z', null, 'declined'),
      inquiry('2026-11-01T05:00:00Z', '2026-11-02T13:00:00Z', 1, 'released'),
    ])
    .execute();
  const owner = (await t.db.selectFrom('users').select('id').where('agency_id', '=', 1).executeTakeFirstOrThrow()).id;
  const project = await admin.call('POST', '/api/v1/projects', {
    title: 'Hotline',
    ownerId: owner,
    dueOn: '2027-01-31',
  });
  await admin.call('POST', `/api/v1/projects/${project.json().id}/milestones`, {
    title: 'Line ordered',
    dueOn: '2026-10-30',
  });
  await admin.call('POST', `/api/v1/projects/${project.json().id}/reports`, {
    health: 'late',
    summary: 'Vendor late.',
  });
});
afterAll(async () => t.close());

const table = (doc: { tables: { name: string; rows: unknown[] }[] }, name: string) =>
  doc.tables.find((x) => x.name === name)!.rows;

it('filters the calendar by area in any letter case, and an area can be cleared with null', async () => {
  const inQueens = await admin.call('GET', '/api/v1/engagements?from=2026-10-01&to=2026-10-31&area=queens');
  expect(inQueens.statusCode, inQueens.body).toBe(200);
  expect(inQueens.json().items.map((e: { area: string | null }) => e.area)).toEqual(['Queens', 'Queens']);
  const other = await admin.call('POST', '/api/v1/engagements', {
    kind: 'outreach_event',
    title: 'Street fair table',
    startsAt: '2027-03-05T14:00:00Z',
    endsAt: '2027-03-05T16:00:00Z',
    area: 'Bronx',
  });
  expect(other.json().area).toBe('Bronx');
  const cleared = await admin.call('PATCH', `/api/v1/engagements/${other.json().id}`, { area: null });
  expect(cleared.statusCode, cleared.body).toBe(200);
  expect(cleared.json().area).toBeNull();
  const tooLong = await admin.call('PATCH', `/api/v1/engagements/${other.json().id}`, { area: 'x'.repeat(101) });
  expect(tooLong.json().error.details[0].field).toBe('area');
});

it('counts reach, issues, media turnaround and projects as worked by hand', async () => {
  const doc = await reportBuilders.community!(ctx, { period, asOf });
  expect(table(doc, 'Engagements')).toEqual([
    { key: 'Forum', engagements: 1, attendance: 40 },
    { key: 'Presentation', engagements: 1, attendance: 5 },
    { key: 'Workshop', engagements: 2, attendance: 42 },
  ]);
  expect(table(doc, 'Reach by audience')).toEqual([
    { key: '(not given)', engagements: 1, attendance: 40 },
    { key: 'Schools', engagements: 1, attendance: 5 },
    { key: 'Shelter residents', engagements: 2, attendance: 42 },
  ]);
  expect(table(doc, 'Reach by area')).toEqual([
    { key: '(not given)', engagements: 1, attendance: 5 },
    { key: 'Queens', engagements: 2, attendance: 42 },
    { key: 'Staten Island', engagements: 1, attendance: 40 },
  ]);
  expect(table(doc, 'Reach by language')).toEqual([
    { key: 'en', engagements: 1, attendance: 30 },
    { key: 'es', engagements: 2, attendance: 42 },
    { key: 'zh', engagements: 1, attendance: 40 },
  ]);
  expect(table(doc, 'Issues raised')).toEqual([
    { subject: 'SNAP', raised: 3, cases: 0, procedureChanges: 1, planActions: 0, closed: 1, reportedBack: 1 },
  ]);
  // Released after 5 and 30 hours: one by its deadline, median 17.5 hours; the November inquiry is not counted.
  expect(table(doc, 'Media inquiries')).toEqual([
    { received: 3, released: 2, onTime: 1, declined: 1, medianHours: 17.5 },
  ]);
  expect(table(doc, 'Feedback after engagements')).toEqual([
    {
      title: 'workshop 2026-10-05T14:00:00Z',
      kind: 'Workshop',
      date: '2026-10-05',
      answers: 3,
      average: 3.67,
      resolvedYes: 1,
      resolvedNo: 1,
      comments: 2,
    },
    {
      title: 'forum 2026-10-31T23:30:00Z',
      kind: 'Forum',
      date: '2026-10-31',
      answers: 1,
      average: 3,
      resolvedYes: 1,
      resolvedNo: 0,
      comments: 0,
    },
  ]);
  expect(table(doc, 'Projects')).toEqual([
    expect.objectContaining({ title: 'Hotline', health: 'Late', done: 0, total: 1, overdue: 1, dueOn: '2027-01-31' }),
  ]);
  expect(renderCsv(doc)).toContain('Shelter residents,2,42');
});

it("closes the commissioner's monthly report with the month's engagements and media inquiries", async () => {
  const doc = await reportBuilders.monthly!(ctx, { period, asOf });
  expect(doc.tables.slice(-2).map((x) => x.name)).toEqual(['Engagements', 'Media inquiries']);
  expect(table(doc, 'Media inquiries')).toEqual([
    { received: 3, released: 2, onTime: 1, declined: 1, medianHours: 17.5 },
  ]);
});
