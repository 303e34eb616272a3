// Complaint deadlines in the one deadline sweep: warned once, escalated one level a day once overdue, forgotten when
// met (acknowledgement mailed), started afresh by an extension; each step audited and notified through notify().
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../test/test-app.ts';
import { createUser } from '../test/factories.ts';
import { runDeadlineSweep } from './deadline-sweep.ts';

let t: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  // The child-support office: California calendar, Pacific time, the approved LCR notices.
  t = await createTestApp({ agencyPreset: 'child-support', timeZone: 'America/Los_Angeles' });
  admin = await signInAs(t.app);
});
afterAll(async () => t.close());

const at = (iso: string) => new Date(iso);

async function complaintAudit(number: string) {
  const rows = await t.db
    .selectFrom('audit_events')
    .select(['action', 'reason'])
    .where('entity_type', '=', 'complaint')
    .where('entity_id', '=', number)
    .where('action', 'like', 'complaint.deadline_%')
    .orderBy('id')
    .execute();
  return rows.map((r) => `${r.action}: ${r.reason}`);
}

async function notificationsOf(userId: number) {
  return t.db
    .selectFrom('notifications')
    .select(['kind', 'summary'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
}

describe('complaint deadlines in the deadline sweep', () => {
  it('warns, escalates one level a day, forgets a met deadline and restarts an extended one', async () => {
    const supervisor = await createUser(t.db, { role: 'supervisor', email: 'sweep-sup@example.org' });
    const investigator = await createUser(t.db, { role: 'caseworker', email: 'sweep-inv@example.org' });
    expect(supervisor.id).toBeGreaterThan(0);
    const created = await admin.call('POST', '/api/v1/complaints', {
      complainant: { firstName: 'Ana', lastName: 'Ruiz', role: 'noncustodial_parent' },
      programCaseNumber: 'CS-SWEEP-1',
      receivedVia: 'phone',
      receivedOn: '2026-09-14',
      issues: [{ category: 'distribution', description: 'Payment not passed on.' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const number = created.json().complaintNumber as string;
    expect(created.json().resolutionDueOn).toBe('2026-10-14');
    const assigned = await admin.call('POST', `/api/v1/complaints/${number}/investigator`, { userId: investigator.id });
    expect(assigned.statusCode, assigned.body).toBe(200);

    // Acknowledgement due Mon 21 Sep (5 business days after Mon 14 Sep); 75 % of its span has passed on Sun 20 Sep.
    await runDeadlineSweep(t.db, at('2026-09-20T18:00:00Z'));
    expect(await complaintAudit(number)).toEqual([
      'complaint.deadline_warning: The acknowledgement (LCR002) is due 2026-09-21.',
    ]);
    expect(await notificationsOf(investigator.id)).toEqual([
      { kind: 'deadline_warning', summary: `Complaint ${number}: the acknowledgement (LCR002) is due 2026-09-21` },
    ]);

    // Overdue on Tue 22 Sep: one level up (Supervisor), the supervisors told; again a minute later: nothing.
    await runDeadlineSweep(t.db, at('2026-09-22T18:00:00Z'));
    await runDeadlineSweep(t.db, at('2026-09-22T18:01:00Z'));
    expect((await complaintAudit(number)).slice(1)).toEqual([
      'complaint.deadline_escalated: The acknowledgement (LCR002) was due 2026-09-21; escalated to Supervisor.',
    ]);
    expect((await notificationsOf(supervisor.id)).map((n) => n.kind)).toEqual(['escalated']);
    // A day later: the next level.
    await runDeadlineSweep(t.db, at('2026-09-23T18:05:00Z'));
    expect((await complaintAudit(number)).slice(2)).toEqual([
      'complaint.deadline_escalated: The acknowledgement (LCR002) was due 2026-09-21; escalated to Unit manager.',
    ]);

    // Mailing the acknowledgement ends that deadline: nothing more about it.
    const view = (await admin.call('GET', `/api/v1/complaints/${number}`)).json();
    const lcr002 = view.notices.find((n: { code: string }) => n.code === 'LCR002');
    const mailed = await admin.call('POST', `/api/v1/complaints/${number}/notices/${lcr002.id}/mailed`, {
      mailedOn: '2026-09-23',
    });
    expect(mailed.statusCode, mailed.body).toBe(200);
    await runDeadlineSweep(t.db, at('2026-09-24T18:00:00Z'));
    expect(await complaintAudit(number)).toHaveLength(3);

    // The resolution (due Wed 14 Oct) is warned once 75 % of its 31 days have passed, then escalated once overdue.
    await runDeadlineSweep(t.db, at('2026-10-08T12:00:00Z'));
    await runDeadlineSweep(t.db, at('2026-10-15T18:00:00Z'));
    expect((await complaintAudit(number)).slice(3)).toEqual([
      'complaint.deadline_warning: The resolution is due 2026-10-14.',
      'complaint.deadline_escalated: The resolution was due 2026-10-14; escalated to Supervisor.',
    ]);

    // The director's extension moves the due date (60 days after receipt, Fri 13 Nov): it starts afresh at level 0.
    const extended = await admin.call('POST', `/api/v1/complaints/${number}/extension`, { reason: 'Awaiting records' });
    expect(extended.statusCode, extended.body).toBe(200);
    const due = extended.json().resolutionDueOn as string;
    const step = await t.db
      .selectFrom('complaint_deadline_steps')
      .select(['escalation_level'])
      .where('deadline_key', '=', 'resolution')
      .executeTakeFirstOrThrow();
    expect(step.escalation_level).toBe(1);
    expect(due).toBe('2026-11-13');
    // Two days past the new date it is escalated from the bottom again: Supervisor, not Unit manager.
    await runDeadlineSweep(t.db, at('2026-11-16T18:00:00Z'));
    expect((await complaintAudit(number)).slice(5)).toEqual([
      'complaint.deadline_escalated: The extended resolution was due 2026-11-13; escalated to Supervisor.',
    ]);
  });
});
