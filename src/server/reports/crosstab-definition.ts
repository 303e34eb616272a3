// What an ad-hoc cross-tab asks for: filters (a period and optional lists), up to two row dimensions, at most one
// column dimension and one measure, each from a fixed list. validateCrosstabDefinition turns any JSON (a request
// body, a saved report's stored definition) into a checked definition or one error naming every bad field.
// The lists, labels and the definition's shape live in src/shared/crosstab-definition.ts (the console uses them).
import { parsePeriod, type ReportPeriod } from '../../shared/report-periods.ts';
import { AppError, type ErrorDetail } from '../errors.ts';
import { WRITER_TYPES } from '../../shared/vocabulary.ts';
import {
  DIMENSIONS,
  MAX_COLUMN_DIMENSIONS,
  MAX_ROW_DIMENSIONS,
  MEASURES,
  STATUS_FILTER_VALUES,
  type CrosstabDefinition,
  type CrosstabFilters,
  type Dimension,
  type Measure,
} from '../../shared/crosstab-definition.ts';

export * from '../../shared/crosstab-definition.ts';

const MAX_LIST = 100;
const SUBJECT_CODE = /^[A-Z0-9_]{1,30}(\.[A-Z0-9_]{1,30})?$/;
const CHANNEL = /^[a-z0-9_-]{1,40}$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

class Problems {
  readonly details: ErrorDetail[] = [];
  add(field: string, message: string): void {
    this.details.push({ field, message });
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads an optional list; every entry is checked by `check` (returns the cleaned value or a problem). */
function readList<T>(
  problems: Problems,
  field: string,
  value: unknown,
  check: (entry: unknown) => { value: T } | { problem: string },
): T[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    problems.add(field, 'must be a list');
    return undefined;
  }
  if (value.length > MAX_LIST) problems.add(field, `can list at most ${MAX_LIST} values`);
  const out: T[] = [];
  for (const entry of value.slice(0, MAX_LIST)) {
    const checked = check(entry);
    if ('problem' in checked) problems.add(field, checked.problem);
    else if (!out.includes(checked.value)) out.push(checked.value);
  }
  return out.length > 0 ? out : undefined;
}

const textMatching =
  (pattern: RegExp, what: string, normalize: (s: string) => string = (s) => s) =>
  (entry: unknown): { value: string } | { problem: string } => {
    if (typeof entry !== 'string') return { problem: `${JSON.stringify(entry)} is not text` };
    const value = normalize(entry.trim());
    return pattern.test(value) ? { value } : { problem: `"${entry}" is not ${what}` };
  };

const oneOf =
  <T extends string>(values: readonly T[]) =>
  (entry: unknown): { value: T } | { problem: string } =>
    typeof entry === 'string' && (values as readonly string[]).includes(entry)
      ? { value: entry as T }
      : { problem: `"${String(entry)}" is not one of ${values.join(', ')}` };

function readFilters(problems: Problems, input: unknown): { filters: CrosstabFilters; period?: ReportPeriod } {
  if (!isObject(input)) {
    problems.add('filters', 'must be an object with at least a period');
    return { filters: { period: '' } };
  }
  const known = ['period', 'channel', 'unitId', 'subject', 'status', 'writerType', 'language', 'facility'];
  for (const key of Object.keys(input)) {
    if (!known.includes(key)) problems.add(`filters.${key}`, `is not a filter; use ${known.join(', ')}`);
  }
  let period: ReportPeriod | undefined;
  if (typeof input.period !== 'string' || input.period.trim() === '') {
    problems.add('filters.period', 'is required, e.g. 2026-10, 2026-Q3, FY2027 or 2026-01-01..2026-03-31');
  } else {
    try {
      period = parsePeriod(input.period);
    } catch (error) {
      problems.add('filters.period', (error as Error).message);
    }
  }
  const filters: CrosstabFilters = { period: period?.key ?? String(input.period ?? '') };
  const channel = readList(
    problems,
    'filters.channel',
    input.channel,
    textMatching(CHANNEL, 'a channel name', (s) => s.toLowerCase()),
  );
  if (channel) filters.channel = channel;
  const unitId = readList<number>(problems, 'filters.unitId', input.unitId, (entry) =>
    Number.isInteger(entry) && (entry as number) > 0 && (entry as number) <= 2147483647
      ? { value: entry as number }
      : { problem: `${JSON.stringify(entry)} is not a unit id` },
  );
  if (unitId) filters.unitId = unitId;
  const subject = readList(
    problems,
    'filters.subject',
    input.subject,
    textMatching(SUBJECT_CODE, 'a subject code', (s) => s.toUpperCase()),
  );
  if (subject) filters.subject = subject;
  const status = readList(problems, 'filters.status', input.status, oneOf(STATUS_FILTER_VALUES));
  if (status) filters.status = status;
  const writerType = readList(problems, 'filters.writerType', input.writerType, oneOf(WRITER_TYPES));
  if (writerType) filters.writerType = writerType;
  const language = readList(
    problems,
    'filters.language',
    input.language,
    textMatching(LANGUAGE, 'a language code such as es'),
  );
  if (language) filters.language = language;
  const facility = readList<string>(problems, 'filters.facility', input.facility, (entry) =>
    typeof entry === 'string' && entry.trim() !== '' && entry.length <= 200
      ? { value: entry.trim() }
      : { problem: 'a facility is a name of 1 to 200 characters' },
  );
  if (facility) filters.facility = facility;
  return period ? { filters, period } : { filters };
}

function readDimensions(problems: Problems, field: 'rows' | 'columns', value: unknown, max: number): Dimension[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.add(field, 'must be a list of dimensions');
    return [];
  }
  if (value.length > max) {
    problems.add(field, `can have at most ${max} dimension${max === 1 ? '' : 's'}; you chose ${value.length}`);
  }
  const out: Dimension[] = [];
  value.slice(0, max).forEach((entry, index) => {
    if (typeof entry === 'string' && (DIMENSIONS as readonly string[]).includes(entry)) out.push(entry as Dimension);
    else
      problems.add(`${field}[${index}]`, `"${String(entry)}" is not a dimension; use one of ${DIMENSIONS.join(', ')}`);
  });
  return out;
}

/** A checked definition and its parsed period, or a 400 naming every bad field. */
export function validateCrosstabDefinition(input: unknown): { definition: CrosstabDefinition; period: ReportPeriod } {
  const problems = new Problems();
  const body = isObject(input) ? input : {};
  if (!isObject(input)) problems.add('definition', 'must be an object with filters, rows, columns and measure');
  const { filters, period } = readFilters(problems, body.filters);
  const rows = readDimensions(problems, 'rows', body.rows, MAX_ROW_DIMENSIONS);
  const columns = readDimensions(problems, 'columns', body.columns, MAX_COLUMN_DIMENSIONS);
  const all = [...rows, ...columns];
  const twice = all.filter((d, i) => all.indexOf(d) !== i);
  if (twice.length > 0) {
    problems.add(
      columns.some((d) => twice.includes(d)) ? 'columns' : 'rows',
      `uses ${[...new Set(twice)].join(', ')} more than once; each dimension can appear only once`,
    );
  }
  const measure = body.measure ?? 'count';
  if (typeof measure !== 'string' || !(MEASURES as readonly string[]).includes(measure)) {
    problems.add('measure', `"${String(measure)}" is not a measure; use one of ${MEASURES.join(', ')}`);
  }
  if (problems.details.length > 0 || !period) {
    const message = problems.details.map((d) => `${d.field}: ${d.message}`).join('; ');
    throw new AppError('validation_failed', message, problems.details);
  }
  return { definition: { filters, rows, columns, measure: measure as Measure }, period };
}
