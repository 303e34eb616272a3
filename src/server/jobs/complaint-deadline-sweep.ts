// Complaint deadlines in the deadline sweep (run by runDeadlineSweep, so there is one sweep): the acknowledgement,
// the resolution or extended resolution, a scheduled hearing and the compliance report (domain/complaint-deadlines.ts)
// are warned about once when 75 % of their span has passed and, once overdue, climb the agency's escalation ladder one
// level a day — the same rule as cases (domain/escalation.ts). Each step is one transaction with one audit event and
// notifications through notify(): the warning to the complaint's investigator (else the caseworker of its case, else
// whoever filed it), an escalation to the people the level names as well. Notifications carry the complaint number
// and the deadline only, and a complaint of a restricted case notifies only people who may see that case.
import type { CommandContext } from '../context.ts';
import type { EscalationLevel } from '../../domain/types.ts';
import { escalationStep } from '../../domain/escalation.ts';
import { COMPLAINT_DEADLINE_LABELS, complaintDeadlines } from '../../domain/complaint-deadlines.ts';
import { endOfLocalDay, startOfLocalDay } from '../../shared/local-time.ts';
import { complaintClockSettings } from '../repositories/complaints.ts';
import {
  complaintsOwingDeadlines,
  lockDeadlineSteps,
  saveDeadlineStep,
  type SweptComplaint,
} from '../repositories/complaint-deadlines.ts';
import { recordAudit } from '../repositories/audit.ts';
import { notify } from '../commands/notifications/notify.ts';
import { levelRecipients } from './escalation-recipients.ts';

/** The options of the deadline sweep (deadline-sweep.ts runs this sweep with its own). */
export interface SweepOptions {
  /** The console's address for the links in notification emails. */
  consoleUrl?: string | undefined;
}

const BATCH = 500;
const HOURS_BETWEEN_LEVELS = 24;
/** Share of a complaint deadline's span after which its owner is warned (as a service standard's default). */
export const COMPLAINT_WARNING_PERCENT = 75;

/** Who answers for a complaint's deadlines: its investigator, else its case's caseworker, else who filed it. */
function ownerOf(complaint: SweptComplaint): number | null {
  return complaint.investigator_user_id ?? complaint.assignee_id ?? complaint.created_by;
}

/** Warns and escalates the complaint deadlines of one agency at `now`; returns how many deadlines changed. */
export async function sweepComplaintDeadlines(
  ctx: CommandContext,
  levels: EscalationLevel[],
  now: Date,
  options: SweepOptions,
): Promise<number> {
  const clock = await complaintClockSettings(ctx.db, ctx.agency.id);
  const zone = ctx.agency.timeZone;
  let changed = 0;
  let afterId = 0;
  for (;;) {
    const batch = await complaintsOwingDeadlines(ctx.db, ctx.agency.id, afterId, BATCH);
    if (!batch.length) break;
    afterId = batch[batch.length - 1]!.complaint.id;
    for (const { complaint, hearings } of batch) {
      const deadlines = complaintDeadlines(
        {
          status: complaint.status,
          receiptDate: complaint.receipt_date,
          resolutionDueOn: complaint.resolution_due_on,
          extensions: complaint.extensions,
          extendedOn: complaint.extended_on,
          acknowledgementMailedOn: complaint.acknowledgement_mailed_on,
          hearings,
        },
        clock.settings,
        clock.calendar,
      );
      if (!deadlines.length) continue;
      await ctx.db.transaction().execute(async (tx) => {
        const txCtx = { ...ctx, db: tx };
        const steps = new Map(
          (await lockDeadlineSteps(tx, ctx.agency.id, complaint.id)).map((s) => [s.deadline_key, s]),
        );
        for (const deadline of deadlines) {
          const known = steps.get(deadline.key);
          // A new due date (an extension, a hearing moved) starts the deadline afresh.
          const state = known && known.due_on === deadline.dueOn ? known : null;
          const level = state?.escalation_level ?? 0;
          const tooSoon =
            state?.escalated_at != null &&
            now.getTime() - state.escalated_at.getTime() < HOURS_BETWEEN_LEVELS * 3_600_000;
          const step = escalationStep({
            now,
            receivedAt: startOfLocalDay(deadline.startsOn, zone),
            dueAt: endOfLocalDay(deadline.dueOn, zone),
            warningPercent: COMPLAINT_WARNING_PERCENT,
            currentLevel: level,
            warnedAt: state?.warned_at ?? null,
            writerType: 'constituent',
            levels,
          });
          const escalate = step.targetLevel > level && !tooSoon;
          if (!step.warn && !escalate) continue;
          await saveDeadlineStep(tx, ctx.agency.id, complaint.id, {
            deadline_key: deadline.key,
            due_on: deadline.dueOn,
            warned_at: step.warn ? now : (state?.warned_at ?? null),
            escalation_level: escalate ? step.targetLevel : level,
            escalated_at: escalate ? now : (state?.escalated_at ?? null),
          });
          const label = COMPLAINT_DEADLINE_LABELS[deadline.kind];
          const levelConfig = levels.find((l) => l.level === step.targetLevel);
          const levelName = levelConfig?.name ?? `level ${step.targetLevel}`;
          await recordAudit(tx, txCtx, {
            action: escalate ? 'complaint.deadline_escalated' : 'complaint.deadline_warning',
            entityType: 'complaint',
            entityId: complaint.complaint_number,
            caseId: complaint.case_id,
            before: { [`${deadline.key}.escalation_level`]: level },
            after: { [`${deadline.key}.escalation_level`]: escalate ? step.targetLevel : level },
            reason: escalate
              ? `The ${label} was due ${deadline.dueOn}; escalated to ${levelName}.`
              : `The ${label} is due ${deadline.dueOn}.`,
          });
          const owner = ownerOf(complaint);
          if (escalate) {
            const to = levelRecipients(levelConfig, complaint.unit_id, owner);
            await notify(tx, txCtx, {
              kind: 'escalated',
              to: { ...to, userIds: [...(to.userIds ?? []), ...(owner === null ? [] : [owner])] },
              summary: `Complaint ${complaint.complaint_number}: the ${label} was due ${deadline.dueOn} and is escalated to ${levelName}`,
              caseId: complaint.case_id,
              subjectDetail: `complaint ${complaint.complaint_number}`,
              consoleUrl: options.consoleUrl,
            });
          }
          if (step.warn && owner !== null) {
            await notify(tx, txCtx, {
              kind: 'deadline_warning',
              to: { userIds: [owner] },
              summary: `Complaint ${complaint.complaint_number}: the ${label} is due ${deadline.dueOn}`,
              caseId: complaint.case_id,
              subjectDetail: `complaint ${complaint.complaint_number}`,
              consoleUrl: options.consoleUrl,
            });
          }
          changed++;
        }
      });
    }
    if (batch.length < BATCH) break;
  }
  return changed;
}
