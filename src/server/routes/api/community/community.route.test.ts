// Community and communications through the API: the organisations directory, engagements and the issues raised at
// them (a case through intake, a procedure change request, follow-up to closure), the media desk's approval flow,
// the iCalendar feed, and each agency kept to itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { createAgencyWithStarterConfiguration } from '../../../bootstrap.ts';
import { hashPassword } from '../../../auth/credentials.ts';
import { auditRows, signInWithRole } from '../../../test/admin-test-support.ts';
import { readEvents, unescapeText } from '../../../../domain/icalendar.ts';

let t: TestApp;
let admin: SignedIn;
let caseworker: SignedIn & { id: number };
let auditor: SignedIn;
let county: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  caseworker = await signInWithRole(t, admin, 'caseworker');
  auditor = await signInWithRole(t, admin, 'auditor');
  await t.db.transaction().execute(async (tx) => {
    const agencyId = await createAgencyWithStarterConfiguration(tx, {
      slug: 'county',
      name: 'County Ombudsperson',
      timeZone: 'America/Los_Angeles',
      trackingPrefix: 'CSO',
    });
    await tx
      .insertInto('users')
      .values({
        agency_id: agencyId,
        email: 'admin@county.example.gov',
        name: 'County Admin',
        role: 'administrator',
        password_hash: await hashPassword('county password'),
      })
      .execute();
  });
  county = await signInAs(t.app, 'admin@county.example.gov', 'county password');
});
afterAll(async () => t.close());

const count = async (table: 'organizations' | 'engagements' | 'engagement_issues' | 'media_inquiries') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('organisations', () => {
  it('adds one and finds it by name whatever the accents and case', async () => {
    const created = await caseworker.call('POST', '/api/v1/organizations', {
      name: 'Église Saint-Jean Food Pantry',
      type: 'faith_organization',
      languages: ['fr', 'ht'],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      id: expect.any(Number),
      name: 'Église Saint-Jean Food Pantry',
      type: 'faith_organization',
      languages: ['fr', 'ht'],
      contacts: [],
      engagements: [],
    });
    for (const q of ['eglise', 'SAINT-JEAN', 'food pan']) {
      const found = await caseworker.call('GET', `/api/v1/organizations?q=${encodeURIComponent(q)}`);
      expect(found.statusCode).toBe(200);
      expect(found.json().items.map((o: { id: number }) => o.id)).toContain(created.json().id);
    }
    expect((await caseworker.call('GET', '/api/v1/organizations?q=zzz-nothing')).json().total).toBe(0);
  });

  it('accepts every documented type', async () => {
    for (const type of ['advocacy_group', 'school', 'elected_official_office', 'media_outlet', 'government_agency']) {
      expect((await admin.call('POST', '/api/v1/organizations', { name: `T ${type}`, type })).statusCode).toBe(201);
    }
  });

  it('refuses bad input naming the field, writing nothing', async () => {
    const before = await count('organizations');
    const badType = await admin.call('POST', '/api/v1/organizations', { name: 'X', type: 'club' });
    expect(badType.statusCode).toBe(400);
    expect(badType.json().error.details[0].field).toBe('type');
    const badLanguage = await admin.call('POST', '/api/v1/organizations', {
      name: 'X',
      type: 'school',
      languages: ['xx'],
    });
    expect(badLanguage.statusCode).toBe(400);
    expect(badLanguage.json().error.details[0].field).toBe('languages');
    const blank = await admin.call('POST', '/api/v1/organizations', { name: '   ', type: 'school' });
    expect(blank.json().error.details[0].field).toBe('name');
    expect(await count('organizations')).toBe(before);
  });

  it('changes one, links a person as a contact, and audits it; auditors only read', async () => {
    const org = (
      await admin.call('POST', '/api/v1/organizations', { name: 'Tenants United', type: 'advocacy_group' })
    ).json();
    const person = await t.db
      .insertInto('people')
      .values({ agency_id: 1, first_name: 'Rosa', last_name: 'Parkes' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const patched = await caseworker.call('PATCH', `/api/v1/organizations/${org.id}`, {
      notes: 'Meets monthly.',
      expectedVersion: org.version,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ notes: 'Meets monthly.', version: org.version + 1 });
    const stale = await caseworker.call('PATCH', `/api/v1/organizations/${org.id}`, { notes: 'x', expectedVersion: 1 });
    expect(stale.statusCode).toBe(409);
    const linked = await caseworker.call('POST', `/api/v1/organizations/${org.id}/contacts`, {
      personId: person.id,
      role: 'Organiser',
    });
    expect(linked.statusCode, linked.body).toBe(201);
    expect(linked.json().contacts).toEqual([
      { personId: person.id, name: 'Rosa Parkes', role: 'Organiser', email: null, phone: null },
    ]);
    const unknownPerson = await caseworker.call('POST', `/api/v1/organizations/${org.id}/contacts`, {
      personId: 999999,
    });
    expect(unknownPerson.json().error.details[0].field).toBe('personId');
    expect((await auditor.call('POST', '/api/v1/organizations', { name: 'A', type: 'school' })).statusCode).toBe(403);
    const audit = await auditRows(t, 'organization');
    expect(audit.map((a) => a.action)).toContain('organization.contact_added');
  });
});

describe('engagements and issues raised', () => {
  let organizationId: number;
  let engagementId: number;

  beforeAll(async () => {
    organizationId = (
      await admin.call('POST', '/api/v1/organizations', {
        name: 'Coalition for the Homeless',
        type: 'advocacy_group',
        email: 'intake@coalition.example.org',
      })
    ).json().id;
  });

  it('puts an advocate meeting on the calendar with its organisations', async () => {
    const res = await caseworker.call('POST', '/api/v1/engagements', {
      kind: 'advocate_meeting',
      title: 'Monthly advocates meeting',
      startsAt: '2026-03-10T14:00:00-04:00',
      endsAt: '2026-03-10T15:30:00-04:00',
      organizationIds: [organizationId],
      attendance: 14,
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    engagementId = body.id;
    expect(body).toMatchObject({
      kind: 'advocate_meeting',
      startsAt: '2026-03-10T18:00:00.000Z',
      endsAt: '2026-03-10T19:30:00.000Z',
      attendance: 14,
      organizationIds: [organizationId],
      organizations: [{ id: organizationId, name: 'Coalition for the Homeless', type: 'advocacy_group' }],
      issues: [],
      status: 'planned',
    });
    const listed = await caseworker.call('GET', '/api/v1/engagements?from=2026-03-01&to=2026-03-31');
    expect(listed.json().items.map((e: { id: number }) => e.id)).toContain(engagementId);
    const april = await caseworker.call('GET', '/api/v1/engagements?from=2026-04-01&to=2026-04-30');
    expect(april.json().items.map((e: { id: number }) => e.id)).not.toContain(engagementId);
    const org = (await caseworker.call('GET', `/api/v1/organizations/${organizationId}`)).json();
    expect(org.engagements.map((e: { id: number }) => e.id)).toEqual([engagementId]);
  });

  it('refuses an end before the start, an unknown kind and unknown organisations, writing nothing', async () => {
    const before = await count('engagements');
    const base = { kind: 'workshop', title: 'W', startsAt: '2026-03-10T14:00:00Z', endsAt: '2026-03-10T15:00:00Z' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, endsAt: '2026-03-10T13:00:00Z' }, 'endsAt'],
      [{ ...base, endsAt: base.startsAt }, 'endsAt'],
      [{ ...base, kind: 'party' }, 'kind'],
      [{ ...base, organizationIds: [organizationId, 987654] }, 'organizationIds'],
      [{ ...base, startsAt: 'next tuesday' }, 'startsAt'],
      [{ ...base, attendance: -3 }, 'attendance'],
      [{ ...base, title: undefined }, 'title'],
    ];
    for (const [body, field] of cases) {
      const res = await caseworker.call('POST', '/api/v1/engagements', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect(await count('engagements')).toBe(before);
  });

  it('records attendance and minutes afterwards', async () => {
    const res = await caseworker.call('PATCH', `/api/v1/engagements/${engagementId}`, {
      status: 'held',
      attendance: 22,
      minutes: 'Heat outages at two shelters.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'held', attendance: 22, version: 2 });
    const bad = await caseworker.call('PATCH', `/api/v1/engagements/${engagementId}`, {
      endsAt: '2026-03-10T10:00:00-04:00',
    });
    expect(bad.json().error.details[0].field).toBe('endsAt');
  });

  it('records three issues: one becomes a case, one a procedure change request, one is followed up to closure', async () => {
    const raise = (body: unknown) => caseworker.call('POST', `/api/v1/engagements/${engagementId}/issues`, body);
    const heat = await raise({
      description: 'No heat at the Bedford shelter since Monday',
      subject: 'SHELTER.CONDITIONS',
    });
    expect(heat.statusCode, heat.body).toBe(201);
    expect(heat.json()).toMatchObject({
      subject: 'SHELTER.CONDITIONS',
      subjectName: 'Shelter conditions',
      outcome: null,
      followUpStatus: 'open',
      caseTrackingNumber: null,
    });
    const snapId = (
      await t.db
        .selectFrom('subjects')
        .select('id')
        .where('agency_id', '=', 1)
        .where('code', '=', 'SNAP')
        .executeTakeFirstOrThrow()
    ).id;
    const transfers = await raise({ description: 'Transfer requests take weeks to be answered', subject: snapId });
    expect(transfers.statusCode, transfers.body).toBe(201);
    expect(transfers.json().subject).toBe('SNAP');
    const third = await raise({ description: 'Interpreters missing at intake', subject: 'SNAP' });
    expect(third.statusCode).toBe(201);

    const made = await caseworker.call('POST', `/api/v1/engagements/${engagementId}/issues/${heat.json().id}/case`);
    expect(made.statusCode, made.body).toBe(201);
    const { trackingNumber, issue } = made.json();
    expect(trackingNumber).toMatch(/^OCS-\d{4}-/);
    expect(issue).toMatchObject({ outcome: 'case', caseTrackingNumber: trackingNumber, followUpStatus: 'in_progress' });
    const theCase = (await caseworker.call('GET', `/api/v1/cases/${trackingNumber}`)).json();
    expect(theCase).toMatchObject({ channel: 'community_meeting', subject: 'SHELTER.CONDITIONS' });
    const again = await caseworker.call('POST', `/api/v1/engagements/${engagementId}/issues/${heat.json().id}/case`);
    expect(again.statusCode).toBe(409);
    const org = (await caseworker.call('GET', `/api/v1/organizations/${organizationId}`)).json();
    expect(org.cases).toEqual([{ trackingNumber, status: theCase.status, issueId: heat.json().id }]);

    const procedure = await caseworker.call(
      'POST',
      `/api/v1/engagements/${engagementId}/issues/${transfers.json().id}/follow-ups`,
      { kind: 'procedure_change' },
    );
    expect(procedure.statusCode, procedure.body).toBe(201);
    expect(procedure.json()).toMatchObject({
      outcome: 'procedure_change',
      followUpStatus: 'in_progress',
      followUps: [
        { kind: 'procedure_change', description: 'Transfer requests take weeks to be answered', status: 'open' },
      ],
    });

    const closed = await caseworker.call('PATCH', `/api/v1/engagements/${engagementId}/issues/${third.json().id}`, {
      followUpStatus: 'closed',
      followUpNote: 'Interpreter line added at intake desks.',
      reportedBack: true,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({
      followUpStatus: 'closed',
      closedAt: expect.any(String),
      reportedBackAt: expect.any(String),
    });

    const engagement = (await caseworker.call('GET', `/api/v1/engagements/${engagementId}`)).json();
    expect(engagement.issues).toHaveLength(3);
    expect(engagement).toMatchObject({ issueCount: 3, openIssueCount: 2 });
  });

  it('refuses an issue with an unknown subject naming the field, writing nothing', async () => {
    const before = await count('engagement_issues');
    const res = await caseworker.call('POST', `/api/v1/engagements/${engagementId}/issues`, {
      description: 'x',
      subject: 'NOPE',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('subject');
    const missing = await caseworker.call('POST', `/api/v1/engagements/${engagementId}/issues`, { description: 'x' });
    expect(missing.json().error.details[0].field).toBe('subject');
    expect(await count('engagement_issues')).toBe(before);
  });

  it('makes a case for an engagement without organisations', async () => {
    const engagement = (
      await caseworker.call('POST', '/api/v1/engagements', {
        kind: 'forum',
        title: 'Community forum, Bronx',
        startsAt: '2026-03-20T18:00:00Z',
        endsAt: '2026-03-20T20:00:00Z',
      })
    ).json();
    const issue = (
      await caseworker.call('POST', `/api/v1/engagements/${engagement.id}/issues`, {
        description: 'Benefit card not received',
        subject: 'SNAP',
      })
    ).json();
    const made = await caseworker.call('POST', `/api/v1/engagements/${engagement.id}/issues/${issue.id}/case`, {
      person: { firstName: 'Ana', lastName: 'Lopez', phone: '718 555 0100', language: 'es' },
    });
    expect(made.statusCode, made.body).toBe(201);
    const theCase = (await caseworker.call('GET', `/api/v1/cases/${made.json().trackingNumber}`)).json();
    expect(theCase.person).toMatchObject({ firstName: 'Ana', lastName: 'Lopez' });
  });

  it('makes a case from a bare POST with a JSON content type and no body', async () => {
    const engagement = (
      await admin.call('POST', '/api/v1/engagements', {
        kind: 'outreach_event',
        title: 'Outreach fair',
        startsAt: '2026-03-21T14:00:00Z',
        endsAt: '2026-03-21T16:00:00Z',
      })
    ).json();
    const issue = (
      await admin.call('POST', `/api/v1/engagements/${engagement.id}/issues`, {
        description: 'Card lost',
        subject: 'SNAP',
      })
    ).json();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/engagements/${engagement.id}/issues/${issue.id}/case`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': 'application/json' },
      payload: '',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().trackingNumber).toMatch(/^OCS-/);
    const broken = await t.app.inject({
      method: 'POST',
      url: `/api/v1/engagements/${engagement.id}/issues/${issue.id}/case`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': 'application/json' },
      payload: '{not json',
    });
    expect(broken.statusCode).toBe(400);
  });

  it('serves the calendar as iCalendar', async () => {
    await caseworker.call('POST', '/api/v1/engagements', {
      kind: 'presentation',
      title:
        'Talk, with commas; semicolons \\ and a long title that certainly needs folding over the 75 octet line limit',
      startsAt: '2026-03-12T10:00:00-04:00',
      endsAt: '2026-03-12T11:00:00-04:00',
      location: 'P.S. 123, Room 4',
    });
    const res = await caseworker.call('GET', '/api/v1/engagements.ics?from=2026-03-01');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const text = res.body;
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\nPRODID:/);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const events = readEvents(text);
    const talk = events.find((e) => unescapeText(e.SUMMARY!).startsWith('Talk, with commas'))!;
    expect(talk.DTSTART).toBe('20260312T140000Z');
    expect(talk.UID).toMatch(/^engagement-1-\d+@/);
    expect(talk.DTSTAMP).toMatch(/^\d{8}T\d{6}Z$/);
    expect(unescapeText(talk.LOCATION!)).toBe('P.S. 123, Room 4');
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(readEvents((await county.call('GET', '/api/v1/engagements.ics')).body)).toEqual([]);
  });

  it('keeps each agency to its own directory and calendar', async () => {
    expect((await county.call('GET', `/api/v1/engagements/${engagementId}`)).statusCode).toBe(404);
    expect((await county.call('GET', `/api/v1/organizations/${organizationId}`)).statusCode).toBe(404);
    expect((await county.call('GET', '/api/v1/organizations?q=coalition')).json().total).toBe(0);
    expect((await county.call('GET', '/api/v1/engagements')).json().total).toBe(0);
    const foreign = await county.call('POST', '/api/v1/engagements', {
      kind: 'forum',
      title: 'x',
      startsAt: '2026-03-10T14:00:00Z',
      endsAt: '2026-03-10T15:00:00Z',
      organizationIds: [organizationId],
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details[0].field).toBe('organizationIds');
    const issue = await county.call('POST', `/api/v1/engagements/${engagementId}/issues`, {
      description: 'x',
      subject: 'SNAP',
    });
    expect(issue.statusCode).toBe(404);
  });
});

describe('media desk', () => {
  it('logs an inquiry and answers 201 with id, status and deadline', async () => {
    const res = await caseworker.call('POST', '/api/v1/media-inquiries', {
      outlet: 'City Ledger',
      reporter: 'Sam Reyes',
      topic: 'Shelter heat outages',
      deadlineAt: '2099-03-10T17:00:00-05:00',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      id: expect.any(Number),
      status: 'new',
      deadlineAt: '2099-03-10T22:00:00.000Z',
      clock: { state: 'on_time' },
    });
  });

  it('accepts a deadline already past and shows it overdue', async () => {
    const res = await caseworker.call('POST', '/api/v1/media-inquiries', {
      outlet: 'Daily',
      reporter: 'Kim',
      topic: 'Logged after the fact',
      deadlineAt: '2025-05-01T17:00:00Z',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'new',
      deadlineAt: '2025-05-01T17:00:00.000Z',
      clock: { state: 'overdue' },
    });
  });

  it('refuses bad input naming the field, writing nothing', async () => {
    const before = await count('media_inquiries');
    const base = { outlet: 'O', reporter: 'R', topic: 'T', deadlineAt: '2099-01-01T10:00:00Z' };
    for (const [body, field] of [
      [{ ...base, deadlineAt: 'tomorrow' }, 'deadlineAt'],
      [{ ...base, outlet: '' }, 'outlet'],
      [{ ...base, deadlineAt: undefined }, 'deadlineAt'],
      [{ ...base, outletOrganizationId: 999999 }, 'outletOrganizationId'],
    ] as const) {
      const res = await caseworker.call('POST', '/api/v1/media-inquiries', body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect(await count('media_inquiries')).toBe(before);
  });

  it('lists the queue by deadline', async () => {
    for (const [topic, deadlineAt] of [
      ['Later', '2099-05-01T10:00:00Z'],
      ['Sooner', '2099-01-01T10:00:00Z'],
    ]) {
      await caseworker.call('POST', '/api/v1/media-inquiries', { outlet: 'O', reporter: 'R', topic, deadlineAt });
    }
    const items = (await caseworker.call('GET', '/api/v1/media-inquiries')).json().items as { deadlineAt: string }[];
    const deadlines = items.map((i) => i.deadlineAt);
    expect(deadlines).toEqual([...deadlines].sort());
    expect((await caseworker.call('GET', '/api/v1/media-inquiries?status=bogus')).statusCode).toBe(400);
    expect((await county.call('GET', '/api/v1/media-inquiries')).json().total).toBe(0);
  });

  it('releases only an approved answer, exactly as approved, and records who and when', async () => {
    const inquiry = (
      await caseworker.call('POST', '/api/v1/media-inquiries', {
        outlet: 'Radio Uno',
        reporter: 'Lena',
        topic: 'Program change',
        deadlineAt: '2099-02-01T10:00:00Z',
      })
    ).json();
    const url = (step: string) => `/api/v1/media-inquiries/${inquiry.id}/${step}`;
    const assigned = await caseworker.call('POST', url('assign'), { spokespersonUserId: caseworker.id });
    expect(assigned.json()).toMatchObject({ status: 'assigned', spokesperson: { id: caseworker.id } });
    expect((await caseworker.call('POST', url('release'), {})).statusCode).toBe(409);
    const drafted = await caseworker.call('POST', url('draft'), { answer: 'The program changes on 1 April.' });
    expect(drafted.json()).toMatchObject({ status: 'drafted', draftAnswer: 'The program changes on 1 April.' });
    expect((await caseworker.call('POST', url('release'), {})).statusCode).toBe(409);
    expect((await caseworker.call('POST', url('approve'), {})).statusCode).toBe(403);
    const approved = await admin.call('POST', url('approve'), {});
    expect(approved.json()).toMatchObject({ status: 'approved', approvedAt: expect.any(String) });
    const released = await caseworker.call('POST', url('release'), {});
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json()).toMatchObject({
      status: 'released',
      releasedText: 'The program changes on 1 April.',
      releasedAt: expect.any(String),
      clock: { state: 'met', minutesLeft: null },
    });
    expect((await caseworker.call('POST', url('draft'), { answer: 'changed' })).statusCode).toBe(409);
    const coverage = await caseworker.call('POST', url('coverage'), { url: 'https://radiouno.example.com/story' });
    expect(coverage.json().coverageUrl).toBe('https://radiouno.example.com/story');
    expect(
      (await caseworker.call('POST', url('coverage'), { url: 'javascript:alert(1)' })).json().error.details[0].field,
    ).toBe('url');
    const actions = (await auditRows(t, 'media_inquiry')).filter((a) => a.entity_id === String(inquiry.id));
    expect(actions.map((a) => a.action)).toEqual([
      'media_inquiry.created',
      'media_inquiry.assigned',
      'media_inquiry.drafted',
      'media_inquiry.approved',
      'media_inquiry.released',
      'media_inquiry.coverage_linked',
    ]);
    expect((await county.call('GET', `/api/v1/media-inquiries/${inquiry.id}`)).statusCode).toBe(404);
  });
});

it('documents every response in the OpenAPI document', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  expect(doc.paths['/api/v1/organizations'].post.responses['201']).toBeDefined();
  expect(doc.paths['/api/v1/engagements/{id}/issues/{issueId}/case'].post.responses['201']).toBeDefined();
  expect(doc.paths['/api/v1/media-inquiries'].post.responses['201']).toBeDefined();
  expect(doc.paths['/api/v1/engagements.ics'].get.responses['200'].content['text/calendar']).toBeDefined();
});
