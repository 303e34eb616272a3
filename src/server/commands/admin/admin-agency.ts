// The agency's own settings: name (and its translations on the public portal), IANA time zone, tracking-number
// prefix, escalation ladder, complaint clocks and business calendar
// (working hours and holidays, or a holiday preset loaded for a range of years). Every change is versioned and
// audited; deadlines computed before a change keep their dates.
import { AppError } from '../../errors.ts';
import type { CommandContext } from '../../context.ts';
import type { BusinessCalendar, EscalationLevel } from '../../db/schema.ts';
import { calendarPreset, type HolidayPreset } from '../../../domain/holidays.ts';
import type { ComplaintSettings } from '../../../domain/complaint-clocks.ts';
import { recordAudit } from '../../repositories/audit.ts';
import { getAgency, updateAgency, type AgencyRecord } from '../../repositories/configuration/agency.ts';
import { FieldProblems, checkVersion, cleanName, requireAdministrator } from '../common.ts';
import { isCalendarDate } from '../../../shared/local-time.ts';
import { LANGUAGE_CODES, isLanguageCode } from '../../../shared/languages.ts';

const TRACKING_PREFIX = /^[A-Z0-9]{1,10}$/;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const NOTIFY_ROLES: readonly EscalationLevel['notifyRole'][] = [
  'assignee',
  'supervisor',
  'unit_manager',
  'administrator',
];
export const MAX_ESCALATION_LEVELS = 10;
export const PRESET_YEARS = { min: 2000, max: 2100, span: 30 } as const;

export interface AgencySettingsPatch {
  name?: string | undefined;
  timeZone?: string | undefined;
  trackingPrefix?: string | undefined;
  escalationLevels?: EscalationLevel[] | undefined;
  /** Complaint clocks to change; the others keep their values. */
  complaints?: Partial<ComplaintSettings> | undefined;
  /** The portal's name of the agency by language; an empty name removes that language's (English `name` shows). */
  publicNames?: Record<string, string> | undefined;
  /** The areas engagements serve (boroughs, districts, ZIP codes); replaces the list; empty = free text. */
  areas?: string[] | undefined;
  expectedVersion?: number | undefined;
}

const PUBLIC_NAME_MAX = 200;
export const AREA_MAX_LENGTH = 100;
export const AREAS_MAX = 500;

/** Checks the area list: each 1–100 characters (inner spaces made one), no area twice in any letter case. */
function checkAreas(problems: FieldProblems, areas: string[]): string[] {
  if (areas.length > AREAS_MAX) problems.add('areas', `has at most ${AREAS_MAX} areas`);
  const seen = new Set<string>();
  const kept: string[] = [];
  areas.forEach((value, index) => {
    const area = value.trim().replace(/\s+/g, ' ');
    const field = `areas.${index}`;
    if (!area) problems.add(field, 'is empty: give the area a name or leave it out');
    else if (area.length > AREA_MAX_LENGTH) problems.add(field, `is longer than ${AREA_MAX_LENGTH} characters`);
    else if (seen.has(area.toLowerCase())) problems.add(field, `"${area}" is in the list twice`);
    else {
      seen.add(area.toLowerCase());
      kept.push(area);
    }
  });
  return kept;
}

/** Checks the portal names: known languages only, at most 200 characters; answers them trimmed, empty ones left out. */
function checkPublicNames(problems: FieldProblems, names: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [language, value] of Object.entries(names)) {
    const field = `publicNames.${language}`;
    if (!isLanguageCode(language)) {
      problems.add(field, `"${language}" is not a language of the portal; use one of ${LANGUAGE_CODES.join(', ')}`);
      continue;
    }
    const name = value.trim();
    if (name.length > PUBLIC_NAME_MAX) problems.add(field, `is longer than ${PUBLIC_NAME_MAX} characters`);
    else if (name) kept[language] = name;
  }
  return kept;
}

/** The agency's settings as the administrator's screen shows them. */
export async function getAgencySettings(ctx: CommandContext): Promise<AgencyRecord> {
  return getAgency(ctx.db, ctx.agency.id);
}

/** Whether `zone` is an IANA time-zone name this runtime knows (offsets such as "+02:00" are not zones). */
export function isIanaTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function checkEscalationLevels(problems: FieldProblems, levels: EscalationLevel[]): EscalationLevel[] {
  if (levels.length > MAX_ESCALATION_LEVELS)
    problems.add('escalationLevels', `has at most ${MAX_ESCALATION_LEVELS} levels`);
  return levels.map((level, index) => {
    const field = `escalationLevels.${index}`;
    if (level.level !== index + 1)
      problems.add(`${field}.level`, `must be ${index + 1}: levels run 1, 2, 3, … in order`);
    if (!NOTIFY_ROLES.includes(level.notifyRole)) {
      problems.add(`${field}.notifyRole`, `must be one of ${NOTIFY_ROLES.join(', ')}`);
    }
    return {
      level: level.level,
      name: cleanName(problems, `${field}.name`, level.name)!,
      notifyRole: level.notifyRole,
    };
  });
}

/** Changes the agency's name, time zone, tracking prefix or escalation levels. */
export async function updateAgencySettings(ctx: CommandContext, patch: AgencySettingsPatch): Promise<AgencyRecord> {
  requireAdministrator(ctx, 'change the agency settings');
  const problems = new FieldProblems();
  const name = cleanName(problems, 'name', patch.name);
  const timeZone = patch.timeZone?.trim();
  if (timeZone !== undefined && !isIanaTimeZone(timeZone)) {
    problems.add('timeZone', `"${timeZone}" is not an IANA time zone such as America/New_York`);
  }
  const trackingPrefix = patch.trackingPrefix?.trim();
  if (trackingPrefix !== undefined && !TRACKING_PREFIX.test(trackingPrefix)) {
    problems.add('trackingPrefix', 'uses A-Z and 0-9 only, 1 to 10 characters');
  }
  const escalationLevels = patch.escalationLevels && checkEscalationLevels(problems, patch.escalationLevels);
  const publicNames = patch.publicNames && checkPublicNames(problems, patch.publicNames);
  const areas = patch.areas && checkAreas(problems, patch.areas);
  problems.throwIfAny();
  return save(ctx, 'agency.updated', patch.expectedVersion, (current) => ({
    ...(name !== undefined ? { name } : {}),
    ...(timeZone !== undefined ? { timeZone } : {}),
    ...(trackingPrefix !== undefined ? { trackingPrefix } : {}),
    ...(escalationLevels !== undefined ? { escalationLevels } : {}),
    ...(publicNames !== undefined ? { publicNames } : {}),
    ...(areas !== undefined ? { areas } : {}),
    ...(patch.complaints !== undefined && Object.keys(patch.complaints).length > 0
      ? { complaints: { ...current.complaints, ...patch.complaints } }
      : {}),
  }));
}

/** Checks a calendar's working hours and holidays; returns it with holidays sorted by date. */
export function validateCalendar(problems: FieldProblems, calendar: Omit<BusinessCalendar, 'preset'>) {
  const workingHours: BusinessCalendar['workingHours'] = {};
  for (let day = 0; day <= 6; day++) {
    const key = String(day);
    const hours = calendar.workingHours[key];
    if (hours === undefined) {
      problems.add(`workingHours.${key}`, 'is missing: give every weekday 0 (Sunday) to 6 (Saturday), null if closed');
      continue;
    }
    workingHours[key] = hours;
    if (hours === null) continue;
    if (!CLOCK.test(hours.start)) problems.add(`workingHours.${key}.start`, 'must be HH:MM (00:00 to 23:59)');
    if (!CLOCK.test(hours.end)) problems.add(`workingHours.${key}.end`, 'must be HH:MM (00:00 to 23:59)');
    if (CLOCK.test(hours.start) && CLOCK.test(hours.end) && hours.start >= hours.end) {
      problems.add(`workingHours.${key}.end`, 'must be after the start');
    }
  }
  const extra = Object.keys(calendar.workingHours).filter((k) => !/^[0-6]$/.test(k));
  if (extra.length > 0) problems.add('workingHours', `unknown weekday key ${extra.join(', ')} (use 0 to 6)`);
  if (Object.values(workingHours).every((h) => h === null)) {
    problems.add('workingHours', 'needs at least one working day');
  }
  const seen = new Set<string>();
  calendar.holidays.forEach((holiday, index) => {
    if (!isCalendarDate(holiday.date)) problems.add(`holidays.${index}.date`, 'must be a real date written YYYY-MM-DD');
    else if (seen.has(holiday.date)) problems.add(`holidays.${index}.date`, `${holiday.date} is listed twice`);
    seen.add(holiday.date);
    cleanName(problems, `holidays.${index}.name`, holiday.name);
  });
  const holidays = calendar.holidays
    .map((h) => ({ date: h.date, name: h.name.trim() }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { workingHours, holidays };
}

/** Replaces the business calendar's working hours and holidays. */
export async function replaceAgencyCalendar(
  ctx: CommandContext,
  input: Omit<BusinessCalendar, 'preset'> & { expectedVersion?: number | undefined },
): Promise<AgencyRecord> {
  requireAdministrator(ctx, 'change the business calendar');
  const problems = new FieldProblems();
  const calendar = validateCalendar(problems, input);
  problems.throwIfAny();
  return save(ctx, 'agency.calendar_replaced', input.expectedVersion, (current) => ({
    calendar: { ...(current.calendar.preset ? { preset: current.calendar.preset } : {}), ...calendar },
  }));
}

/**
 * Loads a holiday preset for fromYear…toYear: the calendar's holidays in those years are replaced by the preset's,
 * holidays of other years and the working hours stay as they are.
 */
export async function applyCalendarPreset(
  ctx: CommandContext,
  input: { preset: HolidayPreset; fromYear: number; toYear: number; expectedVersion?: number | undefined },
): Promise<AgencyRecord> {
  requireAdministrator(ctx, 'change the business calendar');
  const problems = new FieldProblems();
  for (const field of ['fromYear', 'toYear'] as const) {
    const year = input[field];
    if (!Number.isInteger(year) || year < PRESET_YEARS.min || year > PRESET_YEARS.max) {
      problems.add(field, `must be a year from ${PRESET_YEARS.min} to ${PRESET_YEARS.max}`);
    }
  }
  if (input.toYear < input.fromYear) problems.add('toYear', 'must not be before fromYear');
  else if (input.toYear - input.fromYear >= PRESET_YEARS.span) {
    problems.add('toYear', `covers at most ${PRESET_YEARS.span} years at a time`);
  }
  problems.throwIfAny();
  const preset = calendarPreset(input.preset, input.fromYear, input.toYear);
  return save(ctx, 'agency.calendar_preset_applied', input.expectedVersion, (current) => {
    const inRange = (date: string) => {
      const year = Number(date.slice(0, 4));
      return year >= input.fromYear && year <= input.toYear;
    };
    const holidays = [...current.calendar.holidays.filter((h) => !inRange(h.date)), ...preset.holidays].sort((a, b) =>
      a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
    );
    return { calendar: { preset: input.preset, workingHours: current.calendar.workingHours, holidays } };
  });
}

// One transaction: lock the agency row, check the version, apply, audit the fields that changed.
async function save(
  ctx: CommandContext,
  action: string,
  expectedVersion: number | undefined,
  change: (current: AgencyRecord) => Parameters<typeof updateAgency>[2],
): Promise<AgencyRecord> {
  return ctx.db.transaction().execute(async (tx) => {
    const current = await getAgency(tx, ctx.agency.id, true);
    checkVersion('The agency settings', current.version, expectedVersion);
    const patch = change(current);
    if (Object.keys(patch).length === 0) {
      throw new AppError('validation_failed', 'Nothing to change: send at least one setting.', [
        { field: 'body', message: 'has no setting to change' },
      ]);
    }
    const next = await updateAgency(tx, ctx.agency.id, patch);
    await recordAudit(tx, ctx, {
      action,
      entityType: 'agency',
      entityId: ctx.agency.id,
      before: { ...current },
      after: { ...next },
    });
    return next;
  });
}
