// The search part of the screens' URLs (filters, drill-downs), apart from router.tsx so that screens can name
// these types without importing the router (which imports every screen).
import type { CaseSort, SortDirection } from '../shared/cases.ts';

export interface QueueSearch {
  channel?: string | undefined;
  subject?: string | undefined;
  status?: string | undefined;
  unit?: string | undefined;
  priority?: string | undefined;
  q?: string | undefined;
  /** The order of the rows (GET /api/v1/cases' sort and direction); the deadline, soonest first, when left out. */
  sort?: CaseSort | undefined;
  direction?: SortDirection | undefined;
  /** The saved view open on the queue (its id), so it can be saved again, renamed or deleted. */
  view?: number | undefined;
  /** Report drill-downs (the monthly report's numbers): more filters of GET /api/v1/cases, passed through as text. */
  receivedFrom?: string | undefined;
  receivedTo?: string | undefined;
  closedFrom?: string | undefined;
  closedTo?: string | undefined;
  openAt?: string | undefined;
  facility?: string | undefined;
  language?: string | undefined;
  writerType?: string | undefined;
  escalatedFrom?: string | undefined;
  escalatedTo?: string | undefined;
  escalationLevel?: string | undefined;
  merged?: string | undefined;
  restricted?: string | undefined;
  missing?: string | undefined;
  firstResponse?: string | undefined;
  repeatContact?: string | undefined;
  surveyedFrom?: string | undefined;
  surveyedTo?: string | undefined;
}

/** The report drill-down keys of QueueSearch. */
export const REPORT_DRILL_KEYS = [
  'receivedFrom',
  'receivedTo',
  'closedFrom',
  'closedTo',
  'openAt',
  'facility',
  'language',
  'writerType',
  'escalatedFrom',
  'escalatedTo',
  'escalationLevel',
  'merged',
  'restricted',
  'missing',
  'firstResponse',
  'repeatContact',
  'surveyedFrom',
  'surveyedTo',
] as const;

/** A report screen's search: its period and filters, as text. */
export type ReportSearch = Record<string, string | undefined>;

/** The quality screens' view, measure, search words, as text. */
export type QualitySearch = { view?: string | undefined; measure?: string | undefined; q?: string | undefined };
