// How the console words values for staff: time left to a deadline in words, dates in the agency's time zone,
// enum values as plain English, and the text direction of a constituent's language.
import { LANGUAGES } from '../shared/languages.ts';
import { localDate, localParts, zonedDateTime } from '../shared/local-time.ts';
import type { CaseRecord } from './api/types.ts';

let agencyTimeZone: string | undefined;

/** Uses the agency's IANA time zone for every date shown from now on. */
export function setAgencyTimeZone(timeZone: string | undefined): void {
  agencyTimeZone = timeZone;
}

/** A date and time in the agency's time zone, e.g. "Mar 2, 2026, 10:00 AM". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: agencyTimeZone }).format(
    date,
  );
}

/** Today's date in the agency's time zone, YYYY-MM-DD. */
export function agencyToday(): string {
  return localDate(new Date(), agencyTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The agency-local wall time of an instant as a datetime-local input value ("2026-03-02T10:00"). */
export function toLocalInputValue(instant: Date): string {
  const zone = agencyTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const p = localParts(instant, zone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** A datetime-local value read as agency-local wall time, as an ISO instant; undefined when blank or malformed. */
export function fromLocalInputValue(value: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)$/.exec(value);
  if (!match) return undefined;
  const zone = agencyTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  try {
    return zonedDateTime(match[1]!, match[2]!, zone).toISOString();
  } catch {
    return undefined;
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function amountInWords(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return plural(Math.max(minutes, 1), 'minute');
  const hours = Math.round(ms / 3_600_000);
  if (hours < 24) return plural(hours, 'hour');
  return plural(Math.round(ms / 86_400_000), 'day');
}

/** "3 days left", "5 hours left" or "overdue by 2 days". */
export function timeLeft(dueIso: string, now: Date = new Date()): { text: string; overdue: boolean } {
  const ms = new Date(dueIso).getTime() - now.getTime();
  return ms >= 0
    ? { text: `${amountInWords(ms)} left`, overdue: false }
    : { text: `overdue by ${amountInWords(-ms)}`, overdue: true };
}

/** The deadline a case is working towards now: first response until answered, then resolution; none once closed. */
export function currentDeadline(c: CaseRecord): { label: string; dueAt: string } | null {
  if (c.status === 'closed') return null;
  if (!c.firstResponseAt && c.firstResponseDueAt) return { label: 'First response', dueAt: c.firstResponseDueAt };
  if (c.resolutionDueAt) return { label: 'Resolution', dueAt: c.resolutionDueAt };
  return null;
}

/** "in_progress" → "In progress". */
export function humanize(value: string | null | undefined): string {
  if (!value) return '—';
  const text = value.replace(/[_.-]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The English name of a language code ("ar" → "Arabic"). */
export function languageName(code: string | null | undefined): string {
  if (!code) return '—';
  return LANGUAGES.find((l) => l.code === code)?.name ?? code;
}

/** lang and dir attributes for text written in a constituent's language (Arabic and Urdu are right to left). */
export function textDirection(code: string | null | undefined): { lang?: string; dir: 'rtl' | 'ltr' | 'auto' } {
  const language = LANGUAGES.find((l) => l.code === code);
  if (!language) return { dir: 'auto' };
  return { lang: language.code, dir: language.rtl ? 'rtl' : 'ltr' };
}

export { LANGUAGES };
