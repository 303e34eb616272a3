// What happens to a state hearing request after it is recorded: the hearing's date, place or phone and interpreter;
// a dismissal (effective a set number of days after its notice); the decision with its outcome per issue, its
// presumed receipt and, when any issue is decided for the complainant, the compliance report due date.
import type { CommandContext } from '../../context.ts';
import { AppError, notFound, type ErrorDetail } from '../../errors.ts';
import { recordAudit } from '../../repositories/audit.ts';
import {
  complaintClockSettings,
  findHearingRequest,
  findVisibleComplaint,
  updateHearingRequest,
  type HearingRequestRow,
} from '../../repositories/complaints.ts';
import { authorizeComplaint } from '../../policies/complaint-access.ts';
import {
  complianceReportDueOn,
  decisionPresumedReceivedOn,
  dismissalEffectiveOn,
} from '../../../domain/hearing-eligibility.ts';
import { isLanguageCode } from '../../../shared/languages.ts';
import type { Updateable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { refuse } from './complaint-refusal.ts';
import { isCalendarDate } from '../../../shared/local-time.ts';

export type HearingStep =
  | { step: 'schedule'; hearingOn: string; place: string; interpreterLanguage?: string | null | undefined }
  | { step: 'dismissal'; noticeOn: string }
  | { step: 'decision'; adoptedOn: string; outcomes: { category: string; outcome: string }[] }
  | { step: 'compliance'; filedOn: string };

function dateProblem(field: string, value: string, notBefore: string): ErrorDetail | null {
  if (!isCalendarDate(value)) return { field, message: 'must be a date written YYYY-MM-DD' };
  if (value < notBefore) return { field, message: `is before the hearing was requested (${notBefore})` };
  return null;
}

/** Records the next step of a hearing request. */
export async function progressHearing(
  ctx: CommandContext,
  complaintNumber: string,
  hearingId: number,
  input: HearingStep,
): Promise<void> {
  authorizeComplaint(ctx.actor, 'complaint:hearing');
  const clock = await complaintClockSettings(ctx.db, ctx.agency.id);
  await ctx.db.transaction().execute(async (tx) => {
    const complaint = await findVisibleComplaint(tx, ctx, complaintNumber, true);
    const request = await findHearingRequest(tx, ctx.agency.id, complaint.id, hearingId);
    if (!request) throw notFound(`Hearing request ${hearingId} of complaint ${complaintNumber}`);
    if (input.step === 'compliance') {
      if (!request.compliance_report_due_on) {
        throw new AppError('conflict', 'No compliance report is owed: no decision for the complainant.', [
          { field: 'filedOn', message: 'no compliance report is due' },
        ]);
      }
      if (request.compliance_report_filed_on) {
        throw new AppError('conflict', 'The compliance report was already filed.', [
          { field: 'filedOn', message: `filed on ${request.compliance_report_filed_on}` },
        ]);
      }
    } else if (request.dismissal_notice_on || request.decision_adopted_on) {
      throw new AppError('conflict', 'This hearing request was already dismissed or decided.', [
        { field: 'step', message: 'the hearing is over' },
      ]);
    }
    const problems: ErrorDetail[] = [];
    let patch: Updateable<Database['hearing_requests']>;
    if (input.step === 'schedule') {
      const problem = dateProblem('hearingOn', input.hearingOn, request.requested_on);
      if (problem) problems.push(problem);
      if (!input.place.trim()) problems.push({ field: 'place', message: 'give the room, address or phone number' });
      if (input.interpreterLanguage && !isLanguageCode(input.interpreterLanguage)) {
        problems.push({ field: 'interpreterLanguage', message: 'is not a supported language code' });
      }
      patch = {
        hearing_on: input.hearingOn,
        hearing_place: input.place.trim(),
        interpreter_language: input.interpreterLanguage || null,
      };
    } else if (input.step === 'dismissal') {
      const problem = dateProblem('noticeOn', input.noticeOn, request.requested_on);
      if (problem) problems.push(problem);
      refuse(problems);
      patch = {
        dismissal_notice_on: input.noticeOn,
        dismissal_effective_on: dismissalEffectiveOn(input.noticeOn, clock.settings, clock.calendar),
      };
    } else if (input.step === 'compliance') {
      const problem = dateProblem('filedOn', input.filedOn, request.decision_adopted_on ?? request.requested_on);
      if (problem) problems.push(problem);
      patch = { compliance_report_filed_on: input.filedOn };
    } else {
      const problem = dateProblem('adoptedOn', input.adoptedOn, request.requested_on);
      if (problem) problems.push(problem);
      const asked = new Set(request.issues.map((i) => i.category));
      input.outcomes.forEach((o, index) => {
        if (!asked.has(o.category)) {
          problems.push({ field: `outcomes[${index}].category`, message: 'was not an issue of this hearing request' });
        }
        if (o.outcome !== 'granted' && o.outcome !== 'denied') {
          problems.push({ field: `outcomes[${index}].outcome`, message: 'must be granted or denied' });
        }
      });
      if (!input.outcomes.length) problems.push({ field: 'outcomes', message: 'give the outcome of each issue' });
      refuse(problems);
      const forComplainant = input.outcomes.some((o) => o.outcome === 'granted');
      patch = {
        decision_adopted_on: input.adoptedOn,
        decision_presumed_received_on: decisionPresumedReceivedOn(input.adoptedOn, clock.settings, clock.calendar),
        decision_outcomes: JSON.stringify(input.outcomes),
        compliance_report_due_on: forComplainant
          ? complianceReportDueOn(input.adoptedOn, clock.settings, clock.calendar)
          : null,
      };
    }
    refuse(problems);
    await updateHearingRequest(tx, ctx.agency.id, hearingId, patch);
    await recordAudit(tx, ctx, {
      action: `complaint.hearing_${{ schedule: 'scheduled', dismissal: 'dismissed', decision: 'decided', compliance: 'compliance_reported' }[input.step]}`,
      entityType: 'hearing_request',
      entityId: hearingId,
      caseId: complaint.case_id,
      before: pick(request, Object.keys(patch)),
      after: patch as Record<string, unknown>,
    });
  });
}

function pick(row: HearingRequestRow, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, (row as unknown as Record<string, unknown>)[key] ?? null]));
}
