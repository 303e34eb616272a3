// The actions a complaint's resolution requires (the state's complaint log asks for them): what is to be done, who
// is responsible (a unit, an employee, another agency or a third party), by when, and the day it was completed.
import type { CommandContext } from '../../context.ts';
import { notFound, type ErrorDetail } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  completeComplaintAction,
  complaintClockSettings,
  findComplaintAction,
  findVisibleComplaint,
  insertComplaintAction,
} from '../../repositories/complaints.ts';
import { authorizeComplaint } from '../../policies/complaint-access.ts';
import { localDate, isCalendarDate } from '../../../shared/local-time.ts';
import { refuse } from './complaint-refusal.ts';

export const RESPONSIBLE_KINDS = ['unit', 'employee', 'other_agency', 'third_party'] as const;

export interface ComplaintActionInput {
  action: string;
  responsibleKind: string;
  responsibleName: string;
  dueOn?: string | null | undefined;
}

/** Adds a required action to a complaint; returns its id. */
export async function addComplaintAction(
  ctx: CommandContext,
  complaintNumber: string,
  input: ComplaintActionInput,
): Promise<number> {
  authorizeComplaint(ctx.actor, 'complaint:resolve');
  const problems: ErrorDetail[] = [];
  if (!input.action.trim()) problems.push({ field: 'action', message: 'say what must be done' });
  if (!(RESPONSIBLE_KINDS as readonly string[]).includes(input.responsibleKind)) {
    problems.push({ field: 'responsibleKind', message: `must be one of ${RESPONSIBLE_KINDS.join(', ')}` });
  }
  if (!input.responsibleName.trim()) problems.push({ field: 'responsibleName', message: 'name who is responsible' });
  if (input.dueOn && !isCalendarDate(input.dueOn)) {
    problems.push({ field: 'dueOn', message: 'must be a date written YYYY-MM-DD' });
  }
  refuse(problems);
  return ctx.db.transaction().execute(async (tx) => {
    const complaint = await findVisibleComplaint(tx, ctx, complaintNumber, true);
    const id = await insertComplaintAction(tx, {
      agency_id: ctx.agency.id,
      complaint_id: complaint.id,
      action: input.action.trim(),
      responsible_kind: input.responsibleKind as (typeof RESPONSIBLE_KINDS)[number],
      responsible_name: input.responsibleName.trim(),
      due_on: input.dueOn || null,
      created_by: ctx.actor.userId || null,
    });
    await recordAudit(tx, ctx, {
      action: 'complaint.action_added',
      entityType: 'complaint_action',
      entityId: id,
      caseId: complaint.case_id,
      after: {
        complaint_number: complaintNumber,
        action: input.action.trim(),
        responsible: input.responsibleName.trim(),
      },
    });
    return id;
  });
}

/** Records the day a required action was completed. */
export async function completeAction(
  ctx: CommandContext,
  complaintNumber: string,
  actionId: number,
  completedOn: string,
): Promise<void> {
  authorizeComplaint(ctx.actor, 'complaint:resolve');
  const clock = await complaintClockSettings(ctx.db, ctx.agency.id);
  if (!isCalendarDate(completedOn)) refuse([{ field: 'completedOn', message: 'must be a date written YYYY-MM-DD' }]);
  if (completedOn > localDate(new Date(), clock.timeZone)) {
    refuse([{ field: 'completedOn', message: 'cannot be in the future' }]);
  }
  await ctx.db.transaction().execute(async (tx) => {
    const complaint = await findVisibleComplaint(tx, ctx, complaintNumber, true);
    const action = await findComplaintAction(tx, ctx.agency.id, complaint.id, actionId);
    if (!action) throw notFound(`Action ${actionId} of complaint ${complaintNumber}`);
    await completeComplaintAction(tx, ctx.agency.id, actionId, completedOn);
    await recordAudit(tx, ctx, {
      action: 'complaint.action_completed',
      entityType: 'complaint_action',
      entityId: actionId,
      caseId: complaint.case_id,
      before: { completed_on: action.completed_on },
      after: { completed_on: completedOn },
    });
  });
}
