// Email intake over real SMTP sessions (nodemailer client → our smtp-server receiver → database), with a second
// smtp-server as the outbound relay that catches what we send back.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';
import { simpleParser } from 'mailparser';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../test/test-app.ts';
import { startFakeRelay, type FakeRelay } from '../../test/fake-relay.ts';
import { drainJobs } from '../../jobs/worker.ts';
import { resetTransports } from '../../jobs/email-send.ts';
import { startSmtpReceiver, type SmtpReceiver } from './smtp-receiver.ts';
import { createUser, USER_PASSWORD } from '../../test/factories.ts';
import { accessCodeHash } from '../../commands/portal/public-form-token.ts';

const INBOX = 'correspondence@localhost';
let t: TestApp;
let relay: FakeRelay;
let receiver: SmtpReceiver;
let client: Transporter;
let admin: SignedIn;
let counter = 0;

interface Mail {
  from?: string;
  fromName?: string;
  envelopeFrom?: string;
  to?: string;
  subject?: string;
  headers?: string[];
  body?: string;
  messageId?: string;
}

/** A plain raw message with the given headers; each test gets its own Message-ID. */
function rawMail(mail: Mail): string {
  const id = mail.messageId ?? `test-${++counter}-${Date.now()}@sender.example`;
  const from = mail.from ?? `person${counter}@sender.example`;
  return [
    `From: ${mail.fromName ? `${mail.fromName} ` : ''}<${from}>`,
    `To: ${mail.to ?? INBOX}`,
    `Subject: ${mail.subject ?? 'No heat in my apartment'}`,
    `Message-ID: <${id}>`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    ...(mail.headers ?? ['Content-Type: text/plain; charset=utf-8']),
    '',
    mail.body ?? 'There has been no heat in my building since Monday. Please help.',
    '',
  ].join('\r\n');
}

async function send(raw: string | Buffer, envelope: { from?: string; to?: string[] } = {}) {
  const from = envelope.from ?? /From:.*<([^>]+)>/.exec(raw.toString())?.[1] ?? 'someone@sender.example';
  return client.sendMail({ envelope: { from, to: envelope.to ?? [INBOX] }, raw });
}

/** Speaks SMTP line by line on a raw socket; returns the last reply line of each step (greeting first). */
async function smtpDialogue(port: number, commands: string[]): Promise<string[]> {
  const socket = connect(port, '127.0.0.1');
  const replies: string[] = [];
  let buffer = '';
  let waiting: ((line: string) => void) | null = null;
  socket.on('data', (data) => {
    buffer += data.toString();
    const lines = buffer.split('\r\n');
    buffer = lines.pop()!;
    for (const line of lines) if (/^\d{3} /.test(line) && waiting) waiting(line);
  });
  const next = () => new Promise<string>((resolve) => (waiting = resolve));
  replies.push(await next());
  for (const command of commands) {
    socket.write(`${command}\r\n`);
    replies.push(await next());
  }
  socket.end('QUIT\r\n');
  return replies;
}

async function caseCount() {
  const row = await t.db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function latestCase() {
  return t.db.selectFrom('cases').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
}

async function timeline(caseId: number) {
  return t.db.selectFrom('timeline_entries').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

async function outboxOf(caseId: number) {
  return t.db.selectFrom('outbox').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

beforeAll(async () => {
  relay = await startFakeRelay();
  t = await createTestApp({ smtpUrl: relay.url, publicUrl: 'https://desk.example.gov' });
  receiver = await startSmtpReceiver({ db: t.db, config: t.config }, { port: 0 });
  client = nodemailer.createTransport({ host: '127.0.0.1', port: receiver.port, secure: false, ignoreTLS: true });
  admin = await signInAs(t.app);
});

afterAll(async () => {
  client?.close();
  resetTransports();
  await receiver?.close();
  await relay?.stop();
  await t?.close();
});

beforeEach(() => {
  relay.messages.length = 0;
});

describe('SMTP intake', () => {
  it('turns a mail for the inbound address into a case and acknowledges it with the tracking number', async () => {
    const before = await caseCount();
    const info = await send(
      rawMail({ fromName: 'Ana Lopez', from: 'ana.lopez@sender.example', messageId: 'first@sender.example' }),
    );
    expect(info.response).toMatch(/^250/);
    expect(await caseCount()).toBe(before + 1);
    const row = await latestCase();
    expect(row.channel).toBe('email');
    expect(row.channel_slug).toBe('email');
    expect(row.description).toContain('no heat in my building');
    const person = await t.db
      .selectFrom('people')
      .selectAll()
      .where('id', '=', row.person_id!)
      .executeTakeFirstOrThrow();
    expect([person.first_name, person.last_name]).toEqual(['Ana', 'Lopez']);
    const entries = await timeline(row.id);
    expect(entries[0]).toMatchObject({ kind: 'inbound', subject: 'No heat in my apartment' });
    const ack = entries.find((e) => e.kind === 'outbound')!;
    expect(ack).toMatchObject({ substantive: false, delivery_status: 'queued' });
    expect(row.first_response_at).toBeNull();

    const [queued] = await outboxOf(row.id);
    expect(queued).toMatchObject({ kind: 'acknowledgement', status: 'queued', to_address: 'ana.lopez@sender.example' });
    expect(queued!.subject).toContain(row.tracking_number);

    await drainJobs({ db: t.db, config: t.config });
    expect(relay.messages).toHaveLength(1);
    const sent = await simpleParser(relay.messages[0]!.raw);
    expect(relay.messages[0]!.to).toEqual(['ana.lopez@sender.example']);
    expect(relay.messages[0]!.from).toBe(INBOX);
    expect(sent.subject).toContain(row.tracking_number);
    expect(sent.text).toContain('https://desk.example.gov/public/main/status/');
    // The link carries an access code given out for it; the database keeps only its digest.
    const code = /status\/[^?\s]+\?k=([0-9a-z]{16})/.exec(sent.text ?? '')![1]!;
    const hashes = await t.db
      .selectFrom('case_access_codes')
      .select('code_hash')
      .where('case_id', '=', row.id)
      .execute();
    expect(hashes.map((h) => h.code_hash)).toEqual([accessCodeHash(code)]);
    expect(JSON.stringify(hashes)).not.toContain(code);
    expect(sent.headers.get('auto-submitted')).toBe('auto-replied');
    expect(sent.inReplyTo).toBe('<first@sender.example>');
    expect(sent.messageId).toBe(`<${queued!.message_id}>`);
    expect((await outboxOf(row.id))[0]!.status).toBe('sent');
    expect((await timeline(row.id)).find((e) => e.kind === 'outbound')!.delivery_status).toBe('sent');
  });

  it('refuses a recipient no email channel owns at RCPT TO with 550 (not an open relay)', async () => {
    const before = await caseCount();
    await expect(
      send(rawMail({ to: 'someone@elsewhere.example' }), { to: ['someone@elsewhere.example'] }),
    ).rejects.toMatchObject({
      responseCode: 550,
    });
    expect(await caseCount()).toBe(before);
  });

  it('refuses an oversized message with 552 and a clear text', async () => {
    const small = await startSmtpReceiver({ db: t.db, config: t.config }, { port: 0, maxMessageBytes: 64 * 1024 });
    const smallClient = nodemailer.createTransport({
      host: '127.0.0.1',
      port: small.port,
      secure: false,
      ignoreTLS: true,
    });
    try {
      const before = await caseCount();
      const error = await smallClient
        .sendMail({
          envelope: { from: 'big@sender.example', to: [INBOX] },
          raw: rawMail({ body: 'x'.repeat(200_000) }),
        })
        .catch((e: unknown) => e as { responseCode: number; response: string });
      expect(error).toMatchObject({ responseCode: 552 });
      expect((error as { response: string }).response).toMatch(/too large|maximum message size/i);
      // A client that declares the size (MAIL FROM … SIZE=) is refused before it sends anything.
      const replies = await smtpDialogue(small.port, [
        'EHLO client.example',
        'MAIL FROM:<big@sender.example> SIZE=10000000',
      ]);
      expect(replies.at(-1)).toMatch(/^552 .*maximum message size 65536/);
      expect(await caseCount()).toBe(before);
    } finally {
      smallClient.close();
      await small.close();
    }
  });

  it('keeps attachments and inline images, refuses unknown types as a note, and defuses path tricks', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    await client.sendMail({
      envelope: { from: 'files@sender.example', to: [INBOX] },
      from: 'Fay Files <files@sender.example>',
      to: INBOX,
      subject: 'Photos of the broken window',
      text: 'See the attached letter and photo.',
      html: '<p>See the attached letter and photo.</p><img src="cid:photo1">',
      attachments: [
        { filename: '../../etc/lease.pdf', content: pdf, contentType: 'application/pdf' },
        { filename: 'window.png', content: png, contentType: 'image/png', cid: 'photo1' },
        { filename: 'tool.exe', content: exe, contentType: 'application/octet-stream' },
      ],
    });
    const row = await latestCase();
    const files = await t.db
      .selectFrom('attachments')
      .selectAll()
      .where('case_id', '=', row.id)
      .orderBy('id')
      .execute();
    expect(files.map((f) => [f.filename, f.content_type]).sort()).toEqual([
      ['lease.pdf', 'application/pdf'],
      ['window.png', 'image/png'],
    ]);
    const notes = (await timeline(row.id)).filter((e) => e.kind === 'note');
    expect(notes.some((n) => n.body.includes('"tool.exe"') && n.body.includes('was not kept'))).toBe(true);
  });

  it('makes HTML-only mail readable text', async () => {
    await send(
      rawMail({
        headers: ['Content-Type: text/html; charset=utf-8'],
        body: '<html><body><h1>Leak</h1><p>Water is <b>leaking</b> through&nbsp;the ceiling.</p><script>x()</script></body></html>',
      }),
    );
    const row = await latestCase();
    expect(row.description).toMatch(/leaking/);
    expect(row.description).toMatch(/ceiling/);
    expect(row.description).not.toMatch(/<b>|<p>|x\(\)/);
  });

  const charsets: [string, string, string][] = [
    [
      'ISO-8859-1',
      '436166e9206175206c6169742c206372e86d65206272fb6ce965206574206e61ef766574e9',
      'Café au lait, crème brûlée et naïveté',
    ],
    [
      'windows-1252',
      '93536d6172742071756f7465739420636f73742035802097207265616c6c79',
      '“Smart quotes” cost 5€ — really',
    ],
    ['GB2312', 'c4e3bac3a3acced2b5c4b9abd4a2c3bbd3d0c5afc6f8', '你好，我的公寓没有暖气'],
    ['Big5', 'a741a66ea141a7daaabaa4bdb44aa853a6b3b778aef0', '你好，我的公寓沒有暖氣'],
    [
      'KOI8-R',
      'fac4d2c1d7d3d4d7d5cad4c52c20d720cdcfc5ca20cbd7c1d2d4c9d2c520cec5d420cfd4cfd0ccc5cec9d1',
      'Здравствуйте, в моей квартире нет отопления',
    ],
  ];
  it.each(charsets)('decodes a %s body and subject from its real bytes', async (charset, hex, text) => {
    const bytes = Buffer.from(hex, 'hex');
    const head = rawMail({
      subject: `=?${charset}?B?${bytes.toString('base64')}?=`,
      headers: [`Content-Type: text/plain; charset=${charset}`, 'Content-Transfer-Encoding: 8bit'],
      body: '@@BODY@@',
    });
    const [before, after] = head.split('@@BODY@@');
    await send(Buffer.concat([Buffer.from(before!, 'latin1'), bytes, Buffer.from(after!, 'latin1')]));
    const row = await latestCase();
    expect(row.description).toBe(text);
    expect((await timeline(row.id))[0]!.subject).toBe(text);
  });

  it('acknowledges in the language the mail is written in when an approved template exists, else in English', async () => {
    const agency = await t.db.selectFrom('agencies').select('id').where('slug', '=', 'main').executeTakeFirstOrThrow();
    const template = await t.db
      .insertInto('templates')
      .values({ agency_id: agency.id, code: 'acknowledgement', name: 'Acuse', channel: 'email', language: 'es' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('template_versions')
      .values({
        agency_id: agency.id,
        template_id: template.id,
        version: 1,
        subject: 'Recibimos su mensaje ({{trackingNumber}})',
        body: 'Gracias. Su número es {{trackingNumber}}.',
        status: 'approved',
      })
      .execute();
    await send(
      rawMail({
        subject: 'Sin calefacción',
        body: 'Hola, no tengo calefacción en mi apartamento desde el lunes y hace mucho frío. Por favor, ayúdenme con el problema. Gracias por la ayuda.',
      }),
    );
    const spanish = await latestCase();
    expect(spanish.language).toBe('es');
    const [esAck] = await outboxOf(spanish.id);
    expect(esAck!.subject).toBe(`Recibimos su mensaje (${spanish.tracking_number})`);

    await send(rawMail({ subject: 'Отопление', body: 'Здравствуйте, в моей квартире нет отопления уже неделю.' }));
    const russian = await latestCase();
    expect(russian.language).toBe('ru');
    const [ruAck] = await outboxOf(russian.id);
    expect(ruAck!.subject).toBe(`We received your message (${russian.tracking_number})`);
  });

  it('takes a message in once, however often it is delivered (idempotent by Message-ID)', async () => {
    const raw = rawMail({ messageId: 'twice@sender.example' });
    await send(raw);
    const before = await caseCount();
    await send(raw);
    expect(await caseCount()).toBe(before);
  });
});

describe('replies join their case', () => {
  it('by the tracking number in the subject; a case waiting on the constituent starts its clock and is in progress', async () => {
    await send(rawMail({ from: 'rita@sender.example', subject: 'Mold in the bathroom' }));
    const row = await latestCase();
    const waiting = await admin.call('POST', `/api/v1/cases/${row.tracking_number}/status`, {
      status: 'waiting_on_constituent',
    });
    expect(waiting.statusCode).toBe(200);
    const before = await caseCount();
    await send(
      rawMail({
        from: 'rita@sender.example',
        subject: `Re: We received your message [${row.tracking_number}]`,
        body: 'Here is the photo you asked for.',
      }),
    );
    expect(await caseCount()).toBe(before);
    const after = await t.db.selectFrom('cases').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(after.status).toBe('in_progress');
    expect(after.paused_at).toBeNull();
    expect(after.pauses.every((p) => p.to !== null)).toBe(true);
    const inbound = (await timeline(row.id)).filter((e) => e.kind === 'inbound');
    expect(inbound.map((e) => e.body)).toEqual([expect.any(String), 'Here is the photo you asked for.']);
    // A reply is not acknowledged again.
    expect((await outboxOf(row.id)).filter((o) => o.kind === 'acknowledgement')).toHaveLength(1);
  });

  it('by In-Reply-To naming the acknowledgement we sent, and a closed case is reopened', async () => {
    await send(rawMail({ from: 'omar@sender.example', subject: 'Noise at night' }));
    const row = await latestCase();
    const [ack] = await outboxOf(row.id);
    const closed = await admin.call('POST', `/api/v1/cases/${row.tracking_number}/status`, { status: 'closed' });
    expect(closed.statusCode).toBe(200);
    await send(
      rawMail({
        from: 'omar@sender.example',
        subject: 'Re: your message',
        headers: [
          'Content-Type: text/plain; charset=utf-8',
          `In-Reply-To: <${ack!.message_id}>`,
          `References: <${ack!.message_id}>`,
        ],
        body: 'It started again last night.',
      }),
    );
    const after = await t.db.selectFrom('cases').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(after.status).toBe('in_progress');
    expect(after.closed_at).toBeNull();
    expect((await timeline(row.id)).filter((e) => e.kind === 'inbound')).toHaveLength(2);
  });
});

describe('mail joins a case only when it belongs there', () => {
  it('a tracking number in the subject from a stranger makes a new case, not a reply on that one', async () => {
    await send(rawMail({ from: 'tenant@sender.example', subject: 'Leak in the ceiling' }));
    const row = await latestCase();
    const before = await caseCount();
    await send(
      rawMail({
        from: 'stranger@elsewhere.example',
        subject: `Re: [${row.tracking_number}] please close this`,
        body: 'I am the tenant, close it.',
      }),
    );
    expect(await caseCount()).toBe(before + 1);
    expect((await timeline(row.id)).filter((e) => e.kind === 'inbound')).toHaveLength(1);
  });

  it('names the sender on the timeline', async () => {
    await send(rawMail({ from: 'lena@sender.example', subject: 'Broken lock' }));
    const row = await latestCase();
    await send(rawMail({ from: 'lena@sender.example', subject: `Re: ${row.tracking_number}`, body: 'Still broken.' }));
    const res = await admin.call('GET', `/api/v1/cases/${row.tracking_number}/timeline`);
    const inbound = res.json().entries.filter((e: { kind: string }) => e.kind === 'inbound');
    expect(inbound.at(-1)).toMatchObject({ body: 'Still broken.', sender: 'lena@sender.example' });
  });

  it('nothing reaches a restricted case from outside until someone inside accepts it', async () => {
    const dv = await createUser(t.db, { email: 'dv.mail@example.gov', role: 'supervisor', units: ['DV'] });
    const dvSession = await signInAs(t.app, dv.email, USER_PASSWORD);
    const out = await createUser(t.db, { email: 'snap.mail@example.gov', role: 'supervisor', units: ['SNAP'] });
    const outSession = await signInAs(t.app, out.email, USER_PASSWORD);
    const created = await dvSession.call('POST', '/api/v1/cases', {
      channel: 'web',
      subject: 'DV',
      restricted: true,
      description: 'safety plan',
      person: { firstName: 'Ada', lastName: 'Hidden', email: 'ada.hidden@sender.example' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const tn = created.json().trackingNumber as string;
    const caseRow = await t.db
      .selectFrom('cases')
      .select('id')
      .where('tracking_number', '=', tn)
      .executeTakeFirstOrThrow();
    const cases = await caseCount();
    // A stranger naming the case, and a forged From of the person herself: both held back, neither acknowledged.
    await send(rawMail({ from: 'abuser@elsewhere.example', subject: `Re: ${tn}`, body: 'Where is she?' }));
    await send(rawMail({ from: 'ada.hidden@sender.example', subject: `Re: ${tn}`, body: 'It is me, Ada.' }), {
      from: 'abuser@elsewhere.example',
    });
    expect(await caseCount()).toBe(cases);
    const answered = await t.db
      .selectFrom('outbox')
      .select('id')
      .where('to_address', 'in', ['abuser@elsewhere.example', 'ada.hidden@sender.example'])
      .execute();
    expect(answered).toEqual([]);
    expect((await timeline(caseRow.id)).filter((e) => e.kind === 'inbound')).toHaveLength(1);
    const held = await t.db
      .selectFrom('email_quarantine')
      .selectAll()
      .where('case_id', '=', caseRow.id)
      .orderBy('id')
      .execute();
    expect(held.map((h) => h.kind)).toEqual(['unverified_sender', 'unverified_sender']);
    expect(held[0]!.reason).toContain(tn);

    // Outside the compartment the held mail does not exist; inside it is listed and can be accepted.
    const outsiderList = (await outSession.call('GET', '/api/v1/email/quarantine')).json();
    expect(outsiderList.items.map((i: { id: number }) => i.id)).not.toContain(held[1]!.id);
    expect((await outSession.call('POST', `/api/v1/email/quarantine/${held[1]!.id}/accept`)).statusCode).toBe(404);
    const insiderList = (await dvSession.call('GET', '/api/v1/email/quarantine')).json();
    expect(insiderList.items.map((i: { id: number }) => i.id)).toContain(held[1]!.id);
    const accepted = await dvSession.call('POST', `/api/v1/email/quarantine/${held[1]!.id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    const entries = (await dvSession.call('GET', `/api/v1/cases/${tn}/timeline`)).json().entries;
    const joined = entries.find((e: { body: string }) => e.body === 'It is me, Ada.');
    expect(joined).toMatchObject({ kind: 'inbound', sender: 'ada.hidden@sender.example' });

    // The other held message is turned away: only from inside, and then it no longer waits.
    expect((await outSession.call('POST', `/api/v1/email/quarantine/${held[0]!.id}/reject`)).statusCode).toBe(404);
    const rejected = await dvSession.call('POST', `/api/v1/email/quarantine/${held[0]!.id}/reject`);
    expect(rejected.statusCode, rejected.body).toBe(200);
    const after = await t.db
      .selectFrom('email_quarantine')
      .selectAll()
      .where('id', '=', held[0]!.id)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({ flagged: false });
    expect(after.reason).toContain('Rejected');
    expect((await dvSession.call('POST', `/api/v1/email/quarantine/${held[0]!.id}/accept`)).statusCode).toBe(409);
  });
});

describe('automatic mail is recorded but never acknowledged', () => {
  async function outboxCount() {
    const row = await t.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it.each([
    ['Auto-Submitted: auto-replied', ['Auto-Submitted: auto-replied'], undefined],
    ['Precedence: bulk', ['Precedence: bulk'], undefined],
    ['X-Autoreply', ['X-Autoreply: yes'], undefined],
    ['List-Id', ['List-Id: <tenants.lists.example>'], undefined],
    ['the null sender <>', [], ''],
  ])('%s', async (_label, extra, envelopeFrom) => {
    const [cases, sent] = [await caseCount(), await outboxCount()];
    const raw = rawMail({ subject: 'Out of office', headers: ['Content-Type: text/plain; charset=utf-8', ...extra] });
    await send(raw, envelopeFrom === undefined ? {} : { from: envelopeFrom });
    expect(await caseCount()).toBe(cases);
    expect(await outboxCount()).toBe(sent);
    const kept = await t.db.selectFrom('email_quarantine').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(kept.kind).toBe('auto_reply');
    expect(Buffer.from(kept.raw).toString()).toContain('Out of office');
  });

  it('an auto-reply naming a case is noted on that case, without an acknowledgement', async () => {
    await send(rawMail({ from: 'vacation@sender.example', subject: 'Broken elevator' }));
    const row = await latestCase();
    const sent = await outboxCount();
    await send(
      rawMail({
        from: 'vacation@sender.example',
        subject: `Automatic reply: We received your message (${row.tracking_number})`,
        headers: ['Content-Type: text/plain; charset=utf-8', 'Auto-Submitted: auto-replied'],
      }),
    );
    expect(await outboxCount()).toBe(sent);
    const notes = (await timeline(row.id)).filter((e) => e.kind === 'note');
    expect(notes.at(-1)!.body).toMatch(/automatic message.*not acknowledged/i);
  });

  it('mail from our own address is a loop', async () => {
    const cases = await caseCount();
    await send(rawMail({ from: INBOX, subject: 'We received your message' }), { from: INBOX });
    expect(await caseCount()).toBe(cases);
    const kept = await t.db.selectFrom('email_quarantine').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(kept.kind).toBe('loop');
  });

  it('a bounce of our acknowledgement marks it bounced on the outbox and the timeline', async () => {
    await send(rawMail({ from: 'nobody-here@sender.example', subject: 'Pothole' }));
    const row = await latestCase();
    const [ack] = await outboxOf(row.id);
    const dsn = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.sender.example>',
      `To: ${INBOX}`,
      'Subject: Undelivered Mail Returned to Sender',
      `Message-ID: <bounce-${Date.now()}@mx.sender.example>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'The mail could not be delivered: user unknown.',
      '--b1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.sender.example',
      '',
      'Final-Recipient: rfc822; nobody-here@sender.example',
      'Action: failed',
      'Status: 5.1.1',
      '--b1',
      'Content-Type: text/rfc822-headers',
      '',
      `Message-ID: <${ack!.message_id}>`,
      `Subject: ${ack!.subject}`,
      '--b1--',
      '',
    ].join('\r\n');
    const cases = await caseCount();
    await send(dsn, { from: '' });
    expect(await caseCount()).toBe(cases);
    expect((await outboxOf(row.id))[0]!.status).toBe('bounced');
    const entry = (await timeline(row.id)).find((e) => e.id === ack!.entry_id)!;
    expect(entry.delivery_status).toBe('bounced');
    const kept = await t.db.selectFrom('email_quarantine').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(kept).toMatchObject({ kind: 'bounce', case_id: row.id });
  });
});

describe('campaigns', () => {
  it('groups near-identical mail from different senders and answers the batch with one template', async () => {
    const text = (name: string) =>
      `Dear Commissioner,\n\nI urge you to keep the Riverside community pool open this summer. Hundreds of families ` +
      `depend on it and closing it would hurt our children.\n\nSincerely,\n${name}`;
    for (const [from, name] of [
      ['a1@voters.example', 'Alice Archer'],
      ['b2@voters.example', 'Bob Brown'],
      ['c3@voters.example', 'Carmen Cruz'],
    ] as const) {
      await send(rawMail({ from, fromName: name, subject: 'Keep Riverside pool open', body: text(name) }));
    }
    const res = await admin.call('GET', '/api/v1/campaigns');
    expect(res.statusCode).toBe(200);
    const campaign = res.json().items.find((c: { subject: string }) => c.subject === 'Keep Riverside pool open');
    expect(campaign).toMatchObject({ count: 3, senders: 3, openCount: 3 });
    const tagged = await t.db
      .selectFrom('cases')
      .select(['tracking_number', 'tags'])
      .where('tracking_number', 'in', campaign.trackingNumbers)
      .execute();
    expect(tagged.every((c) => c.tags.includes(campaign.tag))).toBe(true);

    const bulk = await admin.call('POST', '/api/v1/cases/bulk', {
      trackingNumbers: campaign.openTrackingNumbers,
      action: 'respond',
      channel: 'email',
      templateCode: 'general-response',
      responseText: 'The pool stays open through Labor Day.',
    });
    // Campaign mail comes uncoded and often without names: the template's empty fields are refused, case by case…
    expect(bulk.json()).toMatchObject({ succeeded: 0, failed: 3 });
    expect(bulk.json().results[0].error.details[0].field).toMatch(/^mergeFields\./);
    // …and the batch goes out once the caseworker confirms it.
    const confirmed = await admin.call('POST', '/api/v1/cases/bulk', {
      trackingNumbers: campaign.openTrackingNumbers,
      action: 'respond',
      channel: 'email',
      templateCode: 'general-response',
      responseText: 'The pool stays open through Labor Day.',
      allowEmptyFields: true,
    });
    expect(confirmed.json()).toMatchObject({ succeeded: 3, failed: 0 });
    const responses = await t.db
      .selectFrom('outbox')
      .select(['to_address', 'kind'])
      .where('kind', '=', 'response')
      .execute();
    expect(responses.map((r) => r.to_address)).toEqual(
      expect.arrayContaining(['a1@voters.example', 'b2@voters.example', 'c3@voters.example']),
    );
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/v1/campaigns'].get.summary).toMatch(/campaign/i);
  });
});

describe('bad input', () => {
  it('keeps a message that cannot be parsed raw, flagged, with the reason, and still answers 250', async () => {
    const before = await caseCount();
    const garbage = Buffer.concat([Buffer.from('\x00\x01\x02 not a mail at all\r\n\r\n'), Buffer.alloc(300, 0xff)]);
    const info = await send(garbage, { from: 'broken@sender.example' });
    expect(info.response).toMatch(/^250/);
    expect(await caseCount()).toBe(before);
    const kept = await t.db.selectFrom('email_quarantine').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(kept).toMatchObject({ kind: 'unparsable', flagged: true });
    expect(kept.reason).toMatch(/From address/);
    expect(Buffer.from(kept.raw).includes(Buffer.alloc(300, 0xff))).toBe(true);
    const listed = await admin.call('GET', '/api/v1/email/quarantine');
    expect(listed.json().items[0]).toMatchObject({ kind: 'unparsable', flagged: true });
    expect(listed.json().items[0].raw).toBeUndefined();
  });

  it('defuses header injection through an encoded sender name: no Bcc goes out', async () => {
    const evil = Buffer.from('Eve\r\nBcc: victim@target.example').toString('base64');
    await send(
      rawMail({ from: 'eve@sender.example', subject: 'Hello' }).replace('From: <', `From: =?utf-8?B?${evil}?= <`),
    );
    const row = await latestCase();
    const person = await t.db
      .selectFrom('people')
      .selectAll()
      .where('id', '=', row.person_id!)
      .executeTakeFirstOrThrow();
    expect(`${person.first_name} ${person.last_name}`).not.toMatch(/[\r\n]/);
    await drainJobs({ db: t.db, config: t.config });
    const sent = relay.messages.find((m) => m.to.includes('eve@sender.example'))!;
    expect(sent.to).toEqual(['eve@sender.example']);
    expect(sent.raw).not.toMatch(/^Bcc:/im);
  });

  it('refuses a response whose subject carries a line break (header injection) and writes nothing', async () => {
    await send(rawMail({ from: 'dan@sender.example', subject: 'Trash pickup' }));
    const row = await latestCase();
    const before = (await outboxOf(row.id)).length;
    const res = await admin.call('POST', `/api/v1/cases/${row.tracking_number}/responses`, {
      channel: 'email',
      subject: 'Hello\r\nBcc: victim@target.example',
      body: 'We will pick it up.',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect((await outboxOf(row.id)).length).toBe(before);
    expect((await timeline(row.id)).filter((e) => e.kind === 'outbound')).toHaveLength(1);
  });
});
