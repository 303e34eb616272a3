// Stored new-issue alerts: the daily job (yesterday, by day and by week) stores each rise once and emails the
// managers of the unit most of its cases went to; staff list the alerts they may see and acknowledge them (audited).
// Administrators, supervisors and auditors see every alert; everyone else the alerts of their own units. Alert counts
// never include restricted cases (see new-issues.ts), so an alert reveals none.
import type { Db } from '../db/database.ts';
import type { Config } from '../env.ts';
import { systemActor, type CommandContext } from '../context.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { requireAdministrator } from '../commands/common.ts';
import { recordAudit } from '../repositories/audit.ts';
import { enqueueJob } from '../repositories/jobs.ts';
import { EMAIL_SEND_ATTEMPTS, EMAIL_SEND_JOB } from '../commands/email/email-outbound.ts';
import { addLocalDays, isCalendarDate, localDate, zonedDateTime } from '../../shared/local-time.ts';
import type { ReportPeriod } from '../../shared/report-periods.ts';
import {
  agencyToday,
  detectIssuesOn,
  issueFromAlert,
  storedWeekAlerts,
  seesAllAlerts,
  type DetectedIssue,
  type NewIssue,
  type NewIssueWindow,
} from './new-issues.ts';
import type { AlertCaseFilter, DetectionRun, IssueAlertView } from '../../shared/reports.ts';
import { agencySenderAddress } from '../repositories/outbox.ts';
import {
  activeUnitManagers,
  agencyTimeZones,
  alertRows,
  insertAlert,
  overlapsEarlierWeek,
  judgedDays,
  loadAgency,
  lockedAlertRow,
  markAlertAcknowledged,
  queueNotificationEmail,
  recordDetectionRun,
  type ListedRow,
} from './new-issue-alerts-queries.ts';
import { oneLine } from '../../domain/one-line.ts';

/** The job kind of the daily detection (one job per agency). */
export const NEW_ISSUE_DETECTION_JOB = 'new-issue-detection';
/** The local time the daily detection runs at, once the previous day is complete. */
const DETECTION_TIME = '06:00';

export type { AlertCaseFilter, IssueAlertView } from '../../shared/reports.ts';

// ---------------------------------------------------------------------------------------------------------------
// Reading.

function caseFilter(row: ListedRow): AlertCaseFilter {
  const filter: AlertCaseFilter = { receivedFrom: row.period_from, receivedTo: row.period_to, merged: 'false' };
  if (row.dimension === 'subject') filter.subject = row.key;
  if (row.dimension === 'facility') filter.facility = row.key;
  if (row.dimension === 'unit' && row.unit_code) filter.unit = row.unit_code;
  if (row.dimension === 'subject_facility') {
    const bar = row.key.indexOf('|');
    filter.subject = row.key.slice(0, bar);
    filter.facility = row.key.slice(bar + 1);
  }
  return filter;
}

function present(row: ListedRow, today: string): IssueAlertView {
  return {
    id: row.id,
    ...issueFromAlert(row, today),
    history: row.history.map(Number),
    unit: row.unit_id !== null ? { id: row.unit_id, code: row.unit_code ?? '', name: row.unit_name ?? '' } : null,
    createdAt: new Date(row.created_at).toISOString(),
    acknowledged: row.acknowledged_at
      ? { at: new Date(row.acknowledged_at).toISOString(), by: row.acknowledged_by_name ?? '' }
      : null,
    cases: caseFilter(row),
  };
}

/** The alerts the reader may see, newest first: open ones only or all, optionally those ending inside a period. */
export async function listIssueAlerts(
  ctx: CommandContext,
  options: { status: 'open' | 'all'; period?: ReportPeriod; limit: number },
): Promise<IssueAlertView[]> {
  const rows = await alertRows(ctx, seesAllAlerts(ctx), options);
  const today = agencyToday(ctx);
  return rows.map((row) => present(row, today));
}

// ---------------------------------------------------------------------------------------------------------------
// Acknowledging.

/**
 * Marks an alert as seen: by an administrator, a supervisor, or a manager of the alert's unit. Acknowledging it again
 * changes nothing. One audit event.
 */
export async function acknowledgeIssueAlert(ctx: CommandContext, id: number): Promise<IssueAlertView> {
  return ctx.db.transaction().execute(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const current = await lockedAlertRow(txCtx, seesAllAlerts(ctx), id);
    if (!current) throw notFound('The new-issue alert');
    const manages = current.unit_id !== null && ctx.actor.managedUnitIds.includes(current.unit_id);
    if (!['administrator', 'supervisor'].includes(ctx.actor.role) && !manages) {
      throw new AppError(
        'forbidden',
        "Only a manager of the alert's unit, a supervisor or an administrator can acknowledge a new-issue alert.",
      );
    }
    const today = agencyToday(ctx);
    if (current.acknowledged_at) return present(current, today);
    const at = new Date();
    await markAlertAcknowledged(tx, ctx.agency.id, id, ctx.actor.userId, at);
    await recordAudit(tx, ctx, {
      action: 'issue_alert.acknowledged',
      entityType: 'issue_alert',
      entityId: id,
      before: { acknowledged_by: null, acknowledged_at: null },
      after: { acknowledged_by: ctx.actor.userId, acknowledged_at: at },
    });
    return present({ ...current, acknowledged_at: at, acknowledged_by_name: ctx.actor.name }, today);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The daily job.

/** Stores the rises not stored yet; returns the ones that are new (a second run of the same day stores none). */
async function storeAlerts(tx: Db, agencyId: number, issues: DetectedIssue[]): Promise<DetectedIssue[]> {
  const stored: DetectedIssue[] = [];
  for (const issue of issues) {
    if (issue.window === 'week' && (await overlapsEarlierWeek(tx, agencyId, issue))) continue;
    if (await insertAlert(tx, agencyId, issue)) stored.push(issue);
  }
  return stored;
}

function notificationBody(name: string, unitNames: string[], issues: DetectedIssue[], publicUrl: string): string {
  const base = publicUrl.replace(/\/$/, '');
  const lines = [
    `Hello ${oneLine(name)},`,
    '',
    issues.length === 1
      ? 'civicdesk noticed more cases than usual:'
      : `civicdesk noticed more cases than usual in ${issues.length} places:`,
    '',
    ...issues.map((issue) => `- ${oneLine(issue.sentence)}.`),
    '',
    `See them, their cases and acknowledge them: ${base}/reports/new-issues`,
    '',
    `You receive this because you manage ${unitNames.join(', ')}. Expected counts come from the last 12 weeks, by`,
    'weekday and trend; restricted cases are not counted.',
  ];
  return lines.join('\n');
}

/** Emails each manager of the alerts' units one message listing the alerts of the units they manage. */
async function notifyManagers(tx: Db, ctx: CommandContext, issues: DetectedIssue[], config: Config): Promise<number> {
  const unitIds = [...new Set(issues.map((i) => i.unitId).filter((id): id is number => id !== null))];
  if (unitIds.length === 0) return 0;
  const managers = await activeUnitManagers(tx, ctx.agency.id, unitIds);
  const byUser = new Map<number, { name: string; email: string; units: Map<number, string> }>();
  for (const m of managers) {
    const entry = byUser.get(m.id) ?? { name: m.name, email: m.email, units: new Map<number, string>() };
    entry.units.set(m.unit_id, m.unit_name);
    byUser.set(m.id, entry);
  }
  const from = await agencySenderAddress(tx, ctx.agency.id);
  let sent = 0;
  for (const manager of byUser.values()) {
    const theirs = issues.filter((i) => i.unitId !== null && manager.units.has(i.unitId));
    const subject =
      theirs.length === 1 ? `New issue: ${oneLine(theirs[0]!.sentence)}` : `${theirs.length} new issues in your units`;
    const outbox = await queueNotificationEmail(tx, {
      agencyId: ctx.agency.id,
      from,
      to: manager.email,
      toName: oneLine(manager.name),
      subject: oneLine(subject).slice(0, 250),
      body: notificationBody(manager.name, [...manager.units.values()], theirs, config.publicUrl),
    });
    await enqueueJob(
      tx,
      EMAIL_SEND_JOB,
      { agencyId: ctx.agency.id, outboxId: outbox.id },
      {
        agencyId: ctx.agency.id,
        uniqueKey: `email-send:${ctx.agency.id}:${outbox.id}`,
        maxAttempts: EMAIL_SEND_ATTEMPTS,
      },
    );
    sent++;
  }
  return sent;
}

export type { DetectionRun } from '../../shared/reports.ts';

/** How far back the daily job catches up days it has not judged (seeded or imported cases, a stopped worker). */
export const CATCH_UP_DAYS = 92;

function systemContext(
  db: Db,
  agency: { id: number; slug: string; name: string; time_zone: string },
  actor = systemActor('new-issue detection'),
): CommandContext {
  return {
    db,
    agency: { id: agency.id, slug: agency.slug, name: agency.name, timeZone: agency.time_zone },
    actor,
    requestId: null,
  };
}

/** The days from `from` to `to` (local dates, inclusive) the detection has not judged yet. */
async function unjudgedDays(db: Db, agencyId: number, from: string, to: string): Promise<string[]> {
  if (to < from) return [];
  const done = new Set(await judgedDays(db, agencyId, from, to));
  const days: string[] = [];
  for (let day = from; day <= to; day = addLocalDays(day, 1)) if (!done.has(day)) days.push(day);
  return days;
}

/**
 * The one detection: judges each of `days` (by day and by the 7 days ending on it) as the system, oldest first, and
 * stores each rise once, in one transaction with a run row per day. With `notify`, managers are emailed about the
 * rises of the last 7 days, never about weeks caught up long after.
 */
async function judgeDays(
  ctx: CommandContext,
  days: string[],
  today: string,
  notify: Config | null,
): Promise<{ raised: number; notified: number }> {
  if (days.length === 0) return { raised: 0, notified: 0 };
  const found: DetectedIssue[] = [];
  for (const window of ['week', 'day'] as NewIssueWindow[]) {
    found.push(...(await detectIssuesOn(ctx, days, window, today)));
  }
  // Oldest first: a week alert is suppressed by an earlier overlapping one, so earlier weeks must be stored first.
  found.sort((a, b) => (a.to === b.to ? a.probability - b.probability : a.to < b.to ? -1 : 1));
  const yesterday = addLocalDays(today, -1);
  const store = async (tx: Db) => {
    const stored = await storeAlerts(tx, ctx.agency.id, found);
    // News is a rise of the last 7 days; a rise found only now for a long-past week is stored and listed, not emailed.
    const fresh = stored.filter((issue) => issue.to >= addLocalDays(yesterday, -6));
    const notified = notify && fresh.length ? await notifyManagers(tx, { ...ctx, db: tx }, fresh, notify) : 0;
    for (const day of days) {
      const raised = stored.filter((issue) => issue.to === day).length;
      await recordDetectionRun(tx, ctx.agency.id, day, raised);
    }
    return { raised: stored.length, notified };
  };
  // A report read inside a caller's transaction stores in it; otherwise the store is its own transaction.
  return ctx.db.isTransaction ? store(ctx.db) : ctx.db.transaction().execute(store);
}

/**
 * The daily detection for one agency: yesterday (again, if it already ran) and every day of the last
 * CATCH_UP_DAYS not judged yet — cases seeded or imported for past days get their alerts too. Emails the managers
 * of the units of yesterday's new alerts, in the same transaction as the alerts.
 */
export async function runNewIssueDetection(
  deps: { db: Db; config: Config },
  agencyId: number,
  now: Date,
): Promise<DetectionRun> {
  const ctx = systemContext(deps.db, await loadAgency(deps.db, agencyId));
  const today = localDate(now, ctx.agency.timeZone);
  const asOf = addLocalDays(today, -1);
  const missing = await unjudgedDays(deps.db, agencyId, addLocalDays(asOf, 1 - CATCH_UP_DAYS), addLocalDays(asOf, -1));
  const days = [...missing, asOf];
  const { raised, notified } = await judgeDays(ctx, days, today, deps.config);
  return { asOf, days: days.length, raised, notified };
}

/**
 * "Run now" (administrators): the daily detection at once, for yesterday and the missing days before it; with
 * `from`, every day from `from` to yesterday not judged yet (a period seeded or imported long ago). Audited.
 */
export async function runNewIssueDetectionNow(
  ctx: CommandContext,
  config: Config,
  options: { from?: string | undefined },
): Promise<DetectionRun> {
  requireAdministrator(ctx, 'run the new-issue detection');
  const today = agencyToday(ctx);
  const asOf = addLocalDays(today, -1);
  if (options.from !== undefined) {
    if (!isCalendarDate(options.from)) throw invalid('from', 'must be a date written YYYY-MM-DD');
    if (options.from > asOf) throw invalid('from', `must be yesterday (${asOf}) or earlier`);
    if (options.from < addLocalDays(asOf, -3 * 366)) throw invalid('from', 'may reach back at most three years');
  }
  const system = systemContext(ctx.db, await loadAgency(ctx.db, ctx.agency.id));
  const from = options.from ?? addLocalDays(asOf, 1 - CATCH_UP_DAYS);
  const days = [...(await unjudgedDays(ctx.db, ctx.agency.id, from, addLocalDays(asOf, -1))), asOf];
  const { raised, notified } = await judgeDays(system, days, today, config);
  await recordAudit(ctx.db, ctx, {
    action: 'issue_alert.detection_run',
    entityType: 'agency',
    entityId: ctx.agency.id,
    after: { from: days[0], to: asOf, days: days.length, raised },
  });
  return { asOf, days: days.length, raised, notified };
}

/**
 * The rises of weeks ending inside the period — the same stored alerts the alert list shows. Days of the period
 * (up to yesterday) the detection has not judged yet are judged first, so a period seeded or imported afterwards
 * gets its alerts once, and the report and the alert list give one answer. Scoped to the reader like the list.
 */
export async function newIssuesForPeriod(ctx: CommandContext, period: ReportPeriod): Promise<NewIssue[]> {
  const today = agencyToday(ctx);
  const yesterday = addLocalDays(today, -1);
  const days = await unjudgedDays(ctx.db, ctx.agency.id, period.from, period.to < yesterday ? period.to : yesterday);
  if (days.length) await judgeDays(systemContext(ctx.db, await loadAgency(ctx.db, ctx.agency.id)), days, today, null);
  return storedWeekAlerts(ctx, period, today);
}

/** The next run of the daily detection in an agency: today at 06:00 local if still ahead, else tomorrow. */
export function nextDetectionAt(now: Date, timeZone: string): Date {
  const today = localDate(now, timeZone);
  const todayRun = zonedDateTime(today, DETECTION_TIME, timeZone);
  return todayRun > now ? todayRun : zonedDateTime(addLocalDays(today, 1), DETECTION_TIME, timeZone);
}

/** Schedules each agency's next daily detection unless one is already waiting (the worker calls this every minute). */
export async function scheduleNewIssueDetection(db: Db, now: Date): Promise<void> {
  const agencies = await agencyTimeZones(db);
  for (const agency of agencies) {
    await enqueueJob(
      db,
      NEW_ISSUE_DETECTION_JOB,
      { agencyId: agency.id },
      {
        agencyId: agency.id,
        uniqueKey: `${NEW_ISSUE_DETECTION_JOB}:${agency.id}`,
        runAt: nextDetectionAt(now, agency.time_zone),
      },
    );
  }
}
