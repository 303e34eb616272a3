// The case-list filters the reports drill down with (GET /api/v1/cases): closed in a range, open at an instant,
// facility, language, escalated in a range and at a level, merged duplicates, restricted cases, missing fields, first response,
// repeat contacts (89/90/91 days, an earlier case the reader cannot see does not count) and survey answers; and the
// refusal of values they do not know.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../test/test-app.ts';
import { createUser, USER_PASSWORD } from '../test/factories.ts';
import { existingAgency, insertCases, type CaseSeed } from '../test/monthly-report-fixtures.ts';

let t: TestApp;
let admin: SignedIn;
let caseworker: SignedIn;
let dvWorker: SignedIn;
/** Tracking numbers by the name given to each case below. */
const tn = new Map<string, string>();

const at = (iso: string) => new Date(iso);
const base = (receivedAt: string, extra: Partial<CaseSeed> = {}): CaseSeed => ({
  channel: 'email',
  subject: 'CASH',
  unit: 'FIA',
  receivedAt: at(receivedAt),
  ...extra,
});

// 10:00 in New York: EST in February, EDT in May.
const cases: Record<string, CaseSeed> = {
  closedEarly: base('2024-03-01T15:00:00Z', { closedAt: at('2024-03-10T15:00:00Z') }),
  closedLate: base('2024-03-01T15:00:00Z', { closedAt: at('2024-04-02T15:00:00Z') }),
  open: base('2024-03-20T14:00:00Z', { facility: 'Bedford Atlantic', language: 'es' }),
  escalated2: base('2024-03-05T15:00:00Z', { escalatedAt: at('2024-03-06T15:00:00Z'), escalationLevel: 2 }),
  escalated1: base('2024-03-05T15:00:00Z', { escalatedAt: at('2024-04-06T14:00:00Z'), escalationLevel: 1 }),
  uncoded: base('2024-03-07T15:00:00Z', { subject: null, unit: null, language: 'zh' }),
  merged: base('2024-03-08T15:00:00Z', { merged: true }),
  onTime: base('2024-03-09T15:00:00Z', {
    firstResponseAt: at('2024-03-10T15:00:00Z'),
    firstResponseDueAt: at('2024-03-20T15:00:00Z'),
  }),
  late: base('2024-03-09T15:00:00Z', {
    firstResponseAt: at('2024-03-25T14:00:00Z'),
    firstResponseDueAt: at('2024-03-20T14:00:00Z'),
  }),
  earlier89: base('2024-02-16T15:00:00Z', { person: 1 }),
  repeat89: base('2024-05-15T14:00:00Z', { person: 1 }),
  earlier90: base('2024-02-15T15:00:00Z', { person: 2 }),
  repeat90: base('2024-05-15T14:00:00Z', { person: 2 }),
  earlier91: base('2024-02-14T15:00:00Z', { person: 3 }),
  notRepeat91: base('2024-05-15T14:00:00Z', { person: 3 }),
  earlierHidden: base('2024-05-01T14:00:00Z', { person: 4, restricted: true, unit: 'DV' }),
  repeatOfHidden: base('2024-05-15T14:00:00Z', { person: 4 }),
  surveyed: base('2024-01-10T15:00:00Z', {
    closedAt: at('2024-01-20T15:00:00Z'),
    survey: { createdAt: at('2024-02-02T15:00:00Z'), satisfaction: 4, resolved: true },
  }),
};

beforeAll(async () => {
  t = await createTestApp();
  const main = await existingAgency(t.db, 'main');
  await t.db.updateTable('agencies').set({ time_zone: 'America/New_York' }).where('id', '=', main.agency.id).execute();
  const names = Object.keys(cases);
  const ids = await insertCases(t.db, main, Object.values(cases));
  const rows = await t.db.selectFrom('cases').select(['id', 'tracking_number']).where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r.tracking_number]));
  names.forEach((name, i) => tn.set(name, byId.get(ids[i]!)!));
  admin = await signInAs(t.app);
  await createUser(t.db, { email: 'fia@example.gov', role: 'caseworker', units: ['FIA'] });
  caseworker = await signInAs(t.app, 'fia@example.gov', USER_PASSWORD);
  await createUser(t.db, { email: 'dv@example.gov', role: 'caseworker', units: ['DV'] });
  dvWorker = await signInAs(t.app, 'dv@example.gov', USER_PASSWORD);
}, 120_000);

afterAll(async () => {
  await t.close();
});

/** The names of the cases a query lists, sorted. */
async function listed(query: string, as: SignedIn = admin): Promise<string[]> {
  const res = await as.call('GET', `/api/v1/cases?limit=200&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as { items: { trackingNumber: string }[]; total: number };
  expect(body.total).toBe(body.items.length);
  const names = new Map([...tn].map(([name, number]) => [number, name]));
  return body.items.map((i) => names.get(i.trackingNumber)!).sort();
}

describe('case-list filters for report drill-downs', () => {
  it('lists cases closed in a range of local days', async () => {
    // A merged duplicate is closed when it is merged (on the day it was received here).
    expect(await listed('closedFrom=2024-03-01&closedTo=2024-03-31')).toEqual(['closedEarly', 'merged']);
    expect(await listed('closedFrom=2024-03-01&closedTo=2024-03-31&merged=false')).toEqual(['closedEarly']);
    expect(await listed('closedFrom=2024-04-02')).toEqual(['closedLate']);
  });

  it('lists cases open at an instant: received before it and not closed by then', async () => {
    // 1 April 2024, 00:00 EDT: closedLate is still open, closedEarly is not, surveyed closed in January.
    const open = await listed('openAt=2024-04-01T04:00:00.000Z&receivedFrom=2024-03-01');
    expect(open).toContain('closedLate');
    expect(open).toContain('open');
    expect(open).not.toContain('closedEarly');
    expect(await listed('openAt=2024-03-10T15:00:00.000Z&closedTo=2024-03-31')).toEqual([]);
    expect(await listed('openAt=2024-03-10T14:59:59.999Z&closedTo=2024-03-31')).toEqual(['closedEarly']);
  });

  it('lists by facility, language, escalation, merged duplicates and restriction', async () => {
    expect(await listed('facility=Bedford%20Atlantic')).toEqual(['open']);
    expect(await listed('language=es,zh')).toEqual(['open', 'uncoded']);
    expect(await listed('escalatedFrom=2024-03-01&escalatedTo=2024-03-31')).toEqual(['escalated2']);
    expect(await listed('escalationLevel=1')).toEqual(['escalated1']);
    expect(await listed('merged=true')).toEqual(['merged']);
    expect(await listed('restricted=true', dvWorker)).toEqual(['earlierHidden']);
    expect(await listed('restricted=true')).toEqual([]);
    expect(await listed('merged=false&receivedFrom=2024-03-08&receivedTo=2024-03-08')).toEqual([]);
  });

  it('lists cases that lack a subject or a unit', async () => {
    expect(await listed('missing=subject')).toEqual(['uncoded']);
    expect(await listed('missing=unit,subject')).toEqual(['uncoded']);
    expect(await listed('missing=facility&language=es')).toEqual([]);
  });

  it('lists by first response: any, none, within its standard', async () => {
    expect(await listed('firstResponse=any')).toEqual(['late', 'onTime']);
    expect(await listed('firstResponse=within_standard')).toEqual(['onTime']);
    expect(await listed('firstResponse=none&receivedFrom=2024-03-09&receivedTo=2024-03-09')).toEqual([]);
  });

  it('lists repeat contacts within 90 local days, counting only earlier cases the reader may see', async () => {
    const may = 'receivedFrom=2024-05-15&receivedTo=2024-05-15';
    // The earlier case of person 4 is restricted to Domestic Violence: only a member of that unit sees the repeat.
    expect(await listed(`${may}&repeatContact=true`, dvWorker)).toEqual(['repeat89', 'repeat90', 'repeatOfHidden']);
    expect(await listed(`${may}&repeatContact=true`, caseworker)).toEqual(['repeat89', 'repeat90']);
    expect(await listed(`${may}&repeatContact=false`, caseworker)).toEqual(['notRepeat91', 'repeatOfHidden']);
    expect(await listed(`${may}&repeatContact=true`)).toEqual(['repeat89', 'repeat90']);
  });

  it('lists cases with a survey answer given in a range', async () => {
    expect(await listed('surveyedFrom=2024-02-01&surveyedTo=2024-02-29')).toEqual(['surveyed']);
    expect(await listed('surveyedFrom=2024-03-01')).toEqual([]);
  });

  it('refuses values it does not know, naming the field', async () => {
    for (const [query, field] of [
      ['missing=colour', 'missing'],
      ['firstResponse=soon', 'firstResponse'],
      ['openAt=yesterday', 'openAt'],
      ['closedFrom=2024-13-45', 'closedFrom'],
    ] as const) {
      const res = await admin.call('GET', `/api/v1/cases?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.details).toEqual([expect.objectContaining({ field })]);
    }
    expect((await admin.call('GET', '/api/v1/cases?merged=maybe')).statusCode).toBe(400);
    expect((await admin.call('GET', '/api/v1/cases?restricted=yes')).statusCode).toBe(400);
  });
});
