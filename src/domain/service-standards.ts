// Which service standard (response and resolution targets) applies to an item: the first active standard, in
// position order, whose match fits the item. Also owns subject-code matching, which routing rules share:
// subjects are two-level codes ('SHELTER', 'SHELTER.CONDITIONS') and a parent code covers its children.

import type { Priority, StandardMatch, WriterType } from './types.ts';

export interface StandardCandidate {
  id: number;
  position: number;
  active: boolean;
  match: StandardMatch;
}

export interface StandardItem {
  channel: string;
  subject: string | null;
  priority: Priority;
  writerType: WriterType;
}

/** Whether `subject` is one of `codes` or a child of one of them ('SHELTER' covers 'SHELTER.CONDITIONS'); case is ignored. */
export function subjectMatchesAny(subject: string | null, codes: readonly string[]): boolean {
  if (subject === null) return false;
  const wanted = subject.toUpperCase();
  return codes.some((code) => {
    const parent = code.toUpperCase();
    return wanted === parent || wanted.startsWith(`${parent}.`);
  });
}

/** Whether `value` equals one of `options`, ignoring case (administrators type codes by hand). */
export function valueMatchesAny(value: string | null, options: readonly string[]): boolean {
  if (value === null) return false;
  const wanted = value.toLowerCase();
  return options.some((option) => option.toLowerCase() === wanted);
}

// An absent or empty list places no condition.
function listFits(list: readonly string[] | undefined, fits: (list: readonly string[]) => boolean): boolean {
  return !list || list.length === 0 || fits(list);
}

/** Whether a standard's match fits an item: every non-empty list must contain the item's value. */
export function standardMatches(match: StandardMatch, item: StandardItem): boolean {
  return (
    listFits(match.channel, (list) => valueMatchesAny(item.channel, list)) &&
    listFits(match.subject, (list) => subjectMatchesAny(item.subject, list)) &&
    listFits(match.priority, (list) => valueMatchesAny(item.priority, list)) &&
    listFits(match.writerType, (list) => valueMatchesAny(item.writerType, list))
  );
}

/** The first active standard by position (then id) whose match fits the item, or null when none does. */
export function selectStandard<S extends StandardCandidate>(standards: readonly S[], item: StandardItem): S | null {
  const ordered = standards
    .filter((standard) => standard.active)
    .sort((a, b) => a.position - b.position || a.id - b.id);
  return ordered.find((standard) => standardMatches(standard.match, item)) ?? null;
}
