// Training due dates: a required course is never taken, current, due soon (within the warning window before its
// renewal date) or overdue; a course without a renewal period stays current once completed. Pure; dates are local
// dates YYYY-MM-DD.
import { addLocalDays } from '../shared/local-time.ts';

export type TrainingStatus = 'never' | 'current' | 'due_soon' | 'overdue';

/** Days before a renewal date that a course shows as due soon. */
export const DUE_SOON_DAYS = 30;

/** A date `months` later (the last day of a shorter month when the day does not exist). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Where a staff member stands on a required course: its status and the date it is (next) due, if any. */
export function trainingStatus(
  lastCompletedOn: string | null,
  renewalMonths: number | null,
  today: string,
): { status: TrainingStatus; dueOn: string | null } {
  if (lastCompletedOn === null) return { status: 'never', dueOn: null };
  if (renewalMonths === null) return { status: 'current', dueOn: null };
  const dueOn = addMonths(lastCompletedOn, renewalMonths);
  if (dueOn < today) return { status: 'overdue', dueOn };
  if (addLocalDays(dueOn, -DUE_SOON_DAYS) <= today) return { status: 'due_soon', dueOn };
  return { status: 'current', dueOn };
}
