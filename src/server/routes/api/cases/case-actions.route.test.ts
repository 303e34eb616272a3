import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { createUser, USER_PASSWORD } from '../../../test/factories.ts';

let t: TestApp;
let admin: SignedIn;
let caseworker: SignedIn;
let caseworkerId: number;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  const user = await createUser(t.db, { email: 'cw@example.gov', role: 'caseworker', units: ['SNAP', 'FIA'] });
  caseworkerId = user.id;
  caseworker = await signInAs(t.app, user.email, USER_PASSWORD);
});
afterAll(async () => t.close());

async function newCase(by: SignedIn, extra: Record<string, unknown> = {}) {
  const res = await by.call('POST', '/api/v1/cases', {
    channel: 'email',
    subject: 'CASH',
    description: 'My cash assistance was cut.',
    person: { firstName: 'Rosa', lastName: 'Diaz', email: 'rosa@example.org' },
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('working a case end to end', () => {
  it('routes, assigns, notes, answers from the approved template, closes — each step in the audit trail', async () => {
    const created = await newCase(caseworker);
    const tn = created.trackingNumber;
    const routed = await caseworker.call('POST', `/api/v1/cases/${tn}/route`, {
      unit: 'SNAP',
      reason: 'SNAP question really',
    });
    expect(routed.statusCode, routed.body).toBe(200);
    expect(routed.json().unit).toBe('SNAP');
    const assigned = await caseworker.call('POST', `/api/v1/cases/${tn}/assign`, { assigneeId: caseworkerId });
    expect(assigned.json()).toMatchObject({ status: 'assigned', assignee: { id: caseworkerId } });
    expect(
      (await caseworker.call('POST', `/api/v1/cases/${tn}/notes`, { body: 'Called the centre.' })).statusCode,
    ).toBe(201);

    const preview = await caseworker.call('POST', `/api/v1/cases/${tn}/responses/preview`, {
      templateCode: 'general-response',
      channel: 'email',
      responseText: 'Your benefits are restored.',
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().body).toContain('Dear Rosa Diaz');
    expect(preview.json().body).toContain('Your benefits are restored.');

    const answered = await caseworker.call('POST', `/api/v1/cases/${tn}/responses`, {
      templateCode: 'general-response',
      channel: 'email',
      responseText: 'Your benefits are restored.',
    });
    expect(answered.statusCode, answered.body).toBe(201);
    expect(answered.json().case.status).toBe('responded');
    expect(answered.json().case.firstResponseAt).toBeTruthy();

    const closed = await caseworker.call('POST', `/api/v1/cases/${tn}/status`, { status: 'closed' });
    expect(closed.json().status).toBe('closed');
    expect(closed.json().closedAt).toBeTruthy();

    const audit = (await caseworker.call('GET', `/api/v1/cases/${tn}/audit`)).json();
    expect(audit.map((e: { action: string }) => e.action)).toEqual([
      'case.created',
      'case.routed',
      'case.assigned',
      'case.note_added',
      'case.responded',
      'case.closed',
    ]);
    const routedEvent = audit[1];
    expect(routedEvent.changes).toContainEqual({ field: 'unit', old: 'FIA', new: 'SNAP' });
    expect(routedEvent.reason).toBe('SNAP question really');
    expect(routedEvent.requestId).toBeTruthy();

    const csv = await caseworker.call('GET', `/api/v1/cases/${tn}/audit?format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe('at,actor,action,field,old_value,new_value,reason,request_id');
    expect(csv.body).toContain('case.closed,status,responded,closed');

    const timeline = (await caseworker.call('GET', `/api/v1/cases/${tn}/timeline`)).json();
    expect(timeline.entries.map((e: { kind: string }) => e.kind)).toEqual(['inbound', 'note', 'outbound']);
    expect(timeline.entries[2].templateVersion).toBe(1);

    const reopened = await caseworker.call('POST', `/api/v1/cases/${tn}/status`, { status: 'in_progress' });
    expect(reopened.json()).toMatchObject({ status: 'in_progress', closedAt: null });
  });

  it('refuses a move the workflow does not allow, naming the allowed ones', async () => {
    const created = await newCase(admin);
    await admin.call('POST', `/api/v1/cases/${created.trackingNumber}/status`, { status: 'closed' });
    const res = await admin.call('POST', `/api/v1/cases/${created.trackingNumber}/status`, { status: 'responded' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('in_progress');
  });

  it('pauses the clock while waiting on the constituent and moves the deadlines by the time paused', async () => {
    const created = await newCase(admin, { receivedAt: new Date(Date.now() - 3 * 86_400_000).toISOString() });
    const tn = created.trackingNumber;
    await admin.call('POST', `/api/v1/cases/${tn}/status`, { status: 'waiting_on_constituent' });
    // Pretend the pause began two days ago.
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const row = await t.db
      .selectFrom('cases')
      .select(['id', 'pauses'])
      .where('tracking_number', '=', tn)
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('cases')
      .set({ pauses: JSON.stringify(row.pauses.map((p) => ({ ...p, from: twoDaysAgo }))) })
      .where('id', '=', row.id)
      .execute();
    const resumed = (await admin.call('POST', `/api/v1/cases/${tn}/status`, { status: 'in_progress' })).json();
    const shiftDays = (Date.parse(resumed.firstResponseDueAt) - Date.parse(created.firstResponseDueAt)) / 86_400_000;
    expect(shiftDays).toBeGreaterThanOrEqual(2);
    expect(shiftDays).toBeLessThan(5);
  });

  it('gives the loser of a concurrent edit a 409 and keeps the winner', async () => {
    const created = await newCase(admin);
    const tn = created.trackingNumber;
    const [a, b] = await Promise.all([
      admin.call('PATCH', `/api/v1/cases/${tn}`, { expectedVersion: created.version, priority: 'high' }),
      admin.call('PATCH', `/api/v1/cases/${tn}`, { expectedVersion: created.version, priority: 'low' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? a.json() : b.json();
    const now = (await admin.call('GET', `/api/v1/cases/${tn}`)).json();
    expect(now.priority).toBe(winner.priority);
    expect(now.version).toBe(created.version + 1);
    const loser = a.statusCode === 409 ? a.json() : b.json();
    expect(loser.error.code).toBe('version_conflict');
  });

  it('requires the expected version, as people PATCH does', async () => {
    const created = await newCase(admin);
    const blind = await admin.call('PATCH', `/api/v1/cases/${created.trackingNumber}`, { priority: 'urgent' });
    expect(blind.statusCode).toBe(400);
    expect(blind.json().error.details[0].field).toBe('expectedVersion');
  });

  it('honours If-Match as the expected version', async () => {
    const created = await newCase(admin);
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${created.trackingNumber}`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'if-match': `"${created.version + 5}"` },
      payload: { priority: 'urgent' },
    });
    expect(stale.statusCode).toBe(409);
  });

  it('recomputes deadlines when the subject change selects another standard', async () => {
    const created = await newCase(admin, { writerType: 'constituent' });
    const changed = (
      await admin.call('PATCH', `/api/v1/cases/${created.trackingNumber}`, {
        expectedVersion: created.version,
        writerType: 'elected_official',
      })
    ).json();
    expect(changed.serviceStandard).toContain('Elected');
    expect(changed.firstResponseDueAt).not.toBe(created.firstResponseDueAt);
  });
});

describe('who may see and do what', () => {
  it('hides a restricted case from everyone outside its unit and the people named on it — even in counts', async () => {
    const dv = await newCase(admin, { subject: 'DV', restricted: true, description: 'confidential matter zebra' });
    const outsider = await createUser(t.db, { email: 'out@example.gov', role: 'supervisor', units: ['SNAP'] });
    const outsiderSession = await signInAs(t.app, outsider.email, USER_PASSWORD);
    expect((await outsiderSession.call('GET', `/api/v1/cases/${dv.trackingNumber}`)).statusCode).toBe(404);
    expect((await outsiderSession.call('GET', '/api/v1/cases?q=zebra')).json().total).toBe(0);
    // The administrator who logged it is named on it; another administrator outside the unit is not.
    expect((await admin.call('GET', `/api/v1/cases/${dv.trackingNumber}`)).statusCode).toBe(200);
    const otherAdmin = await createUser(t.db, { email: 'admin2@example.gov', role: 'administrator' });
    const otherAdminSession = await signInAs(t.app, otherAdmin.email, USER_PASSWORD);
    expect((await otherAdminSession.call('GET', `/api/v1/cases/${dv.trackingNumber}`)).statusCode).toBe(404);

    const dvWorker = await createUser(t.db, { email: 'dv@example.gov', role: 'caseworker', units: ['DV'] });
    const dvSession = await signInAs(t.app, dvWorker.email, USER_PASSWORD);
    expect((await dvSession.call('GET', `/api/v1/cases/${dv.trackingNumber}`)).statusCode).toBe(200);
    expect((await dvSession.call('GET', '/api/v1/cases?q=zebra')).json().total).toBe(1);

    const supervisorInDv = await createUser(t.db, { email: 'dvsup@example.gov', role: 'supervisor', units: ['DV'] });
    const dvSup = await signInAs(t.app, supervisorInDv.email, USER_PASSWORD);
    const { version } = (await dvSup.call('GET', `/api/v1/cases/${dv.trackingNumber}`)).json();
    const named = await dvSup.call('PATCH', `/api/v1/cases/${dv.trackingNumber}`, {
      expectedVersion: version,
      accessUserIds: [outsider.id],
    });
    expect(named.statusCode, named.body).toBe(200);
    expect((await outsiderSession.call('GET', `/api/v1/cases/${dv.trackingNumber}`)).statusCode).toBe(200);
  });

  it('lets an auditor read but not change', async () => {
    const auditor = await createUser(t.db, { email: 'aud@example.gov', role: 'auditor' });
    const session = await signInAs(t.app, auditor.email, USER_PASSWORD);
    const c = await newCase(admin);
    expect((await session.call('GET', `/api/v1/cases/${c.trackingNumber}`)).statusCode).toBe(200);
    const res = await session.call('POST', `/api/v1/cases/${c.trackingNumber}/notes`, { body: 'x' });
    expect(res.statusCode).toBe(403);
    expect(
      (
        await session.call('POST', '/api/v1/cases', {
          channel: 'web',
          description: 'x',
          person: { firstName: 'a', lastName: 'b' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it("shows a unit liaison only their unit's cases", async () => {
    const liaison = await createUser(t.db, { email: 'liaison@example.gov', role: 'unit_liaison', units: ['HEAP'] });
    const session = await signInAs(t.app, liaison.email, USER_PASSWORD);
    const heat = await newCase(admin, { subject: 'HEAT' });
    const cash = await newCase(admin, { subject: 'CASH' });
    expect((await session.call('GET', `/api/v1/cases/${heat.trackingNumber}`)).statusCode).toBe(200);
    expect((await session.call('GET', `/api/v1/cases/${cash.trackingNumber}`)).statusCode).toBe(404);
    const list = (await session.call('GET', '/api/v1/cases?limit=200')).json();
    expect(list.items.every((c: { unit: string }) => c.unit === 'HEAP')).toBe(true);
    expect(
      (await session.call('POST', `/api/v1/cases/${heat.trackingNumber}/notes`, { body: 'Repair scheduled.' }))
        .statusCode,
    ).toBe(201);
    expect(
      (await session.call('POST', `/api/v1/cases/${heat.trackingNumber}/assign`, { assigneeId: liaison.id }))
        .statusCode,
    ).toBe(403);
  });

  it('sends only approved template versions', async () => {
    const agency = await t.db.selectFrom('agencies').select('id').executeTakeFirstOrThrow();
    const tpl = await t.db
      .insertInto('templates')
      .values({ agency_id: agency.id, code: 'draft-only', name: 'Draft only', channel: 'email', language: 'en' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('template_versions')
      .values({ agency_id: agency.id, template_id: tpl.id, version: 1, subject: 's', body: 'b', status: 'draft' })
      .execute();
    const c = await newCase(admin);
    const res = await caseworker.call('POST', `/api/v1/cases/${c.trackingNumber}/responses`, {
      templateId: tpl.id,
      channel: 'email',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('only approved versions');
    const timeline = (await admin.call('GET', `/api/v1/cases/${c.trackingNumber}/timeline`)).json();
    expect(timeline.entries).toHaveLength(1);
  });
});

describe('first response', () => {
  it('an acknowledgement is not the first response: the deadline stays open until a substantive answer', async () => {
    const created = await newCase(caseworker);
    const tn = created.trackingNumber;
    const templates = (await admin.call('GET', '/api/v1/templates?code=acknowledgement&channel=email')).json();
    expect(templates[0]?.responseKind ?? templates.items?.[0]?.responseKind).toBe('acknowledgement');

    const acknowledged = await caseworker.call('POST', `/api/v1/cases/${tn}/responses`, {
      templateCode: 'acknowledgement',
      channel: 'email',
    });
    expect(acknowledged.statusCode, acknowledged.body).toBe(201);
    const view = (await caseworker.call('GET', `/api/v1/cases/${tn}`)).json();
    expect(view.firstResponseAt).toBeNull();
    expect(view.firstResponseDueAt).toBeTruthy();
    const deadlines = (await caseworker.call('GET', `/api/v1/cases/${tn}/deadlines`)).json();
    expect(deadlines.firstResponse).toMatchObject({ met: false, metAt: null });
    const waiting = (await caseworker.call('GET', '/api/v1/cases?firstResponse=none&limit=200')).json();
    expect(waiting.items.map((c: { trackingNumber: string }) => c.trackingNumber)).toContain(tn);
    const timeline = (await caseworker.call('GET', `/api/v1/cases/${tn}/timeline`)).json();
    expect(timeline.entries.find((e: { kind: string }) => e.kind === 'outbound').substantive).toBe(false);

    const answered = await caseworker.call('POST', `/api/v1/cases/${tn}/responses`, {
      templateCode: 'general-response',
      channel: 'email',
      responseText: 'Your benefits are restored.',
    });
    expect(answered.json().case.firstResponseAt).toBeTruthy();
    expect((await caseworker.call('GET', `/api/v1/cases/${tn}/deadlines`)).json().firstResponse.met).toBe(true);
  });
});

describe('refusing gaps', () => {
  it('refuses a template whose merge field is empty for the case, naming it, unless confirmed', async () => {
    const created = await newCase(caseworker, { subject: null });
    const tn = created.trackingNumber;
    const preview = await caseworker.call('POST', `/api/v1/cases/${tn}/responses/preview`, {
      templateCode: 'general-response',
      channel: 'email',
      responseText: 'We are on it.',
    });
    expect(preview.json().emptyFields).toEqual(['subjectName']);
    const refused = await caseworker.call('POST', `/api/v1/cases/${tn}/responses`, {
      templateCode: 'general-response',
      channel: 'email',
      responseText: 'We are on it.',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('{{subjectName}}');
    expect(refused.json().error.details).toEqual([
      { field: 'mergeFields.subjectName', message: expect.stringContaining('subject') },
    ]);
    const timeline = (await caseworker.call('GET', `/api/v1/cases/${tn}/timeline`)).json();
    expect(timeline.entries.filter((e: { kind: string }) => e.kind === 'outbound')).toEqual([]);

    const confirmed = await caseworker.call('POST', `/api/v1/cases/${tn}/responses`, {
      templateCode: 'general-response',
      channel: 'email',
      responseText: 'We are on it.',
      allowEmptyFields: true,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
  });

  it('refuses a letter to a person without a postal address and says why', async () => {
    const created = await newCase(caseworker);
    const refused = await caseworker.call('POST', `/api/v1/cases/${created.trackingNumber}/responses`, {
      templateCode: 'acknowledgement',
      channel: 'letter',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('no postal address');
    expect(refused.json().error.details[0].field).toBe('person.address');

    const withAddress = await newCase(caseworker, {
      person: { firstName: 'Lee', lastName: 'Park', address: '12 Oak Street, Buffalo, NY 14201' },
    });
    const sent = await caseworker.call('POST', `/api/v1/cases/${withAddress.trackingNumber}/responses`, {
      templateCode: 'acknowledgement',
      channel: 'letter',
    });
    expect(sent.statusCode, sent.body).toBe(201);
  });
});
