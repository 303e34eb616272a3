// Job kinds and their handlers. A handler throws to have its job retried with backoff.
import type { ClaimedJob } from '../repositories/jobs.ts';
import type { Db } from '../db/database.ts';
import type { Config } from '../env.ts';
import { runDeadlineSweep } from './deadline-sweep.ts';
import { sweepOverdueActions } from './action-plan-sweep.ts';
import { sweepProjectMilestones } from './milestone-sweep.ts';
import { sweepQualityReminders } from './quality-reminder-sweep.ts';
import { sendNotificationDigests } from '../commands/notifications/send-digests.ts';
import { runSurveyInvitations } from '../commands/portal/survey-invitations.ts';
import { requeueWaitingMail, sendOutboxMessage } from './email-send.ts';
import { runNewIssueDetection } from '../reports/new-issue-alerts.ts';
import { runReportSchedules, sendReportDelivery } from './report-schedules.ts';

/** What a job handler works with: the database and the configuration. */
export interface WorkerDependencies {
  db: Db;
  config: Config;
}

export type JobHandler = (deps: WorkerDependencies, job: ClaimedJob) => Promise<void>;

export const jobHandlers: Record<string, JobHandler> = {
  'deadline-sweep': async (deps) => {
    await runDeadlineSweep(deps.db, new Date(), { consoleUrl: deps.config.publicUrl });
    await sweepOverdueActions(deps.db, new Date(), deps.config);
    await sweepProjectMilestones(deps.db, new Date(), deps.config);
    await sweepQualityReminders(deps.db, new Date(), deps.config);
    await sendNotificationDigests(deps.db, new Date(), { consoleUrl: deps.config.publicUrl });
  },
  'email-send': sendOutboxMessage,
  'survey-invitations': async (deps) => {
    await runSurveyInvitations(deps.db, deps.config, new Date());
  },
  'email-requeue': async (deps) => {
    await requeueWaitingMail(deps.db);
  },
  'new-issue-detection': async (deps, job) => {
    await runNewIssueDetection(deps, Number(job.payload.agencyId), new Date());
  },
  'report-schedules': async (deps) => {
    await runReportSchedules(deps.db, new Date());
  },
  'report-delivery': (deps, job) => sendReportDelivery(deps, job),
};
