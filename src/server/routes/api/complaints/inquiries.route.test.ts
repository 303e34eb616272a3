// Inquiries and hearings through the API: the repeat-contact rule (suggest or convert, the caseworkers told through
// notify()), the close with satisfaction, the complaint opened from a dissatisfied inquiry (linked both ways), the
// inquiries and hearings queues with their filters and sorting, and the compliance report's filing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { createUser } from '../../../test/factories.ts';

let t: TestApp;
let admin: SignedIn;
let supervisorId: number;
beforeAll(async () => {
  t = await createTestApp({ agencyPreset: 'child-support', timeZone: 'America/Los_Angeles' });
  admin = await signInAs(t.app);
  supervisorId = (await createUser(t.db, { role: 'supervisor', email: 'inq-sup@example.org' })).id;
});
afterAll(async () => t.close());

const parent = (n: string) => ({ firstName: 'Rosa', lastName: `Diaz${n}`, email: `rosa${n}@example.org` });

async function inquiry(n: string, receivedAt: string, extra: Record<string, unknown> = {}) {
  const res = await admin.call('POST', '/api/v1/cases', {
    kind: 'inquiry',
    channel: 'phone',
    subject: 'ENFORCEMENT',
    description: `My license was suspended (${receivedAt}).`,
    receivedAt,
    programCaseNumber: `CS-${n}`,
    person: parent(n),
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { trackingNumber: string; repeatOf: string | null };
}

const notificationsOf = (userId: number) =>
  t.db.selectFrom('notifications').select(['kind', 'summary']).where('user_id', '=', userId).orderBy('id').execute();

describe('the repeat-contact rule', () => {
  it('suggests a complaint and tells the caseworkers (here: the unit has none assigned, so its supervisors)', async () => {
    const first = await inquiry('1', '2026-05-01T09:00:00-07:00');
    const second = await inquiry('1', '2026-06-15T09:00:00-07:00', { participantRole: 'custodial_party' });
    expect(second.repeatOf).toBe(first.trackingNumber);
    const view = (await admin.call('GET', `/api/v1/inquiries/${second.trackingNumber}`)).json();
    expect(view).toMatchObject({ repeatOf: first.trackingNumber, repeatAction: 'suggest', complaintNumbers: [] });
    expect(await notificationsOf(supervisorId)).toEqual([
      {
        kind: 'repeat_contact',
        summary: `Inquiry ${second.trackingNumber} repeats ${first.trackingNumber} within 90 days: a complaint is suggested`,
      },
    ]);
  });

  it('with the agency set to convert, opens the complaint with the inquiry facts', async () => {
    await sql`update agencies set settings = jsonb_set(coalesce(settings, '{}'::jsonb), '{complaints}',
      coalesce(settings->'complaints', '{}'::jsonb) || '{"repeatContactAction":"convert"}'::jsonb)`.execute(t.db);
    try {
      await inquiry('2', '2026-05-01T09:00:00-07:00');
      const second = await inquiry('2', '2026-06-15T09:00:00-07:00', { participantRole: 'noncustodial_parent' });
      const view = (await admin.call('GET', `/api/v1/inquiries/${second.trackingNumber}`)).json();
      expect(view.repeatAction).toBe('convert');
      expect(view.complaintNumbers).toHaveLength(1);
      const complaint = (await admin.call('GET', `/api/v1/complaints/${view.complaintNumbers[0]}`)).json();
      expect(complaint).toMatchObject({
        caseTrackingNumber: second.trackingNumber,
        programCaseNumber: 'CS-2',
        receivedVia: 'phone',
        receivedOn: '2026-06-15',
        complainant: { firstName: 'Rosa', lastName: 'Diaz2', role: 'noncustodial_parent', email: 'rosa2@example.org' },
      });
    } finally {
      await sql`update agencies set settings = settings #- '{complaints,repeatContactAction}'`.execute(t.db);
    }
  });
});

describe('closing an inquiry', () => {
  it('records satisfaction; a dissatisfied one is offered the complaint, which one action opens, linked both ways', async () => {
    const happy = await inquiry('3', '2026-08-03T09:00:00-07:00');
    const closedHappy = await admin.call('POST', `/api/v1/inquiries/${happy.trackingNumber}/close`, {
      satisfied: true,
    });
    expect(closedHappy.statusCode, closedHappy.body).toBe(200);
    expect(closedHappy.json()).toMatchObject({ status: 'closed', satisfied: true, offerComplaint: false });

    const unhappy = await inquiry('4', '2026-08-04T09:00:00-07:00');
    const closed = await admin.call('POST', `/api/v1/inquiries/${unhappy.trackingNumber}/close`, {
      satisfied: false,
      note: 'Still no payment',
    });
    expect(closed.json()).toMatchObject({ status: 'closed', satisfied: false, offerComplaint: true });
    const again = await admin.call('POST', `/api/v1/inquiries/${unhappy.trackingNumber}/close`, { satisfied: true });
    expect(again.statusCode).toBe(409);

    // Bad input names the field and writes nothing.
    const before = Number(
      (await sql<{ n: number }>`select count(*)::int as n from complaints`.execute(t.db)).rows[0]!.n,
    );
    const noRole = await admin.call('POST', `/api/v1/inquiries/${unhappy.trackingNumber}/complaint`, {
      category: 'distribution',
    });
    expect(noRole.statusCode).toBe(400);
    expect(noRole.json().error.details[0].field).toBe('role');
    const badCategory = await admin.call('POST', `/api/v1/inquiries/${unhappy.trackingNumber}/complaint`, {
      category: 'weather',
      role: 'custodial_party',
    });
    expect(badCategory.statusCode).toBe(400);
    expect(badCategory.json().error.details[0].field).toBe('category');
    expect(Number((await sql<{ n: number }>`select count(*)::int as n from complaints`.execute(t.db)).rows[0]!.n)).toBe(
      before,
    );

    const opened = await admin.call('POST', `/api/v1/inquiries/${unhappy.trackingNumber}/complaint`, {
      category: 'distribution',
      role: 'custodial_party',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json()).toMatchObject({
      caseTrackingNumber: unhappy.trackingNumber,
      receiptDate: '2026-08-04',
      issues: [{ category: 'distribution', description: 'My license was suspended (2026-08-04T09:00:00-07:00).' }],
    });
    const after = (await admin.call('GET', `/api/v1/inquiries/${unhappy.trackingNumber}`)).json();
    expect(after).toMatchObject({ complaintNumbers: [opened.json().complaintNumber], offerComplaint: false });
    const twice = await admin.call('POST', `/api/v1/inquiries/${unhappy.trackingNumber}/complaint`, {
      category: 'distribution',
      role: 'custodial_party',
    });
    expect(twice.statusCode).toBe(409);

    const dissatisfied = (await admin.call('GET', '/api/v1/inquiries?satisfied=false')).json();
    expect(dissatisfied.items.map((i: { trackingNumber: string }) => i.trackingNumber)).toEqual([
      unhappy.trackingNumber,
    ]);
    const repeats = (await admin.call('GET', '/api/v1/inquiries?repeat=true&sort=received&direction=asc')).json();
    expect(repeats.items.map((i: { receivedOn: string }) => i.receivedOn)).toEqual(['2026-06-15', '2026-06-15']);
    const open = (await admin.call('GET', '/api/v1/inquiries?status=open')).json();
    const dues = open.items.map((i: { firstResponseDueOn: string }) => i.firstResponseDueOn);
    expect(dues).toEqual([...dues].sort());
    expect(open.items.every((i: { status: string }) => i.status !== 'closed')).toBe(true);
  });
});

describe('the hearings queue', () => {
  it('lists hearing requests by their next date, filters by stage, and records the compliance report', async () => {
    const make = async (receivedOn: string) => {
      const res = await admin.call('POST', '/api/v1/complaints', {
        complainant: { firstName: 'Ida', lastName: 'Park', role: 'custodial_party' },
        programCaseNumber: 'CS-H',
        receivedVia: 'in_person',
        receivedOn,
        issues: [{ category: 'distribution', description: 'Arrears are wrong.' }],
      });
      const number = res.json().complaintNumber as string;
      await admin.call('POST', `/api/v1/complaints/${number}/resolution`, {
        findings: 'Checked.',
        noticeMailedOn: '2026-10-01',
      });
      const hearing = await admin.call('POST', `/api/v1/complaints/${number}/hearing-requests`, {
        requestedOn: '2026-10-05',
        issues: ['distribution'],
      });
      expect(hearing.statusCode, hearing.body).toBe(201);
      return { number, id: hearing.json().id as number };
    };
    const a = await make('2026-09-01');
    const b = await make('2026-09-02');
    await admin.call('POST', `/api/v1/complaints/${a.number}/hearing-requests/${a.id}/schedule`, {
      hearingOn: '2026-12-20',
      place: 'Room 4',
    });
    await admin.call('POST', `/api/v1/complaints/${b.number}/hearing-requests/${b.id}/schedule`, {
      hearingOn: '2026-11-20',
      place: 'By phone',
    });
    const queue = (await admin.call('GET', '/api/v1/hearings')).json();
    expect(queue.items.map((h: { complaintNumber: string }) => h.complaintNumber)).toEqual([b.number, a.number]);
    expect(queue.items[0]).toMatchObject({
      stage: 'scheduled',
      nextDeadline: { kind: 'hearing', dueOn: '2026-11-20' },
    });

    const decided = await admin.call('POST', `/api/v1/complaints/${b.number}/hearing-requests/${b.id}/decision`, {
      adoptedOn: '2026-11-25',
      outcomes: [{ category: 'distribution', outcome: 'granted' }],
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const decidedQueue = (await admin.call('GET', '/api/v1/hearings?stage=decided')).json();
    expect(decidedQueue.items).toHaveLength(1);
    const due = decidedQueue.items[0].complianceReportDueOn as string;
    expect(decidedQueue.items[0].nextDeadline).toMatchObject({ kind: 'compliance_report', dueOn: due });

    const early = await admin.call(
      'POST',
      `/api/v1/complaints/${b.number}/hearing-requests/${b.id}/compliance-report`,
      {
        filedOn: '2026-11-01',
      },
    );
    expect(early.statusCode).toBe(400);
    const filed = await admin.call(
      'POST',
      `/api/v1/complaints/${b.number}/hearing-requests/${b.id}/compliance-report`,
      {
        filedOn: '2026-12-01',
      },
    );
    expect(filed.statusCode, filed.body).toBe(200);
    expect(filed.json().complianceReportFiledOn).toBe('2026-12-01');
    expect((await admin.call('GET', '/api/v1/hearings?stage=closed')).json().total).toBe(1);
    const byRequest = (await admin.call('GET', '/api/v1/hearings?sort=hearing&direction=desc')).json();
    expect(byRequest.items.map((h: { hearingOn: string }) => h.hearingOn)).toEqual(['2026-12-20', '2026-11-20']);
  });
});
