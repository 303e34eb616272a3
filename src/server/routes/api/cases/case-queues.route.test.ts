import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { createUser, USER_PASSWORD } from '../../../test/factories.ts';

let t: TestApp;
let admin: SignedIn;
let worker: SignedIn;
let workerId: number;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
  const user = await createUser(t.db, { email: 'w@example.gov', role: 'caseworker', units: ['HEAP'] });
  workerId = user.id;
  worker = await signInAs(t.app, user.email, USER_PASSWORD);
});
afterAll(async () => t.close());

async function heatCase(i: number) {
  const res = await admin.call('POST', '/api/v1/cases', {
    channel: 'email',
    subject: 'HEAT',
    description: `Please restore heat in building ${i}. Campaign letter from the tenants association.`,
    person: { firstName: 'Tenant', lastName: `Number${i}`, email: `tenant${i}@example.org` },
  });
  return res.json().trackingNumber as string;
}

describe('queues, search and bulk work', () => {
  it('assigns a batch, answers it with one template, and the queue counts follow', async () => {
    const batch = [await heatCase(1), await heatCase(2), await heatCase(3)];
    const before = (await worker.call('GET', '/api/v1/queues/counts')).json();
    expect(before.unit).toBe(3);
    expect(before.mine).toBe(0);

    const assigned = await worker.call('POST', '/api/v1/cases/bulk', {
      trackingNumbers: batch,
      action: 'assign',
      assigneeId: workerId,
    });
    expect(assigned.json()).toMatchObject({ succeeded: 3, failed: 0 });
    expect((await worker.call('GET', '/api/v1/queues/counts')).json().mine).toBe(3);
    const mine = (await worker.call('GET', '/api/v1/cases?queue=mine')).json();
    expect(mine.items.map((c: { trackingNumber: string }) => c.trackingNumber).sort()).toEqual([...batch].sort());

    const answered = await worker.call('POST', '/api/v1/cases/bulk', {
      trackingNumbers: [...batch, 'OCS-1999-000001'],
      action: 'respond',
      channel: 'email',
      templateCode: 'general-response',
      responseText: 'A repair crew is scheduled.',
      close: true,
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const result = answered.json();
    expect(result).toMatchObject({ succeeded: 3, failed: 1 });
    expect(result.results[3]).toMatchObject({
      trackingNumber: 'OCS-1999-000001',
      ok: false,
      error: { code: 'not_found' },
    });
    for (const r of result.results.slice(0, 3)) expect(r.case).toMatchObject({ status: 'closed' });
    expect((await worker.call('GET', '/api/v1/queues/counts')).json().mine).toBe(0);
  });

  it('names the missing field of a bulk action', async () => {
    const res = await worker.call('POST', '/api/v1/cases/bulk', { trackingNumbers: ['x'], action: 'route' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('unit');
  });

  it('searches cases, their correspondence and people together', async () => {
    const tn = await heatCase(4);
    await admin.call('POST', `/api/v1/cases/${tn}/notes`, { body: 'Boiler part ordered from supplier quixotic' });
    const byNote = (await admin.call('GET', '/api/v1/search?q=quixotic')).json();
    expect(byNote.cases.items.map((c: { trackingNumber: string }) => c.trackingNumber)).toEqual([tn]);
    const byName = (await admin.call('GET', '/api/v1/search?q=Number4')).json();
    expect(byName.people.total).toBeGreaterThanOrEqual(1);
    expect(byName.cases.items.map((c: { trackingNumber: string }) => c.trackingNumber)).toContain(tn);
    const byTracking = (await admin.call('GET', `/api/v1/search?q=${tn}`)).json();
    expect(byTracking.cases.items[0].trackingNumber).toBe(tn);
  });
});

describe('search that forgives accents, phone formats and partial tracking numbers', () => {
  it('finds "Rodríguez" by "Rodriguez", a case by its phone in any format and by the last digits of its number', async () => {
    const res = await admin.call('POST', '/api/v1/cases', {
      channel: 'phone',
      subject: 'SNAP',
      description: 'La señora Peña llamó sobre su recertificación.',
      person: { firstName: 'José', lastName: 'Rodríguez', phone: '(212) 555-0142' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const tn = res.json().trackingNumber as string;
    const other = await heatCase(99);

    const found = async (q: string) => {
      const search = (await admin.call('GET', `/api/v1/search?q=${encodeURIComponent(q)}`)).json();
      const people = (await admin.call('GET', `/api/v1/people?q=${encodeURIComponent(q)}`)).json();
      return {
        cases: search.cases.items.map((c: { trackingNumber: string }) => c.trackingNumber) as string[],
        people: search.people.items.map((p: { lastName: string }) => p.lastName) as string[],
        peopleList: people.items.map((p: { lastName: string }) => p.lastName) as string[],
      };
    };
    for (const q of ['Rodriguez', 'rodriguez', 'RODRÍGUEZ', 'jose rodriguez']) {
      const r = await found(q);
      expect(r.cases, q).toContain(tn);
      expect(r.people, q).toContain('Rodríguez');
      expect(r.peopleList, q).toContain('Rodríguez');
    }
    // Accents in the text of the case, both ways.
    expect((await found('Pena')).cases).toContain(tn);
    expect((await found('recertificacion')).cases).toContain(tn);

    for (const q of ['2125550142', '212-555-0142', '(212) 555 0142', '+1 212.555.0142']) {
      const r = await found(q);
      expect(r.cases, q).toEqual([tn]);
      expect(r.peopleList, q).toEqual(['Rodríguez']);
    }

    const digits = tn.slice(-4);
    const byEnd = (await admin.call('GET', `/api/v1/cases?q=${digits}`)).json();
    expect(byEnd.items.map((c: { trackingNumber: string }) => c.trackingNumber)).toContain(tn);
    expect(byEnd.items.map((c: { trackingNumber: string }) => c.trackingNumber)).not.toContain(other);
    expect((await found(tn.slice(-11))).cases).toEqual([tn]);
    expect((await found(tn.toLowerCase())).cases).toEqual([tn]);
  });
});
