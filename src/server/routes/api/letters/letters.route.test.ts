// Letters end to end on a real database and Debian's Chromium: letters in eight languages checked with poppler
// (pdftotext, pdffonts, pdfinfo), the print batch and its window-envelope address pages, the mailing log, inbound
// letters, and what a hostile or broken request does.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { buildApp } from '../../../app.ts';
import { createUser, USER_PASSWORD } from '../../../test/factories.ts';
import { SAMPLE_LETTERS } from '../../../channels/letters/sample-letters.ts';
import { localDate } from '../../../../shared/local-time.ts';

let t: TestApp;
let admin: SignedIn;
let caseworker: SignedIn;
let auditor: SignedIn;
const work = mkdtempSync(path.join(tmpdir(), 'civicdesk-letters-'));
/** Tracking number and letter (timeline entry) id per language. */
const sent = new Map<string, { trackingNumber: string; entryId: number }>();

function poppler(tool: string, pdf: Buffer, args: string[] = []): string {
  const file = path.join(work, `${tool}-${Math.random().toString(16).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  try {
    return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
  } finally {
    rmSync(file, { force: true });
  }
}
const pageCount = (pdf: Buffer) => Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', pdf))![1]);
/** Extracted text without the bidi embedding marks pdftotext puts around right-to-left runs. */
const text = (pdf: Buffer, args: string[] = []) => poppler('pdftotext', pdf, args).replace(/[\u202a-\u202e]/g, '');
/** Text without whitespace: pdftotext breaks Nastaliq words apart, the letters stay in order. */
const compact = (value: string) => value.replace(/\s+/g, '');
/** Embedded font names: pdffonts lists TrueType fonts; Chromium writes CJK (CFF) fonts as Type 3 with a FontName. */
const fontNames = (pdf: Buffer) =>
  poppler('pdffonts', pdf) +
  [...pdf.toString('latin1').matchAll(/\/FontName\s*\/([\w+-]+)/g)].map((m) => m[1]).join(' ');

function multipart(fields: Record<string, string>, file?: { name: string; data: Buffer }, by: SignedIn = caseworker) {
  const boundary = '----letters' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = Object.entries(fields).map(([name, value]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  );
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    method: 'POST' as const,
    url: '/api/v1/letters/inbound',
    payload: Buffer.concat(parts),
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      cookie: by.cookie,
      'x-csrf-token': by.csrfToken,
    },
  };
}

async function sendLetter(
  language: string,
  person: Record<string, string>,
  templateCode: string,
): Promise<{ trackingNumber: string; entryId: number }> {
  const created = await caseworker.call('POST', '/api/v1/cases', {
    channel: 'letter',
    description: 'No heat in the building since Monday.',
    language,
    person: { ...person, language },
  });
  expect(created.statusCode, created.body).toBe(201);
  const trackingNumber = created.json().trackingNumber as string;
  const answered = await caseworker.call('POST', `/api/v1/cases/${trackingNumber}/responses`, {
    templateCode,
    channel: 'letter',
  });
  expect(answered.statusCode, answered.body).toBe(201);
  const entry = await t.db
    .selectFrom('timeline_entries')
    .innerJoin('cases', 'cases.id', 'timeline_entries.case_id')
    .select(['timeline_entries.id', 'timeline_entries.delivery_status'])
    .where('cases.tracking_number', '=', trackingNumber)
    .where('timeline_entries.kind', '=', 'outbound')
    .executeTakeFirstOrThrow();
  expect(entry.delivery_status).toBe('to_print');
  return { trackingNumber, entryId: entry.id };
}

beforeAll(async () => {
  t = await createTestApp({ dataDir: work });
  admin = await signInAs(t.app);
  const cw = await createUser(t.db, { email: 'letters-cw@example.gov', role: 'caseworker', name: 'Maria Lopez' });
  caseworker = await signInAs(t.app, cw.email, USER_PASSWORD);
  const au = await createUser(t.db, { email: 'letters-audit@example.gov', role: 'auditor' });
  auditor = await signInAs(t.app, au.email, USER_PASSWORD);

  const letterhead = await admin.call('PUT', '/api/v1/letters/letterhead', {
    name: 'Office of Constituent Services',
    addressLines: ['1 Centre Street, 19th Floor', 'New York, NY 10007'],
    phone: '(212) 555-0100',
    web: 'www.example.gov',
  });
  expect(letterhead.statusCode, letterhead.body).toBe(200);

  // One approved letter template per language: drafted by the caseworker, approved by the administrator.
  for (const sample of SAMPLE_LETTERS) {
    const draft = await caseworker.call('POST', '/api/v1/templates', {
      code: 'heating-reply',
      name: 'Heating reply',
      channel: 'letter',
      language: sample.language,
      subject: sample.subject,
      body: sample.body,
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const id = draft.json().id ?? draft.json().template?.id;
    expect((await caseworker.call('POST', `/api/v1/templates/${id}/versions/1/submit`)).statusCode).toBe(200);
    const approved = await admin.call('POST', `/api/v1/templates/${id}/versions/1/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
  }
  for (const sample of SAMPLE_LETTERS) {
    sent.set(sample.language, await sendLetter(sample.language, sample.person, 'heating-reply'));
  }
});
afterAll(async () => {
  await t.close();
  rmSync(work, { recursive: true, force: true });
});

describe('one letter as PDF', () => {
  it.each(SAMPLE_LETTERS.map((s) => [s.language, s] as const))(
    'renders the %s letter with its words, letterhead, address and a Noto font for its script',
    async (language, sample) => {
      const letter = sent.get(language)!;
      const res = await caseworker.call('GET', `/api/v1/cases/${letter.trackingNumber}/letters/${letter.entryId}.pdf`);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const pdf = res.rawPayload;
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pageCount(pdf)).toBe(1);
      const extracted = text(pdf);
      for (const word of sample.expectedWords) expect(compact(extracted)).toContain(compact(word));
      expect(extracted).toContain('Office of Constituent Services');
      expect(extracted).toContain(letter.trackingNumber);
      expect(extracted).toContain(sample.person.address.split(',')[0]!);
      expect(fontNames(pdf)).toContain(sample.font);
    },
  );

  it('keeps Arabic and Urdu in logical order (as pdftotext reads it back) and dates them in their language', async () => {
    const ar = sent.get('ar')!;
    const arabic = text(
      (await caseworker.call('GET', `/api/v1/cases/${ar.trackingNumber}/letters/${ar.entryId}.pdf`)).rawPayload,
    );
    expect(arabic).toContain('شكرا لرسالتك بشأن التدفئة في مبناك');
    expect(arabic).toContain('رقم التتبع');
    const ur = sent.get('ur')!;
    const urdu = text(
      (await caseworker.call('GET', `/api/v1/cases/${ur.trackingNumber}/letters/${ur.entryId}.pdf`)).rawPayload,
    );
    expect(compact(urdu)).toContain(compact('کہا ہے کہ وہ اس ہفتے آپ کے اپارٹمنٹ کا دورہ کریں'));
    const zh = sent.get('zh')!;
    const chinese = text(
      (await caseworker.call('GET', `/api/v1/cases/${zh.trackingNumber}/letters/${zh.entryId}.pdf`)).rawPayload,
    );
    expect(chinese).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    expect(chinese).toContain('王芳');
  });

  it('places the recipient where a #10 window envelope shows it (2–3.1 in from the top, 7/8 in from the left)', async () => {
    const en = sent.get('en')!;
    const pdf = (await caseworker.call('GET', `/api/v1/cases/${en.trackingNumber}/letters/${en.entryId}.pdf`))
      .rawPayload;
    const box = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">Rosa<\/word>/.exec(
      poppler('pdftotext', pdf, ['-bbox']),
    );
    expect(box).not.toBeNull();
    const [xMin, yMin, yMax] = [Number(box![1]), Number(box![2]), Number(box![3])];
    expect(xMin).toBeGreaterThanOrEqual(0.875 * 72);
    expect(yMin).toBeGreaterThanOrEqual(2.0 * 72);
    expect(yMax).toBeLessThanOrEqual(3.1 * 72);
  });

  it('answers 404 for an entry that is not a letter of that case, and 400 for path tricks', async () => {
    const en = sent.get('en')!;
    const es = sent.get('es')!;
    expect(
      (await caseworker.call('GET', `/api/v1/cases/${en.trackingNumber}/letters/${es.entryId}.pdf`)).statusCode,
    ).toBe(404);
    const inbound = await t.db
      .selectFrom('timeline_entries')
      .select('id')
      .where('kind', '=', 'inbound')
      .executeTakeFirstOrThrow();
    expect(
      (await caseworker.call('GET', `/api/v1/cases/${en.trackingNumber}/letters/${inbound.id}.pdf`)).statusCode,
    ).toBe(404);
    const tricks = await caseworker.call(
      'GET',
      `/api/v1/cases/${en.trackingNumber}/letters/..%2F..%2Fetc%2Fpasswd.pdf`,
    );
    expect(tricks.statusCode).toBe(400);
    expect(tricks.json().error.code).toBe('validation_failed');
  });
});

describe('print batches and the mailing log', () => {
  let batchId: number;

  it('refuses to let an auditor print', async () => {
    const res = await auditor.call('POST', '/api/v1/letters/print-batches');
    expect(res.statusCode).toBe(403);
  });

  it('lists the letters waiting to be printed, to an auditor too', async () => {
    const res = await auditor.call('GET', '/api/v1/letters/waiting');
    expect(res.statusCode, res.body).toBe(200);
    const { items, more } = res.json();
    expect(more).toBe(false);
    expect(items).toHaveLength(SAMPLE_LETTERS.length);
    const en = sent.get('en')!;
    expect(items).toContainEqual(
      expect.objectContaining({
        trackingNumber: en.trackingNumber,
        entryId: en.entryId,
        language: 'en',
        problem: null,
      }),
    );
  });

  it('gathers every waiting letter into one PDF, an address page before each letter', async () => {
    const res = await caseworker.call('POST', '/api/v1/letters/print-batches');
    expect(res.statusCode, res.body).toBe(201);
    const { batch, skipped } = res.json();
    expect(batch).toMatchObject({ letterCount: SAMPLE_LETTERS.length, mailedOn: null });
    expect(skipped).toEqual([]);
    batchId = batch.id;
    expect((await caseworker.call('GET', '/api/v1/letters/waiting')).json().items).toEqual([]);

    const listed = await auditor.call('GET', '/api/v1/letters/print-batches');
    expect(listed.json()[0]).toMatchObject({ id: batchId, letterCount: SAMPLE_LETTERS.length });

    const pdfRes = await caseworker.call('GET', `/api/v1/letters/print-batches/${batchId}.pdf`);
    expect(pdfRes.statusCode).toBe(200);
    const pdf = pdfRes.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pageCount(pdf)).toBe(SAMPLE_LETTERS.length * 2);
    const first = text(pdf, ['-f', '1', '-l', '1']);
    expect(first).toContain(`Envelope 1 of ${SAMPLE_LETTERS.length}`);
    expect(first).toContain('Brooklyn, NY 11201');
    expect(text(pdf, ['-f', '2', '-l', '2'])).toContain('inspector');
    const fonts = fontNames(pdf);
    for (const font of ['NotoSans-', 'NotoNaskhArabic', 'NotoNastaliqUrdu', 'NotoSansBengali', 'NotoSansCJK']) {
      expect(fonts).toContain(font);
    }

    const statuses = await t.db
      .selectFrom('timeline_entries')
      .select('delivery_status')
      .where(
        'id',
        'in',
        [...sent.values()].map((s) => s.entryId),
      )
      .execute();
    expect(statuses.every((s) => s.delivery_status === 'printed')).toBe(true);
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'entity_id'])
      .where('action', '=', 'letters.batch_printed')
      .execute();
    expect(audit).toEqual([{ action: 'letters.batch_printed', entity_id: String(batchId) }]);
  });

  it('has nothing to print the second time', async () => {
    const res = await caseworker.call('POST', '/api/v1/letters/print-batches');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('No letters are waiting');
  });

  it('refuses a mailing date that is not a date, in the future, or before printing', async () => {
    const url = `/api/v1/letters/print-batches/${batchId}/mailed`;
    expect((await caseworker.call('POST', url, { mailedOn: '2026-02-30' })).statusCode).toBe(400);
    expect((await caseworker.call('POST', url, { mailedOn: '2999-01-01' })).statusCode).toBe(400);
    expect((await caseworker.call('POST', url, { mailedOn: '2000-01-01' })).statusCode).toBe(400);
    expect((await caseworker.call('POST', url, { mailedOn: "'; drop table cases;--" })).statusCode).toBe(400);
    expect(
      (await caseworker.call('POST', '/api/v1/letters/print-batches/999999/mailed', { mailedOn: '2026-01-01' }))
        .statusCode,
    ).toBe(404);
    expect(await t.db.selectFrom('letter_mailings').select('entry_id').execute()).toEqual([]);
  });

  it('marks every letter of the batch mailed, writes the mailing log and the audit trail, once', async () => {
    const today = localDate(new Date(), 'America/New_York');
    const res = await caseworker.call('POST', `/api/v1/letters/print-batches/${batchId}/mailed`, { mailedOn: today });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: batchId, mailedOn: today });
    const statuses = await t.db
      .selectFrom('timeline_entries')
      .select('delivery_status')
      .where(
        'id',
        'in',
        [...sent.values()].map((s) => s.entryId),
      )
      .execute();
    expect(statuses.every((s) => s.delivery_status === 'mailed')).toBe(true);

    const log = await auditor.call('GET', `/api/v1/letters/mailing-log?from=${today}&to=${today}`);
    expect(log.statusCode).toBe(200);
    expect(log.json()).toHaveLength(SAMPLE_LETTERS.length);
    expect(log.json()[0]).toMatchObject({ mailedOn: today, batchId, recordedBy: 'Maria Lopez' });

    const audit = await t.db
      .selectFrom('audit_events')
      .select(['changes'])
      .where('action', '=', 'letters.batch_mailed')
      .executeTakeFirstOrThrow();
    expect(audit.changes).toContainEqual({ field: 'mailed_on', old: null, new: today });

    const again = await caseworker.call('POST', `/api/v1/letters/print-batches/${batchId}/mailed`, { mailedOn: today });
    expect(again.statusCode).toBe(409);
  });

  it('exports the mailing log as CSV with formula-looking cells neutralised', async () => {
    await sendLetter(
      'en',
      { firstName: '=HYPERLINK("http://evil.example")', lastName: '+1', address: '1 Main St, Albany, NY 12207' },
      'heating-reply',
    );
    const printed = await caseworker.call('POST', '/api/v1/letters/print-batches');
    expect(printed.statusCode, printed.body).toBe(201);
    const today = localDate(new Date(), 'America/New_York');
    await caseworker.call('POST', `/api/v1/letters/print-batches/${printed.json().batch.id}/mailed`, {
      mailedOn: today,
    });
    const csv = await auditor.call('GET', '/api/v1/letters/mailing-log.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toBe(
      'mailedOn,trackingNumber,entryId,batchId,recipient,language,subject,recordedBy',
    );
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil.example"") +1"`);
    expect(csv.body).not.toMatch(/(^|,)"?[=+@-]/m);
  });

  it('refuses to send a letter to a person without a postal address, saying why', async () => {
    const created = await caseworker.call('POST', '/api/v1/cases', {
      channel: 'letter',
      description: 'No heat.',
      person: { firstName: 'No', lastName: 'Address', email: 'no.address@example.org' },
    });
    const refused = await caseworker.call('POST', `/api/v1/cases/${created.json().trackingNumber}/responses`, {
      templateCode: 'heating-reply',
      channel: 'letter',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0]).toMatchObject({ field: 'person.address' });
  });

  it('leaves a letter whose address was removed after sending waiting and says why', async () => {
    const letter = await sendLetter(
      'en',
      { firstName: 'Moved', lastName: 'Away', address: '3 Pine St, Utica, NY 13501' },
      'heating-reply',
    );
    const owner = await t.db
      .selectFrom('cases')
      .innerJoin('timeline_entries', 'timeline_entries.case_id', 'cases.id')
      .select('cases.person_id')
      .where('timeline_entries.id', '=', letter.entryId)
      .executeTakeFirstOrThrow();
    await t.db
      .deleteFrom('person_contacts')
      .where('person_id', '=', owner.person_id!)
      .where('kind', '=', 'address')
      .execute();
    const res = await caseworker.call('POST', '/api/v1/letters/print-batches');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details[0].message).toContain('no mailing address');
    const entry = await t.db
      .selectFrom('timeline_entries')
      .select('delivery_status')
      .where('id', '=', letter.entryId)
      .executeTakeFirstOrThrow();
    expect(entry.delivery_status).toBe('to_print');
  });
});

describe('hostile template values', () => {
  it('prints markup in a name as text instead of running it', async () => {
    const letter = await sendLetter(
      'en',
      {
        firstName: '<b>Bold</b><script>document.write("owned")</script>',
        lastName: '<img src=x>',
        address: '5 Elm St, Troy, NY 12180',
      },
      'heating-reply',
    );
    const pdf = (await caseworker.call('GET', `/api/v1/cases/${letter.trackingNumber}/letters/${letter.entryId}.pdf`))
      .rawPayload;
    const extracted = text(pdf);
    expect(extracted).toContain('<b>Bold</b><script>document.write("owned")</script>');
    expect(extracted).not.toContain('owned\n');
  });
});

describe('the letterhead', () => {
  it('is changed by administrators only, versioned and audited', async () => {
    const denied = await caseworker.call('PUT', '/api/v1/letters/letterhead', { name: 'X', addressLines: [] });
    expect(denied.statusCode).toBe(403);
    const current = (await caseworker.call('GET', '/api/v1/letters/letterhead')).json();
    expect(current).toMatchObject({ name: 'Office of Constituent Services', version: 1 });
    const stale = await admin.call('PUT', '/api/v1/letters/letterhead', {
      name: 'Office',
      addressLines: [],
      expectedVersion: 0,
    });
    expect(stale.statusCode).toBe(409);
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    const withLogo = await admin.call('PUT', '/api/v1/letters/letterhead', {
      name: current.name,
      addressLines: current.addressLines,
      logo: `data:image/png;base64,${png.toString('base64')}`,
      expectedVersion: 1,
    });
    expect(withLogo.statusCode, withLogo.body).toBe(200);
    expect(withLogo.json().version).toBe(2);
    const fake = await admin.call('PUT', '/api/v1/letters/letterhead', {
      name: 'Office',
      addressLines: [],
      logo: `data:image/png;base64,${Buffer.from('<svg onload=x>').toString('base64')}`,
    });
    expect(fake.statusCode).toBe(400);
    expect(fake.json().error.details[0].field).toBe('logo');
    const audits = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'letterhead.updated')
      .execute();
    expect(audits).toHaveLength(2);
  });

  it('answers a 10 MB body with 413', async () => {
    const res = await admin.call('PUT', '/api/v1/letters/letterhead', {
      name: 'Office',
      addressLines: ['x'.repeat(10 * 1024 * 1024)],
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });
});

describe('inbound letters', () => {
  const pdfScan = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  const fields = {
    receivedAt: '2026-01-05T10:00:00-05:00',
    description: 'Letter about the heating at 12 Oak Street.',
    firstName: 'Walter',
    lastName: 'Okafor',
    address: '12 Oak Street, Buffalo, NY 14201',
    language: 'en',
  };
  const caseCount = async () => (await t.db.selectFrom('cases').select('id').execute()).length;

  it('logs the case, back-dated, with its scan attached, in one request', async () => {
    const res = await t.app.inject(multipart(fields, { name: '../../etc/passwd.pdf', data: pdfScan }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ channel: 'letter', receivedAt: '2026-01-05T15:00:00.000Z' });
    const attachment = await t.db
      .selectFrom('attachments')
      .innerJoin('cases', 'cases.id', 'attachments.case_id')
      .select(['attachments.id', 'attachments.filename', 'attachments.content_type'])
      .where('cases.tracking_number', '=', res.json().trackingNumber)
      .executeTakeFirstOrThrow();
    expect(attachment).toMatchObject({ filename: 'passwd.pdf', content_type: 'application/pdf' });
    const download = await caseworker.call(
      'GET',
      `/api/v1/cases/${res.json().trackingNumber}/attachments/${attachment.id}`,
    );
    expect(download.rawPayload.equals(pdfScan)).toBe(true);
  });

  it('creates nothing when the scan is refused, missing, too large, or a field is too large or wrong', async () => {
    const before = await caseCount();
    const exe = await t.app.inject(
      multipart(fields, { name: 'scan.pdf', data: Buffer.from([0x4d, 0x5a, 0x90, 0, 3]) }),
    );
    expect(exe.statusCode).toBe(415);
    const text = await t.app.inject(multipart(fields, { name: 'scan.txt', data: Buffer.from('just words') }));
    expect(text.statusCode).toBe(415);
    const missing = await t.app.inject(multipart(fields));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].field).toBe('file');
    const huge = await t.app.inject(
      multipart(fields, { name: 'scan.pdf', data: Buffer.concat([pdfScan, Buffer.alloc(11 * 1024 * 1024)]) }),
    );
    expect(huge.statusCode).toBe(413);
    const longText = await t.app.inject(
      multipart({ ...fields, description: 'x'.repeat(10 * 1024 * 1024) }, { name: 'scan.pdf', data: pdfScan }),
    );
    expect(longText.statusCode).toBe(413);
    const noDate = await t.app.inject(multipart({ ...fields, receivedAt: '' }, { name: 'scan.pdf', data: pdfScan }));
    expect(noDate.statusCode).toBe(400);
    const future = await t.app.inject(
      multipart({ ...fields, receivedAt: '2999-01-01T00:00:00Z' }, { name: 'scan.pdf', data: pdfScan }),
    );
    expect(future.statusCode).toBe(400);
    const unknown = await t.app.inject(multipart({ ...fields, evil: '1' }, { name: 'scan.pdf', data: pdfScan }));
    expect(unknown.statusCode).toBe(400);
    const asJson = await caseworker.call('POST', '/api/v1/letters/inbound', fields);
    expect(asJson.statusCode).toBe(415);
    expect(await caseCount()).toBe(before);
  });
});

describe('without Chromium', () => {
  it('answers 503 naming CIVICDESK_CHROMIUM_PATH, and the server keeps working', async () => {
    // A second app on the same database, configured with a Chromium that is not there.
    const broken = await buildApp({ config: { ...t.config, chromiumPath: '/nonexistent/chromium' }, db: t.db });
    try {
      const me = await signInAs(broken);
      const en = sent.get('en')!;
      const res = await me.call('GET', `/api/v1/cases/${en.trackingNumber}/letters/${en.entryId}.pdf`);
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('service_unavailable');
      expect(res.json().error.message).toContain('CIVICDESK_CHROMIUM_PATH');
      expect((await me.call('GET', `/api/v1/cases/${en.trackingNumber}`)).statusCode).toBe(200);
    } finally {
      await broken.close();
    }
  });
});
