// Overdue plan actions, swept with the case deadlines (the deadline-sweep job): an open action of an open plan whose
// due date (a local date of the agency) has passed is flagged overdue and its owner is emailed; still open a week
// later it is escalated to the plan's owner. Each step is one transaction with one audit event, as the system.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { Config } from '../env.ts';
import { recordAudit } from '../repositories/audit.ts';
import { enqueueJob } from '../repositories/jobs.ts';
import { overdueActions, raiseActionLevel, type OverdueAction } from '../repositories/action-plans.ts';
import { systemActor, type CommandContext } from '../context.ts';
import { EMAIL_SEND_ATTEMPTS, EMAIL_SEND_JOB } from '../commands/email-outbound.ts';
import { oneLine, senderAddress } from '../reports/new-issue-alerts.ts';
import { localDate } from '../../shared/local-time.ts';

/** Days an action stays flagged overdue before it is escalated to the plan's owner. */
export const DAYS_BEFORE_ESCALATION = 7;

async function notify(
  tx: Db,
  ctx: CommandContext,
  to: { name: string; email: string },
  subject: string,
  body: string,
): Promise<void> {
  const from = await senderAddress(tx, ctx.agency.id);
  const outbox = await tx
    .insertInto('outbox')
    .values({
      agency_id: ctx.agency.id,
      case_id: null,
      entry_id: null,
      kind: 'notification',
      message_id: `civicdesk.${randomUUID()}@${from.split('@')[1] ?? 'localhost'}`,
      from_address: from,
      to_address: to.email,
      to_name: oneLine(to.name),
      subject: oneLine(subject).slice(0, 250),
      body,
      auto_submitted: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
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
}

function message(action: OverdueAction, escalated: boolean, publicUrl: string) {
  const link = `${publicUrl.replace(/\/$/, '')}/quality/plans/${action.planId}`;
  const who = escalated ? action.planOwnerName : action.ownerName;
  return [
    `Hello ${oneLine(who)},`,
    '',
    escalated
      ? `“${oneLine(action.title)}” (owner ${oneLine(action.ownerName)}) of the plan “${oneLine(action.planTitle)}” was due on ${action.dueOn} and is still open after ${DAYS_BEFORE_ESCALATION} days.`
      : `Your action “${oneLine(action.title)}” of the plan “${oneLine(action.planTitle)}” was due on ${action.dueOn} and is not completed.`,
    '',
    `Complete it or change the plan: ${link}`,
  ].join('\n');
}

/** Flags and escalates the overdue actions of every agency at `now`; returns how many actions changed. */
export async function sweepOverdueActions(db: Db, now: Date, config: Pick<Config, 'publicUrl'>): Promise<number> {
  const agencies = await db.selectFrom('agencies').select(['id', 'slug', 'name', 'time_zone']).execute();
  const escalateBefore = new Date(now.getTime() - DAYS_BEFORE_ESCALATION * 86_400_000);
  let changed = 0;
  for (const agency of agencies) {
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
        await recordAudit(
          tx,
          { ...ctx, db: tx },
          {
            action: escalated ? 'action_plan.action_escalated' : 'action_plan.action_overdue',
            entityType: 'action_plan',
            entityId: action.planId,
            before: { [`action_${action.id}.escalation_level`]: action.escalationLevel },
            after: { [`action_${action.id}.escalation_level`]: action.escalationLevel + 1 },
            reason: `“${action.title}” was due on ${action.dueOn}.`,
          },
        );
        const to = escalated
          ? { name: action.planOwnerName, email: action.planOwnerEmail }
          : { name: action.ownerName, email: action.ownerEmail };
        const subject = escalated ? `Overdue action escalated: ${action.title}` : `Overdue action: ${action.title}`;
        await notify(tx, ctx, to, subject, message(action, escalated, config.publicUrl));
        changed++;
      });
    }
  }
  return changed;
}
