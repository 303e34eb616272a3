// The month a report screen opens on: the last complete month of the agency's calendar, across a year's turn.
import { describe, expect, it } from 'vitest';
import { lastMonth } from './report-parts.tsx';

describe('lastMonth', () => {
  it.each([
    ['2026-12-06', '2026-11', 'November 2026'],
    ['2026-01-01', '2025-12', 'December 2025'],
    ['2026-03-31', '2026-02', 'February 2026'],
  ])('on %s is %s', (today, key, label) => {
    const period = lastMonth(today);
    expect(period.key).toBe(key);
    expect(period.label).toBe(label);
  });
});
