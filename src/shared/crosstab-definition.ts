// What an ad-hoc cross-tab may ask for: the dimension and measure lists with their labels, the filters and the
// definition's shape. Server (validation in server/reports/crosstab-definition.ts) and console both use them.
import { CASE_STATUSES, type CaseStatus } from './case-status.ts';
import type { WRITER_TYPE_VALUES } from './cases.ts';

type WriterType = (typeof WRITER_TYPE_VALUES)[number];

export const DIMENSIONS = [
  'subject',
  'subject_parent',
  'unit',
  'channel',
  'status',
  'writer_type',
  'language',
  'facility',
  'priority',
  'assignee',
  'month',
  'week',
  'day',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const DIMENSION_LABELS: Record<Dimension, string> = {
  subject: 'Subject',
  subject_parent: 'Subject (first level)',
  unit: 'Unit',
  channel: 'Channel',
  status: 'Status',
  writer_type: 'Who is writing',
  language: 'Language',
  facility: 'Facility',
  priority: 'Priority',
  assignee: 'Assignee',
  month: 'Month received',
  week: 'Week received (from Monday)',
  day: 'Day received',
};

/** Dimensions whose values are record ids (unit, assignee); the others are text. */
export const NUMERIC_DIMENSIONS: readonly Dimension[] = ['unit', 'assignee'];

/** Dimensions of the day a case was received, in the agency's time zone. */
export const TIME_DIMENSIONS: readonly Dimension[] = ['month', 'week', 'day'];

export const MEASURES = [
  'count',
  'open_count',
  'median_days_to_first_response',
  'p90_days_to_first_response',
  'mean_days_to_first_response',
  'median_days_to_close',
  'pct_first_response_on_time',
  'pct_closed_on_time',
] as const;
export type Measure = (typeof MEASURES)[number];

export interface MeasureInfo {
  label: string;
  /** How the number is shown (ReportColumn format). */
  format: 'count' | 'days' | 'percent';
  /** What the number is computed over, one sentence (printed under exported tables). */
  description: string;
}

export const MEASURE_INFO: Record<Measure, MeasureInfo> = {
  count: { label: 'Cases received', format: 'count', description: 'Cases received in the period.' },
  open_count: {
    label: 'Still open',
    format: 'count',
    description: 'Cases received in the period that are not closed now.',
  },
  median_days_to_first_response: {
    label: 'Median days to first response',
    format: 'days',
    description: 'Median of the days from receipt to the first response, over cases that have one.',
  },
  p90_days_to_first_response: {
    label: '90th percentile days to first response',
    format: 'days',
    description: '90th percentile of the days from receipt to the first response, over cases that have one.',
  },
  mean_days_to_first_response: {
    label: 'Mean days to first response',
    format: 'days',
    description: 'Mean of the days from receipt to the first response, over cases that have one.',
  },
  median_days_to_close: {
    label: 'Median days to close',
    format: 'days',
    description: 'Median of the days from receipt to closing, over closed cases.',
  },
  pct_first_response_on_time: {
    label: 'First response on time (%)',
    format: 'percent',
    description:
      'Cases with a first-response due date answered by it, as a share of those answered or already past due.',
  },
  pct_closed_on_time: {
    label: 'Closed on time (%)',
    format: 'percent',
    description: 'Cases with a resolution due date closed by it, as a share of those closed or already past due.',
  },
};

/** Measures that count cases: an empty cell is 0, not "no value". */
export const COUNT_MEASURES: readonly Measure[] = ['count', 'open_count'];

export const STATUS_FILTER_VALUES = ['open', ...CASE_STATUSES] as const;
export type StatusFilter = 'open' | CaseStatus;

export const WRITER_TYPES: readonly WriterType[] = [
  'constituent',
  'representative',
  'advocate',
  'elected_official',
  'media',
];

export interface CrosstabFilters {
  /** YYYY-MM, YYYY-Qn, FYyyyy or YYYY-MM-DD..YYYY-MM-DD (report-periods.ts); cases received in it, agency time. */
  period: string;
  /** Channel types or configured channel slugs. */
  channel?: string[];
  unitId?: number[];
  /** Subject codes; a first-level code also takes its children (SHELTER takes SHELTER.CONDITIONS). */
  subject?: string[];
  /** Statuses; "open" is every status but closed. */
  status?: StatusFilter[];
  writerType?: WriterType[];
  language?: string[];
  facility?: string[];
}

export interface CrosstabDefinition {
  filters: CrosstabFilters;
  rows: Dimension[];
  columns: Dimension[];
  measure: Measure;
}

export const MAX_ROW_DIMENSIONS = 2;
export const MAX_COLUMN_DIMENSIONS = 1;
