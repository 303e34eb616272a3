// A ReportDocument as a printed report: an HTML page (title, context lines, each table with its caption, the charts
// drawn from it as inline SVG, page numbers in the footer) rendered to PDF by the shared Chromium of the letters, whose
// text stack shapes every script the product writes in (Noto fonts).
import { escapeHtml } from '../../channels/letters/letter-html.ts';
import { renderPdf as renderHtmlToPdf } from '../../channels/letters/pdf-renderer.ts';
import { loadConfig } from '../../env.ts';
import type { ReportChart, ReportColumn, ReportDocument, ReportTable } from '../../../shared/report-document.ts';
import { chartSpec, svgChart } from './svg-chart.ts';
import { formatValue, isNumericFormat } from '../../../shared/value-format.ts';

export interface PdfOptions {
  /** The Chromium executable (Config.chromiumPath); read from the configuration when not given. */
  chromiumPath?: string;
  /** Paper size; US Letter unless the agency prints on A4. */
  paper?: 'Letter' | 'A4';
  /** How numbers are written (BCP 47): en-US unless given, e.g. fr-FR writes 33,3 %. */
  locale?: string;
}

// Latin first, then a face for each script of the product's languages, so any label finds its glyphs.
const FONT_STACK = [
  'Noto Sans',
  'Noto Naskh Arabic',
  'Noto Nastaliq Urdu',
  'Noto Sans Bengali',
  'Noto Sans CJK SC',
  'Noto Sans CJK KR',
  'DejaVu Sans',
  'sans-serif',
]
  .map((font) => (font.includes(' ') ? `"${font}"` : font))
  .join(', ');

const esc = escapeHtml;

function styles(paper: 'Letter' | 'A4'): string {
  return `
@page { size: ${paper === 'A4' ? 'A4' : 'letter'}; margin: 16mm 15mm 18mm 15mm;
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font-family: ${FONT_STACK}; font-size: 8pt; color: #444; } }
* { box-sizing: border-box; }
body { margin: 0; font-family: ${FONT_STACK}; font-size: 9.5pt; line-height: 1.35; color: #111; }
header.report { border-bottom: 2px solid #1f3a5f; padding-bottom: 6pt; margin-bottom: 12pt; }
h1 { font-size: 17pt; margin: 0 0 4pt; color: #1f3a5f; }
header.report p { margin: 0; color: #333; }
section.table { margin: 0 0 16pt; }
figure.chart { margin: 0 0 8pt; break-inside: avoid; }
svg.chart { font-family: ${FONT_STACK}; display: block; }
table { border-collapse: collapse; width: 100%; }
caption { caption-side: top; text-align: start; font-size: 11.5pt; font-weight: 700; padding: 0 0 4pt; color: #1f3a5f; }
caption .description { display: block; font-size: 9pt; font-weight: 400; color: #333; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border-bottom: 1px solid #ccc; padding: 2.5pt 5pt; vertical-align: top; }
th { text-align: start; }
thead th { border-bottom: 1.5px solid #333; background: #f2f4f7; }
tbody th { font-weight: 600; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.empty { color: #555; font-style: italic; }
`;
}

function tableHtml(table: ReportTable, locale: string): string {
  const numeric = (column: ReportColumn) => isNumericFormat(column.format);
  const head = table.columns
    .map((c) => `<th scope="col"${numeric(c) ? ' class="number"' : ''}>${esc(c.label)}</th>`)
    .join('');
  const body = table.rows.length
    ? table.rows
        .map((row) => {
          const cells = table.columns.map((c, index) => {
            const value = esc(formatValue(row[c.key], c.format, locale));
            if (index === 0) return `<th scope="row" dir="auto">${value}</th>`;
            return numeric(c) || typeof row[c.key] === 'number'
              ? `<td class="number">${value}</td>`
              : `<td dir="auto">${value}</td>`;
          });
          return `<tr>${cells.join('')}</tr>`;
        })
        .join('')
    : `<tr><td class="empty" colspan="${Math.max(1, table.columns.length)}">No rows for this period.</td></tr>`;
  const description = table.description ? `<span class="description">${esc(table.description)}</span>` : '';
  return (
    `<table><caption>${esc(table.title)}${description}</caption>` +
    `<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`
  );
}

function chartsByTable(doc: ReportDocument): Map<string, ReportChart[]> {
  const byTable = new Map<string, ReportChart[]>();
  for (const chart of doc.charts ?? []) {
    if (!doc.tables.some((t) => t.name === chart.table)) {
      throw new RangeError(`chart "${chart.title}" is drawn from table "${chart.table}", which the report lacks`);
    }
    byTable.set(chart.table, [...(byTable.get(chart.table) ?? []), chart]);
  }
  return byTable;
}

/** The report as a complete print HTML document (what renderPdf prints); each chart sits above its table. */
export function reportHtml(doc: ReportDocument, options: Pick<PdfOptions, 'paper' | 'locale'> = {}): string {
  const charts = chartsByTable(doc);
  let chartNumber = 0;
  const sections = doc.tables.map((table) => {
    const figures = (charts.get(table.name) ?? []).map((chart) => {
      chartNumber += 1;
      return `<figure class="chart">${svgChart(chartSpec(chart, table, `chart-${chartNumber}`))}</figure>`;
    });
    return `<section class="table">${figures.join('')}${tableHtml(table, options.locale ?? 'en-US')}</section>`;
  });
  const subtitle = doc.subtitle.map((line) => `<p dir="auto">${esc(line)}</p>`).join('');
  return (
    `<!DOCTYPE html><html lang="${esc(options.locale ?? 'en-US')}"><head><meta charset="utf-8"><title>${esc(doc.title)}</title>` +
    `<style>${styles(options.paper ?? 'Letter')}</style></head><body>` +
    `<header class="report"><h1 dir="auto">${esc(doc.title)}</h1>${subtitle}</header>` +
    `<main>${sections.join('')}</main></body></html>`
  );
}

/** The report as PDF, printed by the shared Chromium (503 service_unavailable when Chromium is missing). */
export async function renderPdf(doc: ReportDocument, options: PdfOptions = {}): Promise<Buffer> {
  const chromiumPath = options.chromiumPath ?? loadConfig().chromiumPath;
  return renderHtmlToPdf(reportHtml(doc, options), chromiumPath);
}
