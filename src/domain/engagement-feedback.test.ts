import { describe, expect, it } from 'vitest';
import { FEEDBACK_OPEN_DAYS, feedbackClosesAt, feedbackOpen } from './engagement-feedback.ts';

const NY = 'America/New_York';
const single = (endsAt: string, status = 'held') => ({
  endsAt: new Date(endsAt),
  seriesEndsAt: null,
  recurring: false,
  status,
});

describe('feedback window of an engagement', () => {
  it('stays open for thirty days', () => expect(FEEDBACK_OPEN_DAYS).toBe(30));

  it.each([
    // a meeting ending 20:00 New York time on 1 March closes at the end of 31 March, New York time (EDT by then)
    ['2026-03-01T20:00:00-05:00', '2026-04-01T03:59:59.999Z'],
    // ending 23:30 local on 31 January (04:30 UTC the next day) counts from the local date, 31 January
    ['2026-02-01T04:30:00Z', '2026-03-03T04:59:59.999Z'],
    // across the autumn change back to standard time
    ['2026-10-15T18:00:00-04:00', '2026-11-15T04:59:59.999Z'],
  ])('a meeting ending %s closes at %s', (endsAt, closes) => {
    expect(feedbackClosesAt(single(endsAt), NY)?.toISOString()).toBe(closes);
  });

  it('counts a series from its last meeting, and never closes a series without an end', () => {
    const series = {
      endsAt: new Date('2026-01-05T19:00:00-05:00'),
      seriesEndsAt: new Date('2026-06-01T19:00:00-04:00'),
      recurring: true,
      status: 'planned',
    };
    expect(feedbackClosesAt(series, NY)?.toISOString()).toBe('2026-07-02T03:59:59.999Z');
    expect(feedbackClosesAt({ ...series, seriesEndsAt: null }, NY)).toBeNull();
    expect(feedbackOpen({ ...series, seriesEndsAt: null }, NY, new Date('2030-01-01T00:00:00Z'))).toBe(true);
  });

  it.each([
    ['2026-03-31T23:59:00-04:00', true],
    ['2026-04-01T00:00:01-04:00', false],
  ])('at %s the link of a 1 March meeting is open: %s', (now, open) => {
    expect(feedbackOpen(single('2026-03-01T20:00:00-05:00'), NY, new Date(now))).toBe(open);
  });

  it('takes no feedback for a cancelled engagement', () => {
    expect(feedbackOpen(single('2026-03-01T20:00:00-05:00', 'cancelled'), NY, new Date('2026-03-02T00:00:00Z'))).toBe(
      false,
    );
  });
});
