// An import whose process died is marked failed at the next start; one still running (its lock held) is left alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import { failAbandonedImportRuns, holdImportRun, startImportRun } from './imports.ts';

let t: TestApp;
let agencyId: number;
beforeAll(async () => {
  t = await createTestApp();
  agencyId = (await t.db.selectFrom('agencies').select('id').executeTakeFirstOrThrow()).id;
});
afterAll(async () => t.close());

const newRun = () =>
  startImportRun(t.db, agencyId, { kind: 'cases', fileName: 'legacy.csv', actorLabel: 'cli', options: {} });
const statusOf = async (id: number) =>
  t.db
    .selectFrom('import_runs')
    .select(['status', 'report', 'finished_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe('failAbandonedImportRuns', () => {
  it('marks a run left running by a dead process as failed, saying why', async () => {
    const id = await newRun();
    expect(await failAbandonedImportRuns(t.db)).toBe(1);
    const run = await statusOf(id);
    expect(run.status).toBe('failed');
    expect(run.finished_at).not.toBeNull();
    const report = typeof run.report === 'string' ? JSON.parse(run.report) : run.report;
    expect(report.error).toMatch(/importing process stopped/);
    expect(await failAbandonedImportRuns(t.db)).toBe(0);
  });

  it.runIf(process.env.TEST_DATABASE_URL)('leaves alone a run whose import is still going on', async () => {
    const id = await newRun();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    const importing = t.db.transaction().execute(async (tx) => {
      await holdImportRun(tx, id);
      held();
      await released;
    });
    await holding;
    expect(await failAbandonedImportRuns(t.db)).toBe(0);
    expect((await statusOf(id)).status).toBe('running');
    release();
    await importing;
    expect(await failAbandonedImportRuns(t.db)).toBe(1);
  });
});
