// The cross-tab screen keeps its whole state in the URL: the definition (period, filters, rows, columns, measure),
// the saved report it came from and the cell being drilled into. These helpers turn that search part into a
// definition for the API and back, and give the API shapes the screen reads.
import type { ReportSearch } from '../../route-search.ts';
import type { CrosstabResult, DimensionValue } from '../../../shared/reports.ts';

export type { CrosstabResult, DimensionValue };

export interface DefinitionInput {
  filters: {
    period: string;
    unitId?: number[];
    subject?: string[];
    channel?: string[];
    status?: string[];
    writerType?: string[];
    language?: string[];
    facility?: string[];
  };
  rows: string[];
  columns: string[];
  measure: string;
}

export interface SavedReport {
  id: number;
  name: string;
  description: string;
  definition: DefinitionInput;
  owner: { id: number; name: string };
  sharedWith: 'private' | 'unit' | 'agency';
  sharedUnit: { id: number; name: string } | null;
  version: number;
  canEdit: boolean;
}

export interface DrillCell {
  row: DimensionValue[] | null;
  column: DimensionValue[] | null;
}

const list = (value: string | undefined) =>
  value
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : [];

/** The search keys of each filter, and how a value list is read back. */
const FILTER_KEYS = [
  ['unit', 'unitId'],
  ['subject', 'subject'],
  ['channel', 'channel'],
  ['status', 'status'],
  ['writer', 'writerType'],
  ['language', 'language'],
  ['facility', 'facility'],
] as const;

/** The definition the URL describes, or null before a period is chosen. */
export function definitionFromSearch(search: ReportSearch): DefinitionInput | null {
  if (!search.period) return null;
  const filters: DefinitionInput['filters'] = { period: search.period };
  for (const [key, field] of FILTER_KEYS) {
    // A facility name may hold commas, so it is one value.
    const values = key === 'facility' ? (search.facility ? [search.facility] : []) : list(search[key]);
    if (values.length === 0) continue;
    if (field === 'unitId') filters.unitId = values.map(Number);
    else filters[field] = values;
  }
  return { filters, rows: list(search.rows), columns: list(search.columns), measure: search.measure ?? 'count' };
}

/** The search part that describes a definition (and the saved report it belongs to). */
export function searchFromDefinition(definition: DefinitionInput, saved?: number): ReportSearch {
  const search: ReportSearch = {
    period: definition.filters.period,
    rows: definition.rows.join(',') || undefined,
    columns: definition.columns.join(',') || undefined,
    measure: definition.measure,
    saved: saved === undefined ? undefined : String(saved),
  };
  for (const [key, field] of FILTER_KEYS) {
    const values = definition.filters[field];
    if (values?.length) search[key] = key === 'facility' ? String(values[0]) : values.join(',');
  }
  return search;
}

/** The drilled cell as URL text. */
export const encodeDrill = (cell: DrillCell) => JSON.stringify([cell.row, cell.column]);

/** The drilled cell from the URL, or null when absent or not one of ours. */
export function decodeDrill(text: string | undefined): DrillCell | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as unknown;
    if (!Array.isArray(value) || value.length !== 2) return null;
    const part = (v: unknown) => (Array.isArray(v) ? (v as DimensionValue[]) : null);
    return { row: part(value[0]), column: part(value[1]) };
  } catch {
    return null;
  }
}

/** The API path that downloads what is on screen (the definition as it stands) as CSV or XLSX. */
export function downloadPath(definition: DefinitionInput, format: 'csv' | 'xlsx'): string {
  return `/api/v1/reports/crosstab?format=${format}&definition=${encodeURIComponent(JSON.stringify(definition))}`;
}

/** The API path that downloads a saved report, as saved, as CSV or XLSX. */
export const savedDownloadPath = (report: SavedReport, format: 'csv' | 'xlsx') =>
  `/api/v1/reports/saved/${report.id}/run?format=${format}`;
