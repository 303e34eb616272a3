// Retention through the API: rules, the dry-run report (nothing changes), the run (cases anonymised or deleted, the
// people without other live cases anonymised, attachment files removed, audit events kept without their values), and
// restricted cases by their own rule.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signInAs, type SignedIn, type TestApp } from '../../../test/test-app.ts';
import { attachFile } from '../../../commands/cases/case-attachment.ts';
import { systemActor } from '../../../context.ts';
import { findAgencyBySlug } from '../../../repositories/portal.ts';

let t: TestApp;
let admin: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app);
});

afterAll(async () => {
  await t?.close();
});

async function newCase(email: string, description: string, extra: Record<string, unknown> = {}) {
  const res = await admin.call('POST', '/api/v1/cases', {
    channel: 'web',
    description,
    person: { firstName: 'Rosa', lastName: 'Parkes', email },
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().trackingNumber as string;
}

async function closeOn(trackingNumber: string, closedAt: string) {
  await t.db
    .updateTable('cases')
    .set({ status: 'closed', closed_at: new Date(closedAt) })
    .where('tracking_number', '=', trackingNumber)
    .execute();
}

describe('retention', () => {
  it('refuses wrong rules field by field and non-administrators', async () => {
    const bad = await admin.call('PUT', '/api/v1/retention/rules', {
      rules: [
        { caseKind: '*', years: 0, action: 'anonymise' },
        { caseKind: '*', years: 3, action: 'delete' },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('rules[0].years');
    expect(bad.body).toContain('rules[1].caseKind');
    expect((await admin.call('GET', '/api/v1/retention/rules')).json()).toEqual({ rules: [] });
  });

  it('reports in a dry run, then anonymises, deletes and keeps restricted cases by their own rule', async () => {
    const old = await newCase('rosa.old@example.org', 'My neighbour Jim Baker threatens me at 12 Elm St.');
    const oldToo = await newCase('rosa.old@example.org', 'Second old letter about the same.');
    const recent = await newCase('rosa.recent@example.org', 'A recent matter.');
    const shared = await newCase('sam.both@example.org', 'Old case of a person with a live case.');
    const live = await newCase('sam.both@example.org', 'Still open.');
    const restricted = await newCase('dv@example.org', 'Safe house at 4 Hidden Lane.', { restricted: true });
    await closeOn(old, '2015-03-01T15:00:00Z');
    await closeOn(oldToo, '2015-04-01T15:00:00Z');
    await closeOn(recent, '2024-01-01T15:00:00Z');
    await closeOn(shared, '2015-03-01T15:00:00Z');
    await closeOn(restricted, '2015-03-01T15:00:00Z');
    const agency = (await findAgencyBySlug(t.db, 'main'))!;
    const ctx = { db: t.db, agency, actor: systemActor('test'), requestId: null };
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    await attachFile(ctx, t.config.dataDir, t.config.maxAttachmentBytes, {
      trackingNumber: old,
      filename: 'statement.pdf',
      data: pdf,
    });
    const [attachment] = await t.db.selectFrom('attachments').select('storage_key').execute();
    const file = path.join(t.config.dataDir, 'attachments', attachment!.storage_key);
    expect(existsSync(file)).toBe(true);

    const set = await admin.call('PUT', '/api/v1/retention/rules', {
      rules: [
        { caseKind: '*', years: 7, action: 'anonymise' },
        { caseKind: '#restricted', years: 30, action: 'delete' },
      ],
    });
    expect(set.statusCode, set.body).toBe(200);

    const dry = await admin.call('GET', '/api/v1/retention/report');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({
      dryRun: true,
      casesAnonymised: 3,
      casesDeleted: 0,
      peopleAnonymised: 1,
      attachmentsRemoved: 1,
      byKind: [{ caseKind: '*', action: 'anonymise', years: 7, cases: 3 }],
    });
    expect(
      dry
        .json()
        .cases.map((c: { trackingNumber: string }) => c.trackingNumber)
        .sort(),
    ).toEqual([old, oldToo, shared].sort());
    // A dry run changes nothing.
    expect(existsSync(file)).toBe(true);
    const before = await t.db
      .selectFrom('cases')
      .select('description')
      .where('tracking_number', '=', old)
      .executeTakeFirstOrThrow();
    expect(before.description).toContain('Jim Baker');

    const run = await admin.call('POST', '/api/v1/retention/run');
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json()).toMatchObject({ dryRun: false, casesAnonymised: 3, peopleAnonymised: 1, attachmentsRemoved: 1 });
    expect(existsSync(file)).toBe(false);
    const rows = await t.db
      .selectFrom('cases')
      .select(['tracking_number', 'description', 'anonymised_at', 'person_id'])
      .where('tracking_number', 'in', [old, oldToo, recent, shared, live, restricted])
      .execute();
    const byNumber = new Map(rows.map((r) => [r.tracking_number, r]));
    expect(byNumber.get(old)!.description).toBe('');
    expect(byNumber.get(old)!.anonymised_at).not.toBeNull();
    expect(byNumber.get(recent)!.description).toBe('A recent matter.');
    expect(byNumber.get(restricted)!.description).toContain('Hidden Lane');
    expect(byNumber.get(live)!.description).toBe('Still open.');
    // Rosa had only old cases: her record is anonymised; Sam still has a live case and is kept.
    const rosa = await t.db
      .selectFrom('people')
      .selectAll()
      .where('id', '=', byNumber.get(old)!.person_id!)
      .executeTakeFirstOrThrow();
    expect(rosa).toMatchObject({ first_name: '', last_name: '' });
    expect(await t.db.selectFrom('person_contacts').select('value').where('person_id', '=', rosa.id).execute()).toEqual(
      [],
    );
    const sam = await t.db
      .selectFrom('people')
      .selectAll()
      .where('id', '=', byNumber.get(live)!.person_id!)
      .executeTakeFirstOrThrow();
    expect(sam.anonymised_at).toBeNull();
    // The audit events stay, without the personal data.
    const events = await t.db
      .selectFrom('audit_events')
      .select(['action', 'changes', 'reason'])
      .where(
        'case_id',
        '=',
        (await t.db.selectFrom('cases').select('id').where('tracking_number', '=', old).executeTakeFirstOrThrow()).id,
      )
      .execute();
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['case.created', 'case.retention_applied']));
    expect(JSON.stringify(events)).not.toMatch(/Jim Baker|rosa\.old|statement\.pdf/);
    // A second run finds nothing more.
    expect((await admin.call('GET', '/api/v1/retention/report')).json()).toMatchObject({
      casesAnonymised: 0,
      casesDeleted: 0,
    });

    // Restricted cases by their own rule: a delete after 5 years removes the case itself.
    await admin.call('PUT', '/api/v1/retention/rules', {
      rules: [
        { caseKind: '*', years: 7, action: 'anonymise' },
        { caseKind: '#restricted', years: 5, action: 'delete' },
      ],
    });
    const second = await admin.call('POST', '/api/v1/retention/run');
    expect(second.json()).toMatchObject({
      casesDeleted: 1,
      casesAnonymised: 0,
      keptAnonymised: 0,
      peopleAnonymised: 1,
    });
    expect(await t.db.selectFrom('cases').select('id').where('tracking_number', '=', restricted).execute()).toEqual([]);
    const kept = await t.db
      .selectFrom('audit_events')
      .select(['action', 'changes'])
      .where('entity_id', '=', restricted)
      .execute();
    expect(kept.map((e) => e.action)).toContain('case.retention_applied');
    expect(JSON.stringify(kept)).not.toContain('Hidden Lane');
  });

  it('is for administrators only', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/retention/report' });
    expect(res.statusCode).toBe(401);
  });
});
