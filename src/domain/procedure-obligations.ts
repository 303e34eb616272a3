// What a procedure version in force asks of each staff member — to acknowledge it, to complete a course — and by
// when. The due date is a fixed PROCEDURE_OBLIGATION_DAYS calendar days after the version's effective date (a local
// date of the agency): one rule for every agency, so staff read the same promise on every procedure, and the sweep
// reminds whoever still owes it once that day has passed. A course counts when completed on or after the day the
// version was approved or its effective date, whichever came first (training given ahead of a go-live counts).
// Pure; dates are local dates YYYY-MM-DD.
import { addLocalDays } from '../shared/local-time.ts';

/** Calendar days after the effective date by which staff acknowledge a version and complete its required course. */
export const PROCEDURE_OBLIGATION_DAYS = 30;

/** The local date by which a version's obligations are due. */
export function obligationDueOn(effectiveOn: string): string {
  return addLocalDays(effectiveOn, PROCEDURE_OBLIGATION_DAYS);
}

/** Whether an obligation not met yet is still open or past its due date, as of `today`. */
export function obligationStanding(effectiveOn: string, today: string): 'owed' | 'overdue' {
  return obligationDueOn(effectiveOn) < today ? 'overdue' : 'owed';
}

/** Whether a course completed on `lastCompletedOn` meets the version's requirement. */
export function courseMeetsVersion(
  lastCompletedOn: string | null,
  version: { effectiveOn: string; approvedOn: string | null },
): boolean {
  if (lastCompletedOn === null) return false;
  const from =
    version.approvedOn !== null && version.approvedOn < version.effectiveOn ? version.approvedOn : version.effectiveOn;
  return lastCompletedOn >= from;
}
