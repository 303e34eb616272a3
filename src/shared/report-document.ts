// The shape every report is rendered from: a title, a few lines of context and named tables of real values, with
// optional charts drawn from those tables. The MMR indicators, the monthly report and ad-hoc cross-tabs all build
// one, and render/ turns it into CSV, XLSX (one sheet per table) or PDF (tables and charts), so every format of a
// report shows the same numbers.

/** A cell: numbers stay numbers (XLSX cells are numeric), null is an empty cell. */
export type ReportCell = string | number | null;

export interface ReportColumn {
  key: string;
  label: string;
  /** How a number is shown: count (1,234), percent (value is 0–100, shown 87.5%), days (2.4), seconds. */
  format?: 'text' | 'count' | 'percent' | 'days' | 'seconds' | 'date';
}

export interface ReportTable {
  /** Short and unique within the document; used as the XLSX sheet name (≤ 31 characters) and CSV section. */
  name: string;
  title: string;
  /** One sentence saying what the numbers count, printed under the title. */
  description?: string;
  columns: ReportColumn[];
  rows: Record<string, ReportCell>[];
}

export interface ReportChart {
  kind: 'bar' | 'line';
  title: string;
  /** The table the chart is drawn from, its label column and the numeric columns drawn as series. */
  table: string;
  labelColumn: string;
  valueColumns: string[];
}

export interface ReportDocument {
  title: string;
  /** Lines under the title: agency, period, when it was generated, for whom. */
  subtitle: string[];
  tables: ReportTable[];
  charts?: ReportChart[];
}
