// Walks the Open311 GeoReport v2 rules through the real app: every endpoint in .json and .xml (XML read with a
// real parser), the error list with 400/403/404, POST field rules and attributes, the GET filters, the 90-day
// window, the 1,000 cap and paging, jurisdictions, restricted cases, empty parameters and hostile bodies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../test/test-app.ts';
import { createAgencyWithStarterConfiguration } from '../../bootstrap.ts';
import { newToken, tokenDigest } from '../../auth/credentials.ts';
import {
  encodeForm,
  issueKey,
  parseJson,
  parseXml,
  postRequest,
  type FormFields,
} from '../../test/open311-test-support.ts';

let t: TestApp;
let admin: SignedIn;
let apiKey: string;
let mainId: number;

const SERVICE = 'SHELTER.CONDITIONS';
const base = { service_code: SERVICE, lat: '40.7128', long: '-74.0060', 'attribute[ROOM]': '12B' };
const OFFSET_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

type Json = Record<string, unknown>;
const get = (url: string) => t.app.inject({ method: 'GET', url });
const post = (fields: FormFields, format: 'json' | 'xml' = 'json') => postRequest(t.app, fields, format);
const caseCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function created(fields: FormFields): Promise<string> {
  const res = await post(fields);
  expect(res.statusCode, res.body).toBe(201);
  return (parseJson(res) as Json[])[0]!.service_request_id as string;
}

function expectErrors(
  res: { statusCode: number },
  body: unknown,
  status: number,
): { code: number; description: string }[] {
  expect(res.statusCode).toBe(status);
  expect(Array.isArray(body)).toBe(true);
  const errors = body as { code: number; description: string }[];
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(Object.keys(e).sort()).toEqual(['code', 'description']);
    expect(e.code).toBe(status);
    expect(typeof e.description).toBe('string');
  }
  return errors;
}

function expectXmlErrors(res: Parameters<typeof parseXml>[0], status: number): string[] {
  expect(res.statusCode).toBe(status);
  const doc = parseXml(res) as { errors: { error: { code: string; description: string }[] } };
  expect(doc.errors.error.length).toBeGreaterThan(0);
  for (const e of doc.errors.error) expect(e.code).toBe(String(status));
  return doc.errors.error.map((e) => e.description);
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  apiKey = (await issueKey(admin)).apiKey;
  mainId = (await t.db.selectFrom('agencies').select('id').where('slug', '=', 'main').executeTakeFirstOrThrow()).id;
  const res = await admin.call('PUT', `/api/v1/subjects/${SERVICE}/questions`, {
    description: 'Heat, hot water, pests or repairs in a shelter.',
    keywords: ['heat', 'repairs'],
    questions: [
      { code: 'ROOM', description: 'Room or unit number', datatype: 'string', required: true },
      {
        code: 'PROBLEM',
        description: 'What is wrong?',
        datatype: 'multivaluelist',
        values: [
          { key: 'HEAT', name: 'No heat' },
          { key: 'WATER', name: 'No hot water' },
          { key: 'PESTS', name: 'Pests' },
        ],
      },
      {
        code: 'URGENCY',
        description: 'How urgent?',
        datatype: 'singlevaluelist',
        values: [
          { key: 'LOW', name: 'Low' },
          { key: 'HIGH', name: 'High' },
        ],
      },
      { code: 'PEOPLE', description: 'People affected', datatype: 'number' },
      { code: 'SINCE', description: 'Since when', datatype: 'datetime' },
      { code: 'NOTE', description: 'Read the posted notice first.', datatype: 'text', variable: false },
    ],
  });
  expect(res.statusCode, res.body).toBe(200);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('discovery', () => {
  it('answers in JSON with the endpoint, formats and the jurisdiction_id', async () => {
    const res = await get('/open311/v2/discovery.json');
    expect(res.statusCode).toBe(200);
    const doc = parseJson(res) as Json;
    expect(doc).toMatchObject({ jurisdiction_id: 'main' });
    expect(typeof doc.changeset).toBe('string');
    expect(typeof doc.contact).toBe('string');
    expect(typeof doc.key_service).toBe('string');
    expect(doc.endpoints).toEqual([
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: expect.stringMatching(/^https?:\/\/[^/]+\/open311\/v2$/),
        changeset: doc.changeset,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ]);
  });

  it('answers in XML with the same content', async () => {
    const doc = parseXml(await get('/open311/v2/discovery.xml')) as {
      discovery: Json & { endpoints: { endpoint: Json[] } };
    };
    expect(doc.discovery.jurisdiction_id).toBe('main');
    const endpoint = doc.discovery.endpoints.endpoint[0]!;
    expect(endpoint.specification).toBe('http://wiki.open311.org/GeoReport_v2');
    expect(endpoint.type).toBe('production');
    expect((endpoint.formats as { format: string[] }).format).toEqual(['text/xml', 'application/json']);
  });
});

describe('services', () => {
  it('lists the active subjects with code, name, group, metadata, type and keywords (JSON bare array)', async () => {
    const list = parseJson(await get('/open311/v2/services.json')) as Json[];
    expect(Array.isArray(list)).toBe(true);
    const conditions = list.find((s) => s.service_code === SERVICE);
    expect(conditions).toEqual({
      service_code: SERVICE,
      service_name: 'Shelter conditions',
      description: 'Heat, hot water, pests or repairs in a shelter.',
      metadata: true,
      type: 'realtime',
      keywords: 'heat, repairs',
      group: 'Shelter',
    });
    expect(list.find((s) => s.service_code === 'SNAP')).toMatchObject({ metadata: false, group: 'SNAP' });
  });

  it('hides inactive subjects', async () => {
    await t.db.updateTable('subjects').set({ active: false }).where('code', '=', 'HOMECARE').execute();
    const list = parseJson(await get('/open311/v2/services.json')) as Json[];
    expect(list.some((s) => s.service_code === 'HOMECARE')).toBe(false);
    expect((await get('/open311/v2/services/HOMECARE.json')).statusCode).toBe(404);
  });

  it('lists the same services in XML', async () => {
    const doc = parseXml(await get('/open311/v2/services.xml')) as { services: { service: Json[] } };
    const conditions = doc.services.service.find((s) => s.service_code === SERVICE)!;
    expect(conditions).toMatchObject({
      metadata: 'true',
      type: 'realtime',
      group: 'Shelter',
      keywords: 'heat, repairs',
    });
  });

  it('defines a service with its attributes in order, values included (JSON object)', async () => {
    const doc = parseJson(await get(`/open311/v2/services/${SERVICE}.json`)) as {
      service_code: string;
      attributes: Json[];
    };
    expect(doc.service_code).toBe(SERVICE);
    expect(doc.attributes.map((a) => a.code)).toEqual(['ROOM', 'PROBLEM', 'URGENCY', 'PEOPLE', 'SINCE', 'NOTE']);
    expect(doc.attributes[0]).toEqual({
      variable: true,
      code: 'ROOM',
      datatype: 'string',
      required: true,
      datatype_description: '',
      order: 1,
      description: 'Room or unit number',
    });
    expect(doc.attributes[1]!.values).toEqual([
      { key: 'HEAT', name: 'No heat' },
      { key: 'WATER', name: 'No hot water' },
      { key: 'PESTS', name: 'Pests' },
    ]);
    expect(doc.attributes[5]).toMatchObject({ variable: false, datatype: 'text' });
  });

  it('defines a service in XML', async () => {
    const doc = parseXml(await get(`/open311/v2/services/${SERVICE}.xml`)) as {
      service_definition: { service_code: string; attributes: { attribute: Json[] } };
    };
    expect(doc.service_definition.service_code).toBe(SERVICE);
    const problem = doc.service_definition.attributes.attribute[1]!;
    expect(problem).toMatchObject({ code: 'PROBLEM', datatype: 'multivaluelist', required: 'false', order: '2' });
    expect((problem.values as { value: Json[] }).value[2]).toEqual({ key: 'PESTS', name: 'Pests' });
  });

  it('answers 404 in the error format for an unknown service, in both formats', async () => {
    const json = await get('/open311/v2/services/NOPE.json');
    expectErrors(json, parseJson(json), 404);
    expectXmlErrors(await get('/open311/v2/services/NOPE.xml'), 404);
  });

  it('answers 404 for a document without .json or .xml and for unknown paths', async () => {
    expectXmlErrors(await get(`/open311/v2/services/${SERVICE}`), 404);
    expectXmlErrors(await get('/open311/v2/services.html'), 404);
    const res = await get('/open311/v2/nothing-here.json');
    expectErrors(res, parseJson(res), 404);
  });
});

describe('POST requests: keys', () => {
  it('refuses a request without api_key with 403 in both formats, and writes nothing', async () => {
    const before = await caseCount();
    const json = await post(base);
    expectErrors(json, parseJson(json), 403);
    expectXmlErrors(await post(base, 'xml'), 403);
    const empty = await post({ ...base, api_key: '' });
    expectErrors(empty, parseJson(empty), 403);
    expect(await caseCount()).toBe(before);
  });

  it('refuses an unknown key with 403', async () => {
    const res = await post({ ...base, api_key: 'o311_not-a-key' });
    expectErrors(res, parseJson(res), 403);
  });

  it('refuses a revoked key with 403', async () => {
    const issued = await issueKey(admin, 'soon revoked');
    expect((await post({ ...base, api_key: issued.apiKey, description: 'before revoke' })).statusCode).toBe(201);
    expect((await admin.call('DELETE', `/api/v1/open311-keys/${issued.id}`)).statusCode).toBe(200);
    const res = await post({ ...base, api_key: issued.apiKey, description: 'after revoke' });
    expectErrors(res, parseJson(res), 403);
  });
});

describe('POST requests: creating', () => {
  it('creates a case through intake (channel 311, routing, deadlines, audit) and answers the tracking number', async () => {
    const res = await post({
      ...base,
      api_key: apiKey,
      description: 'No heat in room 12B since Monday.',
      email: 'Resident@Example.org',
      first_name: 'Ana',
      last_name: 'Lopez',
      phone: '+1 212 555 0100',
      device_id: 'device-1',
      account_id: 'acct-77',
      media_url: 'https://example.org/photo.jpg',
      zipcode: '10001',
      'attribute[PROBLEM][]': ['HEAT', 'WATER'],
      'attribute[URGENCY]': 'HIGH',
      'attribute[PEOPLE]': '3',
      'attribute[SINCE]': '2026-03-01T09:30:00-05:00',
    });
    expect(res.statusCode, res.body).toBe(201);
    const answer = parseJson(res) as Json[];
    expect(answer).toHaveLength(1);
    expect(Object.keys(answer[0]!).sort()).toEqual(['account_id', 'service_notice', 'service_request_id']);
    expect(answer[0]!.account_id).toBe('acct-77');
    const id = answer[0]!.service_request_id as string;
    const row = await t.db.selectFrom('cases').selectAll().where('tracking_number', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      channel: '311',
      subject_code: SERVICE,
      description: 'No heat in room 12B since Monday.',
    });
    expect(row.resolution_due_at).not.toBeNull();
    const details = await t.db
      .selectFrom('open311_requests')
      .selectAll()
      .where('case_id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(details).toMatchObject({
      lat: 40.7128,
      long: -74.006,
      zipcode: '10001',
      device_id: 'device-1',
      account_id: 'acct-77',
      media_url: 'https://example.org/photo.jpg',
      attributes: {
        ROOM: '12B',
        PROBLEM: ['HEAT', 'WATER'],
        URGENCY: 'HIGH',
        PEOPLE: '3',
        SINCE: '2026-03-01T09:30:00-05:00',
      },
    });
    const audit = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', id)
      .where('action', '=', 'case.created')
      .executeTakeFirstOrThrow();
    expect(audit.actor_label).toBe('Open311 key 311 system');
    const person = await t.db
      .selectFrom('people')
      .selectAll()
      .where('id', '=', row.person_id!)
      .executeTakeFirstOrThrow();
    expect(person).toMatchObject({ first_name: 'Ana', last_name: 'Lopez' });
  });

  it('answers in XML as <service_requests><request>', async () => {
    const res = await post({ ...base, api_key: apiKey, description: 'xml answer' }, 'xml');
    expect(res.statusCode).toBe(201);
    const doc = parseXml(res) as { service_requests: { request: Json[] } };
    expect(doc.service_requests.request).toHaveLength(1);
    expect(doc.service_requests.request[0]!.service_request_id).toMatch(/^[A-Z]+-\d{4}-\d{6}$/);
    expect(doc.service_requests.request[0]).not.toHaveProperty('token');
  });

  it('files a request without name, email or phone under an anonymous reporter', async () => {
    const id = await created({ ...base, api_key: apiKey, description: 'anonymous report' });
    const row = await t.db
      .selectFrom('cases')
      .innerJoin('people', 'people.id', 'cases.person_id')
      .select(['people.last_name'])
      .where('tracking_number', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.last_name).toBe('Anonymous (Open311)');
  });

  it('reads literal attribute[CODE] and attribute[CODE][] keys', async () => {
    const id = await created([
      ['api_key', apiKey],
      ['service_code', SERVICE],
      ['address_string', '1 Centre St, New York'],
      ['attribute[ROOM]', '3'],
      ['attribute[PROBLEM][]', 'PESTS'],
      ['description', 'single multivalue'],
    ]);
    const details = await t.db
      .selectFrom('open311_requests as r')
      .innerJoin('cases as c', 'c.id', 'r.case_id')
      .select(['r.attributes', 'r.address_string', 'r.lat'])
      .where('c.tracking_number', '=', id)
      .executeTakeFirstOrThrow();
    expect(details).toEqual({
      attributes: { ROOM: '3', PROBLEM: ['PESTS'] },
      address_string: '1 Centre St, New York',
      lat: null,
    });
  });
});

describe('POST requests: field rules (400, nothing written)', () => {
  const cases: [string, FormFields, RegExp][] = [
    ['lat without long', { ...base, long: '' }, /long: lat and long are sent together/],
    ['no location', { service_code: SERVICE, 'attribute[ROOM]': '1' }, /location/],
    ['latitude out of range', { ...base, lat: '91' }, /lat: must be a latitude/],
    ['longitude not a number', { ...base, long: 'west' }, /long: must be a longitude/],
    ['missing service_code', { lat: '1', long: '1' }, /service_code: is required/],
    ['unknown service_code', { ...base, service_code: 'NOPE' }, /service_code: "NOPE" is not a service/],
    ['missing required attribute', { ...base, 'attribute[ROOM]': '' }, /attribute\[ROOM\]: is required/],
    [
      'value not in the list',
      { ...base, 'attribute[URGENCY]': 'MEDIUM' },
      /attribute\[URGENCY\]: "MEDIUM" is not one of/,
    ],
    ['two values for a single list', { ...base, 'attribute[URGENCY]': ['LOW', 'HIGH'] }, /takes one value/],
    ['bad multivalue', { ...base, 'attribute[PROBLEM][]': ['HEAT', 'FIRE'] }, /"FIRE" is not one of/],
    ['number attribute', { ...base, 'attribute[PEOPLE]': 'three' }, /must be a number/],
    ['datetime attribute', { ...base, 'attribute[SINCE]': 'last Monday' }, /must be an ISO 8601/],
    ['unknown attribute', { ...base, 'attribute[COLOUR]': 'red' }, /attribute\[COLOUR\]: is not an attribute/],
    ['bad email', { ...base, email: 'not-an-email' }, /email: is not an email address/],
    ['short phone', { ...base, phone: '12' }, /phone: needs at least 7 digits/],
    ['media_url not http', { ...base, media_url: 'javascript:alert(1)' }, /media_url: must be an http or https URL/],
    [
      'description over 4,000 characters',
      { ...base, description: 'x'.repeat(4001) },
      /description: is longer than 4000/,
    ],
    [
      'a field given twice',
      [...Object.entries(base), ['email', 'a@b.org'], ['email', 'c@d.org']],
      /email: is given more than once/,
    ],
  ];

  for (const [name, fields, message] of cases) {
    it(`refuses ${name}`, async () => {
      const before = await caseCount();
      const withKey: FormFields = Array.isArray(fields)
        ? [...fields, ['api_key', apiKey]]
        : { ...fields, api_key: apiKey };
      const res = await post(withKey);
      const errors = expectErrors(res, parseJson(res), 400);
      expect(errors.map((e) => e.description).join('\n')).toMatch(message);
      expect(await caseCount()).toBe(before);
    });
  }

  it('lists every problem of a request as its own error, in XML too', async () => {
    const descriptions = expectXmlErrors(
      await post({ api_key: apiKey, service_code: SERVICE, lat: '1', email: 'bad' }, 'xml'),
      400,
    );
    expect(descriptions.length).toBeGreaterThanOrEqual(3);
  });

  it('accepts a description of exactly 4,000 characters, counted as characters not bytes', async () => {
    await created({ ...base, api_key: apiKey, description: 'ب'.repeat(4000) });
  });

  it('treats empty optional fields as absent', async () => {
    const id = await created({
      ...base,
      api_key: apiKey,
      description: 'empty fields',
      email: '',
      phone: '',
      media_url: '',
      device_id: '',
      account_id: '',
      address_string: '',
      'attribute[URGENCY]': '',
    });
    expect(id).toBeTruthy();
  });
});

describe('POST requests: hostile and broken bodies', () => {
  it('answers a 10 MB description with 413 in the error format and writes nothing', async () => {
    const before = await caseCount();
    const res = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: encodeForm({ ...base, api_key: apiKey, description: 'a'.repeat(10 * 1024 * 1024) }),
    });
    expectErrors(res, parseJson(res), 413);
    const xml = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.xml',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: encodeForm({ ...base, api_key: apiKey, description: 'a'.repeat(10 * 1024 * 1024) }),
    });
    expectXmlErrors(xml, 413);
    expect(await caseCount()).toBe(before);
  });

  const bodies: [string, string, string | Buffer][] = [
    ['JSON', 'application/json', JSON.stringify({ ...base })],
    ['malformed JSON', 'application/json', '{"api_key": '],
    ['XML', 'text/xml', '<request><service_code>SNAP</service_code></request>'],
    ['malformed XML', 'application/xml', '<request><service_code>'],
    ['a Latin-1 form', 'application/x-www-form-urlencoded; charset=iso-8859-1', 'description=caf%E9'],
    ['no content type', '', 'service_code=SNAP'],
  ];
  for (const [name, type, payload] of bodies) {
    it(`refuses ${name} with 400 in the error format`, async () => {
      const before = await caseCount();
      const res = await t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: type ? { 'content-type': type } : {},
        payload,
      });
      expectErrors(res, parseJson(res), 400);
      expect(await caseCount()).toBe(before);
    });
  }

  it('refuses bytes that are not UTF-8, percent-encoded or raw, and NUL characters', async () => {
    const before = await caseCount();
    const prefix = `${encodeForm({ ...base, api_key: apiKey })}&description=`;
    for (const payload of [
      `${prefix}caf%E9`,
      `${prefix}%FF%FE%00`,
      `${prefix}nul%00byte`,
      Buffer.concat([Buffer.from(prefix), Buffer.from([0xc3, 0x28, 0xa0, 0xa1])]),
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload,
      });
      const errors = expectErrors(res, parseJson(res), 400);
      expect(errors[0]!.description).toMatch(/UTF-8/);
    }
    expect(await caseCount()).toBe(before);
  });

  it('survives a malformed form body (stray percent signs) without a 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `api_key=${encodeURIComponent(apiKey)}&service_code=%%%&lat=%zz&&&=`,
    });
    expect([400, 403]).toContain(res.statusCode);
    expectErrors(res, parseJson(res), res.statusCode);
  });
});

describe('POST requests: duplicate submissions', () => {
  it('answers an identical resubmission with the first case (200) and creates one case only', async () => {
    const fields = { ...base, api_key: apiKey, device_id: 'dup-device', description: 'Leaking ceiling in room 4.' };
    const first = await post(fields);
    expect(first.statusCode).toBe(201);
    const before = await caseCount();
    const again = await post(fields);
    expect(again.statusCode).toBe(200);
    expect((parseJson(again) as Json[])[0]!.service_request_id).toBe(
      (parseJson(first) as Json[])[0]!.service_request_id,
    );
    expect(await caseCount()).toBe(before);
  });

  it('gives concurrent identical submissions one case', async () => {
    const fields = { ...base, api_key: apiKey, device_id: 'race', description: 'Concurrent duplicate.' };
    const before = await caseCount();
    const answers = await Promise.all([post(fields), post(fields), post(fields)]);
    const ids = new Set(answers.map((a) => (parseJson(a) as Json[])[0]!.service_request_id));
    expect(ids.size).toBe(1);
    expect(await caseCount()).toBe(before + 1);
  });

  it('creates a new case when anything differs, or after the window', async () => {
    const fields = { ...base, api_key: apiKey, device_id: 'dup-2', description: 'Broken window.' };
    const a = await created(fields);
    const b = await created({ ...fields, description: 'Broken window, second room.' });
    expect(a).not.toBe(b);
    await t.db
      .updateTable('open311_submissions')
      .set({ created_at: new Date(Date.now() - 11 * 60_000) })
      .execute();
    const c = await created(fields);
    expect(c).not.toBe(a);
  });
});

describe('GET requests', () => {
  let open: string;
  let closed: string;
  let old: string;

  beforeAll(async () => {
    open = await created({ ...base, api_key: apiKey, description: 'Open one <>&"\' — 暖气坏了 — لا توجد تدفئة' });
    closed = await created({
      service_code: 'SNAP',
      address_id: 'BIN-1',
      api_key: apiKey,
      description: 'SNAP card not working',
      email: 'private.person@example.org',
      first_name: 'Private',
      last_name: 'Person',
      phone: '212-555-0199',
    });
    await t.db
      .updateTable('cases')
      .set({ status: 'closed', closed_at: new Date() })
      .where('tracking_number', '=', closed)
      .execute();
    old = await created({ ...base, api_key: apiKey, description: 'An old one' });
    await t.db
      .updateTable('cases')
      .set({ received_at: new Date(Date.now() - 100 * 86_400_000) })
      .where('tracking_number', '=', old)
      .execute();
  });

  it('lists public requests in JSON with every field, times with the agency offset', async () => {
    const list = parseJson(await get('/open311/v2/requests.json')) as Json[];
    const item = list.find((r) => r.service_request_id === open)!;
    expect(Object.keys(item).sort()).toEqual(
      [
        'service_request_id',
        'status',
        'status_notes',
        'service_name',
        'service_code',
        'description',
        'agency_responsible',
        'service_notice',
        'requested_datetime',
        'updated_datetime',
        'expected_datetime',
        'address',
        'address_id',
        'zipcode',
        'lat',
        'long',
        'media_url',
      ].sort(),
    );
    expect(item).toMatchObject({
      status: 'open',
      service_code: SERVICE,
      service_name: 'Shelter conditions',
      lat: 40.7128,
    });
    expect(item.requested_datetime).toMatch(OFFSET_TIME);
    expect(item.updated_datetime).toMatch(OFFSET_TIME);
    expect(item.expected_datetime).toMatch(OFFSET_TIME);
    const row = await t.db
      .selectFrom('cases')
      .selectAll()
      .where('tracking_number', '=', open)
      .executeTakeFirstOrThrow();
    expect(new Date(item.requested_datetime as string).getTime()).toBe(
      Math.floor(row.received_at.getTime() / 1000) * 1000,
    );
    expect(new Date(item.expected_datetime as string).getTime()).toBe(
      Math.floor(row.resolution_due_at!.getTime() / 1000) * 1000,
    );
    expect(item.description).toBe('Open one <>&"\' — 暖气坏了 — لا توجد تدفئة');
  });

  it('shows agency_responsible as the unit name', async () => {
    await t.db
      .updateTable('cases')
      .set({ unit_id: sql<number>`(select id from units where code = 'FAC' and agency_id = ${mainId})` })
      .where('tracking_number', '=', open)
      .execute();
    const [item] = parseJson(await get(`/open311/v2/requests/${open}.json`)) as Json[];
    expect(item!.agency_responsible).toBe('Facilities Operations');
  });

  it('escapes XML special characters and keeps non-Latin text intact', async () => {
    const res = await get(`/open311/v2/requests/${open}.xml`);
    expect(res.body).toContain('Open one &lt;&gt;&amp;&quot;&apos;');
    const doc = parseXml(res) as { service_requests: { request: Json[] } };
    expect(doc.service_requests.request).toHaveLength(1);
    expect(doc.service_requests.request[0]!.description).toBe('Open one <>&"\' — 暖气坏了 — لا توجد تدفئة');
    expect(doc.service_requests.request[0]!.requested_datetime).toMatch(OFFSET_TIME);
  });

  it('never shows personal data', async () => {
    for (const url of [
      '/open311/v2/requests.json',
      `/open311/v2/requests/${closed}.json`,
      '/open311/v2/requests.xml',
    ]) {
      const body = (await get(url)).body;
      for (const secret of ['private.person', 'Private', 'Person', '555-0199', 'Resident@Example.org', 'Lopez']) {
        expect(body).not.toContain(secret);
      }
    }
  });

  it('maps case status to open or closed and filters by status (comma list allowed)', async () => {
    const closedList = parseJson(await get('/open311/v2/requests.json?status=closed')) as Json[];
    expect(closedList.map((r) => r.service_request_id)).toEqual([closed]);
    expect(closedList[0]!.status).toBe('closed');
    const openList = parseJson(await get('/open311/v2/requests.json?status=open')) as Json[];
    expect(openList.some((r) => r.service_request_id === closed)).toBe(false);
    expect(openList.every((r) => r.status === 'open')).toBe(true);
    const both = parseJson(await get('/open311/v2/requests.json?status=open,closed')) as Json[];
    expect(both.length).toBe(openList.length + 1);
    const bad = await get('/open311/v2/requests.json?status=pending');
    expectErrors(bad, parseJson(bad), 400);
  });

  it('filters by service_code (comma list)', async () => {
    const snap = parseJson(await get('/open311/v2/requests.json?service_code=SNAP')) as Json[];
    expect(snap.map((r) => r.service_request_id)).toEqual([closed]);
    const both = parseJson(await get(`/open311/v2/requests.json?service_code=SNAP,${SERVICE}`)) as Json[];
    expect(both.length).toBeGreaterThan(1);
  });

  it('keeps to the last 90 days by default; start_date/end_date reach further', async () => {
    const recent = parseJson(await get('/open311/v2/requests.json')) as Json[];
    expect(recent.some((r) => r.service_request_id === old)).toBe(false);
    const start = new Date(Date.now() - 101 * 86_400_000).toISOString();
    const end = new Date(Date.now() - 99 * 86_400_000).toISOString();
    const window = parseJson(
      await get(
        `/open311/v2/requests.json?start_date=${encodeURIComponent(start)}&end_date=${encodeURIComponent(end)}`,
      ),
    ) as Json[];
    expect(window.map((r) => r.service_request_id)).toEqual([old]);
    const onlyStart = parseJson(
      await get(`/open311/v2/requests.json?start_date=${encodeURIComponent(start)}`),
    ) as Json[];
    expect(onlyStart.some((r) => r.service_request_id === old)).toBe(true);
  });

  it('reads dates with an offset, with Z, or as agency-local dates', async () => {
    for (const query of [
      'start_date=2026-01-01T00:00:00-05:00&end_date=2026-02-01T00:00:00-05:00',
      'start_date=2026-01-01T05:00:00Z&end_date=2026-01-31',
      'start_date=2026-01-01&end_date=2026-01-31T23:59:59',
    ]) {
      expect((await get(`/open311/v2/requests.json?${query}`)).statusCode).toBe(200);
    }
  });

  it('refuses unparsable dates, a reversed range and a range over 90 days with 400', async () => {
    for (const query of [
      'start_date=yesterday',
      'end_date=2026-13-01',
      'start_date=2026-02-30',
      'start_date=2026-03-01T25:00:00Z',
      'start_date=2026-03-02&end_date=2026-03-01',
      'start_date=2025-01-01&end_date=2026-01-01',
    ]) {
      const res = await get(`/open311/v2/requests.json?${query}`);
      expectErrors(res, parseJson(res), 400);
    }
    expectXmlErrors(await get('/open311/v2/requests.xml?start_date=soon'), 400);
  });

  it('lets service_request_id override every other filter', async () => {
    const list = parseJson(
      await get(`/open311/v2/requests.json?service_request_id=${old},${closed}&status=open&service_code=NOPE`),
    ) as Json[];
    expect(list.map((r) => r.service_request_id).sort()).toEqual([closed, old].sort());
  });

  it('treats empty parameters as absent', async () => {
    const plain = parseJson(await get('/open311/v2/requests.json')) as Json[];
    const empty = parseJson(
      await get(
        '/open311/v2/requests.json?service_code=&status=&start_date=&end_date=&service_request_id=&page=&page_size=&jurisdiction_id=',
      ),
    ) as Json[];
    expect(empty).toEqual(plain);
  });

  it('answers requests/{id} as a one-element list, 404 for an unknown id', async () => {
    const list = parseJson(await get(`/open311/v2/requests/${open}.json`)) as Json[];
    expect(list).toHaveLength(1);
    const missing = await get('/open311/v2/requests/NOPE-2026-000001.json');
    expectErrors(missing, parseJson(missing), 404);
    expectXmlErrors(await get('/open311/v2/requests/NOPE-2026-000001.xml'), 404);
  });

  it('hides restricted cases everywhere', async () => {
    const hidden = await created({ ...base, api_key: apiKey, description: 'Restricted matter' });
    await t.db.updateTable('cases').set({ restricted: true }).where('tracking_number', '=', hidden).execute();
    const list = parseJson(await get('/open311/v2/requests.json')) as Json[];
    expect(list.some((r) => r.service_request_id === hidden)).toBe(false);
    expect((await get(`/open311/v2/requests/${hidden}.json`)).statusCode).toBe(404);
    const byId = parseJson(await get(`/open311/v2/requests.json?service_request_id=${hidden}`)) as Json[];
    expect(byId).toEqual([]);
    expect((await get('/open311/v2/requests.xml')).body).not.toContain('Restricted matter');
  });

  it('shows only cases of the 311 channel', async () => {
    const res = await admin.call('POST', '/api/v1/cases', {
      channel: 'email',
      description: 'An email, not a 311 request',
      person: { firstName: 'Eve', lastName: 'Mail', email: 'eve@example.org' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const tracking = res.json().trackingNumber as string;
    expect((await get(`/open311/v2/requests/${tracking}.json`)).statusCode).toBe(404);
  });

  it('shows public timeline entries only as status_notes', async () => {
    const row = await t.db
      .selectFrom('cases')
      .select(['id'])
      .where('tracking_number', '=', open)
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('timeline_entries')
      .values([
        { agency_id: mainId, case_id: row.id, kind: 'note', body: 'Internal: landlord is difficult', public: false },
        { agency_id: mainId, case_id: row.id, kind: 'outbound', body: 'A technician visits on Friday.', public: true },
      ])
      .execute();
    const [item] = parseJson(await get(`/open311/v2/requests/${open}.json`)) as Json[];
    expect(item!.status_notes).toBe('A technician visits on Friday.');
    expect((await get('/open311/v2/requests.json')).body).not.toContain('landlord');
  });
});

describe('GET requests: the 1,000 cap and paging', () => {
  beforeAll(async () => {
    await sql`
      insert into cases (agency_id, tracking_number, channel, subject_code, description, received_at)
      select ${mainId}, 'BULK-' || lpad(g::text, 6, '0'), '311', 'SNAP', 'bulk ' || g,
             now() - make_interval(secs => g)
      from generate_series(1, 1050) g`.execute(t.db);
  }, 60_000);

  it('answers at most 1,000 requests', async () => {
    const list = parseJson(await get('/open311/v2/requests.json?service_code=SNAP')) as Json[];
    expect(list).toHaveLength(1000);
    const doc = parseXml(await get('/open311/v2/requests.xml?service_code=SNAP')) as {
      service_requests: { request: Json[] };
    };
    expect(doc.service_requests.request).toHaveLength(1000);
  });

  it('pages with page and page_size, newest first', async () => {
    const first = parseJson(await get('/open311/v2/requests.json?service_code=SNAP&page_size=10')) as Json[];
    expect(first).toHaveLength(10);
    const second = parseJson(await get('/open311/v2/requests.json?service_code=SNAP&page_size=10&page=2')) as Json[];
    expect(second).toHaveLength(10);
    expect(new Set([...first, ...second].map((r) => r.service_request_id)).size).toBe(20);
    const rest = parseJson(await get('/open311/v2/requests.json?service_code=SNAP&page=2')) as Json[];
    expect(rest.length).toBeGreaterThanOrEqual(50);
    expect(rest.length).toBeLessThan(1000);
  });

  it('refuses a page_size over 1,000 or a page below 1', async () => {
    for (const query of ['page_size=1001', 'page=0', 'page=-1', 'page_size=abc']) {
      const res = await get(`/open311/v2/requests.json?${query}`);
      expectErrors(res, parseJson(res), 400);
    }
  });
});

describe('tokens', () => {
  it('answers 404 for every token (ids are returned directly) in both formats', async () => {
    const res = await get('/open311/v2/tokens/abc123.json');
    expect(expectErrors(res, parseJson(res), 404)[0]!.description).toMatch(/service_request_id/);
    expectXmlErrors(await get('/open311/v2/tokens/abc123.xml'), 404);
  });
});

describe('jurisdictions', () => {
  let northKey: string;

  beforeAll(async () => {
    const northId = await t.db.transaction().execute((tx) =>
      createAgencyWithStarterConfiguration(tx, {
        slug: 'north',
        name: 'North County',
        timeZone: 'America/Los_Angeles',
        trackingPrefix: 'NC',
      }),
    );
    await t.db
      .updateTable('agencies')
      .set({ jurisdiction_id: 'north.example.gov' })
      .where('id', '=', northId)
      .execute();
    northKey = newToken('o311_');
    await t.db
      .insertInto('open311_keys')
      .values({ agency_id: northId, name: 'north 311', key_hash: tokenDigest(northKey), created_by: null })
      .execute();
  });

  it('shows the agency jurisdiction_id in discovery and selects the agency by it', async () => {
    const doc = parseJson(await get('/open311/v2/discovery.json?jurisdiction_id=north.example.gov')) as Json;
    expect(doc.jurisdiction_id).toBe('north.example.gov');
    const missing = await get('/open311/v2/services.json?jurisdiction_id=nowhere');
    expectErrors(missing, parseJson(missing), 404);
  });

  it('creates the case in the key agency, with its own time zone offset', async () => {
    const { 'attribute[ROOM]': _room, ...plain } = base;
    const res = await post({ ...plain, api_key: northKey, jurisdiction_id: 'north.example.gov', description: 'north' });
    expect(res.statusCode, res.body).toBe(201);
    const id = (parseJson(res) as Json[])[0]!.service_request_id as string;
    expect(id.startsWith('NC-')).toBe(true);
    expect((await get(`/open311/v2/requests/${id}.json`)).statusCode).toBe(404);
    const [item] = parseJson(await get(`/open311/v2/requests/${id}.json?jurisdiction_id=north.example.gov`)) as Json[];
    expect(item!.requested_datetime).toMatch(/-0[78]:00$/);
  });

  it('refuses a key used for another jurisdiction (403) and an unknown jurisdiction (404)', async () => {
    const wrong = await post({ ...base, api_key: apiKey, jurisdiction_id: 'north.example.gov' });
    expectErrors(wrong, parseJson(wrong), 403);
    const noJurisdiction = await post({ ...base, api_key: northKey });
    expectErrors(noJurisdiction, parseJson(noJurisdiction), 403);
    const unknown = await post({ ...base, api_key: apiKey, jurisdiction_id: 'nowhere' });
    expectErrors(unknown, parseJson(unknown), 404);
  });
});

describe('subject questions (staff API)', () => {
  it('validates questions and names every bad field', async () => {
    const res = await admin.call('PUT', '/api/v1/subjects/SNAP/questions', {
      questions: [
        { code: 'A B', description: '', datatype: 'singlevaluelist' },
        { code: 'N', description: 'n', datatype: 'number', values: [{ key: 'x', name: 'y' }] },
        { code: 'N', description: 'again', datatype: 'string' },
      ],
    });
    expect(res.statusCode).toBe(400);
    const fields = (res.json().error.details as { field: string }[]).map((d) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'questions.0.code',
        'questions.0.description',
        'questions.0.values',
        'questions.1.values',
        'questions.2.code',
      ]),
    );
  });

  it('answers 404 for an unknown subject and 409 for a stale version', async () => {
    expect((await admin.call('PUT', '/api/v1/subjects/NOPE/questions', { questions: [] })).statusCode).toBe(404);
    const current = (await admin.call('GET', `/api/v1/subjects/${SERVICE}/questions`)).json();
    expect(current.version).toBeGreaterThanOrEqual(1);
    const stale = await admin.call('PUT', `/api/v1/subjects/${SERVICE}/questions`, {
      questions: current.questions,
      expectedVersion: current.version - 1,
    });
    expect(stale.statusCode).toBe(409);
  });

  it('records the change in the audit trail', async () => {
    const res = await admin.call('PUT', '/api/v1/subjects/SNAP/questions', {
      questions: [{ code: 'CASE_NO', description: 'SNAP case number', datatype: 'string' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const audit = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'subject.questions_set')
      .where('entity_id', '=', 'SNAP')
      .executeTakeFirstOrThrow();
    expect(audit.changes.map((c) => c.field)).toContain('questions');
    const services = parseJson(await get('/open311/v2/services.json')) as Json[];
    expect(services.find((s) => s.service_code === 'SNAP')!.metadata).toBe(true);
  });
});
