// The ombudsperson's periodic report on seeded records of June 2026 (Los Angeles): every count compared with the
// answer worked out by hand from the records below; the same numbers as CSV, XLSX and PDF; the report is a
// schedulable kind; a caseworker's report leaves out a restricted complaint; a bad period is refused by name.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../test/test-app.ts';
import { createUser, USER_PASSWORD } from '../../test/factories.ts';
import { reportBuilders } from '../report-builders.ts';
import { schedulableKinds } from '../../commands/reports/report-schedules.ts';
import { ombudsCellKey } from '../../../shared/ombudsperson-report.ts';

let t: TestApp;
let admin: SignedIn;

async function complaint(receivedVia: string, receivedOn: string, categories: string[], extra = {}) {
  const res = await admin.call('POST', '/api/v1/complaints', {
    complainant: { firstName: 'Ana', lastName: `Ruiz ${receivedOn}`, role: 'noncustodial_parent' },
    programCaseNumber: `CS-${receivedOn}`,
    receivedVia,
    receivedOn,
    issues: categories.map((category) => ({ category, description: `About ${category}.` })),
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().complaintNumber as string;
}

async function call(method: 'POST', url: string, body: unknown) {
  const res = await admin.call(method, url, body);
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
}

async function inquiry(n: string, receivedAt: string) {
  const res = await admin.call('POST', '/api/v1/cases', {
    kind: 'inquiry',
    channel: 'phone',
    subject: 'ENFORCEMENT',
    description: 'My license was suspended.',
    receivedAt,
    programCaseNumber: `CS-I${n}`,
    person: { firstName: 'Rosa', lastName: `Diaz${n}`, email: `rosa${n}@example.org` },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().trackingNumber as string;
}

async function closeInquiry(trackingNumber: string, satisfied: boolean, closedOn: string) {
  await call('POST', `/api/v1/inquiries/${trackingNumber}/close`, { satisfied });
  // Closing records today's date; the seeded record is closed on a day of the period.
  await sql`update case_details set closed_on = ${closedOn}::date
    where case_id = (select id from cases where tracking_number = ${trackingNumber})`.execute(t.db);
}

beforeAll(async () => {
  t = await createTestApp({ agencyPreset: 'child-support', timeZone: 'America/Los_Angeles' });
  admin = await signInAs(t.app);

  // A: in person on Mon 1 June, due 1 July, resolved 20 June: within 30 days.
  const a = await complaint('in_person', '2026-06-01', ['distribution', 'case_handling']);
  await call('POST', `/api/v1/complaints/${a}/resolution`, { findings: 'Corrected.', noticeMailedOn: '2026-06-20' });
  // B: by phone on 2 June, extended on 25 June, resolved 30 June: within the extension.
  const b = await complaint('phone', '2026-06-02', ['distribution']);
  await call('POST', `/api/v1/complaints/${b}/extension`, { reason: 'Waiting for the bank records.' });
  await sql`update complaints set extended_on = '2026-06-25' where complaint_number = ${b}`.execute(t.db);
  await call('POST', `/api/v1/complaints/${b}/resolution`, { findings: 'Paid out.', noticeMailedOn: '2026-06-30' });
  // C: by email on Fri 1 May, due Sun 31 May → Mon 1 June, resolved 10 June: late (and received before the period).
  const c = await complaint('email', '2026-05-01', ['application']);
  await call('POST', `/api/v1/complaints/${c}/resolution`, { findings: 'Opened.', noticeMailedOn: '2026-06-10' });
  // D: mailed, postmarked Mon 1 June: received 8 June; still open.
  await complaint('mail', '2026-06-03', ['case_closure'], { postmarkedOn: '2026-06-01' });
  // E: received 1 July, outside the period.
  await complaint('web', '2026-07-01', ['distribution']);

  // Hearings: on A, eligible, held 29 June and decided 30 June for the complainant; on C, a custody issue (not
  // heard, not raised), dismissed.
  const hearingA = await call('POST', `/api/v1/complaints/${a}/hearing-requests`, {
    requestedOn: '2026-06-22',
    issues: ['distribution'],
  });
  expect(hearingA.eligible).toBe(true);
  await call('POST', `/api/v1/complaints/${a}/hearing-requests/${hearingA.id}/schedule`, {
    hearingOn: '2026-06-29',
    place: 'Room 1',
  });
  await call('POST', `/api/v1/complaints/${a}/hearing-requests/${hearingA.id}/decision`, {
    adoptedOn: '2026-06-30',
    outcomes: [{ category: 'distribution', outcome: 'granted' }],
  });
  const hearingC = await call('POST', `/api/v1/complaints/${c}/hearing-requests`, {
    requestedOn: '2026-06-15',
    issues: ['custody_visitation'],
  });
  expect(hearingC.eligible).toBe(false);
  await call('POST', `/api/v1/complaints/${c}/hearing-requests/${hearingC.id}/dismissal`, { noticeOn: '2026-06-20' });

  // Inquiries: the same person on the same subject on 20 May and 10 June (a repeat contact); one late on 30 June
  // local time (already 1 July in UTC: still June); one just after midnight on 1 July (outside).
  const first = await inquiry('1', '2026-05-20T09:00:00-07:00');
  const repeat = await inquiry('1', '2026-06-10T09:00:00-07:00');
  await inquiry('2', '2026-06-30T23:30:00-07:00');
  await inquiry('3', '2026-07-01T00:30:00-07:00');
  await closeInquiry(first, true, '2026-06-05');
  await closeInquiry(repeat, false, '2026-06-12');
});
afterAll(async () => t.close());

type Doc = {
  tables: {
    name: string;
    columns: { key: string; format?: string }[];
    rows: Record<string, string | number | null>[];
  }[];
};
const measures = (doc: Doc, table: string) =>
  Object.fromEntries(doc.tables.find((x) => x.name === table)!.rows.map((r) => [r.measure, r.value]));
const asOf = '2026-07-15T12:00:00Z';

describe("the ombudsperson's periodic report", () => {
  it('counts June 2026 as worked out by hand', async () => {
    const res = await admin.call('GET', `/api/v1/reports/ombudsperson?period=2026-06&asOf=${asOf}`);
    expect(res.statusCode, res.body).toBe(200);
    const doc = res.json() as Doc;
    expect(measures(doc, 'Inquiries')).toEqual({
      'Inquiries received': 2,
      'Repeat contacts (same person, same subject, within 90 days)': 1,
      'Inquiries closed': 2,
      'Closed, participant satisfied': 1,
      'Closed, participant dissatisfied': 1,
    });
    expect(measures(doc, 'Complaints')).toEqual({
      'Complaints received': 3,
      'Filed after the filing window': 0,
      'Complaints resolved': 3,
      'Resolved within 30 days': 1,
      'Resolved within the extension': 1,
      'Resolved within 30 days or the extension': 2,
      'Resolved after the due date': 1,
      'Extensions granted': 1,
      'Transfers to another county': 0,
    });
    const shares = Object.fromEntries(
      doc.tables.find((x) => x.name === 'Complaints')!.rows.map((r) => [r.measure, r.share]),
    );
    expect(shares['Resolved within 30 days']).toBe(33.3);
    expect(shares['Resolved within 30 days or the extension']).toBe(66.7);
    const byCategory = doc.tables.find((x) => x.name === 'By category')!.rows;
    expect(byCategory).toHaveLength(3);
    expect(byCategory[0]!.count).toBe(2);
    expect(byCategory.map((r) => r.count)).toEqual([2, 1, 1]);
    expect(doc.tables.find((x) => x.name === 'By channel')!.rows).toEqual([
      { channel: 'in person', count: 1, drill: 'complaints.channel:in_person' },
      { channel: 'mail', count: 1, drill: 'complaints.channel:mail' },
      { channel: 'phone', count: 1, drill: 'complaints.channel:phone' },
    ]);
    expect(measures(doc, 'Hearings')).toEqual({
      'Hearings requested': 2,
      'Requests eligible': 1,
      'Hearings held': 1,
      'Requests dismissed': 1,
      'Decisions adopted': 1,
      'Compliance reports due': 0,
      'Compliance reports filed on time': 0,
      'Compliance reports filed late': 0,
      'Compliance reports not filed': 0,
    });
    expect(doc.tables.find((x) => x.name === 'Outcomes')!.rows).toHaveLength(1);
    expect(doc.tables.find((x) => x.name === 'Outcomes')!.rows[0]).toMatchObject({ granted: 1, denied: 0 });
  });

  it('counts a federal fiscal year (October–September) and nothing outside it', async () => {
    const doc = (await admin.call('GET', `/api/v1/reports/ombudsperson?period=FFY2026&asOf=${asOf}`)).json() as Doc;
    expect(doc.tables.length).toBeGreaterThan(0);
    // FFY2026 runs from 1 October 2025 to 30 September 2026: all five complaints and four inquiries.
    expect(measures(doc, 'Complaints')['Complaints received']).toBe(5);
    expect(measures(doc, 'Inquiries')['Inquiries received']).toBe(4);
    const before = (await admin.call('GET', '/api/v1/reports/ombudsperson?period=FFY2025')).json() as Doc;
    expect(measures(before, 'Complaints')['Complaints received']).toBe(0);
  });

  it('gives the same numbers as CSV, XLSX and PDF, and is a schedulable report kind', async () => {
    const url = `/api/v1/reports/ombudsperson?period=2026-06&asOf=${asOf}`;
    const csv = await admin.call('GET', `${url}&format=csv`);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toMatch(/Resolved within the extension.*1/);
    const xlsx = await t.app.inject({ method: 'GET', url: `${url}&format=xlsx`, headers: { cookie: admin.cookie } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Complaints')!;
    const values: Record<string, unknown> = {};
    sheet.eachRow((row) => (values[String(row.getCell(1).value)] = row.getCell(2).value));
    expect(values['Complaints received']).toBe(3);
    // Percentages are fractions with a percent format: Excel shows 66.7% and computes with 0.667.
    const shares: Record<string, ExcelJS.Cell> = {};
    sheet.eachRow((row) => (shares[String(row.getCell(1).value)] = row.getCell(3)));
    expect(shares['Resolved within 30 days or the extension']!.value).toBe(0.667);
    expect(shares['Resolved within 30 days or the extension']!.numFmt).toBe('0.0%');
    expect(shares['Resolved within 30 days']!.value).toBe(0.333);
    expect(shares['Resolved within 30 days']!.numFmt).toBe('0.0%');
    const pdf = await t.app.inject({ method: 'GET', url: `${url}&format=pdf`, headers: { cookie: admin.cookie } });
    expect(pdf.headers['content-type']).toMatch(/application\/pdf/);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ombuds-')), 'report.pdf');
    writeFileSync(file, pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain("Ombudsperson's report");
    expect(text).toMatch(/Hearings requested\s+2/);
    expect(text).toMatch(/Resolved within 30 days\s+1\s+33\.3%/);
    expect(text).toMatch(/Resolved within 30 days or the extension\s+2\s+66\.7%/);
    expect(reportBuilders.ombudsperson).toBeTypeOf('function');
    expect(schedulableKinds()).toContain('ombudsperson');
  });

  it("leaves a restricted complaint out of a caseworker's report, and refuses a bad period by name", async () => {
    const restricted = await admin.call('POST', '/api/v1/cases', {
      channel: 'phone',
      description: 'Protective order.',
      restricted: true,
      person: { firstName: 'Lia', lastName: 'Moss', phone: '213-555-0101' },
    });
    await complaint('phone', '2026-06-11', ['case_closure'], {
      caseTrackingNumber: restricted.json().trackingNumber,
    });
    const all = (await admin.call('GET', `/api/v1/reports/ombudsperson?period=2026-06&asOf=${asOf}`)).json() as Doc;
    expect(measures(all, 'Complaints')['Complaints received']).toBe(4);
    await createUser(t.db, { email: 'cw-ombuds@example.gov', role: 'caseworker', units: ['FIN'] });
    const caseworker = await signInAs(t.app, 'cw-ombuds@example.gov', USER_PASSWORD);
    const theirs = (await caseworker.call('GET', `/api/v1/reports/ombudsperson?period=2026-06&asOf=${asOf}`)).json();
    expect(measures(theirs as Doc, 'Complaints')['Complaints received']).toBe(3);
    const bad = await admin.call('GET', '/api/v1/reports/ombudsperson?period=June');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('period');
  });

  it('lists, behind every number of the report, exactly as many records as the number says', async () => {
    for (const period of ['2026-06', 'FFY2026']) {
      const doc = (await admin.call('GET', `/api/v1/reports/ombudsperson?period=${period}&asOf=${asOf}`)).json() as Doc;
      let cells = 0;
      let nonZero = 0;
      for (const table of doc.tables) {
        for (const row of table.rows) {
          for (const column of table.columns) {
            const cell = ombudsCellKey(row, column);
            if (column.format === 'count')
              expect(cell, `${table.name} ${String(row[table.columns[0]!.key])}`).not.toBeNull();
            if (!cell) continue;
            const res = await admin.call(
              'GET',
              `/api/v1/reports/ombudsperson/items?period=${period}&asOf=${asOf}&cell=${encodeURIComponent(cell)}`,
            );
            expect(res.statusCode, res.body).toBe(200);
            const items = res.json();
            const listed = items.inquiries.length + items.complaints.length + items.hearings.length;
            expect({ cell, listed, total: items.total }).toEqual({
              cell,
              listed: row[column.key],
              total: row[column.key],
            });
            cells += 1;
            if (listed > 0) nonZero += 1;
          }
        }
      }
      expect(cells).toBeGreaterThan(25);
      expect(nonZero).toBeGreaterThan(15);
    }
  });

  it('lists the records themselves, named and dated, and refuses a cell the report does not have', async () => {
    const url = `/api/v1/reports/ombudsperson/items?period=2026-06&asOf=${asOf}`;
    const late = (await admin.call('GET', `${url}&cell=complaints.late`)).json();
    expect(late).toMatchObject({ kind: 'complaints', total: 1, label: 'Complaints: Resolved after the due date' });
    expect(late.complaints[0]).toMatchObject({ receiptDate: '2026-05-01', resolvedOn: '2026-06-10' });
    const granted = (await admin.call('GET', `${url}&cell=hearings.outcome:distribution:granted`)).json();
    expect(granted).toMatchObject({ kind: 'hearings', total: 1 });
    expect(granted.hearings[0]).toMatchObject({ hearingOn: '2026-06-29', decisionAdoptedOn: '2026-06-30' });
    const repeat = (await admin.call('GET', `${url}&cell=inquiries.repeatContacts`)).json();
    expect(repeat.inquiries).toHaveLength(1);
    expect(repeat.inquiries[0]).toMatchObject({ receivedOn: '2026-06-10', repeatContact: true, satisfied: false });
    const none = (await admin.call('GET', `${url}&cell=complaints.category:paternity`)).json();
    expect(none).toMatchObject({ total: 0, complaints: [] });
    for (const cell of ['complaints', 'complaints.everything', 'hearings.outcome:distribution:maybe']) {
      const bad = await admin.call('GET', `${url}&cell=${encodeURIComponent(cell)}`);
      expect(bad.statusCode, cell).toBe(400);
      expect(bad.json().error.details[0].field).toBe('cell');
    }
  });
});
