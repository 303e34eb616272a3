// The scheduled-report API: who may use it, validation that names each bad field, create / change with the version
// seen (409 when stale, the editor becomes the owner) / delete, send-now, the next run, and the audit trail.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { createUser, USER_PASSWORD } from '../../../test/factories.ts';

let t: TestApp;
let admin: SignedIn;
let supervisor: SignedIn;
let caseworker: SignedIn;
let supervisorId: number;
let privateReportId: number;

const valid = {
  name: 'Commissioner’s monthly report',
  reportKind: 'monthly',
  formats: ['pdf', 'xlsx'],
  recipients: ['Director@Agency.example', ' deputy@agency.example '],
  runOn: 'first_business_day',
};

async function auditActions(entityId: number) {
  const rows = await t.db
    .selectFrom('audit_events')
    .select(['action', 'changes'])
    .where('entity_type', '=', 'report_schedule')
    .where('entity_id', '=', String(entityId))
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  const sup = await createUser(t.db, { email: 'sup@example.gov', role: 'supervisor', units: ['SNAP'] });
  supervisorId = sup.id;
  supervisor = await signInAs(t.app, 'sup@example.gov', USER_PASSWORD);
  await createUser(t.db, { email: 'cw@example.gov', role: 'caseworker', units: ['SNAP'] });
  caseworker = await signInAs(t.app, 'cw@example.gov', USER_PASSWORD);
  // A private saved report of the administrator: the supervisor may not open it.
  const agency = await t.db.selectFrom('agencies').select('id').where('slug', '=', 'main').executeTakeFirstOrThrow();
  const adminUser = await t.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'admin@example.gov')
    .executeTakeFirstOrThrow();
  const saved = await t.db
    .insertInto('saved_reports')
    .values({
      agency_id: agency.id,
      name: 'Admin only',
      definition: JSON.stringify({ filters: { period: '2026-10' }, rows: ['unit'], measure: 'count' }),
      owner_user_id: adminUser.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  privateReportId = saved.id;
});

afterAll(async () => {
  await t?.close();
});

describe('scheduled reports API', () => {
  it('creates a schedule owned by its author, with clean recipients and the next run', async () => {
    const res = await supervisor.call('POST', '/api/v1/reports/schedules', valid);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      name: 'Commissioner’s monthly report',
      reportKind: 'monthly',
      savedReportId: null,
      formats: ['pdf', 'xlsx'],
      recipients: ['director@agency.example', 'deputy@agency.example'],
      runOn: 'first_business_day',
      runAtLocal: '08:00',
      active: true,
      ownerUserId: supervisorId,
      version: 1,
      deliveries: [],
    });
    // The next run is at 08:00 New York time on a business day, for the month before it.
    const at = new Date(body.nextRun.at);
    expect(at.getTime()).toBeGreaterThan(Date.now());
    expect(
      new Intl.DateTimeFormat('en-US', {
        timeZone: 'America/New_York',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(at),
    ).toBe('08:00');
    expect(await auditActions(body.id)).toEqual(['report_schedule.created']);
    const list = await admin.call('GET', '/api/v1/reports/schedules');
    expect(list.statusCode).toBe(200);
    expect(list.json().schedules.map((s: { id: number }) => s.id)).toContain(body.id);
    expect(list.json().reportKinds).toEqual(expect.arrayContaining(['monthly', 'mmr', 'saved']));
    expect(list.json().formats).toEqual(['pdf', 'xlsx', 'csv']);
  });

  it('names every bad field in one 400 and writes nothing', async () => {
    const before = await t.db
      .selectFrom('report_schedules')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await admin.call('POST', '/api/v1/reports/schedules', {
      name: '   ',
      reportKind: 'weekly-gossip',
      formats: ['pdf', 'docx'],
      recipients: ['ok@agency.example', 'not an address', 'a@b'],
      runOn: 'day_of_month:32',
      runAtLocal: '8am',
    });
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('validation_failed');
    const fields = error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(['name', 'reportKind', 'formats', 'recipients[1]', 'recipients[2]', 'runOn', 'runAtLocal']);
    expect(error.message).toContain('“docx” is not one of pdf, xlsx, csv');
    expect(error.message).toContain('“not an address” is not an email address');
    expect(error.message).toContain('“weekly-gossip” is not a report civicdesk makes');
    const after = await t.db
      .selectFrom('report_schedules')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('checks the saved report against the author’s own access', async () => {
    const missing = await supervisor.call('POST', '/api/v1/reports/schedules', { ...valid, reportKind: 'saved' });
    expect(missing.json().error.details).toEqual([
      { field: 'savedReportId', message: 'choose the saved report to send' },
    ]);
    const hidden = await supervisor.call('POST', '/api/v1/reports/schedules', {
      ...valid,
      reportKind: 'saved',
      savedReportId: privateReportId,
    });
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json().error.details[0].field).toBe('savedReportId');
    const unknown = await admin.call('POST', '/api/v1/reports/schedules', {
      ...valid,
      reportKind: 'saved',
      savedReportId: 999999,
    });
    expect(unknown.json().error.details[0]).toMatchObject({ field: 'savedReportId' });
    const wrongKind = await admin.call('POST', '/api/v1/reports/schedules', {
      ...valid,
      savedReportId: privateReportId,
    });
    expect(wrongKind.json().error.details[0]).toMatchObject({ field: 'savedReportId' });
    const ok = await admin.call('POST', '/api/v1/reports/schedules', {
      ...valid,
      reportKind: 'saved',
      savedReportId: privateReportId,
      runOn: 'day_of_month:31',
      runAtLocal: '06:30',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ savedReportId: privateReportId, runOn: 'day_of_month:31', runAtLocal: '06:30' });
  });

  it('lets only administrators and supervisors in', async () => {
    expect((await caseworker.call('GET', '/api/v1/reports/schedules')).statusCode).toBe(403);
    const res = await caseworker.call('POST', '/api/v1/reports/schedules', valid);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('Only administrators and supervisors may schedule reports');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/reports/schedules' })).statusCode).toBe(401);
  });

  it('changes a schedule with the version seen, makes the editor its owner, and refuses a stale version', async () => {
    const created = (await admin.call('POST', '/api/v1/reports/schedules', valid)).json();
    const changed = await supervisor.call('PUT', `/api/v1/reports/schedules/${created.id}`, {
      ...valid,
      name: 'Monthly report, first Monday-ish',
      formats: ['csv'],
      active: false,
      expectedVersion: 1,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      version: 2,
      formats: ['csv'],
      active: false,
      ownerUserId: supervisorId,
      nextRun: null,
    });
    const stale = await admin.call('PUT', `/api/v1/reports/schedules/${created.id}`, { ...valid, expectedVersion: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    const stored = await t.db
      .selectFrom('report_schedules')
      .select(['name', 'version'])
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ name: 'Monthly report, first Monday-ish', version: 2 });
    expect(await auditActions(created.id)).toEqual(['report_schedule.created', 'report_schedule.updated']);
    const update = await t.db
      .selectFrom('audit_events')
      .select('changes')
      .where('action', '=', 'report_schedule.updated')
      .where('entity_id', '=', String(created.id))
      .executeTakeFirstOrThrow();
    const changes = (typeof update.changes === 'string' ? JSON.parse(update.changes) : update.changes) as {
      field: string;
    }[];
    expect(changes.map((c) => c.field).sort()).toEqual(['active', 'formats', 'name', 'ownerUserId']);
  });

  it('sends a period now (202), refuses a bad period and a second send while the first is queued', async () => {
    const created = (await admin.call('POST', '/api/v1/reports/schedules', valid)).json();
    const bad = await admin.call('POST', `/api/v1/reports/schedules/${created.id}/send-now`, { period: 'last month' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('period');
    const sent = await admin.call('POST', `/api/v1/reports/schedules/${created.id}/send-now`, { period: '2026-10' });
    expect(sent.statusCode, sent.body).toBe(202);
    expect(sent.json()).toMatchObject({ scheduleId: created.id, periodKey: '2026-10', status: 'queued', attempts: 0 });
    const again = await admin.call('POST', `/api/v1/reports/schedules/${created.id}/send-now`, { period: '2026-10' });
    expect(again.statusCode).toBe(409);
    const job = await t.db
      .selectFrom('jobs')
      .select(['kind', 'payload'])
      .where('kind', '=', 'report-delivery')
      .where('done_at', 'is', null)
      .execute();
    expect(job).toHaveLength(1);
    const view = (await admin.call('GET', `/api/v1/reports/schedules/${created.id}`)).json();
    expect(view.deliveries).toMatchObject([{ periodKey: '2026-10', status: 'queued', trigger: 'send_now' }]);
    expect(await auditActions(created.id)).toEqual(['report_schedule.created', 'report_schedule.sent_now']);
    expect(
      (await admin.call('POST', '/api/v1/reports/schedules/999999/send-now', { period: '2026-10' })).statusCode,
    ).toBe(404);
  });

  it('deletes with the version seen and answers 404 afterwards', async () => {
    const created = (await supervisor.call('POST', '/api/v1/reports/schedules', valid)).json();
    expect(
      (await supervisor.call('DELETE', `/api/v1/reports/schedules/${created.id}?expectedVersion=7`)).statusCode,
    ).toBe(409);
    expect(
      (await supervisor.call('DELETE', `/api/v1/reports/schedules/${created.id}?expectedVersion=1`)).statusCode,
    ).toBe(204);
    expect((await supervisor.call('GET', `/api/v1/reports/schedules/${created.id}`)).statusCode).toBe(404);
    expect((await supervisor.call('DELETE', `/api/v1/reports/schedules/${created.id}`)).statusCode).toBe(404);
    expect(await auditActions(created.id)).toEqual(['report_schedule.created', 'report_schedule.deleted']);
  });

  it('never answers 500 to arbitrary bodies, and a refused one writes nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('report_schedules')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const text = fc.oneof(
      fc.string(),
      fc.constantFrom('', '\u0000', 'مرحبا', 'day_of_month:0', '24:00', 'a@b.c\r\nBcc: x@y.z'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            name: text,
            reportKind: fc.oneof(text, fc.constantFrom('monthly', 'saved')),
            savedReportId: fc.oneof(fc.integer(), fc.constant(null)),
            formats: fc.array(fc.oneof(text, fc.constantFrom('pdf', 'csv'))),
            recipients: fc.array(fc.oneof(text, fc.emailAddress())),
            runOn: fc.oneof(text, fc.constant('first_business_day')),
            runAtLocal: text,
            active: fc.oneof(fc.boolean(), text),
          },
          { requiredKeys: [] },
        ),
        async (body) => {
          const before = await count();
          const res = await admin.call('POST', '/api/v1/reports/schedules', body);
          expect(res.statusCode, res.body).toBeLessThan(500);
          if (res.statusCode !== 201) expect(await count()).toBe(before);
        },
      ),
      { numRuns: 150 },
    );
  });
});
