// The state complaint log through the API: the records it lists match the complaints, their actions and notices;
// CSV and XLSX carry the same rows; restricted complaints stay out of sight of those who may not see them.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../test/test-app.ts';
import { createUser, USER_PASSWORD } from '../../test/factories.ts';

let t: TestApp;
let admin: SignedIn;
let number: string;
beforeAll(async () => {
  t = await createTestApp({ agencyPreset: 'child-support', timeZone: 'America/Los_Angeles' });
  admin = await signInAs(t.app);
  const filed = await admin.call('POST', '/api/v1/complaints', {
    complainant: { firstName: 'Ana', lastName: 'Ruiz', role: 'noncustodial_parent' },
    programCaseNumber: 'CS-55',
    receivedVia: 'mail',
    receivedOn: '2026-06-03',
    postmarkedOn: '2026-06-01',
    issues: [{ category: 'distribution', description: 'Wrong arrears balance.' }],
  });
  number = filed.json().complaintNumber;
  await admin.call('POST', `/api/v1/complaints/${number}/actions`, {
    action: 'Recalculate arrears',
    responsibleKind: 'unit',
    responsibleName: 'Financial/Distribution',
  });
  await admin.call('POST', `/api/v1/complaints/${number}/resolution`, {
    findings: 'Arrears recalculated.',
    noticeMailedOn: '2026-06-20',
  });
  const restricted = await admin.call('POST', '/api/v1/cases', {
    channel: 'phone',
    description: 'Protective order.',
    restricted: true,
    person: { firstName: 'Rosa', lastName: 'Diaz', phone: '213-555-0101' },
  });
  await admin.call('POST', '/api/v1/complaints', {
    complainant: { firstName: 'Rosa', lastName: 'Diaz', role: 'custodial_party' },
    programCaseNumber: 'CS-66',
    receivedVia: 'phone',
    receivedOn: '2026-06-10',
    caseTrackingNumber: restricted.json().trackingNumber,
    issues: [{ category: 'case_closure' }],
  });
});
afterAll(async () => t.close());

describe('GET /api/v1/complaints/log', () => {
  it('lists each complaint of the period with its resolution, actions and notice dates', async () => {
    const res = await admin.call('GET', '/api/v1/complaints/log?from=2026-06-01&to=2026-06-30&format=json');
    expect(res.statusCode).toBe(200);
    const rows = res.json().tables[0].rows;
    expect(rows).toHaveLength(2);
    // Postmarked Monday June 1 + 5 business days = Monday June 8.
    expect(rows[0]).toMatchObject({
      complaint: number,
      complainant: 'Ana Ruiz',
      role: 'noncustodial parent',
      programCase: 'CS-55',
      received: '2026-06-08',
      via: 'mail',
      status: 'resolved',
      resolved: '2026-06-20',
      actions: 'Recalculate arrears',
      responsible: 'Financial/Distribution (unit)',
      completed: 'open',
    });
    expect(rows[0].nature).toContain('Wrong arrears balance.');
    expect(rows[0].notices).toBe('LCR002 not mailed; LCR006 2026-06-20');
  });

  it('gives the same rows as CSV and XLSX', async () => {
    const csv = await admin.call('GET', '/api/v1/complaints/log?from=2026-06-01&to=2026-06-30&format=csv');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain(number);
    expect(csv.body).toContain('Recalculate arrears');
    const xlsx = await t.app.inject({
      method: 'GET',
      url: '/api/v1/complaints/log?from=2026-06-01&to=2026-06-30&format=xlsx',
      headers: { cookie: admin.cookie },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const values = book.worksheets.flatMap((sheet) => sheet.getSheetValues().flat().map(String));
    expect(values).toContain(number);
    expect(values).toContain('CS-66');
  });

  it('keeps restricted complaints out of the log of those who may not see them, and refuses bad dates', async () => {
    await createUser(t.db, { email: 'cw@example.gov', role: 'caseworker', units: ['FIN'] });
    const caseworker = await signInAs(t.app, 'cw@example.gov', USER_PASSWORD);
    const rows = (
      await caseworker.call('GET', '/api/v1/complaints/log?from=2026-06-01&to=2026-06-30&format=json')
    ).json().tables[0].rows;
    expect(rows.map((r: { programCase: string }) => r.programCase)).toEqual(['CS-55']);
    const bad = await admin.call('GET', '/api/v1/complaints/log?from=2026-06-31&to=2026-06-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('from');
  });
});
