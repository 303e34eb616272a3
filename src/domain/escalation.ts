// Escalation of items through management levels: the "due soon" warning, one level up per deadline sweep while an
// item is overdue (up to the top configured level), and the higher starting level of elected officials' items.
// Level 0 means not escalated; configured levels are numbered from 1.

import type { EscalationLevel, WriterType } from './types.ts';

export interface EscalationInput {
  now: Date;
  receivedAt: Date;
  /** The deadline being watched; null when the item has none, which only applies the starting level. */
  dueAt: Date | null;
  /** Share (0–100) of the span receivedAt → dueAt after which the assignee is warned; null disables warnings. */
  warningPercent: number | null;
  currentLevel: number;
  warnedAt: Date | null;
  writerType: WriterType;
  levels: EscalationLevel[];
}

export interface EscalationStep {
  warn: boolean;
  targetLevel: number;
}

/** The level an item starts at: elected officials' offices start at level 1, everyone else at 0. */
export function initialEscalationLevel(writerType: WriterType): number {
  return writerType === 'elected_official' ? 1 : 0;
}

/**
 * What one deadline sweep does to an item: warn once when the warning share of its time has elapsed (not once it is
 * overdue — escalation takes over then), and while overdue raise it to the next configured level; never lowers it.
 */
export function escalationStep(input: EscalationInput): EscalationStep {
  const { now, receivedAt, dueAt, warningPercent, currentLevel, warnedAt, writerType, levels } = input;
  const floor = Math.max(currentLevel, initialEscalationLevel(writerType));
  if (!dueAt) return { warn: false, targetLevel: floor };

  const nowMillis = now.getTime();
  const dueMillis = dueAt.getTime();
  const overdue = nowMillis > dueMillis;

  let warn = false;
  if (!warnedAt && !overdue && warningPercent !== null && Number.isFinite(warningPercent)) {
    const share = Math.min(Math.max(warningPercent, 0), 100) / 100;
    const threshold = receivedAt.getTime() + share * Math.max(0, dueMillis - receivedAt.getTime());
    warn = nowMillis >= threshold;
  }

  // An item below its starting level is first lifted to it; that lift is this sweep's one step.
  if (!overdue || currentLevel < floor) return { warn, targetLevel: floor };
  // Levels above the current one, lowest first; past the top the item stays where it is.
  const next = levels
    .map((level) => level.level)
    .filter((level) => level > floor)
    .sort((a, b) => a - b)[0];
  return { warn, targetLevel: next ?? floor };
}
