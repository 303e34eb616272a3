// The deadline sweep: warns about open cases nearing the deadline they are watched on (first response until it
// is given, then resolution) and raises overdue cases one level up the escalation ladder, at most one level a
// day. Paused cases (waiting on the constituent) are left alone. Each change is audited as the system and notifies
// the people it concerns: the assignee of a warning, the people each escalation level names (by its notifyRole,
// within the case's unit), by the inbox and email (commands/notifications/notify.ts). Referrals whose local due
// date has passed climb the same ladder, one level a day, notifying the referred unit's people and the referrer.
// Complaint deadlines (acknowledgement, resolution, hearing, compliance report) climb it too (complaint-deadline-sweep.ts).
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { recordAudit } from '../repositories/audit.ts';
import { systemActor, type CommandContext } from '../context.ts';
import { escalationStep } from '../../domain/escalation.ts';
import type { EscalationLevel } from '../../domain/types.ts';
import { localDate } from '../../shared/local-time.ts';
import { notify } from '../commands/notifications/notify.ts';
import { levelRecipients } from './escalation-recipients.ts';
import { sweepComplaintDeadlines } from './complaint-deadline-sweep.ts';

const BATCH = 500;
const HOURS_BETWEEN_LEVELS = 24;

interface Candidate {
  id: number;
  tracking_number: string;
  received_at: Date;
  due_at: Date;
  warning_percent: number | null;
  escalation_level: number;
  escalated_at: Date | null;
  warned_at: Date | null;
  unit_id: number | null;
  assignee_id: number | null;
  writer_type: 'constituent' | 'representative' | 'advocate' | 'elected_official' | 'media';
}

/** Cases of one agency that may need a warning or an escalation now, after the given id (keyset). */
export async function sweepCandidates(db: Db, agencyId: number, now: Date, afterId: number): Promise<Candidate[]> {
  const result = await sql<Candidate>`
    select c.id, c.tracking_number, c.received_at, c.escalation_level, c.escalated_at, c.warned_at, c.writer_type,
           c.unit_id, c.assignee_id,
           coalesce(case when c.first_response_at is null then c.first_response_due_at end, c.resolution_due_at) as due_at,
           s.warning_percent
    from cases c
    left join service_standards s on s.agency_id = c.agency_id and s.id = c.service_standard_id
    where c.agency_id = ${agencyId} and c.id > ${afterId}
      and c.status not in ('closed', 'waiting_on_constituent') and c.paused_at is null and c.merged_into_id is null
      and coalesce(case when c.first_response_at is null then c.first_response_due_at end, c.resolution_due_at) is not null
      and (
        coalesce(case when c.first_response_at is null then c.first_response_due_at end, c.resolution_due_at) < ${now}
        or (c.warned_at is null and c.received_at + (coalesce(case when c.first_response_at is null then c.first_response_due_at end, c.resolution_due_at) - c.received_at) * (coalesce(s.warning_percent, 75) / 100.0) <= ${now})
      )
    order by c.id
    limit ${BATCH}`.execute(db);
  return result.rows;
}

export { levelRecipients } from './escalation-recipients.ts';

export interface SweepOptions {
  /** The console's address for the links in notification emails. */
  consoleUrl?: string | undefined;
}

/** Runs the sweep for every agency at `now`; returns how many cases and referrals were warned or escalated. */
export async function runDeadlineSweep(db: Db, now: Date, options: SweepOptions = {}): Promise<number> {
  const agencies = await db
    .selectFrom('agencies')
    .select(['id', 'slug', 'name', 'time_zone', 'escalation_levels'])
    .execute();
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
      const batch = await sweepCandidates(db, agency.id, now, afterId);
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
          const updated = await tx
            .updateTable('cases')
            .set({ ...patch, version: sql<number>`version + 1`, updated_at: now })
            .where('agency_id', '=', agency.id)
            .where('id', '=', c.id)
            .where('escalation_level', '=', c.escalation_level)
            .returning('id')
            .executeTakeFirst();
          if (!updated) return;
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
  const overdue = await ctx.db
    .selectFrom('referrals as r')
    .innerJoin('cases as c', (j) => j.onRef('c.agency_id', '=', 'r.agency_id').onRef('c.id', '=', 'r.case_id'))
    .innerJoin('units as u', (j) => j.onRef('u.agency_id', '=', 'r.agency_id').onRef('u.id', '=', 'r.unit_id'))
    .select([
      'r.id',
      'r.case_id',
      'r.unit_id',
      'r.created_by',
      'r.escalation_level',
      sql<string>`to_char(r.due_date, 'YYYY-MM-DD')`.as('due_date'),
      'c.tracking_number',
      'u.code as unit_code',
    ])
    .where('r.agency_id', '=', ctx.agency.id)
    .where('r.status', '=', 'open')
    .where('r.due_date', '<', today)
    .where('r.escalation_level', '<', top)
    .where((eb) => eb.or([eb('r.escalated_at', 'is', null), eb('r.escalated_at', '<=', dayAgo)]))
    .orderBy('r.id')
    .limit(BATCH)
    .execute();
  let changed = 0;
  for (const r of overdue) {
    const next = levels
      .map((l) => l.level)
      .filter((l) => l > r.escalation_level)
      .sort((a, b) => a - b)[0];
    if (next === undefined) continue;
    const level = levels.find((l) => l.level === next);
    await ctx.db.transaction().execute(async (tx) => {
      const updated = await tx
        .updateTable('referrals')
        .set({ escalation_level: next, escalated_at: now })
        .where('agency_id', '=', ctx.agency.id)
        .where('id', '=', r.id)
        .where('escalation_level', '=', r.escalation_level)
        .where('status', '=', 'open')
        .returning('id')
        .executeTakeFirst();
      if (!updated) return;
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
