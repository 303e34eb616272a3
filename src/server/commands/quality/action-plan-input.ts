// What the action-plan commands check alike: an owner who is an active user of the agency, a real local date, a
// title that is not blank.
import type { FieldProblems } from '../common.ts';
import { isCalendarDate } from '../../../shared/local-time.ts';

/** The active users of the agency among some ids (the owner checks below take its answer). */
export { activeUserIds } from '../../repositories/configuration/users.ts';

/** Records a problem unless `ownerId` is an active user. */
export function checkOwner(problems: FieldProblems, field: string, ownerId: number, active: Set<number>): void {
  if (!active.has(ownerId)) problems.add(field, `no active staff member has id ${ownerId}`);
}

/** Records a problem unless `value` is a real date YYYY-MM-DD. */
export function checkDate(problems: FieldProblems, field: string, value: string): void {
  if (!isCalendarDate(value)) problems.add(field, 'must be a date written YYYY-MM-DD');
}

/** A trimmed text, with a problem when blank (if required) or too long. */
export function cleanText(
  problems: FieldProblems,
  field: string,
  value: string | undefined,
  max: number,
  required = true,
) {
  const trimmed = (value ?? '').trim();
  if (required && trimmed === '') problems.add(field, 'must not be blank');
  if (trimmed.length > max) problems.add(field, `is at most ${max} characters`);
  return trimmed;
}
