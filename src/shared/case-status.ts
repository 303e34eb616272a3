// The case status workflow: which moves are allowed, and which statuses stop the clock or count as open.
// new → triaged → assigned → in progress → waiting on constituent → responded → closed; closed reopens.

export const CASE_STATUSES = [
  'new',
  'triaged',
  'assigned',
  'in_progress',
  'waiting_on_constituent',
  'responded',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

const allowed: Record<CaseStatus, CaseStatus[]> = {
  new: ['triaged', 'assigned', 'in_progress', 'waiting_on_constituent', 'responded', 'closed'],
  triaged: ['new', 'assigned', 'in_progress', 'waiting_on_constituent', 'responded', 'closed'],
  assigned: ['triaged', 'in_progress', 'waiting_on_constituent', 'responded', 'closed'],
  in_progress: ['assigned', 'waiting_on_constituent', 'responded', 'closed'],
  waiting_on_constituent: ['in_progress', 'responded', 'closed'],
  responded: ['in_progress', 'waiting_on_constituent', 'closed'],
  closed: ['in_progress'],
};

/** True when a case may move from one status to the other (closed → in progress is the reopen). */
export function canMove(from: CaseStatus, to: CaseStatus): boolean {
  return allowed[from].includes(to);
}

/** The statuses a case may move to next. */
export function nextStatuses(from: CaseStatus): CaseStatus[] {
  return allowed[from];
}
