// Recomputes a case's deadlines — when the clock resumes after waiting on the constituent (same standard, longer by
// the pause), and when an edit of the facts the intake decision reads (priority, subject, writer type) decides the
// case again: the same decision intake made (domain/intake-decision.ts), from the agency's cached configuration.
import type { Db } from '../../db/database.ts';
import type { CaseRow } from '../../repositories/cases.ts';
import { intakeConfiguration } from '../../repositories/intake-configuration.ts';
import { decideIntake, standardDeadlines } from '../../../domain/intake-decision.ts';
import type { Pause } from '../../../domain/types.ts';

export const toPauses = (stored: CaseRow['pauses']): Pause[] =>
  stored.map((p) => ({ from: new Date(p.from), to: p.to ? new Date(p.to) : null }));

/** Where a command reads the configuration: its transaction, and the database handle whose cache it may use. */
export interface ConfigurationSource {
  tx: Db;
  db: Db;
}

/**
 * Deadlines for the case as it would be after `changes`: with `reselect`, the case is decided again as intake would
 * decide it (routing rule, then channel, then matching standard) with its own priority; otherwise it keeps its standard.
 */
export async function deadlinesFor(
  source: ConfigurationSource,
  current: CaseRow,
  changes: Partial<Pick<CaseRow, 'subject_code' | 'priority' | 'writer_type' | 'pauses'>>,
  options: { reselect: boolean; now: Date },
) {
  const merged = { ...current, ...changes };
  const config = await intakeConfiguration(source.tx, current.agency_id, source.db);
  const clock = { receivedAt: merged.received_at, pauses: toPauses(merged.pauses), now: options.now };
  const decided = options.reselect
    ? decideIntake(
        config,
        {
          channel: merged.channel,
          channelSlug: merged.channel_slug,
          subject: merged.subject_code,
          text: merged.description,
          writerType: merged.writer_type,
          language: merged.language,
          facility: merged.facility,
          priority: merged.priority,
        },
        clock,
      )
    : undefined;
  const standard = decided
    ? decided.standard
    : (config.standards.find((s) => s.id === current.service_standard_id) ?? null);
  const deadlines = decided ?? standardDeadlines(config, standard, clock);
  return {
    service_standard_id: standard?.id ?? null,
    first_response_due_at: deadlines.firstResponseDueAt,
    resolution_due_at: deadlines.resolutionDueAt,
  };
}

/** The patch that starts a paused clock again: closes the open pause and moves the deadlines by its length. */
export async function resumeClockPatch(source: ConfigurationSource, current: CaseRow, now: Date) {
  const pauses = current.pauses.map((p) => (p.to === null ? { ...p, to: now.toISOString() } : p));
  return {
    paused_at: null,
    pauses: JSON.stringify(pauses),
    ...(await deadlinesFor(source, current, { pauses }, { reselect: false, now })),
  };
}
