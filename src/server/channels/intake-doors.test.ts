// Every door decides the same for the same facts: the staff API, Open311, the legacy-case import and the portal's
// and email's path (the case-create command) all ask domain/intake-decision.ts, so a channel's unit and standard,
// the rules and the deadlines come out alike whatever the door.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../test/test-app.ts';
import { issueKey, parseJson, postRequest } from '../test/open311-test-support.ts';
import { importLegacyCases } from '../commands/imports/import-cases.ts';

let t: TestApp;
let admin: SignedIn;
let dir: string;
let standardId: number;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  dir = mkdtempSync(path.join(os.tmpdir(), 'civicdesk-doors-'));
  const standard = await admin.call('POST', '/api/v1/service-standards', {
    name: '311: 2 business days',
    match: { channel: ['fax'] },
    firstResponse: { amount: 2, unit: 'business_days' },
    resolution: { amount: 3, unit: 'business_days' },
    warningPercent: 50,
  });
  expect(standard.statusCode, standard.body).toBe(201);
  standardId = standard.json().id;
  // The agency's 311 channel names its own unit and standard.
  const channel = await admin.call('PATCH', '/api/v1/channels/311', {
    unitCode: 'PATH',
    serviceStandardId: standardId,
  });
  expect(channel.statusCode, channel.body).toBe(200);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t.close();
});

const decided = (trackingOrExternal: { tracking_number?: string; external_id?: string }) => {
  let query = t.db
    .selectFrom('cases as c')
    .leftJoin('units as u', (j) => j.onRef('u.agency_id', '=', 'c.agency_id').onRef('u.id', '=', 'c.unit_id'))
    .select([
      'u.code as unit',
      'c.priority',
      'c.status',
      'c.channel',
      'c.channel_slug',
      'c.service_standard_id',
      'c.first_response_due_at',
      'c.resolution_due_at',
      'c.tags',
      'c.escalation_level',
      'c.received_at',
    ]);
  if (trackingOrExternal.tracking_number)
    query = query.where('c.tracking_number', '=', trackingOrExternal.tracking_number);
  else query = query.where('c.external_id', '=', trackingOrExternal.external_id!);
  return query.executeTakeFirstOrThrow();
};

describe('the intake decision at every door', () => {
  it('gives the same unit, priority, standard, tags and due dates through the API, Open311 and an import', async () => {
    const { apiKey } = await issueKey(admin);
    const posted = await postRequest(t.app, {
      api_key: apiKey,
      service_code: 'SHELTER.CONDITIONS',
      lat: '40.7128',
      long: '-74.0060',
      description: 'No heat in room 12B.',
      first_name: 'Ines',
      last_name: 'Moreau',
      email: 'ines@example.org',
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const open311Id = (parseJson(posted) as { service_request_id: string }[])[0]!.service_request_id;
    const viaOpen311 = await decided({ tracking_number: open311Id });
    const receivedAt = viaOpen311.received_at.toISOString();

    const api = await admin.call('POST', '/api/v1/cases', {
      channel: '311',
      subject: 'SHELTER.CONDITIONS',
      description: 'No heat in room 12B.',
      receivedAt,
      person: { firstName: 'Ines', lastName: 'Moreau', email: 'ines@example.org' },
    });
    expect(api.statusCode, api.body).toBe(201);
    const viaApi = await decided({ tracking_number: api.json().trackingNumber });

    const file = path.join(dir, 'legacy.csv');
    writeFileSync(
      file,
      'external_id,received_at,channel,subject,first_name,last_name,email,description\n' +
        `DOOR-1,${receivedAt},311,SHELTER.CONDITIONS,Ines,Moreau,ines@example.org,No heat in room 12B.\n`,
    );
    const report = await importLegacyCases(t.db, { agency: 'main', file });
    expect(report).toMatchObject({ created: 1, rejected: 0 });
    const viaImport = await decided({ external_id: 'DOOR-1' });

    expect(viaOpen311).toMatchObject({
      unit: 'PATH',
      priority: 'normal',
      status: 'triaged',
      channel: '311',
      channel_slug: '311',
      service_standard_id: standardId,
      escalation_level: 0,
    });
    expect(viaOpen311.first_response_due_at).not.toBeNull();
    expect(viaApi).toEqual(viaOpen311);
    expect(viaImport).toEqual(viaOpen311);
  });
});
