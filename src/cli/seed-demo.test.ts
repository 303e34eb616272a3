import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, signInAs, type TestApp } from '../server/test/test-app.ts';
import { LANGUAGE_CODES } from '../shared/languages.ts';
import { templateFieldNames } from '../domain/template-merge.ts';
import { starterTemplates } from '../server/starter-configuration.ts';
import { DEMO_PASSWORD, demoStaffEmail, seedDemo } from './seed-demo.ts';

const NOW = new Date('2026-03-02T15:00:00Z');
const CASES = 500;
const quiet = () => {};

describe('seed demo', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const result = await seedDemo(t.db, { cases: CASES, now: NOW, write: quiet });
    expect(result).toMatchObject({ created: true, cases: CASES, staff: 27 });
  });
  afterAll(async () => t?.close());

  const cases = () =>
    t.db
      .selectFrom('cases')
      .selectAll()
      .where('agency_id', '=', sql<number>`(select id from agencies where slug = 'main')`)
      .execute();

  it('loads the asked number of cases with a realistic mix', async () => {
    const rows = await cases();
    expect(rows).toHaveLength(CASES);
    const share = (pick: (r: (typeof rows)[number]) => boolean) => rows.filter(pick).length / rows.length;
    expect(share((r) => r.channel === 'email')).toBeGreaterThan(0.3);
    expect(share((r) => r.channel === 'email')).toBeLessThan(0.5);
    expect(share((r) => r.channel === '311')).toBeGreaterThan(0.12);
    expect(share((r) => r.language === 'en')).toBeGreaterThan(0.6);
    expect(share((r) => r.language === 'en')).toBeLessThan(0.8);
    expect(share((r) => r.language === 'es')).toBeGreaterThan(0.06);
    expect(new Set(rows.map((r) => r.language)).size).toBeGreaterThanOrEqual(8);
    expect(share((r) => r.writer_type === 'constituent')).toBeGreaterThan(0.9);
    expect(new Set(rows.map((r) => r.subject_code)).size).toBeGreaterThan(10);
    expect(share((r) => r.status === 'closed')).toBeGreaterThan(0.6);
    expect(rows.some((r) => r.status !== 'closed')).toBe(true);
    const earliest = Math.min(...rows.map((r) => r.received_at.getTime()));
    expect(NOW.getTime() - earliest).toBeGreaterThan(360 * 86_400_000);
    expect(NOW.getTime() - earliest).toBeLessThan(400 * 86_400_000);
    // Some people write more than once.
    expect(new Set(rows.map((r) => r.person_id)).size).toBeLessThan(rows.length);
    // About one answer in ten is late (first response more than 14 days after receipt).
    const answered = rows.filter((r) => r.first_response_at);
    const late = answered.filter((r) => r.first_response_at!.getTime() - r.received_at.getTime() > 14 * 86_400_000);
    expect(late.length / answered.length).toBeGreaterThan(0.04);
    expect(late.length / answered.length).toBeLessThan(0.2);
  });

  it('keeps every case consistent with its dates, people, timeline and audit trail', async () => {
    const rows = await cases();
    for (const r of rows) {
      const received = r.received_at.getTime();
      expect(received).toBeLessThan(NOW.getTime());
      expect(r.status === 'closed').toBe(r.closed_at !== null);
      if (r.closed_at) expect(r.closed_at.getTime()).toBeGreaterThanOrEqual(received);
      if (r.first_response_at) {
        expect(r.first_response_at.getTime()).toBeGreaterThanOrEqual(received);
        expect(r.first_response_at.getTime()).toBeLessThanOrEqual(NOW.getTime());
      }
      if (r.status === 'closed' || r.status === 'responded') expect(r.first_response_at).not.toBeNull();
      expect(r.first_response_due_at!.getTime()).toBeGreaterThanOrEqual(received);
      expect(r.resolution_due_at!.getTime()).toBeGreaterThanOrEqual(r.first_response_due_at!.getTime());
      expect(r.tracking_number).toMatch(/^OCS-\d{4}-\d{6}$/);
      expect(r.person_id).not.toBeNull();
    }
    const orphans = await sql<{ n: number }>`select count(*)::int as n from cases c where
      not exists (select 1 from timeline_entries t where t.case_id = c.id and t.kind = 'inbound')
      or (c.first_response_at is not null and not exists
        (select 1 from timeline_entries t where t.case_id = c.id and t.kind = 'outbound'))
      or not exists (select 1 from audit_events a where a.case_id = c.id and a.action = 'case.created'
        and a.actor_label = 'demo seed')
      or not exists (select 1 from person_contacts pc where pc.person_id = c.person_id)`.execute(t.db);
    expect(orphans.rows[0]!.n).toBe(0);
    const unique = await sql<{ n: number }>`select count(distinct tracking_number)::int as n from cases`.execute(t.db);
    expect(unique.rows[0]!.n).toBe(CASES);
    const restricted = rows.filter((r) => r.restricted);
    expect(restricted.every((r) => r.subject_code === 'DV')).toBe(true);
  });

  it('approves the starter templates in all eleven languages with their merge fields intact', async () => {
    const rows = await t.db
      .selectFrom('templates as t')
      .innerJoin('template_versions as v', (j) => j.onRef('v.template_id', '=', 't.id'))
      .select(['t.code', 't.channel', 't.language', 'v.subject', 'v.body'])
      .where('v.status', '=', 'approved')
      .execute();
    for (const template of starterTemplates) {
      const versions = rows.filter((r) => r.code === template.code && r.channel === template.channel);
      expect(versions.map((v) => v.language).sort()).toEqual([...LANGUAGE_CODES].sort());
      const fields = (text: string) => templateFieldNames(text).sort();
      for (const version of versions) {
        expect(fields(version.subject), `${template.code}/${version.language}`).toEqual(fields(template.subject));
        expect(fields(version.body), `${template.code}/${version.language}`).toEqual(fields(template.body));
      }
    }
  });

  it('shows the cases through the API, lets demo staff sign in, and keeps intake numbering clear of the seed', async () => {
    const admin = await signInAs(t.app);
    const rows = await cases();
    const list = await admin.call('GET', '/api/v1/cases?limit=5');
    expect(list.statusCode).toBe(200);
    // Restricted (domestic violence) cases are invisible to an administrator outside the DV unit.
    expect(list.json().total).toBe(rows.filter((r) => !r.restricted).length);

    const supervisor = await signInAs(t.app, demoStaffEmail('Denise Okafor'), DEMO_PASSWORD);
    const mine = await supervisor.call('GET', '/api/v1/cases?queue=unit&limit=1');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().total).toBeGreaterThan(0);

    const created = await admin.call('POST', '/api/v1/cases', {
      channel: 'email',
      description: 'A new question after the demo was loaded.',
      person: { firstName: 'Nia', lastName: 'Brooks', email: 'nia.brooks@example.com' },
    });
    expect(created.statusCode).toBe(201);
    expect(rows.map((r) => r.tracking_number)).not.toContain(created.json().trackingNumber);
  });

  it('adds nothing when run again', async () => {
    const lines: string[] = [];
    const again = await seedDemo(t.db, { cases: CASES, now: NOW, write: (line) => lines.push(line) });
    expect(again.created).toBe(false);
    expect(lines.join('\n')).toMatch(/already loaded/);
    const count = await sql<{ n: number }>`select count(*)::int as n from cases where tags @> '{}'`.execute(t.db);
    expect(count.rows[0]!.n).toBe(CASES + 1);
  });
});

describe('seed demo determinism', () => {
  it('produces the same data from the same seed', async () => {
    const snapshot = async () => {
      const t = await createTestApp();
      try {
        await seedDemo(t.db, { cases: 60, now: NOW, seed: 7, write: quiet });
        return await t.db
          .selectFrom('cases')
          .select(['tracking_number', 'channel', 'subject_code', 'status', 'received_at', 'description', 'language'])
          .orderBy('tracking_number')
          .execute();
      } finally {
        await t.close();
      }
    };
    const first = await snapshot();
    expect(first).toHaveLength(60);
    expect(await snapshot()).toEqual(first);
  });
});
