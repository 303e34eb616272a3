// Input checks the community commands share: instants, language lists, links; each names the field at fault.
import { isLanguageCode } from '../../../shared/languages.ts';
import type { FieldProblems } from '../common.ts';

/** An ISO 8601 date-time with a time part (an offset or Z); undefined when absent or wrong (the problem is noted). */
export function parseDateTime(problems: FieldProblems, field: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    problems.add(field, 'must be an ISO 8601 date-time such as 2026-03-15T10:00:00-04:00');
    return undefined;
  }
  if (date.getUTCFullYear() < 1990 || date.getUTCFullYear() > 2200) {
    problems.add(field, 'is out of range; check the year');
    return undefined;
  }
  return date;
}

/** Language codes, each one civicdesk serves, without repeats. */
export function checkLanguages(problems: FieldProblems, field: string, values: string[] | undefined) {
  if (values === undefined) return undefined;
  const bad = values.filter((v) => !isLanguageCode(v));
  if (bad.length) problems.add(field, `${bad.map((b) => `"${b}"`).join(', ')} is not a supported language code`);
  return [...new Set(values)];
}

/** An http(s) link, or null for a blank one. */
export function checkLink(problems: FieldProblems, field: string, value: string | null | undefined) {
  if (value === undefined || value === null) return value;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  try {
    const url = new URL(trimmed);
    if (url.protocol === 'http:' || url.protocol === 'https:') return trimmed;
  } catch {
    // refused below
  }
  problems.add(field, 'must be a web address starting with http:// or https://');
  return undefined;
}

/** Trims optional text; a blank value becomes null. */
export function optionalText(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  return value.trim() === '' ? null : value.trim();
}
