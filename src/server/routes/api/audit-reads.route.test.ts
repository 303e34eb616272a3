// Reads of sensitive records are audited: viewing a restricted case or a person in the confidential compartment, and
// every download — who, what, when, from which address — and the audit log filters them (kind=reads).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../test/test-app.ts';
import { createUser, USER_PASSWORD } from '../../test/factories.ts';

let t: TestApp;
let admin: SignedIn;
let dvWorker: SignedIn;
let dvWorkerId: number;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  const dv = await createUser(t.db, { email: 'dv.reader@example.gov', role: 'supervisor', units: ['DV'] });
  dvWorkerId = dv.id;
  dvWorker = await signInAs(t.app, dv.email, USER_PASSWORD);
});
afterAll(async () => t.close());

const readsOf = (action: string) =>
  t.db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('id').execute();

describe('reads of sensitive records', () => {
  it('records who viewed a restricted case and its person, from which address; not an ordinary case', async () => {
    const dv = await dvWorker.call('POST', '/api/v1/cases', {
      channel: 'web',
      subject: 'DV',
      restricted: true,
      description: 'safety plan',
      person: { firstName: 'Rae', lastName: 'Sheltered', email: 'rae@example.org' },
    });
    const { trackingNumber, person } = dv.json();
    const ordinary = await admin.call('POST', '/api/v1/cases', {
      channel: 'web',
      subject: 'SNAP',
      description: 'card',
      person: { firstName: 'Ola', lastName: 'Plain' },
    });
    expect((await admin.call('GET', `/api/v1/cases/${ordinary.json().trackingNumber}`)).statusCode).toBe(200);
    expect(await readsOf('case.viewed')).toHaveLength(0);

    expect((await dvWorker.call('GET', `/api/v1/cases/${trackingNumber}`)).statusCode).toBe(200);
    expect((await dvWorker.call('GET', `/api/v1/people/${person.id}`)).statusCode).toBe(200);
    const [caseView] = await readsOf('case.viewed');
    expect(caseView).toMatchObject({ actor_user_id: dvWorkerId, entity_id: trackingNumber, ip_address: '127.0.0.1' });
    const [personView] = await readsOf('person.viewed');
    expect(personView).toMatchObject({ actor_user_id: dvWorkerId, entity_id: String(person.id) });
    expect(personView!.ip_address).toBe('127.0.0.1');

    const log = (await dvWorker.call('GET', '/api/v1/audit?kind=reads')).json();
    expect(log.items.map((e: { action: string }) => e.action).sort()).toEqual(['case.viewed', 'person.viewed']);
    expect(log.items[0].ipAddress).toBe('127.0.0.1');

    // A download from the restricted case is its event: listed inside the compartment, not to an outside reader.
    const csv = await dvWorker.call('GET', `/api/v1/cases/${trackingNumber}/audit?format=csv`);
    expect(csv.statusCode).toBe(200);
    const [download] = await readsOf('export.downloaded');
    expect(download).toMatchObject({ actor_user_id: dvWorkerId, ip_address: '127.0.0.1' });
    expect(download!.case_id).not.toBeNull();
    const outsideLog = (await admin.call('GET', '/api/v1/audit?kind=reads')).json();
    expect(outsideLog.items).toEqual([]);
    await t.db.deleteFrom('audit_events').where('action', '=', 'export.downloaded').execute();
  });

  it('records every download, with its path and format but not its query words', async () => {
    const res = await admin.call('GET', '/api/v1/audit?format=csv&entityId=secret-words');
    expect(res.statusCode).toBe(200);
    const [download] = await readsOf('export.downloaded');
    expect(download).toMatchObject({ entity_type: 'download', entity_id: '/api/v1/audit', ip_address: '127.0.0.1' });
    expect(download!.reason).toContain('format csv');
    expect(JSON.stringify(download)).not.toContain('secret-words');
    const log = (await admin.call('GET', '/api/v1/audit?kind=reads')).json();
    expect(log.items.map((e: { action: string }) => e.action)).toContain('export.downloaded');
  });
});
