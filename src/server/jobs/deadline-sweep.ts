// The deadline sweep: warns about open cases nearing the deadline they are watched on (first response until it
// is given, then resolution) and raises overdue cases one level up the escalation ladder, at most one level a
// day. Paused cases (waiting on the constituent) are left alone. Each change is audited as the system and notifies
// the people it concerns: the assignee of a warning, the people each escalation level names (by its notifyRole,
// within the case's unit), by the inbox and email (commands/notifications/notify.ts). Referrals whose local due
// date has passed climb the same ladder, one level a day, notifying the referred unit's people and the referrer.
// Complaint deadlines (acknowledgement, resolution, hearing, compliance report) climb it too (complaint-deadline-sweep.ts).
import type { Db } from '../db/database.ts';
import { recordAudit } from '../repositories/audit.ts';
import {
  agenciesToSweep,
  markCaseDeadlineStep,
  overdueReferrals,
  raiseReferralLevel,
  sweepCandidates,
} from '../repositories/deadline-sweep.ts';
import { systemActor, type CommandContext } from '../context.ts';
import { escalationStep } from '../../domain/escalation.ts';
import type { EscalationLevel } from '../../domain/types.ts';
import { localDate } from '../../shared/local-time.ts';
import { notify } from '../commands/notifications/notify.ts';
import { levelRecipients } from './escalation-recipients.ts';
import { sweepComplaintDeadlines, type SweepOptions } from './complaint-deadline-sweep.ts';

const BATCH = 500;
const HOURS_BETWEEN_LEVELS = 24;

export { levelRecipients } from './escalation-recipients.ts';

export type { SweepOptions } from './complaint-deadline-sweep.ts';

/** Runs the sweep for every agency at `now`; returns how many cases and referrals were warned or escalated. */
export async function runDeadlineSweep(db: Db, now: Date, options: SweepOptions = {}): Promise<number> {
  const agencies = await agenciesToSweep(db);
  let changed = 0;
  for (const agency of agencies) {
    const ctx: CommandContext = {
      db,
      agency: { id: agency.id, slug: agency.slug, name: agency.name, timeZone: agency.time_zone },
      actor: systemActor('deadline sweep'),
      requestId: null,
    };
    const levels: EscalationLevel[] = agency.escalation_levels;
    let afterId = 0;
    for (;;) {
      const batch = await sweepCandidates(db, agency.id, now, afterId, BATCH);
      if (batch.length === 0) break;
      afterId = batch[batch.length - 1]!.id;
      for (const c of batch) {
        const tooSoon =
          c.escalated_at !== null && now.getTime() - c.escalated_at.getTime() < HOURS_BETWEEN_LEVELS * 3_600_000;
        const step = escalationStep({
          now,
          receivedAt: c.received_at,
          dueAt: c.due_at,
          warningPercent: c.warning_percent ?? 75,
          currentLevel: c.escalation_level,
          warnedAt: c.warned_at,
          writerType: c.writer_type,
          levels,
        });
        const escalate = step.targetLevel > c.escalation_level && !tooSoon;
        if (!step.warn && !escalate) continue;
        await db.transaction().execute(async (tx) => {
          const patch = {
            ...(step.warn ? { warned_at: now } : {}),
            ...(escalate ? { escalation_level: step.targetLevel, escalated_at: now } : {}),
          };
          if (!(await markCaseDeadlineStep(tx, agency.id, c.id, c.escalation_level, patch, now))) return;
          const level = levels.find((l) => l.level === step.targetLevel);
          const levelName = level?.name ?? `level ${step.targetLevel}`;
          await recordAudit(
            tx,
            { ...ctx, db: tx },
            {
              action: escalate ? 'case.escalated' : 'case.deadline_warning',
              entityType: 'case',
              entityId: c.tracking_number,
              caseId: c.id,
              before: escalate ? { escalation_level: c.escalation_level } : { warned_at: null },
              after: escalate ? { escalation_level: step.targetLevel } : { warned_at: now },
              reason: escalate
                ? `Deadline ${c.due_at.toISOString()} passed; escalated to ${levelName}.`
                : `Deadline ${c.due_at.toISOString()} is near.`,
            },
          );
          const txCtx = { ...ctx, db: tx };
          if (escalate) {
            await notify(tx, txCtx, {
              kind: 'escalated',
              to: levelRecipients(level, c.unit_id, c.assignee_id),
              summary: `Case ${c.tracking_number} is overdue and was escalated to ${levelName}`,
              caseId: c.id,
              trackingNumber: c.tracking_number,
              consoleUrl: options.consoleUrl,
            });
          }
          if (step.warn && c.assignee_id !== null) {
            await notify(tx, txCtx, {
              kind: 'deadline_warning',
              to: { userIds: [c.assignee_id] },
              summary: `Case ${c.tracking_number} is due ${localDate(c.due_at, agency.time_zone)}`,
              caseId: c.id,
              trackingNumber: c.tracking_number,
              consoleUrl: options.consoleUrl,
            });
          }
          changed++;
        });
      }
      if (batch.length < BATCH) break;
    }
    changed += await sweepReferrals(ctx, levels, now, options);
    changed += await sweepComplaintDeadlines(ctx, levels, now, options);
  }
  return changed;
}

/**
 * Open referrals past their local due date climb the escalation ladder, one level a day up to the top configured
 * level; each step is audited on the case and notifies the level's people in the referred unit and the referrer.
 */
async function sweepReferrals(
  ctx: CommandContext,
  levels: EscalationLevel[],
  now: Date,
  options: SweepOptions,
): Promise<number> {
  const top = Math.max(0, ...levels.map((l) => l.level));
  if (top === 0) return 0;
  const today = localDate(now, ctx.agency.timeZone);
  const dayAgo = new Date(now.getTime() - HOURS_BETWEEN_LEVELS * 3_600_000);
  const overdue = await overdueReferrals(ctx.db, ctx.agency.id, today, top, dayAgo, BATCH);
  let changed = 0;
  for (const r of overdue) {
    const next = levels
      .map((l) => l.level)
      .filter((l) => l > r.escalation_level)
      .sort((a, b) => a - b)[0];
    if (next === undefined) continue;
    const level = levels.find((l) => l.level === next);
    await ctx.db.transaction().execute(async (tx) => {
      if (!(await raiseReferralLevel(tx, ctx.agency.id, r.id, r.escalation_level, next, now))) return;
      const txCtx = { ...ctx, db: tx };
      await recordAudit(tx, txCtx, {
        action: 'case.referral_escalated',
        entityType: 'case',
        entityId: r.tracking_number,
        caseId: r.case_id,
        before: { [`referral_${r.id}.escalation_level`]: r.escalation_level },
        after: { [`referral_${r.id}.escalation_level`]: next },
        reason: `The reply of ${r.unit_code} was due ${r.due_date}; escalated to ${level?.name ?? `level ${next}`}.`,
      });
      const to = levelRecipients(level, r.unit_id, r.created_by);
      await notify(tx, txCtx, {
        kind: 'escalated',
        to: { ...to, userIds: [...(to.userIds ?? []), ...(r.created_by === null ? [] : [r.created_by])] },
        summary: `The referral of case ${r.tracking_number} to ${r.unit_code} was due ${r.due_date} and is escalated to ${level?.name ?? `level ${next}`}`,
        caseId: r.case_id,
        trackingNumber: r.tracking_number,
        referralId: r.id,
        consoleUrl: options.consoleUrl,
      });
      changed++;
    });
  }
  return changed;
}
