import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { auditRows, signInWithRole } from '../../../test/admin-test-support.ts';

let t: TestApp;
let admin: SignedIn;
let caseworker: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  caseworker = await signInWithRole(t, admin, 'caseworker');
});
afterAll(async () => t.close());

const week = {
  '0': null,
  '1': { start: '08:00', end: '16:00' },
  '2': { start: '08:00', end: '16:00' },
  '3': { start: '08:00', end: '16:00' },
  '4': { start: '08:00', end: '16:00' },
  '5': { start: '08:00', end: '12:30' },
  '6': null,
};
const agencyRow = () => t.db.selectFrom('agencies').selectAll().executeTakeFirstOrThrow();

describe('GET /agency', () => {
  it('answers the settings to any signed-in user', async () => {
    const res = await caseworker.call('GET', '/api/v1/agency');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      slug: 'main',
      name: 'Office of Constituent Services',
      timeZone: expect.any(String),
      trackingPrefix: 'OCS',
      calendar: { workingHours: expect.any(Object), holidays: expect.any(Array) },
      escalationLevels: [
        { level: 1, name: 'Supervisor', notifyRole: 'supervisor' },
        expect.any(Object),
        expect.any(Object),
      ],
      version: 1,
    });
  });
});

describe('PATCH /agency', () => {
  it('changes name, zone, prefix and levels, audited with old and new values', async () => {
    const res = await admin.call('PATCH', '/api/v1/agency', {
      name: 'Office of the Ombudsperson',
      timeZone: 'America/Los_Angeles',
      trackingPrefix: 'OMB2',
      escalationLevels: [
        { level: 1, name: 'Supervisor', notifyRole: 'supervisor' },
        { level: 2, name: 'Director', notifyRole: 'administrator' },
      ],
      expectedVersion: 1,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ timeZone: 'America/Los_Angeles', trackingPrefix: 'OMB2', version: 2 });
    const [audit] = await auditRows(t, 'agency', 'agency.updated');
    const fields = audit!.changes.map((c) => c.field).sort();
    expect(fields).toEqual(['escalationLevels', 'name', 'timeZone', 'trackingPrefix']);
    expect(audit!.changes).toContainEqual({ field: 'trackingPrefix', old: 'OCS', new: 'OMB2' });
  });

  it('names the field for a bad zone, prefix or level numbering, and writes nothing', async () => {
    const before = await agencyRow();
    const cases: [Record<string, unknown>, string][] = [
      [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
      [{ timeZone: '+02:00' }, 'timeZone'],
      [{ trackingPrefix: 'ab-1' }, 'trackingPrefix'],
      [{ trackingPrefix: 'ABCDEFGHIJK' }, 'trackingPrefix'],
      [{ escalationLevels: [{ level: 2, name: 'Skip', notifyRole: 'supervisor' }] }, 'escalationLevels.0.level'],
      [{ escalationLevels: [{ level: 1, name: 'X', notifyRole: 'mayor' }] }, 'escalationLevels.0.notifyRole'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.call('PATCH', '/api/v1/agency', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect(await agencyRow()).toEqual(before);
  });

  it('answers 409 to a stale expectedVersion and 403 to a caseworker', async () => {
    const stale = await admin.call('PATCH', '/api/v1/agency', { name: 'Stale', expectedVersion: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    expect((await caseworker.call('PATCH', '/api/v1/agency', { name: 'Mine' })).statusCode).toBe(403);
    expect((await agencyRow()).name).toBe('Office of the Ombudsperson');
  });
});

describe('calendar', () => {
  it('replaces working hours and holidays, sorted', async () => {
    const res = await admin.call('PUT', '/api/v1/agency/calendar', {
      workingHours: week,
      holidays: [
        { date: '2031-12-25', name: 'Christmas Day' },
        { date: '2031-01-01', name: "New Year's Day" },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().calendar.workingHours['5']).toEqual({ start: '08:00', end: '12:30' });
    expect(res.json().calendar.holidays.map((h: { date: string }) => h.date)).toEqual(['2031-01-01', '2031-12-25']);
    expect(await auditRows(t, 'agency', 'agency.calendar_replaced')).toHaveLength(1);
  });

  it('names the field for a bad time, an end before the start, a bad date or a missing weekday', async () => {
    const before = await agencyRow();
    const cases: [Record<string, unknown>, string][] = [
      [{ workingHours: { ...week, '1': { start: '8am', end: '16:00' } }, holidays: [] }, 'workingHours.1.start'],
      [{ workingHours: { ...week, '2': { start: '17:00', end: '09:00' } }, holidays: [] }, 'workingHours.2.end'],
      [{ workingHours: { ...week, '3': { start: '09:00', end: '24:30' } }, holidays: [] }, 'workingHours.3.end'],
      [{ workingHours: week, holidays: [{ date: '2031-02-30', name: 'No such day' }] }, 'holidays.0.date'],
      [{ workingHours: week, holidays: [{ date: '12/25/2031', name: 'US style' }] }, 'holidays.0.date'],
      [{ workingHours: { ...week, '6': undefined }, holidays: [] }, 'workingHours.6'],
      [
        {
          workingHours: { '0': null, '1': null, '2': null, '3': null, '4': null, '5': null, '6': null },
          holidays: [],
        },
        'workingHours',
      ],
    ];
    for (const [body, field] of cases) {
      const res = await admin.call('PUT', '/api/v1/agency/calendar', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect(await agencyRow()).toEqual(before);
    expect(
      (await caseworker.call('PUT', '/api/v1/agency/calendar', { workingHours: week, holidays: [] })).statusCode,
    ).toBe(403);
  });

  it('loads a preset for a range of years, keeping other years and the working hours', async () => {
    const res = await admin.call('POST', '/api/v1/agency/calendar/preset', {
      preset: 'us-federal',
      fromYear: 2030,
      toYear: 2030,
    });
    expect(res.statusCode).toBe(200);
    const calendar = res.json().calendar;
    expect(calendar.preset).toBe('us-federal');
    expect(calendar.workingHours['1']).toEqual({ start: '08:00', end: '16:00' });
    const dates = calendar.holidays.map((h: { date: string }) => h.date);
    expect(dates).toContain('2030-07-04');
    expect(dates).toContain('2031-12-25');
    expect(dates.filter((d: string) => d.startsWith('2030-'))).toHaveLength(11);
    expect(await auditRows(t, 'agency', 'agency.calendar_preset_applied')).toHaveLength(1);
    const bad = await admin.call('POST', '/api/v1/agency/calendar/preset', {
      preset: 'nyc',
      fromYear: 2030,
      toYear: 2020,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('toYear');
    const unknown = await admin.call('POST', '/api/v1/agency/calendar/preset', {
      preset: 'mars',
      fromYear: 2030,
      toYear: 2030,
    });
    expect(unknown.json().error.details[0].field).toBe('preset');
  });
});

describe('PATCH /agency complaints', () => {
  const complaint = {
    complainant: { firstName: 'Ana', lastName: 'Reyes', role: 'custodial_party' },
    programCaseNumber: 'CS-200-2026',
    receivedVia: 'in_person',
    receivedOn: '2026-03-02',
    knewOfActionOn: '2026-01-02',
    issues: [{ category: 'distribution', description: 'A payment was not passed on.' }],
  };

  it('shows the complaint clocks, and a changed clock moves the next complaint’s due date', async () => {
    const before = (await caseworker.call('GET', '/api/v1/agency')).json();
    expect(before.complaints).toMatchObject({ resolutionDays: 30, repeatContactAction: 'suggest' });

    const res = await admin.call('PATCH', '/api/v1/agency', {
      complaints: { resolutionDays: 45, repeatContactAction: 'convert' },
      expectedVersion: before.version,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().complaints).toMatchObject({
      resolutionDays: 45,
      extensionDays: 30,
      repeatContactAction: 'convert',
    });
    expect((await caseworker.call('GET', '/api/v1/agency')).json().complaints.resolutionDays).toBe(45);
    const audit = await auditRows(t, 'agency', 'agency.updated');
    expect(JSON.stringify(audit.at(-1))).toContain('45');

    // 2 March + 45 days = 16 April 2026, a Thursday.
    const filed = await admin.call('POST', '/api/v1/complaints', complaint);
    expect(filed.statusCode).toBe(201);
    expect(filed.json().resolutionDueOn).toBe('2026-04-16');
  });

  it('refuses a clock that is not a whole number of days from 0 to 3660, an unknown clock, and a caseworker', async () => {
    const rowBefore = await agencyRow();
    for (const complaints of [
      { resolutionDays: -1 },
      { resolutionDays: 2.5 },
      { filingWindowDays: 5000 },
      { repeatContactAction: 'ignore' },
      { overtimeDays: 3 },
    ]) {
      const res = await admin.call('PATCH', '/api/v1/agency', { complaints });
      expect(res.statusCode, JSON.stringify(complaints)).toBe(400);
      expect(res.json().error.message).toContain('complaints');
    }
    expect((await caseworker.call('PATCH', '/api/v1/agency', { complaints: { resolutionDays: 20 } })).statusCode).toBe(
      403,
    );
    expect(await agencyRow()).toEqual(rowBefore);
  });
});
