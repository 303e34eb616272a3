// Overdue plan actions, swept with the case deadlines (the deadline-sweep job): an open action of an open plan whose
// due date (a local date of the agency) has passed is flagged overdue and its owner notified; still open a week
// later it is escalated to the plan's owner. Each step is one transaction with one audit event and one notification
// (in the inbox, emailed by the person's preference), as the system.
import type { Config } from '../env.ts';
import type { Db } from '../db/database.ts';
import { recordAudit } from '../repositories/audit.ts';
import {
  agenciesWithOpenPlans,
  overdueActions,
  raiseActionLevel,
  type OverdueAction,
} from '../repositories/action-plans.ts';
import { systemActor, type CommandContext } from '../context.ts';
import { notify } from '../commands/notifications/notify.ts';
import { localDate } from '../../shared/local-time.ts';

/** Days an action stays flagged overdue before it is escalated to the plan's owner. */
export const DAYS_BEFORE_ESCALATION = 7;

function summary(action: OverdueAction, escalated: boolean): string {
  return escalated
    ? `“${action.title}” (owner ${action.ownerName}) of the plan “${action.planTitle}” was due on ${action.dueOn} and is still open after ${DAYS_BEFORE_ESCALATION} days`
    : `Your action “${action.title}” of the plan “${action.planTitle}” was due on ${action.dueOn} and is not completed`;
}

/** Flags and escalates the overdue actions of every agency at `now`; returns how many actions changed. */
export async function sweepOverdueActions(db: Db, now: Date, config: Pick<Config, 'publicUrl'>): Promise<number> {
  const escalateBefore = new Date(now.getTime() - DAYS_BEFORE_ESCALATION * 86_400_000);
  let changed = 0;
  for (const agency of await agenciesWithOpenPlans(db)) {
    const ctx: CommandContext = {
      db,
      agency: { id: agency.id, slug: agency.slug, name: agency.name, timeZone: agency.time_zone },
      actor: systemActor('deadline sweep'),
      requestId: null,
    };
    const today = localDate(now, agency.time_zone);
    for (const action of await overdueActions(db, agency.id, today, escalateBefore)) {
      await db.transaction().execute(async (tx) => {
        if (!(await raiseActionLevel(tx, agency.id, action.id, action.escalationLevel, now))) return;
        const escalated = action.escalationLevel === 1;
        const txCtx = { ...ctx, db: tx };
        await recordAudit(tx, txCtx, {
          action: escalated ? 'action_plan.action_escalated' : 'action_plan.action_overdue',
          entityType: 'action_plan',
          entityId: action.planId,
          before: { [`action_${action.id}.escalation_level`]: action.escalationLevel },
          after: { [`action_${action.id}.escalation_level`]: action.escalationLevel + 1 },
          reason: `“${action.title}” was due on ${action.dueOn}.`,
        });
        await notify(tx, txCtx, {
          kind: escalated ? 'action_escalated' : 'action_overdue',
          to: { userIds: [escalated ? action.planOwnerUserId : action.ownerUserId] },
          summary: summary(action, escalated),
          actionPlanId: action.planId,
          subjectDetail: action.title,
          consoleUrl: config.publicUrl,
        });
        changed++;
      });
    }
  }
  return changed;
}
