// The charts' scales and colours: round ticks that cover the data, labels that fit, series colours that stand out
// from white (WCAG 1.4.11, 3:1) and heat-map numbers readable on every shade (WCAG 1.4.3, 4.5:1).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SERIES_COLORS, heatShade, labelStep, niceTicks, shortDate } from './chart-scale.ts';

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const contrast = (a: string, b: string) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
};

describe('chart scales', () => {
  it('end the ticks at or above the largest value, from 0, evenly spaced', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1e7, noNaN: true }), fc.boolean(), (max, integer) => {
        const ticks = niceTicks(max, { integer });
        expect(ticks[0]).toBe(0);
        expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
        expect(ticks.length).toBeLessThanOrEqual(7);
        if (integer) expect(ticks.every(Number.isInteger)).toBe(true);
      }),
    );
    expect(niceTicks(1, { integer: true })).toEqual([0, 1]);
    expect(niceTicks(37)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });

  it('thin out labels that would not fit', () => {
    expect(labelStep(31, 800, 48)).toBe(2);
    expect(labelStep(7, 800, 48)).toBe(1);
    expect(labelStep(53, 300, 48)).toBe(9);
  });

  it('write local dates short', () => {
    expect(shortDate('2026-03-02')).toBe('Mar 2');
    expect(shortDate('SNAP')).toBe('SNAP');
  });

  it('use series colours with at least 3:1 against white', () => {
    for (const color of SERIES_COLORS) expect(contrast(color, '#ffffff'), color).toBeGreaterThanOrEqual(3);
  });

  it('keep heat-map numbers readable on every shade', () => {
    for (let value = 0; value <= 100; value++) {
      const shade = heatShade(value, 100);
      expect(contrast(shade.fill, shade.text), `${value}: ${shade.text} on ${shade.fill}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});
