// The index audit's migration: the indexes it drops are gone, the one closed-case index and the narrowed retention
// index are there with their predicates, and undoing it brings back the earlier set exactly (PGlite and PostgreSQL).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import type { Db } from '../database.ts';
import * as migration from './0036-index-audit.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

/** Index name → definition, for the indexes of cases and calls in the current schema. */
async function indexes(db: Db): Promise<Record<string, string>> {
  const { rows } = await sql<{ name: string; definition: string }>`
    select indexname as name, indexdef as definition from pg_indexes
     where schemaname = current_schema() and tablename in ('cases', 'calls') order by indexname`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.name, r.definition]));
}

const dropped = [
  'cases_unit_queue',
  'cases_assignee_queue',
  'portal_cases_closed',
  'cases_report_closed',
  'cases_monthly_closed',
  'calls_offered',
];

describe('0036 index audit', () => {
  it('leaves one index of closed cases with the columns of both reports, and the superseded queues gone', async () => {
    const now = await indexes(t.db);
    for (const name of dropped) expect(now[name], name).toBeUndefined();
    expect(now.cases_closed).toMatch(/\(agency_id, closed_at\) INCLUDE \(received_at, writer_type, channel/);
    expect(now.cases_closed).toMatch(/WHERE \(closed_at IS NOT NULL\)$/);
    expect(now.cases_closed_for_retention).toMatch(
      /WHERE \(\(closed_at IS NOT NULL\) AND \(anonymised_at IS NULL\)\)$/,
    );
    // What the plans of the product's reads use stays (docs/performance.md, "Index audit").
    for (const kept of [
      'cases_unit_deadline_open',
      'cases_assignee_deadline_open',
      'cases_open_deadline',
      'cases_open_due',
      'cases_person_restricted',
      'cases_on_behalf_of_restricted',
      'calls_report_offered',
    ]) {
      expect(now[kept], kept).toBeDefined();
    }
  });

  it('undoes to the earlier indexes and does again', async () => {
    const after = await indexes(t.db);
    await migration.down(t.db as never);
    const before = await indexes(t.db);
    for (const name of dropped) expect(before[name], name).toBeDefined();
    expect(before.cases_closed).toBeUndefined();
    expect(before.cases_closed_for_retention).toMatch(/WHERE \(anonymised_at IS NULL\)$/);
    expect(Object.keys(before).length - Object.keys(after).length).toBe(dropped.length - 1);
    await migration.up(t.db as never);
    expect(await indexes(t.db)).toEqual(after);
  });
});
