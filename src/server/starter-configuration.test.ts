// The agency presets through the real first start (bootstrap): the child-support ombudsperson's office, its
// calendar, units, notices and clocks, and the inquiry fields of a case (kind, program case number, repeatOf).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from './test/test-app.ts';
import { accessSync, constants } from 'node:fs';
import { ConfigError, loadConfig } from './env.ts';

const hasChromium = (() => {
  try {
    accessSync(loadConfig().chromiumPath, constants.X_OK);
    return true;
  } catch {
    return false;
  }
})();

let t: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  const config = loadConfig({ CIVICDESK_AGENCY_PRESET: 'child-support', CIVICDESK_TIMEZONE: 'America/Los_Angeles' });
  t = await createTestApp({ agencyPreset: config.agencyPreset, timeZone: config.timeZone });
  admin = await signInAs(t.app);
});
afterAll(async () => t.close());

const parent = { firstName: 'Luis', lastName: 'Ortega', email: 'luis.ortega@example.org', language: 'es' };

describe('CIVICDESK_AGENCY_PRESET', () => {
  it('defaults to the constituent-services office and refuses an unknown preset', () => {
    expect(loadConfig({}).agencyPreset).toBe('constituent-services');
    expect(() => loadConfig({ CIVICDESK_AGENCY_PRESET: 'zoo' })).toThrow(ConfigError);
  });

  it('starts agency main as a child-support ombudsperson office on the California calendar', async () => {
    const agency = await t.db
      .selectFrom('agencies')
      .select(['id', 'name', 'tracking_prefix', 'calendar', 'settings'])
      .where('slug', '=', 'main')
      .executeTakeFirstOrThrow();
    expect(agency).toMatchObject({ name: 'Child Support Ombudsperson Office', tracking_prefix: 'CSO' });
    expect(agency.calendar.holidays.some((h) => h.name === 'Cesar Chavez Day')).toBe(true);
    expect(agency.settings).toMatchObject({ complaints: { mailReceiptBusinessDays: 5, resolutionDays: 30 } });
    const units = await t.db.selectFrom('units').select('name').where('agency_id', '=', agency.id).execute();
    expect(units.map((u) => u.name)).toEqual([
      'Ombudsperson',
      'Case Management',
      'Financial/Distribution',
      'Establishment',
      'Enforcement',
      'Legal',
    ]);
    const notices = await t.db
      .selectFrom('templates as t')
      .innerJoin('template_versions as v', (j) =>
        j.onRef('v.agency_id', '=', 't.agency_id').onRef('v.template_id', '=', 't.id'),
      )
      .select(['t.code', 't.language', 'v.status'])
      .where('t.agency_id', '=', agency.id)
      .where('t.purpose', '=', 'complaint_notice')
      .execute();
    const codes = ['LCR001', 'LCR002', 'LCR003', 'LCR004', 'LCR005', 'LCR006', 'SH001'];
    for (const language of ['en', 'es']) {
      expect(
        notices
          .filter((n) => n.language === language && n.status === 'approved')
          .map((n) => n.code)
          .sort(),
      ).toEqual(codes);
    }
  });

  it('answers an inquiry within 3 business days, over Cesar Chavez Day, in Los Angeles time', async () => {
    const res = await admin.call('POST', '/api/v1/cases', {
      kind: 'inquiry',
      programCaseNumber: 'CS-2026-0042',
      channel: 'phone',
      subject: 'PAYMENTS',
      description: 'My March payment has not arrived.',
      receivedAt: '2026-03-27T10:00:00-07:00',
      person: parent,
    });
    expect(res.statusCode).toBe(201);
    // Friday March 27 → Monday 30 (1), Tuesday 31 is Cesar Chavez Day, Wednesday April 1 (2), Thursday April 2 (3).
    expect(res.json()).toMatchObject({
      kind: 'inquiry',
      programCaseNumber: 'CS-2026-0042',
      repeatOf: null,
      unit: 'FIN',
      firstResponseDueAt: '2026-04-03T06:59:59.999Z',
    });
    expect(res.json().trackingNumber).toMatch(/^CSO-2026-/);
  });

  it('marks a contact of the same person on the same subject within 90 days as a repeat of the earlier one', async () => {
    const first = await admin.call('POST', '/api/v1/cases', {
      kind: 'inquiry',
      channel: 'phone',
      subject: 'ENFORCEMENT',
      description: 'My license was suspended.',
      receivedAt: '2026-05-01T09:00:00-07:00',
      person: parent,
    });
    const second = await admin.call('POST', '/api/v1/cases', {
      kind: 'inquiry',
      channel: 'email',
      subject: 'ENFORCEMENT',
      description: 'Still suspended.',
      receivedAt: '2026-07-30T09:00:00-07:00',
      person: parent,
    });
    expect(second.statusCode).toBe(201);
    expect(second.json().repeatOf).toBe(first.json().trackingNumber);
    const read = await admin.call('GET', `/api/v1/cases/${second.json().trackingNumber}`);
    expect(read.json()).toMatchObject({ kind: 'inquiry', repeatOf: first.json().trackingNumber });
    const otherSubject = await admin.call('POST', '/api/v1/cases', {
      channel: 'email',
      subject: 'PATERNITY',
      description: 'A different matter.',
      receivedAt: '2026-07-30T10:00:00-07:00',
      person: parent,
    });
    expect(otherSubject.json()).toMatchObject({ kind: 'case', programCaseNumber: null, repeatOf: null });
    const tooLate = await admin.call('POST', '/api/v1/cases', {
      channel: 'email',
      subject: 'ENFORCEMENT',
      description: 'Ninety-one days after the last contact.',
      receivedAt: '2026-10-29T09:00:00-07:00',
      person: parent,
    });
    expect(tooLate.json().repeatOf).toBeNull();
  });

  it('refuses an unknown kind and writes nothing', async () => {
    const before = await t.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const res = await admin.call('POST', '/api/v1/cases', {
      kind: 'rumour',
      channel: 'phone',
      description: 'x',
      person: parent,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('kind');
    const after = await t.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toEqual(before.n);
  });

  it('numbers complaints with the agency prefix and the year of receipt', async () => {
    const res = await admin.call('POST', '/api/v1/complaints', {
      complainant: { firstName: 'Luis', lastName: 'Ortega', role: 'noncustodial_parent' },
      programCaseNumber: 'CS-2026-0042',
      receivedVia: 'web',
      receivedOn: '2026-03-01',
      issues: [{ category: 'case_handling', description: 'No answer for weeks.' }],
    });
    expect(res.statusCode).toBe(201);
    // March 1 + 30 days is Cesar Chavez Day (Tuesday March 31) → Wednesday April 1.
    expect(res.json()).toMatchObject({ complaintNumber: 'CSO-C-2026-000001', resolutionDueOn: '2026-04-01' });
  });

  it("writes the notices in the complainant's language, keeps their mailed dates and prints them", async () => {
    const filed = await admin.call('POST', '/api/v1/complaints', {
      complainant: { firstName: 'Ana', lastName: 'Ruiz', role: 'custodial_party', language: 'es' },
      programCaseNumber: 'CS-2026-0077',
      receivedVia: 'phone',
      receivedOn: '2026-06-01',
      issues: [{ category: 'distribution', description: 'Pagos no distribuidos.' }],
    });
    expect(filed.statusCode).toBe(201);
    const number = filed.json().complaintNumber as string;
    const [ack] = filed.json().notices;
    expect(ack).toMatchObject({ code: 'LCR002', language: 'es', mailedOn: null });
    expect(ack.subject).toContain(number);
    expect(ack.body).toContain('1 de julio de 2026');

    const mailed = await admin.call('POST', `/api/v1/complaints/${number}/notices/${ack.id}/mailed`, {
      mailedOn: '2026-06-02',
    });
    expect(mailed.statusCode).toBe(200);
    expect(mailed.json().notices[0].mailedOn).toBe('2026-06-02');
    const badDate = await admin.call('POST', `/api/v1/complaints/${number}/notices/${ack.id}/mailed`, {
      mailedOn: '2026-05-01',
    });
    expect(badDate.statusCode).toBe(400);

    await admin.call('POST', `/api/v1/complaints/${number}/extension`, { reason: 'Esperamos el historial de pagos.' });
    const resolved = await admin.call('POST', `/api/v1/complaints/${number}/resolution`, {
      findings: 'Se corrigió la distribución.',
      noticeMailedOn: '2026-07-15',
    });
    const notices = resolved.json().notices as { code: string; body: string; mailedOn: string | null }[];
    expect(notices.map((n) => n.code)).toEqual(['LCR002', 'LCR005', 'LCR006']);
    expect(notices[1]!.body).toContain('Esperamos el historial de pagos.');
    expect(notices[2]).toMatchObject({ mailedOn: '2026-07-15' });
    expect(notices[2]!.body).toContain('Se corrigió la distribución.');
  });

  it.skipIf(!hasChromium)('prints a notice as a PDF letter through the letters pipeline', async () => {
    const number = (await admin.call('GET', '/api/v1/complaints?programCaseNumber=CS-2026-0077')).json().items[0]
      .complaintNumber as string;
    const ack = (await admin.call('GET', `/api/v1/complaints/${number}`)).json().notices[0];
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/v1/complaints/${number}/notices/${ack.id}/pdf`,
      headers: { cookie: admin.cookie },
    });
    expect(pdf.statusCode, pdf.body.slice(0, 300)).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
