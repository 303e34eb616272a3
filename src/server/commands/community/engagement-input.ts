// What creating and changing an engagement both check: times (end after start), languages, the meeting link and the
// organisations taking part (each must be in the agency's directory).
import type { Db } from '../../db/database.ts';
import { existingOrganizationIds } from '../../repositories/organizations.ts';
import { agencyAreas } from '../../repositories/configuration/agency.ts';
import type { FieldProblems } from '../common.ts';
import { checkLanguages, checkLink, optionalText, parseDateTime } from './community-input.ts';
import { recurrenceEnd, recurrenceProblem, type RecurrenceRule } from '../../../domain/recurrence.ts';
import { isCalendarDate, localDate } from '../../../shared/local-time.ts';
import type { RecurrenceView } from '../../../shared/community.ts';

export interface EngagementFieldsInput {
  startsAt?: string | undefined;
  endsAt?: string | undefined;
  location?: string | null | undefined;
  link?: string | null | undefined;
  languages?: string[] | undefined;
  organizationIds?: number[] | undefined;
  area?: string | null | undefined;
}

/** Checks the fields (every problem noted) and returns them cleaned. */
export async function checkEngagementFields(
  db: Db,
  agencyId: number,
  problems: FieldProblems,
  input: EngagementFieldsInput,
  current?: { starts_at: Date; ends_at: Date; area: string | null },
) {
  const startsAt = parseDateTime(problems, 'startsAt', input.startsAt);
  const endsAt = parseDateTime(problems, 'endsAt', input.endsAt);
  const start = startsAt ?? current?.starts_at;
  const end = endsAt ?? current?.ends_at;
  if (start && end && (startsAt || endsAt) && end.getTime() <= start.getTime()) {
    problems.add('endsAt', 'must be after startsAt');
  }
  const languages = checkLanguages(problems, 'languages', input.languages);
  const link = checkLink(problems, 'link', input.link);
  let organizationIds: number[] | undefined;
  if (input.organizationIds !== undefined) {
    organizationIds = [...new Set(input.organizationIds)];
    const known = await existingOrganizationIds(db, agencyId, organizationIds);
    const unknown = organizationIds.filter((id) => !known.has(id));
    if (unknown.length) {
      problems.add(
        'organizationIds',
        `${unknown.join(', ')} ${unknown.length === 1 ? 'is not an organisation' : 'are not organisations'} of this agency`,
      );
    }
  }
  const areaText = optionalText(input.area);
  let area = areaText ? areaText.replace(/\s+/g, ' ') : areaText;
  // With an area list, a new area must be one of it (written as the list writes it); an area kept unchanged from
  // before the list, or from an older list, stays as it was.
  if (area && area !== current?.area) {
    const areas = await agencyAreas(db, agencyId);
    if (areas.length) {
      const listed = areas.find((a) => a.toLowerCase() === area!.toLowerCase());
      if (listed) area = listed;
      else {
        const shown = areas.length > 10 ? `${areas.slice(0, 10).join(', ')}, …` : areas.join(', ');
        problems.add('area', `"${area}" is not one of the agency's areas (${shown}); an administrator keeps the list`);
      }
    }
  }
  return { startsAt, endsAt, languages, link, location: optionalText(input.location), area, organizationIds };
}

/**
 * A recurring engagement's rule, checked against its first meeting (which must follow the rule), and the end of its
 * last meeting; null for a single meeting. A problem is noted under "recurrence" in plain words.
 */
export function checkRecurrence(
  problems: FieldProblems,
  recurrence: RecurrenceView | RecurrenceRule | null | undefined,
  first: { start: Date; end: Date } | undefined,
  timeZone: string,
): { recurrence: string | null; series_ends_at: Date | null } | undefined {
  if (recurrence === undefined || !first) return undefined;
  if (recurrence === null) return { recurrence: null, series_ends_at: null };
  if (recurrence.until !== undefined && !isCalendarDate(recurrence.until)) {
    problems.add('recurrence.until', 'must be a date written YYYY-MM-DD');
    return undefined;
  }
  const rule: RecurrenceRule = {
    frequency: recurrence.frequency as RecurrenceRule['frequency'],
    interval: recurrence.interval,
    ...(recurrence.weekdays !== undefined ? { weekdays: recurrence.weekdays } : {}),
    ...(recurrence.weekOfMonth !== undefined ? { weekOfMonth: recurrence.weekOfMonth } : {}),
    ...(recurrence.until !== undefined ? { until: recurrence.until } : {}),
    ...(recurrence.count !== undefined ? { count: recurrence.count } : {}),
  };
  const problem = recurrenceProblem(rule, localDate(first.start, timeZone));
  if (problem) {
    problems.add('recurrence', problem);
    return undefined;
  }
  return { recurrence: JSON.stringify(rule), series_ends_at: recurrenceEnd(rule, first, timeZone) };
}
