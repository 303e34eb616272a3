// Re-decisions after an edit: a change of priority, subject or writer type decides the case's service standard again
// the way intake decided it (routing rule, then channel, then the first matching standard), so a case whose channel
// names its standard keeps it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';

let t: TestApp;
let admin: SignedIn;
let twoDays: { id: number; name: string };
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  const standard = await admin.call('POST', '/api/v1/service-standards', {
    name: 'Phone line: 2 business days',
    match: { channel: ['fax'] },
    firstResponse: { amount: 2, unit: 'business_days' },
    resolution: { amount: 2, unit: 'business_days' },
    warningPercent: 50,
  });
  expect(standard.statusCode, standard.body).toBe(201);
  twoDays = standard.json();
  const channel = await admin.call('POST', '/api/v1/channels', {
    slug: 'benefits-line',
    type: 'phone',
    name: 'Benefits phone line',
    phoneNumber: '212-555-0142',
    serviceStandardId: twoDays.id,
  });
  expect(channel.statusCode, channel.body).toBe(201);
});
afterAll(async () => t.close());

// A CASH case received on Tuesday 1 December 2026 in New York, through the given channel.
async function newCase(channel: string, person: Record<string, string>) {
  const created = await admin.call('POST', '/api/v1/cases', {
    channel,
    subject: 'CASH',
    description: 'My cash assistance stopped.',
    receivedAt: '2026-12-01T10:00:00-05:00',
    person,
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json();
}

describe('a phone case whose channel names a 2-business-day standard', () => {
  it('keeps that standard and its due dates when its priority, subject or writer is edited', async () => {
    const before = await newCase('benefits-line', { firstName: 'Lena', lastName: 'Okafor', phone: '718-555-0101' });
    // Two business days after Tuesday 1 December: the end of Thursday 3 December in New York.
    expect(before).toMatchObject({ channel: 'phone', channelSlug: 'benefits-line', serviceStandard: twoDays.name });
    expect(before.firstResponseDueAt).toBe('2026-12-04T04:59:59.999Z');
    expect(before.resolutionDueAt).toBe('2026-12-04T04:59:59.999Z');

    let version: number = before.version;
    for (const edit of [{ priority: 'high' }, { subject: 'SNAP' }, { priority: 'low', writerType: 'advocate' }]) {
      const patched = await admin.call('PATCH', `/api/v1/cases/${before.trackingNumber}`, {
        ...edit,
        expectedVersion: version,
      });
      expect(patched.statusCode, patched.body).toBe(200);
      version = patched.json().version;
      const view = (await admin.call('GET', `/api/v1/cases/${before.trackingNumber}`)).json();
      expect(view, JSON.stringify(edit)).toMatchObject({
        serviceStandard: twoDays.name,
        firstResponseDueAt: before.firstResponseDueAt,
        resolutionDueAt: before.resolutionDueAt,
      });
    }
  });

  it('still re-selects a matching standard when the case has no standard of its channel or rules', async () => {
    const created = await newCase('web', { firstName: 'Omar', lastName: 'Haddad', email: 'omar@example.org' });
    expect(created.serviceStandard).toBe('Everything else: 14 calendar days');
    const patched = await admin.call('PATCH', `/api/v1/cases/${created.trackingNumber}`, {
      writerType: 'elected_official',
      expectedVersion: created.version,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const view = (await admin.call('GET', `/api/v1/cases/${created.trackingNumber}`)).json();
    expect(view.serviceStandard).toBe("Elected officials' offices: 5 business days");
  });
});
