import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../test/test-app.ts';
import { LANGUAGES } from '../../../shared/languages.ts';
import { catalogs } from '../../i18n/messages.ts';
import { escapeHtml } from './html.ts';
import { issueFormToken, portalSecret } from '../../commands/portal/public-form-token.ts';
import { runSurveyInvitations } from '../../commands/portal/survey-invitations.ts';
import { statusLinkForCase } from '../../commands/portal/public-status.ts';
import { accessCodeHash } from '../../commands/portal/public-form-token.ts';

let t: TestApp;
let admin: SignedIn;
let ipCounter = 1;

beforeAll(async () => {
  // The tests play visitors from many addresses behind a proxy at 127.0.0.1 (inject's address).
  t = await createTestApp({ trustProxy: ['127.0.0.1'] });
  admin = await signInAs(t.app);
});
afterAll(async () => t.close());

/** The page with runs of whitespace made one space (the templates are formatted by prettier). */
const squash = (body: string) => body.replace(/\s+/g, ' ').replace(/\s*\/?>/g, '>');

async function send(options: InjectOptions) {
  const res = await t.app.inject(options);
  return { statusCode: res.statusCode, headers: res.headers, body: squash(res.body), json: () => res.json() };
}

/** A fresh client address, so the per-IP rate limits of one test do not touch another. */
const newIp = () => `198.51.100.${ipCounter++}`;

async function agedToken(channel = 'web', ageMs = 10_000) {
  return issueFormToken(await portalSecret(t.db, t.config), 'main', channel, new Date(Date.now() - ageMs));
}

function valid(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    name: 'Marie-Claude Joseph',
    email: 'marie@example.org',
    phone: '',
    language: 'ht',
    subject: 'HEAT',
    message: 'Pa gen chofaj nan apatman an depi twa jou.',
    needs: ['interpreter', 'large_print'],
    consent: 'yes',
    website: '',
    lang: 'ht',
    ...overrides,
  };
}

function encode(fields: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
  return params.toString();
}

async function post(url: string, fields: Record<string, string | string[]>, ip = newIp()) {
  return send({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
    payload: encode(fields),
  });
}

function multipart(fields: Record<string, string | string[]>, file?: { name: string; type: string; data: Buffer }) {
  const boundary = '----civicdesk-test-boundary';
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    for (const x of Array.isArray(v) ? v : [v]) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${x}\r\n`));
    }
  }
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="attachment"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function caseCount() {
  const row = await t.db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const trackingOf = (body: string) => /id="tracking-number">\s*([^<\s]+)/.exec(body)?.[1];
const statusLinkOf = (body: string) => /href="([^"]+)" id="status-link"/.exec(body)?.[1]?.replace(/&amp;/g, '&');

describe('the public form', () => {
  it.each(LANGUAGES.map((l) => [l.code, l.rtl] as const))(
    'renders in %s with its translations and direction',
    async (code, rtl) => {
      const res = await send({
        url: `/public/main/web/form?lang=${code}`,
        headers: { 'x-forwarded-for': newIp() },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain(`<html lang="${code}" dir="${rtl ? 'rtl' : 'ltr'}">`);
      const catalog = catalogs[code];
      for (const key of ['form.name', 'form.message', 'form.submit', 'form.needs_legend', 'site.skip'] as const) {
        expect(res.body).toContain(escapeHtml(catalog[key]));
      }
      for (const l of LANGUAGES) expect(res.body).toContain(`lang="${l.code}" hreflang="${l.code}"`);
      expect(res.body).toContain(`hreflang="${code}" aria-current="true"`);
      expect(res.body).not.toContain('<script');
      expect(String(res.headers['content-security-policy'])).toMatch(/script-src 'self'(;|$)/);
      expect(res.headers['cache-control']).toBe('no-store');
    },
  );

  it('takes the language from Accept-Language when the address names none', async () => {
    const res = await send({
      url: '/public/main/web/form',
      headers: { 'accept-language': 'ht-HT,ht;q=0.9,en;q=0.5', 'x-forwarded-for': newIp() },
    });
    expect(res.body).toContain('<html lang="ht" dir="ltr">');
  });

  it('serves its stylesheet with logical properties', async () => {
    const res = await send({ url: '/public/assets/portal.css' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/css');
    expect(res.body).toContain('margin-inline');
    expect(res.body).not.toMatch(/margin-left|padding-right|text-align:left/);
  });

  it('creates a case through the web channel in the chosen language and shows the tracking number', async () => {
    const before = await caseCount();
    const res = await post('/public/main/web/form?lang=ht', { ...valid(), token: await agedToken() });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain(escapeHtml(catalogs.ht['done.title']));
    const tracking = trackingOf(res.body)!;
    expect(tracking).toMatch(/-\d{4}-\d{6}$/);
    expect(await caseCount()).toBe(before + 1);
    const row = await t.db
      .selectFrom('cases')
      .innerJoin('people', (j) =>
        j.onRef('people.agency_id', '=', 'cases.agency_id').onRef('people.id', '=', 'cases.person_id'),
      )
      .select(['cases.channel', 'cases.channel_slug', 'cases.language', 'cases.subject_code', 'cases.id'])
      .select(['people.first_name', 'people.last_name', 'people.interpretation_needed', 'people.accessibility_needs'])
      .where('cases.tracking_number', '=', tracking)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      channel: 'web',
      channel_slug: 'web',
      language: 'ht',
      subject_code: 'HEAT',
      first_name: 'Marie-Claude',
      last_name: 'Joseph',
      interpretation_needed: true,
      accessibility_needs: ['large_print'],
    });
    const link = statusLinkOf(res.body)!;
    const code = /\?k=([0-9a-z]{16})&lang=ht$/.exec(link)![1]!;
    // The database keeps only the code's digest.
    const stored = await t.db.selectFrom('case_access_codes').selectAll().where('case_id', '=', row.id).execute();
    expect(stored.map((s) => s.code_hash)).toEqual([accessCodeHash(code)]);
    expect(JSON.stringify(await t.db.selectFrom('cases').selectAll().where('id', '=', row.id).execute())).not.toContain(
      code,
    );
    const status = await send({
      url: link.replace(/^https?:\/\/[^/]+/, ''),
      headers: { 'x-forwarded-for': newIp() },
    });
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain(escapeHtml(catalogs.ht['status.state_received']));
  });

  it('lists every problem at the top, marks each field, keeps the values and writes nothing', async () => {
    const before = await caseCount();
    const name = `<script>alert("x")</script> O'Brien 👋🏽 محمد`;
    const res = await post('/public/main/web/form?lang=es', {
      ...valid({ lang: 'es', name, email: 'not-an-address', message: '', consent: '' }),
      token: await agedToken(),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<title>Error:');
    expect(res.body).toContain('class="error-summary" role="alert"');
    expect(res.body).toContain(`<a href="#f-email">${escapeHtml(catalogs.es['error.email_invalid'])}</a>`);
    expect(res.body).toContain(`<a href="#f-message">${escapeHtml(catalogs.es['error.message_required'])}</a>`);
    expect(res.body).toContain(`<a href="#f-consent">${escapeHtml(catalogs.es['error.consent_required'])}</a>`);
    expect(res.body).toMatch(
      /id="f-email" name="email" value="not-an-address"[^>]*aria-invalid="true" aria-describedby="f-email-error"/,
    );
    expect(res.body).toContain(`value="${escapeHtml(name)}"`);
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).toMatch(/value="interpreter" checked/);
    expect(res.body).toMatch(/<option value="HEAT"[^>]* selected>/);
    expect(await caseCount()).toBe(before);
  });

  it('counts the message length and refuses more than 10,000 characters', async () => {
    const res = await post('/public/main/web/form?lang=en', {
      ...valid({ lang: 'en', message: 'x'.repeat(10_001) }),
      token: await agedToken(),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Your message has 10,001 characters. Shorten it to 10,000 characters or fewer.');
  });

  it('silently drops a submission whose honeypot is filled', async () => {
    const before = await caseCount();
    const res = await post('/public/main/web/form?lang=en', {
      ...valid({ lang: 'en', website: 'http://spam.example' }),
      token: await agedToken(),
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Thank you. We received your message.');
    expect(trackingOf(res.body)).toBeUndefined();
    expect(await caseCount()).toBe(before);
  });

  it('refuses a form sent within 3 seconds, and a forged or day-old token', async () => {
    const before = await caseCount();
    const ip = newIp();
    const form = await send({ url: '/public/main/web/form?lang=en', headers: { 'x-forwarded-for': ip } });
    const token = /name="token" value="([^"]+)"/.exec(form.body)![1]!;
    const fast = await post('/public/main/web/form?lang=en', { ...valid({ lang: 'en' }), token }, ip);
    expect(fast.statusCode).toBe(400);
    expect(fast.body).toContain('That was very quick.');
    expect(fast.body).toContain(`name="token" value="${token}"`);
    const old = await post('/public/main/web/form?lang=en', {
      ...valid({ lang: 'en' }),
      token: await agedToken('web', 25 * 3_600_000),
    });
    expect(old.body).toContain('This page was open for a long time.');
    const otherChannel = await post('/public/main/web/form?lang=en', {
      ...valid({ lang: 'en' }),
      token: await agedToken('email'),
    });
    expect(otherChannel.statusCode).toBe(400);
    expect(await caseCount()).toBe(before);
  });

  it('makes one case from a form sent twice', async () => {
    const token = await agedToken();
    const fields = { ...valid({ lang: 'en', email: 'twice@example.org' }), token };
    const before = await caseCount();
    const [first, second] = await Promise.all([
      post('/public/main/web/form', fields),
      post('/public/main/web/form', fields),
    ]);
    const third = await post('/public/main/web/form', fields);
    expect(await caseCount()).toBe(before + 1);
    const number = trackingOf(first.body) ?? trackingOf(second.body);
    expect(number).toBeDefined();
    expect(trackingOf(third.body)).toBe(number);
  });

  it('attaches a PDF checked by its content and refuses another type', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const good = multipart(
      { ...valid({ lang: 'en' }), token: await agedToken() },
      { name: 'lease.pdf', type: 'application/pdf', data: pdf },
    );
    const ok = await send({
      method: 'POST',
      url: '/public/main/web/form',
      headers: { 'content-type': good.contentType, 'x-forwarded-for': newIp() },
      payload: good.payload,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const tracking = trackingOf(ok.body)!;
    const attachment = await t.db
      .selectFrom('attachments')
      .innerJoin('cases', (j) =>
        j.onRef('cases.agency_id', '=', 'attachments.agency_id').onRef('cases.id', '=', 'attachments.case_id'),
      )
      .select(['attachments.filename', 'attachments.content_type'])
      .where('cases.tracking_number', '=', tracking)
      .executeTakeFirst();
    expect(attachment).toEqual({ filename: 'lease.pdf', content_type: 'application/pdf' });

    const before = await caseCount();
    const exe = multipart(
      { ...valid({ lang: 'fr' }), token: await agedToken() },
      {
        name: '../../photo.jpg',
        type: 'image/jpeg',
        data: Buffer.from('MZ\x90\x00 this is a program'),
      },
    );
    const refused = await send({
      method: 'POST',
      url: '/public/main/web/form',
      headers: { 'content-type': exe.contentType, 'x-forwarded-for': newIp() },
      payload: exe.payload,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(escapeHtml(catalogs.fr['error.attachment_type']));
    expect(refused.body).toContain(escapeHtml(catalogs.fr['error.attachment_again']));
    expect(await caseCount()).toBe(before);
  });

  it('answers a 10 MB body with a 413 page in the visitor language, not a 500', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const urlencoded = await post('/public/main/web/form?lang=pl', {
      ...valid({ lang: 'pl', message: huge }),
      token: await agedToken(),
    });
    expect(urlencoded.statusCode).toBe(413);
    expect(urlencoded.headers['content-type']).toContain('text/html');
    expect(urlencoded.body).toContain(escapeHtml(catalogs.pl['page.too_large_title']));
    const body = multipart({ ...valid({ lang: 'pl', message: huge }), token: await agedToken() });
    const multi = await send({
      method: 'POST',
      url: '/public/main/web/form?lang=pl',
      headers: { 'content-type': body.contentType, 'x-forwarded-for': newIp() },
      payload: body.payload,
    });
    expect(multi.statusCode).toBe(413);
    expect(multi.body).toContain(escapeHtml(catalogs.pl['page.too_large_title']));
    const bigFile = multipart(
      { ...valid({ lang: 'en' }), token: await agedToken() },
      {
        name: 'scan.pdf',
        type: 'application/pdf',
        data: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(t.config.maxAttachmentBytes + 10, 32)]),
      },
    );
    const fileRes = await send({
      method: 'POST',
      url: '/public/main/web/form',
      headers: { 'content-type': bigFile.contentType, 'x-forwarded-for': newIp() },
      payload: bigFile.payload,
    });
    expect(fileRes.statusCode).toBe(400);
    expect(fileRes.body).toContain('The file must be smaller than 10 MB.');
    expect(fileRes.body).toContain('value="Marie-Claude Joseph"');
  });

  it('refuses malformed bodies with a page, never a 500', async () => {
    for (const [type, payload] of [
      ['application/x-www-form-urlencoded', '%%%&&&=%zz'],
      ['multipart/form-data; boundary=nope', 'garbage'],
      ['text/plain', 'hello'],
      ['application/json', '{"name":'],
    ] as const) {
      const res = await send({
        method: 'POST',
        url: '/public/main/web/form?lang=ko',
        headers: { 'content-type': type, 'x-forwarded-for': newIp() },
        payload,
      });
      expect(res.statusCode, `${type}: ${res.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.headers['content-type']).toContain('text/html');
    }
  });

  it('limits posts per address with a 429 page', async () => {
    const ip = newIp();
    let last;
    for (let i = 0; i < 11; i++) last = await post('/public/main/web/form?lang=ar', { lang: 'ar' }, ip);
    expect(last!.statusCode).toBe(429);
    expect(last!.body).toContain('<html lang="ar" dir="rtl">');
    expect(last!.body).toContain(escapeHtml(catalogs.ar['page.rate_limited_title']));
    expect(last!.headers['retry-after']).toBeDefined();
  });
});

describe('channels and their forms', () => {
  it('opens the form of a hotline created at run time, with its subjects, escaping every name', async () => {
    const created = await admin.call('POST', '/api/v1/subjects', { code: 'WATER', name: '<b>Heat & "hot water"</b>' });
    expect(created.statusCode, created.body).toBe(201);
    const opened = await admin.call('POST', '/api/v1/channels', {
      slug: 'flood-hotline',
      type: 'hotline',
      name: `Flood <script>alert('x')</script> 🚨 طوارئ`,
      phoneNumber: '212-555-0100',
      publicForm: true,
      subjects: ['WATER', 'HOUSING'],
      languages: ['ht', 'es'],
      description: `Call or write "now" — <i>fast</i>`,
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const res = await send({
      url: '/public/main/flood-hotline/form?lang=ur',
      headers: { 'x-forwarded-for': newIp() },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="ur" dir="rtl">');
    expect(res.body).toContain('&lt;b&gt;Heat &amp; &quot;hot water&quot;&lt;/b&gt;');
    expect(res.body).toContain('Call or write &quot;now&quot; — &lt;i&gt;fast&lt;/i&gt;');
    expect(res.body).not.toContain('<i>fast');
    expect(res.body).not.toMatch(/<option value="SNAP"/);
    expect(res.body.indexOf('value="ht"')).toBeLessThan(res.body.indexOf('value="en"'));

    const sent = await post('/public/main/flood-hotline/form?lang=ur', {
      ...valid({ lang: 'ur', subject: 'WATER', language: 'ur', name: 'عائشہ خان' }),
      token: await agedToken('flood-hotline'),
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const row = await t.db
      .selectFrom('cases')
      .select(['channel', 'channel_slug', 'language'])
      .where('tracking_number', '=', trackingOf(sent.body)!)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ channel: 'hotline', channel_slug: 'flood-hotline', language: 'ur' });

    await admin.call('PATCH', '/api/v1/channels/flood-hotline', { publicForm: false });
    const off = await send({
      url: '/public/main/flood-hotline/form?lang=es',
      headers: { 'x-forwarded-for': newIp() },
    });
    expect(off.statusCode).toBe(404);
    expect(off.body).toContain('<html lang="es" dir="ltr">');
    expect(off.body).toContain(escapeHtml(catalogs.es['page.not_found_title']));
  });

  it('shows a friendly 404 for closed channels, channels without a form and unknown addresses', async () => {
    for (const url of ['/public/main/email/form', '/public/nowhere/web/form', '/public/main/web/nothing/here']) {
      const res = await send({ url: `${url}?lang=bn`, headers: { 'x-forwarded-for': newIp() } });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).toContain('<html lang="bn" dir="ltr">');
    }
  });
});

describe('the status page', () => {
  let tracking: string;
  let link: string;
  beforeAll(async () => {
    const res = await post('/public/main/web/form?lang=en', {
      ...valid({ lang: 'en', email: 'status@example.org' }),
      token: await agedToken(),
    });
    tracking = trackingOf(res.body)!;
    link = statusLinkOf(res.body)!.replace(/^https?:\/\/[^/]+/, '');
  });

  it('shows status in plain words, dates and public notes only', async () => {
    const row = await t.db
      .selectFrom('cases')
      .select(['id', 'agency_id'])
      .where('tracking_number', '=', tracking)
      .executeTakeFirstOrThrow();
    await admin.call('POST', `/api/v1/cases/${tracking}/notes`, { body: 'INTERNAL: caller sounded upset' });
    await t.db
      .insertInto('timeline_entries')
      .values({
        agency_id: row.agency_id,
        case_id: row.id,
        kind: 'note',
        body: 'We sent an inspector <on Monday>.',
        public: true,
      })
      .execute();
    await admin.call('POST', `/api/v1/cases/${tracking}/status`, { status: 'in_progress' });
    const res = await send({
      url: link.replace('lang=en', 'lang=fr'),
      headers: { 'x-forwarded-for': newIp() },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(escapeHtml(catalogs.fr['status.state_in_progress']));
    expect(res.body).toContain(escapeHtml(catalogs.fr['status.expected']));
    expect(res.body).toContain('We sent an inspector &lt;on Monday&gt;.');
    expect(res.body).not.toContain('INTERNAL');
    expect(res.body).not.toContain('Pa gen chofaj');
  });

  it('answers a wrong or missing code exactly like an unknown number', async () => {
    const unknown = await send({
      url: '/public/main/status/OCS-1999-000001?k=abc&lang=en',
      headers: { 'x-forwarded-for': newIp() },
    });
    const wrong = await send({
      url: `/public/main/status/${tracking}?k=aaaaaaaaaaaaaaaa&lang=en`,
      headers: { 'x-forwarded-for': newIp() },
    });
    const missing = await send({
      url: `/public/main/status/${tracking}?lang=en`,
      headers: { 'x-forwarded-for': newIp() },
    });
    expect([unknown.statusCode, wrong.statusCode, missing.statusCode]).toEqual([404, 404, 404]);
    // The pages differ only in the language links, which repeat the address asked for.
    const page = (body: string) => body.replace(/href="[^"]*"/g, '');
    expect(page(wrong.body)).toBe(page(unknown.body));
    expect(page(missing.body)).toBe(page(unknown.body));
  });

  it('finds a case from the look-up form, with the code typed in capitals and dashes', async () => {
    const code = new URL(link, 'http://x').searchParams.get('k')!;
    const typed = `${code.slice(0, 8).toUpperCase()}-${code.slice(8)}`;
    const res = await send({
      url: `/public/main/status?number=${tracking.toLowerCase()}&k=${typed}&lang=ko`,
      headers: { 'x-forwarded-for': newIp() },
    });
    expect(res.statusCode).toBe(303);
    const page = await send({ url: res.headers.location as string, headers: { 'x-forwarded-for': newIp() } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="ko" dir="ltr">');
  });

  it('never shows a restricted case', async () => {
    await t.db.updateTable('cases').set({ restricted: true }).where('tracking_number', '=', tracking).execute();
    const res = await send({ url: link, headers: { 'x-forwarded-for': newIp() } });
    expect(res.statusCode).toBe(404);
    const api = await admin.call('POST', `/api/v1/cases/${tracking}/public-link`);
    expect([404, 409]).toContain(api.statusCode);
    await t.db.updateTable('cases').set({ restricted: false }).where('tracking_number', '=', tracking).execute();
  });

  it('gives staff the status link of a case from another door, creating its code once', async () => {
    const created = await admin.call('POST', '/api/v1/cases', {
      channel: 'phone',
      description: 'Called about heat.',
      person: { firstName: 'Ana', lastName: 'Ruiz', phone: '718-555-0101', language: 'es' },
    });
    const number = created.json().trackingNumber as string;
    const first = await admin.call('POST', `/api/v1/cases/${number}/public-link`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().url).toMatch(new RegExp(`/public/main/status/${number}\\?k=[0-9a-z]{16}&lang=es$`));
    // The code is shown once: asking again gives out another code, and both work.
    const again = await admin.call('POST', `/api/v1/cases/${number}/public-link`);
    expect(again.json().url).not.toBe(first.json().url);
    const secondPage = await send({
      url: again.json().url.replace(/^https?:\/\/[^/]+/, ''),
      headers: { 'x-forwarded-for': newIp() },
    });
    expect(secondPage.statusCode).toBe(200);
    const page = await send({
      url: first.json().url.replace(/^https?:\/\/[^/]+/, ''),
      headers: { 'x-forwarded-for': newIp() },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="es"');
    expect((await send({ url: `/api/v1/cases/${number}/public-link` })).statusCode).toBe(404);
    expect((await send({ method: 'POST', url: `/api/v1/cases/${number}/public-link` })).statusCode).toBe(401);
    const row = await t.db
      .selectFrom('cases')
      .selectAll()
      .where('tracking_number', '=', number)
      .executeTakeFirstOrThrow();
    const agency = { id: row.agency_id, slug: 'main' };
    // A {{statusUrl}} merge field gets a code of its own; a restricted case none.
    const merged = (await statusLinkForCase(t.db, t.config, agency, row))!;
    expect(merged).toMatch(new RegExp(`/public/main/status/${number}\\?k=[0-9a-z]{16}&lang=es$`));
    expect(merged).not.toBe(first.json().url);
    const codes = await t.db
      .selectFrom('case_access_codes')
      .select('code_hash')
      .where('case_id', '=', row.id)
      .execute();
    expect(codes).toHaveLength(3);
    for (const { code_hash } of codes) expect(code_hash).toMatch(/^s1:[0-9a-f]{64}$/);
    expect(await statusLinkForCase(t.db, t.config, agency, { ...row, restricted: true })).toBeNull();
  });

  it('limits status look-ups per address', async () => {
    const ip = newIp();
    let last;
    for (let i = 0; i < 31; i++)
      last = await send({ url: `/public/main/status/X-${i}?k=guess`, headers: { 'x-forwarded-for': ip } });
    expect(last!.statusCode).toBe(429);
  });
});

describe('the satisfaction survey', () => {
  async function closedCaseWithInvitation(email: string) {
    const res = await post('/public/main/web/form?lang=ht', { ...valid({ email }), token: await agedToken() });
    const tracking = trackingOf(res.body)!;
    expect(
      (await admin.call('POST', `/api/v1/cases/${tracking}/status`, { status: 'closed' })).statusCode,
    ).toBeLessThan(300);
    expect(await runSurveyInvitations(t.db, t.config)).toBeGreaterThanOrEqual(1);
    const note = await t.db
      .selectFrom('timeline_entries as e')
      .innerJoin('cases as c', (j) => j.onRef('c.agency_id', '=', 'e.agency_id').onRef('c.id', '=', 'e.case_id'))
      .select(['e.body', 'e.public'])
      .where('c.tracking_number', '=', tracking)
      .where('e.subject', 'like', 'Satisfaction survey invitation%')
      .executeTakeFirstOrThrow();
    expect(note.public).toBe(false);
    const url = /https?:\/\/\S+\/public\/main\/survey\/\S+/.exec(note.body)![0];
    return { tracking, path: url.replace(/^https?:\/\/[^/]+/, ''), body: note.body };
  }

  it('invites a closed case once, in its language, through the outbox', async () => {
    const { tracking, body } = await closedCaseWithInvitation('survey1@example.org');
    expect(body).toContain('kijan nou te fè travay la');
    expect(await runSurveyInvitations(t.db, t.config)).toBe(0);
    const outbox = await t.db
      .selectFrom('outbox')
      .select(['to_address', 'subject'])
      .where('to_address', '=', 'survey1@example.org')
      .where('subject', 'like', '%Kijan%')
      .execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.subject).toContain(tracking);
  });

  it('takes one answer per token and stores it for the reports', async () => {
    const { path } = await closedCaseWithInvitation('survey2@example.org');
    const page = await send({ url: path, headers: { 'x-forwarded-for': newIp() } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<legend>${escapeHtml(catalogs.ht['survey.satisfaction'])}`);
    expect(page.body.match(/type="radio" id="s-\d" name="satisfaction"/g)).toHaveLength(5);

    const invalid = await post(path, { satisfaction: '9', resolved: 'yes', comment: 'Bon travay', lang: 'ht' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain(escapeHtml(catalogs.ht['error.satisfaction_required']));
    expect(invalid.body).toContain('Bon travay');

    const answered = await post(path, { satisfaction: '4', resolved: 'yes', comment: 'Mèsi <3', lang: 'ht' });
    expect(answered.statusCode).toBe(200);
    expect(answered.body).toContain(escapeHtml(catalogs.ht['survey.thanks_title']));
    const again = await post(path, { satisfaction: '1', resolved: 'no', comment: '', lang: 'ht' });
    expect(again.statusCode).toBe(409);
    const responses = await t.db
      .selectFrom('survey_responses')
      .select(['satisfaction', 'resolved', 'comment', 'language'])
      .where('comment', '=', 'Mèsi <3')
      .execute();
    expect(responses).toEqual([{ satisfaction: 4, resolved: true, comment: 'Mèsi <3', language: 'ht' }]);
    const revisit = await send({ url: path, headers: { 'x-forwarded-for': newIp() } });
    expect(revisit.body).toContain(escapeHtml(catalogs.ht['survey.already']));
  });

  it('refuses expired and unknown survey links', async () => {
    const { path } = await closedCaseWithInvitation('survey3@example.org');
    const token = path.split('/').pop()!.split('?')[0]!;
    const unknown = await send({
      url: '/public/main/survey/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      headers: { 'x-forwarded-for': newIp() },
    });
    expect(unknown.statusCode).toBe(404);
    await t.db
      .updateTable('survey_invitations')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('answered_at', 'is', null)
      .execute();
    const expired = await send({
      url: `/public/main/survey/${token}`,
      headers: { 'x-forwarded-for': newIp() },
    });
    expect(expired.statusCode).toBe(404);
    const late = await post(`/public/main/survey/${token}`, { satisfaction: '5', lang: 'en' });
    expect(late.statusCode).toBe(404);
  });
});
