// The renderers on one hand-written report: the CSV byte for byte, the XLSX read back with exceljs (sheet names, numeric
// cells equal to the document, formats, frozen rows, properties), the PDF read back with pdftotext (values, chart titles,
// page numbers, several scripts), and renderReport's content types.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { closeRenderer } from '../../channels/letters/pdf-renderer.ts';
import { loadConfig } from '../../env.ts';
import type { ReportDocument } from '../../../shared/report-document.ts';
import { renderCsv, renderPdf, renderReport, renderXlsx, reportFileName, reportHtml } from './index.ts';
import { sheetName } from './xlsx.ts';

const chromiumPath = loadConfig().chromiumPath;
const work = mkdtempSync(path.join(tmpdir(), 'civicdesk-report-render-'));

afterAll(async () => {
  await closeRenderer();
  rmSync(work, { recursive: true, force: true });
});

const doc: ReportDocument = {
  title: 'Monthly report — October 2026',
  subtitle: ['Department of Social Services', 'Generated 2026-11-02 08:00 for Ana Ruiz'],
  tables: [
    {
      name: 'volume_by_channel',
      title: 'Volume by channel',
      description: 'Cases received in the month, by the channel they came through.',
      columns: [
        { key: 'channel', label: 'Channel', format: 'text' },
        { key: 'cases', label: 'Cases', format: 'count' },
        { key: 'share', label: 'Share', format: 'percent' },
        { key: 'median', label: 'Median days to first response', format: 'days' },
        { key: 'change', label: 'Change', format: 'count' },
      ],
      rows: [
        { channel: 'Email', cases: 1234, share: 87.5, median: 2.25, change: -12 },
        { channel: 'Letter, "postal"', cases: 56, share: 12.5, median: null, change: 0 },
        { channel: '=HYPERLINK("http://x")', cases: 0, share: 0, median: 0.1 + 0.2, change: 3 },
      ],
    },
    {
      name: 'backlog',
      title: 'Open backlog by age',
      columns: [
        { key: 'band', label: 'Age band' },
        { key: 'open', label: 'Open cases', format: 'count' },
        { key: 'since', label: 'Oldest received', format: 'date' },
      ],
      rows: [
        { band: '0–14 days', open: 40, since: '2026-10-18' },
        { band: '15+ days\nlong', open: 7, since: '2026-08-03' },
      ],
    },
  ],
  charts: [
    {
      kind: 'bar',
      title: 'Cases by channel',
      table: 'volume_by_channel',
      labelColumn: 'channel',
      valueColumns: ['cases'],
    },
    { kind: 'line', title: 'Backlog by age band', table: 'backlog', labelColumn: 'band', valueColumns: ['open'] },
  ],
};

function pdftotext(pdf: Buffer): string {
  const file = path.join(work, `${Math.random().toString(16).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[\u202a-\u202e]/g, '');
  } finally {
    rmSync(file, { force: true });
  }
}

describe('CSV', () => {
  it('writes sections with title lines, CRLF, quotes, plain numbers, neutralised formulas and a BOM', () => {
    expect(renderCsv(doc)).toBe(
      '\uFEFF' +
        'Volume by channel\r\n' +
        'Channel,Cases,Share,Median days to first response,Change\r\n' +
        'Email,1234,87.5,2.25,-12\r\n' +
        '"Letter, ""postal""",56,12.5,,0\r\n' +
        '"\'=HYPERLINK(""http://x"")",0,0,0.3,3\r\n' +
        '\r\n' +
        'Open backlog by age\r\n' +
        'Age band,Open cases,Oldest received\r\n' +
        '0–14 days,40,2026-10-18\r\n' +
        '"15+ days\nlong",7,2026-08-03\r\n',
    );
  });

  it('writes a single table without a title line', () => {
    const single = { ...doc, tables: [doc.tables[1]!], charts: [] };
    expect(renderCsv(single)).toBe(
      '\uFEFFAge band,Open cases,Oldest received\r\n0–14 days,40,2026-10-18\r\n"15+ days\nlong",7,2026-08-03\r\n',
    );
  });

  it('never writes a thousands separator or an exponent', () => {
    const big = {
      title: 't',
      subtitle: [],
      tables: [
        {
          name: 'n',
          title: 'n',
          columns: [{ key: 'v', label: 'v', format: 'count' as const }],
          rows: [{ v: 5_000_000 }, { v: 1e21 }, { v: 0.0000001 }, { v: -0.5 }],
        },
      ],
    };
    expect(renderCsv(big)).toBe('\uFEFFv\r\n5000000\r\n1000000000000000000000\r\n0.0000001\r\n-0.5\r\n');
  });
});

describe('XLSX', () => {
  async function readBack(buffer: Buffer) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    return workbook;
  }

  it('has an About sheet, then one sheet per table with numbers as numeric cells equal to the document', async () => {
    const workbook = await readBack(await renderXlsx(doc));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['About', 'volume_by_channel', 'backlog']);
    expect(workbook.creator).toBe('civicdesk');
    expect(workbook.title).toBe(doc.title);
    const about = workbook.getWorksheet('About')!;
    expect(about.getCell('A1').value).toBe(doc.title);
    expect(about.getCell('A2').value).toBe(doc.subtitle[0]);
    expect(about.getCell('A3').value).toBe(doc.subtitle[1]);

    doc.tables.forEach((table, t) => {
      const sheet = workbook.worksheets[t + 1]!;
      expect(sheet.getCell('A1').value).toBe(table.title);
      expect(sheet.getRow(1).font?.bold).toBe(true);
      expect(sheet.getRow(2).font?.bold).toBe(true);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
      expect(table.columns.map((_, c) => sheet.getCell(2, c + 1).value)).toEqual(table.columns.map((c) => c.label));
      table.rows.forEach((row, r) => {
        table.columns.forEach((column, c) => {
          const cell = sheet.getCell(r + 3, c + 1);
          const expected = row[column.key];
          if (typeof expected === 'number') {
            expect(cell.type).toBe(ExcelJS.ValueType.Number);
            // A percent (0–100 in the document) is its fraction in the sheet, shown by the 0.0% format.
            expect(cell.value).toBe(column.format === 'percent' ? Number((expected / 100).toPrecision(12)) : expected);
          } else if (expected === null) {
            expect(cell.value).toBeNull();
          } else if (column.format === 'date') {
            expect(cell.type).toBe(ExcelJS.ValueType.Date);
            expect((cell.value as Date).toISOString().slice(0, 10)).toBe(expected);
          } else {
            expect(cell.value).toBe(expected);
          }
        });
      });
    });
    const volume = workbook.getWorksheet('volume_by_channel')!;
    expect(volume.getCell('B3').numFmt).toBe('#,##0');
    expect(volume.getCell('C3').numFmt).toBe('0.0%');
    expect(volume.getCell('C3').value).toBe(0.875);
    expect(volume.getCell('D3').numFmt).toBe('#,##0.0');
    expect(volume.getColumn(4).width).toBeGreaterThanOrEqual('Median days to first response'.length);
    expect(workbook.getWorksheet('backlog')!.getCell('C3').numFmt).toBe('yyyy-mm-dd');
  });

  it('makes sheet names Excel accepts: short, unique, without forbidden characters', async () => {
    const taken = new Set(['about']);
    expect(sheetName('About', taken)).toBe('About (2)');
    expect(sheetName('Subject × unit × month: [all] / by week?', taken)).toBe('Subject × unit × month all by w');
    expect(sheetName('Subject × unit × month: [all] / by week!', taken)).toBe('Subject × unit × month all (2)');
    expect(sheetName("'quoted'", taken)).toBe('quoted');
    expect(sheetName('history', taken)).toBe('history table');
    expect(sheetName('***', taken)).toBe('Table');
    const long = 'A very long table name that goes on and on';
    const tables = [long, long, long.toUpperCase()].map((name) => ({ ...doc.tables[1]!, name }));
    const workbook = await readBack(await renderXlsx({ ...doc, tables, charts: [] }));
    const names = workbook.worksheets.map((s) => s.name);
    expect(names).toEqual([
      'About',
      'A very long table name that goe',
      'A very long table name that (2)',
      'A VERY LONG TABLE NAME THAT (3)',
    ]);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(31);
  });

  it('writes a document without tables as just the About sheet', async () => {
    const workbook = await readBack(await renderXlsx({ title: 'Empty', subtitle: [], tables: [] }));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['About']);
  });
});

describe('PDF', () => {
  it('prints the title, every table value, the chart titles and page numbers', async () => {
    const pdf = await renderPdf(doc, { chromiumPath });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdftotext(pdf);
    expect(text).toContain('Monthly report — October 2026');
    expect(text).toContain('Department of Social Services');
    expect(text).toContain('Volume by channel');
    expect(text).toContain('Cases by channel');
    expect(text).toContain('Backlog by age band');
    expect(text).toMatch(/Email\s+1,234\s+87\.5%\s+2\.3\s+-12/);
    expect(text).toMatch(/Letter, "postal"\s+56\s+12\.5%/);
    expect(text).toContain('=HYPERLINK("http://x")');
    expect(text).toMatch(/0–14 days\s+40\s+2026-10-18/);
    expect(text).toMatch(/Page 1 of \d/);
  });

  it('writes percentages in the locale way', () => {
    expect(reportHtml(doc)).toMatch(/>87\.5%</);
    expect(reportHtml(doc, { locale: 'fr-FR' })).toMatch(/>87,5\s%</);
    expect(reportHtml(doc, { locale: 'de-DE' })).toMatch(/>1\.234</);
  });

  it('renders labels in the Local Law 30 scripts and prints on A4 when asked', async () => {
    const labels = [
      'Vivienda',
      '住房',
      'Жильё',
      'আবাসন',
      'Lojman',
      '주거',
      'السكن',
      'رہائش',
      'Logement',
      'Mieszkanie zażółć',
    ];
    const many: ReportDocument = {
      title: 'Subjects in every language',
      subtitle: [],
      tables: [
        {
          name: 'subjects',
          title: 'Subjects',
          columns: [
            { key: 'subject', label: 'Subject' },
            { key: 'cases', label: 'Cases', format: 'count' },
          ],
          rows: labels.map((subject, i) => ({ subject, cases: (i + 1) * 11 })),
        },
      ],
      charts: [
        { kind: 'bar', title: 'Cases by subject', table: 'subjects', labelColumn: 'subject', valueColumns: ['cases'] },
      ],
    };
    const pdf = await renderPdf(many, { chromiumPath, paper: 'A4' });
    const compact = pdftotext(pdf).replace(/\s+/g, '');
    for (const label of labels) expect(compact).toContain(label.replace(/\s+/g, ''));
    const file = path.join(work, 'a4.pdf');
    writeFileSync(file, pdf);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Page size:.*\(A4\)/);
  });

  it('puts each chart above its table and refuses a chart drawn from a missing table', () => {
    const html = reportHtml(doc);
    expect(html.indexOf('Cases by channel')).toBeLessThan(html.indexOf('<caption>Volume by channel'));
    expect(html).toContain('role="img"');
    expect(() => reportHtml({ ...doc, charts: [{ ...doc.charts![0]!, table: 'nope' }] })).toThrow(/table "nope"/);
  });
});

describe('renderReport', () => {
  it('gives each format its content type and extension', async () => {
    const csv = await renderReport(doc, 'csv');
    expect(csv).toMatchObject({ contentType: 'text/csv; charset=utf-8', extension: 'csv' });
    const xlsx = await renderReport(doc, 'xlsx');
    expect(xlsx.extension).toBe('xlsx');
    expect((xlsx.body as Buffer).subarray(0, 2).toString('latin1')).toBe('PK');
    const json = await renderReport(doc, 'json');
    expect(JSON.parse(json.body as string)).toEqual(doc);
    const pdf = await renderReport(doc, 'pdf', { chromiumPath });
    expect(pdf.contentType).toBe('application/pdf');
  });

  it('names files by title and period in plain words', () => {
    expect(reportFileName('Monthly report — October 2026', '2026-10', 'pdf')).toBe(
      'monthly-report-october-2026-2026-10.pdf',
    );
    expect(reportFileName('Informe de atención', '2026-Q3', 'xlsx')).toBe('informe-de-atencion-2026-q3.xlsx');
    expect(reportFileName('住房', 'FY2027', 'csv')).toBe('fy2027.csv');
  });
});
