// Open311 publishes only what is public: a request's description, media and address only when its submitter sent it
// through Open311 POST and staff have not marked it private; a 311 case typed in by staff or imported answers with
// service, status and dates only; a restricted case never appears.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../test/test-app.ts';
import { issueKey, parseJson, parseXml, postRequest } from '../../test/open311-test-support.ts';

let t: TestApp;
let admin: SignedIn;
let apiKey: string;

type Json = Record<string, unknown>;
const get = (url: string) => t.app.inject({ method: 'GET', url });

async function submitted(description: string): Promise<string> {
  const res = await postRequest(t.app, {
    service_code: 'SNAP',
    api_key: apiKey,
    description,
    address_string: '350 W 4th St',
    media_url: 'https://example.org/photo.jpg',
    lat: '40.7128',
    long: '-74.0060',
  });
  expect(res.statusCode, res.body).toBe(201);
  return (parseJson(res) as Json[])[0]!.service_request_id as string;
}

async function staffTyped(description: string, restricted = false): Promise<string> {
  const res = await admin.call('POST', '/api/v1/cases', {
    channel: '311',
    subject: 'SNAP',
    description,
    restricted,
    person: { firstName: 'Pat', lastName: 'Caller', phone: '212 555 0123' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().trackingNumber as string;
}

const one = async (id: string) => (parseJson(await get(`/open311/v2/requests/${id}.json`)) as Json[])[0]!;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  apiKey = (await issueKey(admin)).apiKey;
}, 60_000);
afterAll(async () => t?.close());

describe('GET requests publishes only what is public', () => {
  it('shows what a submitter sent through Open311 POST: description, media and address', async () => {
    const id = await submitted('Pothole outside the centre');
    expect(await one(id)).toMatchObject({
      description: 'Pothole outside the centre',
      address: '350 W 4th St',
      media_url: 'https://example.org/photo.jpg',
      lat: 40.7128,
    });
  });

  it('answers a staff-typed 311 case with service, status and dates only, in JSON and XML', async () => {
    const id = await staffTyped('Caller Pat, 212-555-0123, HIV positive, asks about SNAP');
    const item = await one(id);
    expect(item).toMatchObject({ service_request_id: id, service_code: 'SNAP', status: 'open' });
    expect(item.requested_datetime).toBeTruthy();
    for (const field of [
      'description',
      'address',
      'address_id',
      'zipcode',
      'lat',
      'long',
      'media_url',
      'status_notes',
    ]) {
      expect(item[field] ?? null, field).toBeNull();
    }
    const listed = (parseJson(await get('/open311/v2/requests.json')) as Json[]).find(
      (r) => r.service_request_id === id,
    )!;
    expect(listed.description ?? null).toBeNull();
    const xml = await get(`/open311/v2/requests/${id}.xml`);
    expect(xml.body).not.toContain('HIV');
    parseXml(xml);
  });

  it('hides the details once staff mark the request private', async () => {
    const id = await submitted('My neighbour Jane Roe at 4B is sick');
    const view = (await admin.call('GET', `/api/v1/cases/${id}`)).json();
    const marked = await admin.call('PATCH', `/api/v1/cases/${id}`, {
      expectedVersion: view.version,
      detailsPrivate: true,
    });
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json().detailsPrivate).toBe(true);
    const item = await one(id);
    expect(item.description ?? null).toBeNull();
    expect(item.media_url ?? null).toBeNull();
    expect(item.address ?? null).toBeNull();
  });

  it('never shows a restricted case', async () => {
    const id = await staffTyped('restricted 311 matter', true);
    expect((await get(`/open311/v2/requests/${id}.json`)).statusCode).toBe(404);
    const list = parseJson(await get('/open311/v2/requests.json')) as Json[];
    expect(list.map((r) => r.service_request_id)).not.toContain(id);
  });
});
