// The demo looks like a working office on the day it is seeded: a steady backlog of which about a tenth is overdue
// (counted by the work queues' own query), answers mostly on time, every indicator of the monthly report with a
// number for the last full month, and staff in units with a supervisor each and an administrator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../server/test/test-app.ts';
import { contextFor } from '../server/test/crosstab-test-support.ts';
import { queueCounts } from '../server/queries/case-list-queries.ts';
import { computeIndicators } from '../server/reports/indicators.ts';
import { parsePeriod } from '../shared/report-periods.ts';
import { demoStaff } from '../server/demo/vocabulary.ts';
import { demoStaffEmail, seedDemo } from './seed-demo.ts';

const NOW = new Date('2026-03-02T15:00:00Z');
const CASES = 2_000;

describe('the demo office on the day it is seeded', () => {
  let t: TestApp;
  let adminId: number;
  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.db, { cases: CASES, now: NOW, write: () => {} });
    const admin = await t.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', demoStaffEmail('Eleanor Whitfield'))
      .executeTakeFirstOrThrow();
    adminId = admin.id;
  }, 120_000);
  afterAll(async () => t?.close());

  it('has a steady backlog of which about a tenth is overdue', async () => {
    const counts = await queueCounts(await contextFor(t.db, adminId), NOW);
    expect(counts.all).toBeGreaterThan(CASES * 0.02);
    expect(counts.all).toBeLessThan(CASES * 0.15);
    const share = counts.overdue / counts.all;
    expect(share).toBeGreaterThanOrEqual(0.05);
    expect(share).toBeLessThanOrEqual(0.15);
  });

  it('has a number for every indicator of the last full month, e-mails answered mostly on time', async () => {
    const ctx = await contextFor(t.db, adminId);
    const result = await computeIndicators(ctx, { period: parsePeriod('2026-02'), asOf: NOW });
    const keys = result.indicators.map((i) => i.key);
    for (const key of [
      'emails_responded_14d_pct',
      'letters_responded_14d_pct',
      'calls_answered_30s_pct',
      'average_wait_seconds',
      'interpretation_requests_completed',
      'cases_closed_on_time_pct_311',
      'cases_closed_on_time_pct_email',
    ]) {
      expect(keys).toContain(key);
    }
    for (const indicator of result.indicators) {
      expect(indicator.value, indicator.key).not.toBeNull();
      expect(indicator.value, indicator.key).toBeGreaterThan(0);
    }
    const value = (key: string) => result.indicators.find((i) => i.key === key)!.value!;
    expect(value('emails_responded_14d_pct')).toBeGreaterThanOrEqual(80);
    expect(value('emails_responded_14d_pct')).toBeLessThanOrEqual(95);
    expect(value('calls_answered_30s_pct')).toBeGreaterThanOrEqual(60);
    expect(value('calls_answered_30s_pct')).toBeLessThanOrEqual(95);
    expect(value('average_wait_seconds')).toBeLessThan(120);
  });

  it('has staff with names in units, a supervisor for each unit, an administrator, and cases assigned', async () => {
    const users = await t.db.selectFrom('users').select(['id', 'name', 'role', 'email']).execute();
    const staff = users.filter((u) => u.email.endsWith('@demo.civicdesk.example'));
    expect(staff).toHaveLength(demoStaff.length);
    expect(staff.filter((u) => u.role === 'administrator').length).toBeGreaterThanOrEqual(1);
    for (const member of staff) expect(member.name).toMatch(/^\p{Lu}[\p{L}'-]+ \p{Lu}[\p{L}'-]+$/u);
    const units = await t.db.selectFrom('units').select(['id', 'code']).execute();
    const memberships = await t.db
      .selectFrom('unit_memberships')
      .select(['user_id', 'unit_id', 'is_manager'])
      .execute();
    const role = new Map(staff.map((u) => [u.id, u.role]));
    for (const unit of units) {
      const members = memberships.filter((m) => m.unit_id === unit.id);
      expect(
        members.some((m) => m.is_manager && role.get(m.user_id) === 'supervisor'),
        `${unit.code} has a supervisor`,
      ).toBe(true);
      expect(
        members.some((m) => role.get(m.user_id) === 'caseworker'),
        `${unit.code} has a caseworker`,
      ).toBe(true);
    }
    for (const member of staff.filter((u) => u.role === 'caseworker')) {
      expect(
        memberships.some((m) => m.user_id === member.id),
        `${member.name} is in a unit`,
      ).toBe(true);
    }
    const assigned = await t.db
      .selectFrom('cases')
      .select(['assignee_id'])
      .where('assignee_id', 'is not', null)
      .groupBy('assignee_id')
      .execute();
    for (const member of staff.filter((u) => u.role === 'caseworker')) {
      expect(
        assigned.some((a) => a.assignee_id === member.id),
        `${member.name} has cases`,
      ).toBe(true);
    }
  });
});
