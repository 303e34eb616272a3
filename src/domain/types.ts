// Plain data shapes shared by the pure domain modules and the database schema: calendars, service-standard
// targets and matches, routing-rule conditions and actions. No I/O here.

import type { Priority, WriterType } from '../shared/vocabulary.ts';

export type { Priority, WriterType };

/** Working hours per weekday ("0" = Sunday … "6" = Saturday; null = closed) and the holidays, as local dates. */
export interface BusinessCalendar {
  preset?: string;
  workingHours: Record<string, { start: string; end: string } | null>;
  holidays: { date: string; name: string }[];
}

/** A duration of a service standard. */
export interface Target {
  amount: number;
  unit: 'business_hours' | 'business_days' | 'calendar_days';
}

/** Which cases a service standard applies to; an absent list matches everything. */
export interface StandardMatch {
  channel?: string[];
  subject?: string[];
  priority?: Priority[];
  writerType?: WriterType[];
}

export interface RuleConditions {
  channel?: string[];
  subject?: string[];
  /** Any of these words or phrases in the subject line or text (case-insensitive). */
  words?: string[];
  writerType?: WriterType[];
  language?: string[];
  facility?: string[];
}

export interface RuleActions {
  unitCode?: string;
  priority?: Priority;
  serviceStandardId?: number;
  tags?: string[];
}

/** An interval during which the clock stood still (waiting on the constituent). `to` null = still paused. */
export interface Pause {
  from: Date;
  to: Date | null;
}

export interface EscalationLevel {
  level: number;
  name: string;
  notifyRole: 'assignee' | 'supervisor' | 'unit_manager' | 'administrator';
}
