// Scheduled delivery over real SMTP (a fake relay): the sweep sends a month once, on the first business day at 08:00
// agency time; the mail carries the PDF and XLSX with the owner's numbers (restricted cases only for an owner who may
// see them); a relay that is down is retried and recorded; a refusal, a report kind that is not registered and an
// owner who left are failures written on the delivery.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../test/test-app.ts';
import { startFakeRelay, type FakeRelay } from '../test/fake-relay.ts';
import { createUser, USER_PASSWORD } from '../test/factories.ts';
import { insertCases } from '../test/crosstab-test-support.ts';
import { reportBuilders } from '../reports/report-builders.ts';
import type { ReportDocument } from '../../shared/report-document.ts';
import { visibleCasesFilter } from '../policies/case-access.ts';
import { periodInstants } from '../../shared/report-periods.ts';
import { closeRenderer } from '../channels/letters/pdf-renderer.ts';
import { drainJobs } from './worker.ts';
import { resetTransports } from './email-send.ts';
import { runReportSchedules } from './report-schedules.ts';

let t: TestApp;
let relay: FakeRelay;
let outsider: SignedIn;
let dvSupervisor: SignedIn;
let outsiderId: number;
const work = mkdtempSync(path.join(tmpdir(), 'civicdesk-report-delivery-'));

// The test's own report: cases received in the period that the reader may see, by channel.
const TEST_KIND = 'test-volume';
async function testVolumeReport(
  ctx: Parameters<(typeof reportBuilders)[string]>[0],
  request: Parameters<(typeof reportBuilders)[string]>[1],
): Promise<ReportDocument> {
  const { start, end } = periodInstants(request.period, ctx.agency.timeZone);
  const rows = await ctx.db
    .selectFrom('cases as c')
    .select(['c.channel', (eb) => eb.fn.countAll<number>().as('n')])
    .where(visibleCasesFilter(ctx))
    .where('c.received_at', '>=', start)
    .where('c.received_at', '<', end)
    .groupBy('c.channel')
    .orderBy('c.channel')
    .execute();
  return {
    title: 'Test volume report',
    subtitle: [ctx.agency.name, `For ${ctx.actor.name}`],
    tables: [
      {
        name: 'volume',
        title: 'Cases by channel',
        columns: [
          { key: 'channel', label: 'Channel' },
          { key: 'cases', label: 'Cases', format: 'count' },
        ],
        rows: rows.map((r) => ({ channel: r.channel, cases: Number(r.n) })),
      },
    ],
    charts: [{ kind: 'bar', title: 'Volume chart', table: 'volume', labelColumn: 'channel', valueColumns: ['cases'] }],
  };
}

/** October 2026 in New York: 3 emails + 1 letter open to all, 2 restricted DV emails; plus cases outside October. */
const OCTOBER_OPEN = { email: 3, letter: 1 };
const OCTOBER_RESTRICTED_EMAILS = 2;

async function schedule(by: SignedIn, fields: Record<string, unknown> = {}) {
  const res = await by.call('POST', '/api/v1/reports/schedules', {
    name: 'Volume for the director',
    reportKind: TEST_KIND,
    formats: ['pdf', 'xlsx'],
    recipients: ['director@agency.example', 'deputy@agency.example'],
    runOn: 'first_business_day',
    runAtLocal: '08:00',
    ...fields,
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  // Made in mid-October, so the first run it owes is November's.
  await sql`update report_schedules set created_at = ${new Date('2026-10-15T12:00:00Z')} where id = ${id}`.execute(
    t.db,
  );
  return id;
}

async function deliveries(scheduleId: number) {
  return t.db.selectFrom('report_deliveries').selectAll().where('schedule_id', '=', scheduleId).orderBy('id').execute();
}

async function mailsTo(address: string): Promise<ParsedMail[]> {
  return Promise.all(relay.messages.filter((m) => m.to.includes(address)).map((m) => simpleParser(m.raw)));
}

async function xlsxCounts(content: Buffer): Promise<Record<string, number>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('volume')!;
  const counts: Record<string, number> = {};
  for (let r = 3; r <= sheet.rowCount; r += 1) {
    const cell = sheet.getCell(r, 2);
    expect(cell.type).toBe(ExcelJS.ValueType.Number);
    counts[String(sheet.getCell(r, 1).value)] = cell.value as number;
  }
  return counts;
}

function pdftotext(pdf: Buffer): string {
  const file = path.join(work, `${Math.random().toString(16).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
}

/** Lets the backoff pass: the job runner's own tests cover the schedule. */
async function timePasses() {
  await t.db
    .updateTable('jobs')
    .set({ run_at: new Date(Date.now() - 1000) })
    .where('done_at', 'is', null)
    .execute();
}

beforeAll(async () => {
  reportBuilders[TEST_KIND] = testVolumeReport;
  relay = await startFakeRelay();
  t = await createTestApp({ smtpUrl: relay.url });
  const outsiderUser = await createUser(t.db, { email: 'outsider@example.gov', role: 'supervisor', units: ['SNAP'] });
  outsiderId = outsiderUser.id;
  await createUser(t.db, { email: 'dv.lead@example.gov', role: 'supervisor', units: ['DV'] });
  outsider = await signInAs(t.app, 'outsider@example.gov', USER_PASSWORD);
  dvSupervisor = await signInAs(t.app, 'dv.lead@example.gov', USER_PASSWORD);
  await insertCases(t.db, [
    { localDate: '2026-10-01', localTime: '00:30', unitCode: 'SNAP' },
    { localDate: '2026-10-14', unitCode: 'SNAP' },
    { localDate: '2026-10-31', localTime: '23:30' },
    { localDate: '2026-10-20', channel: 'letter', unitCode: 'FIA' },
    { localDate: '2026-10-05', unitCode: 'DV', restricted: true },
    { localDate: '2026-10-06', unitCode: 'DV', restricted: true },
    // Outside October in New York time (the first is 31 October in UTC, the second 1 November).
    { localDate: '2026-09-30', localTime: '22:00', unitCode: 'SNAP' },
    { localDate: '2026-11-01', localTime: '00:10', unitCode: 'SNAP' },
  ]);
});

afterAll(async () => {
  delete reportBuilders[TEST_KIND];
  resetTransports();
  await closeRenderer();
  await relay?.stop();
  await t?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the monthly sweep', () => {
  let scheduleId: number;

  it('sends nothing before 08:00 New York time on the first business day (Monday 2 November 2026)', async () => {
    scheduleId = await schedule(outsider);
    // Sunday 1 November, and 07:59 EST on Monday: only September's run has passed, before the schedule existed.
    expect(await runReportSchedules(t.db, new Date('2026-11-01T15:00:00Z'))).toBe(0);
    expect(await runReportSchedules(t.db, new Date('2026-11-02T12:59:00Z'))).toBe(0);
    expect(await deliveries(scheduleId)).toHaveLength(0);
  });

  it('sends October once at 08:00 EST with the PDF and XLSX attached, numbers as the owner sees them', async () => {
    expect(await runReportSchedules(t.db, new Date('2026-11-02T13:00:00Z'))).toBe(1);
    // Another sweep, or another worker, finds the month taken.
    expect(await runReportSchedules(t.db, new Date('2026-11-02T13:01:00Z'))).toBe(0);
    expect(await runReportSchedules(t.db, new Date('2026-11-20T09:00:00Z'))).toBe(0);
    await drainJobs({ db: t.db, config: t.config });

    const [delivery] = await deliveries(scheduleId);
    expect(delivery).toMatchObject({ period_key: '2026-10', status: 'sent', attempts: 1, last_error: null });
    const mails = await mailsTo('director@agency.example');
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(relay.messages.filter((m) => m.to.includes('deputy@agency.example'))).toHaveLength(1);
    expect(mail.subject).toBe('Test volume report — October 2026');
    expect(mail.messageId).toBe(`<${delivery!.message_id}>`);
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.text).toContain('outsider');
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['test-volume-report-2026-10.pdf', 'application/pdf'],
      ['test-volume-report-2026-10.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ]);
    const [pdf, xlsx] = mail.attachments;
    expect(pdf!.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdftotext(pdf!.content);
    expect(text).toContain('Test volume report');
    expect(text).toContain('Volume chart');
    // The owner is in SNAP, not DV: the restricted DV cases are not counted.
    expect(await xlsxCounts(xlsx!.content)).toEqual(OCTOBER_OPEN);
  });

  it('counts the restricted cases for an owner who may see them', async () => {
    const id = await schedule(dvSupervisor, { formats: ['xlsx'], recipients: ['dv.report@agency.example'] });
    expect(await runReportSchedules(t.db, new Date('2026-11-02T13:00:00Z'))).toBe(1);
    await drainJobs({ db: t.db, config: t.config });
    expect((await deliveries(id))[0]).toMatchObject({ status: 'sent', period_key: '2026-10' });
    const [mail] = await mailsTo('dv.report@agency.example');
    expect(mail!.attachments).toHaveLength(1);
    expect(await xlsxCounts(mail!.attachments[0]!.content)).toEqual({
      email: OCTOBER_OPEN.email + OCTOBER_RESTRICTED_EMAILS,
      letter: OCTOBER_OPEN.letter,
    });
  });
});

describe('failures', () => {
  it('keeps the delivery queued with its error while the relay is down and sends it when it is back', async () => {
    const id = await schedule(outsider, { formats: ['csv'], recipients: ['retry@agency.example'] });
    await relay.stop();
    resetTransports();
    try {
      const sent = await outsider.call('POST', `/api/v1/reports/schedules/${id}/send-now`, { period: '2026-10' });
      expect(sent.statusCode, sent.body).toBe(202);
      expect(sent.json()).toMatchObject({ periodKey: '2026-10', status: 'queued', trigger: 'send_now' });
      await drainJobs({ db: t.db, config: t.config });
      const [waiting] = await deliveries(id);
      expect(waiting).toMatchObject({ status: 'queued', attempts: 1 });
      expect(waiting!.last_error).toMatch(/ECONNREFUSED|connect/i);
      const job = await t.db
        .selectFrom('jobs')
        .select(['run_at', 'done_at'])
        .where('kind', '=', 'report-delivery')
        .where('done_at', 'is', null)
        .executeTakeFirstOrThrow();
      // Retried after a backoff, not at once.
      expect(job.run_at.getTime()).toBeGreaterThan(Date.now());
    } finally {
      await relay.start();
    }
    await timePasses();
    await drainJobs({ db: t.db, config: t.config });
    const [delivered] = await deliveries(id);
    expect(delivered).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    const [mail] = await mailsTo('retry@agency.example');
    expect(mail!.attachments[0]!.filename).toBe('test-volume-report-2026-10.csv');
    expect(mail!.attachments[0]!.content.toString('utf8')).toBe('\uFEFFChannel,Cases\r\nemail,3\r\nletter,1\r\n');
  });

  it('fails for good, without retrying, when the relay refuses every recipient with a 5xx', async () => {
    relay.refuse.set('gone@agency.example', 550);
    const id = await schedule(outsider, { formats: ['csv'], recipients: ['gone@agency.example'] });
    await outsider.call('POST', `/api/v1/reports/schedules/${id}/send-now`, { period: '2026-10' });
    await drainJobs({ db: t.db, config: t.config });
    const [delivery] = await deliveries(id);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1 });
    expect(delivery!.last_error).toContain('refused');
  });

  it('sends to the others and notes the one address the relay refused', async () => {
    relay.refuse.set('left@agency.example', 550);
    const id = await schedule(outsider, {
      formats: ['csv'],
      recipients: ['left@agency.example', 'stays@agency.example'],
    });
    await outsider.call('POST', `/api/v1/reports/schedules/${id}/send-now`, { period: '2026-10' });
    await drainJobs({ db: t.db, config: t.config });
    const [delivery] = await deliveries(id);
    expect(delivery).toMatchObject({ status: 'sent' });
    expect(delivery!.last_error).toBe('The relay refused left@agency.example.');
    expect(await mailsTo('stays@agency.example')).toHaveLength(1);
  });

  it('records a clear failure for a report kind that is not registered', async () => {
    reportBuilders['test-vanishing'] = testVolumeReport;
    const id = await schedule(outsider, { reportKind: 'test-vanishing', recipients: ['nobody@agency.example'] });
    delete reportBuilders['test-vanishing'];
    expect(await runReportSchedules(t.db, new Date('2026-11-02T13:00:00Z'))).toBe(1);
    await drainJobs({ db: t.db, config: t.config });
    const [delivery] = await deliveries(id);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1 });
    expect(delivery!.last_error).toContain('The report “test-vanishing” is not available');
    expect(await mailsTo('nobody@agency.example')).toHaveLength(0);
  });

  it('records a clear failure when the owner can no longer sign in', async () => {
    const id = await schedule(outsider, { recipients: ['orphan@agency.example'] });
    await t.db.updateTable('users').set({ active: false }).where('id', '=', outsiderId).execute();
    try {
      expect(await runReportSchedules(t.db, new Date('2026-11-02T13:00:00Z'))).toBeGreaterThanOrEqual(1);
      await drainJobs({ db: t.db, config: t.config });
    } finally {
      await t.db.updateTable('users').set({ active: true }).where('id', '=', outsiderId).execute();
    }
    const [delivery] = await deliveries(id);
    expect(delivery).toMatchObject({ status: 'failed' });
    expect(delivery!.last_error).toContain('can no longer sign in');
  });
});
