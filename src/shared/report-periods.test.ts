import { describe, expect, it } from 'vitest';
import { parsePeriod, periodInstants, periodYearEarlier, previousMonth } from './report-periods.ts';

describe('report periods', () => {
  it('reads months, quarters, fiscal years and ranges as first and last local day', () => {
    expect(parsePeriod('2026-02')).toMatchObject({
      kind: 'month',
      from: '2026-02-01',
      to: '2026-02-28',
      label: 'February 2026',
    });
    expect(parsePeriod('2024-02').to).toBe('2024-02-29');
    expect(parsePeriod('2026-12').to).toBe('2026-12-31');
    expect(parsePeriod('2026-q4')).toMatchObject({
      kind: 'quarter',
      key: '2026-Q4',
      from: '2026-10-01',
      to: '2026-12-31',
    });
    expect(parsePeriod('FY2027')).toMatchObject({ kind: 'fiscal_year', from: '2026-07-01', to: '2027-06-30' });
    expect(parsePeriod(' 2026-01-05..2026-02-04 ')).toMatchObject({
      kind: 'range',
      from: '2026-01-05',
      to: '2026-02-04',
    });
  });

  it('refuses what is not a period, saying what is accepted', () => {
    for (const bad of [
      '',
      '2026-13',
      '2026-00',
      '2026-Q5',
      'FY27',
      '2026-02-30..2026-03-01',
      '2026-03-02..2026-03-01',
      'october',
    ]) {
      expect(() => parsePeriod(bad), bad).toThrow(/month \(2026-10\)/);
    }
    expect(() => parsePeriod('2000-01-01..2026-01-01')).toThrow(/ten years/);
  });

  it('finds the same period a year earlier and the month before', () => {
    expect(periodYearEarlier(parsePeriod('2026-10')).key).toBe('2025-10');
    expect(periodYearEarlier(parsePeriod('FY2027')).key).toBe('FY2026');
    expect(periodYearEarlier(parsePeriod('2026-Q1')).key).toBe('2025-Q1');
    expect(periodYearEarlier(parsePeriod('2024-02-29..2024-03-10')).key).toBe('2023-02-28..2023-03-10');
    expect(previousMonth(parsePeriod('2026-01')).key).toBe('2025-12');
    expect(previousMonth(parsePeriod('2026-07')).key).toBe('2026-06');
  });

  it('turns local days into instants of the agency time zone, across a DST change', () => {
    const { start, end } = periodInstants(parsePeriod('2026-03'), 'America/New_York');
    expect(start.toISOString()).toBe('2026-03-01T05:00:00.000Z');
    expect(end.toISOString()).toBe('2026-04-01T04:00:00.000Z');
    const la = periodInstants(parsePeriod('FY2027'), 'America/Los_Angeles');
    expect(la.start.toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(la.end.toISOString()).toBe('2027-07-01T07:00:00.000Z');
  });
});
