// What creating and changing an engagement both check: times (end after start), languages, the meeting link and the
// organisations taking part (each must be in the agency's directory).
import type { Db } from '../../db/database.ts';
import { existingOrganizationIds } from '../../repositories/organizations.ts';
import type { FieldProblems } from '../admin-common.ts';
import { checkLanguages, checkLink, optionalText, parseDateTime } from './community-input.ts';

export interface EngagementFieldsInput {
  startsAt?: string | undefined;
  endsAt?: string | undefined;
  location?: string | null | undefined;
  link?: string | null | undefined;
  languages?: string[] | undefined;
  organizationIds?: number[] | undefined;
}

/** Checks the fields (every problem noted) and returns them cleaned. */
export async function checkEngagementFields(
  db: Db,
  agencyId: number,
  problems: FieldProblems,
  input: EngagementFieldsInput,
  current?: { starts_at: Date; ends_at: Date },
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
  return { startsAt, endsAt, languages, link, location: optionalText(input.location), organizationIds };
}
