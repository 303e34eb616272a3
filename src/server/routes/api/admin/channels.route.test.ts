import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { createUser, USER_PASSWORD } from '../../../test/factories.ts';

let t: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  t = await createTestApp({ inboundAddress: 'correspondence@agency.example.gov' });
  admin = await signInAs(t.app);
});
afterAll(async () => t.close());

describe('channels', () => {
  it('starts agency main with an email channel on the inbound address', async () => {
    const channels = (await admin.call('GET', '/api/v1/channels')).json();
    expect(channels).toContainEqual(
      expect.objectContaining({
        slug: 'email',
        type: 'email',
        name: 'Email',
        address: 'correspondence@agency.example.gov',
      }),
    );
    expect(channels.find((c: { slug: string }) => c.slug === 'web').address).toBeUndefined();
  });

  it('opens an emergency hotline that is live at once, with its own unit, standard and queue', async () => {
    const standards = (await admin.call('GET', '/api/v1/service-standards')).json();
    const opened = await admin.call('POST', '/api/v1/channels', {
      slug: 'storm-hotline',
      type: 'hotline',
      name: 'Storm Emergency Hotline',
      phoneNumber: '212-555-0199',
      publicForm: true,
      unitCode: 'PATH',
      subjects: ['HOUSING', 'SHELTER.PLACEMENT'],
      languages: ['en', 'es', 'ht'],
      serviceStandardId: standards[0].id,
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const created = await admin.call('POST', '/api/v1/cases', {
      channel: 'storm-hotline',
      subject: 'SNAP',
      description: 'Lost my food in the power cut.',
      person: { firstName: 'Marie', lastName: 'Joseph', phone: '347-555-0123', language: 'ht' },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      channel: 'hotline',
      channelSlug: 'storm-hotline',
      unit: 'PATH',
      serviceStandard: standards[0].name,
    });
    const queue = (await admin.call('GET', '/api/v1/cases?channel=storm-hotline')).json();
    expect(queue.total).toBe(1);

    const closed = await admin.call('PATCH', '/api/v1/channels/storm-hotline', { active: false });
    expect(closed.json().active).toBe(false);
    const refused = await admin.call('POST', '/api/v1/cases', {
      channel: 'storm-hotline',
      description: 'late call',
      person: { firstName: 'A', lastName: 'B' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details[0]).toMatchObject({ field: 'channel' });
  });

  it('refuses bad channel input naming each field, and non-administrators', async () => {
    const res = await admin.call('POST', '/api/v1/channels', {
      slug: 'Bad Slug',
      type: 'pigeon',
      name: 'x',
      unitCode: 'NOPE',
      languages: ['xx'],
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['languages', 'slug', 'type', 'unitCode']);
    const dup = await admin.call('POST', '/api/v1/channels', {
      slug: 'second-email',
      type: 'email',
      name: 'x',
      address: 'correspondence@agency.example.gov',
    });
    expect(dup.json().error.details[0].field).toBe('address');
    const user = await createUser(t.db, { email: 'cw@example.gov', role: 'caseworker' });
    const cw = await signInAs(t.app, user.email, USER_PASSWORD);
    expect((await cw.call('POST', '/api/v1/channels', { slug: 'x', type: 'hotline', name: 'x' })).statusCode).toBe(403);
  });
});
