// Recomputes a case's deadlines from its service standard, its receipt and its clock pauses — used when the
// clock resumes after waiting on the constituent, and when a change picks a different standard.
import type { Db } from '../db/database.ts';
import type { CaseRow } from '../repositories/cases.ts';
import { agencyClock, serviceStandards } from '../repositories/cases.ts';
import { computeDeadlines } from '../../domain/deadlines.ts';
import { selectStandard } from '../../domain/service-standards.ts';
import type { Pause } from '../../domain/types.ts';

export const toPauses = (stored: CaseRow['pauses']): Pause[] =>
  stored.map((p) => ({ from: new Date(p.from), to: p.to ? new Date(p.to) : null }));

/** Deadlines for the case as it would be after `changes`; re-selects the standard when `reselect` is set. */
export async function deadlinesFor(
  db: Db,
  current: CaseRow,
  changes: Partial<Pick<CaseRow, 'channel' | 'subject_code' | 'priority' | 'writer_type' | 'pauses'>>,
  options: { reselect: boolean; now: Date },
) {
  const merged = { ...current, ...changes };
  const [clock, standards] = await Promise.all([
    agencyClock(db, current.agency_id),
    serviceStandards(db, current.agency_id),
  ]);
  const standard = options.reselect
    ? selectStandard(standards, {
        channel: merged.channel,
        subject: merged.subject_code,
        priority: merged.priority,
        writerType: merged.writer_type,
      })
    : (standards.find((s) => s.id === current.service_standard_id) ?? null);
  const deadlines = computeDeadlines({
    receivedAt: merged.received_at,
    firstResponse: standard?.firstResponse ?? null,
    resolution: standard?.resolution ?? null,
    calendar: clock.calendar,
    timeZone: clock.timeZone,
    pauses: toPauses(merged.pauses),
    now: options.now,
  });
  return {
    service_standard_id: standard?.id ?? null,
    first_response_due_at: deadlines.firstResponseDueAt,
    resolution_due_at: deadlines.resolutionDueAt,
  };
}

/** The patch that starts a paused clock again: closes the open pause and moves the deadlines by its length. */
export async function resumeClockPatch(db: Db, current: CaseRow, now: Date) {
  const pauses = current.pauses.map((p) => (p.to === null ? { ...p, to: now.toISOString() } : p));
  return {
    paused_at: null,
    pauses: JSON.stringify(pauses),
    ...(await deadlinesFor(db, current, { pauses }, { reselect: false, now })),
  };
}
