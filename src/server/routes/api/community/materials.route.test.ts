// The materials library through the API: a flyer drafted in English and Spanish, its files checked by type and kept
// in the attachment storage, approval per language (a new approved version retires the old one; caseworkers may not
// approve), review dates, the distribution log linked to an engagement and an organisation, and bad input refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { auditRows, signInWithRole } from '../../../test/admin-test-support.ts';
import { localDate } from '../../../../shared/local-time.ts';

let t: TestApp;
let admin: SignedIn;
let caseworker: SignedIn;
let auditor: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  caseworker = await signInWithRole(t, admin, 'caseworker');
  auditor = await signInWithRole(t, admin, 'auditor');
});
afterAll(async () => t.close());

function upload(who: SignedIn, url: string, filename: string, content: Buffer) {
  const boundary = '----civicdesk' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url,
    payload,
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      cookie: who.cookie,
      'x-csrf-token': who.csrfToken,
    },
  });
}

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n`);
const materialCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('materials')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('materials library', () => {
  it('drafts, files, approves per language and retires the version a new approval replaces', async () => {
    const created = await caseworker.call('POST', '/api/v1/materials', {
      title: 'Know your rights at a fair hearing',
      kind: 'flyer',
      description: 'One page for shelter residents.',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;

    const english = await caseworker.call('POST', `/api/v1/materials/${id}/versions`, {
      language: 'en',
      reviewOn: '2027-06-30',
    });
    expect(english.statusCode, english.body).toBe(201);
    const en1 = english.json().versions.find((v: { language: string }) => v.language === 'en');
    expect(en1).toMatchObject({ version: 1, status: 'draft', reviewOn: '2027-06-30', file: null });

    // No file yet: nothing to hand out, so no approval.
    const early = await admin.call('POST', `/api/v1/materials/${id}/versions/${en1.id}/approve`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('no file');

    // A file that is not what it claims to be is refused by its first bytes.
    const fake = await upload(
      caseworker,
      `/api/v1/materials/${id}/versions/${en1.id}/file`,
      'flyer.pdf',
      Buffer.from('MZ\x90\x00 not a pdf'),
    );
    expect(fake.statusCode).toBe(415);
    const stored = await upload(
      caseworker,
      `/api/v1/materials/${id}/versions/${en1.id}/file`,
      'flyer-en.pdf',
      pdf('english'),
    );
    expect(stored.statusCode, stored.body).toBe(201);
    expect(stored.json()).toMatchObject({ filename: 'flyer-en.pdf', contentType: 'application/pdf' });

    // Only supervisors and administrators approve.
    expect((await caseworker.call('POST', `/api/v1/materials/${id}/versions/${en1.id}/approve`)).statusCode).toBe(403);
    const approved = await admin.call('POST', `/api/v1/materials/${id}/versions/${en1.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().approvedLanguages).toEqual(['en']);

    // An approved file is what was approved: it takes no new file.
    const late = await upload(caseworker, `/api/v1/materials/${id}/versions/${en1.id}/file`, 'other.pdf', pdf('x'));
    expect(late.statusCode).toBe(409);

    // Spanish next to English; then a second English version replaces the first.
    const es = (await caseworker.call('POST', `/api/v1/materials/${id}/versions`, { language: 'es' })).json();
    const es1 = es.versions.find((v: { language: string }) => v.language === 'es');
    await upload(caseworker, `/api/v1/materials/${id}/versions/${es1.id}/file`, 'volante.pdf', pdf('español'));
    await admin.call('POST', `/api/v1/materials/${id}/versions/${es1.id}/approve`);
    const again = (
      await caseworker.call('POST', `/api/v1/materials/${id}/versions`, { language: 'en', note: 'New address' })
    ).json();
    const en2 = again.versions.find(
      (v: { language: string; version: number }) => v.language === 'en' && v.version === 2,
    );
    await upload(caseworker, `/api/v1/materials/${id}/versions/${en2.id}/file`, 'flyer-en-2.pdf', pdf('english 2'));
    const second = (await admin.call('POST', `/api/v1/materials/${id}/versions/${en2.id}/approve`)).json();
    const statuses = second.versions.map(
      (v: { language: string; version: number; status: string }) => `${v.language}${v.version}:${v.status}`,
    );
    expect(statuses.sort()).toEqual(['en1:retired', 'en2:approved', 'es1:approved']);
    expect(second.approvedLanguages.sort()).toEqual(['en', 'es']);

    const download = await auditor.call('GET', `/api/v1/materials/${id}/versions/${es1.id}/file`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf('español'))).toBe(true);

    const decisions = (await auditRows(t, 'material')).map((r) => r.action);
    expect(decisions).toEqual(
      expect.arrayContaining(['material.created', 'material.version_approved', 'material.file_added']),
    );

    // Retiring leaves the language without a version in use.
    const retired = (await admin.call('POST', `/api/v1/materials/${id}/versions/${es1.id}/retire`)).json();
    expect(retired.approvedLanguages).toEqual(['en']);
    expect((await admin.call('POST', `/api/v1/materials/${id}/versions/${es1.id}/retire`)).statusCode).toBe(409);

    const byLanguage = (await auditor.call('GET', '/api/v1/materials?language=en')).json();
    expect(byLanguage.items.map((m: { id: number }) => m.id)).toContain(id);
    expect((await auditor.call('GET', '/api/v1/materials?language=es')).json().items).toHaveLength(0);
  });

  it('flags an approved version whose review date has come', async () => {
    const id = (
      await caseworker.call('POST', '/api/v1/materials', { title: 'Call script: SNAP recertification', kind: 'script' })
    ).json().id;
    const today = localDate(new Date(), 'America/New_York');
    const v = (
      await caseworker.call('POST', `/api/v1/materials/${id}/versions`, { language: 'zh', reviewOn: today })
    ).json().versions[0];
    await upload(
      caseworker,
      `/api/v1/materials/${id}/versions/${v.id}/file`,
      'script.txt',
      Buffer.from('Hello, this is the agency.\n'),
    );
    const approved = (await admin.call('POST', `/api/v1/materials/${id}/versions/${v.id}/approve`)).json();
    expect(approved.reviewDueLanguages).toEqual(['zh']);
    expect(approved.versions[0].reviewDue).toBe(true);
  });

  it('logs distributions to an engagement, an organisation or a person, only in an approved language', async () => {
    const id = (
      await caseworker.call('POST', '/api/v1/materials', { title: 'Child support fact sheet', kind: 'fact_sheet' })
    ).json().id;
    const v = (await caseworker.call('POST', `/api/v1/materials/${id}/versions`, { language: 'es' })).json()
      .versions[0];
    await upload(caseworker, `/api/v1/materials/${id}/versions/${v.id}/file`, 'hoja.pdf', pdf('hoja'));
    const org = (
      await caseworker.call('POST', '/api/v1/organizations', { name: 'Iglesia San Juan', type: 'faith_organization' })
    ).json();
    const engagement = (
      await caseworker.call('POST', '/api/v1/engagements', {
        kind: 'presentation',
        title: 'Parents night',
        startsAt: '2026-03-10T18:00:00-05:00',
        endsAt: '2026-03-10T20:00:00-05:00',
      })
    ).json();
    const body = {
      language: 'es',
      quantity: 40,
      distributedOn: '2026-03-10',
      engagementId: engagement.id,
      organizationId: org.id,
    };
    const notApproved = await caseworker.call('POST', `/api/v1/materials/${id}/distributions`, body);
    expect(notApproved.statusCode).toBe(400);
    expect(notApproved.json().error.details[0].field).toBe('language');
    await admin.call('POST', `/api/v1/materials/${id}/versions/${v.id}/approve`);
    const logged = await caseworker.call('POST', `/api/v1/materials/${id}/distributions`, body);
    expect(logged.statusCode, logged.body).toBe(201);
    await caseworker.call('POST', `/api/v1/materials/${id}/distributions`, {
      language: 'es',
      quantity: 5,
      distributedOn: '2026-03-11',
      recipient: 'Walk-in at the Bronx office',
    });
    const view = (await auditor.call('GET', `/api/v1/materials/${id}`)).json();
    expect(view.distributed).toBe(45);
    expect(view.distributions[1]).toMatchObject({
      quantity: 40,
      engagement: { id: engagement.id, title: 'Parents night' },
      organization: { id: org.id, name: 'Iglesia San Juan' },
    });
    expect(view.distributions[0]).toMatchObject({ quantity: 5, recipient: 'Walk-in at the Bronx office' });
  });

  it('refuses bad input naming the field, and lets an auditor read but not write', async () => {
    const before = await materialCount();
    const noTitle = await caseworker.call('POST', '/api/v1/materials', { title: '  ', kind: 'flyer' });
    expect(noTitle.statusCode).toBe(400);
    expect(noTitle.json().error.details[0].field).toBe('title');
    expect((await caseworker.call('POST', '/api/v1/materials', { title: 'X', kind: 'poster' })).statusCode).toBe(400);
    expect((await auditor.call('POST', '/api/v1/materials', { title: 'X', kind: 'flyer' })).statusCode).toBe(403);
    expect(await materialCount()).toBe(before);
    const id = (await caseworker.call('POST', '/api/v1/materials', { title: 'Brochure', kind: 'brochure' })).json().id;
    const badLanguage = await caseworker.call('POST', `/api/v1/materials/${id}/versions`, { language: 'xx' });
    expect(badLanguage.json().error.details[0].field).toBe('language');
    const badDate = await caseworker.call('POST', `/api/v1/materials/${id}/versions`, {
      language: 'en',
      reviewOn: '2026-02-30',
    });
    expect(badDate.json().error.details[0].field).toBe('reviewOn');
    const nobody = await caseworker.call('POST', `/api/v1/materials/${id}/distributions`, {
      language: 'en',
      quantity: 1,
      distributedOn: '2026-01-05',
    });
    expect(nobody.json().error.details.map((d: { field: string }) => d.field)).toEqual(['recipient']);
    expect((await caseworker.call('GET', '/api/v1/materials/999999')).statusCode).toBe(404);
  });
});
