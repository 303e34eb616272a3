import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { createUser, USER_PASSWORD } from '../../../test/factories.ts';

let t: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
});
afterAll(async () => t.close());

const complainant = { firstName: 'Maria', lastName: 'Lopez', role: 'custodial_party', language: 'es' };
const complaint = (overrides: Record<string, unknown> = {}) => ({
  complainant,
  programCaseNumber: 'CS-100-2026',
  receivedVia: 'in_person',
  receivedOn: '2026-03-02',
  knewOfActionOn: '2026-01-02',
  issues: [
    { category: 'distribution', description: 'Payments of January were not passed on to me.' },
    { category: 'custody_visitation', description: 'Visits are not respected.' },
  ],
  ...overrides,
});

async function counts() {
  const one = async (table: 'complaints' | 'complaint_issues' | 'hearing_requests') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    complaints: await one('complaints'),
    issues: await one('complaint_issues'),
    hearings: await one('hearing_requests'),
  };
}

describe('complaint categories', () => {
  it('lists the categories with the four hearing grounds', async () => {
    const res = await admin.call('GET', '/api/v1/complaint-categories');
    expect(res.statusCode).toBe(200);
    const byCode = new Map(
      res.json().map((c: { code: string; hearingEligible: boolean }) => [c.code, c.hearingEligible]),
    );
    for (const code of ['application', 'case_handling', 'distribution', 'case_closure'])
      expect(byCode.get(code)).toBe(true);
    for (const code of [
      'support_order_amount',
      'paternity',
      'custody_visitation',
      'spousal_support',
      'contempt',
      'civil_rights',
    ]) {
      expect(byCode.get(code)).toBe(false);
    }
  });
});

describe('the complaint process', () => {
  it('files, extends once, resolves and judges hearing requests with the dates the rules give', async () => {
    const created = await admin.call('POST', '/api/v1/complaints', complaint());
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({
      status: 'open',
      receiptDate: '2026-03-02',
      resolutionDueOn: '2026-04-01',
      filingDeadlineOn: '2026-04-02',
      filedLate: false,
      programCaseNumber: 'CS-100-2026',
      complainant: { firstName: 'Maria', role: 'custodial_party', language: 'es' },
    });
    expect(body.complaintNumber).toMatch(/^OCS-C-2026-\d{6}$/);
    expect(body.issues.map((i: { category: string }) => i.category)).toEqual(['distribution', 'custody_visitation']);
    const number = body.complaintNumber as string;

    const read = await admin.call('GET', `/api/v1/complaints/${number}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(body);

    // Asking before the office resolved and before it missed its deadline: the local process comes first.
    const early = await admin.call('POST', `/api/v1/complaints/${number}/hearing-requests`, {
      requestedOn: '2026-03-20',
      issues: ['distribution'],
    });
    expect(early.statusCode).toBe(201);
    expect(early.json()).toMatchObject({ eligible: false, reasons: ['local_process_not_finished'] });

    const extended = await admin.call('POST', `/api/v1/complaints/${number}/extension`, {
      reason: 'Waiting for the payment history from the state.',
    });
    expect(extended.statusCode).toBe(200);
    expect(extended.json()).toMatchObject({ resolutionDueOn: '2026-05-01', extensions: 1 });
    const again = await admin.call('POST', `/api/v1/complaints/${number}/extension`, { reason: 'More time.' });
    expect(again.statusCode).toBe(409);

    const before = await counts();
    const noFindings = await admin.call('POST', `/api/v1/complaints/${number}/resolution`, {
      noticeMailedOn: '2026-04-20',
    });
    expect(noFindings.statusCode).toBe(400);
    expect(noFindings.json().error.details[0].field).toBe('findings');
    expect((await admin.call('GET', `/api/v1/complaints/${number}`)).json().status).toBe('open');

    const resolved = await admin.call('POST', `/api/v1/complaints/${number}/resolution`, {
      findings: 'Two payments were held in error; released on April 15.',
      noticeMailedOn: '2026-04-20',
    });
    expect(resolved.statusCode).toBe(200);
    // April 20 + 90 days = Sunday July 19 → Monday July 20.
    expect(resolved.json()).toMatchObject({ status: 'resolved', hearingRequestDeadlineOn: '2026-07-20' });

    const judged = await admin.call('POST', `/api/v1/complaints/${number}/hearing-requests`, {
      requestedOn: '2026-05-04',
      issues: ['distribution', 'custody_visitation', 'case_closure'],
    });
    expect(judged.statusCode).toBe(201);
    expect(judged.json()).toMatchObject({
      eligible: true,
      reasons: [],
      issues: [
        { category: 'distribution', eligible: true, reasons: [] },
        { category: 'custody_visitation', eligible: false, reasons: ['not_hearing_issue'] },
        { category: 'case_closure', eligible: false, reasons: ['not_raised_in_complaint'] },
      ],
    });
    const late = await admin.call('POST', `/api/v1/complaints/${number}/hearing-requests`, {
      requestedOn: '2026-07-21',
      issues: ['distribution'],
    });
    expect(late.json()).toMatchObject({ eligible: false, reasons: ['request_late'] });
    expect((await counts()).hearings).toBe(before.hearings + 2);

    const view = (await admin.call('GET', `/api/v1/complaints/${number}`)).json();
    expect(view.hearingRequests).toHaveLength(3);
  });

  it('counts mail as received five business days after the postmark, and accepts a late filing with a warning', async () => {
    const res = await admin.call(
      'POST',
      '/api/v1/complaints',
      complaint({
        receivedVia: 'mail',
        postmarkedOn: '2026-06-29',
        receivedOn: '2026-07-01',
        knewOfActionOn: '2026-03-01',
      }),
    );
    expect(res.statusCode).toBe(201);
    // New York: July 3 is Independence Day (observed); the filing window (March 1 + 90) ends Saturday May 30 → June 1.
    expect(res.json()).toMatchObject({
      receiptDate: '2026-07-07',
      resolutionDueOn: '2026-08-06',
      filingDeadlineOn: '2026-06-01',
      filedLate: true,
    });
    expect(res.json().warnings[0]).toMatch(/filing window/);
  });

  it('lists complaints by their next deadline', async () => {
    const res = await admin.call('GET', '/api/v1/complaints?status=open');
    expect(res.statusCode).toBe(200);
    const { items, total } = res.json();
    expect(total).toBeGreaterThan(0);
    expect(items.every((i: { status: string }) => i.status === 'open')).toBe(true);
    expect(items[0].nextDeadline).toMatchObject({ kind: 'resolution' });
    expect((await admin.call('GET', '/api/v1/complaints?category=nonsense')).statusCode).toBe(400);
  });
});

describe('bad input writes nothing', () => {
  it.each([
    [{ complainant: { ...complainant, role: 'neighbour' } }, 'complainant.role'],
    [{ receivedVia: 'pigeon' }, 'receivedVia'],
    [{ issues: [{ category: 'weather', description: 'x' }] }, 'issues[0].category'],
    [{ receivedOn: '03/02/2026' }, 'receivedOn'],
    [{ receivedOn: '2026-02-30' }, 'receivedOn'],
    [{ receivedVia: 'mail', postmarkedOn: '2026-03-05' }, 'postmarkedOn'],
    [{ knewOfActionOn: '2026-13-01' }, 'knewOfActionOn'],
    [{ issues: [] }, 'issues'],
  ])('%j → 400 naming %s', async (overrides, field) => {
    const before = await counts();
    const res = await admin.call('POST', '/api/v1/complaints', complaint(overrides));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it('refuses a hearing request before the complaint or on an unknown category', async () => {
    const number = (await admin.call('POST', '/api/v1/complaints', complaint())).json().complaintNumber;
    const before = await counts();
    const early = await admin.call('POST', `/api/v1/complaints/${number}/hearing-requests`, {
      requestedOn: '2026-03-01',
      issues: ['distribution'],
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details[0].field).toBe('requestedOn');
    const unknown = await admin.call('POST', `/api/v1/complaints/${number}/hearing-requests`, {
      requestedOn: '2026-05-01',
      issues: ['weather'],
    });
    expect(unknown.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
    expect((await admin.call('GET', '/api/v1/complaints/OCS-C-2026-999999')).statusCode).toBe(404);
  });
});

describe('restricted cases', () => {
  it('keeps a complaint on a restricted case restricted and out of sight of others', async () => {
    const restrictedCase = await admin.call('POST', '/api/v1/cases', {
      channel: 'phone',
      subject: 'DV',
      description: 'Protective order in place.',
      restricted: true,
      person: { firstName: 'Rosa', lastName: 'Diaz', phone: '212-555-0101' },
    });
    expect(restrictedCase.statusCode).toBe(201);
    const filed = await admin.call(
      'POST',
      '/api/v1/complaints',
      complaint({ caseTrackingNumber: restrictedCase.json().trackingNumber }),
    );
    expect(filed.statusCode).toBe(201);
    expect(filed.json().restricted).toBe(true);
    await createUser(t.db, { email: 'other@example.gov', role: 'caseworker', units: ['SNAP'] });
    const other = await signInAs(t.app, 'other@example.gov', USER_PASSWORD);
    expect((await other.call('GET', `/api/v1/complaints/${filed.json().complaintNumber}`)).statusCode).toBe(404);
    const list = (await other.call('GET', '/api/v1/complaints')).json();
    expect(
      list.items.some((i: { complaintNumber: string }) => i.complaintNumber === filed.json().complaintNumber),
    ).toBe(false);
  });
});

describe('investigator, actions, transfer and amendment', () => {
  it('keeps the caseworker of the matter from investigating unless a supervisor overrides with a reason', async () => {
    const worker = await createUser(t.db, { email: 'worker@example.gov', role: 'caseworker', units: ['SNAP'] });
    const session = await signInAs(t.app, worker.email, USER_PASSWORD);
    const matter = await admin.call('POST', '/api/v1/cases', {
      channel: 'phone',
      subject: 'SNAP',
      description: 'Benefits stopped.',
      person: { firstName: 'Joe', lastName: 'Park', phone: '212-555-0199' },
    });
    const tn = matter.json().trackingNumber;
    expect((await admin.call('POST', `/api/v1/cases/${tn}/assign`, { assigneeId: worker.id })).statusCode).toBe(200);
    const number = (await admin.call('POST', '/api/v1/complaints', complaint({ caseTrackingNumber: tn }))).json()
      .complaintNumber;
    const self = await session.call('POST', `/api/v1/complaints/${number}/investigator`, { userId: worker.id });
    expect(self.statusCode).toBe(403);
    const noReason = await admin.call('POST', `/api/v1/complaints/${number}/investigator`, { userId: worker.id });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].field).toBe('overrideReason');
    const overridden = await admin.call('POST', `/api/v1/complaints/${number}/investigator`, {
      userId: worker.id,
      overrideReason: 'Only Spanish-speaking investigator available this month.',
    });
    expect(overridden.statusCode).toBe(200);
    expect(overridden.json()).toMatchObject({ investigatorUserId: worker.id });
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'reason'])
      .where('action', '=', 'complaint.investigator_override')
      .executeTakeFirstOrThrow();
    expect(audit.reason).toMatch(/Spanish-speaking/);
  });

  it('records required actions, amendments that keep the receipt date, and a transfer', async () => {
    const number = (await admin.call('POST', '/api/v1/complaints', complaint())).json().complaintNumber;
    const withAction = await admin.call('POST', `/api/v1/complaints/${number}/actions`, {
      action: 'Re-issue the January payments',
      responsibleKind: 'unit',
      responsibleName: 'Financial/Distribution',
      dueOn: '2026-04-15',
    });
    expect(withAction.statusCode).toBe(200);
    const actionId = withAction.json().actions[0].id;
    const done = await admin.call('POST', `/api/v1/complaints/${number}/actions/${actionId}/completed`, {
      completedOn: '2026-04-10',
    });
    expect(done.json().actions[0]).toMatchObject({
      responsibleKind: 'unit',
      dueOn: '2026-04-15',
      completedOn: '2026-04-10',
    });
    const badKind = await admin.call('POST', `/api/v1/complaints/${number}/actions`, {
      action: 'x',
      responsibleKind: 'fairy',
      responsibleName: 'y',
    });
    expect(badKind.statusCode).toBe(400);

    const amended = await admin.call('POST', `/api/v1/complaints/${number}/amendments`, {
      issues: [{ category: 'case_closure', description: 'They also closed my case.' }],
    });
    expect(amended.statusCode).toBe(200);
    expect(amended.json()).toMatchObject({ receiptDate: '2026-03-02', resolutionDueOn: '2026-04-01' });
    expect(amended.json().issues.map((i: { category: string }) => i.category)).toEqual([
      'distribution',
      'custody_visitation',
      'case_closure',
    ]);

    const transferred = await admin.call('POST', `/api/v1/complaints/${number}/transfer`, {
      transferredTo: 'Orange County Department of Child Support Services',
      transferredOn: '2026-03-05',
    });
    expect(transferred.statusCode).toBe(200);
    expect(transferred.json()).toMatchObject({ status: 'transferred', transferredOn: '2026-03-05' });
    const late = await admin.call('POST', `/api/v1/complaints/${number}/amendments`, {
      issues: [{ category: 'application' }],
    });
    expect(late.statusCode).toBe(409);
  });
});

describe('after a hearing request', () => {
  it('schedules the hearing, records the decision per issue with its presumed receipt and compliance report due', async () => {
    const number = (await admin.call('POST', '/api/v1/complaints', complaint())).json().complaintNumber;
    await admin.call('POST', `/api/v1/complaints/${number}/resolution`, {
      findings: 'Payments reviewed.',
      noticeMailedOn: '2026-03-20',
    });
    const request = await admin.call('POST', `/api/v1/complaints/${number}/hearing-requests`, {
      requestedOn: '2026-04-01',
      issues: ['distribution'],
    });
    const id = request.json().id;
    const scheduled = await admin.call('POST', `/api/v1/complaints/${number}/hearing-requests/${id}/schedule`, {
      hearingOn: '2026-05-12',
      place: 'Hearing room 3 or by phone 555-0100',
      interpreterLanguage: 'es',
    });
    expect(scheduled.statusCode).toBe(200);
    expect(scheduled.json().hearingRequests[0]).toMatchObject({ hearingOn: '2026-05-12', interpreterLanguage: 'es' });
    const wrongIssue = await admin.call('POST', `/api/v1/complaints/${number}/hearing-requests/${id}/decision`, {
      adoptedOn: '2026-11-20',
      outcomes: [{ category: 'paternity', outcome: 'granted' }],
    });
    expect(wrongIssue.statusCode).toBe(400);
    const decided = await admin.call('POST', `/api/v1/complaints/${number}/hearing-requests/${id}/decision`, {
      adoptedOn: '2026-11-20',
      outcomes: [{ category: 'distribution', outcome: 'granted' }],
    });
    expect(decided.statusCode).toBe(200);
    // New York: 15 business days after Friday November 20 (Thanksgiving off) is Monday December 14; + 30 days is
    // Wednesday January 13, 2027.
    expect(decided.json().hearingRequests[0]).toMatchObject({
      decisionPresumedReceivedOn: '2026-12-14',
      complianceReportDueOn: '2027-01-13',
      decisionOutcomes: [{ category: 'distribution', outcome: 'granted' }],
    });
    const again = await admin.call('POST', `/api/v1/complaints/${number}/hearing-requests/${id}/dismissal`, {
      noticeOn: '2026-12-01',
    });
    expect(again.statusCode).toBe(409);
  });

  it('makes a dismissal effective 15 days after its notice, off Christmas', async () => {
    const number = (await admin.call('POST', '/api/v1/complaints', complaint())).json().complaintNumber;
    const id = (
      await admin.call('POST', `/api/v1/complaints/${number}/hearing-requests`, {
        requestedOn: '2026-05-01',
        issues: ['distribution'],
      })
    ).json().id;
    const dismissed = await admin.call('POST', `/api/v1/complaints/${number}/hearing-requests/${id}/dismissal`, {
      noticeOn: '2026-12-10',
    });
    expect(dismissed.json().hearingRequests[0]).toMatchObject({ dismissalEffectiveOn: '2026-12-28' });
  });
});
