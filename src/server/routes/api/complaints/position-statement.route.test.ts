// The position statement of a state hearing through the API: facts, citations, witnesses and exhibits numbered from
// the case's attachments are saved and read back; bad input is refused by field and changes nothing; the PDF packet
// holds the complaint, the facts, the exhibits, the notices sent and the timeline.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
let admin: SignedIn;
let url: string;
let scanId: number;
let ledgerId: number;

function multipart(filename: string, content: Buffer) {
  const boundary = '----civicdesk' + Math.random().toString(16).slice(2);
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      cookie: admin.cookie,
      'x-csrf-token': admin.csrfToken,
    },
  };
}

async function attach(trackingNumber: string, filename: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${trackingNumber}/attachments`,
    ...multipart(filename, Buffer.from('%PDF-1.4\n% exhibit\n')),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}

beforeAll(async () => {
  t = await createTestApp({ agencyPreset: 'child-support', timeZone: 'America/Los_Angeles' });
  admin = await signInAs(t.app);
  const theCase = await admin.call('POST', '/api/v1/cases', {
    channel: 'phone',
    description: 'Payments not distributed.',
    person: { firstName: 'Ida', lastName: 'Park', phone: '213-555-0199' },
  });
  const trackingNumber = theCase.json().trackingNumber as string;
  scanId = await attach(trackingNumber, 'payment-history.pdf');
  ledgerId = await attach(trackingNumber, 'bank-letter.pdf');
  const filed = await admin.call('POST', '/api/v1/complaints', {
    complainant: { firstName: 'Ida', lastName: 'Park', role: 'custodial_party' },
    programCaseNumber: 'CS-PS-1',
    receivedVia: 'in_person',
    receivedOn: '2026-06-01',
    caseTrackingNumber: trackingNumber,
    issues: [{ category: 'distribution', description: 'Two payments never reached me.' }],
  });
  expect(filed.statusCode, filed.body).toBe(201);
  const number = filed.json().complaintNumber as string;
  await admin.call('POST', `/api/v1/complaints/${number}/resolution`, {
    findings: 'Both payments were held for a bank review.',
    noticeMailedOn: '2026-06-20',
  });
  const hearing = await admin.call('POST', `/api/v1/complaints/${number}/hearing-requests`, {
    requestedOn: '2026-07-06',
    issues: ['distribution'],
  });
  expect(hearing.statusCode, hearing.body).toBe(201);
  url = `/api/v1/complaints/${number}/hearing-requests/${hearing.json().id}/position-statement`;
});
afterAll(async () => t.close());

describe('the position statement of a state hearing', () => {
  it('starts empty, offers the case attachments, and saves facts, citations, witnesses and numbered exhibits', async () => {
    const empty = await admin.call('GET', url);
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json()).toMatchObject({ facts: null, exhibits: [] });
    expect(empty.json().available.map((a: { filename: string }) => a.filename)).toEqual([
      'payment-history.pdf',
      'bank-letter.pdf',
    ]);
    const saved = await admin.call('PUT', url, {
      facts: 'The payments of 3 and 17 March were held by the bank until 2 June.',
      citations: 'Family Code section 17801',
      witnesses: 'M. Chen, Financial/Distribution\nR. Soto, caseworker',
      exhibitIds: [ledgerId, scanId],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().exhibits).toEqual([
      { number: 1, attachmentId: ledgerId, filename: 'bank-letter.pdf' },
      { number: 2, attachmentId: scanId, filename: 'payment-history.pdf' },
    ]);
    expect((await admin.call('GET', url)).json()).toMatchObject({
      facts: 'The payments of 3 and 17 March were held by the bank until 2 June.',
      citations: 'Family Code section 17801',
    });
  });

  it('refuses empty facts and exhibits that are not attachments of the case, and changes nothing', async () => {
    const bad = await admin.call('PUT', url, { facts: '  ', exhibitIds: [999999] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { field: string }) => d.field)).toEqual(['facts', 'exhibitIds']);
    const twice = await admin.call('PUT', url, { facts: 'x', exhibitIds: [scanId, scanId] });
    expect(twice.statusCode).toBe(400);
    expect((await admin.call('GET', url)).json().exhibits).toHaveLength(2);
    const unknown = await admin.call('GET', url.replace(/hearing-requests\/\d+/, 'hearing-requests/424242'));
    expect(unknown.statusCode).toBe(404);
  });

  it('assembles one PDF with the complaint, the facts, the exhibits, the notices sent and the timeline', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${url}/pdf`, headers: { cookie: admin.cookie } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/pdf/);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'packet-')), 'packet.pdf');
    writeFileSync(file, res.rawPayload);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Position statement for a state hearing');
    expect(text).toContain('CS-PS-1');
    expect(text).toContain('The payments of 3 and 17 March were held by the bank until 2 June.');
    expect(text).toContain('Family Code section 17801');
    expect(text).toContain('M. Chen, Financial/Distribution');
    expect(text).toContain('bank-letter.pdf');
    expect(text).toContain('Both payments were held for a bank review.');
    expect(text).toContain('LCR006');
    expect(text).toContain('Notice LCR006 mailed');
    expect(text).toContain('State hearing requested');
    expect(text.indexOf('2026-06-01')).toBeLessThan(text.lastIndexOf('2026-07-06'));
  });
});
