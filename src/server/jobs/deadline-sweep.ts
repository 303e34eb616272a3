// The deadline sweep: warns about open cases nearing the deadline they are watched on (first response until it
// is given, then resolution) and raises overdue cases one level up the escalation ladder, at most one level a
// day. Paused cases (waiting on the constituent) are left alone. Each change is audited as the system.
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { recordAudit } from '../repositories/audit.ts';
import { systemActor, type CommandContext } from '../context.ts';
import { escalationStep } from '../../domain/escalation.ts';
import type { EscalationLevel } from '../../domain/types.ts';

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
  writer_type: 'constituent' | 'representative' | 'advocate' | 'elected_official' | 'media';
}

/** Cases of one agency that may need a warning or an escalation now, after the given id (keyset). */
async function candidates(db: Db, agencyId: number, now: Date, afterId: number): Promise<Candidate[]> {
  const result = await sql<Candidate>`
    select c.id, c.tracking_number, c.received_at, c.escalation_level, c.escalated_at, c.warned_at, c.writer_type,
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

/** Runs the sweep for every agency at `now`; returns how many cases were warned or escalated. */
export async function runDeadlineSweep(db: Db, now: Date): Promise<number> {
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
      const batch = await candidates(db, agency.id, now, afterId);
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
          const levelName = levels.find((l) => l.level === step.targetLevel)?.name ?? `level ${step.targetLevel}`;
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
          changed++;
        });
      }
      if (batch.length < BATCH) break;
    }
  }
  return changed;
}
