// Project milestones, swept with the case deadlines (the deadline-sweep job): an open milestone of an active project
// due within MILESTONE_WARNING_DAYS (local dates of the agency) tells the project's owner it is due soon; once its due
// date has passed, that it is overdue. Each is told once (alert_level), in one transaction with one audit event and
// one notification through notify (in the inbox, emailed by the person's preference), as the system.
import type { Config } from '../env.ts';
import type { Db } from '../db/database.ts';
import { recordAudit } from '../repositories/audit.ts';
import { agenciesWithOpenMilestones, milestonesToAlert, raiseMilestoneAlert } from '../repositories/projects.ts';
import { systemActor, type CommandContext } from '../context.ts';
import { notify } from '../commands/notifications/notify.ts';
import { addLocalDays, localDate } from '../../shared/local-time.ts';

/** How many days before its due date a milestone's owner is told it is due soon. */
export const MILESTONE_WARNING_DAYS = 3;

/** Tells the owners of milestones due soon or overdue at `now`; returns how many milestones were told about. */
export async function sweepProjectMilestones(db: Db, now: Date, config: Pick<Config, 'publicUrl'>): Promise<number> {
  let changed = 0;
  for (const agency of await agenciesWithOpenMilestones(db)) {
    const ctx: CommandContext = {
      db,
      agency: { id: agency.id, slug: agency.slug, name: agency.name, timeZone: agency.time_zone },
      actor: systemActor('deadline sweep'),
      requestId: null,
    };
    const today = localDate(now, agency.time_zone);
    const soonUntil = addLocalDays(today, MILESTONE_WARNING_DAYS);
    for (const milestone of await milestonesToAlert(db, agency.id, today, soonUntil)) {
      const overdue = milestone.dueOn < today;
      const level = overdue ? 2 : 1;
      await db.transaction().execute(async (tx) => {
        if (!(await raiseMilestoneAlert(tx, agency.id, milestone.id, milestone.alertLevel, level))) return;
        const txCtx = { ...ctx, db: tx };
        await recordAudit(tx, txCtx, {
          action: overdue ? 'project.milestone_overdue' : 'project.milestone_due',
          entityType: 'project',
          entityId: milestone.projectId,
          before: { [`milestone_${milestone.id}.alert_level`]: milestone.alertLevel },
          after: { [`milestone_${milestone.id}.alert_level`]: level },
          reason: `“${milestone.title}” is due on ${milestone.dueOn}.`,
        });
        await notify(tx, txCtx, {
          kind: overdue ? 'milestone_overdue' : 'milestone_due',
          to: { userIds: [milestone.ownerUserId] },
          summary: overdue
            ? `The milestone “${milestone.title}” of the project “${milestone.projectTitle}” was due on ${milestone.dueOn} and is not done`
            : `The milestone “${milestone.title}” of the project “${milestone.projectTitle}” is due on ${milestone.dueOn}`,
          projectId: milestone.projectId,
          subjectDetail: milestone.title,
          consoleUrl: config.publicUrl,
        });
        changed++;
      });
    }
  }
  return changed;
}
