// Feedback after an engagement, end to end through the API and the portal: the staff link (made once, renewed,
// refused to readers and to another agency), the public form in the visitor's language with the survey's questions,
// validation that stores nothing, anonymous answers counted on the engagement, the form closing 30 days after the
// engagement, the portal's rate limit, and the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { createAgencyWithStarterConfiguration } from '../../../bootstrap.ts';
import { hashPassword } from '../../../auth/credentials.ts';
import { auditRows, signInWithRole } from '../../../test/admin-test-support.ts';
import { catalogs } from '../../../i18n/messages.ts';
import { escapeHtml } from '../../public/html.ts';

let t: TestApp;
let admin: SignedIn;
let caseworker: SignedIn;
let auditor: SignedIn;
let county: SignedIn;
let ipCounter = 1;
const newIp = () => `203.0.113.${ipCounter++}`;

beforeAll(async () => {
  t = await createTestApp({ trustProxy: ['127.0.0.1'] });
  admin = await signInAs(t.app);
  caseworker = await signInWithRole(t, admin, 'caseworker');
  auditor = await signInWithRole(t, admin, 'auditor');
  await t.db.transaction().execute(async (tx) => {
    const agencyId = await createAgencyWithStarterConfiguration(tx, {
      slug: 'county',
      name: 'County Ombudsperson',
      timeZone: 'America/Los_Angeles',
      trackingPrefix: 'CSO',
    });
    await tx
      .insertInto('users')
      .values({
        agency_id: agencyId,
        email: 'admin@county.example.gov',
        name: 'County Admin',
        role: 'administrator',
        password_hash: await hashPassword('county password'),
      })
      .execute();
  });
  county = await signInAs(t.app, 'admin@county.example.gov', 'county password');
});
afterAll(async () => t.close());

const squash = (body: string) => body.replace(/\s+/g, ' ');

async function engagement(title: string, daysAgo = 1): Promise<number> {
  const start = new Date(Date.now() - daysAgo * 86_400_000);
  const res = await caseworker.call('POST', '/api/v1/engagements', {
    kind: 'workshop',
    title,
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** The portal path of a staff link (the link carries the configured public address). */
const pathOf = (url: string) => new URL(url).pathname;

async function visit(path: string, lang?: string) {
  const res = await t.app.inject({
    url: lang ? `${path}?lang=${lang}` : path,
    headers: { 'x-forwarded-for': newIp() },
  });
  return { statusCode: res.statusCode, body: squash(res.body) };
}

async function answer(path: string, fields: Record<string, string>, ip = newIp()) {
  const res = await t.app.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
    payload: new URLSearchParams(fields).toString(),
  });
  return { statusCode: res.statusCode, body: squash(res.body) };
}

const feedbackRows = (engagementId: number) =>
  t.db.selectFrom('engagement_feedback').selectAll().where('engagement_id', '=', engagementId).execute();

describe('the feedback link', () => {
  it('is made once, kept, renewed on request, and audited', async () => {
    const id = await engagement('Tenant rights workshop');
    const none = await caseworker.call('GET', `/api/v1/engagements/${id}/feedback`);
    expect(none.statusCode, none.body).toBe(200);
    expect(none.json()).toMatchObject({ link: null, open: true, openDays: 30, answers: 0, average: null });

    const made = await caseworker.call('POST', `/api/v1/engagements/${id}/feedback-link`);
    expect(made.statusCode, made.body).toBe(200);
    const link = made.json().link;
    expect(link.url).toMatch(/\/public\/main\/feedback\/[0-9a-z]{16}$/);
    expect(link.printableUrl).toMatch(/\/public\/main\/feedback\/([0-9a-z]{4}-){3}[0-9a-z]{4}$/);
    const again = await caseworker.call('POST', `/api/v1/engagements/${id}/feedback-link`, {});
    expect(again.json().link.url).toBe(link.url);
    expect((await caseworker.call('GET', `/api/v1/engagements/${id}/feedback`)).json().link.url).toBe(link.url);

    // The code is not kept readable: only its digest and its sealed form.
    const code = link.url.split('/').pop();
    const stored = await t.db
      .selectFrom('engagement_feedback_links')
      .selectAll()
      .where('engagement_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(code);

    const renewed = await caseworker.call('POST', `/api/v1/engagements/${id}/feedback-link`, { renew: true });
    expect(renewed.json().link.url).not.toBe(link.url);
    expect((await visit(pathOf(link.url))).statusCode).toBe(404);
    expect((await visit(pathOf(renewed.json().link.url))).statusCode).toBe(200);

    const audit = (await auditRows(t, 'engagement')).filter((r) => r.entity_id === String(id));
    expect(audit.map((r) => r.action)).toEqual([
      'engagement.created',
      'engagement.feedback_link_created',
      'engagement.feedback_link_renewed',
    ]);
  });

  it('is refused to readers, to unknown engagements, to another agency, and to wrong fields', async () => {
    const id = await engagement('Budget forum');
    const reader = await auditor.call('POST', `/api/v1/engagements/${id}/feedback-link`);
    expect(reader.statusCode).toBe(403);
    expect(reader.json().error.message).toMatch(/caseworkers, supervisors and administrators/);
    expect((await auditor.call('GET', `/api/v1/engagements/${id}/feedback`)).statusCode).toBe(200);
    expect((await caseworker.call('POST', '/api/v1/engagements/999999/feedback-link')).statusCode).toBe(404);
    expect((await county.call('POST', `/api/v1/engagements/${id}/feedback-link`)).statusCode).toBe(404);
    expect((await county.call('GET', `/api/v1/engagements/${id}/feedback`)).statusCode).toBe(404);
    const wrong = await caseworker.call('POST', `/api/v1/engagements/${id}/feedback-link`, { renew: 'soon' });
    expect(wrong.statusCode).toBe(400);
    expect(
      await t.db.selectFrom('engagement_feedback_links').selectAll().where('engagement_id', '=', id).execute(),
    ).toEqual([]);
  });
});

describe('the public feedback form', () => {
  it('asks the survey questions in the visitor language, right to left in Arabic, and counts the answers', async () => {
    const id = await engagement('Taller de derechos de inquilinos');
    const { link } = (await caseworker.call('POST', `/api/v1/engagements/${id}/feedback-link`)).json();
    const path = pathOf(link.url);

    const spanish = await visit(path, 'es');
    expect(spanish.statusCode).toBe(200);
    expect(spanish.body).toContain('<html lang="es" dir="ltr">');
    expect(spanish.body).toContain(escapeHtml(catalogs.es['survey.satisfaction']));
    expect(spanish.body).toContain('Taller de derechos de inquilinos');
    expect(spanish.body.match(/type="radio" id="s-\d" name="satisfaction"/g)).toHaveLength(5);

    const arabic = await visit(path, 'ar');
    expect(arabic.body).toContain('<html lang="ar" dir="rtl">');
    expect(arabic.body).toContain(escapeHtml(catalogs.ar['survey.satisfaction']));
    expect(arabic.body).toContain('<bdi dir="auto" id="feedback-event">Taller de derechos de inquilinos</bdi>');

    const invalid = await answer(path, { satisfaction: '7', comment: 'x'.repeat(4001), lang: 'es' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain(escapeHtml(catalogs.es['error.satisfaction_required']));
    expect(invalid.body).toContain(escapeHtml(catalogs.es['error.comment_too_long']).split('{')[0]!);
    expect(await feedbackRows(id)).toEqual([]);

    expect(
      (await answer(path, { satisfaction: '5', resolved: 'yes', comment: 'Muy útil', lang: 'es' })).body,
    ).toContain(escapeHtml(catalogs.es['survey.thanks_title']));
    expect(
      (await answer(pathOf(link.printableUrl), { satisfaction: '4', resolved: 'no', lang: 'ar' })).statusCode,
    ).toBe(200);
    expect((await answer(path, { satisfaction: '2', comment: '  Too short <b>  ', lang: 'en' })).statusCode).toBe(200);

    const rows = await feedbackRows(id);
    expect(rows.map((r) => [r.satisfaction, r.resolved, r.comment, r.language])).toEqual([
      [5, true, 'Muy útil', 'es'],
      [4, false, '', 'ar'],
      [2, null, 'Too short <b>', 'en'],
    ]);
    const summary = (await auditor.call('GET', `/api/v1/engagements/${id}/feedback`)).json();
    expect(summary).toMatchObject({
      answers: 3,
      average: 3.67,
      resolvedYes: 1,
      resolvedNo: 1,
      bySatisfaction: [
        { satisfaction: 1, count: 0 },
        { satisfaction: 2, count: 1 },
        { satisfaction: 3, count: 0 },
        { satisfaction: 4, count: 1 },
        { satisfaction: 5, count: 1 },
      ],
    });
    expect(summary.comments.map((c: { comment: string }) => c.comment)).toEqual(['Too short <b>', 'Muy útil']);
    const audited = (await auditRows(t, 'engagement', 'engagement.feedback_received')).filter(
      (r) => r.entity_id === String(id),
    );
    expect(audited).toHaveLength(3);
    expect(JSON.stringify(audited)).not.toContain('Muy útil');
  });

  it('closes 30 days after the engagement and says so in the visitor language', async () => {
    const recent = await engagement('Recent forum', 29);
    const old = await engagement('Old forum', 32);
    for (const id of [recent, old]) await caseworker.call('POST', `/api/v1/engagements/${id}/feedback-link`);
    const recentLink = (await caseworker.call('GET', `/api/v1/engagements/${recent}/feedback`)).json();
    const oldLink = (await caseworker.call('GET', `/api/v1/engagements/${old}/feedback`)).json();
    expect(recentLink.open).toBe(true);
    expect(oldLink.open).toBe(false);
    expect((await visit(pathOf(recentLink.link.url), 'ur')).statusCode).toBe(200);

    const closed = await visit(pathOf(oldLink.link.url), 'ur');
    expect(closed.statusCode).toBe(410);
    expect(closed.body).toContain('<html lang="ur" dir="rtl">');
    expect(closed.body).toContain(escapeHtml(catalogs.ur['feedback.closed_title']));
    const late = await answer(pathOf(oldLink.link.url), { satisfaction: '5', lang: 'fr' });
    expect(late.statusCode).toBe(410);
    expect(late.body).toContain(escapeHtml(catalogs.fr['feedback.closed_title']));
    expect(await feedbackRows(old)).toEqual([]);

    // A cancelled engagement takes no feedback either.
    await caseworker.call('PATCH', `/api/v1/engagements/${recent}`, { status: 'cancelled' });
    expect((await visit(pathOf(recentLink.link.url))).statusCode).toBe(410);
  });

  it('finds nothing with a made-up code or under another agency', async () => {
    const id = await engagement('Library outreach');
    const { link } = (await caseworker.call('POST', `/api/v1/engagements/${id}/feedback-link`)).json();
    expect((await visit('/public/main/feedback/abcdabcdabcdabcd')).statusCode).toBe(404);
    expect((await visit('/public/main/feedback/not-a-code')).statusCode).toBe(404);
    expect((await visit(pathOf(link.url).replace('/main/', '/county/'))).statusCode).toBe(404);
    expect((await answer(pathOf(link.url).replace('/main/', '/county/'), { satisfaction: '5' })).statusCode).toBe(404);
    expect(await feedbackRows(id)).toEqual([]);
  });

  it('is rate limited per address like the other public forms', async () => {
    const id = await engagement('Rate limited forum');
    const { link } = (await caseworker.call('POST', `/api/v1/engagements/${id}/feedback-link`)).json();
    const ip = newIp();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await answer(pathOf(link.url), { satisfaction: '3', lang: 'es' }, ip)).statusCode);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
    expect(statuses[10]).toBe(429);
    expect(await feedbackRows(id)).toHaveLength(10);
  });
});
