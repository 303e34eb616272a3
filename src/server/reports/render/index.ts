// Turns any ReportDocument into a file: CSV, XLSX, PDF or JSON. Every export, the CLI and scheduled delivery go
// through renderReport, so all formats of a report carry the same numbers.
import type { ReportDocument } from '../../../shared/report-document.ts';
import { renderCsv } from './csv.ts';
import { renderPdf, type PdfOptions } from './pdf.ts';
import { renderXlsx } from './xlsx.ts';

export { renderCsv } from './csv.ts';
export { renderXlsx } from './xlsx.ts';
export { renderPdf, reportHtml, type PdfOptions } from './pdf.ts';

export const REPORT_FORMATS = ['csv', 'xlsx', 'pdf', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderedReport {
  body: Buffer | string;
  contentType: string;
  extension: string;
}

/** The document in one format, with its content type and file extension. PDF needs Chromium (see PdfOptions). */
export async function renderReport(
  doc: ReportDocument,
  format: ReportFormat,
  options: PdfOptions = {},
): Promise<RenderedReport> {
  switch (format) {
    case 'csv':
      return { body: renderCsv(doc), contentType: 'text/csv; charset=utf-8', extension: 'csv' };
    case 'xlsx':
      return {
        body: await renderXlsx(doc),
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        extension: 'xlsx',
      };
    case 'pdf':
      return { body: await renderPdf(doc, options), contentType: 'application/pdf', extension: 'pdf' };
    case 'json':
      return {
        body: `${JSON.stringify(doc, null, 2)}\n`,
        contentType: 'application/json; charset=utf-8',
        extension: 'json',
      };
    default:
      throw new RangeError(`unknown report format "${String(format)}"`);
  }
}

/** A file name for a report: its title and the period key in lower-case ASCII words, e.g. monthly-report-2026-10.pdf. */
export function reportFileName(title: string, periodKey: string, extension: string): string {
  const words = `${title} ${periodKey}`
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${words || 'report'}.${extension}`;
}
