// What every hand-drawn chart needs: round axis ticks, short date labels, which labels fit along an axis, a
// palette whose colours stand out from white by at least 3:1 (WCAG 1.4.11), and heat-map shades with a text colour
// that stays readable on each.

/** Series colours, each at least 4.5:1 against white and told apart by hue and lightness. */
export const SERIES_COLORS = ['#0b57a4', '#b45309', '#166534', '#7e22ce', '#be123c', '#0f766e', '#4a5560', '#854d0e'];

/** The colour of the n-th series. */
export const seriesColor = (index: number) => SERIES_COLORS[index % SERIES_COLORS.length]!;

/**
 * Axis ticks from 0 to a round maximum at or above `max`, about `count` of them (steps of 1, 2 or 5 × 10ⁿ); counts
 * (`integer`) never get a step below 1.
 */
export function niceTicks(
  max: number,
  { count = 4, integer = false }: { count?: number; integer?: boolean } = {},
): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const nice = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const step = integer ? Math.max(1, nice) : nice;
  const ticks: number[] = [];
  for (let value = 0; value < max + step; value += step) {
    ticks.push(Math.round(value * 1e6) / 1e6);
    if (value >= max) break;
  }
  return ticks;
}

const SHORT_DATE = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** "Mar 2" for a local date "2026-03-02"; any other text as it is. */
export function shortDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return SHORT_DATE.format(new Date(`${value}T00:00:00Z`));
}

/** Every how many labels one is drawn so that labels `labelWidth` wide fit in `space` pixels. */
export function labelStep(count: number, space: number, labelWidth: number): number {
  if (count <= 0 || space <= 0) return 1;
  return Math.max(1, Math.ceil((count * labelWidth) / space));
}

/** A name cut with an ellipsis to fit `width` pixels of 12 px text (about 7 px a character). */
export function fitLabel(name: string, width: number): string {
  const chars = Math.floor(width / 7);
  return name.length <= chars ? name : `${name.slice(0, Math.max(1, chars - 1))}…`;
}

/** A number as staff read it: 1,234 or 2.5. */
export const formatNumber = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 1 });

// Light to dark blue; the text on the three darkest shades is white, on the others the page's text colour.
const HEAT_SHADES = ['#ffffff', '#e3edf8', '#c2d7ee', '#8fb4dd', '#2f6aad', '#1f5c9e', '#0b3a6e'];

/** The shade of a heat-map cell (0 is white) and the text colour that reads on it. */
export function heatShade(value: number, max: number): { fill: string; text: string } {
  if (!(value > 0) || !(max > 0)) return { fill: HEAT_SHADES[0]!, text: '#4a5560' };
  const index = Math.min(HEAT_SHADES.length - 1, 1 + Math.floor((value / max) * (HEAT_SHADES.length - 1.0001)));
  return { fill: HEAT_SHADES[index]!, text: index >= 4 ? '#ffffff' : '#1b1f24' };
}
