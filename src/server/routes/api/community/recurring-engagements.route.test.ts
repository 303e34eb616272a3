// Recurring engagements and linked follow-ups through the API: a monthly meeting listed with its meetings in a range
// and exported with its RRULE and time zone; a rule the first meeting does not follow is refused, writing nothing;
// an issue raised becomes a draft version of a procedure of the library or an action of an open plan in one request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { signInWithRole } from '../../../test/admin-test-support.ts';
import { readEvents } from '../../../../domain/icalendar.ts';
import type { EngagementIssueView, EngagementSummaryView } from '../../../../shared/community.ts';

let t: TestApp;
let admin: SignedIn;
let caseworker: SignedIn & { id: number };

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  caseworker = await signInWithRole(t, admin, 'caseworker');
  await t.db.updateTable('agencies').set({ time_zone: 'America/New_York' }).where('id', '=', 1).execute();
});
afterAll(async () => t.close());

describe('recurring engagements', () => {
  let id: number;

  it('lists a monthly meeting on the second Tuesday at 10:00 local, across the November change', async () => {
    const res = await caseworker.call('POST', '/api/v1/engagements', {
      kind: 'advocate_meeting',
      title: 'Shelter advocates monthly',
      startsAt: '2026-10-13T14:00:00Z',
      endsAt: '2026-10-13T15:30:00Z',
      recurrence: { frequency: 'monthly', interval: 1, count: 6 },
    });
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    expect(res.json().recurrence).toEqual({ frequency: 'monthly', interval: 1, count: 6 });
    const list = (await caseworker.call('GET', '/api/v1/engagements?from=2026-11-01&to=2026-12-31')).json() as {
      items: EngagementSummaryView[];
    };
    const series = list.items.find((e) => e.id === id)!;
    expect(series.occurrences).toEqual([
      { startsAt: '2026-11-10T15:00:00.000Z', endsAt: '2026-11-10T16:30:00.000Z' },
      { startsAt: '2026-12-08T15:00:00.000Z', endsAt: '2026-12-08T16:30:00.000Z' },
    ]);
    const after = (await caseworker.call('GET', '/api/v1/engagements?from=2027-06-01&to=2027-06-30')).json() as {
      items: EngagementSummaryView[];
    };
    expect(after.items.some((e) => e.id === id)).toBe(false);
  });

  it('exports the series with its RRULE in the agency time zone', async () => {
    const res = await caseworker.call('GET', '/api/v1/engagements.ics?from=2026-10-01');
    const event = readEvents(res.body).find((e) => e.SUMMARY === 'Shelter advocates monthly')!;
    expect(event.RRULE).toBe('FREQ=MONTHLY;BYDAY=2TU;COUNT=6');
    expect(event.DTSTART).toBe('20261013T100000');
    expect(res.body).toContain('DTSTART;TZID=America/New_York:20261013T100000');
    expect(res.body).toContain('BEGIN:VTIMEZONE\r\nTZID:America/New_York');
  });

  it('refuses a rule the first meeting does not follow, naming the field, writing nothing', async () => {
    const before = await t.db.selectFrom('engagements').select('id').execute();
    const res = await caseworker.call('POST', '/api/v1/engagements', {
      kind: 'workshop',
      title: 'Workshop',
      startsAt: '2026-10-13T14:00:00Z',
      endsAt: '2026-10-13T15:00:00Z',
      recurrence: { frequency: 'weekly', interval: 1, weekdays: [1], until: '2026-12-01' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { field: 'recurrence', message: "the first meeting's weekday must be one of the weekdays" },
    ]);
    const noEnd = await caseworker.call('PATCH', `/api/v1/engagements/${id}`, {
      recurrence: { frequency: 'weekly', interval: 1 },
    });
    expect(noEnd.json().error.details).toEqual([
      { field: 'recurrence', message: 'give an end date or a number of meetings' },
    ]);
    expect(await t.db.selectFrom('engagements').select('id').execute()).toEqual(before);
    const single = await caseworker.call('PATCH', `/api/v1/engagements/${id}`, { recurrence: null });
    expect(single.json().recurrence).toBeNull();
  });
});

describe('issues raised that become procedure changes and plan actions', () => {
  it('drafts a version of the procedure and adds an action to the plan, each linked, in one request', async () => {
    const engagement = await caseworker.call('POST', '/api/v1/engagements', {
      kind: 'forum',
      title: 'Tenants forum',
      startsAt: '2026-10-20T22:00:00Z',
      endsAt: '2026-10-20T23:00:00Z',
    });
    const base = `/api/v1/engagements/${engagement.json().id}/issues`;
    const raise = async (description: string) =>
      (await caseworker.call('POST', base, { description, subject: 'SNAP' })).json() as EngagementIssueView;
    const interpreters = await raise('No interpreter offered at the SNAP centre');
    const letters = await raise('Letters arrive after the appointment date');
    const procedure = await admin.call('POST', '/api/v1/procedures', {
      title: 'Calls needing an interpreter',
      body: 'Offer an interpreter at the start of every call.',
      reviewMonths: 12,
    });
    const procedureId = procedure.json().id as number;
    const asWorker = await caseworker.call('POST', `${base}/${interpreters.id}/follow-ups`, {
      kind: 'procedure_change',
      procedureId,
    });
    expect(asWorker.statusCode).toBe(403);
    const drafted = await admin.call('POST', `${base}/${interpreters.id}/follow-ups`, {
      kind: 'procedure_change',
      procedureId,
    });
    expect(drafted.statusCode, drafted.body).toBe(201);
    expect(drafted.json().followUps).toEqual([
      expect.objectContaining({ kind: 'procedure_change', linkedType: 'procedure', linkedId: procedureId }),
    ]);
    const versions = await t.db
      .selectFrom('procedure_versions')
      .select(['version', 'status', 'body'])
      .where('procedure_id', '=', procedureId)
      .orderBy('version')
      .execute();
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'draft'],
      [2, 'draft'],
    ]);
    expect(versions[1]!.body).toBe(
      '> Change requested from an issue raised at an engagement: No interpreter offered at the SNAP centre\n\n' +
        'Offer an interpreter at the start of every call.',
    );

    const plan = await admin.call('POST', '/api/v1/action-plans', {
      title: 'Timely notices',
      ownerId: caseworker.id,
      goal: 'Every notice arrives before its appointment',
      actions: [],
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const wrongField = await admin.call('POST', `${base}/${letters.id}/follow-ups`, {
      kind: 'action_plan_action',
      procedureId,
      dueOn: '2026-02-30',
    });
    expect(wrongField.json().error.details.map((d: { field: string }) => d.field)).toEqual(['procedureId']);
    const added = await admin.call('POST', `${base}/${letters.id}/follow-ups`, {
      kind: 'action_plan_action',
      actionPlanId: plan.json().id,
      ownerId: caseworker.id,
      dueOn: '2026-11-30',
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({
      outcome: 'action_plan_action',
      followUpStatus: 'in_progress',
      followUps: [expect.objectContaining({ linkedType: 'action_plan', linkedId: plan.json().id })],
    });
    const actions = (await admin.call('GET', `/api/v1/action-plans/${plan.json().id}`)).json().actions;
    expect(actions).toEqual([
      expect.objectContaining({ title: 'Letters arrive after the appointment date', dueOn: '2026-11-30' }),
    ]);
    const closed = await caseworker.call('PATCH', `${base}/${letters.id}`, {
      followUpStatus: 'closed',
      reportedBack: true,
    });
    expect(closed.json()).toMatchObject({ followUpStatus: 'closed', reportedBackAt: expect.any(String) });
  });
});
