// The in-process job worker: polls the jobs table, runs each claimed job's handler, retries failures with backoff,
// and keeps the periodic sweeps (deadline warnings and escalations) scheduled.
import { randomUUID } from 'node:crypto';
import { claimJobs, completeJob, enqueueJob, failJob, type ClaimedJob } from '../repositories/jobs.ts';
import { jobHandlers, type WorkerDependencies } from './handlers.ts';
import { scheduleNewIssueDetection } from '../reports/new-issue-alerts.ts';

export type { WorkerDependencies } from './handlers.ts';

const SWEEP_EVERY_MS = 60_000;

/** Runs one claimed job; unknown kinds fail (and so are retried, then kept with their error). */
export async function runJob(deps: WorkerDependencies, job: ClaimedJob): Promise<void> {
  const handler = jobHandlers[job.kind];
  try {
    if (!handler) throw new Error(`No handler for job kind "${job.kind}"`);
    await handler(deps, job);
    await completeJob(deps.db, job.id);
  } catch (error) {
    await failJob(deps.db, job, error);
  }
}

/** Claims and runs due jobs until none are left; returns how many ran (tests call this directly). */
export async function drainJobs(deps: WorkerDependencies, workerId = 'drain'): Promise<number> {
  let count = 0;
  for (;;) {
    const jobs = await claimJobs(deps.db, workerId, 10);
    if (jobs.length === 0) return count;
    for (const job of jobs) await runJob(deps, job);
    count += jobs.length;
  }
}

/** Starts polling; stop() waits for the job in hand. */
export function startWorker(deps: WorkerDependencies): { stop(): Promise<void> } {
  const workerId = `worker-${randomUUID().slice(0, 8)}`;
  let running = true;
  let current: Promise<unknown> = Promise.resolve();
  let lastSweep = 0;
  const tick = async () => {
    if (!running) return;
    try {
      if (Date.now() - lastSweep >= SWEEP_EVERY_MS) {
        lastSweep = Date.now();
        await enqueueJob(deps.db, 'deadline-sweep', {}, { uniqueKey: 'deadline-sweep' });
        await enqueueJob(deps.db, 'report-schedules', {}, { uniqueKey: 'report-schedules' });
        await enqueueJob(deps.db, 'survey-invitations', {}, { uniqueKey: 'survey-invitations' });
        await scheduleNewIssueDetection(deps.db, new Date());
      }
      await drainJobs(deps, workerId);
    } catch {
      // The database may be down; the next tick tries again.
    }
  };
  const timer = setInterval(() => {
    current = current.then(tick);
  }, 2000);
  return {
    async stop() {
      running = false;
      clearInterval(timer);
      await current;
    },
  };
}
