import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import { claimJobs, enqueueJob, retryDelaySeconds } from '../repositories/jobs.ts';
import { drainJobs, runJob } from './worker.ts';
import { jobHandlers } from './handlers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('job runner', () => {
  it('retries a failing job with growing backoff and keeps the error', async () => {
    let calls = 0;
    jobHandlers['test-flaky'] = async () => {
      calls++;
      throw new Error('mail server down');
    };
    await enqueueJob(t.db, 'test-flaky', { n: 1 }, { maxAttempts: 3 });
    await drainJobs({ db: t.db, config: t.config });
    expect(calls).toBe(1);
    const job = await t.db.selectFrom('jobs').selectAll().where('kind', '=', 'test-flaky').executeTakeFirstOrThrow();
    expect(job.attempts).toBe(1);
    expect(job.last_error).toBe('mail server down');
    expect(job.done_at).toBeNull();
    expect(job.run_at.getTime()).toBeGreaterThan(Date.now() + 5_000);
    expect([1, 2, 3, 10].map(retryDelaySeconds)).toEqual([10, 20, 40, 3600]);
  });

  it('gives up after the last attempt and records the job as done with its error', async () => {
    jobHandlers['test-always-fails'] = async () => {
      throw new Error('nope');
    };
    await enqueueJob(t.db, 'test-always-fails', {}, { maxAttempts: 1 });
    const [job] = await claimJobs(t.db, 'w', 10);
    await runJob({ db: t.db, config: t.config }, job!);
    const row = await t.db.selectFrom('jobs').selectAll().where('id', '=', job!.id).executeTakeFirstOrThrow();
    expect(row.done_at).not.toBeNull();
    expect(row.last_error).toBe('nope');
  });

  it('hands each job to one worker only', async () => {
    for (let i = 0; i < 20; i++) await enqueueJob(t.db, 'test-noop', { i });
    const [a, b] = await Promise.all([claimJobs(t.db, 'a', 15), claimJobs(t.db, 'b', 15)]);
    const ids = [...a, ...b].map((j) => j.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(20);
  });

  it('keeps one unfinished job per unique key', async () => {
    await enqueueJob(t.db, 'deadline-sweep', {}, { uniqueKey: 'sweep-test' });
    await enqueueJob(t.db, 'deadline-sweep', {}, { uniqueKey: 'sweep-test' });
    const rows = await t.db.selectFrom('jobs').select('id').where('unique_key', '=', 'sweep-test').execute();
    expect(rows).toHaveLength(1);
  });
});
