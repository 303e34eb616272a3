// Scheduled reports for administrators and supervisors: list (with the next run and recent deliveries), create,
// change (with the version seen), delete, and send a period now. Whoever saves a schedule becomes its owner, because
// the report is built with the owner's policies: nobody can point someone else's view of the cases at a new inbox.
import { AppError, invalid, notFound } from '../../errors.ts';
import type { CommandContext } from '../../context.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { enqueueJob } from '../../repositories/jobs.ts';
import { getAgency } from '../../repositories/configuration/agency.ts';
import { getVisibleSavedReport } from '../../repositories/saved-reports.ts';
import {
  claimDelivery,
  deleteSchedule,
  findDelivery,
  findDeliveryFor,
  findSchedule,
  insertSchedule,
  listDeliveries,
  listSchedules,
  requeueDelivery,
  updateSchedule,
  type ReportDeliveryRecord,
  type ReportFormatName,
  type ReportScheduleRecord,
  type ReportScheduleValues,
} from '../../repositories/report-schedules.ts';
import { reportBuilders } from '../../reports/report-builders.ts';
import type { BusinessCalendar } from '../../../domain/types.ts';
import { normalizeEmail } from '../../../domain/contact-normalization.ts';
import { parsePeriod } from '../../../shared/report-periods.ts';
import { isRunAtLocal, nextRun, parseRunOn } from '../../../domain/report-schedule.ts';
import { FieldProblems, checkVersion, cleanName, requireRole } from '../common.ts';

export const REPORT_DELIVERY_JOB = 'report-delivery';
/** Tries of one delivery: with the runner's doubling backoff, about eleven hours of a relay being down. */
export const REPORT_DELIVERY_ATTEMPTS = 12;
export const SCHEDULE_FORMATS: readonly ReportFormatName[] = ['pdf', 'xlsx', 'csv'];
/** The kinds a schedule may name even before their module has registered a builder (the delivery then fails). */
export const SCHEDULABLE_KINDS = ['monthly', 'mmr', 'saved'] as const;
export const MAX_RECIPIENTS = 50;
const DELIVERIES_SHOWN = 24;

const MANAGERS = ['administrator', 'supervisor'] as const;
const EMAIL = /^[^\s@<>,;:"()[\]\\]+@[^\s@<>,;:"()[\]\\]+\.[^\s@<>,;:"()[\]\\]+$/;

export interface ReportScheduleInput {
  name: string;
  reportKind: string;
  savedReportId?: number | null | undefined;
  formats: string[];
  recipients: string[];
  runOn: string;
  runAtLocal?: string | undefined;
  active?: boolean | undefined;
}

export interface ReportScheduleView extends ReportScheduleRecord {
  /** When the next report goes out and which month it covers (null while the schedule is paused). */
  nextRun: { periodKey: string; periodLabel: string; at: Date } | null;
  deliveries: ReportDeliveryRecord[];
}

/** The kinds a schedule may name: the registered builders and the ones being built. */
export function schedulableKinds(): string[] {
  return [...new Set([...SCHEDULABLE_KINDS, ...Object.keys(reportBuilders)])].sort();
}

function checkedRecipients(problems: FieldProblems, recipients: string[]): string[] {
  const cleaned = recipients.map((r) => normalizeEmail(r));
  if (cleaned.length === 0) problems.add('recipients', 'name at least one email address');
  if (cleaned.length > MAX_RECIPIENTS) problems.add('recipients', `at most ${MAX_RECIPIENTS} addresses`);
  cleaned.forEach((address, index) => {
    if (!EMAIL.test(address) || address.length > 254) {
      problems.add(`recipients[${index}]`, `“${recipients[index]}” is not an email address`);
    }
  });
  return [...new Set(cleaned)];
}

function checkedFormats(problems: FieldProblems, formats: string[]): ReportFormatName[] {
  const unknown = formats.filter((f) => !SCHEDULE_FORMATS.includes(f as ReportFormatName));
  if (unknown.length) problems.add('formats', `“${unknown.join('”, “')}” is not one of pdf, xlsx, csv`);
  else if (formats.length === 0) problems.add('formats', 'choose at least one of pdf, xlsx, csv');
  return SCHEDULE_FORMATS.filter((f) => formats.includes(f));
}

/** Checks a schedule as a whole; every bad field is named in one 400. */
async function checkedValues(ctx: CommandContext, input: ReportScheduleInput): Promise<ReportScheduleValues> {
  const problems = new FieldProblems();
  const name = cleanName(problems, 'name', input.name) ?? '';
  if (name.length > 200) problems.add('name', 'at most 200 characters');
  const kinds = schedulableKinds();
  if (!kinds.includes(input.reportKind)) {
    problems.add('reportKind', `“${input.reportKind}” is not a report civicdesk makes (known: ${kinds.join(', ')})`);
  }
  const savedReportId = input.savedReportId ?? null;
  if (input.reportKind === 'saved') {
    if (savedReportId === null) problems.add('savedReportId', 'choose the saved report to send');
    else if (!(await getVisibleSavedReport(ctx.db, ctx.agency.id, ctx.actor, savedReportId))) {
      problems.add('savedReportId', `saved report ${savedReportId} does not exist or is not shared with you`);
    }
  } else if (savedReportId !== null) {
    problems.add('savedReportId', 'is only for reports of kind "saved"');
  }
  const formats = checkedFormats(problems, input.formats);
  const recipients = checkedRecipients(problems, input.recipients);
  try {
    parseRunOn(input.runOn);
  } catch (error) {
    problems.add('runOn', (error as Error).message);
  }
  const runAtLocal = input.runAtLocal ?? '08:00';
  if (!isRunAtLocal(runAtLocal)) problems.add('runAtLocal', 'write the time as HH:MM (24-hour), e.g. 08:00');
  problems.throwIfAny();
  return {
    name,
    reportKind: input.reportKind,
    savedReportId: input.reportKind === 'saved' ? savedReportId : null,
    formats,
    recipients,
    runOn: input.runOn,
    runAtLocal,
    active: input.active ?? true,
    ownerUserId: ctx.actor.userId,
  };
}

async function mustFind(ctx: CommandContext, id: number, lock = false): Promise<ReportScheduleRecord> {
  const schedule = await findSchedule(ctx.db, ctx.agency.id, id, lock);
  if (!schedule) throw notFound(`Scheduled report ${id}`);
  return schedule;
}

/** The schedules with their next runs and latest deliveries (read for all of them at once). */
async function present(
  ctx: CommandContext,
  schedules: ReportScheduleRecord[],
  agency: { timeZone: string; calendar: BusinessCalendar },
  now: Date,
): Promise<ReportScheduleView[]> {
  const deliveries = await listDeliveries(
    ctx.db,
    ctx.agency.id,
    schedules.map((schedule) => schedule.id),
    DELIVERIES_SHOWN,
  );
  return schedules.map((schedule) => {
    const next = schedule.active ? nextRun(schedule, agency.timeZone, agency.calendar, now) : null;
    return {
      ...schedule,
      nextRun: next ? { periodKey: next.period.key, periodLabel: next.period.label, at: next.dueAt } : null,
      deliveries: deliveries.get(schedule.id) ?? [],
    };
  });
}

/** The schedules of the agency, each with its next run and its latest deliveries. */
export async function listReportSchedules(ctx: CommandContext, now = new Date()): Promise<ReportScheduleView[]> {
  requireRole(ctx, MANAGERS, 'see scheduled reports');
  const [schedules, agency] = await Promise.all([
    listSchedules(ctx.db, ctx.agency.id),
    getAgency(ctx.db, ctx.agency.id),
  ]);
  return present(ctx, schedules, agency, now);
}

/** One schedule with its next run and deliveries. */
export async function getReportSchedule(
  ctx: CommandContext,
  id: number,
  now = new Date(),
): Promise<ReportScheduleView> {
  requireRole(ctx, MANAGERS, 'see scheduled reports');
  const [view] = await present(ctx, [await mustFind(ctx, id)], await getAgency(ctx.db, ctx.agency.id), now);
  return view!;
}

/** Adds a schedule owned by the caller. */
export async function createReportSchedule(
  ctx: CommandContext,
  input: ReportScheduleInput,
): Promise<ReportScheduleView> {
  requireRole(ctx, MANAGERS, 'schedule reports');
  const values = await checkedValues(ctx, input);
  const id = await ctx.db.transaction().execute(async (tx) => {
    const created = await insertSchedule(tx, ctx.agency.id, values);
    await recordAudit(tx, ctx, {
      action: 'report_schedule.created',
      entityType: 'report_schedule',
      entityId: created,
      after: { ...values },
    });
    return created;
  });
  return getReportSchedule(ctx, id);
}

/** Replaces a schedule's settings; the caller becomes its owner. 409 when someone saved it in between. */
export async function changeReportSchedule(
  ctx: CommandContext,
  id: number,
  input: ReportScheduleInput & { expectedVersion: number },
): Promise<ReportScheduleView> {
  requireRole(ctx, MANAGERS, 'change scheduled reports');
  const values = await checkedValues(ctx, input);
  await ctx.db.transaction().execute(async (tx) => {
    const current = await mustFind({ ...ctx, db: tx }, id, true);
    checkVersion(`Scheduled report “${current.name}”`, current.version, input.expectedVersion);
    await updateSchedule(tx, ctx.agency.id, id, values);
    await recordAudit(tx, ctx, {
      action: 'report_schedule.updated',
      entityType: 'report_schedule',
      entityId: id,
      before: auditable(current),
      after: { ...values },
    });
  });
  return getReportSchedule(ctx, id);
}

function auditable(schedule: ReportScheduleRecord): Record<string, unknown> {
  const {
    ownerName: _ownerName,
    createdAt: _createdAt,
    updatedAt: _updatedAt,
    version: _version,
    id: _id,
    ...rest
  } = schedule;
  return rest;
}

/** Removes a schedule and its delivery history. */
export async function removeReportSchedule(ctx: CommandContext, id: number, expectedVersion?: number): Promise<void> {
  requireRole(ctx, MANAGERS, 'delete scheduled reports');
  await ctx.db.transaction().execute(async (tx) => {
    const current = await mustFind({ ...ctx, db: tx }, id, true);
    checkVersion(`Scheduled report “${current.name}”`, current.version, expectedVersion);
    await deleteSchedule(tx, ctx.agency.id, id);
    await recordAudit(tx, ctx, {
      action: 'report_schedule.deleted',
      entityType: 'report_schedule',
      entityId: id,
      before: auditable(current),
    });
  });
}

/** Queues the sending of a delivery (one job per delivery while it is unfinished). */
export async function enqueueDelivery(tx: CommandContext['db'], agencyId: number, deliveryId: number): Promise<void> {
  await enqueueJob(
    tx,
    REPORT_DELIVERY_JOB,
    { agencyId, deliveryId },
    { agencyId, uniqueKey: `report-delivery:${agencyId}:${deliveryId}`, maxAttempts: REPORT_DELIVERY_ATTEMPTS },
  );
}

/**
 * Sends a schedule's report for a period now, to its recipients. A period already sent (or failed) is sent again;
 * one still being sent is a 409.
 */
export async function sendReportNow(
  ctx: CommandContext,
  id: number,
  periodText: string,
): Promise<ReportDeliveryRecord> {
  requireRole(ctx, MANAGERS, 'send scheduled reports');
  let period;
  try {
    period = parsePeriod(periodText);
  } catch (error) {
    throw invalid('period', (error as Error).message);
  }
  const deliveryId = await ctx.db.transaction().execute(async (tx) => {
    const schedule = await mustFind({ ...ctx, db: tx }, id, true);
    const existing = await findDeliveryFor(tx, ctx.agency.id, id, period.key, true);
    if (existing?.status === 'queued') {
      throw new AppError('conflict', `The report for ${period.label} is already being sent; wait for it to finish.`, [
        { field: 'period', message: 'is being sent' },
      ]);
    }
    let delivery = existing?.id ?? null;
    if (delivery !== null) await requeueDelivery(tx, ctx.agency.id, delivery, ctx.actor.userId);
    else delivery = await claimDelivery(tx, ctx.agency.id, id, period.key, 'send_now', ctx.actor.userId);
    await enqueueDelivery(tx, ctx.agency.id, delivery!);
    await recordAudit(tx, ctx, {
      action: 'report_schedule.sent_now',
      entityType: 'report_schedule',
      entityId: id,
      after: { period: period.key, recipients: schedule.recipients, formats: schedule.formats },
    });
    return delivery!;
  });
  return (await findDelivery(ctx.db, ctx.agency.id, deliveryId))!;
}
