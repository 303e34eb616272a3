// The SVG chart builder: well-formed markup for any text (fast-check), the accessible name and description, empty and
// all-zero data, negative values, sideways bars for many categories, and round axis scales.
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { ReportTable } from '../../../shared/report-document.ts';
import { chartSpec, describeChart, fitText, niceScale, svgChart, type ChartSpec } from './svg-chart.ts';

const spec = (overrides: Partial<ChartSpec> = {}): ChartSpec => ({
  id: 'c1',
  kind: 'bar',
  title: 'Cases by channel',
  categoryLabel: 'Channel',
  valueLabel: 'Cases',
  categories: ['Email', 'Letter', 'Phone'],
  series: [{ name: 'Cases', values: [120, 45, 0] }],
  format: 'count',
  ...overrides,
});

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  htmlEntities: true,
});
const parse = (svg: string) => parser.parse(svg).svg;
/** Texts drawn on the chart (the <text> elements), in order. */
const drawnTexts = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]!
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&'),
  );

describe('svgChart', () => {
  it('is an accessible image named by its title and described with its numbers', () => {
    const svg = svgChart(spec());
    const root = parse(svg);
    expect(root.role).toBe('img');
    expect(root['aria-labelledby']).toBe('c1-title c1-desc');
    expect(root.title['#text']).toBe('Cases by channel');
    expect(root.desc['#text']).toBe('Bar chart of Cases by Channel, 3 categories. Email 120; Letter 45; Phone 0.');
    const texts = drawnTexts(svg);
    expect(texts).toContain('Cases by channel');
    expect(texts).toEqual(expect.arrayContaining(['120', '45', '0', 'Email', 'Letter', 'Phone', 'Channel', 'Cases']));
  });

  it('stays well-formed and shows the text itself whatever the labels contain', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { minLength: 1, maxLength: 15 }),
        fc.string({ unit: 'grapheme', maxLength: 30 }),
        fc.constantFrom<'bar' | 'line'>('bar', 'line'),
        (labels, title, kind) => {
          const values = labels.map((_, i) => (i % 4 === 3 ? null : i * 3 - 5));
          const svg = svgChart(spec({ kind, title, categories: labels, series: [{ name: 'n', values }] }));
          expect(XMLValidator.validate(svg)).toBe(true);
          expect(svg).not.toMatch(/<(?!\/?(svg|title|desc|text|rect|line|g|path|circle)[\s>/])/);
          const shownTitle = parse(svg).title;
          const plain = typeof shownTitle === 'object' ? (shownTitle['#text'] ?? '') : shownTitle;
          // The title reads back as written, less the control characters the escaping drops.
          // eslint-disable-next-line no-control-regex
          expect(String(plain)).toBe(title.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ''));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('escapes markup in labels and titles', () => {
    const svg = svgChart(
      spec({ title: '<script>alert(1)</script>', categories: ['a & b', '"q"', "<img src=x onerror='y'>"] }),
    );
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('a &amp; b');
    expect(XMLValidator.validate(svg)).toBe(true);
  });

  it('draws an empty table as a framed "No data for this period"', () => {
    for (const empty of [
      spec({ categories: [], series: [{ name: 'n', values: [] }] }),
      spec({ series: [{ name: 'n', values: [null, null, null] }] }),
    ]) {
      const svg = svgChart(empty);
      expect(drawnTexts(svg)).toContain('No data for this period');
      expect(parse(svg).desc['#text']).toBe('Bar chart of Cases by Channel: no data for this period.');
      expect(svg).not.toContain('NaN');
    }
  });

  it('draws all-zero values on a 0–1 axis with zero-height bars and their 0 labels', () => {
    const svg = svgChart(spec({ series: [{ name: 'n', values: [0, 0, 0] }] }));
    expect(svg).not.toContain('NaN');
    expect(svg).not.toContain('Infinity');
    const heights = [...svg.matchAll(/<rect x="[^"]+" y="[^"]+" width="[^"]+" height="([^"]+)" fill/g)].map((m) =>
      Number(m[1]),
    );
    expect(heights).toEqual([0, 0, 0]);
    expect(drawnTexts(svg).filter((t) => t === '0').length).toBeGreaterThanOrEqual(3);
  });

  it('turns bars sideways for many categories or long labels, one bar per category', () => {
    const many = Array.from({ length: 20 }, (_, i) => `Subject ${i + 1}`);
    const sideways = svgChart(spec({ categories: many, series: [{ name: 'n', values: many.map((_, i) => i) }] }));
    expect(parse(sideways).desc['#text']).toMatch(/^Horizontal bar chart/);
    expect(drawnTexts(sideways)).toEqual(expect.arrayContaining(many));
    const long = svgChart(
      spec({ categories: ['Shelter conditions at a facility', 'B'], series: [{ name: 'n', values: [1, 2] }] }),
    );
    expect(parse(long).desc['#text']).toMatch(/^Horizontal bar chart/);
    expect(parse(svgChart(spec())).desc['#text']).toMatch(/^Bar chart/);
  });

  it('draws negative values from the zero line, with the axis covering them', () => {
    const svg = svgChart(spec({ series: [{ name: 'Change', values: [-12, 5, 0] }] }));
    expect(drawnTexts(svg)).toEqual(expect.arrayContaining(['-12', '5', '-15']));
    expect(XMLValidator.validate(svg)).toBe(true);
  });

  it('draws lines with a legend for several series and breaks a line at a missing value', () => {
    const svg = svgChart(
      spec({
        kind: 'line',
        categories: ['Jan', 'Feb', 'Mar', 'Apr'],
        series: [
          { name: 'This year', values: [3, null, 5, 6] },
          { name: 'Last year', values: [2, 2, 2, 2] },
        ],
      }),
    );
    const paths = [...svg.matchAll(/<path d="([^"]+)"/g)].map((m) => m[1]!);
    expect(paths[0]!.match(/M/g)).toHaveLength(2);
    expect(paths[1]!.match(/M/g)).toHaveLength(1);
    expect(drawnTexts(svg)).toEqual(expect.arrayContaining(['This year', 'Last year']));
    expect(
      describeChart(
        spec({
          kind: 'line',
          categories: ['Jan'],
          series: [
            { name: 'A', values: [1] },
            { name: 'B', values: [null] },
          ],
        }),
      ),
    ).toBe('Line chart of Cases by Channel, 1 category. A: Jan 1. B: Jan no value.');
  });

  it('shortens the description of a long series', () => {
    const many = Array.from({ length: 50 }, (_, i) => `S${i}`);
    const text = describeChart(spec({ categories: many, series: [{ name: 'n', values: many.map(() => 1) }] }), true);
    expect(text).toContain('S39 1; and 10 more.');
    expect(text).not.toContain('S40');
  });
});

describe('chartSpec', () => {
  const table: ReportTable = {
    name: 'sla',
    title: 'On time',
    columns: [
      { key: 'month', label: 'Month' },
      { key: 'email', label: 'Email', format: 'percent' },
      { key: 'letter', label: 'Letter', format: 'percent' },
    ],
    rows: [
      { month: '2026-09', email: 91.5, letter: 'n/a' },
      { month: '2026-10', email: 88, letter: 70 },
    ],
  };

  it('takes categories from the label column and one series per value column; text values are gaps', () => {
    const s = chartSpec(
      { kind: 'line', title: 'On time', table: 'sla', labelColumn: 'month', valueColumns: ['email', 'letter'] },
      table,
      'x',
    );
    expect(s).toMatchObject({
      categories: ['2026-09', '2026-10'],
      categoryLabel: 'Month',
      valueLabel: 'Percent',
      format: 'percent',
      series: [
        { name: 'Email', values: [91.5, 88] },
        { name: 'Letter', values: [null, 70] },
      ],
    });
  });

  it('names a missing column', () => {
    expect(() =>
      chartSpec({ kind: 'bar', title: 'T', table: 'sla', labelColumn: 'month', valueColumns: ['phone'] }, table, 'x'),
    ).toThrow(/column "phone"/);
  });
});

describe('niceScale and fitText', () => {
  it('covers every value and zero with round steps', () => {
    fc.assert(
      fc.property(
        fc.array(
          // Report numbers are counts, percents, days and seconds: nothing below a millionth (subnormals underflow).
          fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => (Math.abs(v) < 1e-6 ? 0 : v)),
          { minLength: 1, maxLength: 20 },
        ),
        (values) => {
          const { low, high, step } = niceScale(values);
          expect(low).toBeLessThanOrEqual(Math.min(0, ...values));
          expect(high).toBeGreaterThanOrEqual(Math.max(0, ...values));
          expect(high).toBeGreaterThan(low);
          expect((high - low) / step).toBeLessThanOrEqual(12);
          const mantissa = step / 10 ** Math.floor(Math.log10(step));
          expect([1, 2, 2.5, 5, 10].some((m) => Math.abs(m - mantissa) < 1e-9)).toBe(true);
        },
      ),
    );
    expect(niceScale([87.5, 12.5], 'percent')).toEqual({ low: 0, high: 100, step: 20 });
    expect(niceScale([0, 1], 'count')).toEqual({ low: 0, high: 1, step: 1 });
    expect(niceScale([1234, 56], 'count')).toEqual({ low: 0, high: 1250, step: 250 });
  });

  it('cuts long text with an ellipsis and leaves short text alone', () => {
    expect(fitText('Email', 100)).toBe('Email');
    const cut = fitText('Shelter conditions at a very long facility name', 80);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThan(20);
  });
});
