// Scheduled report delivery. The sweep ("report-schedules", every minute) finds schedules whose run has come, creates
// the delivery row for the month (its unique key means a month is sent once, whatever the number of workers) and
// queues its sending. Sending ("report-delivery") builds the report with the OWNER's policies, renders each format
// and sends one email with the files attached; a relay that is down is retried with backoff, and every failure is
// written on the delivery so that the console can show it.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { Config } from '../env.ts';
import type { ClaimedJob } from '../repositories/jobs.ts';
import { AppError } from '../errors.ts';
import { loadActor } from '../auth/authenticate.ts';
import type { CommandContext } from '../context.ts';
import {
  activeSchedules,
  claimDelivery,
  findDelivery,
  findSchedule,
  recordDeliveryAttempt,
  type ActiveSchedule,
  type ReportScheduleRecord,
} from '../repositories/report-schedules.ts';
import { enqueueDelivery } from '../commands/reports/report-schedules.ts';
import { agencySenderAddress } from '../repositories/outbox.ts';
import { assertHeaderSafe } from '../commands/email/email-outbound.ts';
import { reportBuilders } from '../reports/report-builders.ts';
import type { ReportDocument } from '../../shared/report-document.ts';
import { renderReport, reportFileName } from '../reports/render/index.ts';
import { latestDueReport } from '../../domain/report-schedule.ts';
import { parsePeriod, type ReportPeriod } from '../../shared/report-periods.ts';
import { transportFor } from './email-send.ts';

export interface ReportJobDependencies {
  db: Db;
  config: Config;
}

/** A failure that another try cannot fix (unknown report, owner gone, relay refusing for good). */
class FinalFailure extends Error {}

/**
 * Creates the deliveries that have come due at `now` and queues them; returns how many were created. One schedule
 * that cannot be read does not hold up the others: the sweep finishes, then throws naming it (the job records it).
 */
export async function runReportSchedules(db: Db, now: Date): Promise<number> {
  let created = 0;
  const problems: string[] = [];
  for (const schedule of await activeSchedules(db)) {
    try {
      if (await claimDueDelivery(db, schedule, now)) created += 1;
    } catch (error) {
      problems.push(`schedule ${schedule.id} of agency ${schedule.agencyId}: ${(error as Error).message}`);
    }
  }
  if (problems.length) throw new Error(`Some report schedules could not be checked: ${problems.join('; ')}`);
  return created;
}

async function claimDueDelivery(db: Db, schedule: ActiveSchedule, now: Date): Promise<boolean> {
  const due = latestDueReport(schedule, schedule.timeZone, schedule.calendar, now);
  // A run that came before the schedule existed is not owed (a schedule made on the 15th waits for next month).
  if (due.dueAt.getTime() < schedule.createdAt.getTime()) return false;
  const claimed = await db.transaction().execute(async (tx) => {
    const id = await claimDelivery(tx, schedule.agencyId, schedule.id, due.period.key, 'schedule', null);
    if (id !== null) await enqueueDelivery(tx, schedule.agencyId, id);
    return id;
  });
  return claimed !== null;
}

/** The owner's context: the report counts only the cases the owner may see (never the system's view of all). */
async function ownerContext(db: Db, agencyId: number, schedule: ReportScheduleRecord): Promise<CommandContext> {
  // 'token' acts as the owner would through the API; 'system' would see restricted cases the owner may not.
  const found = await loadActor(db, agencyId, schedule.ownerUserId, 'token');
  if (!found) {
    throw new FinalFailure(
      `${schedule.ownerName}, who owns this schedule, can no longer sign in; someone who may see the cases must save the schedule again to take it over.`,
    );
  }
  return { db, agency: found.agency, actor: found.actor, requestId: null };
}

async function buildDocument(
  ctx: CommandContext,
  schedule: ReportScheduleRecord,
  period: ReportPeriod,
  now: Date,
): Promise<ReportDocument> {
  const builder = reportBuilders[schedule.reportKind];
  if (!builder) {
    const known = Object.keys(reportBuilders).sort().join(', ') || 'none yet';
    throw new FinalFailure(
      `The report “${schedule.reportKind}” is not available in this version of civicdesk (available: ${known}).`,
    );
  }
  try {
    return await builder(ctx, {
      period,
      asOf: now,
      ...(schedule.savedReportId !== null ? { savedReportId: schedule.savedReportId } : {}),
    });
  } catch (error) {
    // A refusal (the saved report is gone or no longer shared with the owner, …) will not change by retrying.
    if (error instanceof AppError && error.status < 500) throw new FinalFailure(error.message);
    throw error;
  }
}

/** The subject: the report's title and the period it covers ("Monthly report — October 2026"). */
export function deliverySubject(title: string, period: ReportPeriod): string {
  const subject = title.includes(period.label) ? title : `${title} — ${period.label}`;
  return subject.replace(/\s+/g, ' ').trim();
}

async function composeMail(
  deps: ReportJobDependencies,
  ctx: CommandContext,
  schedule: ReportScheduleRecord,
  period: ReportPeriod,
  doc: ReportDocument,
) {
  const attachments = [];
  for (const format of schedule.formats) {
    const file = await renderReport(doc, format, { chromiumPath: deps.config.chromiumPath });
    attachments.push({
      filename: reportFileName(doc.title, period.key, file.extension),
      content: typeof file.body === 'string' ? Buffer.from(file.body, 'utf8') : file.body,
      contentType: file.contentType,
    });
  }
  const from = await agencySenderAddress(deps.db, ctx.agency.id, deps.config.inboundAddress);
  const subject = deliverySubject(doc.title, period);
  assertHeaderSafe('subject', subject);
  const messageId = `civicdesk.report.${randomUUID()}@${from.split('@')[1] ?? 'localhost'}`;
  const text = [
    `${subject}: the ${schedule.formats.map((f) => f.toUpperCase()).join(' and ')} ${schedule.formats.length > 1 ? 'files are' : 'file is'} attached.`,
    '',
    ...doc.subtitle,
    '',
    `The report counts the cases ${schedule.ownerName} may see.`,
    `Sent by the schedule “${schedule.name}” of ${ctx.agency.name}; administrators and supervisors change it under Reports → Scheduled reports.`,
  ].join('\n');
  return {
    messageId,
    mail: {
      from: { name: ctx.agency.name, address: from },
      to: schedule.recipients,
      subject,
      text,
      attachments,
      messageId: `<${messageId}>`,
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
      envelope: { from, to: schedule.recipients },
      disableFileAccess: true,
      disableUrlAccess: true,
    },
  };
}

/** Builds, renders and sends one delivery; throws to be retried (relay down, 4xx, a builder's passing error). */
export async function sendReportDelivery(
  deps: ReportJobDependencies,
  job: ClaimedJob,
  now = new Date(),
): Promise<void> {
  const agencyId = Number(job.payload.agencyId);
  const delivery = await findDelivery(deps.db, agencyId, Number(job.payload.deliveryId));
  if (!delivery || delivery.status !== 'queued') return;
  const record = (status: 'queued' | 'failed' | 'sent', error: string | null, messageId?: string) =>
    recordDeliveryAttempt(deps.db, agencyId, delivery.id, {
      status,
      attempts: job.attempts,
      error,
      ...(messageId ? { messageId } : {}),
    });
  const schedule = await findSchedule(deps.db, agencyId, delivery.scheduleId);
  if (!schedule) return;
  try {
    if (!deps.config.smtpUrl) {
      throw new Error('No outbound relay is configured (CIVICDESK_SMTP_URL); the report waits for one.');
    }
    const period = parsePeriod(delivery.periodKey);
    const ctx = await ownerContext(deps.db, agencyId, schedule);
    const doc = await buildDocument(ctx, schedule, period, now);
    const { mail, messageId } = await composeMail(deps, ctx, schedule, period, doc);
    let refused: string[];
    try {
      const info = await transportFor(deps.config.smtpUrl).sendMail(mail);
      refused = ((info.rejected ?? []) as (string | { address: string })[]).map((r) =>
        typeof r === 'string' ? r : r.address,
      );
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode ?? 0;
      if (code >= 500) throw new FinalFailure(`The mail relay refused the report: ${(error as Error).message}`);
      throw error;
    }
    // Sent to the others; the addresses the relay refused are noted on the delivery.
    await record('sent', refused.length ? `The relay refused ${refused.join(', ')}.` : null, messageId);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof FinalFailure || job.attempts >= job.maxAttempts) {
      await record('failed', message);
      return;
    }
    await record('queued', message);
    throw error;
  }
}
