// What creating and changing a project both check: the owner and team are active staff of the agency, dates are
// real local dates and the due date is not before the start.
import type { Db } from '../../db/database.ts';
import type { FieldProblems } from '../common.ts';
import { activeUserIds, checkOwner } from '../quality/action-plan-input.ts';
import { isCalendarDate } from '../../../shared/local-time.ts';

/** Checks owner, team and dates (every problem noted). */
export async function checkProjectFields(
  db: Db,
  agencyId: number,
  problems: FieldProblems,
  input: {
    ownerId?: number | undefined;
    memberIds?: number[] | undefined;
    startsOn?: string | null | undefined;
    dueOn?: string | null | undefined;
  },
  current?: { starts_on: string | null; due_on: string | null },
): Promise<{ memberIds: number[] | undefined }> {
  const memberIds = input.memberIds ? [...new Set(input.memberIds)] : undefined;
  const active = await activeUserIds(db, agencyId, [
    ...(input.ownerId !== undefined ? [input.ownerId] : []),
    ...(memberIds ?? []),
  ]);
  if (input.ownerId !== undefined) checkOwner(problems, 'ownerId', input.ownerId, active);
  const unknown = (memberIds ?? []).filter((id) => !active.has(id));
  if (unknown.length) problems.add('memberIds', `no active staff member has id ${unknown.join(', ')}`);
  for (const field of ['startsOn', 'dueOn'] as const) {
    const value = input[field];
    if (value !== undefined && value !== null && !isCalendarDate(value)) {
      problems.add(field, 'must be a date written YYYY-MM-DD');
    }
  }
  const startsOn = input.startsOn !== undefined ? input.startsOn : current?.starts_on;
  const dueOn = input.dueOn !== undefined ? input.dueOn : current?.due_on;
  if (startsOn && dueOn && isCalendarDate(startsOn) && isCalendarDate(dueOn) && dueOn < startsOn) {
    problems.add('dueOn', 'must not be before startsOn');
  }
  return { memberIds };
}
